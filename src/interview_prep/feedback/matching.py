"""Which key points a draft answer covers: stemmed, typo-tolerant word matching.

A point is covered when enough of its meaningful words appear in the notes, in any order
and any form: stems match ("schedules" ~ "Scheduler"); a word whose stem has six letters or
more may be one typing slip away (two for stems of nine or more: "sheduler",
"dependancy"), while shorter ones must match exactly ("model" is not "module"); a word may
be cut short ("eng" for engineering), written as one ("webserver") or as initials ("HA").
Words the question itself uses count for little, since repeating the question covers
nothing. A point of one or two words needs half its weight, one of three to five words a
third, a longer one a quarter: thresholds tuned on the hand-labelled pairs in
``tests/data/coverage_labels.yaml`` (``bench/coverage_bench.py`` reports precision and
recall; both held up on pairs left out of the tuning, see docs/feedback.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .key_points import KeyPoint
from .words import STOP_WORDS, content_stems, content_words, stem, word_set, words

__all__ = ["NotesWords", "PointResult", "coverage", "required_share"]

QUESTION_WORD_WEIGHT = 0.3
FUZZY_MIN_LENGTH = 6
MIN_SHORT_FORM = 3  # "eng", "def", "freq": notes may shorten a word to its first letters
# Words that are prefixes of others without standing for them ("data" is not "database")
WHOLE_WORDS = word_set(
    """
    data work time task test run set air log web use end key per pre sub man car art
    form part port trans inter con com pro exec sched dag
    """
)


@dataclass(frozen=True, slots=True)
class PointResult:
    point: KeyPoint
    covered: bool
    score: float  # weighted share of the point's words found in the notes, 0 to 1
    matched: tuple[str, ...]  # the point's stems that were found


def required_share(distinct_words: int) -> float:
    """How much of a point's weight the notes must hold: half a short point, a third of one
    of three to five words, a quarter of a longer one (tuned on tests/data/coverage_labels)."""
    if distinct_words <= 2:
        return 0.5
    if distinct_words <= 5:
        return 1 / 3
    return 0.25


class NotesWords:
    """The words of a draft, ready for many look-ups."""

    def __init__(self, notes: str) -> None:
        raw = words(notes)
        self.raw = set(raw)
        self.exact = {stem(w) for w in raw}
        # "data lake" in a point should find "datalake" in notes and the other way round
        self.exact |= {stem(a + b) for a, b in pairwise(raw)}
        self.choices = sorted(s for s in self.exact if len(s) >= FUZZY_MIN_LENGTH - 1)
        self.short_forms = sorted(
            w for w in self.raw if len(w) >= MIN_SHORT_FORM and w not in STOP_WORDS
        )

    def has(self, word: str, word_stem: str) -> bool:
        """Whether the notes hold ``word`` (its stem, a slip of it, or a short form of it)."""
        if word_stem in self.exact:
            return True
        if any(
            word.startswith(short) and len(word) - len(short) >= 3 and short not in WHOLE_WORDS
            for short in self.short_forms
        ):
            return True  # "eng" for engineering, "freq" for frequency
        if len(word_stem) < FUZZY_MIN_LENGTH or not self.choices:
            return False
        slips = 1 if len(word_stem) <= 8 else 2
        found = process.extractOne(word_stem, self.choices, scorer=OSA.distance, score_cutoff=slips)
        return found is not None

    def has_together(self, run: Sequence[str]) -> bool:
        """Whether the notes hold ``run`` as one word ("webserver") or its initials ("HA")."""
        initials = "".join(w[0] for w in run)
        return stem("".join(run)) in self.exact or (len(run) >= 2 and initials in self.raw)


def _score(
    point: Sequence[tuple[str, str]], notes: NotesWords, asked: set[str]
) -> tuple[float, tuple[str, ...]]:
    """Weighted share of the point's words (word, stem) found in the notes, and those stems."""
    found: set[str] = {s for w, s in point if notes.has(w, s)}
    for size in (2, 3):
        for start in range(len(point) - size + 1):
            run = point[start : start + size]
            if not all(s in found for _, s in run) and notes.has_together([w for w, _ in run]):
                found.update(s for _, s in run)
    distinct = list(dict.fromkeys(s for _, s in point))
    weights = {s: (QUESTION_WORD_WEIGHT if s in asked else 1.0) for s in distinct}
    total = sum(weights.values())
    matched = tuple(s for s in distinct if s in found)
    if not total:
        return 0.0, matched
    return sum(weights[s] for s in matched) / total, matched


def coverage(notes: str, points: Sequence[KeyPoint], *, question: str = "") -> list[PointResult]:
    """For each point, whether ``notes`` cover it, in the order given."""
    index = NotesWords(notes)
    asked = set(content_stems(question))
    results: list[PointResult] = []
    for point in points:
        point_words = content_words(point.text)
        score, found = _score(point_words, index, asked)
        distinct = len({s for _, s in point_words})
        covered = bool(point_words) and score >= required_share(distinct) - 1e-9
        results.append(PointResult(point, covered, score, found))
    return results
