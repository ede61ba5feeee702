"""Which key points a draft answer covers: weighted, typo-tolerant word matching.

A point is covered when the notes hold enough of the *weight* of its meaningful words, in
any order and form: stems match ("schedules" ~ "Scheduler"), synonyms and short forms of
``resources/feedback/terms.yaml`` count ("pull" for extract, "k8s"), compound names are
one word ("XComs" ~ "XCom", "etag" ~ "ETag"), numbers count ("304"), a stem of six letters
or more may be one typing slip away (two from nine letters), a word may be cut short
("eng" for engineering), written as one ("webserver") or as initials ("HA").

* Words of the question weigh ``QUESTION_WORD_WEIGHT``: repeating the question covers
  nothing.
* A point needs one of its distinctive words (rare across the bank's answers,
  ``feedback.rarity``, or else found in no other point of the answer; not in the question)
  unless the notes hold ``COMMON_ENOUGH`` of it: "task" and "dag" alone do not cover "DAG
  and Task Definitions: it stores definitions of DAGs and tasks".
* A word the notes only use after a negation ("not", "don't", "without") counts
  ``NEGATED_WEIGHT``, unless the point itself is negative ("Avoid storing large files in
  XComs"); a segment of the notes that names what a point is about and says the opposite of
  one of its words (``opposites`` in the table: "poke mode frees the slot" against "Poke
  Mode: it consumes a worker slot") leaves the point uncovered.

A point of one or two distinct words needs ``SHORT_SHARE`` of its weight, three to five
``MEDIUM_SHARE``, a longer one ``LONG_SHARE``. A labelled point ("Readiness probe: decides
whether the pod receives traffic") is also covered when one segment of the notes names the
label and says enough of the rest (``LABEL_SHARE``, ``GIST_SHARE``). STAR points are read
by ``star_points``. The thresholds were tuned on one half of the labelled evaluation
(``tests/data/feedback_eval``) and are reported on the other (``bench/coverage_bench.py``).
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .key_points import KeyPoint
from .rarity import BankRarity
from .slips import closest_within
from .star_points import STAR_LABELS, star_covered
from .words import STOP_WORDS, content_stems, content_words, opposites, stem, word_set, words

__all__ = ["NotesWords", "PointResult", "coverage", "required_share"]

QUESTION_WORD_WEIGHT = 0.3
NEGATED_WEIGHT = 0.5
NUMBER_WEIGHT = 3.0  # a code names one thing: "304" is the not-modified answer
SHORT_SHARE, MEDIUM_SHARE, LONG_SHARE = 0.7, 0.25, 0.2
LABEL_SHARE, GIST_SHARE = 0.5, 0.1
COMMON_ENOUGH = 0.45  # a point matched by its common words only needs this share
FUZZY_MIN_LENGTH = 6
MIN_SHORT_FORM = 3  # "eng", "def", "freq": notes may shorten a word to its first letters
NEGATION_SPAN = 3  # words after a negation that it covers
# Words that are prefixes of others without standing for them ("data" is not "database")
WHOLE_WORDS = word_set(
    """
    data work time task test run set air log web use end key per pre sub man car art
    form part port trans inter con com pro exec sched dag
    """
)
NEGATIONS = word_set(
    "not no never don doesn didn isn aren wasn can cannot won without nor instead avoid"
)
_SEGMENT = re.compile(r"[.;!?\n]|\s[-–—]\s")


@dataclass(frozen=True, slots=True)
class PointResult:
    point: KeyPoint
    covered: bool
    score: float  # weighted share of the point's words found in the notes, 0 to 1
    matched: tuple[str, ...]  # the point's stems that were found


def required_share(distinct_words: int) -> float:
    """How much of a point's weight the notes must hold, by its number of distinct words."""
    if distinct_words <= 2:
        return SHORT_SHARE
    if distinct_words <= 5:
        return MEDIUM_SHARE
    return LONG_SHARE


class NotesWords:
    """The words of a draft (or of one segment of it), ready for many look-ups."""

    def __init__(self, notes: str) -> None:
        raw = words(notes)
        self.raw = set(raw)
        self.stems = {stem(w) for w in raw}
        self.exact = _stems_of(raw)
        # "data lake" in a point should find "datalake" in notes and the other way round
        self.exact |= {stem(a + b) for a, b in pairwise(raw)}
        self.choices = sorted(s for s in self.exact if len(s) >= FUZZY_MIN_LENGTH - 1)
        self.spelled = sorted(w for w in self.raw if len(w) >= FUZZY_MIN_LENGTH)
        self.short_forms = sorted(
            w for w in self.raw if len(w) >= MIN_SHORT_FORM and w not in STOP_WORDS
        )
        self.plain = _stems_of([w for index, w in enumerate(raw) if not _negated(raw, index)])

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
        found = closest_within(word_stem, self.choices, slips)
        if found is None and len(word) >= FUZZY_MIN_LENGTH and self.spelled:
            # a slip that changes the stem too ("schedular" is not stemmed like "scheduler")
            slips = 1 if len(word) <= 8 else 2
            found = closest_within(word, self.spelled, slips)
        return found is not None

    def ignoring_negation(self) -> NotesWords:
        """The same words, none of them counted as negated (for a negative point)."""
        plain = copy.copy(self)
        plain.plain = self.exact
        return plain

    def negated(self, word_stem: str) -> bool:
        """Whether the notes use the word only after a negation ("don't remember the rest")."""
        return word_stem in self.exact and word_stem not in self.plain

    def has_together(self, run: Sequence[str]) -> bool:
        """Whether the notes hold ``run`` as one word ("webserver") or its initials ("HA")."""
        initials = "".join(w[0] for w in run)
        return stem("".join(run)) in self.exact or (len(run) >= 2 and initials in self.raw)


