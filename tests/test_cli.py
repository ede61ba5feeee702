"""The command line: import, bank list, and the data directory options."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_NUMBERED, SEED_README
from interview_prep.bank.yaml_read import read_bank_file
from interview_prep.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_import_json_dry_run_prints_questions_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    printed = run_json(capsys, "import", str(SEED_README), "--json", "--dry-run")
    assert isinstance(printed, dict)
    items = printed["questions"]
    assert isinstance(items, list) and len(items) == 46
    assert sum(1 for item in items if item["answer"] is not None) == 33
    assert set(items[0]) >= {"id", "topic", "question", "answer"}
    assert items[0]["answer"] is None  # Spark vs Airflow has no answer: JSON null
    # What the importer said is in the output too, with its line (as on stderr).
    warnings = printed["warnings"]
    assert {
        "source": str(SEED_README),
        "line": 19,
        "severity": "warning",
        "message": "<details> is never closed; it ends at the next question",
    } in warnings
    assert not (data_dir / "banks").exists()


def test_import_writes_a_bank_and_reimport_updates_in_place(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    document = tmp_path / "airflow.md"
    shutil.copy(SEED_NUMBERED, document)
    assert main(["import", str(document), "--title", "My Airflow"]) == 0
    out = capsys.readouterr().out
    target = data_dir / "banks" / "my-airflow.yaml"
    assert f"-> {target}: 36 questions (36 answered) in 5 topics; 36 added" in out
    bank, problems = read_bank_file(target)
    assert bank is not None and problems == []
    ids = [q.id for q in bank.questions]

    text = document.read_text().replace("- A data lake is a system", "- A data lake stores raw")
    document.write_text(text + "\n38. What is a DAG run?\n- One execution of a DAG.\n")
    assert main(["import", str(document), "--title", "My Airflow"]) == 0
    assert "1 added, 1 updated, 35 unchanged" in capsys.readouterr().out
    again, _ = read_bank_file(target)
    assert again is not None
    assert [q.id for q in again.questions][:36] == ids
    lake = next(q for q in again.questions if q.question == "What is a data lake?")
    assert lake.answer is not None and lake.answer.startswith("- A data lake stores raw")


def test_bank_list_json_counts_topics_and_unanswered(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    banks = run_json(capsys, "bank", "list", "--json")
    assert isinstance(banks, list)
    by_id = {bank["id"]: bank for bank in banks}
    readme = by_id["airflow-questions"]
    assert (readme["questions"], readme["unanswered"], readme["bundled"]) == (46, 13, True)
    assert {t["topic"]: (t["questions"], t["unanswered"]) for t in readme["topics"]} == {
        "Concepts and Usage": (4, 1),
        "Implementations / DAGs": (15, 4),
        "Architecture": (11, 1),
        "Infrastructure": (6, 0),
        "Organization, Etc": (6, 3),
        "Other": (4, 4),
    }
    assert sum(bank["questions"] for bank in banks) == 82


def test_reimporting_a_bundled_document_overrides_it_without_duplicates(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["import", str(SEED_README)]) == 0
    capsys.readouterr()
    assert main(["bank", "list", "--json"]) == 0
    captured = capsys.readouterr()
    banks = json.loads(captured.out)
    assert [(b["id"], b["bundled"], b["questions"]) for b in banks] == [
        ("airflow-interview-questions", True, 36),
        ("airflow-questions", False, 46),
    ]
    assert captured.err == ""  # no duplicate-id complaints


def test_bank_list_text(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["bank", "list"]) == 0
    out = capsys.readouterr().out
    assert (
        "Airflow Questions [airflow-questions, bundled] 46 questions, 13 without an answer" in out
    )
    assert "Other" in out and "(4 without an answer)" in out


def test_bad_file_is_named_and_the_others_still_import(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "notes.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.md"
    assert main(["import", str(binary), str(missing), str(SEED_README)]) == 1
    captured = capsys.readouterr()
    assert f"{binary}: cannot import: this looks like a binary file" in captured.err
    assert f"{missing}: cannot import: there is no such file or folder" in captured.err
    assert f"{SEED_README}:19: warning: <details> is never closed" in captured.err
    assert (data_dir / "banks" / "airflow-questions.yaml").exists()


def test_invalid_existing_bank_is_not_overwritten(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    target = data_dir / "banks" / "airflow-questions.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("title: [oops\n")
    assert main(["import", str(SEED_README)]) == 1
    assert "exists but is not a valid bank file; left untouched" in capsys.readouterr().err
    assert target.read_text() == "title: [oops\n"


def test_data_dir_option_and_environment(tmp_path: Path) -> None:
    env = {**os.environ, "INTERVIEW_PREP_DATA_DIR": str(tmp_path / "from-env")}
    command = [sys.executable, "-m", "interview_prep"]
    subprocess.run([*command, "import", str(SEED_README)], env=env, check=True, capture_output=True)
    assert (tmp_path / "from-env" / "banks" / "airflow-questions.yaml").exists()
    explicit = tmp_path / "explicit"
    for argv in (["--data-dir", str(explicit), "import"], ["import", "--data-dir", str(explicit)]):
        subprocess.run(
            [*command, *argv, str(SEED_NUMBERED)], env=env, check=True, capture_output=True
        )
    assert (explicit / "banks" / "002-f61ab5a7ee36776a.yaml").exists()


def test_help_names_the_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "interview_prep", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "import" in result.stdout and "bank" in result.stdout


def _seed_history(data_dir: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from interview_prep.paths import DataPaths
    from interview_prep.practice.coverage import PointMark
    from interview_prep.practice.recorder import AttemptRecord
    from interview_prep.store import open_database
    from interview_prep.store.session_log import StoreRecorder

    paths = DataPaths(data_dir).ensure()
    db = open_database(paths.database)
    recorder = StoreRecorder(db)
    start = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    session = recorder.session_started({}, start)
    for minutes, rating in ((0, 1), (5, 3)):
        at = start + timedelta(minutes=minutes)
        recorder.question_finished(
            session,
            AttemptRecord(
                position=0, question_id="what-is-a-dagbag-in-airflow-9d5eb4d5",
                question_text="What is a **DagBag** in Airflow?", topic="Architecture",
                bank_id="airflow-questions", started_at=at, ended_at=at + timedelta(minutes=4),
                duration_seconds=240, time_limit_seconds=180, notes="a, b", rating=rating,
                revealed_at=None, skipped=False,
                key_points=(PointMark("Parsing", True, True), PointMark("Access", False, True)),
            ),
            None,
            at,
        )  # fmt: skip
    db.close()


def test_stats_json_and_table(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    _seed_history(data_dir)
    topics = run_json(capsys, "stats", "--json")
    assert isinstance(topics, list)
    architecture = next(t for t in topics if t["topic"] == "Architecture")
    assert (architecture["attempts"], architecture["practised"], architecture["questions"]) == (
        2,
        1,
        11,
    )
    assert architecture["mean_rating"] == 2.0 and architecture["overtime_rate"] == 1.0
    assert 0 < architecture["mastery"] < 10
    assert architecture["coverage"] == 0.5  # 1 of 2 key points
    assert topics[0]["topic"] == "Architecture"  # practised topics come first
    assert main(["stats"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["Topic", "Mastery", "Points", "Practised"]
    assert "Architecture" in table and "1/11" in table


def test_export_attempts_csv_and_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    import csv

    _seed_history(data_dir)
    assert main(["export", "--attempts", str(tmp_path / "a.csv")]) == 0
    rows = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8")))
    assert [r["rating"] for r in rows] == ["1", "3"]
    assert rows[0]["question"] == "What is a DagBag in Airflow?"  # plain text, as read
    assert rows[0]["question_markdown"] == "What is a **DagBag** in Airflow?"  # and as kept
    assert rows[0]["current_answer"].startswith("#### DagBag in Airflow")
    assert (rows[0]["points_covered"], rows[0]["points_total"]) == ("1", "2")
    assert rows[0]["key_points_missed"] == "Access" and rows[0]["spoken"] == "False"
    assert main(["export", "--attempts", str(tmp_path / "a.json")]) == 0
    records = json.loads((tmp_path / "a.json").read_text())
    assert len(records) == 2 and records[1]["notes"] == "a, b"
    assert main(["export", "--attempts", str(tmp_path / "a.txt")]) == 2
    assert "must end in .csv or .json" in capsys.readouterr().err
