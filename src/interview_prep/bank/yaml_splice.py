"""Change one question entry of a bank file's text, leaving every other byte as it was.

People edit bank files by hand: they add comments, order keys their way, wrap text. When the
app changes one question, re-dumping the whole file would rewrite all of that, so instead
the entry's lines are found in the text (from the YAML node tree's positions) and only they
are replaced, removed, or a new entry inserted. Files this cannot handle safely (a flow-style
``questions: [...]`` list, an entry without an ``id``) return ``None`` and the caller
rewrites the file whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .model import Question
from .yaml_write import dump_entry


@dataclass(frozen=True, slots=True)
class EntrySpan:
    question_id: str
    start: int  # offset of the start of the entry's first line
    end: int  # offset of the start of the next entry's first line (or the list's end)
    indent: int  # column of the entry's "-"


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def entry_spans(text: str) -> tuple[list[EntrySpan], int] | None:
    """The spans of the ``questions`` entries and where the list ends, or ``None``."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    sequence = next(
        (value for key, value in root.value if getattr(key, "value", None) == "questions"), None
    )
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style:
        return None
    starts: list[tuple[str, int, int]] = []
    for item in sequence.value:
        if not isinstance(item, yaml.MappingNode):
            return None
        ids = [v.value for k, v in item.value if getattr(k, "value", None) == "id"]
        if len(ids) != 1 or not isinstance(ids[0], str):
            return None
        start = _line_start(text, item.start_mark.index)
        dash = text.find("-", start, item.start_mark.index)
        if dash < 0:
            return None
        starts.append((ids[0], start, dash - start))
    end = _line_start(text, sequence.end_mark.index) if sequence.value else len(text)
    if sequence.end_mark.index >= len(text.rstrip("\n")):
        end = len(text)
    spans = [
        EntrySpan(qid, start, starts[i + 1][1] if i + 1 < len(starts) else end, indent)
        for i, (qid, start, indent) in enumerate(starts)
    ]
    return spans, end


def _trailing_blank_lines(segment: str) -> str:
    stripped = segment.rstrip("\n")
    return "\n" * (len(segment) - len(stripped) - 1) if segment.endswith("\n") else ""


def _content_length(segment: str) -> int:
    """Length of ``segment`` without the blank and comment lines that trail it."""
    lines = segment.splitlines(True)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return sum(len(line) for line in lines)


def replace_entry(text: str, question: Question) -> str | None:
    """``text`` with the entry of ``question.id`` replaced by ``question``."""
    found = entry_spans(text)
    if found is None:
        return None
    span = next((s for s in found[0] if s.question_id == question.id), None)
    if span is None:
        return None
    segment = text[span.start : span.end]
    new = dump_entry(question, indent=span.indent) + _trailing_blank_lines(segment)
    return text[: span.start] + new + text[span.end :]


def remove_entry(text: str, question_id: str) -> tuple[str, int] | None:
    """``text`` without the entry of ``question_id``, and the index it had."""
    found = entry_spans(text)
    if found is None:
        return None
    spans = found[0]
    for index, span in enumerate(spans):
        if span.question_id == question_id:
            return text[: span.start] + text[span.end :], index
    return None


def insert_entry(text: str, question: Question, index: int | None = None) -> str | None:
    """``text`` with ``question`` inserted as entry ``index`` (default: last)."""
    found = entry_spans(text)
    if found is None:
        return None
    spans = found[0]
    if not spans:
        return None
    indent = spans[0].indent
    entry = dump_entry(question, indent=indent)
    if index is None or index >= len(spans):
        last = spans[-1]
        at = last.start + _content_length(text[last.start : last.end])
        before = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
        return before + "\n" + entry + text[at:]
    at = spans[max(0, index)].start
    return text[:at] + entry + "\n" + text[at:]
