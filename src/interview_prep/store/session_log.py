"""A running session's progress, written to the store as it happens, and found again.

``StoreRecorder`` implements ``practice.recorder.SessionRecorder`` on a ``Database``: the
session engine reports what happens and the recorder writes it, so that a session survives
a crash of the app (or of the computer) and can be resumed.

Transaction design. The durable record of a session is its ``attempts`` (append-only) plus
at most one ``session_drafts`` row, the question the user is on. Every call below is one
transaction, committed before it returns:

* ``session_started`` inserts the ``sessions`` row (status ``active``);
* ``draft_changed`` upserts the draft row (one ``INSERT .. ON CONFLICT DO UPDATE``);
* ``question_finished`` inserts the attempt *and* replaces (or deletes) the draft in the same
  transaction. After a crash the database therefore holds either the old draft and no new
  attempt, or the new attempt and the next question's draft: an attempt can never be lost
  (draft gone, attempt missing) nor written twice (attempt written, old draft still there
  and finished again on resume);
* ``session_ended`` sets the status and ``ended_at`` and deletes the draft, together.

``find_unfinished`` is the other half: at start-up it returns the newest ``active`` session
that has something to resume (an attempt or a draft); the app then resumes it or calls
``abandon_session``. Both are plain functions of the ``Database`` and read or write nothing
else.

These calls block on SQLite; ``interview_prep.store.writer.WritingRecorder`` runs them on a
background thread so the UI never waits for the disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..practice.recorder import AttemptRecord, Draft, SessionRecorder
from ..practice.response import field_values
from .attempts import finish_session, record_attempt, start_session
from .columns import from_columns, to_columns
from .constants import SessionStatus
from .database import Database
from .derived import record_attempt_figures
from .models import Attempt, SessionDraft, StudySession
from .review_log import apply_review


@dataclass(frozen=True, slots=True)
class UnfinishedSession:
    """An ``active`` session left behind (by a crash) with something in it to resume.

    ``plan`` is the JSON the session was started with (``StudySession.settings``),
    ``attempts`` its finished questions in the order they were finished (detached rows:
    read their columns freely), and ``draft`` the question it was on, if one was saved.
    """

    session_id: int
    started_at: datetime
    plan: dict[str, Any]
    attempts: list[Attempt]
    draft: Draft | None


class StoreRecorder(SessionRecorder):
    """Writes a running session to the database, one transaction per call.

    See the module docstring for why ``question_finished`` is a single transaction. The
    calls block; wrap the recorder in a ``WritingRecorder`` to keep them off the UI thread.
    Safe to use from several threads (each call opens its own ORM session), though the
    engine's calls for one session are expected in order.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def session_started(self, plan: dict[str, Any], now: datetime) -> int:
        """Insert an ``active`` session started at ``now`` with ``plan`` as its settings."""
        return start_session(self.db, settings=plan, now=now).id

    def draft_changed(self, session_id: int, draft: Draft, now: datetime) -> None:
        """Create or replace the session's draft; ``updated_at`` becomes ``now``."""
        with self.db.session() as session:
            _put_draft(session, session_id, draft, now)

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None:
        """Append ``attempt``, update its card and figures, replace the draft: one transaction.

        ``next_draft`` is the next question's draft, or ``None`` when there is none (the
        draft row is then deleted). ``attempt.position`` is not stored: a session's attempts
        are ordered by id, which is the order they were finished in.
        """
        with self.db.session() as session:
            row = record_attempt(session, session_id=session_id, **field_values(attempt))
            apply_review(
                session,
                attempt.question_id,
                rating=attempt.rating,
                skipped=attempt.skipped,
                when=attempt.ended_at,
                now=now,
            )
            record_attempt_figures(session, row)
            if next_draft is None:
                _delete_draft(session, session_id)
            else:
                _put_draft(session, session_id, next_draft, now)
        # Copy the answer from the -wal file into the database file now, not after 1000
        # pages: a -wal deleted by another program under a running app lost every answer.
        self.db.check_thread()
        with self.db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

    def session_ended(self, session_id: int, status: str, now: datetime) -> None:
        """End the session as ``finished`` or ``abandoned`` and delete its draft, together.

        Raises ``NotFoundError`` for an unknown session, ``StoreError`` if it has already
        ended and ``ValueError`` for any other status.
        """
        with self.db.session() as session:
            _end(session, session_id, status, now)


def find_unfinished(db: Database) -> UnfinishedSession | None:
    """The newest ``active`` session with at least one attempt or a draft, or ``None``.

    Only reads. ``active`` sessions with nothing in them (started, then the app stopped
    before anything was saved) are skipped, not changed; older unfinished sessions than the
    one returned are left as they are too.
    """
    has_attempts = exists().where(Attempt.session_id == StudySession.id)
    has_draft = exists().where(SessionDraft.session_id == StudySession.id)
    query = (
        select(StudySession)
        .where(StudySession.status == SessionStatus.ACTIVE.value, or_(has_attempts, has_draft))
        .order_by(StudySession.started_at.desc(), StudySession.id.desc())
        .limit(1)
    )
    with db.session() as session:
        study = session.scalars(query).first()
        if study is None:
            return None
        row = session.get(SessionDraft, study.id)
        return UnfinishedSession(
            session_id=study.id,
            started_at=study.started_at,
            plan=dict(study.settings),
            attempts=_attempts_of(session, study.id),
            draft=None if row is None else draft_of(row),
        )


def abandon_session(db: Database, session_id: int, now: datetime) -> None:
    """Mark the session ``abandoned`` at ``now`` and delete its draft; attempts are kept.

    One transaction. Raises ``NotFoundError`` for an unknown session and ``StoreError`` if it
    has already ended.
    """
    with db.session() as session:
        _end(session, session_id, SessionStatus.ABANDONED, now)


def session_attempts(db: Database, session_id: int) -> list[Attempt]:
    """The attempts of the session, in the order they were finished (by id)."""
    with db.session() as session:
        return _attempts_of(session, session_id)


def draft_of(row: SessionDraft) -> Draft:
    """The engine's ``Draft`` for a stored draft row."""
    return from_columns(row, Draft)


def attempt_record(position: int, attempt: Attempt) -> AttemptRecord:
    """The engine's ``AttemptRecord`` for a stored attempt (``position`` in its session).

    Attempts recorded outside a session may lack an end and a limit (NULL columns): the
    record then ends when it started, with no limit (0).
    """
    return from_columns(
        attempt,
        AttemptRecord,
        position=position,
        ended_at=attempt.ended_at or attempt.started_at,
        time_limit_seconds=attempt.time_limit_seconds or 0,
    )


def _attempts_of(session: Session, session_id: int) -> list[Attempt]:
    query = select(Attempt).where(Attempt.session_id == session_id).order_by(Attempt.id)
    return list(session.scalars(query))


def _put_draft(session: Session, session_id: int, draft: Draft, now: datetime) -> None:
    """Upsert the draft row in one statement (no read-then-write race with other writers)."""
    values = {**to_columns(field_values(draft)), "updated_at": now}
    statement = (
        sqlite_insert(SessionDraft)
        .values(session_id=session_id, **values)
        .on_conflict_do_update(index_elements=[SessionDraft.session_id], set_=values)
    )
    session.execute(statement)


def _delete_draft(session: Session, session_id: int) -> None:
    session.execute(delete(SessionDraft).where(SessionDraft.session_id == session_id))


def _end(session: Session, session_id: int, status: SessionStatus | str, now: datetime) -> None:
    finish_session(session, session_id, now=now, status=status)
    _delete_draft(session, session_id)
