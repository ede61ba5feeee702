"""Every failure of a command is one sentence and exit status 1 (2 for usage), never a
traceback; ``--debug`` shows the traceback. The window asks for another data folder when
its own cannot be used. Each cause is made for real where it can be."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from conftest import SEED_README
from interview_prep.cli import main
from interview_prep.paths import data_folder_problem
from interview_prep.practice.plan import MAX_QUESTIONS, MAX_TIME_OVERRIDE, SessionSettings
from interview_prep.store import open_database
from interview_prep.ui.data_folder_dialog import DataFolderDialog


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def newer_schema(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "interview-prep.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    return path


def test_a_database_from_a_newer_version_is_one_sentence(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = newer_schema(data_dir)
    for command in (["stats"], ["export", "--attempts", str(data_dir / "a.csv")]):
        code, err = run(capsys, *command)
        assert code == 1
        first, *rest = err.splitlines()
        assert first.startswith(f"interview-prep: The database {path} was written by a newer")
        assert rest == []  # an error the app knows needs no hint about --debug


def test_debug_shows_the_traceback(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    newer_schema(data_dir)
    with pytest.raises(Exception, match="newer version"):
        main(["stats", "--debug"])


def test_a_data_folder_that_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, err = run(capsys, "--data-dir", str(blocker / "data"), "stats")
    assert code == 1
    assert err.startswith(f"interview-prep: {blocker / 'data'}: a file is in the way")


def test_an_absurd_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["search", "--limit", "99999999999999999999", "dag"])
    assert stopped.value.code == 2
    assert "give a number from 1 to 10000" in capsys.readouterr().err


def test_a_full_disk_while_importing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(os, "replace", full)
    code, err = run(capsys, "import", str(SEED_README))
    assert code == 1
    assert "airflow-questions.yaml: the disk is full" in err.splitlines()[-1]
    assert not list((data_dir / "banks").glob("*.yaml"))  # nothing half-written is left


def test_a_restored_database_is_announced_once(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    path = data_dir / "interview-prep.sqlite3"
    data_dir.mkdir(parents=True)
    backups = data_dir / "backups"
    open_database(path, backups_dir=backups).close()
    yesterday = datetime.now(UTC) - timedelta(days=2)
    open_database(path, backups_dir=backups, now=yesterday).close()  # a daily backup
    for sidecar in ("-wal", "-shm"):
        Path(f"{path}{sidecar}").unlink(missing_ok=True)
    path.write_bytes(b"garbage" * 100)
    code, err = run(capsys, "stats")
    assert code == 0
    assert err.count("was damaged") == 1 and "None" not in err


def test_the_installed_command_never_prints_a_traceback(tmp_path: Path) -> None:
    """The real entry point, in its own process, on a data folder it cannot create."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = subprocess.run(
        [sys.executable, "-m", "interview_prep", "--data-dir", str(blocker / "d"), "bank", "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "stored",
    [
        {"count": 10**30, "time_override": 10**30},
        {"count": {"nested": {"deeper": [1, 2]}}, "topics": [{"a": 1}, "Airflow"]},
        {"order": ["random"], "mode": {"x": 1}, "time_override": -5},
        {"topics": "not a list", "include_unanswered": {"a": [1]}},
    ],
)
def test_set_up_choices_read_back_in_range_whatever_settings_ini_holds(
    stored: dict[str, object],
) -> None:
    """Nested or absurd JSON in settings.ini made the set-up dialog fail: Start did nothing."""
    settings = SessionSettings.from_json(stored)
    assert 1 <= settings.count <= MAX_QUESTIONS
    assert settings.time_override is None or 1 <= settings.time_override <= MAX_TIME_OVERRIDE
    assert all(isinstance(topic, str) for topic in settings.topics)


# --- the window: a data folder that cannot be used ------------------------------------------


def test_the_window_asks_for_another_folder_and_checks_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    bad = blocker / "data"
    problem = data_folder_problem(bad)
    assert problem is not None and "a file is in the way" in problem
    dialog = DataFolderDialog(bad, problem)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.findChild(QLabel, "dataFolderProblem").text()  # type: ignore[union-attr]
    assert str(bad) in text and "a file is in the way" in text and "--data-dir" in text

    answers = iter([str(blocker), str(tmp_path / "fine")])
    (tmp_path / "fine").mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: next(answers))
    button = dialog.findChild(QPushButton, "chooseDataFolderButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a file, not a folder: still asked
    assert dialog.isVisible() and dialog.chosen is None
    assert str(blocker) in dialog.message.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.chosen == tmp_path / "fine" and not dialog.isVisible()
    assert (tmp_path / "fine" / "banks").is_dir()


def test_quitting_the_question_ends_the_start_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_prep import app
    from interview_prep.ui import data_folder_dialog

    asked: list[str] = []
    monkeypatch.setattr(
        data_folder_dialog, "ask_for_data_folder", lambda path, problem: asked.append(problem)
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert app.run_app(blocker / "data") == 1
    assert len(asked) == 1 and "a file is in the way" in asked[0]
    assert "cannot use the data folder" in capsys.readouterr().err


# --- files the app will not read --------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_importing_a_pipe_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    """Importing a FIFO waited for ever; /dev/zero read until memory ran out."""
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)
    sources = [str(fifo)] + (["/dev/zero"] if Path("/dev/zero").exists() else [])
    result = subprocess.run(
        [sys.executable, "-m", "interview_prep", "--data-dir", str(tmp_path / "d"), "import",
         *sources],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    for source in sources:
        assert f"{source}: cannot import: it is not a regular file" in result.stderr


def test_a_file_over_the_limit_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    from interview_prep.paths import MAX_READ_BYTES

    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(MAX_READ_BYTES + 1)  # sparse: no disk used
    code, err = run(capsys, "import", str(big))
    assert code == 1
    assert f"{big}: cannot import: it is 20.0 MB; files over 20 MB are not read" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_among_the_bank_files_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    banks = tmp_path / "d" / "banks"
    banks.mkdir(parents=True)
    os.mkfifo(banks / "waiting.yaml")
    (banks / "fine.yaml").write_text(
        "title: Fine\nquestions:\n  - {id: a, topic: T, question: Q}\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "interview_prep", "--data-dir", str(tmp_path / "d"), "bank",
         "list"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0
    assert "waiting.yaml: cannot read the file: it is not a regular file" in result.stderr
    assert "Fine" in result.stdout


def test_a_stale_schema_revision_is_one_sentence_and_no_pile_of_backups(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    """A database whose recorded revision is behind its tables failed to upgrade with a
    traceback at every start, and left one more pre-migration backup each time."""
    data_dir.mkdir(parents=True)
    path = data_dir / "interview-prep.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
        connection.commit()
    before = path.read_bytes()
    for _start in range(2):
        code, err = run(capsys, "stats")
        assert code == 1
        assert f"The database {path} says it is at schema 0002, but it could not" in err
        assert "it was not changed" in err
    assert path.read_bytes() == before
    assert not list((data_dir / "backups").glob("pre-migration-*"))


def test_import_takes_the_question_marker_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\n### What is X?\n\nQ: What is Y?\nA: Why.\n", encoding="utf-8")
    assert main(["import", str(notes), "--json", "--dry-run", "--marker", "labelled"]) == 0
    items = json.loads(capsys.readouterr().out)["questions"]
    assert [(i["topic"], i["question"], i["answer"]) for i in items] == [
        ("What is X?", "What is Y?", "Why.")  # forced: the heading is a topic, not a question
    ]
    code, err = run(capsys, "import", str(notes), "--marker", "sideways")
    assert code == 2 and "unknown question marker 'sideways'" in err
