"""Undoable changes to the banks: edit, add, delete, revert an override.

Each command does its change through ``bank.editing`` (so files are written the one safe
way) and then asks the window to reload the catalog. A command is pushed only after its
first run succeeded (``run_first``), so a failed save never lands on the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QUndoCommand

from ..bank.editing import (
    add_question,
    delete_question,
    home_of,
    revert_override,
    save_question,
)
from ..bank.model import Catalog, Question


class BankCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        catalog: Callable[[], Catalog],
        user_dir: Path,
        reload: Callable[[], None],
    ) -> None:
        super().__init__(text)
        self.catalog = catalog
        self.user_dir = user_dir
        self.reload = reload
        self._first = True

    def run_first(self) -> None:
        """Do the change now (errors propagate); the push that follows will not redo it."""
        self.do()
        self.reload()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.do()
        self.reload()

    def undo(self) -> None:
        self.undo_change()
        self.reload()

    def do(self) -> None:
        raise NotImplementedError

    def undo_change(self) -> None:
        raise NotImplementedError


class EditCommand(BankCommand):
    def __init__(
        self,
        before: Question,
        after: Question,
        *,
        force: bool,
        catalog: Callable[[], Catalog],
        user_dir: Path,
        reload: Callable[[], None],
    ) -> None:
        super().__init__(f"Edit “{_short(after.question)}”", catalog, user_dir, reload)
        self.before, self.after, self.force = before, after, force
        cat = catalog()
        self.was_override = before.id in cat.overridden
        self.bundled = home_of(cat, before.id, user_dir).bundled

    def do(self) -> None:
        expected = None if self.force else self.before
        save_question(self.catalog(), self.after, self.user_dir, expected=expected)
        self.force = True  # a redo after an undo writes the same text again

    def undo_change(self) -> None:
        if self.bundled and not self.was_override:
            revert_override(self.before.id, self.user_dir)
        else:
            save_question(self.catalog(), self.before, self.user_dir)


class AddCommand(BankCommand):
    def __init__(
        self,
        question: Question,
        *,
        catalog: Callable[[], Catalog],
        user_dir: Path,
        reload: Callable[[], None],
    ) -> None:
        super().__init__(f"Add “{_short(question.question)}”", catalog, user_dir, reload)
        self.question = question
        self.path: Path | None = None

    def do(self) -> None:
        self.path = add_question(self.catalog(), self.question, self.user_dir, path=self.path)

    def undo_change(self) -> None:
        delete_question(self.catalog(), self.question.id, self.user_dir)


class DeleteCommand(BankCommand):
    def __init__(
        self,
        question: Question,
        *,
        catalog: Callable[[], Catalog],
        user_dir: Path,
        reload: Callable[[], None],
    ) -> None:
        super().__init__(f"Delete “{_short(question.question)}”", catalog, user_dir, reload)
        self.question = question
        self.place: tuple[Path, int] | None = None

    def do(self) -> None:
        self.place = delete_question(self.catalog(), self.question.id, self.user_dir)

    def undo_change(self) -> None:
        assert self.place is not None
        path, index = self.place
        add_question(self.catalog(), self.question, self.user_dir, path=path, index=index)


class RevertCommand(BankCommand):
    def __init__(
        self,
        mine: Question,
        *,
        catalog: Callable[[], Catalog],
        user_dir: Path,
        reload: Callable[[], None],
    ) -> None:
        super().__init__(f"Revert “{_short(mine.question)}”", catalog, user_dir, reload)
        self.mine = mine

    def do(self) -> None:
        revert_override(self.mine.id, self.user_dir)

    def undo_change(self) -> None:
        save_question(self.catalog(), self.mine, self.user_dir)


def _short(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 40 else line[:39] + "…"
