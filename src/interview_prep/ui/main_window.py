"""The main window: home (bank browser, last sessions, Start), a session, its summary.

The window owns the open database and a background writer for it, and moves between three
pages. It reads through the core (catalog, store queries) and hands changes to the core
(session engine, bank editing); the core never calls back. Object names used by tests are
listed in ``docs/testing.md``.
"""

from __future__ import annotations

import dataclasses
import random
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
)

from ..bank.editing import (
    MY_QUESTIONS_FILE,
    ConflictError,
    EditError,
    home_of,
    new_question_id,
    same_question,
)
from ..bank.loader import bank_stamps, load_default_catalog
from ..bank.model import Catalog, Question
from ..bank.search import SearchIndex
from ..paths import DataPaths, bundled_bank_dir
from ..practice.clock import Clock, SystemClock
from ..practice.engine import SessionEngine
from ..practice.plan import (
    Order,
    PlannedQuestion,
    SessionPlan,
    SessionSettings,
    plan_from_questions,
    plan_session,
)
from ..practice.summary import summarize
from ..render import RenderCache
from ..stats.figures import Stats
from ..stats.load import load_stats
from ..store import Database, open_database
from ..store.attempts import attempt_counts_by_question, attempts_for_question
from ..store.backups import restore_and_reopen
from ..store.derived import practice_days
from ..store.errors import StoreError
from ..store.history import recent_session_summaries
from ..store.journal import Journal, failure_reason, is_refusal, journal_path
from ..store.review_log import due_count
from ..store.session_log import (
    StoreRecorder,
    UnfinishedSession,
    abandon_session,
    attempt_record,
    find_unfinished,
)
from ..store.writer import BackgroundWriter, WritingRecorder
from .about_dialog import AboutDialog
from .bank_browser import BankBrowser
from .bank_commands import (
    AddCommand,
    BankCommand,
    Banks,
    DeleteCommand,
    EditCommand,
    RevertCommand,
)
from .display_menu import DisplayControls
from .home_view import HomeView, RecentSession
from .import_dialog import IMPORTABLE_SUFFIXES, ImportDialog
from .preferences import BROWSE_SPLITTER, MAIN_SPLITTER, SESSION_SETUP, WINDOW_GEOMETRY, Preferences
from .question_editor import QuestionEditor
from .question_history import QuestionHistoryDialog
from .restore_backup import RestoreBackupDialog
from .review_view import ReviewView
from .session_setup import SessionSetupDialog
from .session_view import SessionView
from .summary_view import SummaryView
from .tasks import run_in_background


def replace_id(question: Question, question_id: str) -> Question:
    return dataclasses.replace(question, id=question_id)


RELOAD_DELAY_MS = 300


@dataclasses.dataclass(frozen=True)
class HomeFigures:
    """What the home view shows from the database, read ahead on the start-up thread."""

    due: int
    recent: list[RecentSession]
    unfinished: UnfinishedSession | None

    @classmethod
    def read(cls, database: Database, clock: Clock) -> HomeFigures:
        return cls(
            due=due_count(database, clock.now()),
            recent=[RecentSession(*row) for row in recent_session_summaries(database, limit=12)],
            unfinished=find_unfinished(database),
        )


class _Signals(QObject):
    """Hands results from worker threads to the UI thread."""

    index_ready = Signal(object, int)  # SearchIndex, generation
    save_state = Signal(object)  # SaveState, from the writer thread


