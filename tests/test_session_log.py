"""StoreRecorder and crash recovery: what a running session leaves in the database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete

from conftest import violates
from interview_prep.practice.coverage import PointMark
from interview_prep.practice.recorder import AttemptRecord, Draft, SessionRecorder
from interview_prep.store import (
    Database,
    NotFoundError,
    SessionDraft,
    StoreError,
    StoreRecorder,
    StudySession,
    UnfinishedSession,
    abandon_session,
    find_unfinished,
    open_database,
    session_attempts,
)
from interview_prep.store.derived import rebuild_derived
from interview_prep.store.session_log import attempt_record

T0 = datetime(2025, 6, 2, 18, 0, 0, tzinfo=UTC)
PLAN: dict[str, Any] = {
    "settings": {"mode": "timed", "count": 3, "topics": ["Python"]},
    "questions": [
        {"id": "q-closure", "time_limit": 120},
        {"id": "q-gil", "time_limit": 90},
        {"id": "q-async", "time_limit": 60},
    ],
}


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def fmt(moment: datetime) -> str:
    """How a datetime is stored: naive UTC text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "interview-prep.sqlite3")
    yield database
    database.close()


def rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db.path)) as connection:
        return connection.execute(sql).fetchall()


def draft(position: int, question_id: str, notes: str = "", **extra: Any) -> Draft:
    fields: dict[str, Any] = {
        "elapsed_seconds": 0.0,
        "session_elapsed_seconds": 0.0,
        **extra,
    }
    return Draft(position=position, question_id=question_id, notes=notes, **fields)


def attempt(
    position: int, question_id: str, start: float, end: float, **extra: Any
) -> AttemptRecord:
    fields: dict[str, Any] = {
        "question_text": f"Text of {question_id}",
        "topic": "Python",
        "bank_id": "python-basics",
        "duration_seconds": end - start,
        "time_limit_seconds": 120,
        "notes": "",
        "rating": 3,
        "revealed_at": None,
        "skipped": False,
        **extra,
    }
    return AttemptRecord(
        position=position, question_id=question_id, started_at=at(start), ended_at=at(end), **fields
    )


DRAFT_COLUMNS = (
    "SELECT session_id, position, question_id, notes, elapsed_seconds,"
    " session_elapsed_seconds, revealed_at, rating, updated_at FROM session_drafts"
)
ATTEMPT_COLUMNS = (
    "SELECT id, session_id, question_id, question_text, topic, bank_id, started_at, ended_at,"
    " duration_seconds, time_limit_seconds, notes, rating, revealed_at, skipped"
    " FROM attempts ORDER BY id"
)


def test_store_recorder_is_a_session_recorder(db: Database) -> None:
    recorder: SessionRecorder = StoreRecorder(db)
    assert isinstance(recorder, StoreRecorder)


