"""Reads of the attempt log for figures and exports.

Figures over 100,000 attempts must come in well under 100 ms, so the reads behind them use
the DB-API cursor directly (no ORM objects, no type processing), aggregate in SQL where
they can, and parse only the times they return. The export reads ORM objects.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from .database import Database
from .models import Attempt


def _fetch(db: Database, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
    db.check_thread()
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(sql, parameters)
        rows = list(cursor.fetchall())
        cursor.close()
        return rows
    finally:
        connection.close()


def due_dates(db: Database) -> dict[str, datetime]:
    """Each question's card due date (aware UTC); unchanged rows are not parsed again."""
    rows = _fetch(db, "SELECT question_id, due FROM review_states WHERE due IS NOT NULL")
    return db.memo("due dates").parse(rows, _due_of_row)


def _due_of_row(row: tuple[str, str]) -> datetime:
    return datetime.fromisoformat(row[1]).replace(tzinfo=UTC)


def all_attempts(db: Database) -> list[Attempt]:
    """Every attempt as an ORM object, oldest first (for exports)."""
    with db.session() as session:
        return list(session.scalars(select(Attempt).order_by(Attempt.started_at, Attempt.id)))


def recent_session_summaries(
    db: Database, limit: int = 12
) -> list[tuple[datetime, int, float | None, float, str]]:
    """The newest sessions with attempts: ``(started, attempts, mean rating, seconds, status)``.

    Aggregated in SQL: the home view needs five numbers per session, not every attempt.
    """
    rows = _fetch(
        db,
        "SELECT s.started_at, count(a.id), avg(a.rating), coalesce(sum(a.duration_seconds), 0),"
        " s.status FROM (SELECT id, started_at, status FROM sessions WHERE EXISTS"
        " (SELECT 1 FROM attempts WHERE attempts.session_id = sessions.id)"
        " ORDER BY started_at DESC, id DESC LIMIT ?) s"
        " JOIN attempts a ON a.session_id = s.id"
        " GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC",
        (limit,),
    )
    return [
        (datetime.fromisoformat(started).replace(tzinfo=UTC), count, mean, seconds, status)
        for started, count, mean, seconds, status in rows
    ]


def recorded_speech(db: Database) -> list[tuple[str, str]]:
    """(topic, metrics JSON) of every attempt with recording metrics, oldest first."""
    sql = "SELECT topic, speech FROM attempts WHERE speech IS NOT NULL ORDER BY started_at, id"
    return [(str(topic), str(speech)) for topic, speech in _fetch(db, sql)]


def forget_recordings(db: Database, names: list[str]) -> int:
    """Clear the names of recordings that were deleted (retention, "Delete all"); the
    metrics stay. Returns how many attempts changed."""
    from sqlalchemy import update

    if not names:
        return 0
    changed = 0
    with db.session() as session:
        for start in range(0, len(names), 500):
            chunk = names[start : start + 500]
            result = session.execute(
                update(Attempt).where(Attempt.recording.in_(chunk)).values(recording=None)
            )
            changed += int(getattr(result, "rowcount", 0) or 0)
        session.commit()
    return changed
