"""BackgroundWriter and WritingRecorder: ordered background writes, errors, coalescing."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from interview_prep.practice.recorder import AttemptRecord, Draft, SessionRecorder
from interview_prep.store import (
    BackgroundWriter,
    Database,
    StoreRecorder,
    WritingRecorder,
    open_database,
)

T0 = datetime(2025, 6, 2, 18, 0, 0, tzinfo=UTC)
WAIT = 5.0  # generous: only reached when something is broken


@pytest.fixture
def writer() -> Iterator[BackgroundWriter]:
    background = BackgroundWriter()
    yield background
    background.close()


def hold(writer: BackgroundWriter) -> threading.Event:
    """Block the writer with a job until the returned event is set; returns once it runs."""
    started, release = threading.Event(), threading.Event()

    def blocker() -> None:
        started.set()
        release.wait(WAIT)

    writer.submit(blocker)
    assert started.wait(WAIT)
    return release


# --- BackgroundWriter -----------------------------------------------------------------------


def test_jobs_run_in_order_on_one_background_thread(writer: BackgroundWriter) -> None:
    done: list[int] = []
    threads: set[int] = set()

    def job(n: int) -> Callable[[], None]:
        def run() -> None:
            threads.add(threading.get_ident())
            done.append(n)

        return run

    for n in range(200):
        writer.submit(job(n))
    assert writer.flush(WAIT)
    assert done == list(range(200))
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_flush_waits_for_what_was_submitted(writer: BackgroundWriter) -> None:
    release = hold(writer)
    done: list[str] = []
    writer.submit(lambda: done.append("after the blocker"))

    assert writer.flush(timeout=0.05) is False
    assert done == []
    release.set()
    assert writer.flush(WAIT) is True
    assert done == ["after the blocker"]
    assert writer.flush(0) is True  # nothing pending


def test_submit_does_not_wait_for_the_job(writer: BackgroundWriter) -> None:
    release = hold(writer)
    began = time.monotonic()
    writer.submit(lambda: None)
    assert time.monotonic() - began < 0.5
    release.set()


def test_a_failing_job_is_recorded_and_later_jobs_still_run(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[tuple[BaseException, bool]] = []

    def on_error(error: BaseException) -> None:
        seen.append((error, threading.current_thread() is not threading.main_thread()))

    writer = BackgroundWriter(on_error=on_error)
    done: list[str] = []
    boom = ValueError("disk on fire")

    def failing() -> None:
        raise boom

    writer.submit(lambda: done.append("before"))
    writer.submit(failing)
    writer.submit(lambda: done.append("after"))
    assert writer.flush(WAIT)
    writer.close()

    assert done == ["before", "after"]
    assert writer.errors == [boom]
    assert seen == [(boom, True)]
    assert "background database write failed" in caplog.text


def test_a_failing_error_callback_does_not_stop_the_writer() -> None:
    def on_error(error: BaseException) -> None:
        raise RuntimeError("callback broken too")

    writer = BackgroundWriter(on_error=on_error)
    done: list[str] = []

    def failing() -> None:
        raise ZeroDivisionError

    writer.submit(failing)
    writer.submit(lambda: done.append("still running"))
    assert writer.flush(WAIT)
    writer.close()
    assert done == ["still running"]
    assert [type(e) for e in writer.errors] == [ZeroDivisionError]


def test_close_runs_what_is_queued_then_stops_and_is_idempotent() -> None:
    writer = BackgroundWriter()
    release = hold(writer)
    done: list[int] = []
    for n in range(5):
        writer.submit(partial(done.append, n))

    assert writer.close(timeout=0.05) is False  # still busy with the blocker
    assert writer.closed
    with pytest.raises(RuntimeError, match="closed"):
        writer.submit(lambda: None)
    release.set()
    assert writer.close(WAIT) is True
    assert writer.close(WAIT) is True  # again: harmless
    assert done == [0, 1, 2, 3, 4]
    assert writer.flush(0) is True
    assert writer.errors == []


def test_flush_from_a_job_is_refused_rather_than_deadlocking(writer: BackgroundWriter) -> None:
    def nested() -> None:
        writer.flush()

    writer.submit(nested)
    assert writer.flush(WAIT)
    assert [type(e) for e in writer.errors] == [RuntimeError]


def test_the_thread_is_a_daemon(writer: BackgroundWriter) -> None:
    threads = [t for t in threading.enumerate() if t.name == "interview-prep-writer"]
    assert threads and all(t.daemon for t in threads)


# --- WritingRecorder ------------------------------------------------------------------------


class CallLog(SessionRecorder):
    """A recorder that notes each call and the thread it came on."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.threads: set[int] = set()

    def session_started(self, plan: dict[str, Any], now: datetime) -> int:
        self.calls.append(("started", plan))
        return 7

    def draft_changed(self, session_id: int, draft: Draft, now: datetime) -> None:
        self.threads.add(threading.get_ident())
        self.calls.append(("draft", session_id, draft.notes, now))

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None:
        self.threads.add(threading.get_ident())
        notes = None if next_draft is None else next_draft.notes
        self.calls.append(("finished", session_id, attempt.question_id, notes))

    def session_ended(self, session_id: int, status: str, now: datetime) -> None:
        self.threads.add(threading.get_ident())
        self.calls.append(("ended", session_id, status))


