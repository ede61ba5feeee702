"""A write the database refuses is never lost, and the user is told, never shown "Saved".

Each cause is made for real: another connection holding SQLite's write lock, a database
that may not grow (SQLite's own "database or disk is full"), a journal that cannot be
written either, a crash while writes are held, and a ``-wal`` file deleted under the app.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from conftest import open_window
from interview_prep.practice.recorder import AttemptRecord, Draft
from interview_prep.store import database as database_module
from interview_prep.store import open_database
from interview_prep.store.database import Database
from interview_prep.store.journal import Journal, journal_path
from interview_prep.store.session_log import StoreRecorder
from interview_prep.store.writer import BackgroundWriter, SaveState, WritingRecorder
from interview_prep.ui.main_window import MainWindow

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
WAIT = 10.0


def attempt(position: int, notes: str = "") -> AttemptRecord:
    start = T0 + timedelta(minutes=3 * position)
    return AttemptRecord(
        position=position, question_id=f"q{position}", question_text=f"Question {position}?",
        topic="T", bank_id="b", started_at=start, ended_at=start + timedelta(minutes=2),
        duration_seconds=120.0, time_limit_seconds=180, notes=notes or f"notes {position}",
        rating=3, revealed_at=start + timedelta(minutes=1), skipped=False,
    )  # fmt: skip


def draft(position: int, notes: str) -> Draft:
    return Draft(
        position=position,
        question_id=f"q{position}",
        notes=notes,
        elapsed_seconds=10.0,
        session_elapsed_seconds=10.0,
    )


def stored_notes(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT notes FROM attempts ORDER BY id")]


class States:
    """What the session screen was told, in order."""

    def __init__(self) -> None:
        self.seen: list[SaveState] = []
        self.changed = threading.Condition()

    def __call__(self, state: SaveState) -> None:
        with self.changed:
            self.seen.append(state)
            self.changed.notify_all()

    def wait_for(self, saved: bool) -> SaveState:
        with self.changed:
            assert self.changed.wait_for(
                lambda: bool(self.seen) and self.seen[-1].saved == saved, WAIT
            ), self.seen
            return self.seen[-1]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)  # give up on a lock at once
    monkeypatch.setattr(WritingRecorder, "RETRY_DELAYS", (0.05, 0.1))
    database = open_database(tmp_path / "interview-prep.sqlite3")
    yield database
    database.close()


def recorder_for(db: Database, states: States) -> tuple[WritingRecorder, BackgroundWriter]:
    writer = BackgroundWriter()
    recorder = WritingRecorder(
        StoreRecorder(db), writer, journal=Journal(journal_path(db.path)), on_state=states
    )
    return recorder, writer


def test_a_held_write_lock_holds_the_writes_then_they_are_made_in_order(db: Database) -> None:
    states = States()
    recorder, writer = recorder_for(db, states)
    session = recorder.session_started({}, T0)
    recorder.question_finished(session, attempt(0), draft(1, ""), T0)
    assert writer.flush(WAIT)

    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    recorder.draft_changed(session, draft(1, "typing"), T0)
    recorder.question_finished(session, attempt(1), draft(2, ""), T0)
    recorder.draft_changed(session, draft(2, "more"), T0)
    recorder.question_finished(session, attempt(2), None, T0)
    state = states.wait_for(saved=False)
    assert "another program is holding the database" in state.message()
    assert str(journal_path(db.path)) in state.message()
    assert writer.flush(WAIT) and not recorder.state.saved
    assert len(Journal(journal_path(db.path)).read()) >= 2  # on disk, not only in memory

    other.execute("COMMIT")  # the other program lets go
    other.close()
    states.wait_for(saved=True)
    assert recorder.state.message() == "Saved"
    assert stored_notes(db.path) == ["notes 0", "notes 1", "notes 2"]
    assert not journal_path(db.path).exists()
    recorder.stop()
    writer.close()


def _limit_growth(db: Database) -> None:
    """Let the database file grow no more: SQLite reports the disk as full."""

    @event.listens_for(db.engine, "connect")
    def limit(connection: sqlite3.Connection, _record: object) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    db.engine.dispose()
    db.limit = limit  # type: ignore[attr-defined]


def test_a_full_disk_keeps_the_notes_in_memory_and_says_where(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    states = States()
    recorder, writer = recorder_for(db, states)
    session = recorder.session_started({}, T0)
    _limit_growth(db)
    long_notes = "A long answer. " * 2000
    recorder.question_finished(session, attempt(0, long_notes), None, T0)
    state = states.wait_for(saved=False)
    assert state.message().startswith("Not saved: the disk is full; your notes are kept in")

    # The journal cannot be written either: the notes are in memory only, and it says so.
    def no_space(self: Journal, writes: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Journal, "append", no_space)
    recorder.question_finished(session, attempt(1, "second"), None, T0)
    assert writer.flush(WAIT)
    assert states.seen[-1].message() == (
        "Not saved: the disk is full; your notes are kept in memory only"
    )
    assert recorder.state.pending == 2

    monkeypatch.undo()  # space is freed
    event.remove(db.engine, "connect", db.limit)  # type: ignore[attr-defined]
    db.engine.dispose()
    states.wait_for(saved=True)
    assert stored_notes(db.path) == [long_notes, "second"]
    recorder.stop()
    writer.close()


def test_a_database_that_turns_read_only_holds_the_writes(db: Database) -> None:
    states = States()
    recorder, writer = recorder_for(db, states)
    session = recorder.session_started({}, T0)

    @event.listens_for(db.engine, "connect")
    def read_only(connection: sqlite3.Connection, _record: object) -> None:
        connection.execute("PRAGMA query_only = ON")

    db.engine.dispose()
    recorder.question_finished(session, attempt(0), None, T0)
    state = states.wait_for(saved=False)
    assert "the database file cannot be written to" in state.message()
    event.remove(db.engine, "connect", read_only)
    db.engine.dispose()
    states.wait_for(saved=True)
    assert stored_notes(db.path) == ["notes 0"]
    recorder.stop()
    writer.close()


def test_writes_held_at_a_crash_are_made_at_the_next_start(db: Database, tmp_path: Path) -> None:
    states = States()
    recorder, writer = recorder_for(db, states)
    session = recorder.session_started({}, T0)
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    recorder.question_finished(session, attempt(0), draft(1, "half an answer"), T0)
    recorder.question_finished(session, attempt(1), None, T0)
    states.wait_for(saved=False)
    assert writer.flush(WAIT)
    recorder.stop()  # the app stops (a crash would stop it the same way)
    writer.close()
    db.close()
    other.execute("ROLLBACK")
    other.close()
    assert journal_path(db.path).exists()

    with open_database(db.path) as again:
        assert any("saved now" in notice for notice in again.notices), again.notices
    assert stored_notes(db.path) == ["notes 0", "notes 1"]
    assert not journal_path(db.path).exists()


def test_an_answer_is_in_the_database_file_itself_not_only_in_its_wal(
    db: Database, tmp_path: Path
) -> None:
    """Another program deleted the -wal file under the running app, then it crashed: every
    answer of that run was gone."""
    recorder = StoreRecorder(db)
    session = recorder.session_started({}, T0)
    for position in range(3):
        recorder.question_finished(session, attempt(position), None, T0)
    main_file_only = tmp_path / "copy.sqlite3"
    shutil.copyfile(db.path, main_file_only)  # what is left if the -wal is lost
    assert stored_notes(main_file_only) == ["notes 0", "notes 1", "notes 2"]


def test_a_mistake_in_a_write_is_not_held_forever(db: Database) -> None:
    """Only refusals of the database are held; a write that can never be made (its session
    already ended) goes to the writer's error path and does not block the writes after it."""
    states = States()
    recorder, writer = recorder_for(db, states)
    session = recorder.session_started({}, T0)
    recorder.session_ended(session, "finished", T0)
    recorder.session_ended(session, "finished", T0)
    other = recorder.session_started({}, T0)
    recorder.question_finished(other, attempt(0), None, T0)
    assert writer.flush(WAIT)
    assert len(writer.errors) == 1 and recorder.state.saved and states.seen == []
    assert stored_notes(db.path) == ["notes 0"]
    writer.close()


