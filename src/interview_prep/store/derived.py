"""Derived figures kept in the database: per-question tallies and per-day counts.

``record_attempt_figures`` runs in the transaction that adds an attempt, so the derived rows
can never disagree with the log. An attempt older than the question's last one (a restored
session, a changed clock) refolds that question from its log instead of adding on top, since
recency depends on order. ``rebuild_derived`` refolds everything (used by the migration that
created the tables, and available to repair); it gives the same rows as the updates.
Days are local calendar days, as the user lived them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from ..stats.figures import AttemptRow, tally_attempts
from ..stats.mastery import RecencyMean
from ..stats.tally import Tally
from .database import Database
from .models import Attempt, PracticeDay, QuestionTally

_LOG_SQL = (
    "SELECT question_id, rating, skipped, duration_seconds, time_limit_seconds, started_at,"
    " CAST(points_covered AS REAL) / points_total"
    " FROM attempts {where} ORDER BY started_at, id"
)


def local_day(moment: datetime) -> str:
    return moment.astimezone().date().isoformat()


def _parse(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _rows(result: Iterable[Any]) -> list[AttemptRow]:
    return [
        AttemptRow(
            qid, rating, bool(skipped), float(duration or 0), limit, _parse(started), coverage
        )
        for qid, rating, skipped, duration, limit, started, coverage in result
    ]


def _tally_of(row: QuestionTally) -> Tally:
    recency = RecencyMean(row.recency_num, row.recency_den)
    return Tally(
        attempts=row.attempts,
        rated=row.rated,
        rating_sum=row.rating_sum,
        weak=row.weak,
        timed=row.timed,
        overtime=row.overtime,
        last_started=row.last_started,
        last_rating=row.last_rating,
        recency=recency,
        ratio_hist=Tally.hist_from_text(row.ratio_hist),
        coverage=row.coverage,
    )


def _values(tally: Tally) -> dict[str, Any]:
    return {
        "attempts": tally.attempts,
        "rated": tally.rated,
        "rating_sum": tally.rating_sum,
        "weak": tally.weak,
        "timed": tally.timed,
        "overtime": tally.overtime,
        "last_started": tally.last_started,
        "last_rating": tally.last_rating,
        "recency_num": tally.recency.numerator,
        "recency_den": tally.recency.denominator,
        "ratio_hist": tally.hist_text(),
        "coverage": tally.coverage,
    }


def log_row(attempt: Attempt) -> AttemptRow:
    """What the figures read of a stored attempt: the columns ``_LOG_SQL`` reads."""
    total, covered = attempt.points_total, attempt.points_covered
    coverage = covered / total if total and covered is not None else None
    log_columns = AttemptRow._fields[:-1]  # all but the coverage, computed from the points
    return AttemptRow._make([*(getattr(attempt, name) for name in log_columns), coverage])


def record_attempt_figures(session: Session, attempt: Attempt) -> None:
    """Count a just-added attempt in its question's tally and its day."""
    question_id, rating, skipped, duration, limit, started_at, coverage = log_row(attempt)
    row = session.get(QuestionTally, question_id)
    if row is not None and row.last_started is not None and started_at < row.last_started:
        session.flush()  # the attempt itself must be in the log we refold
        log = session.execute(
            text(_LOG_SQL.format(where="WHERE question_id = :qid")), {"qid": question_id}
        )
        tally = tally_attempts(_rows(log))[question_id]
    else:
        if row is None:
            row = QuestionTally(question_id=question_id)
            session.add(row)
            tally = Tally()
        else:
            tally = _tally_of(row)
        tally.add(rating, skipped, duration, limit, started_at, coverage)
    for name, value in _values(tally).items():
        setattr(row, name, value)

    day = session.get(PracticeDay, local_day(started_at))
    if day is None:
        day = PracticeDay(day=local_day(started_at), attempts=0, rated=0, rating_sum=0)
        session.add(day)
    day.attempts += 1
    if rating is not None and not skipped:
        day.rated += 1
        day.rating_sum += rating


def rebuild_derived_on(connection: Connection) -> int:
    """Refold every tally and day from ``attempts`` on ``connection``; returns the tallies."""
    rows = _rows(connection.execute(text(_LOG_SQL.format(where=""))))
    tallies = tally_attempts(rows)
    connection.execute(text("DELETE FROM question_stats"))
    connection.execute(text("DELETE FROM practice_days"))
    if tallies:
        columns = ["question_id", *_values(Tally())]
        connection.execute(
            text(
                f"INSERT INTO question_stats ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)})"
            ),
            [
                {"question_id": qid, **_values(tally), "last_started": _db_time(tally)}
                for qid, tally in tallies.items()
            ],
        )
    days: dict[str, list[int]] = {}
    for row in rows:
        counts = days.setdefault(local_day(row.started_at), [0, 0, 0])
        counts[0] += 1
        if row.rating is not None and not row.skipped:
            counts[1] += 1
            counts[2] += row.rating
    if days:
        connection.execute(
            text(
                "INSERT INTO practice_days (day, attempts, rated, rating_sum)"
                " VALUES (:day, :attempts, :rated, :rating_sum)"
            ),
            [
                {"day": day, "attempts": a, "rated": r, "rating_sum": s}
                for day, (a, r, s) in days.items()
            ],
        )
    return len(tallies)


def _db_time(tally: Tally) -> str | None:
    # Raw SQL bypasses UTCDateTime: store the same naive-UTC text the ORM writes.
    moment = tally.last_started
    if moment is None:
        return None
    # Always with microseconds, as SQLite's datetime type writes them (isoformat drops zeros).
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def rebuild_derived(db: Database) -> int:
    db.check_thread()
    with db.engine.begin() as connection:
        return rebuild_derived_on(connection)


def load_tallies(db: Database) -> dict[str, Tally]:
    """Every question's tally, read fast (a few thousand rows). Rows unchanged since the
    last read give the same ``Tally`` objects (``Database.memo``): do not change them."""
    db.check_thread()
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(
            "SELECT question_id, attempts, rated, rating_sum, weak, timed, overtime,"
            " last_started, last_rating, recency_num, recency_den, ratio_hist, coverage"
            " FROM question_stats"
        )
        rows = cursor.fetchall()
    finally:
        connection.close()
    return db.memo("tallies").parse(rows, _tally_of_row)


def _tally_of_row(row: tuple[Any, ...]) -> Tally:
    _qid, att, rated, rsum, weak, timed, over, last, last_rating, num, den, hist, cov = row
    return Tally(
        att, rated, rsum, weak, timed, over, _parse(last) if last else None,
        last_rating, RecencyMean(num, den), Tally.hist_from_text(hist), cov,
    )  # fmt: skip


def practice_days(db: Database) -> list[tuple[str, int, float | None]]:
    """``(local day, attempts, mean rating or None)``, oldest first."""
    db.check_thread()
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT day, attempts, rated, rating_sum FROM practice_days ORDER BY day")
        rows = cursor.fetchall()
    finally:
        connection.close()
    return [
        (day, attempts, (rsum / rated) if rated else None) for day, attempts, rated, rsum in rows
    ]


def attempt_log(db: Database, question_ids: Iterable[str]) -> list[AttemptRow]:
    """The attempts of some questions, oldest first, as the figures read them (for the
    weekly mastery of a few topics: ``stats.trend``)."""
    import json

    db.check_thread()
    where = "WHERE question_id IN (SELECT value FROM json_each(:ids))"
    with db.engine.connect() as connection:
        result = connection.execute(
            text(_LOG_SQL.format(where=where)), {"ids": json.dumps(list(question_ids))}
        )
        return _rows(result)
