"""Mastery over time: the weekly figures (core) and the review screen's chart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from interview_prep.stats.figures import AttemptRow
from interview_prep.stats.trend import mastery_by_week
from interview_prep.ui.charts.trend import TrendChart

MONDAY = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)  # a Monday


def row(qid: str, week: int, rating: int | None, *, skipped: bool = False) -> AttemptRow:
    return AttemptRow(qid, rating, skipped, 60.0, 180, MONDAY + timedelta(weeks=week, days=1))


def test_weekly_mastery_replays_the_attempts_and_keeps_quiet_weeks() -> None:
    rows = [row("q1", 0, 1), row("q1", 1, 4), row("q2", 3, 3)]
    topics = {"SQL": ["q1", "q2"], "Kafka": ["k1"]}
    weeks = mastery_by_week(rows, topics, date(2026, 11, 26))
    assert list(weeks) == ["SQL"]  # never practised: no line
    days = [week for week, _ in weeks["SQL"]]
    assert days == [date(2026, 11, 2) + timedelta(weeks=i) for i in range(4)]
    values = [round(value, 1) for _, value in weeks["SQL"]]
    # Again (0); then Easy after Again: (1 + 0.5 * 0) / 1.5 over two questions; a quiet
    # week keeps it; then Good on the other question.
    assert values == [0.0, 33.3, 33.3, pytest.approx(70.8, abs=0.1)]


def test_the_chart_draws_a_line_per_topic_and_says_the_week(qtbot: QtBot) -> None:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(600, 260)
    chart.show()
    series = {
        "SQL": [(date(2026, 11, 2), 10.0), (date(2026, 11, 9), 40.0), (date(2026, 11, 16), 55.0)],
        "Kafka": [(date(2026, 11, 9), 20.0), (date(2026, 11, 16), 15.0)],
    }
    chart.set_data(series)
    lines = chart.lines()
    assert [len(points) for points in lines.values()] == [3, 2]
    sql = lines["SQL"]
    assert sql[0].x() < sql[1].x() < sql[2].x() and sql[0].y() > sql[1].y() > sql[2].y()
    assert lines["Kafka"][0].x() == pytest.approx(sql[1].x())  # the same week, the same x
    assert chart.date_labels()[0].startswith("Week of 2 Nov")
    tip = chart.tooltip_at(sql[1])
    assert tip == "Week of Mon 9 Nov 2026\nSQL: 40\nKafka: 20"
    assert not chart.grab().isNull()
