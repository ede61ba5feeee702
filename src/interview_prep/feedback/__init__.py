"""Feedback on an attempt: the reference answer's key points and which the notes cover.

No Qt here. ``extract_key_points`` reads the points out of an answer's markdown,
``coverage`` checks a draft against them; ``practice.coverage`` keeps the result (with the
user's corrections) for the attempt store.
"""

from __future__ import annotations

from functools import lru_cache

from ..bank.model import Kind, Question
from ..practice.star import without_empty_labels
from .key_points import KeyPoint, extract_key_points
from .matching import PointResult, coverage
from .rarity import BankRarity

__all__ = [
    "BankRarity",
    "KeyPoint",
    "PointResult",
    "check_notes",
    "check_question",
    "coverage",
    "extract_key_points",
    "points_of",
]


@lru_cache(maxsize=256)
def points_of(answer: str, question: str = "") -> tuple[KeyPoint, ...]:
    """``extract_key_points`` remembered for the answers seen lately."""
    return tuple(extract_key_points(answer, question=question))


def check_notes(
    notes: str, answer: str, question: str = "", rarity: BankRarity | None = None
) -> list[PointResult]:
    """Which key points of ``answer`` the ``notes`` cover (``rarity``: see ``coverage``)."""
    return coverage(notes, points_of(answer, question), question=question, rarity=rarity)


def check_question(
    question: Question, notes: str, rarity: BankRarity | None = None
) -> list[PointResult]:
    """Which key points of ``question``'s answer the ``notes`` cover.

    In a behavioural question's notes, the label of a STAR part left empty says nothing: an
    untouched "Task:" does not cover a point named Task.
    """
    if question.kind is Kind.BEHAVIORAL:
        notes = without_empty_labels(notes)
    return check_notes(notes, question.answer or "", question.question, rarity)
