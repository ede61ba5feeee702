"""Questions as plain text, for places that cannot render Markdown: list rows, table cells,
window titles, tooltips and the CSV/JSON export.

"### What is React?" is shown as "What is React?", "_Go_" as "Go", "`max_active_runs`" as
max_active_runs and "[DAG](url)" as "DAG": what the rendered question reads, without its
formatting. The text goes through the same Markdown parser and extensions as the answer
view (without code highlighting, which only colours), and the words of the resulting HTML
are kept; an HTML block in the source keeps its words too. Results are cached: lists ask
for the same titles again and again.
"""

from __future__ import annotations

import html
import re
import threading
from functools import lru_cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

_SPACE = re.compile(r"[ \t\r\f\v]+")
# A line with none of these reads the same rendered (no parse needed): most titles.
_MARKUP = re.compile(r"[*_`#\[\]<>!~\\&|=]|^\s*(?:[-+]\s|\d+[.)]\s)|^\s{4}")
_BLOCKS = {"p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"}


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


# The answer view's extensions (render.answer), less highlighting: the bundle carries these.
PLAIN_EXTENSIONS = ["tables", "sane_lists", "md_in_html", "pymdownx.superfences"]
_parser: markdown.Markdown | None = None
_parser_lock = threading.Lock()  # one parser, and lists are also filled on workers


def _to_html(text: str) -> str:
    global _parser
    with _parser_lock:
        if _parser is None:
            import markdown  # not before the first paint: the fast path needs no parser

            _parser = markdown.Markdown(extensions=PLAIN_EXTENSIONS, output_format="html")
        _parser.reset()
        return _parser.convert(text)


@lru_cache(maxsize=8192)
def plain_text(text: str) -> str:
    """``text`` (Markdown) as the words it renders to: one line per block, spaces within a
    line collapsed, blank lines dropped."""
    reader = _Words()
    reader.feed(_to_html(text))
    reader.close()
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(reader.parts).split("\n"))
    return html.unescape("\n".join(line for line in lines if line))


def plain_title(text: str) -> str:
    """The first line of ``text``'s plain text: a question's title in a one-line list."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not _MARKUP.search(first):
        return " ".join(first.split())
    return plain_text(first).split("\n", 1)[0] if first else ""


_START, _END = "\x02", "\x03"


def plain_marked_title(marked_html: str) -> str:
    """The first line of a search hit's ``question_html`` (``<mark>`` around matches) as
    plain text, its matches still marked: "### What is <mark>React</mark>?" reads
    "What is <mark>React</mark>?"."""
    first = next((line for line in marked_html.split("\n") if line.strip()), "")
    text = html.unescape(first.replace("<mark>", _START).replace("</mark>", _END))
    plain = plain_title(text)
    return html.escape(plain).replace(_START, "<mark>").replace(_END, "</mark>")
