"""Every per-topic and per-question figure, from per-question tallies.

Input is one ``Tally`` per question (folded from ``AttemptRow``s by ``tally_attempts``, or
read from the store, which keeps them up to date), the catalog's questions and the due
dates of their cards; output is ``Stats``: topics sorted weakest first and a figure per
question. Attempts count under the question's *current* topic in the catalog (a question
moved to another topic takes its history with it); attempts of questions no longer in any
bank are left out of the figures but never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from ..bank.model import Question
from .mastery import topic_mastery
from .tally import Tally, histogram_median, merge_histograms


class AttemptRow(NamedTuple):
    question_id: str
    rating: int | None
    skipped: bool
    duration_seconds: float
    time_limit_seconds: int | None
    started_at: datetime
    coverage: float | None = None  # share of the answer's key points the notes covered


def tally_attempts(rows: Iterable[AttemptRow]) -> dict[str, Tally]:
    """Fold attempts (oldest first) into one tally per question."""
    tallies: dict[str, Tally] = {}
    for question_id, rating, skipped, duration, limit, started_at, coverage in rows:
        tally = tallies.get(question_id)
        if tally is None:
            tally = tallies[question_id] = Tally()
        tally.add(rating, skipped, duration, limit, started_at, coverage)
    return tallies


@dataclass(frozen=True, slots=True)
class Figures:
    """What both a topic and a question report."""

    attempts: int
    mean_rating: float | None  # Again 1 … Easy 4, over rated attempts
    weak_share: float | None  # share of rated attempts rated Again or Hard
    median_time_ratio: float | None  # time used / time limit, median over attempts
    overtime_rate: float | None  # share of timed attempts over their limit
    last_practised: datetime | None
    mastery: float  # 0..100
    #: Key points covered: the question's newest checked attempt, or a topic's mean of those.
    coverage: float | None = None


class QuestionStats:
    """A question's figures, its last rating and its card's due date.

    ``figures`` are worked out from the tally when first read: the review screen shows one
    topic's questions at a time, so most of a large bank's are never read (working out all
    5,000 took 17 ms of the 50 that all the figures took). Read-only.
    """

    __slots__ = ("_figures", "_tally", "due", "question")

    def __init__(self, question: Question, tally: Tally | None, due: datetime | None) -> None:
        self.question = question
        self.due = due
        self._tally = tally
        self._figures: Figures | None = None if tally else NO_FIGURES

    @property
    def figures(self) -> Figures:
        if self._figures is None:
            assert self._tally is not None
            self._figures = _question_figures(self._tally)
        return self._figures

    @property
    def last_rating(self) -> int | None:
        return self._tally.last_rating if self._tally else None

    @property
    def practised(self) -> bool:
        """Whether the question was ever attempted (without working out its figures)."""
        return self._tally is not None and self._tally.attempts > 0


@dataclass(frozen=True, slots=True)
class TopicStats:
    topic: str
    questions: int
    practised: int
    due: int
    figures: Figures


@dataclass(frozen=True, slots=True)
class Stats:
    topics: list[TopicStats]  # weakest first
    questions: dict[str, QuestionStats]

    def weakest_questions(self, now: datetime, *, topic: str | None = None) -> list[Question]:
        """Due questions first (most overdue first), then weakest first (``weakness_score``)."""
        pool = [q for q in self.questions.values() if topic is None or q.question.topic == topic]
        due = sorted((q for q in pool if q.due is not None and q.due <= now), key=_due_key)
        rest = sorted(
            (q for q in pool if q.due is None or q.due > now),
            key=lambda q: (weakness_score(q.figures), q.figures.attempts == 0, q.question.id),
        )
        return [q.question for q in (*due, *rest)]


def weakness_score(figures: Figures) -> float:
    """What "weakest" sorts by (lowest first): mastery, scaled down by missed key points.

    A question rated well whose notes covered few of the answer's key points is weaker than
    its ratings say: its mastery counts from half (nothing covered) to in full (all).
    """
    if figures.coverage is None:
        return figures.mastery
    return figures.mastery * (0.5 + 0.5 * figures.coverage)


def _due_key(stats: QuestionStats) -> datetime:
    assert stats.due is not None
    return stats.due


def _question_figures(tally: Tally) -> Figures:
    return Figures(
        attempts=tally.attempts,
        mean_rating=tally.rating_sum / tally.rated if tally.rated else None,
        weak_share=tally.weak / tally.rated if tally.rated else None,
        median_time_ratio=histogram_median(tally.ratio_hist),
        overtime_rate=tally.overtime / tally.timed if tally.timed else None,
        last_practised=tally.last_started,
        mastery=tally.mastery,
        coverage=tally.coverage,
    )


NO_FIGURES = Figures(0, None, None, None, None, None, 0.0)


def _figures(tallies: Iterable[Tally], mastery: float) -> Figures:
    attempts = rated = rating_sum = weak = timed = overtime = 0
    histograms: list[dict[int, int]] = []
    coverages: list[float] = []
    last: datetime | None = None
    for tally in tallies:
        if tally.coverage is not None:
            coverages.append(tally.coverage)
        attempts += tally.attempts
        rated += tally.rated
        rating_sum += tally.rating_sum
        weak += tally.weak
        timed += tally.timed
        overtime += tally.overtime
        histograms.append(tally.ratio_hist)
        if tally.last_started is not None and (last is None or tally.last_started > last):
            last = tally.last_started
    return Figures(
        attempts=attempts,
        mean_rating=rating_sum / rated if rated else None,
        weak_share=weak / rated if rated else None,
        median_time_ratio=histogram_median(merge_histograms(histograms)),
        overtime_rate=overtime / timed if timed else None,
        last_practised=last,
        mastery=mastery,
        coverage=sum(coverages) / len(coverages) if coverages else None,
    )


def compute_stats(
    questions: Iterable[Question],
    tallies: Mapping[str, Tally],
    due: Mapping[str, datetime],
    now: datetime,
) -> Stats:
    """Figures per topic (weakest first) and per question, from per-question tallies."""
    catalog = {q.id: q for q in questions}

    by_topic: dict[str, list[Question]] = {}
    for question in catalog.values():
        by_topic.setdefault(question.topic, []).append(question)

    question_stats: dict[str, QuestionStats] = {}
    topics: list[TopicStats] = []
    for topic, members in by_topic.items():
        practised = [tallies[q.id] for q in members if q.id in tallies]
        for question in members:
            question_stats[question.id] = QuestionStats(
                question, tallies.get(question.id), due.get(question.id)
            )
        mastery = topic_mastery([t.recency.value for t in practised], len(members))
        due_now = sum(1 for q in members if (d := due.get(q.id)) is not None and d <= now)
        topics.append(
            TopicStats(topic, len(members), len(practised), due_now, _figures(practised, mastery))
        )
    # Practised topics first, weakest first; the never practised after them (by name):
    # what was practised today must not sink below every topic not yet started.
    topics.sort(
        key=lambda t: (
            not t.figures.attempts,
            t.figures.mastery if t.figures.attempts else 0,
            -t.figures.attempts,
            t.topic,
        )
    )
    return Stats(topics, question_stats)
