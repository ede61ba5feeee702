"""Tests for ``interview_prep.bank.yaml_write``: dumping (and reading the dump back), writing
files atomically."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

import pytest
import yaml

from conftest import doc
from interview_prep.bank import yaml_write
from interview_prep.bank.model import Bank, Difficulty, Kind, Problem, Question
from interview_prep.bank.yaml_read import parse_bank, read_bank_file
from interview_prep.bank.yaml_write import dump_bank, write_bank_file

PATH = Path("banks/bank.yaml")

pytestmark = pytest.mark.usefixtures("safe_loader")


# --------------------------------------------------------------------------------------------
# Dumping


def q(**fields: object) -> Question:
    values: dict[str, object] = {"id": "q1", "topic": "Topic", "question": "Question?"}
    values.update(fields)
    return Question(**values)  # type: ignore[arg-type]


ROUND_TRIP_QUESTIONS = [
    q(id="plain", question="What is a DagBag?", answer="A bag of DAGs."),
    q(id="bool-like", question="yes", answer="no", topic="true"),
    q(id="number-like", question="1.0", answer="42", topic="2024", tags=("1", "null", "~")),
    q(id="curly", question="What’s the “best” way?", answer="It’s ‘this’ — and … that."),
    q(id="colon-hash", question="key: value # not a comment", answer="a: b\n# heading\n: x"),
    q(
        id="code-fence",
        question="Write a function",
        answer="```python\ndef f(x):\n    if x:\n        return 1\n    return 0\n```",
        kind=Kind.CODING,
        difficulty=Difficulty.HARD,
        time_limit=900,
    ),
    q(
        id="leading-space-lines",
        question="Indented?",
        answer="first\n    indented\n  - bullet\n\nlast",
    ),
    q(
        id="yaml-syntax",
        question="- starts like a list",
        answer="---\n...\n%YAML 1.2\n- [a]\n{b: c}",
    ),
    q(id="quotes", question="'single' and \"double\"", answer="\"quoted\"\n'also'"),
    q(id="multi-line-question", question="Line one\nline two", answer=None),
    q(id="unicode", question="Ünïcödé 日本語 😀 ß", answer="naïve café\n\n\n\nafter blank lines"),
    q(id="tabs", question="tab\there", answer="a\n\tb"),
    q(id="tags", question="Tags?", tags=("a, b", "c: d", "#x", "[y]", "yes", "ünï")),
    q(id="system-design", question="Design X", kind=Kind.SYSTEM_DESIGN, time_limit=1),
    q(id="long", question="word " * 80 + "end", answer="x" * 500),
    q(id="special-start", question="@at `back` *star* &amp !bang |pipe >gt %pct"),
]


def round_trip(bank: Bank) -> tuple[Bank, list[Problem]]:
    parsed, problems = parse_bank(dump_bank(bank), Path(f"{bank.id}.yaml"))
    assert parsed is not None, problems
    return parsed, problems


def without_lines(bank: Bank) -> list[Question]:
    return [dataclasses.replace(question, line=None) for question in bank.questions]


def test_dump_then_parse_gives_the_same_questions() -> None:
    questions = tuple(dataclasses.replace(x, bank_id="rt") for x in ROUND_TRIP_QUESTIONS)
    bank = Bank(
        id="rt",
        title="Round: trip #1",
        questions=questions,
        description="Multi-line\n  description\n- with a bullet",
        source="https://example.com/README.md",
    )
    parsed, problems = round_trip(bank)
    assert problems == []
    assert without_lines(parsed) == list(questions)
    assert (parsed.title, parsed.description, parsed.source) == (
        bank.title,
        bank.description,
        bank.source,
    )
    # and dumping again gives the same text
    assert dump_bank(parsed) == dump_bank(bank)


def test_dump_cleans_text_like_parse() -> None:
    bank = Bank(
        "b",
        "  Title  ",
        (q(question="  Q  ", answer="trailing   \nspaces\t \r\nhere  ", tags=(" a ", "")),),
    )
    parsed, problems = round_trip(bank)
    assert problems == []
    (question,) = parsed.questions
    assert (question.question, question.answer, question.tags) == (
        "Q",
        "trailing\nspaces\nhere",
        ("a",),
    )
    assert parsed.title == "Title"


def test_dump_reads_like_a_hand_written_file() -> None:
    bank = Bank(
        "b",
        "Airflow Questions",
        (
            q(
                id="dagbag",
                topic="Architecture",
                question="What is a DagBag?",
                answer="The `DagBag` class   \n\n    collects DAGs.",
                tags=("airflow", "internals"),
                difficulty=Difficulty.MEDIUM,
                kind=Kind.CODING,
                time_limit=180,
            ),
            q(id="bare", question="Bare?"),
        ),
        source="README.md",
    )
    text = dump_bank(bank)
    body = text[text.index("title:") :]
    assert body == doc(
        """
        title: Airflow Questions
        source: README.md
        questions:
          - id: dagbag
            topic: Architecture
            question: What is a DagBag?
            answer: |-
              The `DagBag` class

                  collects DAGs.
            tags: [airflow, internals]
            difficulty: medium
            kind: coding
            time_limit: 180

          - id: bare
            topic: Topic
            question: Bare?
        """
    )
    for absent in (
        "tags: []",
        "difficulty",
        "kind: concept",
        "answer: null",
        "null",
        "description",
    ):
        assert absent not in text[text.index("- id: bare") :]
    assert yaml.safe_load(text)["questions"][1] == {
        "id": "bare",
        "topic": "Topic",
        "question": "Bare?",
    }


def test_dump_does_not_wrap_long_lines() -> None:
    long = "word " * 100 + "end"
    text = dump_bank(Bank("b", "T", (q(question=long),)))
    assert f"question: {long}\n" in text


def test_dump_of_an_empty_bank() -> None:
    bank = Bank("empty", "Nothing yet", ())
    assert "questions: []" in dump_bank(bank)
    parsed, problems = round_trip(bank)
    assert problems == []
    assert parsed.questions == ()


# --------------------------------------------------------------------------------------------
# Atomic writes


def sample_bank() -> Bank:
    return Bank("bank", "Sample", (q(id="a", answer="Answer\nover lines"), q(id="b")))


def test_write_bank_file_writes_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "bank.yaml"
    write_bank_file(sample_bank(), path)
    assert os.listdir(path.parent) == ["bank.yaml"]
    bank, problems = read_bank_file(path)
    assert problems == []
    assert bank is not None
    assert without_lines(bank) == [
        dataclasses.replace(x, bank_id="bank") for x in sample_bank().questions
    ]


def test_write_bank_file_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o640)
    write_bank_file(sample_bank(), path)
    assert path.read_text(encoding="utf-8") == dump_bank(sample_bank())
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["bank.yaml"]


def test_write_bank_file_follows_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "bank.yaml"
    link.symlink_to(target)
    write_bank_file(sample_bank(), link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == dump_bank(sample_bank())


def _boom(*args: object, **kwargs: object) -> None:
    raise OSError("disk on fire")


@pytest.mark.parametrize(
    ("target", "name"),
    [(yaml_write, "dump_bank"), (os, "fsync"), (os, "replace")],
    ids=["dump", "fsync", "replace"],
)
def test_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: object, name: str
) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("old content\n", encoding="utf-8")
    monkeypatch.setattr(target, name, _boom)
    with pytest.raises(OSError, match="disk on fire"):
        write_bank_file(sample_bank(), path)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert os.listdir(tmp_path) == ["bank.yaml"]
