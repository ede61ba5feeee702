"""Changing the banks from the window: add, edit, delete and revert questions (undoable).
(Importing documents and exporting a bank: ``bank_files``.)

The controller owns the undo stack and the question editor. A change is written through
``bank.editing`` by an undo command (``bank_commands``), which then announces
``Change.BANK_FILES``; the catalogue watcher reads the files again. An open editor hears
when its question changed on disk (``CatalogWatcher.replaced``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from ..bank.editing import (
    MY_QUESTIONS_FILE,
    ConflictError,
    EditError,
    home_of,
    new_question_id,
    same_question,
)
from ..bank.model import Catalog, Question
from ..render import RenderCache
from .bank_browser import BankBrowser
from .bank_commands import (
    AddCommand,
    BankCommand,
    Banks,
    DeleteCommand,
    EditCommand,
    RevertCommand,
)
from .catalog_watcher import CatalogWatcher
from .changes import Change, Changes
from .question_editor import QuestionEditor


class BankController(QObject):
    def __init__(
        self,
        window: QMainWindow,
        watcher: CatalogWatcher,
        browser: BankBrowser,
        render_cache: RenderCache,
        changes: Changes,
        *,
        dark: Callable[[], bool],
        on_home: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.watcher = watcher
        self.browser = browser
        self.render_cache = render_cache
        self.changes = changes
        self.dark = dark
        self.on_home = on_home  # whether the home view (where the bank is edited) is shown
        self.undo_stack = QUndoStack(self)
        self.editor: QuestionEditor | None = None
        self.banks = Banks(
            catalog=lambda: self.catalog,
            user_dir=self.user_banks_dir,
            changed=lambda: changes.announce(Change.BANK_FILES),
            failed=self._change_failed,
        )
        self.actions: dict[str, QAction] = {}
        watcher.replaced.connect(self._catalog_replaced)

    @property
    def catalog(self) -> Catalog:
        return self.watcher.catalog

    @property
    def user_banks_dir(self) -> Path:
        return self.watcher.user_banks_dir

    def _status(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- actions -----------------------------------------------------------------------------
    def build_actions(self, edit_menu: QMenu, home: QWidget) -> None:
        """Add / edit / delete / revert / find: in the Edit menu and active on the home view."""
        specs = [
            ("addQuestionAction", "&Add question…", ["Ctrl+Shift+N"], self.add_question),
            ("editQuestionAction", "&Edit question…", ["F2"], self.edit_question),
            ("deleteQuestionAction", "&Delete question", ["Del"], self.delete_question),
            ("revertOverrideAction", "Re&vert my changes", [], self.revert_question),
            ("findAction", "&Find…", ["Ctrl+F"], self._focus_search),
        ]
        edit_menu.addSeparator()
        for name, label, keys, handler in specs:
            action = QAction(label, self.window)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            home.addAction(action)
            edit_menu.addAction(action)
            self.actions[name] = action
        browser = self.browser
        browser.add_button.clicked.connect(self.add_question)
        browser.edit_button.clicked.connect(self.edit_question)
        browser.delete_button.clicked.connect(self.delete_question)
        browser.revert_button.clicked.connect(self.revert_question)
        browser.question_list.itemActivated.connect(lambda *_: self.edit_question())
        browser.selection_changed.connect(self.update_actions)
        self.update_actions()

    def update_actions(self) -> None:
        question = self.browser.current_question()
        editable = question is not None
        deletable = revertable = False
        if question is not None:
            try:
                bundled = home_of(self.catalog, question.id, self.user_banks_dir).bundled
            except EditError:
                bundled, editable = True, False
            deletable = not bundled
            revertable = question.id in self.catalog.overridden
        for name, enabled in (
            ("editQuestionAction", editable),
            ("deleteQuestionAction", deletable),
            ("revertOverrideAction", revertable),
        ):
            self.actions[name].setEnabled(enabled)
        self.browser.edit_button.setEnabled(editable)
        self.browser.delete_button.setEnabled(deletable)
        self.browser.delete_button.setToolTip(
            "Delete the selected question from your bank (Del)"
            if deletable or question is None
            else "Questions that come with the app cannot be deleted; edit them instead"
        )
        self.browser.revert_button.setVisible(revertable)

    def _focus_search(self) -> None:
        self.browser.search_box.setFocus()
        self.browser.search_box.selectAll()

    def _catalog_replaced(self, before: Catalog, now: Catalog) -> None:
        """A new catalogue: an open editor hears if its question changed on disk."""
        editor = self.editor
        if editor is not None and editor.original.id:
            mine = now.by_id().get(editor.original.id)
            if mine != before.by_id().get(editor.original.id):
                editor.on_disk_changed(mine)
        self.update_actions()

    # -- undoable changes --------------------------------------------------------------------
    def _change_failed(
        self, text: str, error: EditError, direction: str, anyway: Callable[[], None]
    ) -> None:
        """An undo or redo could not be made (the file changed, or the write failed): say so,
        and let the user keep the version on disk or put theirs back."""
        dialog = QMessageBox(self.window)
        dialog.setObjectName("undoConflictDialog")
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setWindowTitle(f"Could not {direction}")
        dialog.setTextFormat(Qt.TextFormat.PlainText)
        conflict = isinstance(error, ConflictError)
        dialog.setText(
            f"“{text}” could not be {'undone' if direction == 'undo' else 'redone'}: "
            f"{error}. The file was left as it is"
            + (", with the other program's version." if conflict else ".")
        )
        dialog.addButton("Keep the version on disk", QMessageBox.ButtonRole.RejectRole)
        if conflict:
            put_back = dialog.addButton("Put mine back", QMessageBox.ButtonRole.AcceptRole)
            put_back.setObjectName("putMineBackButton")
            put_back.clicked.connect(lambda: self._anyway(text, anyway))
        self._status(f"Could not {direction}: {error}", 15000)
        dialog.open()

    def _anyway(self, text: str, anyway: Callable[[], None]) -> None:
        try:
            anyway()
        except EditError as exc:
            QMessageBox.warning(self.window, "Not saved", str(exc))
            return
        self._status(f"Put back: {text}")

    def _pushed(self, command: BankCommand) -> None:
        self.undo_stack.push(command)
        self._status(f"{command.text()} · Ctrl+Z undoes it")

    def _push_or_warn(self, command: BankCommand) -> bool:
        """Run ``command`` and put it on the undo stack, or say why it could not be made."""
        try:
            command.run_first()
        except EditError as exc:
            QMessageBox.warning(self.window, "Not saved", str(exc))
            return False
        self._pushed(command)
        return True

    def _open_editor(self, question: Question, *, is_new: bool) -> QuestionEditor:
        home = None if is_new else home_of(self.catalog, question.id, self.user_banks_dir)
        topics = [topic for topic, _count in self.catalog.topics()]
        where = self.user_banks_dir / MY_QUESTIONS_FILE
        editor = QuestionEditor(
            question,
            topics,
            self.render_cache,
            is_new=is_new,
            bundled=home is not None and home.bundled,
            note=home.note
            if home is not None
            else f"A new question is saved in your own bank “My questions”, {where}.",
            dark=self.dark(),
            parent=self.window,
            save_handler=lambda edited, force: self._save_from_editor(
                question, edited, is_new=is_new, force=force
            ),
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.destroyed.connect(lambda: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _save_from_editor(
        self, before: Question, after: Question, *, is_new: bool, force: bool
    ) -> bool:
        if is_new:
            after = dataclasses.replace(after, id=new_question_id(self.catalog, after.question))
            return self._push_or_warn(AddCommand(after, self.banks))
        if same_question(before, after) and not force:
            self._status("Nothing changed: nothing was saved", 5000)
            return True  # no write, no "changed by you", nothing to undo
        command = EditCommand(before, after, self.banks)
        try:
            command.run_first(force=force)
        except ConflictError as exc:  # the editor offers to keep theirs or to overwrite
            if self.editor is not None:
                self.editor.on_disk_changed(exc.on_disk)
            return False
        except EditError as exc:
            QMessageBox.warning(self.window, "Not saved", str(exc))
            return False
        self._pushed(command)
        return True

    def _selected_question(self) -> Question | None:
        """The selected question as the files are now (the list may show an older read
        while a reload after the app's own change is under way)."""
        selected = self.browser.current_question()
        if selected is None:
            return None
        return self.catalog.by_id().get(selected.id, selected)

    def edit_question(self) -> QuestionEditor | None:
        question = self._selected_question()
        if question is None or not self.on_home():
            return None
        return self._open_editor(question, is_new=False)

    def add_question(self) -> QuestionEditor | None:
        if not self.on_home():
            return None
        current = self.browser.current_question()
        topic = current.topic if current is not None else "My questions"
        draft = Question(id="", topic=topic, question="", bank_id="my-questions")
        return self._open_editor(draft, is_new=True)

    def delete_question(self) -> None:
        question = self._selected_question()
        if question is not None and self.on_home():
            self._push_or_warn(DeleteCommand(question, self.banks))

    def revert_question(self) -> None:
        question = self._selected_question()
        if question is not None and question.id in self.catalog.overridden:
            self._push_or_warn(RevertCommand(question, self.banks))

    def save_answer(self, question: Question, notes: str) -> str:
        """ "Keep notes as the answer": an edit like any other, so Ctrl+Z undoes it."""
        before = self.catalog.by_id().get(question.id, question)
        after = dataclasses.replace(before, answer=notes.strip() or None)
        if same_question(before, after):
            return "It already has this answer"
        command = EditCommand(before, after, self.banks)
        try:
            command.run_first()
        except (EditError, OSError) as exc:
            return f"Not saved: {exc}"
        self.undo_stack.push(command)  # the session screen says it, not the status bar
        home = home_of(self.catalog, question.id, self.user_banks_dir)
        return f"Saved as its answer in {home.path.name} · Ctrl+Z undoes it"