# --- what the session screen shows ---------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(WritingRecorder, "RETRY_DELAYS", (0.05, 0.1))
    win: MainWindow = open_window(qtbot, data_dir, seed=5)
    yield win
    win.close()


def _begin(qtbot: QtBot, win: MainWindow, count: int) -> None:
    qtbot.keyClick(win.question_list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = win.findChild(QDialog, "sessionSetupDialog")
    assert dialog is not None
    spin = dialog.findChild(QSpinBox, "questionCountSpin")
    assert spin is not None
    spin.setValue(count)
    begin = dialog.findChild(QPushButton, "beginSessionButton")
    qtbot.mouseClick(begin, Qt.MouseButton.LeftButton)
    # The session is stored on the database thread first; then it shows, or a refusal does.
    qtbot.waitUntil(
        lambda: (
            win.pages.currentWidget() is win.session_view
            or win.findChild(QMessageBox, "cannotBeginDialog") is not None
        )
    )


def test_the_session_screen_says_not_saved_and_where_the_notes_are(
    qtbot: QtBot, window: MainWindow
) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    _begin(qtbot, window, 3)
    view = window.session_view
    assert window.pages.currentWidget() is view
    assert not view.save_banner.isVisible()

    other = sqlite3.connect(window.database.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the database
    qtbot.keyClicks(view.notes_edit, "my first answer")
    window.clock.advance(30)
    qtbot.keyClick(view.notes_edit, Qt.Key.Key_R, ctrl)
    qtbot.keyClick(view.notes_edit, Qt.Key.Key_3, ctrl)
    qtbot.keyClick(view.notes_edit, Qt.Key.Key_Return, ctrl)
    qtbot.waitUntil(view.save_banner.isVisible, timeout=5000)
    text = view.save_banner.label.text()
    assert text.startswith("Not saved: another program is holding the database; your notes")
    assert str(journal_path(window.database.path)) in text
    view.save_now()
    assert view.save_label.text() == "Not saved"  # never "Saved" while writes are held

    other.execute("COMMIT")
    other.close()
    qtbot.waitUntil(lambda: not view.save_banner.isVisible(), timeout=5000)
    view.save_now()
    assert view.save_label.text() == "Saved"
    assert window.link.writer.flush(WAIT)
    assert stored_notes(window.database.path) == ["my first answer"]


def test_a_database_that_cannot_be_written_says_so_when_starting(
    qtbot: QtBot, window: MainWindow
) -> None:
    engine = window.database.engine

    @event.listens_for(engine, "connect")
    def read_only(connection: sqlite3.Connection, _record: object) -> None:
        connection.execute("PRAGMA query_only = ON")

    engine.dispose()
    _begin(qtbot, window, 2)
    dialog = window.findChild(QMessageBox, "cannotBeginDialog")
    assert dialog is not None and dialog.isVisible()
    assert "cannot be written to" in dialog.text()
    assert str(window.database.path) in dialog.text()
    assert window.pages.currentWidget() is not window.session_view
    assert window.engine is None
