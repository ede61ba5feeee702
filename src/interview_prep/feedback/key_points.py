"""The key points of a reference answer, in the answer's own words.

A key point is something a good answer says. ``extract_key_points`` reads the candidates
of ``answer_reader`` (list items, labelled items and paragraphs, table rows, headings, bold
and code terms, plain paragraphs) and words each as a point:

* a labelled item is "label: gist", never the bare label ("Extract: pull data from the
  source systems"); a label that names no idea ("Purpose:", "Usage:") gives way to the
  label it sits under ("Triggers: initiate the execution of a DAG"); an item that is only a
  label over a nested list takes its gist from the list (the nested items' labels, or the
  first item); items under a label ("**Poke mode:**" over three items) carry it, so no point
  loses the mode it describes;
* a table row is its first cell and the others: "READ COMMITTED: dirty reads";
* a heading followed by a paragraph is "heading: first sentence" (STAR answers written
  as "### Situation" sections); a heading that mostly repeats the question is no point;
* a definition sentence in prose ("The GIL is a lock that…") is a point even beside a list;
  an answer of prose only gives each paragraph's first sentence that says something (not
  "There is a difference, though");
* points are cut at a clause, never mid-phrase with "…" and a dangling word.

Points are deduplicated by their stemmed words and numbered by the fold they sit in so that
the view can open it to show them. ``KeyPoint.label`` keeps the label apart for the matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..render.details import Fold, extract_folds
from .answer_reader import AnswerReader, Candidate, Paragraph, PointKind, answer_html, squash
from .words import STOP_WORDS, content_stems, word_set, words

__all__ = ["KeyPoint", "PointKind", "extract_key_points"]

MAX_POINTS = 20
MAX_WORDS = 20  # a longer point is cut at a clause, or at this many words
GIST_WORDS = 16  # what follows a label is cut shorter
# Labels that name no idea of their own ("**Purpose**: to run…", "Definition: …"): the
# point is what follows them, under the label they sit under.
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
# Words a cut point must not end on ("…checks the condition at a").
_DANGLING = STOP_WORDS | word_set("than then such e.g i.e like including whether")
_LEAD_SEPARATORS = re.compile(r"\s+[-–—]\s+|:\s|;\s")
# "Data warehouse (e.g. Snowflake)" leads with "Data warehouse"; "Teams with little or no
# (Python) experience" does not lead with what comes before its bracket.
_BRACKET_LEAD = re.compile(r"^([^()]+?)\s+\([^()]*\)\s*(?:[-–—:;,.]|$)")
_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'`])|,\s+|\s+[-–—]\s+|:\s|;\s")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'`])")


@dataclass(frozen=True, slots=True)
class KeyPoint:
    text: str  # as the answer words it, shortened: "label: gist" for a labelled point
    kind: PointKind
    anchor: str  # text as rendered where the point stands, to find it in the answer view
    line: int | None  # 1-based line of the answer's markdown where it appears, if found
    folds: tuple[int, ...]  # the ``<details>`` folds it lies in, outermost first (numbered
    # as the renderer numbers them): the view opens them to show the point
    label: str = ""  # the label of a labelled point ("Extract"), else ""


def _plain_label(text: str) -> str:
    return text.strip().strip("*_").strip().rstrip(":").strip()


def _is_generic(text: str) -> bool:
    found = words(text)
    return bool(found) and (
        " ".join(found) in GENERIC_LEADS or all(w in GENERIC_LEADS for w in found)
    )


def _is_aside(text: str) -> bool:
    found = words(text)
    return bool(found) and all(w in ASIDE_LEADS for w in found)


def _trim(text: str) -> str:
    """``text`` without trailing punctuation or words a phrase cannot end on."""
    if text.count("(") > text.count(")"):  # cut inside a bracket: end before it
        text = text[: text.rindex("(")]
    kept = text.rstrip(" .,;:–—-").split()
    while len(kept) > 1 and kept[-1].lower().strip(".,;:()") in _DANGLING:
        kept.pop()
    return " ".join(kept).rstrip(" .,;:–—-(")


def cut(text: str, limit: int = MAX_WORDS) -> str:
    """The first sentence of ``text``, cut at a clause (else at ``limit`` words) when long."""
    sentence = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    if len(sentence.split()) <= limit:
        return sentence.rstrip(" .,;:")  # whole: nothing dangles
    kept = ""
    for piece in _CLAUSE.split(sentence):
        grown = f"{kept}, {piece.strip()}" if kept else piece.strip()
        if len(grown.split()) > limit:
            break
        kept = grown
    if len(kept.split()) >= min(6, limit // 2):
        return _trim(kept)
    return _trim(" ".join(sentence.split()[:limit]))


def _lead(text: str) -> str:
    """Before a dash, colon or bracket, when that is a short phrase of its own."""
    lead = _LEAD_SEPARATORS.split(text, maxsplit=1)[0]
    bracket = _BRACKET_LEAD.match(lead)
    lead = (bracket.group(1) if bracket else lead).strip().rstrip(".,;:")
    if lead and lead != text and len(lead.split()) <= 6 and content_stems(lead):
        return lead
    return ""


def _gist(candidate: Candidate, asked: set[str]) -> str:
    """What a labelled candidate says after its label, cut short."""
    if candidate.kind == "row":
        return _row_gist(candidate)
    if candidate.rest.strip():
        return _first_clause(candidate.rest)
    children = candidate.children
    # A nested item whose label names nothing ("Task Queue: uses Redis" under "CeleryExecutor")
    # says what the parent is; else the nested labels list what it holds.
    for child in children:
        if child.label and child.rest and _names_nothing(child.label, asked):
            return _first_clause(child.rest)
    labels = [_plain_label(c.label) for c in children if c.label]
    if labels:
        return ", ".join(labels[:6])
    if children:
        return _first_clause(children[0].rest or children[0].text)
    return ""


def _names_nothing(label: str, asked: set[str]) -> bool:
    return _is_generic(label) or set(content_stems(label)) <= asked


_PART = re.compile(r":\s|;\s|\s[-–—]\s")
_ASIDE_FIRST = re.compile(r"^\([^()]*\)\s*[:,;–—-]?\s*")


def _first_clause(text: str, limit: int = GIST_WORDS) -> str:
    """The first part of ``text`` up to a colon, semicolon, dash or full stop if it says
    enough, else as much as fits in a gist (cut at a comma if need be)."""
    text = _ASIDE_FIRST.sub("", text.strip())  # "(also called write-behind): the write…"
    first = _PART.split(_SENTENCE.split(text, maxsplit=1)[0], maxsplit=1)[0]
    if 3 <= len(first.split()) <= limit:
        return first.rstrip(" .,;:")
    return cut(text, limit)


def _row_gist(candidate: Candidate) -> str:
    """A row's other cells: "TCP: connection-oriented; UDP: connectionless" when the
    table compares columns, else the second cell."""
    if len(candidate.cells) >= 2 and all(header for header, _ in candidate.cells):
        parts = (f"{header}: {_first_clause(cell, 8)}" for header, cell in candidate.cells)
        return "; ".join(parts)
    return _first_clause(candidate.cells[0][1]) if candidate.cells else ""


def _labelled(label: str, gist: str) -> str:
    return f"{label}: {gist}" if gist else label


# Code worth a point looks like an identifier, an option or a setting, not a keyword:
# `poke_interval`, `max-age=3600`, `--force-with-lease`, `200 OK` (not `MIN`, `exec`).
_IDENTIFIER = re.compile(r"[_.=/:-]|[a-z][A-Z]|\d")


def _is_bare_term(candidate: Candidate) -> bool:
    """Bold words in running prose: no label, nothing after or under them."""
    plain = not (candidate.label or candidate.rest or candidate.children or candidate.context)
    return candidate.kind == "term" and candidate.depth == 0 and plain


def point_text(candidate: Candidate, asked: set[str]) -> tuple[str, str]:
    """The point's wording and its label ("" when unlabelled); ``("", "")`` for no point."""
    label = _plain_label(candidate.label)
    context = _plain_label(candidate.context)
    if context and _is_generic(context):
        context = ""
    if candidate.kind == "code" and not _IDENTIFIER.search(candidate.text):
        return "", ""  # `MIN`, `exec`: a keyword, not a point
    if candidate.kind == "code" or _is_bare_term(candidate):
        text = candidate.text.strip()
        return (text if len(text.split()) <= MAX_WORDS else cut(text)), ""
    if candidate.kind == "heading":
        label = _lead(label) or label  # "Example: Pod templates per DAG" leads with "Example"
        if _is_aside(label) or _is_generic(label):
            return "", ""  # "#### Example", "#### Summary": a section, not a point
        if not candidate.rest:
            return label, ""
    if label:
        if _is_aside(label):
            return "", ""
        if context and _names_nothing(label, asked):
            label = context  # "Purpose: …" under "Triggers" is about triggers
        elif _is_generic(label):
            label = ""  # "Purpose: to run…" alone: the point is what follows
        gist = _gist(candidate, asked)
        if not label:
            return (cut(gist) if gist else ""), ""
        return _labelled(label, gist), label
    # An item without a bold label: "FileSensor: waits for a file" is labelled all the same.
    lead = _lead(candidate.text)
    if _is_aside(lead or candidate.text):
        return "", ""  # "Example: `task = …`"
    rest = _ASIDE_FIRST.sub("", _LEAD_SEPARATORS.split(candidate.text, maxsplit=1)[-1]).strip()
    if lead and _is_generic(lead):
        lead, text = "", cut(rest)
    elif lead and rest and rest != candidate.text:
        return _labelled(lead, _first_clause(rest)), lead
    else:
        text = lead or cut(candidate.text)
    if set(content_stems(text)) <= asked:
        text = cut(candidate.text)
    if context and not set(content_stems(context)) <= set(content_stems(text)):
        return _labelled(context, cut(candidate.text, GIST_WORDS)), context
    return text, ""