def test_a_whole_session_round_trips(db: Database) -> None:
    recorder = StoreRecorder(db)
    session_id = recorder.session_started(PLAN, at(0))
    [(stored_id, started_at, ended_at, status, settings)] = rows(
        db, "SELECT id, started_at, ended_at, status, settings FROM sessions"
    )
    assert (stored_id, started_at, ended_at, status) == (session_id, fmt(at(0)), None, "active")
    assert json.loads(str(settings)) == PLAN

    # First question: drafts replace each other.
    recorder.draft_changed(session_id, draft(0, "q-closure"), at(1))
    recorder.draft_changed(session_id, draft(0, "q-closure", "late", elapsed_seconds=5.0), at(6))
    assert rows(db, DRAFT_COLUMNS) == [
        (session_id, 0, "q-closure", "late", 5.0, 0.0, None, None, fmt(at(6)))
    ]

    revealed = at(50)
    recorder.draft_changed(
        session_id,
        draft(
            0,
            "q-closure",
            "late binding",
            elapsed_seconds=55.5,
            session_elapsed_seconds=56.0,
            revealed_at=revealed,
            rating=2,
        ),
        at(56),
    )
    assert rows(db, DRAFT_COLUMNS) == [
        (session_id, 0, "q-closure", "late binding", 55.5, 56.0, fmt(revealed), 2, fmt(at(56)))
    ]

    # Finishing it writes the attempt and the next question's draft together.
    first = attempt(0, "q-closure", 1, 60, notes="late binding", rating=2, revealed_at=revealed)
    recorder.question_finished(
        session_id, first, draft(1, "q-gil", session_elapsed_seconds=60.0), at(60)
    )
    assert rows(db, DRAFT_COLUMNS) == [
        (session_id, 1, "q-gil", "", 0.0, 60.0, None, None, fmt(at(60)))
    ]

    # The last one leaves no draft.
    second = attempt(1, "q-gil", 60, 75, rating=None, skipped=True, time_limit_seconds=90)
    recorder.question_finished(session_id, second, None, at(75))
    assert rows(db, "SELECT count(*) FROM session_drafts") == [(0,)]

    recorder.session_ended(session_id, "finished", at(80))

    assert rows(db, "SELECT id, started_at, ended_at, status FROM sessions") == [
        (session_id, fmt(at(0)), fmt(at(80)), "finished")
    ]
    first_id, second_id = (a.id for a in session_attempts(db, session_id))
    assert rows(db, ATTEMPT_COLUMNS) == [
        (
            first_id,
            session_id,
            "q-closure",
            "Text of q-closure",
            "Python",
            "python-basics",
            fmt(at(1)),
            fmt(at(60)),
            59.0,
            120,
            "late binding",
            2,
            fmt(revealed),
            0,
        ),
        (
            second_id,
            session_id,
            "q-gil",
            "Text of q-gil",
            "Python",
            "python-basics",
            fmt(at(60)),
            fmt(at(75)),
            15.0,
            90,
            "",
            None,
            None,
            1,
        ),
    ]
    assert first_id < second_id
    assert rows(db, "SELECT count(*) FROM session_drafts") == [(0,)]
    assert [a.question_id for a in session_attempts(db, session_id)] == ["q-closure", "q-gil"]
    assert find_unfinished(db) is None


def test_a_failed_question_finished_writes_neither_attempt_nor_draft(db: Database) -> None:
    recorder = StoreRecorder(db)
    session_id = recorder.session_started(PLAN, at(0))
    recorder.draft_changed(session_id, draft(0, "q-closure", "kept"), at(1))
    bad_next = draft(1, "q-gil", rating=0)  # refused: not a Rating
    with pytest.raises(ValueError):
        recorder.question_finished(session_id, attempt(0, "q-closure", 1, 30), bad_next, at(30))
    assert rows(db, "SELECT count(*) FROM attempts") == [(0,)]
    assert rows(db, "SELECT question_id, notes FROM session_drafts") == [("q-closure", "kept")]


def test_session_ended_validates_and_deletes_the_draft(db: Database) -> None:
    recorder = StoreRecorder(db)
    session_id = recorder.session_started(PLAN, at(0))
    recorder.draft_changed(session_id, draft(0, "q-closure"), at(1))
    with pytest.raises(ValueError):
        recorder.session_ended(session_id, "active", at(2))
    with pytest.raises(NotFoundError):
        recorder.session_ended(session_id + 1, "finished", at(2))
    assert rows(db, "SELECT count(*) FROM session_drafts") == [(1,)]

    recorder.session_ended(session_id, "abandoned", at(3))
    assert rows(db, "SELECT status, ended_at FROM sessions") == [("abandoned", fmt(at(3)))]
    assert rows(db, "SELECT count(*) FROM session_drafts") == [(0,)]
    with pytest.raises(StoreError, match="already ended"):
        recorder.session_ended(session_id, "finished", at(4))


# --- crash recovery ------------------------------------------------------------------------


