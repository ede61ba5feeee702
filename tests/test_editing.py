"""Editing questions: user files changed in place, bundled ones overridden, conflicts caught."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from interview_prep.bank.editing import (
    ConflictError,
    EditError,
    add_question,
    delete_question,
    new_question_id,
    revert_override,
    save_question,
)
from interview_prep.bank.loader import load_catalog
from interview_prep.bank.model import Kind, Question
from interview_prep.paths import bundled_bank_dir

MINE = """\
# My networking questions (a comment I want to keep)
title: Networking
questions:
  - id: tcp
    topic: Basics   # the basics first
    question: What is TCP?
    answer: A reliable byte stream.

  - id: udp
    topic: Basics
    question: What is UDP?
"""


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    banks = tmp_path / "banks"
    banks.mkdir()
    (banks / "net.yaml").write_text(MINE)
    return banks


def catalog(user_dir: Path):  # type: ignore[no-untyped-def]
    return load_catalog(bundled_bank_dir(), user_dir)


def test_editing_a_user_question_changes_only_its_entry(user_dir: Path) -> None:
    cat = catalog(user_dir)
    udp = cat.by_id()["udp"]
    changed = dataclasses.replace(udp, answer="Datagrams, no delivery guarantee.", tags=("l4",))
    assert save_question(cat, changed, user_dir, expected=udp) == user_dir / "net.yaml"
    text = (user_dir / "net.yaml").read_text()
    assert text.startswith("# My networking questions (a comment I want to keep)\n")
    assert "topic: Basics   # the basics first" in text
    again = catalog(user_dir).by_id()["udp"]
    assert again.answer == "Datagrams, no delivery guarantee." and again.tags == ("l4",)


def test_editing_a_bundled_question_stores_an_override_in_place(user_dir: Path) -> None:
    cat = catalog(user_dir)
    bundled_bank = next(b for b in cat.banks if b.bundled and b.id == "airflow-questions")
    original = bundled_bank.questions[1]
    before = (bundled_bank_dir() / "airflow-questions.yaml").read_text()
    edited = dataclasses.replace(original, answer="My own words.", kind=Kind.CODING)
    path = save_question(cat, edited, user_dir, expected=original)
    assert path == user_dir / "overrides.yaml"
    assert (bundled_bank_dir() / "airflow-questions.yaml").read_text() == before

    reloaded = catalog(user_dir)
    bank = next(b for b in reloaded.banks if b.id == "airflow-questions")
    assert bank.questions[1].id == original.id  # same place, same id
    assert bank.questions[1].answer == "My own words."
    assert reloaded.overridden[original.id].answer == original.answer
    assert all(b.path is None or b.path.name != "overrides.yaml" for b in reloaded.banks)

    revert_override(original.id, user_dir)
    restored = catalog(user_dir)
    assert restored.by_id()[original.id].answer == original.answer
    assert original.id not in restored.overridden


def test_a_conflicting_change_on_disk_is_not_overwritten(user_dir: Path) -> None:
    cat = catalog(user_dir)
    tcp = cat.by_id()["tcp"]
    path = user_dir / "net.yaml"
    path.write_text(path.read_text().replace("A reliable byte stream.", "Changed elsewhere."))
    with pytest.raises(ConflictError) as caught:
        save_question(cat, dataclasses.replace(tcp, answer="Mine"), user_dir, expected=tcp)
    assert caught.value.on_disk is not None and caught.value.on_disk.answer == "Changed elsewhere."
    assert "Changed elsewhere." in path.read_text()
    save_question(cat, dataclasses.replace(tcp, answer="Mine"), user_dir)  # overwrite on purpose
    assert catalog(user_dir).by_id()["tcp"].answer == "Mine"


def test_add_delete_and_undo(user_dir: Path) -> None:
    cat = catalog(user_dir)
    qid = new_question_id(cat, "What is QUIC?")
    fresh = Question(id=qid, topic="Transport", question="What is QUIC?")
    path = add_question(cat, fresh, user_dir)
    assert path == user_dir / "my-questions.yaml"
    assert catalog(user_dir).by_id()[qid].topic == "Transport"

    cat = catalog(user_dir)
    gone = cat.by_id()["tcp"]
    path, index = delete_question(cat, "tcp", user_dir)
    assert (path, index) == (user_dir / "net.yaml", 0)
    assert "tcp" not in catalog(user_dir).by_id()
    add_question(catalog(user_dir), gone, user_dir, path=path, index=index)  # undo
    restored = next(b for b in catalog(user_dir).banks if b.id == "net")
    assert [q.id for q in restored.questions] == ["tcp", "udp"]
    assert "# My networking questions" in path.read_text()


def test_bundled_questions_cannot_be_deleted(user_dir: Path) -> None:
    cat = catalog(user_dir)
    bundled = next(b for b in cat.banks if b.bundled).questions[0]
    with pytest.raises(EditError, match="bundled questions cannot be deleted"):
        delete_question(cat, bundled.id, user_dir)


def test_an_unreadable_target_file_is_left_alone(user_dir: Path) -> None:
    cat = catalog(user_dir)
    (user_dir / "net.yaml").write_text("title: [broken\n")
    with pytest.raises(EditError, match="could not be read"):
        save_question(cat, cat.by_id()["udp"], user_dir)
    assert (user_dir / "net.yaml").read_text() == "title: [broken\n"
