"""Random sequences of add, edit, move, delete, revert, undo, redo and outside edits.

A hypothesis ``RuleBasedStateMachine`` drives the app's own undoable commands on a real
``QUndoStack``, over a small bundled bank and a user bank file, and mixes in edits by
"another program" to the same files (after which the catalogue is reloaded, as the file
watcher does). After every step:

* every user bank file loads without problems;
* the catalogue equals a simple model: question id → (topic, question, answer);
* so no outside edit is ever lost (the model keeps them; the user never chose to
  overwrite in these runs), and a refused undo or redo was reported;
* the stack's undo and redo texts are what Ctrl+Z and Ctrl+Shift+Z would do.

Bounded in the default run; ``-m slow`` runs 200 examples.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from interview_prep.bank.editing import EditError, home_of, same_question
from interview_prep.bank.loader import load_catalog
from interview_prep.bank.model import Catalog, Question
from interview_prep.bank.yaml_read import read_bank_file
from interview_prep.bank.yaml_splice import replace_entry
from interview_prep.bank.yaml_write import read_text_exact, write_text_atomic
from interview_prep.ui.bank_commands import (
    AddCommand,
    BankCommand,
    Banks,
    DeleteCommand,
    EditCommand,
    RevertCommand,
)

BUNDLED = """\
title: Bundled
questions:
  - {id: b1, topic: Core, question: "What is a DAG?", answer: A graph.}
  - {id: b2, topic: Core, question: "What is a task?"}
"""
MINE = """\
# hand-written, with a comment
title: Mine
questions:
  - id: m1
    topic: Mine
    question: What is mine?
    answer: Mine.
  # between the entries
  - id: m2
    topic: Mine
    question: What else?
