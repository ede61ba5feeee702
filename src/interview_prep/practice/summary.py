"""A finished session summed up: per question, totals, weakest topics, Markdown export.

What a skip means: the question was not answered. It has no rating, so the mean rating
leaves it out, and it is named as skipped wherever figures are shown. Weakest topics rank
this session's topics by mean rating (Again 1 … Easy 4) with a skipped question counted as
Again, since skipping is the clearest sign of not knowing, and each topic says how many of
its questions were rated and how many skipped, so the figures add up. Topics with no rated
or skipped question are not ranked. "Practise again" offers every question that still needs
work: rated Again or Hard, skipped, or left unrated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..audio.wording import speech_text
from ..bank.model import Kind, Question
from ..render.plain import plain_title
from ..wording import clock_text, plural
from . import star
from .coverage import covered_count
from .engine import QuestionRun
from .plan import Mode
from .rating import WEAK_RATINGS, Rating, rating_text
from .response import Response, response_values


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryRow(Response):
    """One finished question of the session: its ``Response`` and how it went."""

    position: int
    question: Question
    time_limit: int
    duration: float
    skipped: bool

    @property
    def star(self) -> list[star.StarPart] | None:
        """The STAR parts of the notes of a behavioural question (``None`` for others)."""
        if self.question.kind is not Kind.BEHAVIORAL or self.spoken:
            return None
        return star.read_star(self.notes) or [star.StarPart(name, "") for name in star.PARTS]

    @property
    def points_text(self) -> str:
        """ "3/5" key points covered, or "" when none were checked."""
        if not self.key_points:
            return ""
        return f"{covered_count(self.key_points)}/{len(self.key_points)}"

    @property
    def missed_points(self) -> list[str]:
        return [mark.text for mark in self.key_points or () if not mark.covered]

    @property
    def overtime(self) -> float:
        return max(0.0, self.duration - self.time_limit)

    @property
    def notes_excerpt(self) -> str:
        if self.spoken:
            text = "(out loud) " + " ".join(self.reflection.split())
        else:
            text = " ".join(self.notes.split())
        return text if len(text) <= 90 else text[:89].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class TopicScore:
    """A topic's standing in one session; ``score`` counts a skip as Again."""

    topic: str
    score: float
    rated: int
    skipped: int
    mean_rating: float | None  # of the rated questions only

    @property
    def questions(self) -> int:
        return self.rated + self.skipped

    @property
    def text(self) -> str:
        """ "SQL (mean 2.0 of 2 rated, 1 skipped)"."""
        parts = []
        if self.mean_rating is not None:
            parts.append(f"mean {self.mean_rating:.1f} of {self.rated} rated")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return f"{self.topic} ({', '.join(parts)})"


@dataclass(frozen=True, slots=True)
class SessionSummary:
    rows: tuple[SummaryRow, ...]
    mode: Mode
    started_at: datetime | None
    total_seconds: float

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if not row.skipped)

    @property
    def skipped(self) -> int:
        return sum(1 for row in self.rows if row.skipped)

    @property
    def rated(self) -> int:
        return sum(1 for row in self.rows if row.rating is not None)

    @property
    def unrated(self) -> int:
        """Answered but not rated."""
        return sum(1 for row in self.rows if not row.skipped and row.rating is None)

    @property
    def mean_rating(self) -> float | None:
        """Of the rated questions; skipped and unrated ones are left out (and counted)."""
        ratings = [int(row.rating) for row in self.rows if row.rating is not None]
        return sum(ratings) / len(ratings) if ratings else None

    @property
    def totals_text(self) -> str:
        """ "3 questions: 2 answered, 1 skipped · 4:25 in all · mean rating 3.0 of 1 rated
        (Again 1 … Easy 4), 1 not rated · 1 over time"."""
        mean = (
            f"mean rating {self.mean_rating:.1f} of {self.rated} rated (Again 1 … Easy 4)"
            if self.mean_rating is not None
            else "nothing rated"
        )
        unrated = f", {self.unrated} not rated" if self.unrated and self.rated else ""
        return (
            f"{plural(len(self.rows), 'question')}: {self.answered} answered, "
            f"{self.skipped} skipped · {clock_text(self.total_seconds)} in all · "
            f"{mean}{unrated} · {self.over_time} over time"
        )

    @property
    def over_time(self) -> int:
        return sum(1 for row in self.rows if row.overtime > 0)

    def weakest_topics(self, limit: int = 3) -> list[TopicScore]:
        ratings: dict[str, list[int]] = defaultdict(list)
        skips: dict[str, int] = defaultdict(int)
        for row in self.rows:
            if row.skipped:
                skips[row.question.topic] += 1
            elif row.rating is not None:
                ratings[row.question.topic].append(int(row.rating))
        scores = []
        for topic in dict.fromkeys([*ratings, *skips]):
            rated, skipped = ratings.get(topic, []), skips.get(topic, 0)
            score = (sum(rated) + skipped * int(Rating.AGAIN)) / (len(rated) + skipped)
            mean = sum(rated) / len(rated) if rated else None
            scores.append(TopicScore(topic, score, len(rated), skipped, mean))
        ranked = sorted(scores, key=lambda s: (s.score, -s.questions, s.topic))
        return ranked[:limit]

    def to_practise_again(self) -> list[Question]:
        """The questions that still need work, in session order: rated Again or Hard,
        skipped, or answered without a rating."""
        return [
            row.question
            for row in self.rows
            if row.skipped or row.rating is None or row.rating in WEAK_RATINGS
        ]

    @property
    def practise_again_text(self) -> str:
        """What "Practise again" offers: "1 rated Again/Hard, 1 skipped, 1 not rated"."""
        weak = sum(1 for row in self.rows if row.rating in WEAK_RATINGS)
        parts = [
            f"{count} {label}"
            for count, label in (
                (weak, "rated Again/Hard"),
                (self.skipped, "skipped"),
                (self.unrated, "not rated"),
            )
            if count
        ]
        return ", ".join(parts)


