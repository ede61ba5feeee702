"""The import's no-silent-loss rule, checked from the outside.

Every non-blank line of a document must end up in a question, an answer, a topic or the
title, or be reported: inside a range a warning names (``lines 3–4``, ``line 7``), on a
warning's line, or among the lines the import says it left out (``ImportResult.left_out``).
A line "ends up" somewhere when each of its words (markup, link targets, list numbers and
one-letter labels aside) is in the imported text; a difficulty marker counts as kept when
the question carries that difficulty. This reads the document by itself, not with the
importer's own bookkeeping, so it catches text the importer drops without noticing.
"""

from __future__ import annotations

import re
from textwrap import dedent
from typing import Any

from interview_prep.bank.importer import ImportResult, parse_markdown

_URL = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+|:[a-z0-9_+-]+:")
_NUMBERING = re.compile(r"^(?:q|question)?\d+[a-z]?$", re.IGNORECASE)  # "12", "Q1", "17a"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_RANGE = re.compile(r"lines? (\d+(?:–\d+)?(?:, \d+(?:–\d+)?)*)")
# Words that are structure, not content: fold labels, Q/A labels, list and heading words.
_STRUCTURE = {
    "answer", "answers", "show", "solution", "question", "questions", "ans", "click",
    "expand", "details", "summary", "br", "div", "span", "href", "name", "id",
}  # fmt: skip
_LEVELS = {
    "easy": {"easy", "beginner", "junior", "basic", "entry"},
    "medium": {"medium", "intermediate", "middle", "mid", "regular", "moderate"},
    "hard": {"hard", "advanced", "expert", "senior", "difficult", "experienced"},
}


def _words(text: str) -> set[str]:
    return {
        w.casefold()
        for w in _WORD.findall(_URL.sub(" ", text))
        if len(w) > 1 and not _NUMBERING.match(w) and w.casefold() not in _STRUCTURE
    }


def reported_lines(result: ImportResult) -> set[int]:
    """Lines a warning names, by its line or a range in its message, and lines left out."""
    lines: set[int] = set()
    for warning in result.warnings:
        if warning.line is not None:
            lines.add(warning.line)
        for match in _RANGE.finditer(warning.message):
            for span in match.group(1).split(", "):
                first, _, last = span.partition("–")
                lines.update(range(int(first), int(last or first) + 1))
    for numbers in result.left_out.values():
        lines.update(numbers)
    return lines


def lost_lines(text: str, result: ImportResult) -> list[tuple[int, str]]:
    """Non-blank lines of ``text`` whose words are nowhere in ``result`` and not reported."""
    kept: set[str] = _words(result.title)
    for question in result.questions:
        kept |= _words(question.topic) | _words(question.question)
        kept |= _words(question.answer or "")
        kept |= {tag.casefold() for tag in question.tags}
        if question.difficulty is not None:
            kept |= _LEVELS[question.difficulty.value]
    kept.add(result.source.rsplit("/", 1)[-1].rsplit(".", 1)[0].casefold())
    verbatim = "\n".join(f"{q.question}\n{q.answer or ''}" for q in result.questions)
    if not result.questions:  # "no questions found" is said of the whole document
        return []
    reported = reported_lines(result)
    lost: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = _words(line)
        if words and number not in reported and not words <= kept and line.strip() not in verbatim:
            lost.append((number, line))
    return lost


def parse_checked(text: str, source: str = "notes.md", **options: Any) -> ImportResult:
    """Import ``text`` (dedented), checking on the way that no line of it is lost silently."""
    document = dedent(text).lstrip("\n")
    result = parse_markdown(document, source=source, **options)
    assert lost_lines(document, result) == []
    return result
