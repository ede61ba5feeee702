"""A database opened later, by the thread that uses it: the slot a window holds from the start.

The app paints its main window before the database is open: opening it imports SQLAlchemy
(about 400 ms) and checks the file, and the window need not wait for either. The window
holds a ``DatabaseSlot`` instead. The first job on the database thread opens the database
and ``fill``\\s the slot; every job queued after it finds the database there (``get``),
because that thread runs its jobs one at a time, in order. A job that resolves the database
through the slot, not through a value captured when it was queued, therefore works whether
it was queued before the database opened or after.

``SlotRecorder`` is the session recorder (``store.session_log.StoreRecorder``) on whatever
database the slot holds when each write runs. This module imports neither SQLAlchemy nor
the store's ORM modules.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..practice.recorder import AttemptRecord, Draft, SessionRecorder
from .errors import StoreError

if TYPE_CHECKING:
    from .database import Database


class NotOpenError(StoreError):
    """The database was asked for before it was opened (or after opening it failed)."""


class DatabaseSlot:
    """The database at ``path``, once open. ``guard``: the thread ident that may not use it
    (the UI thread in tests and debug runs; see ``Database.forbid_thread``)."""

    def __init__(self, path: Path, database: Database | None = None, *, guard: int | None = None):
        self.path = path
        self.guard = guard
        self._database: Database | None = None
        self.opened = threading.Event()
        if database is not None:
            self.fill(database)

    @property
    def is_open(self) -> bool:
        return self._database is not None

    def fill(self, database: Database) -> Database:
        """From now on ``get`` returns ``database`` (a reopened one replaces the old)."""
        if self.guard is not None:
            database.forbid_thread(self.guard)
        self.path = database.path
        self._database = database
        self.opened.set()
        return database

    def get(self) -> Database:
        """The open database; ``NotOpenError`` before it is open."""
        if self._database is None:
            raise NotOpenError(f"The database {self.path} is not open yet.")
        return self._database

    def close(self) -> None:
        """Close the database, if it was opened."""
        if self._database is not None:
            self._database.close()


class SlotRecorder(SessionRecorder):
    """A ``StoreRecorder`` on the slot's database at the time of each call (which must come
    after the slot is filled: on the database thread, behind the job that opens it)."""

    def __init__(self, slot: DatabaseSlot) -> None:
        self.slot = slot

    def _recorder(self) -> SessionRecorder:
        from .session_log import StoreRecorder

        return StoreRecorder(self.slot.get())

    def session_started(self, plan: dict[str, Any], now: datetime) -> int:
        return self._recorder().session_started(plan, now)

    def draft_changed(self, session_id: int, draft: Draft, now: datetime) -> None:
        self._recorder().draft_changed(session_id, draft, now)

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None:
        self._recorder().question_finished(session_id, attempt, next_draft, now)

    def session_ended(self, session_id: int, status: str, now: datetime) -> None:
        self._recorder().session_ended(session_id, status, now)