def summarize(
    runs: Sequence[QuestionRun], *, mode: Mode, started_at: datetime | None
) -> SessionSummary:
    rows = tuple(
        SummaryRow(
            **response_values(run),
            position=run.position,
            question=run.question,
            time_limit=run.time_limit,
            duration=run.active_seconds,
            skipped=run.skipped,
        )
        for run in runs
        if run.finished
    )
    return SessionSummary(rows, mode, started_at, sum(row.duration for row in rows))


def _feedback_markdown(row: SummaryRow) -> list[str]:
    lines: list[str] = []
    if row.key_points:
        lines += ["", f"Key points covered: {row.points_text}"]
        lines += [f"- [{'x' if m.covered else ' '}] {m.text}" for m in row.key_points]
    parts = row.star
    if parts is not None:
        lines += ["", f"STAR: {star.star_line(parts)}"]
    if row.speech is not None:
        lines += ["", f"Recording: {speech_text(row.speech, row.time_limit)}"]
        if row.recording:
            lines += [f"(file: recordings/{row.recording} in the data folder)"]
    return lines


def to_markdown(summary: SessionSummary) -> str:
    """The session as a Markdown document: totals, then each question with notes and answer."""
    when = summary.started_at.astimezone().strftime("%Y-%m-%d %H:%M") if summary.started_at else ""
    mean = (
        f"{summary.mean_rating:.1f} of {summary.rated} rated (Again 1 … Easy 4)"
        if summary.mean_rating is not None
        else "— (nothing rated)"
    )
    lines = [
        f"# Mock interview {when}".rstrip(),
        "",
        f"- Questions: {len(summary.rows)} ({summary.answered} answered, "
        f"{summary.skipped} skipped, {summary.unrated} answered but not rated)",
        f"- Total time: {clock_text(summary.total_seconds)}",
        f"- Mean rating: {mean}",
        f"- Over time: {summary.over_time}",
    ]
    weakest = summary.weakest_topics()
    if weakest:
        lines.append(
            "- Weakest topics (a skip counts as Again): " + ", ".join(t.text for t in weakest)
        )
    for row in summary.rows:
        rating = rating_text(row.rating, row.skipped)
        lines += [
            "",
            f"## {row.position + 1}. {plain_title(row.question.question)}",
            "",
            f"*{row.question.topic}* · {clock_text(row.duration)} of "
            f"{clock_text(row.time_limit)} · {rating}",
            "",
        ]
        lines += _feedback_markdown(row)
        lines += [
            "",
            "### Talked through out loud" if row.spoken else "### My notes",
            "",
            (row.reflection.strip() or "_(no reflection)_")
            if row.spoken
            else (row.notes.strip() or "_(none)_"),
        ]
        if row.question.answer:
            lines += ["", "### Reference answer", "", row.question.answer.strip()]
    return "\n".join(lines) + "\n"