def crashed_session(db: Database, start: float, *, answered: int, with_draft: bool) -> int:
    """A session that stopped without ``session_ended``, as after a crash."""
    recorder = StoreRecorder(db)
    session_id = recorder.session_started(PLAN, at(start))
    for n in range(answered):
        recorder.question_finished(
            session_id,
            attempt(n, f"q{n}", start + 10 * n, start + 10 * n + 5),
            draft(n + 1, f"q{n + 1}") if with_draft else None,
            at(start + 10 * n + 5),
        )
    if with_draft:
        recorder.draft_changed(
            session_id,
            draft(answered, f"q{answered}", "half an answer", elapsed_seconds=4.5, rating=4),
            at(start + 10 * answered + 4),
        )
    return session_id


def test_find_unfinished_returns_the_crashed_session_with_its_draft(db: Database) -> None:
    assert find_unfinished(db) is None
    session_id = crashed_session(db, 0, answered=2, with_draft=True)

    found = find_unfinished(db)

    assert isinstance(found, UnfinishedSession)
    assert (found.session_id, found.started_at, found.plan) == (session_id, at(0), PLAN)
    assert found.draft == Draft(
        position=2,
        question_id="q2",
        notes="half an answer",
        elapsed_seconds=4.5,
        session_elapsed_seconds=0.0,
        revealed_at=None,
        rating=4,
    )
    assert [(a.question_id, a.session_id) for a in found.attempts] == [
        ("q0", session_id),
        ("q1", session_id),
    ]
    assert found.attempts[0].started_at == at(0)  # detached, but readable


def test_find_unfinished_picks_the_newest_session_with_something_to_resume(
    db: Database,
) -> None:
    recorder = StoreRecorder(db)
    older = crashed_session(db, 0, answered=1, with_draft=False)  # attempts only
    assert find_unfinished(db) is not None
    newest_resumable = crashed_session(db, 100, answered=0, with_draft=True)  # a draft only
    finished = crashed_session(db, 200, answered=1, with_draft=True)
    recorder.session_ended(finished, "finished", at(300))
    abandoned = crashed_session(db, 400, answered=1, with_draft=True)
    recorder.session_ended(abandoned, "abandoned", at(500))
    empty = recorder.session_started(PLAN, at(600))  # started, nothing saved yet

    found = find_unfinished(db)
    assert found is not None
    assert found.session_id == newest_resumable
    assert found.attempts == []
    assert found.draft is not None and found.draft.question_id == "q0"
    # Pure: nothing was changed on the way.
    assert rows(db, "SELECT id, status FROM sessions ORDER BY id") == [
        (older, "active"),
        (newest_resumable, "active"),
        (finished, "finished"),
        (abandoned, "abandoned"),
        (empty, "active"),
    ]

    abandon_session(db, newest_resumable, at(700))
    found = find_unfinished(db)
    assert found is not None and found.session_id == older
    assert found.draft is None
    assert [a.question_id for a in found.attempts] == ["q0"]


def test_abandon_session_keeps_the_attempts_and_drops_the_draft(db: Database) -> None:
    session_id = crashed_session(db, 0, answered=2, with_draft=True)
    abandon_session(db, session_id, at(1000))

    assert rows(db, "SELECT status, ended_at FROM sessions") == [("abandoned", fmt(at(1000)))]
    assert rows(db, "SELECT count(*) FROM session_drafts") == [(0,)]
    assert [a.question_id for a in session_attempts(db, session_id)] == ["q0", "q1"]
    assert find_unfinished(db) is None
    with pytest.raises(StoreError, match="already ended"):
        abandon_session(db, session_id, at(1001))
    with pytest.raises(NotFoundError):
        abandon_session(db, session_id + 1, at(1001))


def test_session_attempts_are_in_the_order_they_were_finished(db: Database) -> None:
    recorder = StoreRecorder(db)
    session_id = recorder.session_started(PLAN, at(0))
    # Started out of order (a question returned to later): still listed by id.
    recorder.question_finished(session_id, attempt(1, "late", 50, 60), None, at(60))
    recorder.question_finished(session_id, attempt(0, "early", 10, 70), None, at(70))
    assert [a.question_id for a in session_attempts(db, session_id)] == ["late", "early"]
    assert session_attempts(db, session_id + 1) == []


