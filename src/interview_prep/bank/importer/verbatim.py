"""The Interview Prep export dialect: Markdown that reads back into exactly the same bank.

``interview_prep.bank.export_markdown`` writes a bank for GitHub; its first line is a note,
``<!-- interview-prep export: questions=heading-3 -->`` (an HTML comment: GitHub shows
nothing). A document that starts with it is read *verbatim*, not guessed at:

* The note fixes the question marker (``###``), so no detection is needed and a topic that
  reads like a question, or questions that do not, change nothing. Headings shallower than
  the questions are the title (``#``) and topics (``##``); the text between the title and
  the first topic is the bank's description.
* Heading text is taken as written: no numbering, ``Q:`` or emphasis is removed from a
  question, no ``*``/``:`` from a topic. A heading whose text ends in `` #`` gets a closing
  `` #`` (CommonMark and the scanner both drop exactly one closing sequence).
* A question of several lines: the first line is the heading, the other lines follow it and
  end at the answer fold, the first ``<details>`` under the heading (its ``<summary>`` says
  ``Answer``, or ``No answer yet`` for such a question without an answer), with the blank
  lines before the fold trimmed.
* The answer is the fold's lines, exactly: no answer clean-up (placeholders, ``A:``
  prefixes, diagrams, dedenting) and no moving a code block into the question. A question
  without a fold (one line, no answer) is read by the usual rules, so an answer someone
  types under it later, without a fold, is still its answer.
* Mojibake repair and navigation skipping are off: the text is what the app wrote.

Text that would break that structure is written as a **raw block** instead: a
``~~~~ markdown interview-prep-raw`` fence, longer than any ``~`` run in the text, which the
reader unwraps. That covers a heading, ``<details>`` tag or setext underline in a question's
later lines or in the description, unbalanced ``<details>`` tags in an answer, a code fence or
HTML comment left open, blank lines the reader would trim, and text that itself looks like
a raw block. GitHub shows a raw block as Markdown source; everything else renders as written
(balanced ``<details>``, ``###`` headings, code, tables and HTML inside an answer included).
``encode_block`` decides by trying: it scans the text as the reader will and checks that
``decode_block`` gives it back.
"""

from __future__ import annotations

import re

from .layout import Layout, Marker, match_details
from .scan import ATX_CLOSE, Kind, Line, scan

#: The first line of an export; ``{level}`` is the question heading level.
DIRECTIVE = "<!-- interview-prep export: questions=heading-{level} -->"
_DIRECTIVE = re.compile(
    r"\ufeff?[ \t\r\n]*<!--[ \t]*interview-prep export:[ \t]*questions=heading-([1-6])"
    r"[ \t]*-->[ \t\r]*(?:\n|$)"
)
RAW_INFO = "markdown interview-prep-raw"
_RAW_OPEN = re.compile(r"^(~{3,}) " + re.escape(RAW_INFO) + r"$")
_STRUCTURE = (Kind.HEADING, Kind.DETAILS_OPEN, Kind.DETAILS_CLOSE, Kind.SUMMARY)


def directive(level: int = 3) -> str:
    return DIRECTIVE.format(level=level)


def read_directive(text: str) -> Layout | None:
    """The question layout an export's first line declares, or None for other documents."""
    match = _DIRECTIVE.match(text)
    return Layout(Marker.HEADING, int(match.group(1))) if match else None


def heading(level: int, text: str) -> str:
    """An ATX heading line whose text the scanner reads back as ``text``.

    Heading text is one line: line breaks in ``text`` become spaces (topics and titles only;
    a question's later lines are written under its heading).
    """
    text = " ".join(text.split("\n")).strip()
    if ATX_CLOSE.search(text):
        text += " #"
    return f"{'#' * level} {text}".rstrip()


def _raw_content(lines: list[str]) -> list[str] | None:
    if len(lines) < 2:
        return None
    match = _RAW_OPEN.match(lines[0])
    if match is None or lines[-1] != match.group(1):
        return None
    return lines[1:-1]


def decode_block(lines: list[str], *, question: bool = False) -> str:
    """The text of a block as the export wrote it: blank lines around it trimmed (for the
    later lines of a ``question``, only those after it), a raw block unwrapped."""
    start, end = 0, len(lines)
    if not question:
        while start < end and not lines[start].strip():
            start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    block = lines[start:end]
    content = _raw_content(block)
    return "\n".join(block if content is None else content)


def _fits(lines: list[str], *, inert: bool) -> bool:
    """Whether ``lines`` can stand as they are: they end in the scanner's neutral state
    (no open fence or comment) and hold no structure that would end the block early."""
    result = scan("\n".join([*lines, "", "# end"]), navigation=False)
    if result.warnings or result.lines[-1].kind is not Kind.HEADING:
        return False
    body = result.lines[:-1]
    if inert:
        return all(line.kind not in _STRUCTURE for line in body)
    pairs, stray = match_details(body)
    opened = sum(1 for line in body if line.kind is Kind.DETAILS_OPEN)
    return not stray and len(pairs) == opened


def raw_block(text: str) -> list[str]:
    """``text`` inside a raw fence that nothing in it can close."""
    lines = text.split("\n")
    longest = max((len(ln.lstrip()) - len(ln.lstrip().lstrip("~")) for ln in lines), default=0)
    fence = "~" * max(4, longest + 1)
    return [f"{fence} {RAW_INFO}", *lines, fence]


def encode_block(text: str, *, question: bool = False, inert: bool = True) -> list[str]:
    """The lines to write for ``text`` so that ``decode_block`` reads it back exactly.

    ``question``: the later lines of a question (written right under its heading); ``inert``:
    no headings or ``<details>`` tags may stand in it (a question's later lines and the
    description); an answer, inside its fold, may hold balanced folds and any heading.
    """
    lines = text.split("\n")
    if _fits(lines, inert=inert) and decode_block(lines, question=question) == text:
        return lines
    return raw_block(text)


def description_of(lines: list[Line], raw: list[str], title_index: int | None) -> str | None:
    """An export's description: the text between its title and the first heading."""
    if title_index is None:
        return None
    start = lines[title_index].no
    end = len(raw)
    for line in lines[title_index + 1 :]:
        if line.kind is Kind.HEADING:
            end = line.no - 1
            break
    return decode_block(raw[start:end]) or None
