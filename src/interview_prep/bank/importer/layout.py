"""Decide how a document marks its questions, before reading it.

People keep interview questions in a handful of layouts. We count, outside code and outside
answer folds, how many lines of each candidate marker look like questions, and pick the one
with most: a heading level (``### What is X?``, ``## 12. Closures``), top-level numbered items
(``8. What is ETL?``), whole-line bold paragraphs (``**What is X?**``) or ``<details>`` whose
``<summary>`` is the question. Ties go to headings, then numbers, then bold, then details,
the order in which the layouts are most often unambiguous.

Also here: matching ``<details>`` tags. Authors forget closing tags, so a fold that is never
closed is matched with nothing (it ends where the next question starts), and a stray
``</details>`` matches nothing either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .scan import Kind, Line
from .text import is_generic_label, looks_like_question

NUMBERED = re.compile(r"^ {0,3}(\d{1,4})[.)]\s+(\S.*)$")
BOLD_LINE = re.compile(r"^ {0,3}(\*\*|__)(?P<text>[^*_].*?)\1\s*:?\s*$")
LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,4}[.)])\s+(?P<text>.*)$")


class Marker(Enum):
    HEADING = "heading"
    NUMBERED = "numbered"
    BOLD = "bold"
    DETAILS = "details"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Layout:
    marker: Marker
    heading_level: int = 0  # the question heading level when marker is HEADING


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
    """Which lines sit inside a closed ``<details>`` fold (its tags excluded)."""
    inside = [False] * len(lines)
    for start, end in pairs.items():
        for index in range(start + 1, end):
            inside[index] = True
    return inside


def _summary_after(lines: list[Line], index: int) -> Line | None:
    for line in lines[index + 1 : index + 4]:
        if line.kind is Kind.SUMMARY:
            return line
        if line.kind is not Kind.BLANK:
            return None
    return None


def detect_layout(lines: list[Line], pairs: dict[int, int]) -> Layout:
    inside = inside_folds(lines, pairs)
    by_level: dict[int, int] = {}
    numbered = bold = details = 0
    previous_blank = True
    for index, line in enumerate(lines):
        if inside[index]:
            previous_blank = False
            continue
        if line.kind is Kind.HEADING and line.content and looks_like_question(line.content):
            by_level[line.level] = by_level.get(line.level, 0) + 1
        elif line.kind is Kind.TEXT:
            match = NUMBERED.match(line.text)
            if match and looks_like_question(match.group(2)):
                numbered += 1
            bold_match = BOLD_LINE.match(line.text)
            if previous_blank and bold_match and looks_like_question(bold_match["text"]):
                bold += 1
        elif line.kind is Kind.DETAILS_OPEN:
            summary = _summary_after(lines, index)
            content = summary.content if summary else ""
            if content and not is_generic_label(content) and looks_like_question(content):
                details += 1
        previous_blank = line.kind is Kind.BLANK
    level, heading_count = max(
        by_level.items(), key=lambda item: (item[1], -item[0]), default=(0, 0)
    )
    candidates = [
        (heading_count, Marker.HEADING),
        (numbered, Marker.NUMBERED),
        (bold, Marker.BOLD),
        (details, Marker.DETAILS),
    ]
    count, marker = max(candidates, key=lambda item: item[0])  # first wins a tie
    if count == 0:
        return Layout(Marker.NONE)
    return Layout(marker, level if marker is Marker.HEADING else 0)