# --- the session_drafts table ---------------------------------------------------------------


def test_draft_rating_outside_1_to_4_is_rejected_by_the_database(db: Database) -> None:
    session_id = StoreRecorder(db).session_started(PLAN, at(0))
    for rating in (0, 5):
        bad = SessionDraft(
            session_id=session_id, position=0, question_id="q", rating=rating, updated_at=T0
        )
        with violates("CHECK"), db.session() as session:
            session.add(bad)
    with pytest.raises(ValueError):  # and by the recorder, before it gets there
        StoreRecorder(db).draft_changed(session_id, draft(0, "q", rating=5), at(1))
    assert rows(db, "SELECT count(*) FROM session_drafts") == [(0,)]


def test_a_draft_needs_an_existing_session_and_goes_with_it(db: Database) -> None:
    recorder = StoreRecorder(db)
    with violates("FOREIGNKEY"):
        recorder.draft_changed(42, draft(0, "q"), at(0))
    session_id = recorder.session_started(PLAN, at(0))
    recorder.draft_changed(session_id, draft(0, "q"), at(1))
    with db.session() as session:
        study = session.get(StudySession, session_id)
        assert study is not None and study.draft is not None
        assert study.draft.question_id == "q"
        session.execute(delete(StudySession).where(StudySession.id == session_id))
    assert rows(db, "SELECT count(*) FROM session_drafts") == [(0,)]  # ON DELETE CASCADE


# --- key points, answering out loud ---------------------------------------------------------

MARKS = (
    PointMark("Scheduler", covered=True, auto=True),
    PointMark("Executor", covered=True, auto=False),  # the user ticked it
    PointMark("Metadata database", covered=False, auto=False),
)


def test_key_points_and_spoken_answers_are_kept_with_the_attempt_and_the_draft(
    db: Database,
) -> None:
    recorder = StoreRecorder(db)
    session_id = recorder.session_started(PLAN, T0)
    recorder.draft_changed(
        session_id,
        draft(0, "q-closure", key_points=MARKS, spoken=True, reflection="Went well"),
        at(5),
    )
    unfinished = find_unfinished(db)
    assert unfinished is not None and unfinished.draft is not None
    assert unfinished.draft.key_points == MARKS  # a resume gets the ticks back
    assert unfinished.draft.spoken and unfinished.draft.reflection == "Went well"

    recorder.question_finished(
        session_id,
        attempt(0, "q-closure", 0, 60, key_points=MARKS, spoken=True, reflection="Went well"),
        draft(1, "q-gil"),
        at(60),
    )
    [stored] = session_attempts(db, session_id)
    assert attempt_record(0, stored).key_points == MARKS
    assert (stored.points_total, stored.points_covered) == (3, 2)
    assert stored.spoken and stored.reflection == "Went well"
    assert rows(db, "SELECT coverage FROM question_stats WHERE question_id = 'q-closure'") == [
        (pytest.approx(2 / 3),)
    ]


def test_an_attempt_without_key_points_keeps_the_questions_last_coverage(db: Database) -> None:
    recorder = StoreRecorder(db)
    session_id = recorder.session_started(PLAN, T0)
    recorder.question_finished(
        session_id, attempt(0, "q-closure", 0, 60, key_points=MARKS), draft(1, "q-gil"), at(60)
    )
    recorder.question_finished(
        session_id, attempt(1, "q-closure", 60, 90, skipped=True), None, at(90)
    )
    [_first, second] = session_attempts(db, session_id)
    assert second.key_points is None and second.points_total is None
    coverage = "SELECT coverage FROM question_stats"
    assert rows(db, coverage) == [(pytest.approx(2 / 3),)]
    rebuild_derived(db)
    assert rows(db, coverage) == [(pytest.approx(2 / 3),)]  # the rebuild agrees
