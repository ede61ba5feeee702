"""The main window: home (bank browser, last sessions, Start), a session, its summary, the
review screen; the menus and the status bar.

The window builds the screens and hands each controller what it needs: the catalogue
(``CatalogWatcher``), bank changes (``BankController``), sessions (``SessionController``) and
progress (``ReviewController``). It owns the open database and its writer thread, the one
thread that touches SQLite (``TaskRunner``); changes are announced through ``Changes`` and
each screen refreshes itself. Object names used by tests are listed in ``docs/testing.md``.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QPaintEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget

from ..bank.model import Catalog
from ..bank.search import SearchIndex
from ..paths import DataPaths
from ..practice.clock import Clock, SystemClock
from ..practice.plan import SessionPlan
from ..render import RenderCache
from .bank_browser import BankBrowser
from .bank_controller import BankController
from .bank_files import BankFiles
from .catalog_watcher import CatalogWatcher
from .changes import Change, Changes, Stale
from .database_link import DatabaseLink, Opener
from .display_menu import DisplayControls
from .figures import Figures, HomeFigures
from .home_view import HomeView
from .preferences import Preferences
from .review_controller import ReviewController
from .session_controller import Context, SessionController
from .session_setup import SessionSetupDialog
from .start_up import StartUp
from .window_chrome import RaiseRequests, StatusBar, build_menus, restore_layout, save_layout

if TYPE_CHECKING:
    from ..practice.engine import SessionEngine
    from ..practice.summary import SessionSummary
    from ..store.database import Database
    from .backup_restore import BackupRestore
    from .review_view import ReviewView
    from .session_view import SessionView
    from .summary_view import SummaryView


class MainWindow(QMainWindow):
    #: The database is open (and the home view's figures read): ``Database``.
    database_opened = Signal(object)
    #: Opening the database failed: the exception (the app says so and quits).
    database_failed = Signal(object)
    #: Emitted once, on the event loop's next turn after the window was first painted.
    painted = Signal()
    #: Emitted once, when the work after the first paint is done (``start_up``).
    started_up = Signal()
    session_view: SessionView  # built by ``build_later_screens``
    summary_view: SummaryView
    review_view: ReviewView
    # Set by ``window_chrome.build_menus``.
    start_action: QAction
    review_action: QAction
    edit_menu: QMenu
    bank_actions: dict[str, QAction]

    def __init__(
        self,
        catalog: Catalog | None,
        data_dir: Path,
        database: Database | Opener,
        notices: list[str] | None = None,
        figures: HomeFigures | None = None,
        *,
        session_screens_later: bool = False,
    ) -> None:
        """``catalog``: the banks as read, or ``None`` to read them once the window is painted
        (meanwhile it says it is loading them, and nothing that needs them can start).
        ``figures``: the home view's numbers when already read (at start-up).
        ``database``: the open database, or a function that opens it on the database
        thread once the window is painted and its banks read (see ``start_up``).
        ``session_screens_later``: the session, summary and review screens are built by
        ``build_later_screens`` (at start-up, after the window's first paint, so that the
        window shows sooner), or when first needed; otherwise at once."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Interview Prep")
        self.resize(1100, 720)
        self.data_dir = data_dir
        #: The data folder's recordings (spoken answers): recorded, played and deleted there.
        self.recordings = DataPaths(data_dir).recordings
        self._clock: Clock = SystemClock()
        self.changes = Changes(self)
        self.link = DatabaseLink(
            database, DataPaths(data_dir).database, lambda: self.clock, self._database_failed, self
        )
        self.slot, self.tasks = self.link.slot, self.link.tasks
        self.preferences = Preferences(data_dir)
        self.render_cache = RenderCache()
        self._backups: BackupRestore | None = None
        self.watcher = CatalogWatcher(catalog, data_dir, self.changes, self)
        self.figures = Figures(
            self.tasks, self.slot, lambda: self.catalog, self.clock, self.changes
        )
        self._build_screens(self.watcher.catalog)
        self._build_controllers()
        self._session_screens_built = self._review_screen_built = False
        if not session_screens_later:
            self.build_later_screens()
        from .recordings_menu import RecordingsMenu

        self.recordings_menu = RecordingsMenu(
            self, self.recordings, self.preferences, self.tasks, self.slot,
            self.changes, in_session=lambda: self.sessions.running,
        )  # fmt: skip
        build_menus(self)
        self.status = StatusBar(self, notices or [])
        self.summary_label = self.status.summary_label
        self.problems_button = self.status.problems_button
        self._connect()
        self.display.apply_all()
        self._theme_changed(self.display.dark)
        restore_layout(self)
        self._was_painted = False
        self.start_up = StartUp(self)
        self._connect_start_up()
        if figures is not None:
            self._show_home_figures(figures)
        elif not callable(database):  # else they come with the database (``link.opened``)
            self.figures.home(self._show_home_figures)

    # -- building ------------------------------------------------------------------------------
    def _build_screens(self, catalog: Catalog) -> None:
        self.browser = BankBrowser(catalog, self.render_cache, loading=not self.watcher.loaded)
        self.home = HomeView(self.browser)
        self.bank = BankController(
            self, self.watcher, self.browser, self.render_cache, self.changes,
            dark=lambda: self.display.dark,
            on_home=lambda: self.pages.currentWidget() is self.home,
        )  # fmt: skip
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)
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
        context = Context(lambda: self.catalog, self.slot, lambda: self.link.recorder)
        self.sessions = SessionController(
            self, context, self.tasks, self.figures, self.changes, self.preferences, self.clock
        )
        self.review = ReviewController(
            self, self.browser, context, self.tasks, self.figures, self.changes,
            self.render_cache, dark=dark, recordings=self.recordings,
        )  # fmt: skip
        self.files = BankFiles(self, self.watcher, self.browser, self.changes)
        self.undo_stack = self.bank.undo_stack

    @property
    def later_screens_built(self) -> bool:
        return self._session_screens_built and self._review_screen_built

    def build_later_screens(self) -> None:
        """The screens the first paint does without: session, summary and review (once)."""
        self.build_session_screens()
        self.build_review_screen()

    def build_session_screens(self) -> None:
        """The session screen and the session's summary (once)."""
        if self._session_screens_built:
            return
        from .session_view import SessionView
        from .summary_view import SummaryView

        self._session_screens_built = True
        base_dir = self.browser.base_dir  # a question's images load from its bank's folder
        from ..feedback.rarity import ready

        self.session_view = SessionView(
            self.render_cache, self.preferences, base_dir_for=base_dir,
            save_answer=self.bank.save_answer, rarity=lambda: ready(self.catalog),
        )  # fmt: skip
        self.session_view.spoken.folder = self.recordings
        self.summary_view = SummaryView(self.render_cache, base_dir_for=base_dir)
        self.summary_view.recordings = self.recordings
        self.pages.addWidget(self.session_view)
        self.pages.addWidget(self.summary_view)
        self.link.save_state.connect(self.session_view.show_save_state)
        self.session_view.ended.connect(self.sessions.session_ended)
        self.summary_view.practise_again.connect(self.sessions.practise_again)
        self.summary_view.go_home.connect(self.show_home)
        self.summary_view.delete_session.connect(
            lambda: self.sessions.delete_ended_session(self.recordings, self.show_home)
        )
        self.session_view.set_dark(self.display.dark)
        self.summary_view.set_dark(self.display.dark)

    def build_review_screen(self) -> None:
        """The review screen (once)."""
        if self._review_screen_built:
            return
        from .review_view import ReviewView

        self._review_screen_built = True
        self.review_view = ReviewView()
        self.pages.addWidget(self.review_view)
        self.review.show_in(self.review_view)
        self.review_view.practise_weakest.connect(self.sessions.practise_weakest)
        self.review_view.go_home.connect(self.show_home)
        self.review_view.set_dark(self.display.dark)

    @property
    def backups(self) -> BackupRestore:
        """File → Restore backup (made when first used)."""
        from .backup_restore import BackupRestore

        if self._backups is None:
            self._backups = BackupRestore(self)
        return self._backups

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

    def _connect_start_up(self) -> None:
        start_up = self.start_up
        self.painted.connect(start_up.painted)
        self.watcher.index_ready.connect(lambda _: start_up.next())
        self.link.opened.connect(self._database_opened)
        self.link.failed.connect(self.database_failed.emit)
        start_up.started_up.connect(self.started_up.emit)

    # -- the database ----------------------------------------------------------------------------
    @property
    def database(self) -> Database:
        """The open database (``store.slot.NotOpenError`` before it is open): for the
        database thread, and for tests once ``database_opened`` was emitted."""
        return self.slot.get()

    def _database_opened(self, opened: tuple[Database, HomeFigures]) -> None:
        database, figures = opened
        self.status.show_notices(database.notices)
        self._show_home_figures(figures)
        self.database_opened.emit(database)
        self.recordings_menu.apply_retention()
        self.start_up.next()

    def _database_failed(self, error: BaseException) -> None:
        """A read or write on the database thread failed: the user hears it, with why."""
        from ..error_text import describe_error

        self.statusBar().showMessage(
            f"Could not read or save your history: {describe_error(error)}"
        )

    def use_database(self, database: Database) -> None:
        """Work with ``database`` from now on (a restored backup was opened)."""
        self.link.use(database)

    # -- what changed --------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        return self.watcher.catalog

    def _changed(self, change: Change) -> None:
        if change & Change.CATALOG:
            self.browser.set_catalog(self.catalog)
            self.status.update(self.catalog)
            self.start_up.banks_shown()

    # -- pages -----------------------------------------------------------------------------------
    def show_home(self) -> None:
        self.review_action.setEnabled(not self.sessions.running)
        self.pages.setCurrentWidget(self.home)

    def refresh_recent(self) -> None:
        self.figures.home(self._show_home_figures)

    def _show_home_figures(self, figures: HomeFigures) -> None:
        self.home.show_due(figures.due)
        self.home.show_recent(figures.recent)
        # (At start-up the banks are read before the database opens: its questions are
        # looked up in them.)
        if not self.sessions.running and self.sessions.unfinished is None:
            self.sessions.check_unfinished(figures.unfinished)

    def open_session_setup(self) -> SessionSetupDialog | None:
        if self.sessions.running:
            return None
        settings = self.sessions.remembered_settings()
        now, slot = self.clock.now(), self.slot
        dialog = SessionSetupDialog(self.catalog.banks, settings, self)

        def due() -> set[str]:
            from ..store.history import due_dates

            return {qid for qid, when in due_dates(slot.get()).items() if when <= now}

        self.tasks.database(due, dialog.set_due)  # "due now" counts once they are read
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
        self.review_action.setEnabled(False)  # its keys record in a session (Ctrl+Shift+R)
        engine = self.sessions.engine
        assert engine is not None
        self.session_view.begin(engine)

    def _show_summary(self, summary: SessionSummary) -> None:
        self.build_session_screens()
        self.review_action.setEnabled(True)
        self.summary_view.show_summary(summary)
        self.pages.setCurrentWidget(self.summary_view)

    def show_review(self) -> None:
        """The review screen; it reads the figures again only if they changed since."""
        if not self.sessions.running:
            self.build_review_screen()
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
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._was_painted:
            self._was_painted = True
            QTimer.singleShot(0, self, self.painted.emit)

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
        if self._review_screen_built:
            self.review_view.set_dark(dark)

    def closeEvent(self, event: QCloseEvent) -> None:
        save_layout(self)
        if self._session_screens_built:
            if self.sessions.running and self.engine is not None:
                self.session_view.spoken.finish(self.engine)  # the recording closed whole
                self.session_view.save_now()  # closing mid-session: resume it next time
            self.session_view.timer.stop()
        self.link.close()
        self.watcher.close()
        super().closeEvent(event)
