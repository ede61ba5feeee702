"""Decide how a document marks its questions, before reading it.

People keep interview questions in a handful of layouts. We count, outside code and outside
answer folds, how many lines of each candidate marker look like questions, and pick the one
with most: a heading level (``### What is X?``, ``## 12. Closures``), top-level numbered items
(``8. What is ETL?``), whole-line bold paragraphs (``**What is X?**``), ``<details>`` whose
``<summary>`` is the question, or labelled pairs (``Q: …`` / ``A: …``, ``**Q1.** …`` /
``Answer: …``). Ties go to labels, then headings, numbers, bold, details, the order in
which the layouts are most often unambiguous.

The same count ranks every candidate for an import dialog (``count_candidates``): markers
with question-like lines first, in the order detection weighs them, so the first is always
what detection picks; then markers whose lines would be taken when forced although none of
them reads as a question (a heading level of ``## Closures``, ``## Hoisting``…), so a user
can still choose them. The names (``heading-3``, ``numbered``, ``bold``, ``details``,
``labelled``) are
the ones ``question_marker`` takes (``parse_marker``; anything not in ``QUESTION_MARKERS`` is
a ``ValueError``) and ``ImportResult.layout`` reports. A forced marker replaces detection
only: the parser applies the same rules to it.

Also here: matching ``<details>`` tags. Authors forget closing tags, so a fold that is never
closed is matched with nothing (it ends where the next question starts), and a stray
``</details>`` matches nothing either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .scan import Kind, Line
from .tables import asking_cells
from .text import ends_with_question_mark, is_generic_label, looks_like_question

NUMBERED = re.compile(r"^ {0,3}(\d{1,4})[.)]\s+(\S.*)$")
# "**What is X?**", also followed by a difficulty marker: "**What is X?** 👶", "… [Junior]".
BOLD_LINE = re.compile(
    r"^ {0,3}(\*\*|__)(?P<text>[^*_].*?)\1\s*:?"
    r"(?P<marks>(?:\s*(?::[a-z0-9_+-]+:|[^\w\s*_`<>\[\]()]{1,4}|[\[(]\w+[\])]))*)\s*$"
)
_BREAK_TAG = re.compile(r"<br\s*/?>\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^ ?[-*+]\s+(?P<text>\S.*)$")  # a bulleted item, not a nested one
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,4}[.)])\s+(?P<text>.*)$")
# "Q: …", "**Q:** …", "**Q1.** …", "Question: …", "Question 3) …": a labelled question.
QUESTION_LABEL = re.compile(
    r"^ {0,3}(?:\*\*|__)?(?:q|question)\s*\d{0,4}\s*[:.)](?:\*\*|__)?\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
# "A: …", "**A:** …", "Answer: …": where its answer starts.
ANSWER_LABEL = re.compile(
    r"^ {0,3}(?:\*\*|__)?(?:a|ans|answer)\s*\d{0,4}\s*[:.)](?:\*\*|__)?(?:\s|$)", re.IGNORECASE
)


class Marker(Enum):
    LABELLED = "labelled"
    HEADING = "heading"
    NUMBERED = "numbered"
    BOLD = "bold"
    LIST = "list"
    TABLE = "table"
    DETAILS = "details"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Layout:
    marker: Marker
    heading_level: int = 0  # the question heading level when marker is HEADING

    @property
    def name(self) -> str:
        """``heading-3``, ``numbered``, ``bold``, ``details`` or ``none``."""
        if self.marker is Marker.HEADING:
            return f"heading-{self.heading_level}"
        return str(self.marker.value)


#: What ``question_marker`` accepts: ``auto`` (detect), then every marker that can be forced.
QUESTION_MARKERS: tuple[str, ...] = (
    "auto",
    *(f"heading-{level}" for level in range(1, 7)),
    "numbered",
    "bold",
    "details",
    "labelled",
    "list",
    "table",
)
_FORCED = {
    **{f"heading-{level}": Layout(Marker.HEADING, level) for level in range(1, 7)},
    "numbered": Layout(Marker.NUMBERED),
    "bold": Layout(Marker.BOLD),
    "details": Layout(Marker.DETAILS),
    "labelled": Layout(Marker.LABELLED),
    "list": Layout(Marker.LIST),
    "table": Layout(Marker.TABLE),
}


def parse_marker(value: str | None) -> Layout | None:
    """The layout a ``question_marker`` value forces; None for ``None`` or ``"auto"``.

    Raises ``ValueError`` naming the accepted values for anything else.
    """
    if value is None or value == "auto":
        return None
    layout = _FORCED.get(value) if isinstance(value, str) else None
    if layout is None:
        accepted = ", ".join(repr(name) for name in QUESTION_MARKERS)
        raise ValueError(f"unknown question marker {value!r}; use one of {accepted}")
    return layout


def match_details(lines: list[Line]) -> tuple[dict[int, int], list[int]]:
    """Map each ``<details>`` line index to its ``</details>`` index; list stray closes."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    stray: list[int] = []
    for index, line in enumerate(lines):
        if line.kind is Kind.DETAILS_OPEN:
            stack.append(index)
        elif line.kind is Kind.DETAILS_CLOSE:
            if stack:
                pairs[stack.pop()] = index
            else:
                stray.append(index)
    return pairs, stray


