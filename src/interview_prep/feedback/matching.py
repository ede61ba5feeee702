"""Which key points a draft answer covers: stemmed, typo-tolerant word matching.

A point is covered when enough of its meaningful words appear in the notes, in any order
and any form: stems match ("schedules" ~ "Scheduler"), and a word of five letters or more
may be one typing slip away (two for words of nine or more: "sheduler", "dependancy").
Words the question itself uses count for little, since repeating the question covers
nothing. A point of one or two words needs all of them; up to five words, 60% of their
weight; longer points half.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .key_points import KeyPoint
from .words import content_stems, stem, words

__all__ = ["NotesWords", "PointResult", "coverage", "required_share"]

QUESTION_WORD_WEIGHT = 0.3
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True, slots=True)
class PointResult:
    point: KeyPoint
    covered: bool
    score: float  # weighted share of the point's words found in the notes, 0 to 1
    matched: tuple[str, ...]  # the point's stems that were found


def required_share(distinct_words: int) -> float:
    if distinct_words <= 2:
        return 1.0
    if distinct_words <= 5:
        return 0.6
    return 0.5


class NotesWords:
    """The stems of a draft, ready for many look-ups."""

    def __init__(self, notes: str) -> None:
        stems = content_stems(notes)
        joined = words(notes)
        # "data lake" in a point should find "datalake" in notes and the other way round
        compounds = {stem(a + b) for a, b in zip(joined, joined[1:], strict=False)}
        self.exact = set(stems) | compounds
        self.choices = sorted(s for s in self.exact if len(s) >= FUZZY_MIN_LENGTH - 1)

    def has(self, word_stem: str) -> bool:
        if word_stem in self.exact:
            return True
        if len(word_stem) < FUZZY_MIN_LENGTH or not self.choices:
            return False
        slips = 1 if len(word_stem) <= 8 else 2
        found = process.extractOne(
            word_stem, self.choices, scorer=OSA.distance, score_cutoff=slips
        )
        return found is not None


def _score(point_stems: list[str], notes: NotesWords, asked: set[str]) -> tuple[float, tuple[str, ...]]:
    distinct = list(dict.fromkeys(point_stems))
    weights = {s: (QUESTION_WORD_WEIGHT if s in asked else 1.0) for s in distinct}
    total = sum(weights.values())
    found = tuple(s for s in distinct if notes.has(s))
    if not total:
        return 0.0, found
    return sum(weights[s] for s in found) / total, found


def coverage(
    notes: str, points: Sequence[KeyPoint], *, question: str = ""
) -> list[PointResult]:
    """For each point, whether ``notes`` cover it, in the order given."""
    index = NotesWords(notes)
    asked = set(content_stems(question))
    results: list[PointResult] = []
    for point in points:
        point_stems = content_stems(point.text)
        score, found = _score(point_stems, index, asked)
        distinct = len(set(point_stems))
        covered = bool(point_stems) and score >= required_share(distinct) - 1e-9
        results.append(PointResult(point, covered, score, found))
    return results
