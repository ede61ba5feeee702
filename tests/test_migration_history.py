"""Upgrading a database from every earlier schema revision, full of history.

For each revision before the head, a database is built at that revision with Alembic (as
the app of that time left it) and filled, with raw SQL in the formats that app wrote, with
realistic rows in every table that revision has: finished, abandoned and running sessions,
attempts using every column (skipped, rated, timed and overtime, revealed, notes in many
scripts, an attempt whose session is gone, one recorded out of order), review states with
and without a card, and from 0002 on the draft of a running session. Then ``open_database``
upgrades it, and:

* no row is lost or changed: every table that existed is compared column by column;
* the head revision is reached, and the result has exactly the schema of a new database;
* a backup taken before migrating holds the old revision and the old rows;
* the derived tables of 0003 (``question_stats``, ``practice_days``) hold what a fresh
  ``rebuild_derived`` gives, and what the attempts say when counted independently;
* the store's own functions read the old rows back as the values that were written.

The local time zone is set to one with a half-hour offset, so that local days (which
``practice_days`` counts) differ from UTC days.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from interview_prep.store import (
    HEAD_REVISION,
    attempts_for_question,
    current_revision,
    get_review_state,
    open_database,
    recent_sessions,
    schema,
)
from interview_prep.store.database import sqlite_url
from interview_prep.store.derived import local_day, rebuild_derived, rebuild_derived_on

Row = dict[str, Any]


def _revisions_before_head() -> list[str]:
    script = ScriptDirectory.from_config(schema.alembic_config())
    ordered = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert ordered[-1] == HEAD_REVISION
    return ordered[:-1]


OLD_REVISIONS = _revisions_before_head()


def test_every_earlier_revision_is_covered() -> None:
    # Each revision before the head is tested; a table a new revision adds must get rows
    # in ``build_old_database`` (the test below checks every old table has some).
    assert OLD_REVISIONS[:2] == ["0001", "0002"]


@pytest.fixture(autouse=True)
def half_hour_time_zone() -> Iterator[None]:
    """Local days that are not UTC days (Newfoundland, UTC-3:30 / -2:30 in summer)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/St_Johns"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


# -- the history an old app wrote -----------------------------------------------------------

T0 = datetime(2025, 3, 8, 23, 50, 0, 0, tzinfo=UTC)  # across a DST change, near midnight
TEXTS = [
    "What is a **closure**?",
    "Explain `GROUP BY` … and `HAVING`.\n\n```sql\nSELECT 1;\n```",
    "Qu’est-ce qu’un « index » ?",
    "Что такое ACID?",
    "インデックスとは？",
    "Why is 0.1 + 0.2 != 0.3? 🙂",
    "Design a URL shortener.\nThink about: scale, ids, caching.",
    "'quotes' and \"double quotes\" and \\ backslashes; DROP TABLE attempts; --",
]
NOTES = ["", "", "Forgot late binding.", "línea 1\nlínea 2\r\nline 3", "   padded   ", "🙂" * 50]


