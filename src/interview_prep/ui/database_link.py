"""The window's database: one thread that touches it, one recorder that writes sessions to it.

``DatabaseLink`` owns the database thread (``store.writer.BackgroundWriter``), the slot the
open database is kept in (``store.slot.DatabaseSlot``), the session recorder on it
(``WritingRecorder``: a refused write is held in memory and in the journal, and the session
screen told through ``save_state``) and the ``TaskRunner`` through which every screen reads
and writes.

Given a function that opens the database rather than an open one, the link queues the
opening as the database thread's first job. That job waits for ``allow_open`` (the window
reads its banks first: two threads busy in Python at once starve the UI thread of the GIL),
then fills the slot and reads the home view's figures; ``opened`` or ``failed`` follows.
Every job queued after it, even one queued before it ran, finds the database open.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..practice.clock import Clock
from ..store.journal import Journal, journal_path
from ..store.slot import DatabaseSlot, SlotRecorder
from ..store.writer import BackgroundWriter, WritingRecorder
from .figures import HomeFigures
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..store.database import Database

#: Set (to anything) in tests and debug runs: the UI thread may not open database sessions.
GUARD_ENV = "INTERVIEW_PREP_GUARD_UI_THREAD"

#: Opens the database (on the database thread, as its first job).
Opener = Callable[[], "Database"]


class _Signals(QObject):
    save_state = Signal(object)  # SaveState, from the writer thread


class DatabaseLink(QObject):
    #: The database opened: ``(Database, HomeFigures)``.
    opened = Signal(object)
    #: Opening the database failed: the exception.
    failed = Signal(object)

    def __init__(
        self,
        database: Database | Opener,
        path: Path,
        clock: Callable[[], Clock],
        failed: Callable[[BaseException], None],
        parent: QObject,
    ) -> None:
        """``path``: where the database is (used until it is open). ``failed``: tells the
        user that work without a ``failed`` of its own did not happen."""
        super().__init__(parent)
        self._signals = _Signals()  # no parent: the writer thread may emit after close
        self.save_state = self._signals.save_state
        guard = threading.get_ident() if os.environ.get(GUARD_ENV) else None
        if callable(database):
            self.slot = DatabaseSlot(path, guard=guard)
        else:
            self.slot = DatabaseSlot(database.path, database, guard=guard)
        self.writer, self.recorder = self._start_writing()
        self.tasks = TaskRunner(self.writer, failed=failed)
        self._allowed = threading.Event()
        self._closing = False
        if callable(database):
            self._open(database, clock)

    def _start_writing(self) -> tuple[BackgroundWriter, WritingRecorder]:
        writer = BackgroundWriter()
        recorder = WritingRecorder(
            SlotRecorder(self.slot),
            writer,
            journal=Journal(journal_path(self.slot.path)),
            on_state=self._signals.save_state.emit,
        )
        return writer, recorder

    def _open(self, opener: Opener, clock: Callable[[], Clock]) -> None:
        slot, allowed = self.slot, self._allowed

        def work() -> tuple[Database, HomeFigures] | None:
            allowed.wait()
            if self._closing:  # closed before it was opened: nothing to open
                return None
            database = slot.fill(opener())
            return database, HomeFigures.read(database, clock())

        def done(result: tuple[Database, HomeFigures] | None) -> None:
            if result is not None:
                self.opened.emit(result)

        self.tasks.database(work, done, self.failed.emit)

    def allow_open(self) -> None:
        """The database may be opened now (if it is not open yet)."""
        self._allowed.set()

    def use(self, database: Database) -> None:
        """Work with ``database`` from now on (a restored backup was opened), on a new
        database thread (the old one was closed with the old database)."""
        self.slot.fill(database)
        self.writer, self.recorder = self._start_writing()
        self.tasks.use(self.writer)

    def close(self) -> None:
        """Finish the writes, then close the database (one never opened is not opened)."""
        self._closing = True
        self._allowed.set()
        self.recorder.stop()
        self.writer.close()
        self.slot.close()
