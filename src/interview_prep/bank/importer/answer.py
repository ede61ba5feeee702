"""Turn the lines under a question into clean answer markdown.

What changes, and why:

* Leading and trailing blank lines go, runs of blank lines become one, and trailing spaces
  on each line go (they mean nothing to a reader and would force ugly quoting in YAML).
* An answer indented as a whole (``   - point``, or a numbered list indented six spaces)
  is shifted left so it renders as a list, not as a code block. Relative indentation, and
  so nesting, is kept.
* ASCII diagrams (lines aligned with runs of spaces, arrows and pipes) are wrapped in a
  ``text`` code fence so they stay preformatted; they are otherwise left byte for byte.
* ``A:`` / ``Answer:`` prefixes go, and a wrapper around the whole answer (``<br><b> …
  </b>``); an answer that is only a placeholder, or a template of empty labels
  (``**Cause:**``, ``**Fix:**``), or nothing once unwrapped, is no answer.
* A code block right after a question that announces it ("What does this print:") belongs
  to the question.
"""

from __future__ import annotations

import dataclasses
import re

from .scan import Kind, Line, is_doc_links
from .text import ends_with_question_mark, is_placeholder, looks_like_question

_WIDE_GAP = re.compile(r"\S {3,}\S")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,4}[.)])\s")
_ARROWS = re.compile(r"->|<-|=>|\||\^|-{3,}")
_ANSWER_PREFIX = re.compile(r"^(\s*)(?:\*\*|__)?(?:a|ans|answer)\s*[:.]\s*(?:\*\*|__)?\s*", re.I)
_ANNOUNCES_CODE = re.compile(
    r":\s*$|\b(?:following|below|this code|this snippet|snippet|output of)\b", re.IGNORECASE
)
_TAG_KINDS = frozenset((Kind.TEXT, Kind.DETAILS_OPEN, Kind.DETAILS_CLOSE, Kind.SUMMARY))


def _is_diagram_line(text: str) -> bool:
    stripped = text.strip()
    if "   " not in stripped or _TABLE_ROW.match(text):
        return False
    return bool(_WIDE_GAP.search(stripped))


def _is_deep_plain_line(text: str) -> bool:
    indent = len(text) - len(text.lstrip(" "))
    return indent >= 8 and not _LIST_ITEM.match(text)


def _diagram_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """``(first, last)`` indexes of diagram runs inside paragraphs of text lines."""
    spans: list[tuple[int, int]] = []
    if not any("   " in ln.text.strip() for ln in lines if "   " in ln.text):
        return spans  # no line with a wide gap: no diagram (``_is_diagram_line``)
    index = 0
    while index < len(lines):
        if lines[index].kind is not Kind.TEXT:
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].kind is Kind.TEXT:
            end += 1
        block = lines[index:end]
        gaps = [i for i, ln in enumerate(block) if _is_diagram_line(ln.text)]
        arrows = any(_ARROWS.search(block[i].text) for i in gaps)
        if len(gaps) >= 2 or (gaps and arrows):
            marked = [
                i
                for i, ln in enumerate(block)
                if _is_diagram_line(ln.text) or _is_deep_plain_line(ln.text)
            ]
            spans.append((index + marked[0], index + marked[-1]))
        index = end
    return spans


def _dedent(text: str, amount: int) -> str:
    indent = len(text) - len(text.lstrip(" \t"))
    return text[min(amount, indent) :]


def _outdent(lines: list[Line]) -> list[Line]:
    """The lines without the indent that all the non-blank ones share."""
    common = min((line.indent for line in lines if line.text.strip()), default=0)
    if not common:
        return lines
    return [dataclasses.replace(line, text=_dedent(line.text, common)) for line in lines]


def _rejoin_fragments(body: list[Line]) -> list[Line]:
    """Put back together a source line that scanning split around ``<details>`` tags."""
    lines: list[Line] = []
    skip = Kind.SKIP  # a local: an enum member's lookup costs more than the rest of the loop
    for line in body:
        if line.kind is skip:
            continue
        previous = lines[-1] if lines else None
        if previous and previous.no == line.no and {previous.kind, line.kind} <= _TAG_KINDS:
            lines[-1] = Line(line.no, previous.text + line.text.strip(), Kind.TEXT)
        else:
            lines.append(line)
    return lines


def build_answer(body: list[Line], *, continuation: bool = False) -> str | None:
    """The answer's markdown, or None when there is no real answer.

    ``continuation``: the answer continues a list item (``1. ### What is X?`` and the answer
    indented under it), so the indent all its lines share is the item's, not a code block.
    """
    lines = _rejoin_fragments(body)
    if continuation:
        lines = _outdent(lines)
    start, end = 0, len(lines)
    while start < end and lines[start].kind is Kind.BLANK:  # (``pop(0)`` per line: quadratic)
        start += 1
    while end > start and lines[end - 1].kind is Kind.BLANK:
        end -= 1
    lines = lines[start:end]
    if not lines:
        return None
    spans = _diagram_spans(lines)
    in_diagram = {i for first, last in spans for i in range(first, last + 1)}
    starts = {first for first, _ in spans}
    ends = {last for _, last in spans}
    first = lines[0]
    base = first.indent if first.kind is Kind.TEXT and _LIST_ITEM.match(first.text) else 0
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in starts:
            if out and out[-1].strip():
                out.append("")
            out.append("```text")
        if i in in_diagram or not base:
            out.append(line.text.rstrip())
        else:
            out.append(_dedent(line.text, base).rstrip())
        if i in ends:
            out.append("```")
            if i + 1 < len(lines) and lines[i + 1].kind is not Kind.BLANK:
                out.append("")
    if out and not out[0].startswith("```"):
        out[0] = _ANSWER_PREFIX.sub(r"\1", out[0], count=1)
    text = "\n".join(_collapse_blank_runs(out)).strip("\n")
    if "</" in text:  # a container left empty once its "back to top" link was taken out
        text = "\n".join(_collapse_blank_runs(_EMPTY_CONTAINER.sub("", text).split("\n")))
    text = unwrap(text.strip("\n"))
    if not text.strip() or is_placeholder(text) or _only_empty_labels(text):
        return None
    return text