def stamp(moment: datetime | None) -> str | None:
    """A datetime as SQLAlchemy stores ``DateTime`` in SQLite: naive UTC, microseconds."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass
class History:
    sessions: list[Row]
    attempts: list[Row]
    review_states: list[Row]
    session_drafts: list[Row]


def card(rng: random.Random, due: datetime) -> Row:
    """An FSRS card as the scheduler stores it."""
    return {
        "card_id": rng.getrandbits(40),
        "state": 2,
        "step": None,
        "stability": rng.random() * 30,
        "difficulty": 1 + rng.random() * 9,
        "due": due.isoformat(),
        "last_review": T0.isoformat(),
    }


def make_history(seed: int = 20251121) -> History:
    rng = random.Random(seed)
    question_ids = [f"q-{n:02d}-{rng.getrandbits(32):08x}" for n in range(14)] + ["ü-odd id"]
    sessions: list[Row] = []
    attempts: list[Row] = []
    moment = T0
    for number in range(1, 13):
        status = ["finished", "finished", "abandoned", "active"][number % 4]
        started = moment
        settings = {
            "topics": rng.sample(["Python", "SQL", "Système", "日本語"], k=rng.randint(0, 3)),
            "count": rng.randint(1, 20),
            "mode": rng.choice(["timed", "untimed", "review"]),
            "limits": {"concept": 180, "coding": 1200},
            "shuffle": rng.random() < 0.5,
        }
        for _ in range(rng.randint(0, 15)):
            moment += timedelta(seconds=rng.randint(30, 900), microseconds=rng.randint(0, 999_999))
            skipped = rng.random() < 0.15
            limit = rng.choice([None, 60, 180, 1200])
            duration = rng.choice([0.0, 0.001, 12.5, 179.999, 181.25, 7200.75, rng.random() * 400])
            ended = moment + timedelta(seconds=duration) if rng.random() < 0.9 else None
            attempts.append(
                {
                    "session_id": number,
                    "question_id": rng.choice(question_ids),
                    "question_text": rng.choice(TEXTS),
                    "topic": rng.choice(["Python", "SQL", "Système", ""]),
                    "bank_id": rng.choice(["", "python-basics", "sql"]),
                    "started_at": moment,
                    "ended_at": ended,
                    "duration_seconds": duration,
                    "time_limit_seconds": limit,
                    "notes": rng.choice(NOTES),
                    "rating": None if skipped else rng.choice([None, 1, 2, 3, 4, 4]),
                    "revealed_at": (
                        moment + timedelta(seconds=duration / 2) if rng.random() < 0.5 else None
                    ),
                    "skipped": skipped,
                }
            )
        ended = None if status == "active" else moment + timedelta(minutes=1)
        sessions.append(
            {
                "id": number,
                "started_at": started,
                "ended_at": ended,
                "status": status,
                "settings": settings,
            }
        )
        moment += timedelta(hours=rng.choice([1, 5, 20, 49]))
    # An attempt whose session was deleted (ON DELETE SET NULL), and one recorded late, with
    # a start older than the question's last attempt (a restored session, a changed clock).
    attempts.append({**attempts[0], "session_id": None, "started_at": T0 - timedelta(days=3)})
    attempts.append({**attempts[5], "started_at": attempts[5]["started_at"] - timedelta(days=1)})
    for number, attempt in enumerate(attempts, start=1):
        attempt["id"] = number
    review_states: list[Row] = []
    for question_id in question_ids[:10]:
        has_card = rng.random() < 0.8
        due = T0 + timedelta(days=rng.randint(-5, 40), seconds=rng.randint(0, 86_399))
        review_states.append(
            {
                "question_id": question_id,
                "card": card(rng, due) if has_card else None,
                "due": due if has_card else None,
                "last_review": T0 + timedelta(days=rng.randint(0, 9)) if has_card else None,
                "reps": rng.randint(0, 30),
                "lapses": rng.randint(0, 5),
                "updated_at": T0 + timedelta(days=10, microseconds=rng.randint(0, 999_999)),
            }
        )
    drafts = [
        {
            "session_id": session["id"],
            "position": rng.randint(0, 9),
            "question_id": rng.choice(question_ids),
            "notes": rng.choice(NOTES),
            "elapsed_seconds": rng.random() * 300,
            "session_elapsed_seconds": 300 + rng.random() * 3000,
            "revealed_at": rng.choice([None, session["started_at"] + timedelta(minutes=3)]),
            "rating": rng.choice([None, 1, 2, 3, 4]),
            "updated_at": session["started_at"] + timedelta(minutes=4),
        }
        for session in sessions
        if session["status"] == "active"
    ]
    return History(sessions, attempts, review_states, drafts)


def as_stored(value: Any) -> Any:
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


def insert(connection: sqlite3.Connection, table: str, rows: list[Row]) -> None:
    for row in rows:
        columns = list(row)
        connection.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [as_stored(row[column]) for column in columns],
        )


def tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name != 'alembic_version' ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def build_old_database(path: Path, revision: str, history: History) -> None:
    """A database at ``revision``, made by Alembic, holding ``history`` in its tables."""
    path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(schema.alembic_config(sqlite_url(path).render_as_string()), revision)
    assert current_revision(path) == revision
    with closing(sqlite3.connect(path)) as connection:
        present = set(tables(connection))
        for table in ("sessions", "attempts", "review_states", "session_drafts"):
            if table in present:
                insert(connection, table, getattr(history, table))
        connection.commit()
        assert not connection.execute("PRAGMA foreign_key_check").fetchall()
    if "question_stats" in present:  # a revision from 0003 on: its derived rows, as kept
        derived = derived_rows(path.with_name(f"head-for-{path.name}"), history)
        with closing(sqlite3.connect(path)) as connection:
            for table, rows in derived.items():
                # The columns this revision had (today's code may compute more).
                info = connection.execute(f"PRAGMA table_info({table})").fetchall()
                kept = {str(column[1]) for column in info}
                insert(connection, table, [{k: v for k, v in r.items() if k in kept} for r in rows])
            connection.commit()


def derived_rows(path: Path, history: History) -> dict[str, list[Row]]:
    """The derived tables the app computes from ``history`` (on a head database at ``path``)."""
    command.upgrade(schema.alembic_config(sqlite_url(path).render_as_string()), "head")
    with closing(sqlite3.connect(path)) as connection:
        for table in ("sessions", "attempts", "review_states", "session_drafts"):
            insert(connection, table, getattr(history, table))
        connection.commit()
    engine = create_engine(sqlite_url(path))
    with engine.begin() as connection:
        rebuild_derived_on(connection)
    engine.dispose()
    with closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        return {
            table: [dict(row) for row in connection.execute(f"SELECT * FROM {table}")]
            for table in ("question_stats", "practice_days")
        }


# -- reading tables back ----------------------------------------------------------------------


def snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple[Any, ...]]]]:
    """Every table's columns and rows, in primary-key order."""
    out = {}
    with closing(sqlite3.connect(path)) as connection:
        for table in tables(connection):
            info = connection.execute(f"PRAGMA table_info({table})").fetchall()
            columns = [str(column[1]) for column in info]
            keys = [str(c[1]) for c in sorted(info, key=lambda c: c[5]) if c[5]] or ["rowid"]
            rows = connection.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(keys)}"
            ).fetchall()
            out[table] = (columns, rows)
    return out