# Openings of sentences that lead into the point rather than make it.
_FILLER = re.compile(
    r"^(?:there (?:is|are)|in (?:this|that|short|summary)|as (?:mentioned|noted|such)|"
    r"for example|here is|here are|the following|in conclusion|to summari[sz]e|overall)\b",
    re.IGNORECASE,
)


def _says_something(sentence: str, asked: set[str]) -> bool:
    new = [s for s in content_stems(sentence) if s not in asked]
    return len(new) >= 3 and len(sentence.split()) >= 7 and not _FILLER.match(sentence.strip())


# "A Sensor is a special operator…", "The GIL is a mutex…", "Idempotency means…"
_DEFINITION = re.compile(
    r"^[^.;:!?]{1,80}?\s(?:is|are|refers to|means|describes|stands for)\s"
    r"(?:an?|the|one|when|how|what|used|responsible|also)\b",
    re.IGNORECASE,
)


def _definition(paragraphs: list[Paragraph], asked: set[str]) -> Paragraph | None:
    """The first sentence of the prose that defines something, as a paragraph of its own."""
    for paragraph in paragraphs:
        for sentence in _SENTENCE.split(paragraph.text):
            if _DEFINITION.match(sentence) and _says_something(sentence, asked):
                return Paragraph(sentence, paragraph.order, paragraph.folds)
    return None