def draft(notes: str, position: int = 0, question_id: str = "q0", **extra: Any) -> Draft:
    return Draft(
        position=position,
        question_id=question_id,
        notes=notes,
        elapsed_seconds=float(len(notes)),
        session_elapsed_seconds=float(len(notes)) + 10 * position,
        **extra,
    )


def attempt(position: int, question_id: str, notes: str = "", **extra: Any) -> AttemptRecord:
    fields: dict[str, Any] = {
        "question_text": f"Text of {question_id}",
        "topic": "Python",
        "bank_id": "bank",
        "started_at": T0 + timedelta(minutes=position),
        "ended_at": T0 + timedelta(minutes=position, seconds=50),
        "duration_seconds": 50.0,
        "time_limit_seconds": 60,
        "rating": 3,
        "revealed_at": None,
        "skipped": False,
        **extra,
    }
    return AttemptRecord(position=position, question_id=question_id, notes=notes, **fields)


def test_session_started_is_synchronous_and_the_rest_is_queued(writer: BackgroundWriter) -> None:
    inner = CallLog()
    recorder = WritingRecorder(inner, writer)
    release = hold(writer)

    assert recorder.session_started({"n": 1}, T0) == 7
    assert inner.calls == [("started", {"n": 1})]
    recorder.draft_changed(7, draft("a"), T0)
    recorder.question_finished(7, attempt(0, "q0"), None, T0)
    recorder.session_ended(7, "finished", T0)
    assert len(inner.calls) == 1  # nothing written while the writer is busy

    release.set()
    assert writer.flush(WAIT)
    assert inner.calls[1:] == [
        ("draft", 7, "a", T0),
        ("finished", 7, "q0", None),
        ("ended", 7, "finished"),
    ]
    assert threading.get_ident() not in inner.threads


def test_queued_drafts_are_coalesced_to_the_newest(writer: BackgroundWriter) -> None:
    inner = CallLog()
    recorder = WritingRecorder(inner, writer)
    release = hold(writer)

    for n in range(100):
        recorder.draft_changed(1, draft(f"one {n}"), T0 + timedelta(seconds=n))
        recorder.draft_changed(2, draft(f"two {n}"), T0 + timedelta(seconds=n))
    release.set()
    assert writer.flush(WAIT)

    assert inner.calls == [
        ("draft", 1, "one 99", T0 + timedelta(seconds=99)),
        ("draft", 2, "two 99", T0 + timedelta(seconds=99)),
    ]

    # Once written, the next draft is queued (and written) again.
    recorder.draft_changed(1, draft("one more"), T0)
    assert writer.flush(WAIT)
    assert inner.calls[-1] == ("draft", 1, "one more", T0)


