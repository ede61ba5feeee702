"""The figures and the mastery formula, on hand-made histories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_prep.bank.model import Question
from interview_prep.stats.figures import AttemptRow, compute_stats, tally_attempts
from interview_prep.stats.mastery import attempt_score
from interview_prep.stats.tally import BUCKET, LAST_BUCKET, Tally, histogram_median

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=30)


def q(qid: str, topic: str) -> Question:
    return Question(id=qid, topic=topic, question=f"{qid}?", answer="a")


BANK = [q("s1", "Sensors"), q("s2", "Sensors"), q("s3", "Sensors"), q("e1", "Executors")]


def row(qid: str, day: int, rating: int | None, *, skipped: bool = False, used: float = 60,
        limit: int = 100) -> AttemptRow:  # fmt: skip
    return AttemptRow(qid, rating, skipped, used, limit, T0 + timedelta(days=day))


def stats_of(rows: list[AttemptRow], due: dict[str, datetime] | None = None):  # type: ignore[no-untyped-def]
    return compute_stats(BANK, tally_attempts(rows), due or {}, NOW)


def test_empty_history_gives_zero_mastery_and_no_figures() -> None:
    stats = stats_of([])
    assert [t.topic for t in stats.topics] == ["Executors", "Sensors"]  # ties: fewer, by name
    for topic in stats.topics:
        f = topic.figures
        assert (f.attempts, f.mastery, topic.practised) == (0, 0.0, 0)
        assert f.mean_rating is f.weak_share is f.median_time_ratio is f.overtime_rate is None
        assert f.last_practised is None
    assert stats.questions["s1"].last_rating is None


def test_attempt_scores() -> None:
    assert [attempt_score(r, False, False) for r in (1, 2, 3, 4)] == [0.0, 0.35, 0.75, 1.0]
    assert attempt_score(4, True, False) == 0.0  # skipped
    assert attempt_score(None, False, False) == 0.5  # tried, not rated
    assert attempt_score(4, False, True) == pytest.approx(0.85)  # over the limit


def test_recent_attempts_weigh_more() -> None:
    improving = stats_of([row("s1", 0, 1), row("s1", 1, 4)]).questions["s1"].figures.mastery
    declining = stats_of([row("s1", 0, 4), row("s1", 1, 1)]).questions["s1"].figures.mastery
    assert improving == pytest.approx(100 * (1.0 + 0.5 * 0.0) / 1.5)
    assert declining == pytest.approx(100 * (0.0 + 0.5 * 1.0) / 1.5)
    assert improving > declining


def test_never_practised_questions_lower_the_topic() -> None:
    stats = stats_of([row("s1", 0, 4), row("e1", 0, 4)])
    by_topic = {t.topic: t for t in stats.topics}
    assert by_topic["Executors"].figures.mastery == pytest.approx(100)
    assert by_topic["Sensors"].figures.mastery == pytest.approx(100 / 3)  # 1 of 3 known
    assert (by_topic["Sensors"].practised, by_topic["Sensors"].questions) == (1, 3)
    assert [t.topic for t in stats.topics] == ["Sensors", "Executors"]  # weakest first


def test_topic_figures() -> None:
    rows = [
        row("s1", 0, 1, used=150),  # Again, over time
        row("s1", 2, 3, used=50),
        row("s2", 3, 2, used=100),
        row("s3", 4, None, skipped=True, used=0),
        row("s2", 5, None, used=80),  # tried, unrated
    ]
    topic = next(t for t in stats_of(rows).topics if t.topic == "Sensors")
    f = topic.figures
    assert f.attempts == 5 and topic.practised == 3
    assert f.mean_rating == pytest.approx((1 + 3 + 2) / 3)
    assert f.weak_share == pytest.approx(2 / 3)
    assert f.overtime_rate == pytest.approx(1 / 4)  # skipped attempts are not timed
    assert f.median_time_ratio == pytest.approx(0.9, abs=0.05)  # of 0.5, 0.8, 1.0, 1.5
    assert f.last_practised == T0 + timedelta(days=5)


def test_median_from_the_histogram() -> None:
    assert histogram_median({}) is None
    assert histogram_median({20: 1}) == pytest.approx(1.025, abs=0.03)
    assert histogram_median({10: 2, 30: 2}) == pytest.approx(1.0, abs=0.05)


@given(st.dictionaries(st.integers(0, LAST_BUCKET), st.integers(1, 50), max_size=20))
def test_the_median_is_that_of_the_values_spread_across_their_buckets(
    histogram: dict[int, int],
) -> None:
    values = sorted(
        (bucket + (i + 0.5) / count) * BUCKET
        for bucket, count in histogram.items()
        for i in range(count)
    )
    median = histogram_median(histogram)
    if not values:
        assert median is None
    else:
        middle = len(values) // 2
        expected = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
        assert median == pytest.approx(expected)


@given(st.dictionaries(st.integers(0, LAST_BUCKET), st.integers(1, 10**6), max_size=61))
def test_histograms_survive_their_stored_text(histogram: dict[int, int]) -> None:
    tally = Tally(ratio_hist=histogram)
    assert Tally.hist_from_text(tally.hist_text()) == histogram


def test_question_figures_and_last_rating() -> None:
    stats = stats_of(
        [row("s1", 0, 4), row("s1", 1, 2), row("s2", 0, 3), row("s2", 1, None, skipped=True)]
    )
    assert stats.questions["s1"].last_rating == 2
    assert stats.questions["s2"].last_rating is None  # the last attempt was a skip
    assert stats.questions["s1"].figures.attempts == 2


def test_weakest_questions_put_due_ones_first() -> None:
    rows = [row("s1", 0, 4), row("s2", 0, 1), row("e1", 0, 3)]
    due = {"s1": NOW - timedelta(days=2), "e1": NOW + timedelta(days=3)}
    stats = stats_of(rows, due)
    # due first; then by mastery: s2 (rated Again) before s3 (never tried), then e1
    assert [x.id for x in stats.weakest_questions(NOW)] == ["s1", "s2", "s3", "e1"]
    assert [x.id for x in stats.weakest_questions(NOW, topic="Executors")] == ["e1"]
    assert next(t for t in stats.topics if t.topic == "Sensors").due == 1


def test_attempts_of_questions_no_longer_in_the_bank_are_left_out() -> None:
    stats = stats_of([row("gone", 0, 1), row("s1", 0, 4)])
    assert "gone" not in stats.questions
    assert sum(t.figures.attempts for t in stats.topics) == 1


def test_coverage_is_the_newest_checked_attempt_and_a_topics_mean() -> None:
    rows = [
        row("s1", 0, 3)._replace(coverage=0.25),
        row("s1", 1, 4)._replace(coverage=0.5),
        row("s1", 2, None, skipped=True),  # not checked: the last coverage stands
        row("s2", 0, 4)._replace(coverage=1.0),
        row("s3", 0, 2),  # practised, never checked: not in the mean
    ]
    stats = stats_of(rows)
    assert stats.questions["s1"].figures.coverage == 0.5
    assert stats.questions["s3"].figures.coverage is None
    sensors = next(t for t in stats.topics if t.topic == "Sensors")
    assert sensors.figures.coverage == pytest.approx(0.75)
    executors = next(t for t in stats.topics if t.topic == "Executors")
    assert executors.figures.coverage is None


def test_weakest_puts_a_well_rated_answer_that_missed_key_points_first() -> None:
    rows = [
        row("s1", 0, 4)._replace(coverage=0.2),
        row("s2", 0, 4)._replace(coverage=1.0),
        row("s3", 0, 4),
    ]
    stats = stats_of(rows)
    order = [q.id for q in stats.weakest_questions(NOW, topic="Sensors")]
    assert order == ["s1", "s2", "s3"]  # s2, s3: same score, then by id
    assert stats.questions["s1"].figures.mastery == stats.questions["s2"].figures.mastery
