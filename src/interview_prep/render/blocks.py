"""Make everyday markdown mean to Python-Markdown what its author meant (CommonMark habits).

People write nested lists indented by two or three spaces, start a list or a code fence
right under a paragraph, and indent code fences inside list items to the item's text.
CommonMark reads all of that as intended; Python-Markdown wants four-space nesting and a
blank line before a list, fence or table. ``normalise_blocks`` rewrites only indentation
and blank lines, never the text, and leaves the inside of code fences alone except for
shifting them along with the list item they belong to. Lists and quotes nested deeper than
``MAX_DEPTH`` levels (only ever seen in hostile input) are shown at that depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")
_FENCE = re.compile(r"^( *)(`{3,}|~{3,})")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_NEST = 4  # Python-Markdown's tab length
# Python-Markdown re-reads a nested list or quote once per level, recursively: a thousand
# levels take a minute and then exceed Python's recursion limit. Deeper items and quotes
# join the deepest level shown.
MAX_DEPTH = 16
_DEEP_QUOTE = re.compile(rf"^((?: {{0,3}}> ?){{{MAX_DEPTH}}})(?: {{0,3}}> ?)+")


@dataclass(slots=True)
class _Item:
    marker: int  # the marker's column in the source
    content: int  # where the item's text starts in the source
    new_marker: int
    new_content: int

    @property
    def shift(self) -> int:
        return self.new_content - self.content


def _expand_tabs(line: str) -> str:
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)]
    return indent.expandtabs(_NEST) + stripped if "\t" in indent else line


def normalise_blocks(text: str) -> str:
    out: list[str] = []
    stack: list[_Item] = []
    fence: tuple[str, int] | None = None  # (fence marker, shift applied to its lines)
    previous_kind = "blank"  # blank | text | item | fence | table
    for raw in text.split("\n"):
        line = _expand_tabs(raw)
        if fence is not None:
            marker, shift = fence
            out.append(_shifted(line, shift))
            stripped = line.strip()
            closes = set(stripped) <= {marker[0]} and len(stripped) >= len(marker)
            if closes:
                fence = None
            continue
        stripped = line.strip()
        if stripped.startswith(">"):
            line = _DEEP_QUOTE.sub(r"\1", line)
        indent = len(line) - len(line.lstrip(" "))
        if not stripped:
            out.append("")
            previous_kind = "blank"
            continue
        fence_match = _FENCE.match(line)
        item = _ITEM.match(line)
        if fence_match:
            shift = _container_shift(stack, indent, previous_kind)
            if previous_kind == "text":
                out.append("")
            fence = (fence_match.group(2), shift)
            out.append(_shifted(line, shift))
            previous_kind = "fence"
            continue
        if item and not (indent >= _NEST and not stack):
            while stack and stack[-1].marker >= indent:
                stack.pop()
            parent = stack[-1] if stack else None
            new_marker = min(parent.new_marker + _NEST, _NEST * (MAX_DEPTH - 1)) if parent else 0
            if parent is None and previous_kind == "text":
                out.append("")
            content = indent + len(item.group(2)) + max(1, len(item.group(3)))
            new_line = " " * new_marker + line[indent:]
            # Python-Markdown reads an item's own blocks at four spaces past its marker.
            stack.append(_Item(indent, content, new_marker, new_marker + _NEST))
            out.append(new_line)
            previous_kind = "item"
            continue
        if stack and previous_kind == "blank" and indent <= stack[0].marker:
            stack.clear()  # a paragraph after a blank line, at the list's margin, ends it
        if not stack and _TABLE_ROW.match(line) and previous_kind == "text":
            out.append("")
        shift = _container_shift(stack, indent, previous_kind)
        out.append(_shifted(line, shift))
        if not stack:
            previous_kind = "table" if _TABLE_ROW.match(line) else "text"
        else:
            previous_kind = "item" if previous_kind == "item" else "text"
    return "\n".join(out)


def _container_shift(stack: list[_Item], indent: int, previous_kind: str) -> int:
    """How far a line at ``indent`` moves with the list item that contains it."""
    for item in reversed(stack):
        if indent > item.marker:
            return item.shift
    return 0


def _shifted(line: str, shift: int) -> str:
    if shift > 0:
        return " " * shift + line
    if shift < 0:
        indent = len(line) - len(line.lstrip(" "))
        return line[min(indent, -shift) :]
    return line