_EMPTY_CONTAINER = re.compile(r"^[ \t]*<(div|p|span)\b[^>]*>\s*</\1>[ \t]*$", re.I | re.M)
_BREAKS = re.compile(r"^(?:\s*<br\s*/?>)+|(?:<br\s*/?>\s*)+$", re.IGNORECASE)
_WRAPPER = re.compile(r"^\s*<(b|strong|i|em|p|div|span)>(.*)</\1>\s*$", re.IGNORECASE | re.DOTALL)
_EMPTY_LABEL = re.compile(r"^\s*(?:[-*]\s+)?(\*\*|__)?[^\W\d_][\w /&()-]{0,40}:(\*\*|__)?\s*$")


def unwrap(text: str) -> str:
    """The answer without a wrapper around all of it (``<br><b> … </b>`` made every answer
    bold): line breaks at its ends and one tag enclosing everything go, repeatedly."""
    ends = text.strip()
    if not (ends.startswith("<") or ends.endswith(">")):
        return text  # no tag at either end: nothing to take off (the common case, at once)
    while True:
        stripped = _BREAKS.sub("", text).strip()
        match = _WRAPPER.match(stripped)
        if match is None:
            return stripped if stripped != text.strip() else text
        tag, inner = match.group(1).lower(), match.group(2)
        if re.search(rf"</{tag}\s*>", inner, re.IGNORECASE):  # two wrapped parts, not one
            return stripped
        text = inner.strip()


def _only_empty_labels(text: str) -> bool:
    """A template nobody filled in: ``**Cause:**``, ``**Fix:**``, nothing after them."""
    labels = False
    for line in text.splitlines():  # most answers fail at their first line
        if line.strip():
            if not _EMPTY_LABEL.match(line):
                return False
            labels = True
    return labels


def _collapse_blank_runs(lines: list[str]) -> list[str]:
    """One blank line where the source had several, except inside code fences."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
        if fence is None and not stripped and out and not out[-1].strip():
            continue
        out.append(line)
    return out


def split_question_code(question: str, body: list[Line]) -> tuple[str, list[Line]]:
    """Move a code block that the question announces from the answer into the question."""
    if not _ANNOUNCES_CODE.search(question):
        return question, body
    index = 0
    while index < len(body) and body[index].kind is Kind.BLANK:
        index += 1
    if index >= len(body) or body[index].kind is not Kind.CODE:
        return question, body
    end = index
    while end < len(body) and body[end].kind is Kind.CODE:
        end += 1
    code = "\n".join(line.text.rstrip() for line in body[index:end])
    return f"{question}\n\n{code}", body[end:]


_ASKS_YOU = re.compile(
    r"^(?:tell (?:me|us)|explain|describe|discuss|compare|would you|could you|can you|"
    r"how would you|how do you|what would you|what do you|why would you|do you|have you|"
    r"imagine|suppose|show|write|design|implement|give)\b",
    re.IGNORECASE,
)
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>\s*$", re.IGNORECASE)


def _asks(lines: list[Line]) -> bool:
    text = "\n".join(_LINE_BREAK_TAG.sub("", line.text).strip() for line in lines).strip()
    return ends_with_question_mark(text) or bool(_ASKS_YOU.match(text.lstrip("*_ ")))


def _trailing_references(body: list[Line]) -> int:
    """Where the lines of only links to other documents that close ``body`` start."""
    end = len(body)
    while end and (body[end - 1].kind is Kind.BLANK or is_doc_links(body[end - 1].text)):
        end -= 1
    return end


def body_asks(body: list[Line]) -> bool:
    """The text under a question ends by asking ("…?", "Tell me about…"): it is more of
    the question, not its answer."""
    end = _trailing_references(body)
    start = end
    while start and body[start - 1].kind is Kind.TEXT:
        start -= 1
    return start < end and not _LIST_ITEM.match(body[start].text) and _asks(body[start:end])


def question_with_body(question: str, body: list[Line]) -> tuple[str, list[Line]]:
    """The question with the text under it (code included); the links to other documents
    closing it (its references) stay as the answer."""
    end = _trailing_references(body)
    text = "\n".join(_LINE_BREAK_TAG.sub("", line.text).rstrip() for line in body[:end]).strip()
    if not text:
        return question, body
    return f"{question}\n\n{text}", body[end:]


def split_question_paragraph(question: str, body: list[Line]) -> tuple[str, list[Line]]:
    """A title that is not a question ("#### Globals Are Evil") followed by a paragraph that
    asks ("Why are globals evil?", "Tell me about…"): the paragraph is part of the question.
    Lines of only links to other documents closing the paragraph stay in the answer."""
    if looks_like_question(question):
        return question, body
    start = 0
    while start < len(body) and body[start].kind is Kind.BLANK:
        start += 1
    end = start
    while end < len(body) and body[end].kind is Kind.TEXT:
        end += 1
    paragraph = body[start:end]
    while paragraph and is_doc_links(paragraph[-1].text):
        paragraph = paragraph[:-1]
    if not paragraph or _LIST_ITEM.match(paragraph[0].text) or not _asks(paragraph):
        return question, body
    text = "\n".join(_LINE_BREAK_TAG.sub("", line.text).strip() for line in paragraph)
    if len(text) > 1200:
        return question, body
    return f"{question}\n\n{text}", body[start + len(paragraph) :]
