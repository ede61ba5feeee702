"""Questions while the parser reads them (``Draft``), and as they come out of it.

The parser (``parser``) collects each question's marker text and the lines under it; here
those drafts become questions: the answer is cleaned (``answer``), a code block or a
paragraph that the question announces or that asks joins the question, and an export's
fold is read back from the source's lines (``verbatim``). The drafts of a document that holds
questions without answers (most of their text ends by asking) become their whole text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import answer as answer_text
from .progress import Progress, every
from .scan import Kind, Line
from .verbatim import decode_block


@dataclass(frozen=True, slots=True)
class VerbatimFold:
    """Where an export's question and answer text lie, as slices of the source's lines."""

    rest: tuple[int, int]  # the question's later lines: between its heading and the fold
    answer: tuple[int, int]  # the fold's lines between ``<summary>`` and ``</details>``
    label: str | None  # a descriptive summary, kept as a bold first line


@dataclass(slots=True)
class Draft:
    """A question being read: its marker's text and the lines under it so far."""

    topic: str | None  # None: before any topic or title, the document's title is used
    question: str
    line: int
    body: list[Line] = field(default_factory=list)
    fold_end: int | None = None  # index of the closing tag of the answer fold (-1: unclosed)
    fold_used: bool = False
    verbatim: VerbatimFold | None = None
    inner_fold_end: int | None = None  # index of the closing tag of a fold kept in the body
    in_list_item: bool = False  # the question is a list item: its answer is indented under it
    answered: bool = False  # labelled layout: the "A:" line has come
    tags: tuple[str, ...] = ()  # a table's short columns (see ``tables``)

    def awaiting_answer(self) -> bool:
        return not self.fold_used and all(line.kind is Kind.BLANK for line in self.body)


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    topic: str | None
    question: str
    answer: str | None
    line: int
    tags: tuple[str, ...] = ()


def questions_only(drafts: list[Draft]) -> bool:
    """Most questions' text ends by asking ("…?"): the document holds questions without
    answers, each a title and the question's text under it (code to read included)."""
    bodies = [
        d.body
        for d in drafts
        if not d.fold_used and d.verbatim is None and any(ln.text.strip() for ln in d.body)
    ]
    asking = sum(1 for body in bodies if answer_text.body_asks(body))
    return len(bodies) >= 5 and asking >= 0.6 * len(bodies)


def finish(
    drafts: list[Draft],
    *,
    raw: list[str] | None,
    warnings: list[tuple[int, str]],
    progress: Progress | None,
) -> list[ParsedQuestion]:
    """The questions of ``drafts``; a draft without text is reported in ``warnings``.

    ``raw``: an export's source lines (its folds are read from them). ``progress`` gets
    fractions from 0.5 to 1.0 (the parser's main loop had the first half).
    """
    whole_text = questions_only(drafts)
    out: list[ParsedQuestion] = []
    total = len(drafts)
    step = every(total)
    next_report = step if progress is not None else total
    for number, draft in enumerate(drafts):
        if number >= next_report and progress is not None:
            progress(0.5 + number / total / 2)
            next_report = number + step
        if draft.verbatim is not None:
            assert raw is not None
            question, answer = _verbatim_text(draft, draft.verbatim, raw)
        else:
            question, answer = _question_and_answer(draft, whole_text)
        if not question:
            warnings.append((draft.line, "question without text; skipped"))
            continue
        out.append(ParsedQuestion(draft.topic, question, answer, draft.line, draft.tags))
    return out


def _question_and_answer(draft: Draft, whole_text: bool) -> tuple[str, str | None]:
    question, body = answer_text.split_question_code(draft.question, draft.body)
    if draft.fold_used:
        pass
    elif whole_text:
        question, body = answer_text.question_with_body(question, body)
    else:
        question, body = answer_text.split_question_paragraph(question, body)
    answer = answer_text.build_answer(body, continuation=draft.in_list_item)
    if answer is None:  # a placeholder, an empty wrapper: said in the import's summary
        for line in body:
            if line.text.strip() and line.kind is not Kind.SKIP:
                line.left_out = line.left_out or "placeholder"
    return question, answer


def _verbatim_text(draft: Draft, fold: VerbatimFold, raw: list[str]) -> tuple[str, str | None]:
    rest = decode_block(raw[slice(*fold.rest)], question=True)
    question = f"{draft.question}\n{rest}" if rest else draft.question
    answer = decode_block(raw[slice(*fold.answer)])
    if fold.label:
        answer = f"**{fold.label}**\n\n{answer}".rstrip()
    after = answer_text.build_answer(draft.body)  # text after the fold, if any
    if after:
        answer = f"{answer}\n\n{after}" if answer else after
    return question, answer or None