def _prose_points(paragraphs: list[Paragraph], asked: set[str]) -> list[Candidate]:
    """Each paragraph's first sentence that says something."""
    found: list[Candidate] = []
    for paragraph in paragraphs:
        for sentence in _SENTENCE.split(paragraph.text):
            if _says_something(sentence, asked):
                found.append(Candidate(sentence, "sentence", 0, paragraph.folds, paragraph.order))
                break
    return found


def _read(text: str, folds: tuple[int, ...], out: list[Candidate], prose: list[Paragraph]) -> None:
    reader = AnswerReader(folds)
    reader.feed(answer_html(text))
    reader.close()
    out.extend(reader.found)
    prose.extend(reader.paragraphs)


def _walk(
    folds: list[Fold], path: tuple[int, ...], out: list[Candidate], prose: list[Paragraph]
) -> None:
    for fold in folds:
        inside = (*path, fold.number)
        _read(fold.body, inside, out, prose)
        _walk(fold.children, inside, out, prose)


def _line_of(text: str, lines: list[str]) -> int | None:
    probe = text.rstrip("…").replace("*", "").replace("`", "").lower()[:30]
    if not probe:
        return None
    for number, line in enumerate(lines, start=1):
        if probe in line.replace("*", "").replace("`", "").lower():
            return number
    return None