"""

Value = tuple[str, str, str | None] | None
# Few choices, so that the same question is edited, changed outside and undone in one run.
PICKS = st.integers(0, 3)
ANSWERS = st.sampled_from(["One.", "Two words.", "Три слова.", "Edited: again.", ""])


def value(question: Question | None) -> Value:
    return None if question is None else (question.topic, question.question, question.answer)


@dataclasses.dataclass
class Entry:
    """What the model expects one command on the stack to do."""

    text: str
    question_id: str
    before: Value
    after: Value


class UndoMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="undo-machine-"))
        self.bundled_dir = self.root / "bundled"
        self.user_dir = self.root / "banks"
        self.bundled_dir.mkdir()
        self.user_dir.mkdir()
        (self.bundled_dir / "bundled.yaml").write_text(BUNDLED, encoding="utf-8")
        (self.user_dir / "mine.yaml").write_text(MINE, encoding="utf-8")
        self.catalog = self._load()
        self.model: dict[str, Value] = {q.id: value(q) for q in self.catalog.questions()}
        self.entries: list[Entry] = []  # mirrors the stack
        self.index = 0
        self.failures: list[str] = []
        self.stack = QUndoStack()
        self.banks = Banks(
            catalog=lambda: self.catalog,
            user_dir=self.user_dir,
            changed=self._reload,
            failed=lambda text, error, direction, anyway: self.failures.append(direction),
        )
        self.added = 0

    def teardown(self) -> None:
        self.stack.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    # -- helpers -------------------------------------------------------------------------
    def _load(self) -> Catalog:
        return load_catalog(self.bundled_dir, self.user_dir)

    def _reload(self) -> None:
        self.catalog = self._load()

    def _push(self, command: BankCommand, question_id: str, after: Value) -> None:
        before = self.model.get(question_id)
        command.run_first()
        self.stack.push(command)
        del self.entries[self.index :]
        self.entries.append(Entry(command.text(), question_id, before, after))
        self.index += 1
        self.model[question_id] = after

    def _ids(self, *, user_file: bool = False, overridden: bool = False) -> list[str]:
        ids = sorted(self.catalog.by_id())
        if overridden:
            return [i for i in ids if i in self.catalog.overridden]
        if user_file:
            return [i for i in ids if not home_of(self.catalog, i, self.user_dir).bundled]
        return ids

    # -- the user's actions ---------------------------------------------------------------
    @rule(answer=ANSWERS)
    def add(self, answer: str) -> None:
        self.added += 1
        question = Question(
            id=f"new-{self.added}", topic="Mine", question=f"New {self.added}?",
            answer=answer or None,
        )  # fmt: skip
        self._push(AddCommand(question, self.banks), question.id, value(question))

    @rule(pick=PICKS, answer=ANSWERS)
    def edit(self, pick: int, answer: str) -> None:
        ids = self._ids()
        before = self.catalog.by_id()[ids[pick % len(ids)]]
        after = dataclasses.replace(before, answer=answer or None)
        if same_question(before, after):
            return  # the window saves nothing and pushes nothing for an unchanged edit
        self._push(EditCommand(before, after, self.banks), before.id, value(after))

    @rule(pick=PICKS, topic=st.sampled_from(["Core", "Mine", "Elsewhere"]))
    def move(self, pick: int, topic: str) -> None:
        """Move a question to another topic (an edit of its topic, as the editor makes)."""
        ids = self._ids()
        before = self.catalog.by_id()[ids[pick % len(ids)]]
        after = dataclasses.replace(before, topic=topic)
        if same_question(before, after):
            return
        self._push(EditCommand(before, after, self.banks), before.id, value(after))

    @rule(pick=PICKS)
    def delete(self, pick: int) -> None:
        ids = self._ids(user_file=True)
        if not ids:
            return
        question = self.catalog.by_id()[ids[pick % len(ids)]]
        self._push(DeleteCommand(question, self.banks), question.id, None)

    @rule(pick=PICKS)
    def revert(self, pick: int) -> None:
        ids = self._ids(overridden=True)
        if not ids:
            return
        mine = self.catalog.by_id()[ids[pick % len(ids)]]
        original = self.catalog.overridden[mine.id]
        self._push(RevertCommand(mine, self.banks), mine.id, value(original))

    @precondition(lambda self: self.stack.canUndo())
    @rule()
    def undo(self) -> None:
        entry = self.entries[self.index - 1]
        failures = len(self.failures)
        self.stack.undo()
        if self.model.get(entry.question_id) == entry.after:
            self.model[entry.question_id] = entry.before
            self.index -= 1
        else:  # the file changed meanwhile: refused, reported, dropped from the stack
            assert self.failures[failures:] == ["undo"]
            del self.entries[self.index - 1]
            self.index -= 1

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo(self) -> None:
        entry = self.entries[self.index]
        failures = len(self.failures)
        self.stack.redo()
        if self.model.get(entry.question_id) == entry.before:
            self.model[entry.question_id] = entry.after
            self.index += 1
        else:
            assert self.failures[failures:] == ["redo"]
            del self.entries[self.index]

    @rule(pick=PICKS, answer=ANSWERS)
    def outside_edit(self, pick: int, answer: str) -> None:
        """Another program changes an answer in a user file (overrides included)."""
        candidates = [
            (path, q)
            for path in sorted(self.user_dir.glob("*.yaml"))
            for q in (read_bank_file(path)[0] or _empty()).questions
        ]
        if not candidates:
            return
        path, question = candidates[pick % len(candidates)]
        changed = dataclasses.replace(question, answer=f"Theirs: {answer}")
        write_text_atomic(path, replace_entry(read_text_exact(path), changed, question.line))
        self._reload()  # the file watcher
        effective = self.catalog.by_id()[question.id]
        self.model[question.id] = value(effective)

    # -- what must hold after every step --------------------------------------------------
    @invariant()
    def files_load(self) -> None:
        for path in self.user_dir.glob("*.yaml"):
            bank, problems = read_bank_file(path)
            assert bank is not None and problems == [], (path.name, problems)

    @invariant()
    def catalogue_is_the_model(self) -> None:
        actual = {q.id: value(q) for q in self.catalog.questions()}
        expected = {k: v for k, v in self.model.items() if v is not None}
        assert actual == expected

    @invariant()
    def the_stack_says_what_it_would_do(self) -> None:
        assert self.stack.count() == len(self.entries)
        assert self.stack.index() == self.index
        undo = self.entries[self.index - 1].text if self.index else ""
        redo = self.entries[self.index].text if self.index < len(self.entries) else ""
        assert (self.stack.undoText(), self.stack.redoText()) == (undo, redo)


def _empty() -> object:
    return type("NoBank", (), {"questions": ()})()


def _run(examples: int) -> None:
    run_state_machine_as_test(
        UndoMachine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def test_random_edits_undos_and_outside_edits(qtbot: QtBot) -> None:
    _run(60)


def _selects_slow(config: pytest.Config) -> bool:
    expression = str(config.getoption("markexpr") or "")
    return re.search(r"(?<!not )\bslow\b", expression) is not None


@pytest.mark.slow
def test_random_edits_undos_and_outside_edits_at_length(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    if not _selects_slow(request.config):
        pytest.skip("runs with -m slow")
    _run(200)


# A failed undo must reach the user: EditError is the only way the commands fail.
assert issubclass(EditError, Exception)