def test_coalescing_never_moves_a_draft_across_a_finished_question(
    writer: BackgroundWriter,
) -> None:
    inner = CallLog()
    recorder = WritingRecorder(inner, writer)
    release = hold(writer)

    recorder.draft_changed(1, draft("q0 typing"), T0)
    recorder.draft_changed(1, draft("q0 done"), T0)
    recorder.question_finished(1, attempt(0, "q0", "q0 done"), draft("", 1, "q1"), T0)
    recorder.draft_changed(1, draft("q1 typing", 1, "q1"), T0)
    recorder.draft_changed(1, draft("q1 more", 1, "q1"), T0)
    recorder.session_ended(1, "abandoned", T0)
    recorder.draft_changed(1, draft("stray", 1, "q1"), T0)  # after the end: stays after it
    release.set()
    assert writer.flush(WAIT)

    assert inner.calls == [
        ("draft", 1, "q0 done", T0),
        ("finished", 1, "q0", ""),
        ("draft", 1, "q1 more", T0),
        ("ended", 1, "abandoned"),
        ("draft", 1, "stray", T0),
    ]


def test_draft_changed_after_close_raises_and_leaves_no_orphan_slot() -> None:
    inner = CallLog()
    writer = BackgroundWriter()
    recorder = WritingRecorder(inner, writer)
    writer.close()
    for _ in range(2):  # the second call must not be swallowed by a slot of the first
        with pytest.raises(RuntimeError, match="closed"):
            recorder.draft_changed(1, draft("late"), T0)


def test_errors_of_queued_writes_surface_on_the_writer(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    writer = BackgroundWriter(on_error=errors.append)
    with open_database(tmp_path / "db.sqlite3") as db:
        recorder = WritingRecorder(StoreRecorder(db), writer)
        session_id = recorder.session_started({}, T0)
        recorder.session_ended(session_id, "finished", T0)
        recorder.session_ended(session_id, "finished", T0)  # already ended
        assert writer.flush(WAIT)
        writer.close()
    assert len(errors) == 1 and "already ended" in str(errors[0])
    assert writer.errors == errors


# --- against the real store -----------------------------------------------------------------


def run_session(recorder: SessionRecorder) -> None:
    """A session as the engine reports it: typing, two answers, a skip, then an end."""
    plan = {
        "settings": {"count": 3},
        "questions": [{"id": f"q{n}", "time_limit": 60} for n in (0, 1, 2)],
    }
    session_id = recorder.session_started(plan, T0)
    moment = T0
    for position in range(3):
        question = f"q{position}"
        text = ""
        for word in ("use", "a", "dict", "here"):
            text = f"{text} {word}".strip()
            moment += timedelta(seconds=3)
            recorder.draft_changed(session_id, draft(text, position, question), moment)
        last = position == 2
        next_draft = None if last else draft("", position + 1, f"q{position + 1}")
        finished = attempt(position, question, text, skipped=last, rating=None if last else 2)
        moment += timedelta(seconds=1)
        recorder.question_finished(session_id, finished, next_draft, moment)
    # A second session left unfinished, with a draft.
    other = recorder.session_started(plan, moment)
    recorder.draft_changed(other, draft("unsaved thoughts", 0, "q0", rating=4), moment)
    recorder.session_ended(session_id, "finished", moment + timedelta(seconds=1))


def dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(db.path)) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("sessions", "attempts", "session_drafts")
        }


def test_background_writes_leave_the_same_database_as_synchronous_ones(tmp_path: Path) -> None:
    with open_database(tmp_path / "sync.sqlite3") as sync_db:
        run_session(StoreRecorder(sync_db))
        expected = dump(sync_db)

    writer = BackgroundWriter()
    with open_database(tmp_path / "background.sqlite3") as db:
        run_session(WritingRecorder(StoreRecorder(db), writer))
        assert writer.flush(WAIT)
        assert writer.close(WAIT)
        assert writer.errors == []
        got = dump(db)

    assert got == expected
    assert [len(rows) for rows in expected.values()] == [2, 3, 1]
