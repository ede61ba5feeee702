"""Opening the database file: health check, restore, backups, migrations, then the engine.

``open_database`` is the one way in. In order, it

1. creates the data folder;
2. checks an existing file with ``PRAGMA quick_check``. A file that is not a database or is
   damaged is moved aside as ``<name>.corrupt-YYYYmmdd-HHMMSS`` (UTC, with its ``-wal`` /
   ``-shm`` / ``-journal`` companions); then, given a ``backups_dir``, the newest backup
   that passes ``quick_check`` (daily or pre-migration) is restored in its place, or, with
   none, a fresh database is started. A file with tables but no Alembic stamp is not ours:
   it is moved aside the same way as ``<name>.unrecognised-...`` and a fresh database is
   started. Nothing is ever overwritten or deleted, and each move and restore is reported
   in ``Database.notices`` (naming the files) for the UI to show;
3. compares the file's revision (read with ``sqlite3``) with ``HEAD_REVISION``. Only when
   they differ is Alembic imported: the old database (a restored backup included) is first
   copied to ``backups_dir`` as a verified pre-migration backup, then upgraded in a single
   transaction with foreign-key enforcement off (so that SQLite "batch" table rebuilds
   cannot cascade), checked with ``PRAGMA foreign_key_check`` and committed. A database
   stamped with a revision this version does not know (written by a newer app) raises
   ``SchemaTooNewError`` untouched;
4. makes today's daily backup if there is none yet (``backups.daily_backup``: at most one a
   day, the newest seven kept). A database this start created is not backed up, and a
   backup that fails is reported in the notices but does not stop the app;
5. makes the engine, whose every connection gets ``journal_mode=WAL``,
   ``synchronous=NORMAL``, ``foreign_keys=ON`` and ``busy_timeout=5000``.

The backup policy itself is described in ``store/backups.py``.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from . import backups, schema
from .backups import integrity_problem, move_aside
from .errors import SchemaTooNewError, StoreError
from .journal import Journal, journal_path, replay
from .row_memo import RowMemo

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000


class WrongThreadError(RuntimeError):
    """The database was used on a thread that must not wait on it (the UI thread)."""


class Database:
    """An open database: the engine, a session factory and what happened while opening.

    ``notices`` holds human-readable messages about anything done to the user's files on
    the way in (a damaged file moved aside and a backup restored, a backup taken before a
    migration, a daily backup that failed); the UI should show them once.
    """

    def __init__(self, path: Path, engine: Engine, *, notices: list[str] | None = None) -> None:
        self.path = path
        self.engine = engine
        self.sessionmaker: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        self.notices: list[str] = list(notices or [])
        self._forbidden_thread: int | None = None
        self._memos: dict[str, RowMemo[Any]] = {}

    def memo(self, name: str) -> RowMemo[Any]:
        """The values parsed from the rows of read ``name`` last time (``store.row_memo``)."""
        return self._memos.setdefault(name, RowMemo())

    def forbid_thread(self, ident: int | None = None) -> None:
        """From now on, opening a session on thread ``ident`` (default: this one) raises
        ``WrongThreadError``. The app forbids its UI thread in tests and debug runs, so a
        read that would make the window wait on the disk fails loudly instead."""
        self._forbidden_thread = threading.get_ident() if ident is None else ident

    def check_thread(self) -> None:
        """Raise ``WrongThreadError`` on a forbidden thread (see ``forbid_thread``)."""
        if self._forbidden_thread is not None and threading.get_ident() == self._forbidden_thread:
            raise WrongThreadError(
                f"{self.path}: opened on the UI thread; database work goes through the "
                "task runner (ui.tasks.TaskRunner.database)"
            )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in a transaction: committed on leaving the block, rolled back on error.

        Objects stay readable after the block (``expire_on_commit=False``); relationships
        that were not loaded inside it cannot be loaded afterwards.
        """
        self.check_thread()
        with self.sessionmaker.begin() as session:
            yield session

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"


def open_database(
    path: Path, *, backups_dir: Path | None = None, now: datetime | None = None
) -> Database:
    """Open (creating or upgrading as needed) the database at ``path``; see the module doc.

    Without ``backups_dir`` no backup is made or restored. ``now`` (default: the current
    time) dates the files moved aside and the backups, and decides whether today's daily
    backup exists. Raises ``SchemaTooNewError`` for a database from a newer version of the
    app, and lets ``sqlite3``/SQLAlchemy errors that are not corruption (locked,
    unreadable...) through.
    """
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    notices: list[str] = []

    if path.exists():
        problem = integrity_problem(path)
        if problem is not None:
            notices.append(_replace_damaged(path, problem, backups_dir, now))
            log.warning("%s", notices[-1])

    revision = schema.current_revision(path)
    if revision is None and path.exists():
        # No schema revision: an empty file, an empty alembic_version, or someone else's
        # tables. Never start afresh over it while a backup holds the user's history.
        foreign = _has_foreign_tables(path)
        if foreign or _has_backups(backups_dir):
            what = (
                "held tables that Interview Prep did not create"
                if foreign
                else "was empty or not an Interview Prep database"
            )
            notices.append(_set_aside_and_restore(path, "unrecognised", what, backups_dir, now))
            log.warning("%s", notices[-1])
            revision = schema.current_revision(path)

    if revision != schema.HEAD_REVISION:
        notices.extend(_migrate(path, revision, backups_dir, now))

    if backups_dir is not None and revision is not None:  # a new database has nothing to keep
        try:
            backups.daily_backup(path, backups_dir, now=now)
        except (backups.BackupError, OSError, sqlite3.Error) as error:
            notices.append(f"Today's backup of the database could not be made: {error}")
            log.warning("%s", notices[-1])

    engine = create_engine(sqlite_url(path))
    event.listen(engine, "connect", _set_pragmas)
    try:
        with engine.connect():  # apply the PRAGMAs (and switch to WAL) now, not later
            pass
    except BaseException:
        engine.dispose()
        raise
    database = Database(path, engine, notices=notices)
    if journal_path(path).exists():
        database.notices.append(_replay_pending(database))
        log.warning("%s", database.notices[-1])
    return database