def _chosen(found: list[Candidate]) -> list[Candidate]:
    """Top-level items, and nested ones when the top level has fewer than three; an item
    that is only a label over nested items shown themselves gives no point of its own."""
    top = [
        c
        for c in found
        if c.kind in ("item", "term") and c.depth == 0 and (c.label or c.kind == "item")
    ]
    max_depth = 0 if len(top) >= 3 else 1
    chosen: list[Candidate] = []
    for c in found:
        if c.depth > max_depth:
            continue
        if c.children and not c.rest.strip() and any(d.depth <= max_depth for d in c.children):
            continue
        chosen.append(c)
    return chosen


def extract_key_points(answer: str, *, question: str = "") -> list[KeyPoint]:
    """The key points of ``answer`` (markdown), in document order.

    Points whose meaningful words all appear in ``question`` are left out: naming what was
    asked covers nothing. Never raises on odd markdown; an empty answer has no points.
    """
    if not answer.strip():
        return []
    body, folds = extract_folds(answer, [0])
    found: list[Candidate] = []
    prose: list[Paragraph] = []
    _read(body, (), found, prose)
    _walk(folds, (), found, prose)
    asked = set(content_stems(question))

    candidates = _chosen(sorted(found, key=lambda c: (c.folds, c.order)))
    worded: list[tuple[Candidate, str, str, frozenset[str]]] = []
    for candidate in candidates:
        text, label = point_text(candidate, asked)
        stems = frozenset(content_stems(text))
        if candidate.kind == "heading" and not label and len(stems - asked) * 3 < len(stems) * 2:
            continue  # a heading that mostly repeats the question
        if stems and len(text) >= 2 and not (asked and stems <= asked):
            worded.append((candidate, text, label, stems))
    if not worded:  # prose only: one point per paragraph
        for candidate in _prose_points(prose, asked):
            text = cut(candidate.text)
            worded.append((candidate, text, "", frozenset(content_stems(text))))
    else:
        definition = _definition(prose, asked)
        if definition is not None and not any(_DEFINITION.match(w[1]) for w in worded):
            text = cut(definition.text)
            sentence = Candidate(definition.text, "sentence", 0, definition.folds, definition.order)
            worded.insert(0, (sentence, text, "", frozenset(content_stems(text))))
    wider = [stems for c, _, _, stems in worded if c.kind not in ("term", "code") or c.label]
    lines = answer.splitlines()
    points: list[KeyPoint] = []
    seen: set[frozenset[str]] = set()
    for candidate, text, label, stems in worded:
        if not stems or stems in seen:
            continue
        bare_term = candidate.kind in ("term", "code") and not candidate.label
        if bare_term and any(stems < other for other in wider):
            continue  # a term of a heading or sentence already listed
        seen.add(stems)
        anchor = squash(candidate.text)[:60]
        points.append(
            KeyPoint(text, candidate.kind, anchor, _line_of(anchor, lines), candidate.folds, label)
        )
        if len(points) >= MAX_POINTS:
            break
    return points
