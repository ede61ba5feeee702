"""How well the automatic ticks agree with labelled notes: precision and recall.

A labelled pair is a question, notes someone might write, and the key points a fair reader
judges those notes to cover. Two sets exist: ``tests/data/coverage_labels.yaml`` (93 pairs
on the bundled bank, labelled by the hand that first tuned the matcher) and the evaluation
of issue 18 in ``tests/data/feedback_eval/`` (142 sets of notes on 42 questions, a third
outside the bundled domain, labelled twice independently; ``load_evaluation``), split into
a half to tune on and a half to report. ``bench/coverage_bench.py`` prints the figures by
half, kind of point and style of notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import check_notes
from .rarity import BankRarity

__all__ = ["Agreement", "LabelledPair", "agreement", "load_evaluation"]


@dataclass(frozen=True, slots=True)
class LabelledPair:
    question_id: str
    notes: str
    covered: frozenset[str]  # point texts judged covered; every other point is missed
    #: The points the labels judged; a point worded differently since is left out (None: all).
    known: frozenset[str] | None = None
    style: str = ""  # how the notes are written (terse, prose, partly-wrong, star-story…)
    half: str = ""  # "tune" or "test"


@dataclass(slots=True)
class Agreement:
    hits: int = 0  # ticked, and labelled covered
    false_ticks: int = 0  # ticked, labelled missed
    misses: int = 0  # not ticked, labelled covered
    rejections: int = 0  # not ticked, labelled missed
    by_kind: dict[str, Agreement] = field(default_factory=dict)
    by_style: dict[str, Agreement] = field(default_factory=dict)
    unknown: int = 0  # points worded differently from when they were labelled

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
    """Compare the automatic ticks with the labels; ``answers``: id -> (question, answer),
    the whole bank (its words' rarity decides which are distinctive, as in the app)."""
    total = Agreement()
    rarity = BankRarity.of_answers(answer for _question, answer in answers.values())
    for pair in pairs:
        question, answer = answers[pair.question_id]
        for result in check_notes(pair.notes, answer, question, rarity):
            if pair.known is not None and result.point.text not in pair.known:
                total.unknown += 1
                continue
            labelled = result.point.text in pair.covered
            total.add(result.covered, labelled)
            total.by_kind.setdefault(result.point.kind, Agreement()).add(result.covered, labelled)
            if pair.style:
                total.by_style.setdefault(pair.style, Agreement()).add(result.covered, labelled)
    return total


def load_evaluation(folder: Path) -> list[LabelledPair]:
    """The labelled notes of ``folder`` (``tests/data/feedback_eval``): see its labels.yaml."""
    notes: dict[str, str] = {}
    for name, prefix in (("notes_bundled.yaml", "B"), ("notes_outside.yaml", "O")):
        entries = yaml.safe_load((folder / name).read_text(encoding="utf-8"))["notes"]
        for number, entry in enumerate(entries, start=1):
            notes[f"{prefix}{number:03d}"] = str(entry["text"])
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))["entries"]
    pairs: list[LabelledPair] = []
    for key, entry in labels.items():
        points = [str(point) for point in entry["points"]]
        covered = frozenset(points[number - 1] for number in entry["covered"])
        pairs.append(
            LabelledPair(
                str(entry["question"]),
                notes[key],
                covered,
                frozenset(points),
                str(entry["style"]),
                str(entry["half"]),
            )
        )
    return pairs
