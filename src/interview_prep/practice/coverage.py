"""The key points of an attempt as recorded: which the notes covered, after the user's say.

When the answer is revealed, the feedback package ticks the reference answer's key points
that the notes cover; the user may tick or untick any of them. A ``PointMark`` keeps both
the final word (``covered``) and what the app said on its own (``auto``), so that history
shows what the user confirmed and the matcher can be measured against corrections.

Stored as JSON with the attempt (``to_json`` / ``from_json``); ``from_json`` accepts only
what ``to_json`` writes and returns ``None`` for anything else, never raising.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["PointMark", "corrected", "covered_count", "from_json", "ratio", "remark", "to_json"]


@dataclass(frozen=True, slots=True)
class PointMark:
    text: str  # the key point, in the reference answer's wording
    covered: bool  # final: the user's correction when there is one
    auto: bool  # what the automatic check said

    @property
    def corrected(self) -> bool:
        return self.covered != self.auto


def remark(
    checked: Sequence[tuple[str, bool]], previous: Sequence[PointMark] | None
) -> tuple[PointMark, ...]:
    """Marks for fresh automatic ticks (point text, covered), keeping the user's corrections.

    Run again whenever the notes change after a reveal: a point the user ticked or
    unticked by hand keeps the user's word, every other point follows the notes.
    """
    kept = {mark.text: mark.covered for mark in previous or () if mark.corrected}
    return tuple(PointMark(text, kept.get(text, auto), auto) for text, auto in checked)


def corrected(marks: Sequence[PointMark], index: int, covered: bool) -> tuple[PointMark, ...]:
    """``marks`` with point ``index`` set to ``covered`` by the user."""
    out = list(marks)
    out[index] = PointMark(out[index].text, covered, out[index].auto)
    return tuple(out)


def covered_count(marks: Sequence[PointMark]) -> int:
    return sum(1 for mark in marks if mark.covered)


def ratio(marks: Sequence[PointMark] | None) -> float | None:
    """Share of points covered, or ``None`` when there were no points to cover."""
    if not marks:
        return None
    return covered_count(marks) / len(marks)


def to_json(marks: Sequence[PointMark] | None) -> str | None:
    if marks is None:
        return None
    return json.dumps(
        [{"text": m.text, "covered": m.covered, "auto": m.auto} for m in marks],
        ensure_ascii=False,
    )


def from_json(text: str | None) -> tuple[PointMark, ...] | None:
    if not text:
        return None
    try:
        items = json.loads(text)
        return tuple(
            PointMark(str(item["text"]), bool(item["covered"]), bool(item["auto"]))
            for item in items
        )
    except (ValueError, TypeError, KeyError):
        return None
