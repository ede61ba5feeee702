"""Backups of the database: made, verified, listed, pruned and restored.

The policy (see also ``docs/database.md``):

* **Daily backups.** ``open_database`` (given a ``backups_dir``) calls ``daily_backup`` once
  the database is sound and up to date. If the newest ``daily-*.sqlite3`` in the folder was
  made today (the user's local date), nothing is done; otherwise the database is copied to
  ``daily-YYYYmmdd-HHMMSS.sqlite3``. A database created by this very start (nothing in it
  yet) is not backed up. Only the newest ``KEEP_DAILY`` (7) daily backups are kept: older
  *daily* backups are deleted, and nothing else in the folder ever is; but the newest
  backup with more attempts than the database is never deleted (a lost history stays
  recoverable however many days pass).
* **Pre-migration backups.** Before every migration the old database is copied to
  ``pre-migration-<old revision>-YYYYmmdd-HHMMSS.sqlite3``. They are all kept: a schema
  upgrade happens a few times a year at most, and each is the only copy of the history at
  that schema. ``prune`` never touches them.
* **How a copy is made.** With SQLite's online backup API (``sqlite3.Connection.backup``),
  which reads through the source's connection, so a database in WAL mode is copied with the
  transactions still in its ``-wal`` file, consistently. The copy is switched to
  ``journal_mode=DELETE`` (one self-contained file), written under a ``.partial`` name,
  checked with ``PRAGMA quick_check`` and only then given its final name; a copy that fails
  the check is removed and ``BackupError`` raised.
* **Names and times.** The time in every file name is UTC (like the ``.corrupt-`` files),
  and ``-2``, ``-3``... are added if a name is taken. ``BackupInfo.created`` is read from the
  name (timezone-aware UTC): copying a folder does not change it, unlike a file's mtime.
* **Restoring.** ``restore_backup`` checks the backup, copies it next to the database, then
  moves the current database and its ``-wal``/``-shm``/``-journal`` files aside as
  ``<name>.replaced-YYYYmmdd-HHMMSS`` (never deleted) and puts the copy in place. The
  database must be closed first. ``open_database`` uses it when the database is damaged at
  start, with the newest backup that passes ``quick_check`` (the next one if that cannot be
  restored); ``restore_and_reopen`` is the whole close/restore/reopen sequence for the UI's
  File → Restore backup.

Everything here uses the ``sqlite3`` module only, so it costs nothing at start-up.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import schema
from .errors import StoreError

if TYPE_CHECKING:
    from .database import Database

log = logging.getLogger(__name__)

BackupKind = Literal["daily", "pre-migration"]
DAILY: BackupKind = "daily"
PRE_MIGRATION: BackupKind = "pre-migration"

#: How many daily backups are kept.
KEEP_DAILY = 7

BUSY_TIMEOUT_S = 5.0
SUFFIX = ".sqlite3"
SIDECARS = ("-wal", "-shm", "-journal")
_STAMP = "%Y%m%d-%H%M%S"
_CORRUPTION_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB (primary codes)
_NAME = re.compile(
    r"^(?:(?P<daily>daily)|pre-migration-(?P<revision>.+?))"
    r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<number>\d+))?\.sqlite3$"
)


class BackupError(StoreError):
    """A backup could not be made, verified or restored."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file in the backups folder."""

    path: Path
    kind: BackupKind
    #: When it was made (timezone-aware UTC, from the file name).
    created: datetime
    #: Its size in bytes.
    size: int
    #: The schema revision stamped in it; ``None`` if unreadable or unstamped.
    revision: str | None
    #: ``-2``, ``-3``... when several were made in the same second; 1 otherwise.
    number: int = 1

    @property
    def local_created(self) -> datetime:
        """``created`` in the user's local time zone."""
        return self.created.astimezone()

    def describe_time(self) -> str:
        """``created`` as the user reads it: ``2025-03-14 10:30`` (local time)."""
        return format_time(self.created)


