"""Bounds on what reaches the Markdown engine and Qt's layout, so no answer can freeze them.

A bank can hold anything. Measured on this machine (docs/benchmarks.md, "hostile input"):
Python-Markdown's link parser scans to the end of the paragraph for every ``[`` it meets,
so 4,000 ``![`` took 14 s; Qt lays a 100,000-character word out in half a second and a
1 MB one in over a minute. The rendering itself runs off the UI thread (``AnswerView``), but
Qt lays the result out on it: about 1.2 ms per 1,000 characters of formatted text and 0.5 ms
of plain text here, so the limits below keep that under 50 ms. So, before rendering:

* a word over ``MAX_WORD_CHARS`` (a base64 blob, a minified line) is shown elided, with
  how many characters were left out;
* a text still over ``MAX_SHOWN_CHARS`` is cut there, with a line saying how much is not
  shown;
* a text over ``MAX_RICH_CHARS`` is shown as plain text, not Markdown (both count
  characters other than spaces and tabs: see ``weight``);
* in a paragraph where ``[`` count × length would exceed ``BRACKET_WORK``, the brackets
  are escaped: they show as typed, and no link is looked for.

Qt's cost also grows with how many parts the HTML has, whatever its length: about 7 µs a
tag and 40 µs more a table cell here, so 400 one-line code blocks (each a framed one-cell
table with coloured spans) took 50 ms in 8,000 characters. So, after rendering, markup
whose ``layout_cost`` exceeds ``MAX_LAYOUT_COST`` shows its code blocks shaded but without
frames or colours, and, if that is still too much, the text as plain text. The bundled
answers cost at most 600.

The bank file itself is never changed: this is only what is shown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_SHOWN_CHARS = 50_000
MAX_RICH_CHARS = 30_000
MAX_WORD_CHARS = 400
BRACKET_WORK = 5_000_000
MAX_LAYOUT_COST = 5_000
TOO_MANY_PARTS = "It is shown as plain text: it has too many parts to lay out as formatted text."

_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
_SPACE = re.compile(r"\s")
_PIECE_CHARS = 65_536
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_PLAIN_BLOCK_CHARS = 2_000
_PLAIN_BLOCK = '<p style="margin-top: 0; margin-bottom: 0; white-space: pre-wrap;">'


@dataclass(frozen=True, slots=True)
class Bounded:
    """The text to render, and whether it must be shown as plain text."""

    text: str
    plain: bool
    note: str = ""  # said to the user above the text when something was left out


def bound(text: str) -> Bounded:
    """``text`` within the limits above (unchanged when it already is)."""
    notes: list[str] = []
    text = _elide_long_words(text)
    size = weight(text)
    if size > MAX_SHOWN_CHARS:
        notes.append(f"Only the first {MAX_SHOWN_CHARS:,} of its {size:,} characters are shown.")
        text = text[: MAX_SHOWN_CHARS * len(text) // size]
        size = MAX_SHOWN_CHARS
    if size > MAX_RICH_CHARS:
        notes.append("It is shown as plain text: it is too long to lay out as formatted text.")
        return Bounded(text, True, " ".join(notes))
    if text.count("[") * len(text) > BRACKET_WORK:
        text = _escape_crowded_brackets(text)
    return Bounded(text, False, " ".join(notes))


def layout_cost(markup: str) -> int:
    """What laying ``markup`` out costs Qt, in tags (a table cell counts as seven)."""
    cells = markup.count("<td") + markup.count("<th")
    return markup.count("<") + 6 * cells


def weight(text: str) -> int:
    """How much there is to show: characters, not counting spaces and tabs (the indentation
    of deep nesting costs the engine and the layout next to nothing)."""
    return len(text) - text.count(" ") - text.count("\t")


def _elide_long_words(text: str) -> str:
    """``text`` with every word over ``MAX_WORD_CHARS`` elided, a piece at a time: one
    regular-expression call over megabytes holds the GIL, and so the UI thread, for as long
    as it runs (70 ms for 3.6 MB); pieces end at whitespace, so no word is split."""
    if len(text) <= MAX_WORD_CHARS:
        return text
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = start + _PIECE_CHARS
        if end < len(text):
            space = _SPACE.search(text, end)
            end = space.start() if space else len(text)
        piece = text[start:end]
        pieces.append(_LONG_WORD.sub(_elide, piece) if _LONG_WORD.search(piece) else piece)
        start = end
    return "".join(pieces)


def _elide(match: re.Match[str]) -> str:
    word = match.group(0)
    return f"{word[:MAX_WORD_CHARS]}… [{len(word) - MAX_WORD_CHARS:,} more characters]"


def _escape_crowded_brackets(text: str) -> str:
    """``\\[`` for every ``[`` of the paragraphs where looking for links would take too long
    (fenced code is left alone: nothing is looked for there)."""
    out: list[str] = []
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        chunk = "".join(paragraph)
        if chunk.count("[") * len(chunk) > BRACKET_WORK:
            chunk = chunk.replace("[", "\\[")
        out.append(chunk)
        paragraph.clear()

    for line in text.splitlines(keepends=True):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            out.append(line)
        elif in_fence:
            out.append(line)
        elif not line.strip():
            flush()
            out.append(line)
        else:
            paragraph.append(line)
    flush()
    return "".join(out)


def plain_html(text: str) -> str:
    """``text`` as HTML that shows it exactly, line breaks kept, in blocks of at most
    ``_PLAIN_BLOCK_CHARS`` cut at a line's end (or at a space, in a longer line): Qt lays
    60,000 characters out in half the time as thirty blocks as in one."""
    blocks: list[str] = []
    start = 0
    while len(text) - start > _PLAIN_BLOCK_CHARS:
        end = start + _PLAIN_BLOCK_CHARS
        line_end = text.rfind("\n", start + 1, end)
        if line_end > 0:
            blocks.append(text[start:line_end])
            start = line_end + 1  # the block's end is the line break
            continue
        space = text.rfind(" ", start + 1, end)
        end = space + 1 if space > 0 else end
        blocks.append(text[start:end])
        start = end
    blocks.append(text[start:])
    return "".join(f"{_PLAIN_BLOCK}{html.escape(block)}</p>" for block in blocks)


def note_html(note: str) -> str:
    return f"<p><i>{html.escape(note)}</i></p>" if note else ""
