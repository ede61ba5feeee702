"""Questions kept in markdown tables: ``| # | Question | Answer |``, one question a row.

A table is one of questions when one of its columns mostly reads as questions. That column
is the question; a column headed "Answer" (in several languages) is its answer; a column of
numbers is numbering, and goes; any other column with short cells (``[SLIDE]``,
``Easy``) gives each question tags, and a column of longer text is added to the answer under
its header, so no cell is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import looks_like_question

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBER = re.compile(r"^[#№]?\s*\d{1,4}(?:[.]\d{1,4})*[.)]?$")
_ANSWER_HEADERS = {
    "answer", "answers", "a", "ans", "response", "solution", "explanation",
    "resposta", "respuesta", "réponse", "reponse", "antwort", "risposta", "ответ", "答案",
    "回答", "답", "답변", "解答",
}  # fmt: skip
_TAG_TEXT = re.compile(r"[`\[\]*_]")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def is_row(text: str) -> bool:
    return text.lstrip().startswith("|")


def is_separator(text: str) -> bool:
    return bool(_SEPARATOR.match(text)) and "-" in text


def split_row(text: str) -> list[str]:
    """The cells of a table row; ``\\|`` and pipes inside code spans stay in their cell."""
    cells: list[str] = []
    current: list[str] = []
    in_code = False
    body = text.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body) and body[index + 1] == "|":
            current.append("|")
            index += 2
            continue
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current).strip())
    return cells


def asking_cells(text: str) -> int:
    """How many cells of a row (its first aside, often a number) read as questions."""
    cells = split_row(text)
    return sum(1 for cell in cells if cell and looks_like_question(cell) and len(cell) > 8)


@dataclass(frozen=True, slots=True)
class TableQuestion:
    row: int  # index of the row among the table's lines
    question: str
    answer: str | None
    tags: tuple[str, ...]


def read_table(rows: list[str]) -> list[TableQuestion] | None:
    """The questions of a table (its lines, header first), or None if it is none of them."""
    if len(rows) < 3 or not is_separator(rows[1]):
        return None
    header = split_row(rows[0])
    body = [(index, split_row(text)) for index, text in enumerate(rows[2:], start=2)]
    width = len(header)
    asking = [0] * width
    for _, cells in body:
        for column, cell in enumerate(cells[:width]):
            if cell and looks_like_question(cell) and len(cell) > 8:
                asking[column] += 1
    if not body or not any(asking):
        return None
    question_column = max(range(width), key=lambda c: asking[c])
    if asking[question_column] * 2 < len(body):
        return None
    names = [cell.casefold().strip(" *_`:") for cell in header]
    answer_column = next(
        (c for c, name in enumerate(names) if c != question_column and name in _ANSWER_HEADERS),
        None,
    )
    out: list[TableQuestion] = []
    for index, cells in body:
        cells = cells + [""] * (width - len(cells))
        question = cells[question_column]
        if not question:
            continue
        answer_parts: list[str] = []
        if answer_column is not None and cells[answer_column]:
            answer_parts.append(_BREAK.sub("\n", cells[answer_column]).strip())
        tags: list[str] = []
        for column, cell in enumerate(cells[:width]):
            if column in (question_column, answer_column) or not cell or _NUMBER.match(cell):
                continue
            words = _TAG_TEXT.sub(" ", cell).split()
            if len(words) <= 3:
                tags.extend(word.casefold() for word in words)
            else:
                answer_parts.append(f"**{header[column].strip()}:** {cell}")
        answer = "\n\n".join(part for part in answer_parts if part) or None
        out.append(TableQuestion(index, question, answer, tuple(dict.fromkeys(tags))))
    return out
