"""Writes the database refused, kept on disk beside it until they can be made.

When a session's write fails (the disk is full, another program holds the write lock, the
file is read-only), ``WritingRecorder`` keeps the write in memory and appends it to this
journal, ``interview-prep.pending.jsonl`` next to the database: one JSON object per line,
flushed and synced at once. The writes are retried in order; when they all succeed the
journal is removed. If the app stops first, the next start replays the journal
(``replay``) before anything else reads the database, so a refused write is never lost,
only late.

A record's fields are those of ``Draft`` and ``AttemptRecord``, read from the dataclasses
themselves; datetimes, and the fields with a stored form (``practice.response.STORED``) in
that form, are tagged so they read back as they were. (Key points were tagged ``marks``
before every stored form was; such lines still read.)
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from ..practice import coverage
from ..practice.recorder import AttemptRecord, Draft, SessionRecorder
from ..practice.response import stored_form

log = logging.getLogger(__name__)

JOURNAL_SUFFIX = ".pending.jsonl"

Op = Literal["draft", "finished", "ended"]


@dataclass(frozen=True, slots=True)
class PendingWrite:
    """One call of a ``SessionRecorder`` that is still to reach the database."""

    op: Op
    session_id: int
    now: datetime
    draft: Draft | None = None  # "draft", and the next draft of "finished"
    attempt: AttemptRecord | None = None  # "finished"
    status: str = ""  # "ended"

    def apply(self, recorder: SessionRecorder) -> None:
        if self.op == "draft" and self.draft is not None:
            recorder.draft_changed(self.session_id, self.draft, self.now)
        elif self.op == "finished" and self.attempt is not None:
            recorder.question_finished(self.session_id, self.attempt, self.draft, self.now)
        elif self.op == "ended":
            recorder.session_ended(self.session_id, self.status, self.now)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "session_id": self.session_id,
            "now": self.now.isoformat(),
            "draft": _record_json(self.draft),
            "attempt": _record_json(self.attempt),
            "status": self.status,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PendingWrite:
        return cls(
            op=data["op"],
            session_id=int(data["session_id"]),
            now=datetime.fromisoformat(data["now"]),
            draft=_record(Draft, data.get("draft")),
            attempt=_record(AttemptRecord, data.get("attempt")),
            status=str(data.get("status") or ""),
        )


def _record_json(record: Draft | AttemptRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    encoded: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        form = stored_form(field.name)
        if isinstance(value, datetime):
            value = {"datetime": value.isoformat()}
        elif form is not None and value is not None:
            value = {"stored": form[0](value)}
        encoded[field.name] = value
    return encoded


_R = TypeVar("_R", Draft, AttemptRecord)


def _record(kind: type[_R], data: dict[str, Any] | None) -> _R | None:
    if data is None:
        return None
    values: dict[str, Any] = {}
    for field in dataclasses.fields(kind):
        if field.name not in data:
            continue
        value = data[field.name]
        form = stored_form(field.name)
        if isinstance(value, dict) and "datetime" in value:
            value = datetime.fromisoformat(value["datetime"])
        elif isinstance(value, dict) and "stored" in value and form is not None:
            value = form[1](value["stored"])
        elif isinstance(value, dict) and "marks" in value:  # written before "stored"
            value = coverage.from_json(value["marks"])
        values[field.name] = value
    return kind(**values)


def journal_path(database_path: Path) -> Path:
    """Where the journal of the database at ``database_path`` lives."""
    return database_path.with_name(database_path.name + JOURNAL_SUFFIX)


class Journal:
    """The journal file: appended to and synced line by line, read back, removed."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, writes: Sequence[PendingWrite]) -> None:
        """Add ``writes`` at the end, on disk before returning. Raises ``OSError``."""
        lines = "".join(json.dumps(w.to_json(), ensure_ascii=False) + "\n" for w in writes)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(lines)
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> list[PendingWrite]:
        """Every write in the journal, in order; a torn last line (a crash) is skipped."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        writes: list[PendingWrite] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                writes.append(PendingWrite.from_json(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                log.warning("%s:%d: unreadable pending write skipped: %s", self.path, number, error)
        return writes

    def replace_all(self, writes: Sequence[PendingWrite]) -> None:
        """Make the journal hold exactly ``writes``: written beside it, then renamed over it,
        so a crash leaves the old journal or the new one. Raises ``OSError``."""
        temporary = Journal(self.path.with_name(self.path.name + ".new"))
        temporary.clear()
        temporary.append(writes)
        temporary.path.replace(self.path)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def replay(journal: Journal, recorder: SessionRecorder) -> tuple[int, str | None]:
    """Make the journal's writes, in order; ``(how many were made, why the rest were not)``.

    The journal is removed when all were made. A write the database refuses again stops the
    replay and keeps the journal (with what is left) for the next try; a session that
    ended or went away meanwhile cannot take its write, which is dropped with a log line.
    """
    from .errors import StoreError

    writes = journal.read()
    done = 0
    for index, write in enumerate(writes):
        try:
            write.apply(recorder)
        except (StoreError, LookupError) as error:  # the session is gone or already ended
            log.warning("pending write for session %s dropped: %s", write.session_id, error)
        except Exception as error:
            journal.replace_all(writes[index:])
            return done, failure_reason(error)
        done += 1
    journal.clear()
    return done, None


def is_refusal(error: BaseException) -> bool:
    """Whether ``error`` is the database or the disk refusing a sound write (full, locked,
    read-only, damaged under the app...), which is worth keeping and trying again; not a
    mistake in the write itself (a broken constraint, a closed session: ``StoreError``)."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, OSError):
        return True
    mistakes = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)
    return isinstance(original, sqlite3.DatabaseError) and not isinstance(original, mistakes)


def failure_reason(error: BaseException) -> str:
    """Why a write failed, in words for the user."""
    original = getattr(error, "orig", None) or error
    name = getattr(original, "sqlite_errorname", "")
    if name.startswith("SQLITE_FULL") or getattr(original, "errno", None) == 28:
        return "the disk is full"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "another program is holding the database"
    if name.startswith("SQLITE_READONLY") or isinstance(original, PermissionError):
        return "the database file cannot be written to"
    if name.startswith("SQLITE_IOERR") or isinstance(original, OSError):
        return "the disk could not be written to"
    if isinstance(original, sqlite3.Error):
        return f"the database refused it ({name or type(original).__name__})"
    return f"{type(original).__name__}: {original}"
