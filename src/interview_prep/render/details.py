"""``<details>`` folds, which Qt's rich text cannot show, turned into something it can.

Before markdown is rendered, each ``<details>`` block is cut out of the text and replaced by
a placeholder paragraph; its summary and body are kept as markdown (so markdown inside them
is still rendered) and may hold further folds. After rendering, each placeholder becomes a
clickable summary line, a link to ``details:N`` with N the fold's number in document order,
followed by the body only when fold N is expanded. The view toggles N on a click and
renders again. A ``<details>`` left open runs to the end of the text; a stray
``</details>`` is dropped. Folds nested deeper than ``MAX_DEPTH`` stay in their parent's
text, where sanitising drops their tags and keeps their words: thousands of nested folds
would otherwise recurse past Python's limit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_TAG = re.compile(
    r"<details\b[^>]*>|</details\s*>|<summary\b[^>]*>(?P<summary>.*?)</summary\s*>",
    re.IGNORECASE | re.DOTALL,
)
_FENCE_LINE = re.compile(r"^ *(`{3,}|~{3,})", re.MULTILINE)
PLACEHOLDER = "IPDETAILS{number}X"
PLACEHOLDER_RE = re.compile(r"<p>IPDETAILS(\d+)X</p>|IPDETAILS(\d+)X")
SCHEME = "details"
MAX_DEPTH = 20


@dataclass(slots=True)
class Fold:
    number: int
    summary: str
    body: str
    children: list[Fold] = field(default_factory=list)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks, where tags are just text."""
    spans: list[tuple[int, int]] = []
    opener: re.Match[str] | None = None
    for match in _FENCE_LINE.finditer(text):
        if opener is None:
            opener = match
        elif match.group(1)[0] == opener.group(1)[0] and len(match.group(1)) >= len(
            opener.group(1)
        ):
            spans.append((opener.start(), match.end()))
            opener = None
    if opener is not None:
        spans.append((opener.start(), len(text)))
    return spans


def extract_folds(
    text: str, counter: list[int] | None = None, level: int = 0
) -> tuple[str, list[Fold]]:
    """``text`` with top-level folds replaced by placeholders, and those folds (numbered).

    ``level`` is how deep ``text`` itself lies in folds; see ``MAX_DEPTH``.
    """
    counter = counter if counter is not None else [0]
    if level >= MAX_DEPTH or "<details" not in text.lower():
        return text, []
    code = _code_spans(text)
    starts = [start for start, _ in code]

    def in_code(position: int) -> bool:
        index = bisect_right(starts, position) - 1  # the spans are in order and apart
        return index >= 0 and position < code[index][1]

    tokens = [m for m in _TAG.finditer(text) if not in_code(m.start())]
    out: list[str] = []
    folds: list[Fold] = []
    position = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        lowered = token.group(0).lower()
        if not lowered.startswith("<details"):
            if lowered.startswith("</details"):  # stray closing tag
                out.append(text[position : token.start()])
                position = token.end()
            index += 1
            continue
        depth, end_index = 1, index + 1
        while end_index < len(tokens) and depth:
            tag = tokens[end_index].group(0).lower()
            if tag.startswith("<details"):
                depth += 1
            elif tag.startswith("</details"):
                depth -= 1
            end_index += 1
        closed = depth == 0
        inner_end = tokens[end_index - 1].start() if closed else len(text)
        block_end = tokens[end_index - 1].end() if closed else len(text)
        inner = text[token.end() : inner_end]
        summary = "Details"
        first = _TAG.search(inner)
        if first and first.group("summary") is not None and not inner[: first.start()].strip():
            summary = first.group("summary").strip() or summary
            inner = inner[first.end() :]
        number = counter[0]
        counter[0] += 1
        body, children = extract_folds(_dedent(inner), counter, level + 1)
        folds.append(Fold(number, summary, body, children))
        out.append(text[position : token.start()])
        out.append(f"\n\n{PLACEHOLDER.format(number=number)}\n\n")
        position = block_end
        index = end_index
    out.append(text[position:])
    return "".join(out), folds


def count_folds(text: str) -> int:
    """How many ``<details>`` folds ``text`` holds, nested ones included."""
    counter = [0]
    extract_folds(text, counter)
    return counter[0]


def _dedent(text: str) -> str:
    lines = text.split("\n")
    indents = [len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()]
    cut = min(indents, default=0)
    return "\n".join(ln[cut:] for ln in lines).strip("\n")


def all_folds(folds: list[Fold]) -> list[Fold]:
    out: list[Fold] = []
    for fold in folds:
        out.append(fold)
        out.extend(all_folds(fold.children))
    return out
