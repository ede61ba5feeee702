"""Writing a bank as a Markdown document that reads well on GitHub and imports back exactly.

The layout::

    <!-- interview-prep export: questions=heading-3 -->
    # Title

    Description.

    ## Topic

    ### Question?

    <details>
    <summary>Answer</summary>

    The answer, as written.

    </details>

Topics come in the order they first appear, each with its questions in bank order (a bank
that goes back to a topic comes back with that topic's questions together). A question
without an answer has no fold.

The first line is an HTML comment GitHub does not show. It tells the importer that this is
an export: the importer then reads it *verbatim* instead of guessing (see
:mod:`interview_prep.bank.importer.verbatim`), which is what makes the round trip exact for
what could otherwise go wrong:

* a topic or question that does not read like one (or a topic that reads like a question):
  the note fixes ``###`` as the question marker, so nothing is detected;
* question text with numbering, ``Q:``, emphasis, a trailing `` #``: taken as written;
* a question of several lines: the first is the heading, the others follow it up to the
  answer fold, which such a question always has (``No answer yet`` when it has no answer).
  A code block the question announces is written there too and stays in the question;
* an answer holding ``<details>``, headings of any level, code, tables or HTML: the fold's
  lines are the answer, exactly, so nothing in them is taken for a question;
* anything that would still break the structure (a heading or ``<details>`` tag in a
  question's later lines, unbalanced ``<details>`` tags in an answer, a code fence left
  open…) is written as a raw block, a ``~~~~ markdown interview-prep-raw`` fence GitHub shows
  as source.

Text is cleaned with :func:`~interview_prep.bank.yaml_fields.clean_text` first, as
:func:`~interview_prep.bank.yaml_write.dump_bank` does, so importing the document gives the
bank's questions back as a bank file holds them. Title and topics are one line each: a
line break in one becomes a space.

:func:`write_markdown_file` replaces the file atomically, like
:func:`~interview_prep.bank.yaml_write.write_bank_file`.
"""

from __future__ import annotations

from pathlib import Path

from interview_prep.bank.importer.verbatim import directive, encode_block, heading
from interview_prep.bank.model import Bank, Question
from interview_prep.bank.yaml_fields import clean_text
from interview_prep.bank.yaml_write import write_text_atomic

__all__ = ["bank_to_markdown", "write_markdown_file"]

QUESTION_LEVEL = 3
ANSWER_LABEL = "Answer"
NO_ANSWER_LABEL = "No answer yet"


def _by_topic(questions: tuple[Question, ...]) -> dict[str, list[Question]]:
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(clean_text(question.topic), []).append(question)
    return groups


def _question_lines(question: Question) -> list[str]:
    text = clean_text(question.question)
    answer = clean_text(question.answer or "")
    first, _, rest = text.partition("\n")
    lines = [heading(QUESTION_LEVEL, first)]
    if rest:
        lines += encode_block(rest, question=True)
    lines.append("")
    if answer or rest:
        label = ANSWER_LABEL if answer else NO_ANSWER_LABEL
        lines += ["<details>", f"<summary>{label}</summary>", ""]
        if answer:
            lines += [*encode_block(answer, inert=False), ""]
        lines += ["</details>", ""]
    return lines


def bank_to_markdown(bank: Bank) -> str:
    """The Markdown text of ``bank``: title, description, then topics and their questions."""
    lines = [directive(QUESTION_LEVEL), heading(1, clean_text(bank.title)), ""]
    description = clean_text(bank.description or "")
    if description:
        lines += [*encode_block(description), ""]
    for topic, questions in _by_topic(bank.questions).items():
        lines += [heading(QUESTION_LEVEL - 1, topic), ""]
        for question in questions:
            lines += _question_lines(question)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def write_markdown_file(bank: Bank, path: Path) -> None:
    """Write ``bank`` as Markdown to ``path`` atomically (``yaml_write.write_text_atomic``)."""
    write_text_atomic(path, bank_to_markdown(bank))