def assert_same_rows(
    before: dict[str, tuple[list[str], list[tuple[Any, ...]]]],
    after: dict[str, tuple[list[str], list[tuple[Any, ...]]]],
) -> None:
    """Every table of ``before`` is in ``after`` with every row and column unchanged."""
    for table, (columns, rows) in before.items():
        assert table in after, f"table {table} is gone"
        new_columns, new_rows = after[table]
        assert set(columns) <= set(new_columns), (table, columns, new_columns)
        assert len(new_rows) == len(rows), f"{table}: {len(rows)} rows became {len(new_rows)}"
        for old, new in zip(rows, new_rows, strict=True):
            new_by_name = dict(zip(new_columns, new, strict=True))
            for column, value in zip(columns, old, strict=True):
                assert new_by_name[column] == value, (table, column, value, new_by_name[column])
                assert type(new_by_name[column]) is type(value), (table, column)


def schema_sql(path: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()


# -- the upgrade ------------------------------------------------------------------------------


@pytest.mark.parametrize("revision", OLD_REVISIONS)
def test_an_old_database_full_of_history_upgrades_losing_nothing(
    tmp_path: Path, revision: str
) -> None:
    history = make_history()
    assert len(history.attempts) > 60 and history.session_drafts
    db_path = tmp_path / "data" / "interview-prep.sqlite3"
    build_old_database(db_path, revision, history)
    before = snapshot(db_path)
    assert {"sessions", "attempts", "review_states"} <= set(before)
    assert ("session_drafts" in before) == (revision >= "0002")
    for table, (_, rows) in before.items():
        assert rows, f"{table} exists at {revision}: give it rows in build_old_database"
        if hasattr(history, table):
            assert len(rows) == len(getattr(history, table))
    backups = tmp_path / "backups"

    with open_database(db_path, backups_dir=backups) as db:
        [backup] = backups.glob(f"pre-migration-{revision}-*.sqlite3")
        assert len(db.notices) == 1
        assert f"from schema {revision} to {HEAD_REVISION}" in db.notices[0]
        assert str(backup) in db.notices[0]
        migrated = snapshot(db_path)
        rebuild_derived(db)
        rebuilt = snapshot(db_path)
        check_store_reads_the_history(db, history)

    # Head reached, with exactly the schema of a new database.
    assert current_revision(db_path) == HEAD_REVISION
    fresh = tmp_path / "fresh.sqlite3"
    open_database(fresh).close()
    assert schema_sql(db_path) == schema_sql(fresh)
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []

    # No row lost or changed.
    assert_same_rows(before, migrated)
    # The backup is the old database: old revision, old rows, no newer tables.
    assert current_revision(backup) == revision
    assert snapshot(backup) == before

    # The derived tables are what a rebuild gives, and what the attempts say.
    assert {"question_stats", "practice_days"} <= set(migrated)
    for table in ("question_stats", "practice_days"):
        assert migrated[table] == rebuilt[table], table
    check_derived_against_attempts(migrated, history)


def check_derived_against_attempts(
    migrated: dict[str, tuple[list[str], list[tuple[Any, ...]]]], history: History
) -> None:
    columns, rows = migrated["question_stats"]
    stats = {row[0]: dict(zip(columns, row, strict=True)) for row in rows}
    attempts = history.attempts
    assert set(stats) == {a["question_id"] for a in attempts}
    for question_id, row in stats.items():
        mine = [a for a in attempts if a["question_id"] == question_id]
        rated = [a["rating"] for a in mine if a["rating"] is not None and not a["skipped"]]
        assert row["attempts"] == len(mine)
        assert (row["rated"], row["rating_sum"]) == (len(rated), sum(rated))
        assert row["weak"] == sum(1 for rating in rated if rating <= 2)
        latest = max(mine, key=lambda a: (a["started_at"], a["id"]))
        assert (
            datetime.fromisoformat(row["last_started"]).replace(tzinfo=UTC)
            == (latest["started_at"])
        )
    day_columns, day_rows = migrated["practice_days"]
    days = {row[0]: dict(zip(day_columns, row, strict=True)) for row in day_rows}
    counted = Counter(local_day(a["started_at"]) for a in attempts)
    assert {day: row["attempts"] for day, row in days.items()} == dict(counted)
    utc_days = Counter(a["started_at"].date().isoformat() for a in attempts)
    assert dict(counted) != dict(utc_days)  # the time zone made a difference


def check_store_reads_the_history(db: Any, history: History) -> None:
    """The store's functions give back the values the old app wrote, as aware UTC times."""
    sessions = {study.id: study for study in recent_sessions(db, limit=100)}
    assert set(sessions) == {s["id"] for s in history.sessions}
    for written in history.sessions:
        study = sessions[written["id"]]
        assert (study.started_at, study.ended_at) == (written["started_at"], written["ended_at"])
        assert (study.status, study.settings) == (written["status"], written["settings"])
        assert [a.id for a in study.attempts] == [
            a["id"]
            for a in sorted(history.attempts, key=lambda a: (a["started_at"], a["id"]))
            if a["session_id"] == study.id
        ]
    for written in history.attempts:
        [read] = [a for a in attempts_for_question(db, written["question_id"])
                  if a.id == written["id"]]  # fmt: skip
        for column, value in written.items():
            assert getattr(read, column) == value, (written["id"], column)
    for written in history.review_states:
        state = get_review_state(db, written["question_id"])
        assert state is not None
        for column, value in written.items():
            assert getattr(state, column) == value, (written["question_id"], column)
