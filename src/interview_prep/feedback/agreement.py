"""How well the automatic ticks agree with hand-labelled notes: precision and recall.

A labelled pair is a question of the bank, notes someone might write, and the key points a
fair reader judges those notes to cover (``tests/data/coverage_labels.yaml``). The test
suite holds the check to at least 0.8 on both; ``bench/coverage_bench.py`` prints the
figures, per kind of point too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import check_notes

__all__ = ["Agreement", "LabelledPair", "agreement"]


@dataclass(frozen=True, slots=True)
class LabelledPair:
    question_id: str
    notes: str
    covered: frozenset[str]  # point texts judged covered; every other point is missed


@dataclass(slots=True)
class Agreement:
    hits: int = 0  # ticked, and labelled covered
    false_ticks: int = 0  # ticked, labelled missed
    misses: int = 0  # not ticked, labelled covered
    rejections: int = 0  # not ticked, labelled missed
    by_kind: dict[str, Agreement] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        ticked = self.hits + self.false_ticks
        return self.hits / ticked if ticked else 1.0

    @property
    def recall(self) -> float:
        wanted = self.hits + self.misses
        return self.hits / wanted if wanted else 1.0

    @property
    def points(self) -> int:
        return self.hits + self.false_ticks + self.misses + self.rejections

    def add(self, ticked: bool, labelled: bool) -> None:
        if ticked:
            self.hits += labelled
            self.false_ticks += not labelled
        else:
            self.misses += labelled
            self.rejections += not labelled


def agreement(pairs: Iterable[LabelledPair], answers: Mapping[str, tuple[str, str]]) -> Agreement:
    """Compare the automatic ticks with the labels; ``answers``: id -> (question, answer)."""
    total = Agreement()
    for pair in pairs:
        question, answer = answers[pair.question_id]
        for result in check_notes(pair.notes, answer, question):
            labelled = result.point.text in pair.covered
            total.add(result.covered, labelled)
            total.by_kind.setdefault(result.point.kind, Agreement()).add(result.covered, labelled)
    return total
