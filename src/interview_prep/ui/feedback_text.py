"""Feedback on an attempt as markdown for an ``AnswerView``: key points and STAR parts.

Used by the session summary and a question's history, so both word it the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..audio.wording import speech_text
from ..practice import star
from ..practice.coverage import PointMark, covered_count
from ..practice.summary import SummaryRow

_MARKUP = set("\\`*_[]<>#!|~")


def literal_text(text: str) -> str:
    """``text`` on one line, escaped so markdown shows it as it is."""
    return "".join(f"\\{c}" if c in _MARKUP else c for c in " ".join(text.split()))


def key_points_markdown(marks: Sequence[PointMark]) -> list[str]:
    """A heading with the count, then each point ticked or marked missed."""
    if not marks:
        return []
    lines = [f"**Key points: {covered_count(marks)}/{len(marks)} covered**", ""]
    for mark in marks:
        sign = "✓" if mark.covered else "✗ missed:"
        note = " *(your correction)*" if mark.corrected else ""
        lines.append(f"- {sign} {literal_text(mark.text)}{note}")
    return lines


def star_markdown(parts: Sequence[star.StarPart]) -> list[str]:
    lines = ["**STAR**", ""]
    for part in parts:
        if part.filled:
            lines.append(f"- {part.name}: {part.words} word{'s' if part.words != 1 else ''}")
        else:
            lines.append(f"- {part.name}: *not filled*")
    return lines


def feedback_markdown(row: SummaryRow) -> str:
    """Key points covered and missed, the STAR parts and the recording's metrics, for the
    summary's detail pane and the session's PDF."""
    lines = key_points_markdown(row.key_points or ())
    parts = row.star
    if parts is not None:
        lines += ([""] if lines else []) + star_markdown(parts)
    if row.speech is not None:
        metrics = literal_text(speech_text(row.speech, row.time_limit))
        lines += ([""] if lines else []) + [f"**Recording:** {metrics}"]
    return "\n".join(lines)