def format_time(moment: datetime) -> str:
    """A time as shown to the user in notices: local, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


# --- files -------------------------------------------------------------------------------


def timestamp(now: datetime | None = None) -> str:
    """``YYYYmmdd-HHMMSS`` in UTC for file names (a naive ``now`` is taken as local time)."""
    return _utc(now).strftime(_STAMP)


def _utc(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else now.astimezone(UTC)


def unused_path(directory: Path, stem: str, suffix: str = "") -> Path:
    """``directory/stem+suffix``, or with ``-2``, ``-3``... added to the stem if taken."""
    candidate = directory / f"{stem}{suffix}"
    number = 2
    while candidate.exists() or any(
        candidate.with_name(candidate.name + sidecar).exists() for sidecar in SIDECARS
    ):
        candidate = directory / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def has_files(path: Path) -> bool:
    """Whether the database file or any of its journal files exists."""
    return path.exists() or any(path.with_name(path.name + s).exists() for s in SIDECARS)


def move_aside(path: Path, label: str, *, now: datetime | None = None) -> Path:
    """Rename ``path`` and its journal files to ``<name>.<label>-<timestamp>``; never overwrite.

    The companions keep SQLite's naming (``<new name>-wal``), so the moved file still opens
    with its last transactions. Journal files without their database are moved too: left
    behind, SQLite would apply them to the next file of that name.
    """
    target = unused_path(path.parent, f"{path.name}.{label}-{timestamp(now)}")
    if path.exists():
        path.rename(target)
    for sidecar in SIDECARS:
        companion = path.with_name(path.name + sidecar)
        if companion.exists():
            companion.rename(target.with_name(target.name + sidecar))
    return target


def _move_back(moved: Path, path: Path) -> None:
    """Undo ``move_aside``: put ``moved`` and its journal files back as ``path``."""
    if moved.exists():
        moved.rename(path)
    for sidecar in SIDECARS:
        companion = moved.with_name(moved.name + sidecar)
        if companion.exists():
            companion.rename(path.with_name(path.name + sidecar))


# --- checks ------------------------------------------------------------------------------


def integrity_problem(path: Path) -> str | None:
    """What is wrong with the SQLite file at ``path``, or ``None`` if it is sound.

    Only corruption counts: a locked or unreadable file raises, so that a healthy database
    in use elsewhere is never mistaken for a damaged one.
    """
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)) as connection:
            rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if is_corruption(error):
            return str(error)
        raise
    messages = [str(row[0]) for row in rows]
    if messages == ["ok"]:
        return None
    return "; ".join(messages[:3]) or "quick_check returned nothing"


def is_corruption(error: sqlite3.DatabaseError) -> bool:
    """Whether ``error`` says the file is damaged or not a database (not locked, not I/O)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in _CORRUPTION_CODES
    message = str(error).lower()
    return "not a database" in message or "malformed" in message


def _revision(path: Path) -> str | None:
    try:
        return schema.current_revision(path)
    except sqlite3.Error:
        return None


def is_usable(backup: Path) -> bool:
    """Whether ``backup`` can be restored: it passes ``quick_check`` and has a revision."""
    try:
        return integrity_problem(backup) is None and _revision(backup) is not None
    except (sqlite3.Error, OSError) as error:
        log.warning("cannot check the backup %s: %s", backup, error)
        return False


# --- making and listing ------------------------------------------------------------------


def copy_database(source: Path, target: Path) -> None:
    """Copy the database ``source`` to the new file ``target`` and verify the copy.

    Uses SQLite's online backup API (consistent while others use the source, WAL included),
    writes under ``<target>.partial`` and renames only a copy that passes ``quick_check``.
    Raises ``BackupError`` (the partial copy removed) if the copy is damaged, and lets
    ``sqlite3``/``OSError`` errors through, also without leaving a partial file.
    """
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_S)) as origin,
            closing(sqlite3.connect(partial)) as copy,
        ):
            origin.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        problem = integrity_problem(partial)
        if problem is not None:
            raise BackupError(f"The copy of {source} failed its check ({problem}).")
        partial.replace(target)
    except BaseException:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in SIDECARS)):
            leftover.unlink(missing_ok=True)
        raise


