"""Failure drills: daily and pre-migration backups, damaged databases, restoring a backup."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from interview_prep.store import (
    HEAD_REVISION,
    Database,
    attempt_counts_by_question,
    current_revision,
    open_database,
    record_attempt,
    schema,
)
from interview_prep.store import backups as backups_module
from interview_prep.store.backups import (
    DAILY,
    KEEP_DAILY,
    PRE_MIGRATION,
    BackupError,
    daily_backup,
    list_backups,
    make_backup,
    prune,
    restore_and_reopen,
    restore_backup,
)
from interview_prep.store.database import sqlite_url
from interview_prep.ui.restore_backup import RestoreBackupDialog

T0 = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def day(number: int, hour: int = 9) -> datetime:
    """``hour`` o'clock local time on 1 March 2025 + ``number`` days (timezone-aware)."""
    return (datetime(2025, 3, 1, hour, 0) + timedelta(days=number)).astimezone()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "interview-prep.sqlite3"


@pytest.fixture
def backups(db_path: Path) -> Path:
    return db_path.parent / "backups"


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def attempts_in(path: Path) -> int:
    [(count,)] = query(path, "SELECT count(*) FROM attempts")
    assert isinstance(count, int)
    return count


def add_attempts(db: Database, count: int, *, prefix: str = "q", long: bool = False) -> None:
    for n in range(count):
        record_attempt(
            db,
            session_id=None,
            question_id=f"{prefix}{n}",
            question_text="A long question. " * 40 if long else "Q",
            topic="T",
            started_at=T0,
        )


def make_database(db_path: Path, attempts: int, *, long: bool = False) -> None:
    """A database at the head revision holding ``attempts`` attempts."""
    with open_database(db_path) as db:
        add_attempts(db, attempts, long=long)


def names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def moved_files(db_path: Path, label: str) -> list[Path]:
    return sorted(db_path.parent.glob(f"{db_path.name}.{label}-*[0-9]"))


def dailies(backups: Path) -> list[Path]:
    return [info.path for info in list_backups(backups) if info.kind == DAILY]


# --- daily backups -------------------------------------------------------------------------


def test_a_daily_backup_is_made_once_per_day(db_path: Path, backups: Path) -> None:
    # The start that creates the database has nothing to back up.
    with open_database(db_path, backups_dir=backups, now=day(0, 8)) as db:
        add_attempts(db, 3)
        assert db.notices == []
    assert dailies(backups) == []

    with open_database(db_path, backups_dir=backups, now=day(0, 9)) as db:
        assert db.notices == []  # a routine backup is not news
    [first] = dailies(backups)
    assert first.name == f"daily-{day(0, 9).astimezone(UTC):%Y%m%d-%H%M%S}.sqlite3"
    assert attempts_in(first) == 3

    open_database(db_path, backups_dir=backups, now=day(0, 21)).close()  # same local day
    assert dailies(backups) == [first]

    open_database(db_path, backups_dir=backups, now=day(1, 7)).close()
    newest, older = dailies(backups)
    assert older == first
    assert newest.name == f"daily-{day(1, 7).astimezone(UTC):%Y%m%d-%H%M%S}.sqlite3"


def test_seven_daily_backups_are_kept_and_nothing_else_is_pruned(
    db_path: Path, backups: Path
) -> None:
    make_database(db_path, 2)
    pre_migration = make_backup(db_path, backups, PRE_MIGRATION, revision="0001", now=day(-30))
    other = backups / "notes.txt"
    other.write_text("mine")
    corrupt = backups / "daily-garbage.sqlite3.corrupt-20250101-000000"
    corrupt.write_bytes(b"x")

    for number in range(10):
        open_database(db_path, backups_dir=backups, now=day(number)).close()

    kept = list_backups(backups)
    assert [info.kind for info in kept] == [DAILY] * 7 + [PRE_MIGRATION]
    assert [info.local_created.date() for info in kept[:7]] == [
        day(n).date() for n in range(9, 2, -1)
    ]
    assert kept[-1].path == pre_migration and pre_migration.exists()
    assert other.read_text() == "mine" and corrupt.exists()


