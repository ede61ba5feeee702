"""Tests for ``interview_prep.bank.loader``: bank folders and the catalog."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interview_prep import paths
from interview_prep.bank import loader
from interview_prep.bank.loader import load_bank_dir, load_catalog, load_default_catalog
from interview_prep.bank.model import Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def bank_text(title: str, *question_ids: str) -> str:
    lines = [f"title: {title}", "questions:"]
    for question_id in question_ids:
        lines += [
            f"  - id: {question_id}",
            "    topic: Topic",
            f"    question: Question {question_id}?",
        ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# load_bank_dir


def test_loads_yaml_and_yml_files_sorted_by_name(tmp_path: Path) -> None:
    write(tmp_path / "b.yaml", bank_text("B", "b1"))
    write(tmp_path / "a.yml", bank_text("A", "a1"))
    write(tmp_path / "c.YAML", bank_text("C", "c1"))
    write(tmp_path / "notes.txt", "not a bank")
    write(tmp_path / "README.md", "# not a bank")
    write(tmp_path / ".hidden.yaml", bank_text("Hidden", "h1"))
    write(tmp_path / ".bank.yaml.abc123.tmp", "half written")
    write(tmp_path / "nested" / "deep.yaml", bank_text("Deep", "d1"))
    (tmp_path / "folder.yaml").mkdir()

    banks, problems = load_bank_dir(tmp_path, bundled=False)

    assert problems == []
    assert [bank.id for bank in banks] == ["a", "b", "c"]
    assert [bank.title for bank in banks] == ["A", "B", "C"]
    assert all(not bank.bundled for bank in banks)
    assert banks[0].path == tmp_path / "a.yml"


def test_bundled_flag_is_passed_on(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", bank_text("A", "a1"))
    banks, _ = load_bank_dir(tmp_path, bundled=True)
    assert [bank.bundled for bank in banks] == [True]


def test_missing_folder_is_empty_not_an_error(tmp_path: Path) -> None:
    assert load_bank_dir(tmp_path / "nowhere", bundled=False) == ([], [])


def test_a_folder_that_is_a_file_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "banks", "a file, not a folder")
    banks, problems = load_bank_dir(path, bundled=False)
    assert banks == []
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}: cannot read the folder")


def test_broken_file_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    write(tmp_path / "a-good.yaml", bank_text("Good A", "a1"))
    broken = write(
        tmp_path / "b-broken.yaml",
        """
        title: Broken
        questions:
          - id: x
            question: [unclosed
        """,
    )
    write(tmp_path / "c-good.yaml", bank_text("Good C", "c1"))
    not_a_bank = write(tmp_path / "d-list.yaml", "- just\n- a list\n")

    banks, problems = load_bank_dir(tmp_path, bundled=False)

    assert [bank.id for bank in banks] == ["a-good", "c-good"]
    assert [p.severity for p in problems] == [Severity.ERROR, Severity.ERROR]
    assert str(problems[0]).startswith(f"{broken}:")
    assert "invalid YAML" in str(problems[0])
    assert str(problems[1]).startswith(f"{not_a_bank}:1: ")


def test_broken_entry_does_not_stop_the_rest_of_its_file(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bank.yaml",
        """
        title: Bank
        questions:
          - id: ok-1
            topic: t
            question: One?
          - id: bad
            topic: t
            question: Two?
            kind: essay
          - id: ok-2
            topic: t
            question: Three?
        """,
    )
    banks, problems = load_bank_dir(tmp_path, bundled=False)
    assert [q.id for q in banks[0].questions] == ["ok-1", "ok-2"]
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:9: question 2: 'kind' must be one of ")


def test_unreadable_file_is_a_problem_and_others_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.yaml", bank_text("A", "a1"))
    locked = write(tmp_path / "b.yaml", bank_text("B", "b1"))
    write(tmp_path / "c.yaml", bank_text("C", "c1"))
    from interview_prep import paths
    from interview_prep.bank import loader, yaml_read

    real_read = paths.read_regular_file

    def read(path: Path, **kwargs: int) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, **kwargs)

    for module in (loader, yaml_read):
        monkeypatch.setattr(module, "read_regular_file", read)
    banks, problems = load_bank_dir(tmp_path, bundled=False)
    assert [bank.id for bank in banks] == ["a", "c"]
    assert [str(p) for p in problems] == [
        f"{locked}: cannot read the file: you do not have permission to use it"
    ]


def test_file_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", bank_text("A", "a1"))
    latin = tmp_path / "b.yaml"
    latin.write_bytes("title: Café\nquestions: []\n".encode("cp1252"))
    banks, problems = load_bank_dir(tmp_path, bundled=False)
    assert [bank.id for bank in banks] == ["a"]
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{latin}:1: not UTF-8")


# --------------------------------------------------------------------------------------------
# load_catalog


def test_catalog_has_bundled_banks_first_then_the_users(tmp_path: Path) -> None:
    bundled = tmp_path / "questions"
    user = tmp_path / "data" / "banks"
    write(bundled / "z-bundled.yaml", bank_text("Bundled", "b1", "b2"))
    write(user / "a-user.yaml", bank_text("User", "u1"))

    catalog = load_catalog(bundled, user)

    assert catalog.problems == []
    assert [bank.id for bank in catalog.banks] == ["z-bundled", "a-user"]
    assert [bank.bundled for bank in catalog.banks] == [True, False]
    assert [q.id for q in catalog.questions()] == ["b1", "b2", "u1"]
    assert len(catalog) == 3


def test_either_folder_may_be_none_or_missing(tmp_path: Path) -> None:
    write(tmp_path / "user" / "u.yaml", bank_text("User", "u1"))
    assert len(load_catalog(None, tmp_path / "user")) == 1
    assert len(load_catalog(tmp_path / "user", None)) == 1
    empty = load_catalog(None, None)
    assert (empty.banks, empty.problems) == ([], [])
    missing = load_catalog(tmp_path / "no-bundled", tmp_path / "no-user")
    assert (missing.banks, missing.problems) == ([], [])


def test_user_question_overrides_the_bundled_one_with_its_id(tmp_path: Path) -> None:
    bundled = tmp_path / "questions"
    user = tmp_path / "banks"
    write(bundled / "airflow.yaml", bank_text("Airflow", "shared", "only-bundled"))
    write(user / "mine.yaml", bank_text("Mine", "mine-1", "shared", "mine-2"))

    catalog = load_catalog(bundled, user)

    assert [q.id for q in catalog.questions()] == ["only-bundled", "mine-1", "shared", "mine-2"]
    assert catalog.by_id()["shared"].bank_id == "mine"
    assert catalog.problems == []


def test_duplicate_ids_between_two_user_files(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", bank_text("A", "x", "y"))
    second = write(tmp_path / "b.yaml", bank_text("B", "y"))
    catalog = load_catalog(None, tmp_path)
    assert [q.id for q in catalog.questions()] == ["x", "y"]
    assert [bank.id for bank in catalog.banks] == ["a", "b"]
    assert catalog.banks[1].questions == ()
    assert [str(p) for p in catalog.problems] == [
        f"{second}:3: duplicate id 'y' (already defined in {first}:6)"
    ]


def test_same_bank_id_in_both_folders_shows_both(tmp_path: Path) -> None:
    bundled = write(tmp_path / "questions" / "airflow.yaml", bank_text("Bundled", "b1"))
    user = write(tmp_path / "banks" / "airflow.yml", bank_text("User", "u1"))
    catalog = load_catalog(bundled.parent, user.parent)
    assert [bank.title for bank in catalog.banks] == ["Bundled", "User"]
    assert catalog.problems == []


def test_bundled_bank_fully_overridden_is_not_shown(tmp_path: Path) -> None:
    bundled = write(tmp_path / "questions" / "airflow.yaml", bank_text("Bundled", "a", "b"))
    user = write(tmp_path / "banks" / "airflow.yaml", bank_text("Mine", "b", "a"))
    catalog = load_catalog(bundled.parent, user.parent)
    assert [(bank.title, bank.bundled) for bank in catalog.banks] == [("Mine", False)]
    assert [q.id for q in catalog.questions()] == ["b", "a"]


def test_same_bank_id_twice_in_one_folder_skips_the_later_file(tmp_path: Path) -> None:
    first = write(tmp_path / "banks" / "airflow.yaml", bank_text("First", "f1"))
    later = write(tmp_path / "banks" / "airflow.yml", bank_text("Later", "l1"))
    catalog = load_catalog(None, first.parent)
    assert [bank.title for bank in catalog.banks] == ["First"]
    message = str(catalog.problems[0])
    assert message.startswith(f"{later}: bank id 'airflow' is already used by {first}")


def test_problems_of_every_file_reach_the_catalog(tmp_path: Path) -> None:
    write(tmp_path / "questions" / "good.yaml", bank_text("Good", "g1"))
    broken = write(tmp_path / "banks" / "broken.yaml", "title: [\n")
    catalog = load_catalog(tmp_path / "questions", tmp_path / "banks")
    assert [q.id for q in catalog.questions()] == ["g1"]
    assert len(catalog.problems) == 1
    assert str(catalog.problems[0]).startswith(f"{broken}:")


def test_load_default_catalog_uses_the_bundled_and_data_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    write(bundled / "bundled.yaml", bank_text("Bundled", "b1"))
    monkeypatch.setattr(paths, "bundled_bank_dir", lambda: bundled)
    data_dir = tmp_path / "data"
    write(paths.DataPaths(data_dir).banks / "user.yaml", bank_text("User", "u1"))

    catalog = load_default_catalog(data_dir)

    assert [(bank.id, bank.bundled) for bank in catalog.banks] == [
        ("bundled", True),
        ("user", False),
    ]
    assert catalog.problems == []


def test_the_shipped_banks_load_without_errors(data_dir: Path) -> None:
    catalog = load_default_catalog(data_dir)
    errors = [str(p) for p in catalog.problems if p.severity is Severity.ERROR]
    assert errors == []
    assert loader.bank_files(paths.bundled_bank_dir()) == [
        bank.path for bank in catalog.banks if bank.bundled
    ]