def make_backup(
    db_path: Path,
    backups_dir: Path,
    kind: BackupKind,
    *,
    revision: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Copy the database to ``backups_dir`` as a verified backup of ``kind``; its path.

    A pre-migration backup is named after ``revision`` (read from the file when not given).
    Raises ``BackupError`` if the copy fails its check.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    if kind == DAILY:
        stem = f"daily-{timestamp(now)}"
    elif kind == PRE_MIGRATION:
        revision = revision or schema.current_revision(db_path) or "none"
        stem = f"pre-migration-{revision}-{timestamp(now)}"
    else:
        raise ValueError(f"unknown kind of backup: {kind!r}")
    target = unused_path(backups_dir, stem, SUFFIX)
    copy_database(db_path, target)
    log.info("backed up %s to %s", db_path, target)
    return target


@dataclass(frozen=True, slots=True)
class _Named:
    path: Path
    kind: BackupKind
    created: datetime
    number: int

    @property
    def order(self) -> tuple[datetime, int, int]:
        # Same second: a daily backup is made after the migration's, and -2 after -1.
        return (self.created, self.kind == DAILY, self.number)


def _scan(backups_dir: Path) -> list[_Named]:
    """The backups in ``backups_dir`` by their names, newest first (files not opened)."""
    if not backups_dir.is_dir():
        return []
    found: list[_Named] = []
    for path in backups_dir.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        created = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        kind: BackupKind = DAILY if match["daily"] else PRE_MIGRATION
        found.append(_Named(path, kind, created, int(match["number"] or 1)))
    return sorted(found, key=lambda named: named.order, reverse=True)


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Every backup in ``backups_dir``, newest first, with its size and schema revision."""
    infos: list[BackupInfo] = []
    for named in _scan(Path(backups_dir)):
        try:
            size = named.path.stat().st_size
        except OSError:  # removed meanwhile
            continue
        infos.append(
            BackupInfo(
                path=named.path,
                kind=named.kind,
                created=named.created,
                size=size,
                revision=_revision(named.path),
                number=named.number,
            )
        )
    return infos


def attempt_count(path: Path) -> int | None:
    """How many attempts the database at ``path`` holds (None if it cannot be read)."""
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT count(*) FROM attempts").fetchone()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return int(row[0]) if row else None


def prune(backups_dir: Path, keep: int = KEEP_DAILY, *, db_path: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups; returns what was deleted.

    Pre-migration backups, damaged files moved aside and anything else are never touched.
    With ``db_path``, the newest backup holding more attempts than that database is kept
    too, however old: after a history was lost, a week of daily starts must not delete the
    last copy of it.
    """
    dailies = [named for named in _scan(Path(backups_dir)) if named.kind == DAILY]
    old = dailies[max(keep, 0) :]
    if old and db_path is not None:
        current = attempt_count(db_path) or 0
        kept = dailies[: max(keep, 0)]
        if not any((attempt_count(named.path) or 0) > current for named in kept):
            richer = next((n for n in old if (attempt_count(n.path) or 0) > current), None)
            old = [named for named in old if named is not richer]
    deleted: list[Path] = []
    for named in old:
        try:
            named.path.unlink()
        except OSError as error:
            log.warning("cannot delete the old backup %s: %s", named.path, error)
            continue
        deleted.append(named.path)
    return deleted


def daily_backup(
    db_path: Path, backups_dir: Path, *, now: datetime | None = None, keep: int = KEEP_DAILY
) -> Path | None:
    """Make today's daily backup unless there is one already; then prune. The new file.

    "Today" is the local date of ``now`` (default: the current time). Returns ``None`` when
    a daily backup from today exists. Raises ``BackupError`` (or ``OSError``/``sqlite3``
    errors) if the backup could not be made.
    """
    moment = _utc(now)
    today = moment.astimezone().date()
    newest = next((n for n in _scan(Path(backups_dir)) if n.kind == DAILY), None)
    made: Path | None = None
    if newest is None or newest.created.astimezone().date() != today:
        made = make_backup(db_path, backups_dir, DAILY, now=moment)
    prune(backups_dir, keep, db_path=db_path)
    return made


# --- restoring ---------------------------------------------------------------------------


def restore_backup(backup: Path, db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Put a copy of ``backup`` in place of the database at ``db_path``.

    The database must be closed. The backup is checked and copied next to the database
    first; only then are the current database and its journal files moved aside as
    ``<name>.replaced-<timestamp>`` (never deleted) and the copy renamed into place.
    Returns where the replaced database went, or ``None`` if there was none. Raises
    ``BackupError`` for a damaged backup; on any error the database is left as it was.
    """
    backup = Path(backup)
    db_path = Path(db_path)
    if not backup.is_file():
        raise BackupError(f"The backup {backup} does not exist.")
    problem = integrity_problem(backup)
    if problem is not None:
        raise BackupError(f"The backup {backup} is damaged ({problem}).")
    if _revision(backup) is None:
        raise BackupError(f"The file {backup} is not an Interview Prep database.")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    incoming = unused_path(db_path.parent, f"{db_path.name}.restoring-{timestamp(now)}")
    copy_database(backup, incoming)
    replaced: Path | None = None
    try:
        if has_files(db_path):
            replaced = move_aside(db_path, "replaced", now=now)
        incoming.replace(db_path)
    except BaseException:
        if replaced is not None and not has_files(db_path):
            _move_back(replaced, db_path)
        incoming.unlink(missing_ok=True)
        raise
    kept = f" (the old one is at {replaced})" if replaced is not None else ""
    log.warning("restored %s from %s%s", db_path, backup, kept)
    return replaced


def restore_and_reopen(
    database_path: Path,
    backup: Path,
    close: Callable[[], None],
    reopen: Callable[[], Database],
    *,
    now: datetime | None = None,
) -> str:
    """Close the database, restore ``backup`` in its place, reopen it; the message to show.

    ``close`` must close every connection (and stop any writer); ``reopen`` must open
    ``database_path`` again (normally with ``open_database``, which migrates a backup from
    an older schema) and return the new ``Database``, whose notices are added to the
    message. On failure ``BackupError`` is raised after the database the user had has been
    put back and reopened: a restored copy that cannot be opened (from a newer version, say)
    is moved aside as ``<name>.not-restored-<timestamp>``.
    """
    database_path = Path(database_path)
    backup = Path(backup)
    when = _describe_backup(backup)
    close()
    try:
        replaced = restore_backup(backup, database_path, now=now)
    except (BackupError, OSError, sqlite3.Error) as error:
        reopen()
        raise BackupError(
            f"The backup {backup} could not be restored: {error} Your database was not changed."
        ) from error
    try:
        database = reopen()
    except Exception as error:
        rejected = move_aside(database_path, "not-restored", now=now)
        if replaced is not None:
            _move_back(replaced, database_path)
        reopen()
        raise BackupError(
            f"The backup {backup} was restored but could not be opened: {error} "
            f"Your database was put back (the restored copy is at {rejected})."
        ) from error
    kept = (
        f"The database you had was kept as {replaced}; nothing was deleted."
        if replaced is not None
        else "There was no database to keep."
    )
    message = (
        f"Restored the backup of {when} ({backup}). {kept} "
        "Anything recorded after the backup was made is not in the restored history."
    )
    return " ".join([message, *database.notices])


def _describe_backup(backup: Path) -> str:
    named = next((n for n in _scan(backup.parent) if n.path == backup), None)
    if named is not None:
        return format_time(named.created)
    try:
        return format_time(datetime.fromtimestamp(backup.stat().st_mtime, UTC))
    except OSError:
        return "unknown date"
