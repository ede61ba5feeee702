"""Bank files are only ever changed surgically: an edit or a re-import changes the entries it
is about, and every other byte stays (comments, hand formatting, entries that do not load).

A property test writes random bank files the way people do (comments everywhere, entries
without ``id``, entries in flow style, entries that fail validation), then makes random
edits and re-imports and compares bytes.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_prep.bank.editing import (
    EditError,
    add_question,
    delete_question,
    home_of,
    revert_override,
    save_question,
)
from interview_prep.bank.importing import ImportTargetError, store_import
from interview_prep.bank.loader import load_catalog
from interview_prep.bank.model import Bank, Question, Severity
from interview_prep.bank.yaml_read import read_bank_file
from interview_prep.bank.yaml_splice import entry_spans
from interview_prep.bank.yaml_write import read_text_exact

# Both YAML loaders (pure Python and libyaml) must find the same places.
pytestmark = pytest.mark.usefixtures("safe_loader")

WORDS = st.sampled_from(["alpha", "beta", "gamma", "ωμέγα", "данные", "索引", "😀 emoji"])


@st.composite
def entry(draw: st.DrawFn, number: int, indent: str) -> str:
    """One entry of the questions list, in one of the shapes people write."""
    shape = draw(st.sampled_from(["block", "no-id", "flow", "invalid", "commented"]))
    words = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
    inner = indent + "  "
    if shape == "flow":
        return f"{indent}- {{id: e{number}, topic: T, question: 'Flow {number} {words}?'}}\n"
    if shape == "no-id":
        return f"{indent}- topic: T\n{inner}question: Without id {number} {words}?\n"
    if shape == "invalid":  # does not load: kind is not one of the allowed words
        fields = f"{inner}topic: T\n{inner}question: Q{number}?\n{inner}kind: essay\n"
        return f"{indent}- id: e{number}\n{fields}"
    comment = f"{inner}# a note inside entry {number}\n" if shape == "commented" else ""
    return (
        f"{indent}- id: e{number}\n{inner}topic: T\n{comment}{inner}question: Block {number} "
        f"{words}?\n{inner}answer: |\n{inner}  Answer {number}: {words}.\n"
    )


@st.composite
def bank_file(draw: st.DrawFn) -> str:
    indent = draw(st.sampled_from(["", "  "]))
    count = draw(st.integers(1, 7))
    parts = ["# My bank, written by hand\n", "title: Mine  # the title\n", "questions:\n"]
    for number in range(count):
        if draw(st.booleans()):
            parts.append(f"{indent}# before entry {number}\n")
        if draw(st.booleans()):
            parts.append("\n")
        parts.append(draw(entry(number, indent)))
    parts.append(draw(st.sampled_from(["", "# the end\n", "\n# the end\n"])))
    text = "".join(parts)
    return text.replace("\n", "\r\n") if draw(st.booleans()) else text  # saved on Windows


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def load(folder: Path) -> tuple[Bank | None, list[str]]:
    """The bank, and the errors of its entries that do not load (warnings left out: an
    entry the app wrote gains an explicit id, which ends the warning about a missing one)."""
    bank, problems = read_bank_file(folder / "mine.yaml")
    return bank, [p.message for p in problems if p.severity is Severity.ERROR]


def span_of(text: str, question: Question) -> tuple[int, int]:
    spans = entry_spans(text)
    span = next(
        (s for s in spans if s.question_id == question.id)
        if any(s.question_id == question.id for s in spans)
        else (s for s in spans if s.question_id is None and s.line == question.line)
    )
    return span.start, span.end


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=bank_file(), pick=st.integers(0, 100), answer=WORDS)
def test_an_edit_changes_only_its_entry(tmp_path: Path, text: str, pick: int, answer: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "mine.yaml").write_bytes(text.encode("utf-8"))
    bank, problems_before = load(folder)
    assert bank is not None
    if not bank.questions:
        return
    catalog = load_catalog(None, folder)
    target = bank.questions[pick % len(bank.questions)]
    edited = dataclasses.replace(target, answer=f"Edited: {answer}.")
    save_question(catalog, edited, folder, expected=target)

    after = read_text_exact(folder / "mine.yaml")
    start, end = span_of(text, target)
    assert after[:start] == text[:start]  # every byte before the entry
    assert after.endswith(text[end:])  # and after it
    assert all(c in comments(after) for c in comments(text) if "inside entry" not in c)
    bank_after, problems_after = load(folder)
    assert bank_after is not None
    assert problems_after == problems_before  # entries that do not load: still there
    by_id = {q.id: q for q in bank_after.questions}
    assert by_id[target.id].answer == f"Edited: {answer}."
    assert [q.id for q in bank_after.questions] == [q.id for q in bank.questions]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=bank_file(), updated=st.integers(0, 100), answer=WORDS)
def test_a_re_import_changes_only_the_entries_it_brings(
    tmp_path: Path, text: str, updated: int, answer: str
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "mine.yaml").write_bytes(text.encode("utf-8"))
    bank, problems_before = load(folder)
    assert bank is not None
    spans = entry_spans(text)
    brought: list[Question] = []
    if bank.questions:
        old = bank.questions[updated % len(bank.questions)]
        brought.append(dataclasses.replace(old, answer=f"From the document: {answer}."))
    brought.append(Question(id="brand-new", topic="T", question="A new one?", answer="Yes."))
    document = Bank(id="mine", title="Mine (document)", questions=tuple(brought))
    store_import(document, folder)

    after = read_text_exact(folder / "mine.yaml")
    touched = {q.id for q in brought}
    for span, question_line in ((s, s.line) for s in spans):
        owner = next((q for q in bank.questions if q.line == question_line), None)
        if owner is None or owner.id not in touched:  # not the import's: byte for byte
            assert text[span.start : span.end] in after
    assert all(c in comments(after) for c in comments(text) if "inside entry" not in c)
    bank_after, problems_after = load(folder)
    assert bank_after is not None
    assert len(problems_after) == len(problems_before)  # entries that do not load: still there
    ids_after = [q.id for q in bank_after.questions]
    assert ids_after[: len(bank.questions)] == [q.id for q in bank.questions]
    assert ids_after[-1] == "brand-new"


# --- files that cannot be changed entry by entry ---------------------------------------------

FLOW_BANK = """\
# Written in one go, flow style.
title: Compact
questions: [{id: a, topic: T, question: "First?", answer: One.},
            {id: b, topic: T, question: "Second?"}]
