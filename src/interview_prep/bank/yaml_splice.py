"""Change one question entry of a bank file's text, leaving every other byte as it was.

People edit bank files by hand: they add comments, order keys their way, wrap text, leave
an entry that does not load yet. When the app changes one question, re-dumping the whole
file would rewrite all of that, so instead the entry's lines are found in the text (from
the YAML node tree's positions) and only they are replaced, removed, or a new entry
inserted. An entry is found by its ``id``, or, for an entry written without one, by the
line it starts on (``Question.line`` of the file as it is now).

The one layout this cannot change line by line is a list written in flow style,
``questions: [{...}, {...}]``: every function then raises ``SpliceError`` saying so, and
the caller leaves the file as it is. (An empty ``questions: []`` is fine: it becomes a
block list.) Nothing here ever returns a text the loader would refuse: removing the last
entry leaves ``questions: []``.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from . import yaml_read
from .model import Question
from .yaml_write import dump_entry


class SpliceError(ValueError):
    """The file's text cannot be changed entry by entry; the message says why."""


@dataclass(frozen=True, slots=True)
class EntrySpan:
    question_id: str | None  # None: the entry has no (text) id
    line: int  # 1-based line of the entry's start, as ``Question.line`` counts
    start: int  # offset of the start of the entry's first line
    end: int  # offset just after its last line (blank and comment lines after it excluded)
    indent: int  # column of the entry's "-"


@dataclass(frozen=True, slots=True)
class _Layout:
    spans: list[EntrySpan]
    empty_list: tuple[int, int] | None  # offsets of an empty "[]" (or nothing) to replace


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _layout(text: str) -> _Layout:
    try:
        root = yaml_read.compose(text)
    except yaml.YAMLError as exc:
        raise SpliceError(f"it is not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(root, yaml.MappingNode):
        raise SpliceError("it is not a mapping with 'title' and 'questions'")
    pair = next(((k, v) for k, v in root.value if getattr(k, "value", None) == "questions"), None)
    if pair is None:
        raise SpliceError("it has no 'questions' list")
    key, sequence = pair
    after_colon = text.find(":", key.end_mark.index) + 1
    if isinstance(sequence, yaml.ScalarNode) and sequence.value == "":  # "questions:" alone
        return _Layout([], (after_colon, after_colon))
    if not isinstance(sequence, yaml.SequenceNode):
        raise SpliceError("its 'questions' is not a list")
    if sequence.flow_style:
        if not sequence.value:
            return _Layout([], (after_colon, sequence.end_mark.index))
        raise SpliceError("its questions are written in flow style, [...]")
    starts: list[tuple[str | None, int, int, int]] = []
    for item in sequence.value:
        ids = [
            v.value
            for k, v in getattr(item, "value", [])
            if isinstance(item, yaml.MappingNode) and getattr(k, "value", None) == "id"
        ]
        question_id = ids[0] if len(ids) == 1 and isinstance(ids[0], str) else None
        start = _line_start(text, item.start_mark.index)
        dash = text.find("-", start, item.start_mark.index)
        if dash < 0:
            raise SpliceError("an entry does not start on a line of its own")
        starts.append((question_id, item.start_mark.line + 1, start, dash - start))
    end = _line_start(text, sequence.end_mark.index)
    if sequence.end_mark.index >= len(text.rstrip("\n")):
        end = len(text)
    spans = []
    for i, (qid, line, start, indent) in enumerate(starts):
        following = starts[i + 1][2] if i + 1 < len(starts) else end
        # The entry's own lines: the blank and comment lines after it are left alone.
        spans.append(
            EntrySpan(qid, line, start, start + _content_length(text[start:following]), indent)
        )
    return _Layout(spans, None)


def entry_spans(text: str) -> list[EntrySpan]:
    """Where each entry of the ``questions`` list is. Raises ``SpliceError``."""
    return _layout(text).spans


def _find(spans: list[EntrySpan], question_id: str, line: int | None) -> int:
    for index, span in enumerate(spans):
        if span.question_id == question_id:
            return index
    for index, span in enumerate(spans):
        if span.question_id is None and line is not None and span.line == line:
            return index
    raise SpliceError(f"the question {question_id!r} is not in it")


def _content_length(segment: str) -> int:
    """Length of ``segment`` without the blank and comment lines that trail it."""
    lines = segment.splitlines(True)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return sum(len(line) for line in lines)


def replace_entry(text: str, question: Question, line: int | None = None) -> str:
    """``text`` with the entry of ``question.id`` (or the id-less entry on ``line``) replaced
    by ``question``. Raises ``SpliceError``."""
    spans = entry_spans(text)
    span = spans[_find(spans, question.id, line)]
    new = _dumped(question, span.indent, text)
    if not text[: span.end].endswith("\n"):  # the last line of the file had no line break
        new = new.rstrip("\r\n")
    return text[: span.start] + new + text[span.end :]


def remove_entry(text: str, question_id: str, line: int | None = None) -> tuple[str, int]:
    """``text`` without the entry of ``question_id`` (or the id-less entry on ``line``), and
    the index it had. Raises ``SpliceError``."""
    spans = entry_spans(text)
    index = _find(spans, question_id, line)
    span = spans[index]
    rest = text[: span.start] + text[span.end :]
    if len(spans) == 1:  # the list would be empty: "questions:" alone does not load
        rest = _empty_list(rest)
    return rest, index


def _empty_list(text: str) -> str:
    layout = _layout(text)
    if layout.empty_list is None:  # pragma: no cover - a list with no entries is one
        return text
    start, end = layout.empty_list
    return text[:start] + " []" + text[end:]


def insert_entry(text: str, question: Question, index: int | None = None) -> str:
    """``text`` with ``question`` inserted as entry ``index`` (default: last). Raises
    ``SpliceError``."""
    layout = _layout(text)
    spans = layout.spans
    if not spans:
        if layout.empty_list is None:  # pragma: no cover - no entries means an empty list
            raise SpliceError("it has no place for a new entry")
        start, end = layout.empty_list
        eol = _eol(text)
        entry = _dumped(question, 2, text)
        after = text[end:]
        return (
            text[:start] + eol + entry + (after if after.startswith(("\n", "\r")) else eol + after)
        )
    eol = _eol(text)
    entry = _dumped(question, spans[0].indent, text)
    if index is None or index >= len(spans):
        at = spans[-1].end
        before = text[:at] if text[:at].endswith("\n") else text[:at] + eol
        return before + eol + entry + text[at:]
    at = spans[max(0, index)].start
    return text[:at] + entry + eol + text[at:]


def _eol(text: str) -> str:
    """The file's line break: a file saved on Windows keeps its "\r\n"."""
    return "\r\n" if "\r\n" in text else "\n"


def _dumped(question: Question, indent: int, text: str) -> str:
    return dump_entry(question, indent=indent).replace("\n", _eol(text))
