"""The key points of a reference answer, in the answer's own words.

A key point is something a good answer mentions: a list item, a bold or code term, the
head of a table row, a sub-heading. ``extract_key_points`` renders the answer's markdown
to HTML the way the answer view does (nested-list habits, ``<details>`` folds numbered in
document order) and reads those elements back, so the points are exactly the words the
user sees. Points are shortened to their lead ("**Extract** - pull data from…" gives
"Extract"; a long item keeps its first clause), deduplicated by their stemmed words, and
numbered by the fold they sit in so that the view can open it to show them. Answers with
no structure at all give the first sentence of each paragraph instead.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Literal

import markdown

from ..render.blocks import normalise_blocks
from ..render.details import Fold, extract_folds
from .words import content_stems, word_set, words

__all__ = ["KeyPoint", "PointKind", "extract_key_points"]

PointKind = Literal["heading", "item", "term", "code", "row", "sentence"]

MAX_POINTS = 20
MAX_WORDS = 20  # a longer point is cut at a clause, or at this many words
MAX_TERM = 40  # longer code or bold runs are examples, not terms
# Labels that name no idea of their own ("**Purpose**: to run…", "Example: …"): the point
# is what follows them.
GENERIC_LEADS = word_set(
    """
    purpose usage use case cases
    definition description summary types type format location effect functionality overview
    details explanation syntax output steps step conclusion benefits
    advantages disadvantages pros cons key points how it works
    """
)
# Labels of asides, not of ideas: "Example: `task = ...`", "Tools: ...", "Note: ..."
ASIDE_LEADS = word_set(
    "example examples note notes tools tool tip tips see after setup syntax output"
)
_LEAD_SEPARATORS = re.compile(r"\s+[-–—]\s+|:\s|;\s")
# "Data warehouse (e.g. Snowflake)" leads with "Data warehouse"; "Teams with little or no
# (Python) experience" does not lead with what comes before its bracket.
_BRACKET_LEAD = re.compile(r"^([^()]+?)\s+\([^()]*\)\s*(?:[-–—:;,.]|$)")
_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'`])|,\s+|\s+[-–—]\s+|:\s|;\s")
_SPACES = re.compile(r"\s+")
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str  # as the answer words it, shortened
    kind: PointKind
    anchor: str  # text as rendered where the point stands, to find it in the answer view
    line: int | None  # 1-based line of the answer's markdown where it appears, if found
    folds: tuple[int, ...]  # the ``<details>`` folds it lies in, outermost first (numbered
    # as the renderer numbers them): the view opens them to show the point


@dataclass(slots=True)
class _Candidate:
    text: str
    kind: PointKind
    depth: int  # list nesting for items, 0 otherwise
    folds: tuple[int, ...]
    order: int = 0  # where it starts in the document
    whole: str = ""  # for an item's bold lead: the item's whole text


@lru_cache(maxsize=1)
def _engine() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "sane_lists", "md_in_html", "pymdownx.superfences"],
        output_format="html",
    )


def _html(text: str) -> str:
    engine = _engine()
    with _lock:
        engine.reset()
        try:
            return str(engine.convert(normalise_blocks(text)))
        except RecursionError:
            return ""


class _Reader(HTMLParser):
    """Collects candidate points from rendered HTML (code blocks are skipped)."""

    def __init__(self, folds: tuple[int, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.folds = folds
        self.found: list[_Candidate] = []
        self.paragraphs: list[str] = []
        self._pre = 0
        self._lists = 0
        self._opened = 0  # elements opened so far: the document order of candidates
        self._starts: list[int] = []  # the order of each open <li>
        self._items: list[list[str]] = []  # text of each open <li>, own text only
        self._item_lead: list[str | None] = []  # a bold or code first child of each <li>
        self._inline: list[tuple[str, list[str]]] = []  # open <strong>/<b>/<code>
        self._heading: list[str] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False
        self._paragraph: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._opened += 1
        if tag == "pre":
            self._pre += 1
        elif self._pre:
            return
        elif tag in ("ul", "ol"):
            self._lists += 1
        elif tag == "li":
            self._starts.append(self._opened)
            self._items.append([])
            self._item_lead.append(None)
        elif tag in ("strong", "b", "code"):
            self._inline.append((tag, []))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "p" and not self._items:
            self._paragraph = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
            return
        if self._pre:
            return
        if tag in ("ul", "ol"):
            self._lists = max(0, self._lists - 1)
        elif tag == "li" and self._items:
            text = _squash("".join(self._items.pop()))
            lead = self._item_lead.pop()
            start = self._starts.pop()
            if lead:  # recorded only when the item's text began with it
                self._add(lead, "term", self._lists - 1, start, whole=text)
            elif text:
                self._add(text, "item", self._lists - 1, start)
        elif tag in ("strong", "b", "code") and self._inline:
            kind, parts = self._inline.pop()
            text = _squash("".join(parts))
            if self._items and self._item_lead[-1] is None:
                own = _squash("".join(self._items[-1]))
                if own == text:  # the item starts with it
                    self._item_lead[-1] = text
                    return
            inside = self._items or self._in_head or self._heading is not None
            if text and not inside and self._cell is None and len(text) <= MAX_TERM:
                self._add(text, "code" if kind == "code" else "term", 0)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self._add(_squash("".join(self._heading)), "heading", 0)
            self._heading = None
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(_squash("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row and not self._in_head and self._row[0]:
                self._add(self._row[0], "row", 0)
            self._row = None
        elif tag == "p" and self._paragraph is not None:
            self.paragraphs.append(_squash("".join(self._paragraph)))
            self._paragraph = None

    def handle_data(self, data: str) -> None:
        if self._pre:
            return
        if self._items:
            self._items[-1].append(data)
        for _, parts in self._inline:
            parts.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._paragraph is not None:
            self._paragraph.append(data)

    def _add(
        self, text: str, kind: PointKind, depth: int, order: int = -1, whole: str = ""
    ) -> None:
        order = self._opened if order < 0 else order
        self.found.append(_Candidate(text, kind, max(depth, 0), self.folds, order, whole))


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, kind: PointKind) -> str:
    """The lead of a point: before a dash, colon or bracket, or else its first sentence."""
    text = text.strip().strip("*_").strip().rstrip(":").strip()
    if kind in ("term", "code", "row"):
        return text if len(text.split()) <= MAX_WORDS else _cut(text)
    return _lead(text) or _cut(text)


def _lead(text: str) -> str:
    lead = _LEAD_SEPARATORS.split(text, maxsplit=1)[0]
    bracket = _BRACKET_LEAD.match(lead)
    lead = (bracket.group(1) if bracket else lead).strip().rstrip(".,;:")
    if lead and lead != text and len(lead.split()) <= 6 and content_stems(lead):
        return lead
    return ""


def _is_generic(text: str) -> bool:
    return " ".join(words(text)) in GENERIC_LEADS or all(w in GENERIC_LEADS for w in words(text))


def _after_label(text: str) -> str:
    """``text`` without a leading generic label ("Purpose: ..." gives "...")."""
    parts = re.split(r"\s*(?::|\s[-–—])\s+", text, maxsplit=1)
    return parts[1] if len(parts) == 2 and _is_generic(parts[0]) else ""


def _cut(text: str) -> str:
    """The first sentence of ``text``, cut at a clause or word limit when too long."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'`])", text, maxsplit=1)[0]
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return sentence.rstrip(".,;:")
    kept = ""
    for piece in _CLAUSE.split(sentence):
        grown = f"{kept}, {piece.strip()}" if kept else piece.strip()
        if len(grown.split()) > MAX_WORDS:
            break
        kept = grown
    if len(kept.split()) >= 6:
        return kept.rstrip(".,;:")
    return " ".join(words[:MAX_WORDS]).rstrip(".,;:") + "…"


