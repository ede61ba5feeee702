"""What the whole document looks like, decided before it is read question by question.

* Its **title**: the lone level-1 heading outside answer folds, when it comes first and
  questions are not level-1 headings themselves.
* Its **first topic**: text before it is the preamble (a legend, a note on contributing),
  where only a line that asks outright is a question.
* **Heading levels that ask** besides the questions' own: a document in two parts
  (``## Question 5. …`` above, ``## Arrays`` over ``### 1. What is printed?`` below).
* **Headings over nothing but links** (``### Other answers`` and a list of URLs), which are
  no question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Layout, Marker
from .scan import Kind, Line
from .text import looks_like_question

QUESTION_NUMBER = re.compile(r"^\s*(?:q|question)\s*\d{1,4}[a-z]?\b", re.IGNORECASE)
NUMBERED_QUESTION = re.compile(r"^\s*(?:q(?:uestion)?\s*)?\d{1,4}\s*[.):、]\s*\D", re.IGNORECASE)
# A line, or list item, of one link and nothing else: "- https://…", "* [Title](https://…)".
ONLY_LINK = re.compile(
    r"^\s*(?:[-*+]|\d{1,4}[.)])?\s*(?:<?https?://\S+>?|\[(?P<label>[^\]]+)\]\([^)\s]+\))\s*$"
)


@dataclass(frozen=True, slots=True)
class Shape:
    layout: Layout
    title_index: int | None  # the title heading's index in the lines
    first_topic: int | None  # the first topic heading's index
    asking_levels: set[int] = field(default_factory=set)

    def in_preamble(self, index: int, topic: str | None) -> bool:
        """Before the first topic heading of a document that has topics."""
        return topic is None and self.first_topic is not None and index < self.first_topic

    def question_off_level(self, line: Line, *, after_question: bool) -> bool:
        """A heading that asks at another level than the questions': ``## Question 5. …``
        where most questions are ``### 1. …``, or ``### 66) …`` among ``#### 65) …``.

        A shallower asking level's questions count, a deeper one's only when numbered (a
        deeper heading that asks is more often part of an answer). One level up, a numbered
        question after another counts however few there are.
        """
        content = line.content
        labelled = bool(QUESTION_NUMBER.match(content))  # "Question 21. Calculate …"
        if not looks_like_question(content) and not labelled:
            return False
        numbered = labelled or bool(NUMBERED_QUESTION.match(content))
        primary = self.layout.heading_level
        if line.level in self.asking_levels:
            return line.level < primary or numbered
        return line.level == primary - 1 and numbered and after_question


def read_shape(lines: list[Line], inside: list[bool], layout: Layout, verbatim: bool) -> Shape:
    headings = [
        (index, line)
        for index, line in enumerate(lines)
        if line.kind is Kind.HEADING and not inside[index]
    ]
    title = _title(headings, layout)
    question_level = layout.heading_level if layout.marker is Marker.HEADING else 7
    first_topic = next(
        (
            index
            for index, line in headings
            if index != title and line.level < question_level and line.content
        ),
        None,
    )
    asking = set() if verbatim else _asking_levels(headings, layout)
    return Shape(layout, title, first_topic, asking)


def _title(headings: list[tuple[int, Line]], layout: Layout) -> int | None:
    if not headings:
        return None
    first_index, first = headings[0]
    h1_count = sum(1 for _, line in headings if line.level == 1)
    question_level = layout.heading_level if layout.marker is Marker.HEADING else 0
    if first.level == 1 and h1_count == 1 and question_level != 1:
        return first_index
    return None


def _asking_levels(headings: list[tuple[int, Line]], layout: Layout) -> set[int]:
    """Heading levels besides the questions' where three or more headings, and at least
    half, read as questions."""
    if layout.marker is not Marker.HEADING:
        return set()
    found: dict[int, int] = {}
    asking: dict[int, int] = {}
    for _, line in headings:
        if line.content:
            found[line.level] = found.get(line.level, 0) + 1
            if looks_like_question(line.content) or QUESTION_NUMBER.match(line.content):
                asking[line.level] = asking.get(line.level, 0) + 1
    return {
        level
        for level, count in asking.items()
        if level != layout.heading_level and count >= 3 and count * 2 >= found[level]
    }


def links_section(lines: list[Line], index: int) -> int | None:
    """A heading that does not ask, over nothing but links: where it ends, else None."""
    content = lines[index].content
    if looks_like_question(content) or NUMBERED_QUESTION.match(content):
        return None
    end = index + 1
    links = 0
    while end < len(lines) and lines[end].kind is not Kind.HEADING:
        line = lines[end]
        if line.kind in (Kind.TEXT, Kind.CODE, Kind.DETAILS_OPEN, Kind.SUMMARY):
            match = ONLY_LINK.match(line.text) if line.kind is Kind.TEXT else None
            if match is None or looks_like_question(match["label"] or ""):
                return None  # text, or a link that asks ("[What happens when…?](…)")
            links += 1
        end += 1
    return end if links else None
