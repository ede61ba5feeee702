"""The main window: home (bank browser, last sessions, Start), a session, its summary, the
review screen; the menus and the status bar.

The window builds the screens and hands each controller what it needs: the catalogue
(``CatalogWatcher``), bank changes (``BankController``), sessions (``SessionController``) and
progress (``ReviewController``). It owns the open database and its writer thread, the one
thread that touches SQLite (``TaskRunner``); changes are announced through ``Changes`` and
each screen refreshes itself. Object names used by tests are listed in ``docs/testing.md``.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget

from ..bank.model import Catalog
from ..bank.search import SearchIndex
from ..practice.clock import Clock, SystemClock
from ..practice.engine import SessionEngine
from ..practice.plan import SessionPlan
from ..practice.summary import SessionSummary
from ..render import RenderCache
from ..store import Database
from ..store.journal import Journal, journal_path
from ..store.session_log import StoreRecorder
from ..store.writer import BackgroundWriter, WritingRecorder
from .backup_restore import BackupRestore
from .bank_browser import BankBrowser
from .bank_controller import BankController
from .bank_files import BankFiles
from .catalog_watcher import CatalogWatcher
from .changes import Change, Changes, Stale
from .display_menu import DisplayControls
from .figures import Figures, HomeFigures
from .home_view import HomeView
from .preferences import BROWSE_SPLITTER, MAIN_SPLITTER, WINDOW_GEOMETRY, Preferences
from .review_controller import ReviewController
from .review_view import ReviewView
from .session_controller import Context, SessionController
from .session_setup import SessionSetupDialog
from .session_view import SessionView
from .summary_view import SummaryView
from .tasks import TaskRunner
from .window_chrome import RaiseRequests, StatusBar, build_menus

#: Set (to anything) in tests and debug runs: the UI thread may not open database sessions.
GUARD_ENV = "INTERVIEW_PREP_GUARD_UI_THREAD"


class _Signals(QObject):
    save_state = Signal(object)  # SaveState, from the writer thread


class MainWindow(QMainWindow):
    session_view: SessionView  # built by ``build_session_screens``
    summary_view: SummaryView
    # Set by ``window_chrome.build_menus``.
    start_action: QAction
    review_action: QAction
    edit_menu: QMenu
    bank_actions: dict[str, QAction]

    def __init__(
        self,
        catalog: Catalog,
        data_dir: Path,
        database: Database,
        notices: list[str] | None = None,
        figures: HomeFigures | None = None,
        *,
        session_screens_later: bool = False,
    ) -> None:
        """``figures``: the home view's numbers when already read (at start-up).
        ``session_screens_later``: the session and summary screens are built by
        ``build_session_screens`` (at start-up, on a later turn of the event loop, so that
        building the window is a shorter pause); otherwise at once."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Interview Prep")
        self.resize(1100, 720)
        self.data_dir = data_dir
        self._clock: Clock = SystemClock()
        self.changes = Changes(self)
        self._signals = _Signals()  # no parent: the writer thread may emit after close
        self.database = database
        self.writer, self.recorder = self._start_writing(database)
        self.tasks = TaskRunner(self.writer, failed=self._database_failed)
        self.preferences = Preferences(data_dir)
        self.render_cache = RenderCache()
        self.watcher = CatalogWatcher(catalog, data_dir, self.changes, self)
        self.figures = Figures(
            self.tasks, lambda: self.database, lambda: self.catalog, self.clock, self.changes
        )
        self._build_screens(catalog)
        self._build_controllers()
        self._session_screens_built = False
        if not session_screens_later:
            self.build_session_screens()
        build_menus(self)
        self.status = StatusBar(self, notices or [])
        self.summary_label = self.status.summary_label
        self.problems_button = self.status.problems_button
        self._connect()
        self.display.apply_all()
        self._theme_changed(self.display.dark)
        self._restore_layout()
        if figures is None:
            self.figures.home(self._show_home_figures)
        else:
            self._show_home_figures(figures)

    # -- building ------------------------------------------------------------------------------
    def _build_screens(self, catalog: Catalog) -> None:
        self.browser = BankBrowser(catalog, self.render_cache)
        self.home = HomeView(self.browser)
        self.bank = BankController(
            self, self.watcher, self.browser, self.render_cache, self.changes,
            dark=lambda: self.display.dark,
            on_home=lambda: self.pages.currentWidget() is self.home,
        )  # fmt: skip
        self.review_view = ReviewView()
        self.pages = QStackedWidget()
        for page in (self.home, self.review_view):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.setAcceptDrops(True)
        self.display = DisplayControls(self, self.preferences)
        # The browser's parts, for callers that want them directly.
        self.topic_list = self.browser.topic_list
        self.question_list = self.browser.question_list
        self.preview = self.browser.preview
        self.splitter = self.home.splitter
        self.browse_splitter = self.browser.questions_splitter

    def _build_controllers(self) -> None:
        dark = lambda: self.display.dark  # noqa: E731 - read when needed, it changes
        context = Context(lambda: self.catalog, lambda: self.database, lambda: self.recorder)
        self.sessions = SessionController(
            self, context, self.tasks, self.figures, self.changes, self.preferences, self.clock
        )
        self.review = ReviewController(
            self, self.review_view, self.browser, context, self.tasks, self.figures,
            self.changes, self.render_cache, dark=dark,
        )  # fmt: skip
        self.backups = BackupRestore(self)
        self.files = BankFiles(self, self.watcher, self.browser, self.changes)
        self.undo_stack = self.bank.undo_stack

    def build_session_screens(self) -> None:
        """The session screen and the session's summary (once)."""
        if self._session_screens_built:
            return
        self._session_screens_built = True
        base_dir = self.browser.base_dir  # a question's images load from its bank's folder
        self.session_view = SessionView(
            self.render_cache, self.preferences, base_dir_for=base_dir,
            save_answer=self.bank.save_answer,
        )  # fmt: skip
        self.summary_view = SummaryView(self.render_cache, base_dir_for=base_dir)
        self.pages.addWidget(self.session_view)
        self.pages.addWidget(self.summary_view)
        self._signals.save_state.connect(self.session_view.show_save_state)
        self.session_view.ended.connect(self.sessions.session_ended)
        self.summary_view.practise_again.connect(self.sessions.practise_again)
        self.summary_view.go_home.connect(self.show_home)
        self.session_view.set_dark(self.display.dark)
        self.summary_view.set_dark(self.display.dark)

    def _connect(self) -> None:
        home, sessions = self.home, self.sessions
        self.display.theme_changed.connect(self._theme_changed)
        self.changes.changed.connect(self._changed)
        self.watcher.index_ready.connect(self.browser.set_search_index)
        self.home_stale = Stale(home, Change.HISTORY, self.refresh_recent)
        self.changes.changed.connect(self.home_stale.changed)
        home.shown.connect(self.home_stale.shown)
        home.start_button.clicked.connect(self.open_session_setup)
        home.resume_button.clicked.connect(sessions.resume_unfinished)
        home.discard_button.clicked.connect(sessions.discard_unfinished)
        home.review_button.clicked.connect(self.show_review)
        home.weakest_button.clicked.connect(lambda: sessions.practise_weakest(""))
        sessions.began.connect(self._session_began)
        sessions.ended.connect(self._show_summary)
        sessions.resume_offered.connect(home.offer_resume)
        self.review_view.practise_weakest.connect(sessions.practise_weakest)
        self.review_view.open_history.connect(self.review.open_history)
        self.review_view.go_home.connect(self.show_home)

    # -- the database ----------------------------------------------------------------------------
    def _start_writing(self, database: Database) -> tuple[BackgroundWriter, WritingRecorder]:
        """The writer thread (the one that touches SQLite) and the session recorder on it: a
        refused write is held in memory and in the journal, and the session screen told."""
        if os.environ.get(GUARD_ENV):  # tests and debug runs: the UI thread never waits on it
            database.forbid_thread()
        writer = BackgroundWriter()
        recorder = WritingRecorder(
            StoreRecorder(database),
            writer,
            journal=Journal(journal_path(database.path)),
            on_state=self._signals.save_state.emit,
        )
        return writer, recorder

    def _database_failed(self, error: BaseException) -> None:
        """A read or write on the database thread failed: the user hears it, with why."""
        from ..error_text import describe_error

        self.statusBar().showMessage(
            f"Could not read or save your history: {describe_error(error)}"
        )

    def use_database(self, database: Database) -> None:
        """Work with ``database`` from now on (a restored backup was opened)."""
        self.database = database
        self.writer, self.recorder = self._start_writing(database)
        self.tasks.use(self.writer)

    # -- what changed --------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        return self.watcher.catalog

    def _changed(self, change: Change) -> None:
        if change & Change.CATALOG:
            self.browser.set_catalog(self.catalog)
            self.status.update(self.catalog)

    # -- pages -----------------------------------------------------------------------------------
    def show_home(self) -> None:
        self.pages.setCurrentWidget(self.home)

    def refresh_recent(self) -> None:
        self.figures.home(self._show_home_figures)

    def _show_home_figures(self, figures: HomeFigures) -> None:
        self.home.show_due(figures.due)
        self.home.show_recent(figures.recent)
        if not self.sessions.running and self.sessions.unfinished is None:
            self.sessions.check_unfinished(figures.unfinished)

    def open_session_setup(self) -> SessionSetupDialog | None:
        if self.sessions.running:
            return None
        topics = [topic for topic, _count in self.catalog.topics()]
        settings = self.sessions.remembered_settings()
        dialog = SessionSetupDialog(list(self.catalog.questions()), topics, settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.sessions.begin_from_setup(dialog.settings()))
        dialog.open()
        return dialog

    def begin_session(self, plan: SessionPlan) -> None:
        """Start a mock interview of ``plan`` (once it is stored, the session screen shows)."""
        self.sessions.begin(plan)

    def _session_began(self) -> None:
        self.build_session_screens()
        self.activateWindow()  # the set-up dialog has closed: the notes take the keys
        self.pages.setCurrentWidget(self.session_view)
        engine = self.sessions.engine
        assert engine is not None
        self.session_view.begin(engine)

    def _show_summary(self, summary: SessionSummary) -> None:
        self.build_session_screens()
        self.summary_view.show_summary(summary)
        self.pages.setCurrentWidget(self.summary_view)

    def show_review(self) -> None:
        """The review screen; it reads the figures again only if they changed since."""
        if not self.sessions.running:
            self.pages.setCurrentWidget(self.review_view)

    @property
    def engine(self) -> SessionEngine | None:
        return self.sessions.engine

    @property
    def search_index(self) -> SearchIndex | None:
        return self.watcher.search_index

    def wait_for_index(self, timeout: float = 5.0) -> bool:
        """For tests and scripts: process events until the search index is in use."""

        def in_use() -> bool:
            index = self.watcher.search_index
            return index is not None and self.browser.index is index

        return self.watcher.wait_for_index(in_use, timeout)

    @property
    def clock(self) -> Clock:
        return self._clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        """A clock for the whole window (tests use a FakeClock)."""
        self._clock = self.sessions.clock = self.figures.clock = clock

    @property
    def rng(self) -> random.Random:
        return self.sessions.rng

    @rng.setter
    def rng(self, rng: random.Random) -> None:
        self.sessions.rng = rng

    # -- the rest --------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.files.importable_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self.files.importable_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.files.open_import(path)

    def listen_for_raise_requests(self, request: Path) -> None:
        """Come to the front when another start of the app asks (``instance_lock``)."""
        self._raise_requests = RaiseRequests(self, request)

    def _theme_changed(self, dark: bool) -> None:
        if self._session_screens_built:
            self.session_view.set_dark(dark)
            self.summary_view.set_dark(dark)
        self.review_view.set_dark(dark)

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
        if self._session_screens_built:
            if self.sessions.running:
                self.session_view.save_now()  # closing mid-session: resume it next time
            self.session_view.timer.stop()
        self.recorder.stop()
        self.writer.close()
        self.database.close()
        self.watcher.close()
        super().closeEvent(event)