def _candidates(text: str, folds: tuple[int, ...], out: list[_Candidate], prose: list[str]) -> None:
    reader = _Reader(folds)
    reader.feed(_html(text))
    reader.close()
    out.extend(reader.found)
    prose.extend(reader.paragraphs)


def _walk(
    folds: list[Fold], path: tuple[int, ...], out: list[_Candidate], prose: list[str]
) -> None:
    for fold in folds:
        inside = (*path, fold.number)
        _candidates(fold.body, inside, out, prose)
        _walk(fold.children, inside, out, prose)


def _line_of(text: str, lines: list[str]) -> int | None:
    probe = text.rstrip("…").replace("*", "").replace("`", "").lower()[:30]
    if not probe:
        return None
    for number, line in enumerate(lines, start=1):
        if probe in line.replace("*", "").replace("`", "").lower():
            return number
    return None


def _point_text(candidate: _Candidate, asked: set[str]) -> str:
    """The point's short form; the longer one when the short one only repeats the question."""
    text = shorten(candidate.text, candidate.kind)
    full = candidate.whole or candidate.text
    if all(w in ASIDE_LEADS for w in words(text)):
        return ""
    if _is_generic(text):
        rest = _after_label(full.strip().strip("*_").strip())
        return _cut(rest) if rest else ""
    if set(content_stems(text)) <= asked and full != text:
        return _cut(full.strip().strip("*_").strip())
    return text


def extract_key_points(answer: str, *, question: str = "") -> list[KeyPoint]:
    """The key points of ``answer`` (markdown), in document order.

    Points whose meaningful words all appear in ``question`` are left out: naming what was
    asked covers nothing. Never raises on odd markdown; an empty answer has no points.
    """
    if not answer.strip():
        return []
    body, folds = extract_folds(answer, [0])
    found: list[_Candidate] = []
    prose: list[str] = []
    _candidates(body, (), found, prose)
    _walk(folds, (), found, prose)

    found.sort(key=lambda c: (c.folds, c.order))
    top_items = [c for c in found if (c.kind == "item" or c.whole) and c.depth == 0]
    max_depth = 0 if len(top_items) >= 3 else 1
    chosen = [c for c in found if c.depth <= max_depth]

    asked = set(content_stems(question))
    shortened: list[tuple[_Candidate, str, frozenset[str]]] = []
    for candidate in chosen:
        text = _point_text(candidate, asked)
        stems = frozenset(content_stems(text))
        if stems and len(text) >= 2 and not (asked and stems <= asked):
            shortened.append((candidate, text, stems))
    if not shortened:  # prose only: one point per paragraph
        for paragraph in prose:
            text = _cut(paragraph)
            stems = frozenset(content_stems(text))
            if stems and not (asked and stems <= asked):
                shortened.append((_Candidate(text, "sentence", 0, ()), text, stems))
    wider = [stems for c, _, stems in shortened if c.kind not in ("term", "code")]
    lines = answer.splitlines()
    points: list[KeyPoint] = []
    seen: set[frozenset[str]] = set()
    for candidate, text, stems in shortened:
        if stems in seen:
            continue
        subsumed = any(stems < other for other in wider)
        if subsumed and not candidate.whole and candidate.kind in ("term", "code"):
            continue  # a term of a heading or sentence already listed
        seen.add(stems)
        anchor = _squash(candidate.whole or candidate.text)[:60]
        points.append(
            KeyPoint(text, candidate.kind, anchor, _line_of(anchor, lines), candidate.folds)
        )
        if len(points) >= MAX_POINTS:
            break
    return points