def _replay_pending(database: Database) -> str:
    """Make the writes a previous run could not (see ``journal``); the notice."""
    from .session_log import StoreRecorder

    journal = Journal(journal_path(database.path))
    done, reason = replay(journal, StoreRecorder(database))
    if reason is None:
        return f"Answers and notes that could not be saved last time were saved now ({done})."
    return (
        f"Answers and notes that could not be saved last time: {done} saved now, the rest "
        f"not ({reason}); they are kept in {journal.path} for the next start."
    )


def sqlite_url(path: Path) -> URL:
    """The SQLAlchemy URL of the SQLite file at ``path`` (safe for any file name)."""
    return URL.create("sqlite", database=str(path))


def create_migration_engine(url: str | URL) -> Engine:
    """An engine for running migrations (used by ``open_database`` and ``migrations/env.py``).

    Its connections have ``foreign_keys=OFF``: SQLite "batch" migrations rebuild a table by
    copying it and dropping the original, and with enforcement on that drop would fire
    ``ON DELETE`` actions on the rows that refer to it. SQLAlchemy, not the ``sqlite3``
    module, emits ``BEGIN IMMEDIATE``, so DDL is transactional and a failed migration leaves
    the file as it was.
    """
    engine = create_engine(url, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # sqlite3 must not issue BEGIN by itself
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _replace_damaged(
    path: Path, problem: str, backups_dir: Path | None, now: datetime | None
) -> str:
    """Move the damaged database aside, restore the newest usable backup; the notice."""
    return _set_aside_and_restore(path, "corrupt", f"was damaged ({problem})", backups_dir, now)


def _has_backups(backups_dir: Path | None) -> bool:
    return backups_dir is not None and bool(backups.list_backups(backups_dir))


def _set_aside_and_restore(
    path: Path, label: str, what: str, backups_dir: Path | None, now: datetime | None
) -> str:
    """Move the database aside as ``<name>.<label>-…``, restore the newest usable backup in
    its place (if any); the notice saying what happened and where everything is."""
    moved = move_aside(path, label, now=now)
    damaged = f"The database {path} {what}; it was kept as {moved}."
    found = backups.list_backups(backups_dir) if backups_dir is not None else []
    for info in found:
        if not backups.is_usable(info.path):
            log.warning("skipping the unusable backup %s", info.path)
            continue
        try:
            backups.restore_backup(info.path, path, now=now)
        except (backups.BackupError, OSError, sqlite3.Error) as error:
            log.warning("cannot restore the backup %s: %s", info.path, error)
            continue
        return (
            f"{damaged} Your data was restored from the backup of {info.describe_time()} "
            f"({info.path}); anything recorded after that is lost."
        )
    if found:
        return (
            f"{damaged} None of the {len(found)} backups in {backups_dir} could be used, "
            "so a new, empty database was started."
        )
    return f"{damaged} No backup was found, so a new, empty database was started."


def _has_foreign_tables(path: Path) -> bool:
    """Whether the (unstamped) file holds tables other than an empty ``alembic_version``."""
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
        row = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            " AND name NOT GLOB 'sqlite_*' AND name != 'alembic_version'"
        ).fetchone()
    return bool(row and row[0])


def _migrate(
    path: Path, revision: str | None, backups_dir: Path | None, now: datetime | None
) -> list[str]:
    """Upgrade the database from ``revision`` to ``HEAD_REVISION``; returns notices."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    head = schema.HEAD_REVISION
    config = schema.alembic_config()
    if revision is not None:
        try:
            ScriptDirectory.from_config(config).get_revision(revision)
        except CommandError:
            raise SchemaTooNewError(
                f"The database {path} was written by a newer version of Interview Prep "
                f"(schema {revision}; this version knows up to {head}). Update the app to "
                "open it; the file was not changed."
            ) from None

    notices: list[str] = []
    backup: Path | None = None
    if revision is not None:
        if backups_dir is not None:
            backup = backups.make_backup(
                path, backups_dir, backups.PRE_MIGRATION, revision=revision, now=now
            )
            notices.append(
                f"The database was upgraded from schema {revision} to {head}; "
                f"a copy of the old one is at {backup}."
            )
        else:
            notices.append(f"The database was upgraded from schema {revision} to {head}.")

    log.info("migrating %s from %s to %s", path, revision or "an empty database", head)
    engine = create_migration_engine(sqlite_url(path))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, head)
    except Exception as error:
        # The upgrade ran in one transaction: the file is as it was, so the copy made for it
        # goes (a file stuck like this would otherwise add a backup at every start).
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise StoreError(
            f"The database {path} says it is at schema {revision or 'none'}, but it could not "
            f"be upgraded to {head} ({type(error).__name__}: {str(error).splitlines()[0]}); "
            "it was not changed. Restore a backup (File → Restore backup), or move the file "
            "aside to start with an empty history."
        ) from error
    finally:
        engine.dispose()

    reached = schema.current_revision(path)
    if reached != head:
        raise StoreError(f"Migrating {path} ended at schema {reached}, expected {head}.")
    return notices