def _stems_of(found: list[str]) -> set[str]:
    """The stems of words, and of an acronym's plural without its s ("SLAs", "APIs": the
    stemmer keeps it)."""
    return {stem(w) for w in found} | {stem(w[:-1]) for w in found if len(w) > 3 and w[-1] == "s"}


def _negated(raw: list[str], index: int) -> bool:
    """Whether one of the ``NEGATION_SPAN`` words before ``raw[index]`` negates it (stop
    words and the "t" of "don't" not counted)."""
    seen = 0
    for word in reversed(raw[:index]):
        if word in NEGATIONS:
            return True
        if len(word) > 1 and word not in STOP_WORDS:
            seen += 1
            if seen >= NEGATION_SPAN:
                return False
    return False


def _found(point: Sequence[tuple[str, str]], notes: NotesWords) -> set[str]:
    """The point's stems the notes hold, alone or run together ("webserver", "HA")."""
    found: set[str] = {s for w, s in point if notes.has(w, s)}
    for size in (2, 3):
        for start in range(len(point) - size + 1):
            run = point[start : start + size]
            if not all(s in found for _, s in run) and notes.has_together([w for w, _ in run]):
                found.update(s for _, s in run)
    return found


def _share(
    point: Sequence[tuple[str, str]], notes: NotesWords, weight: Callable[[str], float]
) -> tuple[float, tuple[str, ...]]:
    """Weighted share of the point's words (word, stem) found in the notes, and those stems."""
    found = _found(point, notes)
    distinct = list(dict.fromkeys(s for _, s in point))
    total = sum(weight(s) for s in distinct)
    matched = tuple(s for s in distinct if s in found)
    if not total:
        return 0.0, matched
    got = sum(weight(s) * (NEGATED_WEIGHT if notes.negated(s) else 1.0) for s in matched)
    return got / total, matched


def _contradicted(
    point: KeyPoint, found: Sequence[tuple[str, str]], segments: list[NotesWords]
) -> bool:
    """Whether a segment of the notes names what the point is about and says the opposite
    of one of its words ("poke mode frees the slot" against "Poke Mode: it consumes…")."""
    stems = {s for _, s in found}
    opposite = set().union(*(opposites().get(s, frozenset()) for s in stems)) - stems
    if not opposite:
        return False
    about = {s for _, s in content_words(point.label)} if point.label else stems
    return any(part.stems & opposite and part.stems & about for part in segments)


def _label_and_gist(
    point: KeyPoint, segments: list[NotesWords], asked: set[str], weight: Callable[[str], float]
) -> bool:
    """Whether one segment of the notes names the point's label and says enough of the rest."""
    label = content_words(point.label)
    label_stems = {s for _, s in label}
    gist = [(w, s) for w, s in content_words(point.text) if s not in label_stems]
    if not label or not gist or (label_stems <= asked and len(label_stems) == 1):
        return False
    for part in segments:
        named = _share(label, part, weight)[0] >= LABEL_SHARE
        if named and _share(gist, part, weight)[0] >= GIST_SHARE:
            return True
    return False


def coverage(
    notes: str,
    points: Sequence[KeyPoint],
    *,
    question: str = "",
    rarity: BankRarity | None = None,
) -> list[PointResult]:
    """For each point, whether ``notes`` cover it, in the order given. ``rarity``: how rare
    each word is across the bank (``feedback.rarity``), which decides a point's distinctive
    words; without it they are the words no other point of the answer uses."""
    index = NotesWords(notes)
    asked = set(content_stems(question))
    point_words = [content_words(point.text) for point in points]
    spread = Counter(s for found in point_words for s in {s for _, s in found})
    star_labels = [p.label for p in points if p.label in STAR_LABELS]
    star = star_covered(notes) if len(set(star_labels)) >= 3 else None

    def weight(word_stem: str) -> float:
        if word_stem in asked:
            return QUESTION_WORD_WEIGHT
        return NUMBER_WEIGHT if word_stem.isdigit() else 1.0

    # Sentences and lines of the notes, read once: a label and its gist must share one.
    segments = [NotesWords(part) for part in _SEGMENT.split(notes) if part.strip()]
    results: list[PointResult] = []
    for point, found in zip(points, point_words, strict=True):
        notes_words = index.ignoring_negation() if _is_negative(point.text) else index
        score, matched = _share(found, notes_words, weight)
        distinct = len({s for _, s in found})
        if rarity is not None:
            own = {s for _, s in found if rarity.distinctive(s) and s not in asked}
        else:
            own = {s for _, s in found if spread[s] == 1 and s not in asked}
        common_enough = score >= COMMON_ENOUGH and distinct > 2  # never "second" alone
        distinctive = not own or bool(own & set(matched)) or common_enough
        covered = bool(found) and distinctive and score >= required_share(distinct) - 1e-9
        if not covered and point.label:
            covered = _label_and_gist(point, segments, asked, weight)
        if covered and _contradicted(point, found, segments):
            covered = False
        if star is not None and point.label in STAR_LABELS:
            covered = star[point.label]
        results.append(PointResult(point, covered, score, matched))
    return results


def _is_negative(text: str) -> bool:
    """Whether a point says what not to do or what is not so ("POST is not idempotent")."""
    return any(w in NEGATIONS for w in words(text))