def test_prune_deletes_only_the_oldest_daily_backups(db_path: Path, backups: Path) -> None:
    make_database(db_path, 1)
    made = [make_backup(db_path, backups, DAILY, now=day(n)) for n in range(4)]
    old_migrations = [
        make_backup(db_path, backups, PRE_MIGRATION, revision=f"000{n}", now=day(n - 10))
        for n in range(1, 4)
    ]
    assert prune(backups, keep=2) == [made[1], made[0]]
    assert sorted(dailies(backups)) == made[2:]
    assert all(path.exists() for path in old_migrations)
    assert prune(backups, keep=2) == []


def test_backups_made_in_the_same_second_get_distinct_names(db_path: Path, backups: Path) -> None:
    make_database(db_path, 1)
    first = make_backup(db_path, backups, DAILY, now=day(0))
    second = make_backup(db_path, backups, DAILY, now=day(0))
    assert second.name == first.name.replace(".sqlite3", "-2.sqlite3")
    assert [info.path for info in list_backups(backups)] == [second, first]  # newest first


def test_list_backups_describes_each_file(db_path: Path, backups: Path) -> None:
    make_database(db_path, 1)
    daily = make_backup(db_path, backups, DAILY, now=day(2))
    before_upgrade = make_backup(db_path, backups, PRE_MIGRATION, now=day(1))
    (backups / "daily-20250101-000000.sqlite3.partial").write_bytes(b"half a copy")

    [newest, oldest] = list_backups(backups)
    assert (newest.path, newest.kind, newest.revision) == (daily, DAILY, HEAD_REVISION)
    assert newest.created == day(2).astimezone(UTC) and newest.created.tzinfo is UTC
    assert newest.size == daily.stat().st_size > 0
    assert (oldest.path, oldest.kind) == (before_upgrade, PRE_MIGRATION)
    assert before_upgrade.name.startswith(f"pre-migration-{HEAD_REVISION}-")
    assert oldest.revision == HEAD_REVISION
    assert list_backups(backups / "missing") == []