def inside_folds(lines: list[Line], pairs: dict[int, int]) -> list[bool]:
    """Which lines sit inside a closed ``<details>`` fold (its tags excluded).

    One pass over the lines however deeply folds nest (marking each fold's range would take
    the square of the lines for thousands of nested folds).
    """
    changes = [0] * (len(lines) + 1)  # folds opening (+1) and closing (-1) before each line
    for start, end in pairs.items():
        changes[start + 1] += 1
        changes[end] -= 1
    inside: list[bool] = []
    depth = 0
    for change in changes[:-1]:
        depth += change
        inside.append(depth > 0)
    return inside


def _summary_after(lines: list[Line], index: int) -> Line | None:
    for line in lines[index + 1 : index + 4]:
        if line.kind is Kind.SUMMARY:
            return line
        if line.kind is not Kind.BLANK:
            return None
    return None


def _asks_below(lines: list[Line], index: int) -> bool:
    """A title heading ("#### Globals") whose next line asks: "Why are globals evil?"."""
    for line in lines[index + 1 : index + 3]:
        if line.kind is Kind.TEXT:
            return ends_with_question_mark(_BREAK_TAG.sub("", line.text).strip())
        if line.kind is not Kind.BLANK:
            return False
    return False


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way to read the document: its layout and two counts from the same pass.

    ``likely`` counts lines of that marker that read as questions (what detection weighs);
    ``found`` counts the lines the parser would take as questions if the marker is forced
    (every heading of that level, every fold with a summary that is not a generic label;
    for numbered and bold lines it is ``likely``, as the parser asks the same of them).
    """

    layout: Layout
    likely: int
    found: int


_KIND_RANK = {
    Marker.LABELLED: 0,  # "Q:" says it outright
    Marker.HEADING: 1,
    Marker.NUMBERED: 2,
    Marker.BOLD: 3,
    Marker.LIST: 4,
    Marker.TABLE: 5,
    Marker.DETAILS: 6,
}


def count_candidates(
    lines: list[Line], pairs: dict[int, int], inside: list[bool] | None = None
) -> list[Candidate]:
    """Every marker present outside folds, most likely first (the first is what
    ``detect_layout`` picks); markers that would find nothing are left out."""
    if inside is None:
        inside = inside_folds(lines, pairs)
    likely_level: dict[int, int] = {}
    found_level: dict[int, int] = {}
    numbered = bold = details = details_found = labelled = bullets = rows = 0
    previous_blank = True
    for index, line in enumerate(lines):
        if inside[index]:
            previous_blank = False
            continue
        kind = line.kind
        if kind is Kind.HEADING:
            if line.content:
                level = line.level
                found_level[level] = found_level.get(level, 0) + 1
                if looks_like_question(line.content) or _asks_below(lines, index):
                    likely_level[level] = likely_level.get(level, 0) + 1
        elif kind is Kind.TEXT:
            if QUESTION_LABEL.match(line.text):
                labelled += 1
            match = NUMBERED.match(line.text)
            if match and looks_like_question(match.group(2)):
                numbered += 1
            if line.text.startswith("|") and asking_cells(line.text):
                rows += 1
            bullet = _BULLET.match(line.text)
            if bullet and looks_like_question(bullet["text"]):
                bullets += 1
            bold_match = BOLD_LINE.match(line.text)
            if previous_blank and bold_match and looks_like_question(bold_match["text"]):
                bold += 1
        elif kind is Kind.DETAILS_OPEN:
            summary = _summary_after(lines, index)
            content = summary.content if summary else ""
            if content and not is_generic_label(content):
                details_found += 1
                if looks_like_question(content):
                    details += 1
        previous_blank = kind is Kind.BLANK
    candidates = [
        Candidate(Layout(Marker.HEADING, level), likely_level.get(level, 0), found)
        for level, found in found_level.items()
    ]
    candidates += [
        Candidate(Layout(Marker.LABELLED), labelled, labelled),
        Candidate(Layout(Marker.NUMBERED), numbered, numbered),
        Candidate(Layout(Marker.BOLD), bold, bold),
        Candidate(Layout(Marker.LIST), bullets, bullets),
        Candidate(Layout(Marker.TABLE), rows, rows),
        Candidate(Layout(Marker.DETAILS), details, details_found),
    ]
    # Detection's order: most question-like lines; ties to headings (shallower first), then
    # numbers, bold, details. Markers none of whose lines reads as a question come after.
    candidates.sort(
        key=lambda c: (
            c.likely == 0,
            -c.likely,
            -c.found if c.likely == 0 else 0,
            _KIND_RANK[c.layout.marker],
            c.layout.heading_level,
        )
    )
    return [c for c in candidates if c.found]


def detect_layout(
    lines: list[Line], pairs: dict[int, int], inside: list[bool] | None = None
) -> Layout:
    """What marks the questions: the marker with most question-like lines, if any."""
    candidates = count_candidates(lines, pairs, inside)
    if not candidates or candidates[0].likely == 0:
        return Layout(Marker.NONE)
    return candidates[0].layout
