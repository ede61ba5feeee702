"""Candidate key points read from an answer rendered to HTML, with the labels around them.

The answer's markdown is rendered as the answer view renders it, and this reader walks the
HTML: list items (with a bold or code label they start with, and the label of the item or
bold paragraph they sit under), table rows (every cell), headings (with the paragraph that
follows, for "### Situation" and the like), paragraphs that start with a bold label
(``**Result:** …``), bold and code terms in running text, and plain paragraphs (kept for
definition and prose points). Code blocks are skipped. ``key_points`` turns candidates into
the points shown.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from typing import Literal

import markdown

from ..render.blocks import normalise_blocks

PointKind = Literal["heading", "item", "term", "code", "row", "sentence"]

MAX_TERM = 40  # longer code or bold runs are examples, not terms
_SPACES = re.compile(r"\s+")
_lock = threading.Lock()


@dataclass(slots=True)
class Candidate:
    text: str  # its own text, label included
    kind: PointKind
    depth: int  # list nesting for items, 0 otherwise
    folds: tuple[int, ...]
    order: int = 0  # where it starts in the document
    label: str = ""  # the bold or code words it starts with, or a row's first cell
    rest: str = ""  # its text after the label
    context: str = ""  # the label of the item or bold paragraph it sits under
    children: list[Candidate] = field(default_factory=list)  # items of its nested lists
    cells: tuple[tuple[str, str], ...] = ()  # a row's other cells, each with its header


@dataclass(slots=True)
class Paragraph:
    text: str
    order: int
    folds: tuple[int, ...]


@lru_cache(maxsize=1)
def _engine() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "md_in_html", "pymdownx.superfences"],
        output_format="html",
    )


def answer_html(text: str) -> str:
    """``text`` rendered as the answer view renders it ("" for markdown too deep to read)."""
    engine = _engine()
    with _lock:
        engine.reset()
        try:
            return str(engine.convert(normalise_blocks(text)))
        except RecursionError:
            return ""


def squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def split_label(text: str, label: str) -> str:
    """What follows ``label`` at the start of ``text`` (separators and bold marks dropped)."""
    rest = text[len(label) :] if text.startswith(label) else text
    return rest.strip().lstrip(":–—-;,.*_ ").strip()


class _Item:
    """An open ``<li>``: its own text so far and what it starts with."""

    def __init__(self, order: int) -> None:
        self.order = order
        self.parts: list[str] = []
        self.lead: str | None = None
        self.children: list[Candidate] = []


class AnswerReader(HTMLParser):
    """Collects candidate points and plain paragraphs from rendered HTML."""

    def __init__(self, folds: tuple[int, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.folds = folds
        self.found: list[Candidate] = []
        self.paragraphs: list[Paragraph] = []
        self._pre = 0
        self._lists = 0
        self._opened = 0  # elements opened so far: the document order of candidates
        self._items: list[_Item] = []
        self._inline: list[tuple[str, list[str]]] = []  # open <strong>/<b>/<code>
        self._heading: list[str] | None = None
        self._heading_at = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._headers: list[str] = []
        self._in_head = False
        self._paragraph: list[str] | None = None
        self._paragraph_at = 0
        self._paragraph_lead: str | None = None
        self._section = ""  # the label of the bold paragraph a list follows
        self._pending: Candidate | None = None  # a heading waiting for its paragraph

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._opened += 1
        if tag == "pre":
            self._pre += 1
        elif self._pre:
            return
        elif tag in ("ul", "ol"):
            self._lists += 1
            self._pending = None
        elif tag == "li":
            self._items.append(_Item(self._opened))
        elif tag in ("strong", "b", "code"):
            self._inline.append((tag, []))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading, self._heading_at = [], self._opened
            self._section = ""
        elif tag == "table":
            self._pending = None
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "p" and not self._items:
            self._paragraph, self._paragraph_at, self._paragraph_lead = [], self._opened, None

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
            self._pending = None
            return
        if self._pre:
            return
        if tag in ("ul", "ol"):
            self._lists = max(0, self._lists - 1)
        elif tag == "li" and self._items:
            self._close_item()
        elif tag in ("strong", "b", "code") and self._inline:
            self._close_inline(*self._inline.pop())
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            text = squash("".join(self._heading))
            self._heading = None
            if text:
                self._pending = Candidate(text, "heading", 0, self.folds, self._heading_at, text)
                # (its ``rest`` is the paragraph right under it, if one comes next)
                self.found.append(self._pending)
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(squash("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            cells = self._row
            if self._in_head:
                self._headers = cells
            elif cells and cells[0]:
                rest = "; ".join(cell for cell in cells[1:] if cell)
                headers = self._headers[1:] + [""] * len(cells)
                named = tuple((h, c) for h, c in zip(headers, cells[1:], strict=False) if c)
                text = f"{cells[0]}: {rest}" if rest else cells[0]
                self.found.append(
                    Candidate(text, "row", 0, self.folds, self._opened, cells[0], rest, cells=named)
                )
            self._row = None
        elif tag == "p" and self._paragraph is not None:
            self._close_paragraph()

    def handle_data(self, data: str) -> None:
        if self._pre:
            return
        if self._items:
            self._items[-1].parts.append(data)
        for _, parts in self._inline:
            parts.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._paragraph is not None:
            self._paragraph.append(data)

    def _close_item(self) -> None:
        item = self._items.pop()
        text = squash("".join(item.parts))
        parent = self._items[-1] if self._items else None
        context = (parent.lead or "") if parent is not None else self._section
        if not text and not item.children:
            return
        lead = item.lead or ""
        candidate = Candidate(
            text,
            "term" if lead else "item",
            self._lists - 1,
            self.folds,
            item.order,
            lead,
            split_label(text, lead) if lead else text,
            context,
            item.children,
        )
        self.found.append(candidate)
        if parent is not None:
            parent.children.append(candidate)

    def _close_inline(self, kind: str, parts: list[str]) -> None:
        text = squash("".join(parts))
        item = self._items[-1] if self._items else None
        if item is not None and item.lead is None and squash("".join(item.parts)) == text:
            item.lead = text  # the item starts with it
            return
        paragraph = self._paragraph
        starts = paragraph is not None and squash("".join(paragraph)) == text
        if starts and self._paragraph_lead is None:
            self._paragraph_lead = text  # the paragraph starts with it
            return
        inside = self._items or self._in_head or self._heading is not None
        if text and not inside and self._cell is None and len(text) <= MAX_TERM:
            self._add(text, "code" if kind == "code" else "term", 0)

    def _close_paragraph(self) -> None:
        assert self._paragraph is not None
        text = squash("".join(self._paragraph))
        lead, at = self._paragraph_lead, self._paragraph_at
        self._paragraph = None
        pending, self._pending = self._pending, None
        if lead:
            rest = split_label(text, lead)
            if rest:  # "**Result:** the pipeline ran": a labelled paragraph
                self._add(text, "term", 0, order=at, label=lead, rest=rest)
            else:  # "**Sensors:**" alone: the label of the list that follows
                self._section = lead.rstrip(":").strip()
            return
        if pending is not None:  # "### Situation" and the prose under it: one point
            pending.rest = text
            return
        self.paragraphs.append(Paragraph(text, at, self.folds))

    def _add(
        self,
        text: str,
        kind: PointKind,
        depth: int,
        order: int = -1,
        label: str = "",
        rest: str = "",
    ) -> None:
        order = self._opened if order < 0 else order
        self.found.append(Candidate(text, kind, max(depth, 0), self.folds, order, label, rest))