"""


def test_a_flow_style_file_is_left_as_it_is_and_the_edit_kept_as_an_override(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "compact.yaml").write_text(FLOW_BANK, encoding="utf-8")
    catalog = load_catalog(None, folder)
    first = catalog.by_id()["a"]
    home = home_of(catalog, "a", folder)
    assert home.bundled and "compact.yaml writes its questions in flow style" in home.note

    path = save_question(
        catalog, dataclasses.replace(first, answer="Mine."), folder, expected=first
    )
    assert path == folder / "overrides.yaml"
    assert (folder / "compact.yaml").read_text(encoding="utf-8") == FLOW_BANK
    reloaded = load_catalog(None, folder)
    assert reloaded.by_id()["a"].answer == "Mine." and "a" in reloaded.overridden
    assert not reloaded.problems  # no "duplicate id" between the file and its override

    with pytest.raises(EditError, match="cannot be deleted from the app"):
        delete_question(reloaded, "b", folder)
    revert_override("a", folder)
    assert load_catalog(None, folder).by_id()["a"].answer == "One."
    assert (folder / "compact.yaml").read_text(encoding="utf-8") == FLOW_BANK


def test_a_re_import_into_a_flow_style_file_is_refused_and_changes_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "compact.yaml").write_text(FLOW_BANK, encoding="utf-8")
    document = Bank(
        id="compact",
        title="Compact",
        questions=(Question(id="a", topic="T", question="First?", answer="New."),),
    )
    with pytest.raises(ImportTargetError, match="flow style"):
        store_import(document, tmp_path)
    assert (tmp_path / "compact.yaml").read_text(encoding="utf-8") == FLOW_BANK


def test_removing_the_last_entry_leaves_a_file_that_loads(tmp_path: Path) -> None:
    """Undoing the only added question used to leave "questions:" with nothing after it,
    which the loader refuses, and every later add into that file failed."""
    folder = tmp_path / "banks"
    question = Question(id="only", topic="T", question="The only one?")
    add_question(load_catalog(None, folder), question, folder)
    catalog = load_catalog(None, folder)
    delete_question(catalog, "only", folder)
    text = (folder / "my-questions.yaml").read_text(encoding="utf-8")
    assert re.search(r"^questions: \[\]$", text, re.MULTILINE)
    bank, problems = read_bank_file(folder / "my-questions.yaml")
    assert bank is not None and not problems
    add_question(load_catalog(None, folder), question, folder)  # and the next add works
    assert [q.id for q in load_catalog(None, folder).questions()] == ["only"]


def test_saving_without_a_change_writes_nothing(tmp_path: Path) -> None:
    from interview_prep.paths import bundled_bank_dir

    folder = tmp_path / "banks"
    folder.mkdir()
    catalog = load_catalog(bundled_bank_dir(), folder)
    bundled = next(iter(catalog.questions()))
    save_question(catalog, bundled, folder, expected=bundled)
    assert not (folder / "overrides.yaml").exists()  # no override "changed by you"
