"""Mastery over time: a topic's mastery at the end of each week, for "am I improving?".

The same mastery as everywhere else (``mastery``): each question's recency-weighted mean of
its attempts' scores, the topic's mean over all its questions (never practised ones count
0). Replayed attempt by attempt, oldest first, and read at the end of every week from the
week of the topic's first attempt to the week of ``today``, so a week without practice
keeps the level it had. Weeks start on Monday, in local time, as the activity chart's do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from .figures import AttemptRow
from .mastery import topic_mastery
from .tally import Tally

WeeklyMastery = list[tuple[date, float]]  # (Monday, mastery 0..100 at that week's end)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def mastery_by_week(
    rows: Iterable[AttemptRow], topics: Mapping[str, Sequence[str]], today: date
) -> dict[str, WeeklyMastery]:
    """Each topic's weekly mastery; ``topics``: topic -> the ids of all its questions;
    ``rows``: their attempts, oldest first. A topic never practised gets no points."""
    topic_of = {qid: topic for topic, ids in topics.items() for qid in ids}
    tallies: dict[str, dict[str, Tally]] = {topic: {} for topic in topics}
    by_week: dict[str, dict[date, float]] = {topic: {} for topic in topics}
    first_week: dict[str, date] = {}
    for row in rows:
        topic = topic_of.get(row.question_id)
        if topic is None:
            continue
        week = monday_of(row.started_at.astimezone().date())
        first_week.setdefault(topic, week)
        tally = tallies[topic].setdefault(row.question_id, Tally())
        tally.add(  # folded as the figures fold every attempt
            row.rating, row.skipped, row.duration_seconds, row.time_limit_seconds,
            row.started_at, row.coverage,
        )  # fmt: skip
        scores = [tally.recency.value for tally in tallies[topic].values()]
        by_week[topic][week] = topic_mastery(scores, len(topics[topic]))
    last = monday_of(today)
    result: dict[str, WeeklyMastery] = {}
    for topic, start in first_week.items():
        points: WeeklyMastery = []
        level = 0.0
        week = start
        while week <= last:
            level = by_week[topic].get(week, level)
            points.append((week, level))
            week += timedelta(days=7)
        result[topic] = points
    return result
