"""The local store: round trips, migrations at start-up, backups and damaged files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from textwrap import dedent

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import StatementError

import interview_prep
from conftest import violates
from interview_prep.store import (
    HEAD_REVISION,
    Attempt,
    Base,
    Database,
    NotFoundError,
    Rating,
    SchemaTooNewError,
    SessionDraft,
    SessionStatus,
    StoreError,
    StudySession,
    attempt_counts_by_question,
    attempts_for_question,
    current_revision,
    finish_session,
    get_review_state,
    open_database,
    put_review_state,
    recent_sessions,
    record_attempt,
    schema,
    start_session,
)

T0 = datetime(2025, 3, 14, 9, 30, 0, 123456, tzinfo=UTC)
IST = timezone(timedelta(hours=5, minutes=30))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "interview-prep.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path, backups_dir=db_path.parent / "backups")
    yield database
    database.close()


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(sql).fetchall()
        connection.commit()
        return rows


def tables(path: Path) -> set[str]:
    return {str(row[0]) for row in query(path, "SELECT name FROM sqlite_master WHERE type='table'")}


# --- round trips -------------------------------------------------------------------------


def test_session_with_attempts_round_trips_every_field(db_path: Path) -> None:
    settings = {"topics": ["Python", "SQL"], "count": 2, "mode": "timed"}
    with open_database(db_path) as db:
        study = start_session(db, settings=settings, now=T0)
        first = record_attempt(
            db,
            session_id=study.id,
            question_id="what-is-a-closure-1a2b3c4d",
            question_text="What is a **closure**?",
            topic="Python",
            bank_id="python-basics",
            started_at=T0 + timedelta(seconds=5),
            ended_at=T0 + timedelta(seconds=95),
            duration_seconds=87.5,
            time_limit_seconds=120,
            notes="Forgot about late binding.",
            rating=Rating.HARD,
            revealed_at=(T0 + timedelta(seconds=90)).astimezone(IST),  # any zone in, UTC out
            skipped=False,
        )
        record_attempt(
            db,
            session_id=study.id,
            question_id="explain-joins-5e6f7a8b",
            question_text="Explain the kinds of JOIN.",
            topic="SQL",
            started_at=T0 + timedelta(seconds=100),
            skipped=True,
        )
        finish_session(db, study.id, now=T0 + timedelta(minutes=4))

    with open_database(db_path) as db:  # a fresh engine: values come from the file
        [loaded] = recent_sessions(db)
    assert loaded.id == study.id
    assert loaded.status == "finished"
    assert loaded.settings == settings
    assert loaded.started_at == T0
    assert loaded.ended_at == T0 + timedelta(minutes=4)
    assert [a.question_id for a in loaded.attempts] == [
        "what-is-a-closure-1a2b3c4d",
        "explain-joins-5e6f7a8b",
    ]
    got, skipped = loaded.attempts
    assert got.id == first.id
    assert got.session_id == study.id
    assert got.question_text == "What is a **closure**?"
    assert got.topic == "Python"
    assert got.bank_id == "python-basics"
    assert got.started_at == T0 + timedelta(seconds=5)
    assert got.ended_at == T0 + timedelta(seconds=95)
    assert got.duration_seconds == 87.5
    assert got.time_limit_seconds == 120
    assert got.notes == "Forgot about late binding."
    assert got.rating == Rating.HARD
    assert got.revealed_at == T0 + timedelta(seconds=90)
    assert got.skipped is False
    for value in (got.started_at, got.ended_at, got.revealed_at, loaded.started_at):
        assert value is not None and value.utcoffset() == timedelta(0)
    # The defaults of an attempt recorded with the minimum of fields.
    assert skipped.skipped is True
    assert (skipped.bank_id, skipped.notes, skipped.rating) == ("", "", None)
    assert (skipped.ended_at, skipped.revealed_at, skipped.time_limit_seconds) == (None,) * 3
    assert skipped.duration_seconds == 0.0


def test_naive_datetimes_are_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        start_session(db, settings={}, now=datetime(2025, 1, 1, 12, 0))
    assert recent_sessions(db) == []


def test_history_queries(db: Database) -> None:
    older = start_session(db, settings={"n": 1}, now=T0)
    newer = start_session(db, settings={"n": 2}, now=T0 + timedelta(days=1))
    for minutes, session_id, question_id, skipped in [
        (30, newer.id, "q-a", False),
        (10, older.id, "q-a", False),
        (20, older.id, "q-b", True),
        (40, None, "q-a", True),
    ]:
        record_attempt(
            db,
            session_id=session_id,
            question_id=question_id,
            question_text=f"Question {question_id}",
            topic="T",
            started_at=T0 + timedelta(minutes=minutes),
            skipped=skipped,
        )

    history = attempts_for_question(db, "q-a")
    assert [a.started_at for a in history] == [T0 + timedelta(minutes=m) for m in (10, 30, 40)]
    assert attempts_for_question(db, "never-asked") == []
    assert attempt_counts_by_question(db) == {"q-a": 3, "q-b": 1}
    assert attempt_counts_by_question(db, include_skipped=False) == {"q-a": 2}
    assert [s.id for s in recent_sessions(db)] == [newer.id, older.id]
    assert [s.id for s in recent_sessions(db, limit=1)] == [newer.id]
    assert [len(s.attempts) for s in recent_sessions(db)] == [1, 2]


def test_finishing_a_session(db: Database) -> None:
    study = start_session(db, settings={}, now=T0)
    abandoned = finish_session(db, study.id, now=T0 + timedelta(minutes=1), status="abandoned")
    assert abandoned.status == SessionStatus.ABANDONED
    assert abandoned.ended_at == T0 + timedelta(minutes=1)
    assert abandoned.attempts == []
    with pytest.raises(StoreError, match="already ended"):
        finish_session(db, study.id, now=T0 + timedelta(minutes=2))
    with pytest.raises(NotFoundError):
        finish_session(db, 9999, now=T0)
    with pytest.raises(ValueError):
        finish_session(db, study.id, now=T0, status="active")


def test_functions_share_the_callers_transaction(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as session:
        study = start_session(session, settings={}, now=T0)
        assert study.id is not None  # flushed, so it has an id
        record_attempt(
            session,
            session_id=study.id,
            question_id="q",
            question_text="Q",
            topic="T",
            started_at=T0,
        )
        raise RuntimeError("the caller gives up")
    assert recent_sessions(db) == []
    assert attempt_counts_by_question(db) == {}


def test_review_state_is_created_then_replaced(db: Database) -> None:
    assert get_review_state(db, "q") is None
    put_review_state(db, "q", card=None, due=None, last_review=None, reps=0, lapses=0, now=T0)
    card = {"stability": 3.2, "difficulty": 5.1, "state": 2}
    put_review_state(
        db,
        "q",
        card=card,
        due=T0 + timedelta(days=3),
        last_review=T0,
        reps=1,
        lapses=0,
        now=T0 + timedelta(minutes=1),
    )
    state = get_review_state(db, "q")
    assert state is not None
    assert state.card == card
    assert state.due == T0 + timedelta(days=3)
    assert state.last_review == T0
    assert (state.reps, state.lapses) == (1, 0)
    assert state.updated_at == T0 + timedelta(minutes=1)
    assert query(db.path, "SELECT count(*) FROM review_states") == [(1,)]


# --- constraints -------------------------------------------------------------------------


def test_rating_outside_1_to_4_is_rejected(db: Database) -> None:
    study = start_session(db, settings={}, now=T0)
    bad = Attempt(
        session_id=study.id,
        question_id="q",
        question_text="Q",
        topic="T",
        started_at=T0,
        rating=5,
    )
    with violates("CHECK"), db.session() as session:
        session.add(bad)
    with pytest.raises(ValueError):
        record_attempt(
            db,
            session_id=study.id,
            question_id="q",
            question_text="Q",
            topic="T",
            started_at=T0,
            rating=5,
        )
    assert attempt_counts_by_question(db) == {}


def test_foreign_keys_are_enforced(db: Database) -> None:
    with violates("FOREIGNKEY"):
        record_attempt(
            db, session_id=42, question_id="q", question_text="Q", topic="T", started_at=T0
        )


def test_connections_use_wal_and_the_agreed_pragmas(db: Database) -> None:
    with db.engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 1,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


# --- schema and migrations ---------------------------------------------------------------


def test_head_revision_is_the_head_of_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(schema.alembic_config())
    assert script.get_heads() == [HEAD_REVISION]


def test_a_new_database_is_migrated_to_exactly_the_models(db_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    assert not db_path.parent.exists()
    with open_database(db_path) as db:
        assert db.notices == []
        assert current_revision(db_path) == HEAD_REVISION == "0005"
        assert tables(db_path) == {
            "alembic_version",
            "sessions",
            "attempts",
            "review_states",
            "session_drafts",
            "question_stats",
            "practice_days",
        }
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            inspector = sa.inspect(connection)
            indexes = {
                table: {index["name"] for index in inspector.get_indexes(table)}
                for table in ("sessions", "attempts", "review_states", "session_drafts")
            }
            checks = {
                table: {check["name"] for check in inspector.get_check_constraints(table)}
                for table in ("sessions", "attempts", "session_drafts")
            }
            [draft_fk] = inspector.get_foreign_keys("session_drafts")
    assert indexes == {
        "sessions": set(),
        "attempts": {"ix_attempts_session_id", "ix_attempts_question_id"},
        "review_states": {"ix_review_states_due"},
        "session_drafts": set(),
    }
    assert checks == {
        "sessions": {"ck_sessions_status_known"},
        "attempts": {"ck_attempts_rating_range"},
        "session_drafts": {"ck_session_drafts_rating_range"},
    }
    assert draft_fk["name"] == "fk_session_drafts_session_id_sessions"
    assert draft_fk["options"] == {"ondelete": "CASCADE"}


def test_current_revision_of_missing_and_unmigrated_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    assert current_revision(missing) is None
    assert not missing.exists()  # reading does not create the file
    plain = tmp_path / "plain.sqlite3"
    query(plain, "CREATE TABLE t (x)")
    assert current_revision(plain) is None


def test_opening_an_up_to_date_database_does_not_import_alembic(db_path: Path) -> None:
    open_database(db_path).close()
    script = dedent(
        f"""
        import sys
        from pathlib import Path
        from interview_prep.store import open_database
        db = open_database(Path({str(db_path)!r}))
        with db.session() as session:
            session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM attempts"))
        db.close()
        assert "alembic" not in sys.modules, sorted(m for m in sys.modules if "alembic" in m)
        print("ok")
        """
    )
    src = str(Path(interview_prep.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


# A revision after the real head, written the way real ones will be, to rehearse an upgrade
# that rebuilds a table other tables refer to.
STAND_IN = f"{int(HEAD_REVISION) + 1:04d}"
REVISION_STAND_IN = f'''
"""Test only: a column on sessions, added by rebuilding the table."""

import sqlalchemy as sa
from alembic import op

revision = "{STAND_IN}"
down_revision = "{HEAD_REVISION}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions", recreate="always") as batch:
        batch.add_column(sa.Column("label", sa.String(), server_default="", nullable=False))
    {{extra}}


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("label")
'''


def use_migrations_up_to_stand_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, extra: str = "pass"
) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / f"{STAND_IN}_test.py").write_text(REVISION_STAND_IN.format(extra=extra))
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", scripts)
    monkeypatch.setattr(schema, "HEAD_REVISION", STAND_IN)


def fill(db_path: Path) -> int:
    """A database at ``schema.HEAD_REVISION`` with a session and an attempt; the session id."""
    with open_database(db_path) as db:
        study = start_session(db, settings={"count": 1}, now=T0)
        record_attempt(
            db,
            session_id=study.id,
            question_id="q",
            question_text="Q",
            topic="T",
            started_at=T0,
            rating=Rating.GOOD,
        )
    return study.id


def add_draft(db_path: Path, session_id: int) -> None:
    with open_database(db_path) as db, db.session() as session:
        session.add(
            SessionDraft(session_id=session_id, position=1, question_id="q2", updated_at=T0)
        )


def test_an_older_database_is_backed_up_then_upgraded_keeping_its_data(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_id = fill(db_path)
    add_draft(db_path, session_id)
    use_migrations_up_to_stand_in(tmp_path, monkeypatch)
    backups = tmp_path / "backups"

    with open_database(db_path, backups_dir=backups) as db:
        [backup] = backups.glob(f"pre-migration-{HEAD_REVISION}-*.sqlite3")
        assert len(db.notices) == 1
        assert HEAD_REVISION in db.notices[0] and str(backup) in db.notices[0]
        [attempt] = attempts_for_question(db, "q")

    assert current_revision(db_path) == STAND_IN
    # The rebuilt sessions table kept its rows, the attempt still points at its session and
    # the draft is still there (foreign keys are off while migrating, so the rebuild fired
    # neither ON DELETE SET NULL on attempts nor ON DELETE CASCADE on session_drafts).
    assert query(db_path, "SELECT id, label FROM sessions") == [(session_id, "")]
    assert attempt.session_id == session_id
    assert query(db_path, "SELECT session_id, question_id FROM session_drafts") == [
        (session_id, "q2")
    ]
    # The backup is a complete database at the old revision.
    assert current_revision(backup) == HEAD_REVISION
    assert query(backup, "SELECT count(*) FROM attempts") == [(1,)]
    assert "label" not in {str(row[1]) for row in query(backup, "PRAGMA table_info(sessions)")}


def test_a_failed_migration_leaves_the_database_as_it_was(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db_path)
    schema_before = query(db_path, "SELECT type, name, sql FROM sqlite_master ORDER BY name")
    use_migrations_up_to_stand_in(tmp_path, monkeypatch, extra='raise RuntimeError("broken")')

    with pytest.raises(StoreError, match=r"could not be upgraded .*broken.* it was not changed"):
        open_database(db_path, backups_dir=tmp_path / "backups")

    assert current_revision(db_path) == HEAD_REVISION
    # No half-done table rebuild: the DDL ran in the same transaction and was rolled back.
    assert query(db_path, "SELECT type, name, sql FROM sqlite_master ORDER BY name") == (
        schema_before
    )
    assert query(db_path, "SELECT count(*) FROM attempts") == [(1,)]
    # The file is as it was, so the copy made for the upgrade is not kept: a file stuck like
    # this would add one at every start.
    assert not list((tmp_path / "backups").glob(f"pre-migration-{HEAD_REVISION}-*.sqlite3"))


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    fill(db_path)
    query(db_path, "UPDATE alembic_version SET version_num = '0099'")
    before = db_path.read_bytes()

    with pytest.raises(SchemaTooNewError, match="newer version"):
        open_database(db_path, backups_dir=db_path.parent / "backups")

    assert db_path.read_bytes() == before
    assert not (db_path.parent / "backups").exists()


# --- damaged and foreign files -----------------------------------------------------------


def moved_files(db_path: Path, label: str) -> list[Path]:
    return sorted(db_path.parent.glob(f"{db_path.name}.{label}-*"))


def test_a_garbage_file_is_moved_aside_and_a_fresh_database_started(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database\x00\xff" * 200
    db_path.write_bytes(garbage)

    with open_database(db_path) as db:
        [moved] = moved_files(db_path, "corrupt")
        assert moved.read_bytes() == garbage
        assert len(db.notices) == 1
        assert str(db_path) in db.notices[0] and str(moved) in db.notices[0]
        study = start_session(db, settings={}, now=T0)
        assert [s.id for s in recent_sessions(db)] == [study.id]
    assert current_revision(db_path) == HEAD_REVISION


def test_a_truncated_database_is_moved_aside(db_path: Path) -> None:
    with open_database(db_path) as db:
        for n in range(300):
            record_attempt(
                db,
                session_id=None,
                question_id=f"q{n}",
                question_text="A long question. " * 40,
                topic="T",
                started_at=T0,
            )
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])

    with open_database(db_path) as db:
        [moved] = moved_files(db_path, "corrupt")
        assert moved.read_bytes() == data[: len(data) // 2]
        assert db.notices and str(moved) in db.notices[0]
        assert attempt_counts_by_question(db) == {}


def test_corrupt_files_never_overwrite_each_other(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    for content in (b"first garbage" * 100, b"second garbage" * 100):
        db_path.write_bytes(content)
        open_database(db_path).close()
    assert sorted(p.read_bytes() for p in moved_files(db_path, "corrupt")) == sorted(
        [b"first garbage" * 100, b"second garbage" * 100]
    )


def test_a_database_with_tables_but_no_version_is_not_clobbered(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO sessions (name) VALUES ('somebody else''s data')")
        connection.commit()

    with open_database(db_path) as db:
        [moved] = moved_files(db_path, "unrecognised")
        assert str(moved) in db.notices[0]
        assert recent_sessions(db) == []
    assert query(moved, "SELECT name FROM sessions") == [("somebody else's data",)]
    assert current_revision(moved) is None
    assert current_revision(db_path) == HEAD_REVISION


def test_an_empty_file_becomes_a_database_without_notices(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with open_database(db_path) as db:
        assert db.notices == []
        assert isinstance(start_session(db, settings={}, now=T0), StudySession)
    assert moved_files(db_path, "corrupt") == []
