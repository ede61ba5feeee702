"""FSRS cards: state after ratings, and the store keeping cards and figures rebuildable."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_prep.practice.rating import Rating
from interview_prep.practice.recorder import AttemptRecord
from interview_prep.practice.scheduling import replay, review, scheduling_rating
from interview_prep.store import open_database
from interview_prep.store.derived import load_tallies, practice_days, rebuild_derived
from interview_prep.store.history import due_dates
from interview_prep.store.review_log import (
    due_count,
    due_question_ids,
    rebuild_cards,
    review_states,
)
from interview_prep.store.session_log import StoreRecorder

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_card_after_a_sequence_of_ratings() -> None:
    state = None
    dues = []
    for day, rating in [(0, Rating.GOOD), (2, Rating.GOOD), (16, Rating.AGAIN), (17, Rating.EASY)]:
        state = review(state, "q1", rating, T0 + timedelta(days=day))
        dues.append((state.due - state.last_review).days)
    assert state is not None
    assert state.reps == 4 and state.lapses == 1
    assert dues[1] > dues[0] >= 1  # Good twice: the interval grows
    assert dues[2] <= 2  # Again: back to a short interval
    assert dues[3] > dues[2]  # Easy: longer again
    assert state.card["state"] == 2  # Review: no learning steps, days not minutes


def test_replay_is_order_independent_and_deterministic() -> None:
    ratings = [(3, Rating.HARD), (0, Rating.GOOD), (9, Rating.EASY)]
    log = [(T0 + timedelta(days=d), r) for d, r in ratings]
    assert replay("q1", log) == replay("q1", list(reversed(log)))
    assert replay("q1", []) is None


def test_what_a_skip_or_no_rating_means() -> None:
    assert scheduling_rating(None, True) is Rating.AGAIN
    assert scheduling_rating(None, False) is None
    assert scheduling_rating(3, False) is Rating.GOOD


def attempt(qid: str, minutes: int, rating: int | None, *, skipped: bool = False) -> AttemptRecord:
    start = T0 + timedelta(minutes=minutes)
    return AttemptRecord(
        position=0, question_id=qid, question_text=f"{qid}?", topic="T", bank_id="b",
        started_at=start, ended_at=start + timedelta(minutes=2), duration_seconds=120,
        time_limit_seconds=180, notes="", rating=rating, revealed_at=None, skipped=skipped,
    )  # fmt: skip


def test_incremental_state_equals_a_rebuild_from_the_log(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    recorder = StoreRecorder(db)
    session = recorder.session_started({}, T0)
    history = [
        attempt("q1", 0, 3),
        attempt("q2", 5, None, skipped=True),
        attempt("q1", 60 * 24 * 3, 1),
        attempt("q3", 10, None),  # unrated: no card, but counted in the figures
        attempt("q1", 60 * 24 * 2, 4),  # arrives late: older than q1's last review
        attempt("q2", 60 * 24 * 9, 2),
    ]
    for item in history:
        recorder.question_finished(session, item, None, T0)
    cards, tallies, days = review_states(db), load_tallies(db), practice_days(db)
    assert set(cards) == {"q1", "q2"} and set(tallies) == {"q1", "q2", "q3"}
    assert cards["q1"].reps == 3 and cards["q2"].lapses >= 0
    raw = "SELECT question_id, last_started FROM question_stats ORDER BY question_id"
    with sqlite3.connect(db.path) as connection:
        stored = connection.execute(raw).fetchall()

    assert rebuild_cards(db, T0) == 2
    rebuild_derived(db)
    with sqlite3.connect(db.path) as connection:  # the same text, on whole seconds too
        assert connection.execute(raw).fetchall() == stored
    assert review_states(db) == cards
    assert load_tallies(db) == tallies
    assert practice_days(db) == days
    assert sum(count for _day, count, _mean in days) == 6

    now = T0 + timedelta(days=30)
    assert due_count(db, now) == 2 and set(due_question_ids(db, now)) == {"q1", "q2"}
    db.close()


def test_a_failed_attempt_write_leaves_the_card_alone(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    recorder = StoreRecorder(db)
    session = recorder.session_started({}, T0)
    recorder.question_finished(session, attempt("q1", 0, 3), None, T0)
    before = review_states(db)
    broken = attempt("q1", 60 * 24, 9)  # no such rating: the insert fails
    with pytest.raises(ValueError):
        recorder.question_finished(session, broken, None, T0)
    assert review_states(db) == before
    assert load_tallies(db)["q1"].attempts == 1
    db.close()


def test_figures_read_again_after_an_attempt_show_it_and_reuse_the_rest(
    tmp_path: Path,
) -> None:
    """Reads after each session parse only the rows that changed, never give stale ones."""
    db = open_database(tmp_path / "db.sqlite3")
    recorder = StoreRecorder(db)
    session = recorder.session_started({}, T0)
    recorder.question_finished(session, attempt("q1", 0, 3), None, T0)
    recorder.question_finished(session, attempt("q2", 5, 4), None, T0)
    before, due_before = load_tallies(db), due_dates(db)

    recorder.question_finished(session, attempt("q1", 60 * 24 * 4, 1), None, T0)
    after, due_after = load_tallies(db), due_dates(db)
    assert (after["q1"].attempts, after["q1"].last_rating) == (2, 1)
    assert before["q1"].attempts == 1  # what was handed out before is left as it was
    assert after["q2"] is before["q2"]  # unchanged: not parsed again
    assert due_after["q1"] != due_before["q1"] and due_after["q2"] == due_before["q2"]

    with sqlite3.connect(db.path) as connection:  # a row gone is gone from the figures
        connection.execute("DELETE FROM question_stats WHERE question_id = 'q2'")
    assert set(load_tallies(db)) == {"q1"}
    db.close()
