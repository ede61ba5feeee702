"""The local store: the user's study history in one SQLite file.

What lives where:

* ``models``: the tables as SQLAlchemy 2 declarative models (``StudySession``, ``Attempt``,
  ``ReviewState``, ``SessionDraft``) and ``UTCDateTime``, which keeps every datetime
  timezone-aware UTC;
* ``constants``: ``Rating`` (1 Again .. 4 Easy) and ``SessionStatus``, without SQLAlchemy;
* ``database``: ``open_database`` and ``Database`` (engine, sessions, start-up notices);
* ``attempts``: one small function per read or write of the history;
* ``session_log``: ``StoreRecorder``, the session engine's recorder on the database (one
  transaction per event), and ``find_unfinished`` / ``abandon_session`` for resuming after
  a crash;
* ``writer``: ``BackgroundWriter``, one thread that runs database writes in order off the UI
  thread, and ``WritingRecorder``, which puts a recorder behind it;
* ``schema``: the expected schema revision and a ``sqlite3``-only reader of a file's
  revision;
* ``migrations``: the Alembic environment and the numbered revisions, shipped inside the
  package and configured in code, so an installed app needs no ``alembic.ini``.

The database runs in WAL mode (readers never block the writer; ``synchronous=NORMAL`` is
safe with it) with foreign keys enforced. Migrations run at start-up, inside
``open_database``, after a backup copy of the old file. Alembic is imported only then:
its import costs about 300 ms, so an up-to-date database is recognised by reading
``alembic_version`` with ``sqlite3`` and opened without it. See ``docs/database.md``.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .attempts import (
        DatabaseOrSession,
        attempt_counts_by_question,
        attempts_for_question,
        finish_session,
        get_review_state,
        put_review_state,
        recent_sessions,
        record_attempt,
        start_session,
    )
    from .constants import Rating, SessionStatus
    from .database import Database, open_database
    from .errors import NotFoundError, SchemaTooNewError, StoreError
    from .models import Attempt, Base, ReviewState, SessionDraft, StudySession, UTCDateTime
    from .schema import HEAD_REVISION, current_revision
    from .session_log import (
        StoreRecorder,
        UnfinishedSession,
        abandon_session,
        find_unfinished,
        session_attempts,
    )
    from .writer import BackgroundWriter, WritingRecorder

# Where each name lives: imported on first use (PEP 562), so that importing a light module
# such as ``store.writer`` or ``store.constants`` does not import SQLAlchemy (about 400 ms).
_HOMES = {
    "Attempt": "models",
    "BackgroundWriter": "writer",
    "Base": "models",
    "Database": "database",
    "DatabaseOrSession": "attempts",
    "HEAD_REVISION": "schema",
    "NotFoundError": "errors",
    "Rating": "constants",
    "ReviewState": "models",
    "SchemaTooNewError": "errors",
    "SessionDraft": "models",
    "SessionStatus": "constants",
    "StoreError": "errors",
    "StoreRecorder": "session_log",
    "StudySession": "models",
    "UTCDateTime": "models",
    "UnfinishedSession": "session_log",
    "WritingRecorder": "writer",
    "abandon_session": "session_log",
    "attempt_counts_by_question": "attempts",
    "attempts_for_question": "attempts",
    "current_revision": "schema",
    "find_unfinished": "session_log",
    "finish_session": "attempts",
    "get_review_state": "attempts",
    "open_database": "database",
    "put_review_state": "attempts",
    "recent_sessions": "attempts",
    "record_attempt": "attempts",
    "session_attempts": "session_log",
    "start_session": "attempts",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "HEAD_REVISION",
    "Attempt",
    "BackgroundWriter",
    "Base",
    "Database",
    "DatabaseOrSession",
    "NotFoundError",
    "Rating",
    "ReviewState",
    "SchemaTooNewError",
    "SessionDraft",
    "SessionStatus",
    "StoreError",
    "StoreRecorder",
    "StudySession",
    "UTCDateTime",
    "UnfinishedSession",
    "WritingRecorder",
    "abandon_session",
    "attempt_counts_by_question",
    "attempts_for_question",
    "current_revision",
    "find_unfinished",
    "finish_session",
    "get_review_state",
    "open_database",
    "put_review_state",
    "recent_sessions",
    "record_attempt",
    "session_attempts",
    "start_session",
]
