"""Deleting history the user asks to forget: one attempt, or a whole session.

The attempt log is otherwise append-only; these are the only deletes. Each runs in one
transaction, then the figures derived from the log are refolded (``derived``) and the cards
of the questions concerned replayed (``review_log``), so that mastery, the schedule and the
review screen read as if the attempts had never been made. They return the names of the
recordings the deleted attempts had: the caller deletes those files once the database has
let go of them (a file left behind by a crash is only an orphan, which "Delete all
recordings" and retention still find).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from .database import Database
from .derived import rebuild_derived
from .models import Attempt, StudySession
from .review_log import rebuild_card


def _forget(db: Database, where: object, session_id: int | None, now: datetime) -> list[str]:
    db.check_thread()
    with db.session() as session:
        found = session.execute(
            select(Attempt.question_id, Attempt.recording).where(where)  # type: ignore[arg-type]
        ).all()
        session.execute(delete(Attempt).where(where))  # type: ignore[arg-type]
        if session_id is not None:
            session.execute(delete(StudySession).where(StudySession.id == session_id))
    rebuild_derived(db)
    for question_id in sorted({question_id for question_id, _ in found}):
        rebuild_card(db, question_id, now)
    return [name for _, name in found if name]


def delete_attempt(db: Database, attempt_id: int, now: datetime) -> list[str]:
    """Delete one attempt; returns its recording's name (if it had one) in a list."""
    return _forget(db, Attempt.id == attempt_id, None, now)


def delete_session(db: Database, session_id: int, now: datetime) -> list[str]:
    """Delete a session, its attempts and its draft; returns their recordings' names."""
    return _forget(db, Attempt.session_id == session_id, session_id, now)
