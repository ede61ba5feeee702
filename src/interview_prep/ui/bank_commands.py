"""Undoable changes to the banks: edit, add, delete, revert an override.

Each command does its change through ``bank.editing`` (so files are written the one safe
way) and then announces that the bank files changed (``Change.BANK_FILES``). A command is
pushed only after its first run succeeded (``run_first``), so a failed save never lands on
the undo stack.

Every redo and undo goes through the same conflict check as a save: the question on disk
must still be what the command left (or found) there. When it is not (another program
changed it), or the write fails, nothing is written, the command marks itself obsolete so
the stack drops it and never claims a state it is not in, and ``Banks.failed`` tells the
user, who may keep the version on disk or put theirs back. Nothing reaches stderr only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QUndoCommand

from ..bank.editing import (
    ConflictError,
    EditError,
    add_question,
    delete_question,
    home_of,
    revert_override,
    save_question,
)
from ..bank.model import Catalog, Question
from ..render.plain import plain_title


@dataclass(frozen=True)
class Banks:
    """What a command needs from the window."""

    catalog: Callable[[], Catalog]  # the catalogue as now loaded
    user_dir: Path
    changed: Callable[[], None]  # after any change, or a failed one (announces it)
    # An undo or redo failed: (the command's text, the error, "undo" or "redo", and what
    # makes it anyway, over what is on disk, if the user says so).
    failed: Callable[[str, EditError, str, Callable[[], None]], None]


class BankCommand(QUndoCommand):
    def __init__(self, text: str, banks: Banks) -> None:
        super().__init__(text)
        self.banks = banks
        self._first = True

    def catalog(self) -> Catalog:
        return self.banks.catalog()

    @property
    def user_dir(self) -> Path:
        return self.banks.user_dir

    def run_first(self, *, force: bool = False) -> None:
        """Do the change now (errors propagate); the push that follows will not redo it.

        ``force``: write even if the question changed on disk (the user chose to)."""
        self.do(check=not force)
        self.banks.changed()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._attempt(self.do, "redo")

    def undo(self) -> None:
        self._attempt(self.undo_change, "undo")

    def _attempt(self, action: Callable[..., None], direction: str) -> None:
        try:
            action(check=True)
        except EditError as error:
            # The stack drops (and deletes) an obsolete command: its state is not the one on
            # disk. What the user may still choose is kept apart from it.
            self.setObsolete(True)
            banks = self.banks

            def anyway() -> None:
                action(check=False)
                banks.changed()

            banks.changed()
            banks.failed(self.text(), error, direction, anyway)
            return
        self.banks.changed()

    def do(self, *, check: bool) -> None:
        raise NotImplementedError

    def undo_change(self, *, check: bool) -> None:
        raise NotImplementedError


def _unless(check: bool, question: Question | None) -> Question | None:
    return question if check else None


class EditCommand(BankCommand):
    def __init__(self, before: Question, after: Question, banks: Banks) -> None:
        super().__init__(f"Edit “{_short(after.question)}”", banks)
        self.before, self.after = before, after
        cat = banks.catalog()
        self.was_override = before.id in cat.overridden
        self.override = home_of(cat, before.id, banks.user_dir).bundled

    def do(self, *, check: bool) -> None:
        save_question(
            self.catalog(), self.after, self.user_dir, expected=_unless(check, self.before)
        )

    def undo_change(self, *, check: bool) -> None:
        if self.override and not self.was_override:
            revert_override(self.before.id, self.user_dir, expected=_unless(check, self.after))
        else:
            save_question(
                self.catalog(), self.before, self.user_dir, expected=_unless(check, self.after)
            )


class AddCommand(BankCommand):
    def __init__(self, question: Question, banks: Banks) -> None:
        super().__init__(f"Add “{_short(question.question)}”", banks)
        self.question = question
        self.path: Path | None = None

    def do(self, *, check: bool) -> None:
        try:
            self.path = add_question(self.catalog(), self.question, self.user_dir, path=self.path)
        except ConflictError:
            if check:
                raise
            save_question(self.catalog(), self.question, self.user_dir)

    def undo_change(self, *, check: bool) -> None:
        expected = _unless(check, self.question)
        delete_question(self.catalog(), self.question.id, self.user_dir, expected=expected)


class DeleteCommand(BankCommand):
    def __init__(self, question: Question, banks: Banks) -> None:
        super().__init__(f"Delete “{_short(question.question)}”", banks)
        self.question = question
        self.place: tuple[Path, int] | None = None

    def do(self, *, check: bool) -> None:
        expected = _unless(check, self.question)
        self.place = delete_question(
            self.catalog(), self.question.id, self.user_dir, expected=expected
        )

    def undo_change(self, *, check: bool) -> None:
        assert self.place is not None
        path, index = self.place
        try:
            add_question(self.catalog(), self.question, self.user_dir, path=path, index=index)
        except ConflictError:
            if check:
                raise
            save_question(self.catalog(), self.question, self.user_dir)


class RevertCommand(BankCommand):
    def __init__(self, mine: Question, banks: Banks) -> None:
        super().__init__(f"Revert “{_short(mine.question)}”", banks)
        self.mine = mine
        self.original = banks.catalog().overridden.get(mine.id)

    def do(self, *, check: bool) -> None:
        revert_override(self.mine.id, self.user_dir, expected=_unless(check, self.mine))

    def undo_change(self, *, check: bool) -> None:
        save_question(
            self.catalog(), self.mine, self.user_dir, expected=_unless(check, self.original)
        )


def _short(text: str) -> str:
    line = plain_title(text)
    return line if len(line) <= 40 else line[:39] + "…"