def test_a_backup_of_a_wal_database_holds_what_is_still_in_the_wal(
    db_path: Path, backups: Path, tmp_path: Path
) -> None:
    make_database(db_path, 0)
    with open_database(db_path) as db:
        add_attempts(db, 5)
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        # The main file on its own does not have the attempts yet: they are in the -wal.
        main_only = tmp_path / "main-only.sqlite3"
        shutil.copyfile(db_path, main_only)
        assert attempts_in(main_only) == 0

        backup = make_backup(db_path, backups, DAILY, now=day(0))

    assert attempts_in(backup) == 5
    assert query(backup, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
    assert sorted(p.name for p in backups.iterdir()) == [backup.name]


def test_a_copy_that_fails_its_check_is_removed(
    db_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_database(db_path, 1)
    real_check = backups_module.integrity_problem

    def failing_on_copies(path: Path) -> str | None:
        return "page 3 is never used" if path.name.endswith(".partial") else real_check(path)

    monkeypatch.setattr(backups_module, "integrity_problem", failing_on_copies)
    with pytest.raises(BackupError, match="page 3 is never used"):
        make_backup(db_path, backups, DAILY, now=day(0))
    assert list(backups.iterdir()) == []

    # At start-up a failed daily backup is reported, and the database opens all the same.
    with open_database(db_path, backups_dir=backups, now=day(0)) as db:
        [notice] = db.notices
        assert "backup" in notice and "page 3 is never used" in notice
        assert attempt_counts_by_question(db) == {"q0": 1}
    assert list(backups.iterdir()) == []


# --- damaged databases at start ------------------------------------------------------------


def test_a_garbage_file_is_replaced_by_the_newest_backup(db_path: Path, backups: Path) -> None:
    make_database(db_path, 2)
    open_database(db_path, backups_dir=backups, now=day(0)).close()  # a backup with 2
    with open_database(db_path, backups_dir=backups, now=day(1)) as db:  # one with 2 + 3
        add_attempts(db, 3, prefix="later")
    open_database(db_path, backups_dir=backups, now=day(2)).close()  # one with 5
    with open_database(db_path) as db:
        add_attempts(db, 1, prefix="lost")  # after the last backup
    [newest, *_] = list_backups(backups)

    garbage = b"this is not a database\x00\xff" * 200
    db_path.write_bytes(garbage)
    with open_database(db_path, backups_dir=backups, now=day(2, 18)) as db:
        [moved] = moved_files(db_path, "corrupt")
        assert moved.read_bytes() == garbage
        [notice] = db.notices
        assert str(db_path) in notice and str(moved) in notice and str(newest.path) in notice
        assert "restored from the backup of" in notice and newest.describe_time() in notice
        assert "lost" in notice
        counts = attempt_counts_by_question(db)
    assert sorted(counts) == ["later0", "later1", "later2", "q0", "q1"]
    assert current_revision(db_path) == HEAD_REVISION
    assert newest.path.exists()  # restored from a copy: the backup itself stays


def test_a_truncated_database_is_replaced_by_its_backup_with_the_attempts(
    db_path: Path, backups: Path
) -> None:
    make_database(db_path, 300, long=True)
    open_database(db_path, backups_dir=backups, now=day(0)).close()
    [backup] = dailies(backups)
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])

    with open_database(db_path, backups_dir=backups, now=day(0, 12)) as db:
        [moved] = moved_files(db_path, "corrupt")
        assert moved.read_bytes() == data[: len(data) // 2]
        [notice] = db.notices
        assert str(moved) in notice and str(backup) in notice
        counts = attempt_counts_by_question(db)
    assert len(counts) == 300 and set(counts.values()) == {1}
    assert dailies(backups) == [backup]  # today's backup exists: none added


def test_a_damaged_newest_backup_is_skipped(db_path: Path, backups: Path) -> None:
    make_database(db_path, 4)
    good = make_backup(db_path, backups, DAILY, now=day(0))
    damaged = backups / f"daily-{day(1).astimezone(UTC):%Y%m%d-%H%M%S}.sqlite3"
    damaged.write_bytes(b"not a backup" * 100)
    db_path.write_bytes(b"garbage" * 100)

    with open_database(db_path, backups_dir=backups, now=day(1, 12)) as db:
        [notice] = db.notices
        assert str(good) in notice and str(damaged) not in notice
        assert len(attempt_counts_by_question(db)) == 4
    assert damaged.read_bytes() == b"not a backup" * 100  # left alone


def test_without_a_backup_a_fresh_database_is_started_and_the_user_told(
    db_path: Path, backups: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage" * 100)
    with open_database(db_path, backups_dir=backups, now=day(0)) as db:
        [moved] = moved_files(db_path, "corrupt")
        [notice] = db.notices
        assert str(db_path) in notice and str(moved) in notice
        assert "No backup was found" in notice and "new, empty database" in notice
        assert attempt_counts_by_question(db) == {}
    assert dailies(backups) == []  # an empty new database is not backed up


def test_when_no_backup_is_usable_the_notice_says_so(db_path: Path, backups: Path) -> None:
    backups.mkdir(parents=True)
    (backups / "daily-20250301-080000.sqlite3").write_bytes(b"junk" * 100)
    db_path.write_bytes(b"garbage" * 100)
    with open_database(db_path, backups_dir=backups, now=day(0)) as db:
        [notice] = db.notices
        assert "None of the 1 backups" in notice and "new, empty database" in notice
        assert attempt_counts_by_question(db) == {}


def test_a_restored_backup_at_an_older_revision_is_migrated(
    db_path: Path, backups: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database the app of revision 0001 made, with two attempts (raw SQL: today's models
    # have columns that revision lacks).
    db_path.parent.mkdir(parents=True)
    command.upgrade(schema.alembic_config(sqlite_url(db_path).render_as_string()), "0001")
    with closing(sqlite3.connect(db_path)) as connection:
        for question_id in ("q0", "q1"):
            connection.execute(
                "INSERT INTO attempts (question_id, question_text, topic, started_at)"
                " VALUES (?, 'Q', 'T', '2025-03-14 09:30:00.000000')",
                (question_id,),
            )
        connection.commit()
    with monkeypatch.context() as old_app:
        old_app.setattr(schema, "HEAD_REVISION", "0001")
        old = make_backup(db_path, backups, DAILY, now=day(0))
    assert current_revision(old) == "0001"
    db_path.write_bytes(b"garbage" * 100)
    for sidecar in ("-wal", "-shm"):
        db_path.with_name(db_path.name + sidecar).unlink(missing_ok=True)

    with open_database(db_path, backups_dir=backups, now=day(0, 12)) as db:
        restored, upgraded = db.notices
        assert str(old) in restored
        assert "0001" in upgraded and HEAD_REVISION in upgraded
        assert len(attempt_counts_by_question(db)) == 2
    assert current_revision(db_path) == HEAD_REVISION
    assert current_revision(old) == "0001"  # the backup itself is not upgraded
    [pre_migration] = [i for i in list_backups(backups) if i.kind == PRE_MIGRATION]
    assert pre_migration.revision == "0001"


def _emptied(db_path: Path) -> None:
    db_path.write_bytes(b"")


def _unstamped(db_path: Path) -> None:
    db_path.unlink()
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.commit()


def _foreign(db_path: Path) -> None:
    db_path.unlink()
    with closing(sqlite3.connect(db_path)) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.commit()


@pytest.mark.parametrize("spoil", [_emptied, _unstamped, _foreign], ids=lambda f: f.__name__)
def test_a_database_with_no_schema_is_set_aside_and_the_backup_restored(
    db_path: Path, backups: Path, spoil: Callable[[Path], None]
) -> None:
    """A zero-byte file, an empty alembic_version or someone else's tables silently became a
    new, empty history, while a good backup sat in the folder."""
    make_database(db_path, 3)
    open_database(db_path, backups_dir=backups, now=day(1)).close()  # the daily backup
    for sidecar in ("-wal", "-shm"):
        Path(f"{db_path}{sidecar}").unlink(missing_ok=True)
    spoil(db_path)
    spoiled = db_path.read_bytes()
    with open_database(db_path, backups_dir=backups, now=day(2)) as db:
        [notice] = db.notices
        [moved] = moved_files(db_path, "unrecognised")
        assert str(db_path) in notice and str(moved) in notice and "restored" in notice
        assert len(attempt_counts_by_question(db)) == 3
    assert moved.read_bytes() == spoiled  # nothing deleted


def test_seven_days_on_an_emptier_database_never_prune_the_last_full_backup(
    db_path: Path, backups: Path
) -> None:
    make_database(db_path, 5)
    open_database(db_path, backups_dir=backups, now=day(1)).close()
    [full] = dailies(backups)
    # The history is lost some other way (the app reinstalled, the file replaced)...
    for path in db_path.parent.glob(f"{db_path.name}*"):
        path.unlink()
    make_database(db_path, 1)
    for number in range(2, 12):  # ...and the app is started every day for ten days.
        open_database(db_path, backups_dir=backups, now=day(number)).close()
    kept = dailies(backups)
    assert full in kept and attempts_in(full) == 5
    assert len(kept) == KEEP_DAILY + 1


# --- restoring by hand ---------------------------------------------------------------------


def test_restore_backup_keeps_the_replaced_database_with_its_wal(
    db_path: Path, backups: Path, tmp_path: Path
) -> None:
    make_database(db_path, 1)
    backup = make_backup(db_path, backups, DAILY, now=day(0))
    # The current database, as a crash leaves it: recent attempts still in its -wal.
    with open_database(db_path) as db:
        add_attempts(db, 4, prefix="recent")
        snapshot = tmp_path / "snapshot"
        snapshot.mkdir()
        for suffix in ("", "-wal"):
            shutil.copyfile(
                db_path.with_name(db_path.name + suffix), snapshot / f"db.sqlite3{suffix}"
            )
    for suffix in ("", "-wal"):
        shutil.copyfile(snapshot / f"db.sqlite3{suffix}", db_path.with_name(db_path.name + suffix))
    db_path.with_name(db_path.name + "-shm").unlink(missing_ok=True)

    replaced = restore_backup(backup, db_path, now=day(1))

    assert replaced is not None
    assert replaced.name == f"{db_path.name}.replaced-{day(1).astimezone(UTC):%Y%m%d-%H%M%S}"
    assert replaced.with_name(replaced.name + "-wal").exists()
    assert not db_path.with_name(db_path.name + "-wal").exists()  # not applied to the backup
    assert attempts_in(replaced) == 5  # nothing lost: the WAL went with it
    assert attempts_in(db_path) == 1
    assert attempts_in(backup) == 1
    with open_database(db_path, backups_dir=backups, now=day(1)) as db:
        assert db.notices == []
        assert sorted(attempt_counts_by_question(db)) == ["q0"]


def test_a_damaged_backup_is_not_restored_and_nothing_moves(db_path: Path, backups: Path) -> None:
    make_database(db_path, 2)
    backups.mkdir()
    bad = backups / "daily-20250301-080000.sqlite3"
    bad.write_bytes(b"junk" * 100)
    with pytest.raises(BackupError, match="damaged"):
        restore_backup(bad, db_path, now=day(1))
    assert moved_files(db_path, "replaced") == []
    assert attempts_in(db_path) == 2
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["backups", db_path.name]


def test_restore_and_reopen_closes_restores_and_reopens(db_path: Path, backups: Path) -> None:
    make_database(db_path, 1)
    backup = make_backup(db_path, backups, DAILY, now=day(0))
    database = open_database(db_path, backups_dir=backups, now=day(1))
    add_attempts(database, 2, prefix="after")
    calls: list[str] = []

    def close() -> None:
        calls.append("close")
        database.close()

    def reopen() -> Database:
        nonlocal database
        calls.append("reopen")
        database = open_database(db_path, backups_dir=backups, now=day(1))
        return database

    message = restore_and_reopen(db_path, backup, close, reopen, now=day(1, 10))
    try:
        assert calls == ["close", "reopen"]
        [replaced] = moved_files(db_path, "replaced")
        assert str(backup) in message and str(replaced) in message
        [info] = [i for i in list_backups(backups) if i.path == backup]
        assert info.describe_time() in message
        assert "kept" in message
        assert sorted(attempt_counts_by_question(database)) == ["q0"]
        assert attempts_in(replaced) == 3
    finally:
        database.close()


def test_restore_and_reopen_puts_the_database_back_when_the_backup_will_not_open(
    db_path: Path, backups: Path
) -> None:
    make_database(db_path, 1)
    backup = make_backup(db_path, backups, DAILY, now=day(0))  # made by a newer app:
    with closing(sqlite3.connect(backup)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.commit()
    opened: list[Database] = []

    def reopen() -> Database:
        opened.append(open_database(db_path, backups_dir=backups, now=day(1)))
        return opened[-1]

    with pytest.raises(BackupError, match="could not be opened"):
        restore_and_reopen(db_path, backup, lambda: None, reopen, now=day(1))
    for database in opened:
        database.close()
    assert len(opened) == 1  # the first attempt raised; the second reopened the old one
    assert current_revision(db_path) == HEAD_REVISION
    assert attempts_in(db_path) == 1
    assert moved_files(db_path, "replaced") == []
    [rejected] = moved_files(db_path, "not-restored")
    assert current_revision(rejected) == "0099"


# --- File → Restore backup -----------------------------------------------------------------


@pytest.fixture
def three_backups(db_path: Path, backups: Path) -> Iterator[list[Path]]:
    make_database(db_path, 1)
    made = [
        make_backup(db_path, backups, DAILY, now=day(0)),
        make_backup(db_path, backups, PRE_MIGRATION, revision="0002", now=day(1)),
        make_backup(db_path, backups, DAILY, now=day(2)),
    ]
    yield made


def test_the_dialog_lists_backups_newest_first_and_returns_the_chosen_one(
    qtbot: QtBot, backups: Path, three_backups: list[Path]
) -> None:
    dialog = RestoreBackupDialog(backups)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.objectName() == "restoreBackupDialog"
    tree = dialog.backup_list
    assert tree.objectName() == "backupList"
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [Path(row.data(0, Qt.ItemDataRole.UserRole)) for row in rows] == three_backups[::-1]
    assert [row.text(1) for row in rows] == ["Daily", "Before an upgrade", "Daily"]
    assert [row.text(3) for row in rows] == [HEAD_REVISION] * 3
    assert all(row.text(2).endswith("KB") for row in rows)
    assert "not deleted" in dialog.warning_label.text()
    assert not dialog.empty_label.isVisible()

    button = dialog.findChild(type(dialog.restore_button), "restoreButton")
    assert button is dialog.restore_button and not button.isEnabled()
    middle = rows[1]
    rect = tree.visualItemRect(middle)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen_backup() == three_backups[1]


def test_the_dialog_without_backups_offers_nothing_to_restore(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = RestoreBackupDialog(tmp_path / "no-backups")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.backup_list.topLevelItemCount() == 0
    assert dialog.empty_label.isVisible()
    assert not dialog.restore_button.isEnabled()
    dialog.reject()
    assert dialog.chosen_backup() is None


def test_daily_backup_can_be_called_directly(db_path: Path, backups: Path) -> None:
    make_database(db_path, 1)
    first = daily_backup(db_path, backups, now=day(0))
    assert first is not None and first.exists()
    assert daily_backup(db_path, backups, now=day(0, 23)) is None
    made = [daily_backup(db_path, backups, now=day(n), keep=3) for n in range(1, 5)]
    assert all(path is not None for path in made)
    assert dailies(backups) == made[:0:-1]


def test_file_restore_backup_in_the_window(qtbot, data_dir):  # type: ignore[no-untyped-def]
    """File → Restore backup: the chosen backup replaces the database and the user is told."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton, QTreeWidget

    from conftest import on_database
    from interview_prep.app import create_window
    from interview_prep.store.attempts import attempts_for_question

    first = create_window(data_dir)  # creates the database (nothing to back up yet)
    first.close()
    window = create_window(data_dir)  # today's daily backup: an empty history
    qtbot.addWidget(window)
    on_database(window, _add_attempt)
    assert on_database(window, lambda db: attempts_for_question(db, "later"))  # after the backup
    window.findChild(type(window.menuBar().actions()[0]), "restoreBackupAction").trigger()
    dialog = window.findChild(QTreeWidget, "backupList").window()
    backups = dialog.findChild(QTreeWidget, "backupList")
    backups.setCurrentItem(backups.topLevelItem(0))
    qtbot.mouseClick(dialog.findChild(QPushButton, "restoreButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "restored" in window.statusBar().currentMessage().lower())
    assert on_database(window, lambda db: attempts_for_question(db, "later")) == []  # restored
    replaced = [p for p in data_dir.iterdir() if ".replaced-" in p.name]
    assert replaced, "the replaced database is kept"


def _add_attempt(database) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from interview_prep.practice.recorder import AttemptRecord
    from interview_prep.store.session_log import StoreRecorder

    recorder = StoreRecorder(database)
    now = datetime.now(UTC)
    session = recorder.session_started({}, now)
    recorder.question_finished(
        session,
        AttemptRecord(
            position=0, question_id="later", question_text="?", topic="T", bank_id="",
            started_at=now, ended_at=now, duration_seconds=1, time_limit_seconds=60,
            notes="", rating=3, revealed_at=None, skipped=False,
        ),
        None,
        now,
    )  # fmt: skip
