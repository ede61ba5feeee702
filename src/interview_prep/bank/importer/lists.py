"""Lists of questions: reading a list from one of its items, and what its sub-items are.

A list right under a topic whose items read as questions is a list of questions (in a
document that asks in list items, one question is enough; see ``parser``). Each item's
nested lines are its answer, except when they are part of the question: follow-up prompts
that all ask ("Any exceptions?"), or the things a question refers to ("What do the
following commands do?" over ``- tee``, ``- tac``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layout import LIST_ITEM
from .scan import Kind, Line
from .text import looks_like_question

# "What do the following commands do?", "…these two commands:": the items under it are
# what it asks about, part of the question.
_REFERS_BELOW = re.compile(r"\b(?:following|these|below)\b|:\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ListItems:
    """A list read from one of its items on: its items (line index, nested lines, text)."""

    items: list[tuple[int, list[int], str]]
    questions: list[int]  # how many items from each one on read as questions
    first: dict[int, int]  # line index of an item -> its position in ``items``
    end: int  # the index after the list


def item_text(line: Line) -> str:
    match = LIST_ITEM.match(line.text)
    return match["text"] if match else line.text


def read_list(lines: list[Line], start: int, top: int) -> ListItems:
    """The list whose first item is ``lines[start]``, its items indented ``top`` at most."""
    items: list[tuple[int, list[int], str]] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.kind is Kind.TEXT and line.indent <= top and LIST_ITEM.match(line.text):
            items.append((index, [], item_text(line)))
        elif line.kind in (Kind.TEXT, Kind.CODE) and line.indent > top and items:
            items[-1][1].append(index)
        elif line.kind in (Kind.BLANK, Kind.SKIP):
            pass
        else:
            break
        index += 1
    questions = [0] * (len(items) + 1)  # question-like items from each item on
    for position in range(len(items) - 1, -1, -1):
        asks = looks_like_question(items[position][2])
        questions[position] = questions[position + 1] + asks
    first = {item[0]: position for position, item in enumerate(items)}
    return ListItems(items, questions, first, index)


def split_item(text: str, nested: list[Line]) -> tuple[str, list[Line]]:
    """An item's question and the lines of its answer, from its text and nested lines."""
    if not nested:
        return text, []
    refers = _REFERS_BELOW.search(text) and all(LIST_ITEM.match(ln.text) for ln in nested)
    if refers or all(_is_follow_up(line) for line in nested):
        # Follow-up prompts, or what the question asks about: part of the question, which
        # then stays without an answer.
        return f"{text}\n\n" + "\n".join(_as_item(line) for line in nested), []
    return text, nested


def _is_follow_up(line: Line) -> bool:
    match = LIST_ITEM.match(line.text)
    return line.kind is Kind.TEXT and match is not None and looks_like_question(match["text"])


def _as_item(line: Line) -> str:
    """A nested item as a top-level list item of the question."""
    match = LIST_ITEM.match(line.text)
    return f"- {match['text'].strip()}" if match else line.text.strip()