class MainWindow(QMainWindow):
    def __init__(
        self,
        catalog: Catalog,
        data_dir: Path,
        database: Database,
        notices: list[str] | None = None,
        figures: HomeFigures | None = None,
    ) -> None:
        """``figures`` are the home view's numbers when already read (at start-up, off the
        UI thread); otherwise the window reads them."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Interview Prep")
        self.resize(1100, 720)
        self._catalog = catalog
        self._catalog_stale = False  # the app changed the files; the new read is under way
        self._catalog_generation = 0  # a background reload older than this is not used
        self.data_dir = data_dir
        self.database = database
        # No parent: a worker thread may still hold it when the window is deleted, and a
        # Qt-owned object could be freed under an emit (a crash seen in the kill drill).
        # It only emits, so it may be freed on either thread.
        self._signals = _Signals()
        self.writer, self.recorder = self._start_writing(database)
        self.clock: Clock = SystemClock()
        self.rng = random.Random()
        self.engine: SessionEngine | None = None
        self.unfinished: UnfinishedSession | None = None

        self.preferences = Preferences(data_dir)
        self.render_cache = RenderCache()
        self.browser = BankBrowser(catalog, self.render_cache)
        self.home = HomeView(self.browser)
        self.session_view = SessionView(self.render_cache, self.preferences)
        self.session_view.base_dir_for = self.browser.base_dir
        self.session_view.save_answer = self._save_answer
        self.summary_view = SummaryView(self.render_cache)
        self.summary_view.base_dir_for = self.browser.base_dir
        self.review_view = ReviewView()
        self._stats: Stats | None = None
        self.pages = QStackedWidget()
        for page in (self.home, self.session_view, self.summary_view, self.review_view):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.setAcceptDrops(True)

        # The browser's parts, for callers that want them directly.
        self.topic_list = self.browser.topic_list
        self.question_list = self.browser.question_list
        self.preview = self.browser.preview
        self.splitter = self.home.splitter
        self.browse_splitter = self.browser.questions_splitter

        self.undo_stack = QUndoStack(self)
        self._banks = Banks(
            catalog=lambda: self.catalog,
            user_dir=self.user_banks_dir,
            reload=self.reload_catalog,
            failed=self._bank_change_failed,
        )
        self.editor: QuestionEditor | None = None
        self._signals.index_ready.connect(self._index_ready)
        self._signals.save_state.connect(self.session_view.show_save_state)
        self._index_generation = 0
        self.search_index: SearchIndex | None = None
        self.watcher = QFileSystemWatcher(self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_if_changed)
        self._bank_stamps: dict[str, str] = {}  # what the catalogue was read from
        self.watcher.directoryChanged.connect(self._reload_timer.start)
        self.watcher.fileChanged.connect(self._reload_timer.start)

        self.display = DisplayControls(self, self.preferences)
        self.display.theme_changed.connect(self._theme_changed)
        self._build_menus()
        self._build_status_bar(notices or [])
        self.home.start_button.clicked.connect(self.open_session_setup)
        self.home.resume_button.clicked.connect(self.resume_unfinished)
        self.home.discard_button.clicked.connect(self.discard_unfinished)
        self.session_view.ended.connect(self._session_ended)
        self.summary_view.practise_again.connect(self.practise_again)
        self.summary_view.go_home.connect(self.show_home)
        self.home.review_button.clicked.connect(self.show_review)
        self.home.weakest_button.clicked.connect(lambda: self.practise_weakest(""))
        self.review_view.practise_weakest.connect(self.practise_weakest)
        self.review_view.open_history.connect(self.open_history)
        self.review_view.go_home.connect(self.show_home)
        self._build_bank_actions()
        self.display.apply_all()
        self._theme_changed(self.display.dark)
        self._watch_banks()
        self._rebuild_index()
        self._restore_layout()
        figures = figures or HomeFigures.read(database, self.clock)
        self._show_figures(figures)
        self._check_unfinished(figures.unfinished)

    # -- menus and status bar ------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.start_action = QAction("&Start mock interview…", self)
        self.start_action.setObjectName("startSessionAction")
        self.start_action.setShortcut(QKeySequence("Ctrl+N"))
        self.start_action.triggered.connect(self.open_session_setup)
        file_menu.addAction(self.start_action)
        import_action = QAction("&Import questions…", self)
        import_action.setObjectName("importAction")
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.triggered.connect(self.choose_import)
        file_menu.addAction(import_action)
        export_action = QAction("E&xport bank…", self)
        export_action.setObjectName("exportBankAction")
        export_action.triggered.connect(self.export_bank)
        file_menu.addAction(export_action)
        restore_action = QAction("Restore &backup…", self)
        restore_action.setObjectName("restoreBackupAction")
        restore_action.triggered.connect(self.open_restore_backup)
        file_menu.addAction(restore_action)
        self.review_action = QAction("&Review progress", self)
        self.review_action.setObjectName("reviewAction")
        self.review_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.review_action.triggered.connect(self.show_review)
        file_menu.addAction(self.review_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setObjectName("undoAction")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.setObjectName("redoAction")
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.edit_menu = edit_menu
        self.menuBar().addMenu(self.display.menu)
        help_menu = self.menuBar().addMenu("&Help")
        shortcuts = QAction("&Keyboard shortcuts", self)
        shortcuts.triggered.connect(self.session_view.show_shortcuts)
        help_menu.addAction(shortcuts)
        about = QAction("&About Interview Prep", self)
        about.setObjectName("aboutAction")
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self, notices: list[str]) -> None:
        self.summary_label = QLabel()
        self.summary_label.setObjectName("bankSummary")
        self.statusBar().addWidget(self.summary_label)
        self.problems_button = QPushButton()
        self.problems_button.setObjectName("problemsButton")
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.show_problems)
        self.problems_button.setToolTip("Show what could not be loaded, with file and line")
        self.statusBar().addPermanentWidget(self.problems_button)
        self._update_status()
        if notices:  # e.g. a damaged database moved aside: stays until the user moves on
            self.statusBar().showMessage(" · ".join(notices))

    def _update_status(self) -> None:
        banks = len(self.catalog.banks)
        unanswered = sum(1 for q in self.catalog.questions() if not q.has_answer)
        self.summary_label.setText(
            f"{len(self.catalog)} questions in {banks} bank{'s' if banks != 1 else ''}"
            f" · {unanswered} without a reference answer"
        )
        count = len(self.catalog.problems)
        self.problems_button.setText(f"{count} problem{'s' if count != 1 else ''} in bank files")
        self.problems_button.setVisible(bool(count))

    def _build_bank_actions(self) -> None:
        """Add / edit / delete / revert / find: in the Edit menu and active on the home view."""
        browser = self.browser
        specs = [
            ("addQuestionAction", "&Add question…", ["Ctrl+Shift+N"], self.add_question),
            ("editQuestionAction", "&Edit question…", ["F2"], self.edit_question),
            ("deleteQuestionAction", "&Delete question", ["Del"], self.delete_question),
            ("revertOverrideAction", "Re&vert my changes", [], self.revert_question),
            ("findAction", "&Find…", ["Ctrl+F"], self._focus_search),
        ]
        self.bank_actions: dict[str, QAction] = {}
        self.edit_menu.addSeparator()
        for name, label, keys, handler in specs:
            action = QAction(label, self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.home.addAction(action)
            self.edit_menu.addAction(action)
            self.bank_actions[name] = action
        browser.add_button.clicked.connect(self.add_question)
        browser.edit_button.clicked.connect(self.edit_question)
        browser.delete_button.clicked.connect(self.delete_question)
        browser.revert_button.clicked.connect(self.revert_question)
        browser.question_list.itemActivated.connect(lambda *_: self.edit_question())
        browser.selection_changed.connect(self._update_bank_actions)
        browser.rating_filter.currentIndexChanged.connect(self._annotate_browser)
        browser.due_filter.toggled.connect(self._annotate_browser)
        self._update_bank_actions()

    def _update_bank_actions(self) -> None:
        question = self.browser.current_question()
        editable = question is not None
        deletable = revertable = False
        if question is not None:
            try:
                bundled = home_of(self.catalog, question.id, self.data_dir / "banks").bundled
            except EditError:
                bundled, editable = True, False
            deletable = not bundled
            revertable = question.id in self.catalog.overridden
        for name, enabled in (
            ("editQuestionAction", editable),
            ("deleteQuestionAction", deletable),
            ("revertOverrideAction", revertable),
        ):
            self.bank_actions[name].setEnabled(enabled)
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

    def _annotate_browser(self) -> None:
        stats = self.stats()
        last = {qid: q.last_rating for qid, q in stats.questions.items() if q.figures.attempts}
        due = {qid: q.due for qid, q in stats.questions.items() if q.due is not None}
        self.browser.set_annotations(last, due, self.clock.now())

    # -- editing the banks ----------------------------------------------------------------------
    @property
    def user_banks_dir(self) -> Path:
        return self.data_dir / "banks"

    def _bank_change_failed(
        self, text: str, error: EditError, direction: str, anyway: Callable[[], None]
    ) -> None:
        """An undo or redo could not be made (the file changed, or the write failed): say so,
        and let the user keep the version on disk or put theirs back."""
        dialog = QMessageBox(self)
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
        self.statusBar().showMessage(f"Could not {direction}: {error}", 15000)
        dialog.open()

    def _anyway(self, text: str, anyway: Callable[[], None]) -> None:
        try:
            anyway()
        except EditError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return
        self.statusBar().showMessage(f"Put back: {text}", 8000)

    def _push(self, command: BankCommand) -> bool:
        try:
            command.run_first()
        except EditError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        self.undo_stack.push(command)
        self.statusBar().showMessage(f"{command.text()} · Ctrl+Z undoes it", 8000)
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
            dark=self.display.dark,
            parent=self,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.save_handler = lambda edited, force: self._save_from_editor(
            question, edited, is_new=is_new, force=force
        )
        editor.destroyed.connect(lambda: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _save_from_editor(
        self, before: Question, after: Question, *, is_new: bool, force: bool
    ) -> bool:
        if is_new:
            after = replace_id(after, new_question_id(self.catalog, after.question))
            return self._push(AddCommand(after, self._banks))
        if same_question(before, after) and not force:
            self.statusBar().showMessage("Nothing changed: nothing was saved", 5000)
            return True  # no write, no "changed by you", nothing to undo
        try:
            command = EditCommand(before, after, self._banks)
            command.run_first(force=force)
        except ConflictError as exc:
            if self.editor is not None:
                self.editor.on_disk_changed(exc.on_disk)
            return False
        except EditError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return False
        self.undo_stack.push(command)
        self.statusBar().showMessage(f"{command.text()} · Ctrl+Z undoes it", 8000)
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
        if question is None or self.pages.currentWidget() is not self.home:
            return None
        return self._open_editor(question, is_new=False)

    def add_question(self) -> QuestionEditor | None:
        if self.pages.currentWidget() is not self.home:
            return None
        current = self.browser.current_question()
        topic = current.topic if current is not None else "My questions"
        draft = Question(id="", topic=topic, question="", bank_id="my-questions")
        return self._open_editor(draft, is_new=True)

    def delete_question(self) -> None:
        question = self._selected_question()
        if question is None or self.pages.currentWidget() is not self.home:
            return
        self._push(DeleteCommand(question, self._banks))

    def revert_question(self) -> None:
        question = self._selected_question()
        if question is None or question.id not in self.catalog.overridden:
            return
        self._push(RevertCommand(question, self._banks))

    # -- import and export -----------------------------------------------------------------
    def choose_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Import questions",
            str(Path.home()),
            "Question documents (*.md *.markdown *.txt *.yaml *.yml)",
        )
        for name in names:
            self.open_import(Path(name))

    def open_import(self, path: Path) -> ImportDialog:
        dialog = ImportDialog(path, self.user_banks_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _target: self.reload_catalog())
        dialog.open()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.open_import(path)

    @staticmethod
    def _dropped_files(mime: QMimeData) -> list[Path]:
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in IMPORTABLE_SUFFIXES]

    def export_bank(self) -> Path | None:
        """Write the bank of the selected question (or the first) as YAML or Markdown."""
        question = self.browser.current_question()
        bank = next(
            (
                b
                for b in self.catalog.banks
                if question and any(q.id == question.id for q in b.questions)
            ),
            self.catalog.banks[0] if self.catalog.banks else None,
        )
        if bank is None:
            return None
        name, chosen = QFileDialog.getSaveFileName(
            self,
            f"Export “{bank.title}”",
            str(Path.home() / f"{bank.id}.md"),
            "Markdown (*.md);;YAML bank (*.yaml)",
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".md", ".yaml", ".yml"):
            path = path.with_suffix(".yaml" if "YAML" in chosen else ".md")
        if path.suffix.lower() == ".md":
            from ..bank.export_markdown import write_markdown_file

            write_markdown_file(bank, path)
        else:
            from ..bank.yaml_write import write_bank_file

            write_bank_file(bank, path)
        self.statusBar().showMessage(f"Exported {len(bank.questions)} questions to {path}", 8000)
        return path

    # -- backups -------------------------------------------------------------------------------
    def open_restore_backup(self) -> RestoreBackupDialog | None:
        """File → Restore backup: pick a backup; it is restored once the dialog is accepted."""
        if self.engine is not None and not self.engine.is_over:
            QMessageBox.information(
                self, "Restore backup", "End the mock interview before restoring a backup."
            )
            return None
        dialog = RestoreBackupDialog(DataPaths(self.data_dir).backups, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._restore_chosen(dialog.chosen_backup()))
        dialog.open()
        return dialog

    def _restore_chosen(self, backup: Path | None) -> None:
        if backup is not None:
            self.restore_from_backup(backup)

    def restore_from_backup(self, backup: Path) -> str:
        """Close the database, put ``backup`` in its place, reopen; the message shown."""
        try:
            message = restore_and_reopen(
                self.database.path, backup, self._close_database, self._reopen_database
            )
        except StoreError as exc:
            QMessageBox.warning(self, "Backup not restored", str(exc))
            return str(exc)
        self._stats = None
        self.unfinished = None
        self.show_home()
        self._check_unfinished(find_unfinished(self.database))
        self.statusBar().showMessage(message)
        return message

    def _close_database(self) -> None:
        self.recorder.stop()
        self.writer.close()
        self.database.close()

    def _reopen_database(self) -> Database:
        database = open_database(self.database.path, backups_dir=DataPaths(self.data_dir).backups)
        self.database = database
        self.writer, self.recorder = self._start_writing(database)
        return database

    def _start_writing(self, database: Database) -> tuple[BackgroundWriter, WritingRecorder]:
        """The writer thread and the session recorder on it: a refused write is held in
        memory and in the journal beside the database, and the session screen told."""
        writer = BackgroundWriter()
        recorder = WritingRecorder(
            StoreRecorder(database),
            writer,
            journal=Journal(journal_path(database.path)),
            on_state=self._signals.save_state.emit,
        )
        return writer, recorder

    # -- a second start of the app ----------------------------------------------------------
    def listen_for_raise_requests(self, request: Path) -> None:
        """Come to the front when another start of the app asks (``instance_lock``)."""
        self._raise_request = request
        self._raise_watcher = QFileSystemWatcher([str(request.parent)], self)
        self._raise_watcher.directoryChanged.connect(self._check_raise_request)

    def _check_raise_request(self) -> None:
        request = self._raise_request
        if not request.exists():
            return
        request.unlink(missing_ok=True)
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage(
            "Interview Prep was already open: here it is (one window per data folder).", 10000
        )

    # -- keeping up with the bank files -----------------------------------------------------
    def _watch_banks(self) -> None:
        folders = [bundled_bank_dir(), self.user_banks_dir]
        files = [b.path for b in self.catalog.banks if b.path is not None]
        watched = set(self.watcher.directories()) | set(self.watcher.files())
        wanted = {str(p) for p in (*folders, *files) if p.exists()}
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def _reload_if_changed(self) -> None:
        """The watcher saw a change: on a worker thread, reload, unless the files are exactly
        what the catalogue was read from (the app's own write, already reloaded by the
        command that made it)."""
        folders, known, root = self._stamped_folders(), self._bank_stamps, self.data_dir
        generation = self._catalog_generation

        def work() -> tuple[dict[str, str], Catalog | None]:
            stamps = bank_stamps(folders)
            return stamps, (load_default_catalog(root) if stamps != known else None)

        def done(result: tuple[dict[str, str], Catalog | None]) -> None:
            stamps, catalog = result
            if catalog is None or generation != self._catalog_generation:
                self._watch_banks()  # a file replaced by an atomic write: watch it again
                return
            self._bank_stamps = stamps
            self._use_catalog(catalog)

        run_in_background(work, done)

    def _stamped_folders(self) -> list[Path]:
        return [bundled_bank_dir(), self.user_banks_dir]

    def reload_catalog(self) -> None:
        """Read the bank files again after the app's own change to them, on a worker thread
        (``catalog`` reads them at once if asked before that is done)."""
        self._catalog_stale = True
        self._catalog_generation += 1
        generation = self._catalog_generation

        def done(result: tuple[dict[str, str], Catalog]) -> None:
            if generation != self._catalog_generation or not self._catalog_stale:
                return  # read again since, or already read at once
            self._catalog_stale = False
            self._bank_stamps = result[0]
            self._use_catalog(result[1])

        run_in_background(self._read_banks(), done)

    def _read_banks(self) -> Callable[[], tuple[dict[str, str], Catalog]]:
        """What reads the banks (safe on a worker thread): their stamps and the catalogue."""
        folders, root = self._stamped_folders(), self.data_dir
        return lambda: (bank_stamps(folders), load_default_catalog(root))

    def _use_catalog(self, catalog: Catalog) -> None:
        """Show a freshly read catalogue; an open editor hears if its question changed."""
        self._catalog_generation += 1
        editor = self.editor
        if editor is not None and editor.original.id:
            now = catalog.by_id().get(editor.original.id)
            before = self._catalog.by_id().get(editor.original.id)
            if now != before:
                editor.on_disk_changed(now)
        self.set_catalog(catalog)
        self._watch_banks()

    def _rebuild_index(self) -> None:
        """Build the search index off the UI thread; the newest build wins."""
        self._index_generation += 1
        generation = self._index_generation
        questions = list(self.catalog.questions())
        signals = self._signals

        def build() -> None:
            index = SearchIndex.build(questions)
            try:
                signals.index_ready.emit(index, generation)
            except RuntimeError:  # the window closed while the index was being built
                index.close()

        threading.Thread(target=build, name="search-index", daemon=True).start()

    def _index_ready(self, index: SearchIndex, generation: int) -> None:
        if generation != self._index_generation:
            index.close()
            return
        old, self.search_index = self.search_index, index
        self.browser.set_search_index(index)
        if old is not None:
            old.close()

    def wait_for_index(self, timeout: float = 5.0) -> bool:
        """For tests and scripts: process events until the search index is ready."""
        from PySide6.QtCore import QDeadlineTimer
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(int(timeout * 1000))
        while self.search_index is None or self.browser.index is not self.search_index:
            if deadline.hasExpired():
                return False
            QApplication.processEvents()
            threading.Event().wait(0.005)
        return True

    def show_problems(self) -> None:
        dialog = QMessageBox(self)
        dialog.setObjectName("problemsDialog")
        dialog.setWindowTitle("Problems in bank files")
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setText(
            "Some bank files or entries could not be loaded and were skipped. "
            "Everything else loaded normally."
        )
        dialog.setDetailedText("\n".join(str(p) for p in self.catalog.problems))
        dialog.open()

    def _about(self) -> AboutDialog:
        dialog = AboutDialog(self.data_dir, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _theme_changed(self, dark: bool) -> None:
        self.session_view.set_dark(dark)
        self.summary_view.set_dark(dark)
        self.review_view.set_dark(dark)

    # -- window state ------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.preferences.get(WINDOW_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        for setting, splitter in (
            (MAIN_SPLITTER, self.splitter),
            (BROWSE_SPLITTER, self.browse_splitter),
        ):
            state = self.preferences.get(setting)
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preferences.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.preferences.set(MAIN_SPLITTER, self.splitter.saveState())
        self.preferences.set(BROWSE_SPLITTER, self.browse_splitter.saveState())
        self.preferences.sync()
        if self.engine is not None and not self.engine.is_over:
            self.session_view.save_now()  # closing mid-session: resume it next time
        self.session_view.timer.stop()
        self.recorder.stop()
        self.writer.close()
        self.database.close()
        if self.search_index is not None:
            self.search_index.close()
        super().closeEvent(event)

    # -- home ----------------------------------------------------------------------------------
    def show_home(self) -> None:
        self.pages.setCurrentWidget(self.home)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        self.writer.flush(timeout=2.0)
        self._show_figures(HomeFigures.read(self.database, self.clock))

    def _show_figures(self, figures: HomeFigures) -> None:
        self.home.show_due(figures.due)
        self.home.show_recent(figures.recent)

    @property
    def catalog(self) -> Catalog:
        """The catalogue as the bank files are now. After the app's own change it is being
        read on a worker thread; whoever needs it before that is done reads it at once."""
        if self._catalog_stale:
            self._catalog_stale = False
            self._bank_stamps, catalog = self._read_banks()()
            self._use_catalog(catalog)
        return self._catalog

    def set_catalog(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._stats = None
        self.browser.set_catalog(catalog)
        self._update_status()
        self._update_bank_actions()
        self._rebuild_index()

    # -- sessions ------------------------------------------------------------------------------
    def open_session_setup(self) -> SessionSetupDialog | None:
        if self.engine is not None and not self.engine.is_over:
            return None
        settings = SessionSettings.from_json(self.preferences.get(SESSION_SETUP))
        topics = [topic for topic, _count in self.catalog.topics()]
        dialog = SessionSetupDialog(list(self.catalog.questions()), topics, settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._begin_from_setup(dialog.settings()))
        dialog.open()
        return dialog

    def _begin_from_setup(self, settings: SessionSettings) -> None:
        self.preferences.set(SESSION_SETUP, settings.to_json())
        self.writer.flush(timeout=2.0)
        counts = attempt_counts_by_question(self.database)
        plan = plan_session(self.catalog.questions(), settings, attempt_counts=counts, rng=self.rng)
        if plan.questions:
            self.begin_session(plan)

    def begin_session(self, plan: SessionPlan) -> None:
        engine = SessionEngine(plan, clock=self.clock, recorder=self.recorder)
        try:
            engine.start()
        except Exception as error:
            if not is_refusal(error):
                raise
            self._cannot_begin(failure_reason(error))
            return
        self.engine = engine
        self.home.offer_resume(None)
        self.pages.setCurrentWidget(self.session_view)
        self.session_view.begin(self.engine)

    def _cannot_begin(self, reason: str) -> None:
        dialog = QMessageBox(self)
        dialog.setObjectName("cannotBeginDialog")
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setWindowTitle("Session not started")
        dialog.setTextFormat(Qt.TextFormat.PlainText)
        dialog.setText(
            f"The session could not be started: {reason} ({self.database.path}). "
            "Nothing was changed. Free some space, or close the program that holds the "
            "file, or make it writable, then start again."
        )
        dialog.open()

    def practise_again(self, questions: list[Question]) -> None:
        if self.engine is None:
            return
        fresh = [self.catalog.by_id().get(q.id, q) for q in questions]
        self.begin_session(plan_from_questions(fresh, self.engine.plan.settings))

    def _session_ended(self) -> None:
        engine = self.engine
        if engine is None:
            return
        self._stats = None
        summary = summarize(engine.runs, mode=engine.mode, started_at=engine.started_at)
        self.summary_view.show_summary(summary)
        self.pages.setCurrentWidget(self.summary_view)
        self.refresh_recent()

    # -- review ---------------------------------------------------------------------------------
    def stats(self) -> Stats:
        """The figures of every question, computed once until the history changes."""
        if self._stats is None:
            self.writer.flush(timeout=2.0)
            self._stats = load_stats(self.database, self.catalog.questions(), self.clock.now())
        return self._stats

    def show_review(self) -> None:
        if self.engine is not None and not self.engine.is_over:
            return
        self.review_view.show_stats(self.stats(), practice_days(self.database), self.clock.now())
        self.pages.setCurrentWidget(self.review_view)

    def practise_weakest(self, topic: str) -> None:
        """A session of the weakest questions (due first), with the remembered set-up."""
        if self.engine is not None and not self.engine.is_over:
            return
        remembered = SessionSettings.from_json(self.preferences.get(SESSION_SETUP))
        settings = dataclasses.replace(
            remembered, topics=(topic,) if topic else (), order=Order.DUE_THEN_WEAKEST
        )
        ranking = [
            q.id for q in self.stats().weakest_questions(self.clock.now(), topic=topic or None)
        ]
        plan = plan_session(self.catalog.questions(), settings, weakest_first=ranking, rng=self.rng)
        if plan.questions:
            self.begin_session(plan)

    def open_history(self, question_id: str) -> QuestionHistoryDialog | None:
        question = self.catalog.by_id().get(question_id)
        if question is None:
            return None
        self.writer.flush(timeout=2.0)
        dialog = QuestionHistoryDialog(
            question,
            attempts_for_question(self.database, question_id),
            self.stats().questions.get(question_id),
            self.render_cache,
            dark=self.display.dark,
            base_dir=self.browser.base_dir(question_id),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- resume after a crash ------------------------------------------------------------------
    def _check_unfinished(self, unfinished: UnfinishedSession | None) -> None:
        self.unfinished = None
        if unfinished is None:
            self.home.offer_resume(None)
            return
        plan = self._plan_of(unfinished)
        done = len(unfinished.attempts)
        if done >= len(plan.questions):  # every question was finished: only the end was lost
            abandon_session(self.database, unfinished.session_id, self.clock.now())
            return
        self.unfinished = unfinished
        when = unfinished.started_at.astimezone().strftime("%a %d %b at %H:%M")
        self.home.offer_resume(
            f"<b>You have an unfinished mock interview</b> from {when}: question "
            f"{done + 1} of {len(plan.questions)}, with your notes. Resume where you left off?"
        )

    def _plan_of(self, unfinished: UnfinishedSession) -> SessionPlan:
        settings = SessionSettings.from_json(unfinished.plan.get("settings", {}))
        by_id = self.catalog.by_id()
        planned: list[PlannedQuestion] = []
        for position, entry in enumerate(unfinished.plan.get("questions", [])):
            question = by_id.get(str(entry.get("id")))
            if question is None and position < len(unfinished.attempts):
                attempt = unfinished.attempts[position]
                question = Question(
                    id=attempt.question_id,
                    topic=attempt.topic,
                    question=attempt.question_text,
                    bank_id=attempt.bank_id,
                )
            if question is not None:
                planned.append(PlannedQuestion(question, int(entry.get("time_limit", 180))))
        return SessionPlan(settings, tuple(planned))

    def resume_unfinished(self) -> None:
        unfinished = self.unfinished
        if unfinished is None:
            return
        plan = self._plan_of(unfinished)
        self.engine = SessionEngine.restore(
            plan,
            clock=self.clock,
            recorder=self.recorder,
            session_id=unfinished.session_id,
            started_at=unfinished.started_at,
            finished=[attempt_record(i, a) for i, a in enumerate(unfinished.attempts)],
            draft=unfinished.draft,
        )
        self.unfinished = None
        self.home.offer_resume(None)
        self.pages.setCurrentWidget(self.session_view)
        self.session_view.begin(self.engine)

    def discard_unfinished(self) -> None:
        if self.unfinished is not None:
            abandon_session(self.database, self.unfinished.session_id, self.clock.now())
        self.unfinished = None
        self.home.offer_resume(None)
        self.refresh_recent()

    # -- bank edits ----------------------------------------------------------------------------
    def _save_answer(self, question: Question, notes: str) -> str:
        """ "Keep notes as the answer": an edit like any other, so Ctrl+Z undoes it."""
        before = self.catalog.by_id().get(question.id, question)
        after = dataclasses.replace(before, answer=notes.strip() or None)
        if same_question(before, after):
            return "It already has this answer"
        command = EditCommand(before, after, self._banks)
        try:
            command.run_first()
        except (EditError, OSError) as exc:
            return f"Not saved: {exc}"
        self.undo_stack.push(command)
        home = home_of(self.catalog, question.id, self.user_banks_dir)
        return f"Saved as its answer in {home.path.name} · Ctrl+Z undoes it"
