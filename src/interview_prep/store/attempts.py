"""Reading and writing study history: sessions, attempts and review states.

One plain function per action. Each takes either a ``Database``, and then runs in its own
transaction that is committed before it returns, or an open ``sqlalchemy.orm.Session``, and
then only flushes (so ids are assigned) and leaves the commit to the caller, which lets
several calls share one transaction.

Returned objects are detached snapshots once their transaction ends: read their columns
freely; ``StudySession.attempts`` is loaded by the functions that say so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TypeAlias

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..practice import coverage
from ..practice.coverage import PointMark
from .columns import to_columns
from .constants import SessionStatus
from .database import Database
from .errors import NotFoundError, StoreError
from .models import Attempt, ReviewState, StudySession

#: Where a repository function runs: its own transaction, or the caller's session.
DatabaseOrSession: TypeAlias = Database | Session


@contextmanager
def _use(target: DatabaseOrSession) -> Iterator[Session]:
    if isinstance(target, Session):
        yield target
        target.flush()
    else:
        with target.session() as session:
            yield session


def start_session(
    db: DatabaseOrSession, *, settings: Mapping[str, Any], now: datetime
) -> StudySession:
    """Create an active session started at ``now`` with ``settings`` (JSON-serialisable)."""
    study = StudySession(
        started_at=now,
        status=SessionStatus.ACTIVE.value,
        settings=dict(settings),
        attempts=[],
    )
    with _use(db) as session:
        session.add(study)
        session.flush()
    return study


def record_attempt(db: DatabaseOrSession, *, session_id: int | None, **values: Any) -> Attempt:
    """Append one attempt to the history.

    ``values`` are fields of an ``AttemptRecord`` by name, as the record holds them (a
    ``Rating`` or 1..4 for ``rating``, else ``ValueError``; the key points as marks):
    ``question_id``, ``question_text``, ``topic`` and ``started_at`` at least, the others
    default to their columns' defaults (``position`` is not stored). ``question_text``,
    ``topic`` and ``bank_id`` are snapshots of the question as it was asked.
    """
    values = {name: value for name, value in values.items() if name != "position"}
    marks: Sequence[PointMark] | None = values.get("key_points")
    attempt = Attempt(
        session_id=session_id,
        **to_columns(values),
        points_total=None if marks is None else len(marks),
        points_covered=None if marks is None else coverage.covered_count(marks),
    )
    with _use(db) as session:
        session.add(attempt)
        session.flush()
    return attempt


def finish_session(
    db: DatabaseOrSession,
    session_id: int,
    *,
    now: datetime,
    status: SessionStatus | str = SessionStatus.FINISHED,
) -> StudySession:
    """End an active session at ``now`` as ``finished`` or ``abandoned``.

    Returns the session with its attempts loaded. Raises ``NotFoundError`` for an unknown id
    and ``StoreError`` if the session has already ended.
    """
    final = SessionStatus(status)
    if final is SessionStatus.ACTIVE:
        raise ValueError("a session can only be finished as 'finished' or 'abandoned'")
    with _use(db) as session:
        study = session.get(StudySession, session_id, options=[selectinload(StudySession.attempts)])
        if study is None:
            raise NotFoundError(f"no study session with id {session_id}")
        if study.status != SessionStatus.ACTIVE:
            raise StoreError(f"study session {session_id} has already ended ({study.status})")
        study.status = final.value
        study.ended_at = now
    return study


def attempts_for_question(db: DatabaseOrSession, question_id: str) -> list[Attempt]:
    """Every attempt at ``question_id``, oldest first."""
    query = (
        select(Attempt)
        .where(Attempt.question_id == question_id)
        .order_by(Attempt.started_at, Attempt.id)
    )
    with _use(db) as session:
        return list(session.scalars(query))


def recent_sessions(db: DatabaseOrSession, limit: int = 10) -> list[StudySession]:
    """The ``limit`` most recently started sessions, newest first, with their attempts."""
    query = (
        select(StudySession)
        .options(selectinload(StudySession.attempts))
        .order_by(StudySession.started_at.desc(), StudySession.id.desc())
        .limit(limit)
    )
    with _use(db) as session:
        return list(session.scalars(query))


def attempt_counts_by_question(
    db: DatabaseOrSession, *, include_skipped: bool = True
) -> dict[str, int]:
    """How many attempts each question has had (questions never tried are absent)."""
    query = select(Attempt.question_id, func.count()).group_by(Attempt.question_id)
    if not include_skipped:
        query = query.where(Attempt.skipped.is_(False))
    with _use(db) as session:
        return {question_id: count for question_id, count in session.execute(query)}


def get_review_state(db: DatabaseOrSession, question_id: str) -> ReviewState | None:
    """The review state of ``question_id``, or ``None`` if it has none yet."""
    with _use(db) as session:
        return session.get(ReviewState, question_id)


def put_review_state(
    db: DatabaseOrSession,
    question_id: str,
    *,
    card: Mapping[str, Any] | None,
    due: datetime | None,
    last_review: datetime | None,
    reps: int,
    lapses: int,
    now: datetime,
) -> ReviewState:
    """Create or replace the review state of ``question_id``; ``updated_at`` becomes ``now``."""
    with _use(db) as session:
        state = session.get(ReviewState, question_id)
        if state is None:
            state = ReviewState(question_id=question_id)
            session.add(state)
        state.card = None if card is None else dict(card)
        state.due = due
        state.last_review = last_review
        state.reps = reps
        state.lapses = lapses
        state.updated_at = now
    return state
