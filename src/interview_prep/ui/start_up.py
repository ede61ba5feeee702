"""What the main window does after its first paint, one step at a time.

The window paints before its banks are read and before its database is open, so that it
shows about as soon as a bare window would. Then, in order:

1. the banks are read on the CPU pool (the window says "Loading your questions…" and
   offers nothing that needs them meanwhile);
2. the database is opened on its thread, and the home view's figures read
   (``DatabaseLink.allow_open``);
3. the search index is built;
4. the later screens' modules and the Markdown engines are loaded on the CPU pool, then
   the session, summary and review screens built, each in a turn of the event loop of its
   own;
5. ``started_up`` is said.

One step at a time: two threads busy in Python at once starve the UI thread of the GIL.
Each step starts ``STEP_GAP_MS`` after what the one before changed on screen, so that it is
painted without a thread competing for the GIL.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from ..render import warm_up
from .tasks import run_in_background

if TYPE_CHECKING:
    from .main_window import MainWindow

#: The modules of the screens built after the first paint, imported off the UI thread.
LATER_MODULES = (
    "interview_prep.ui.session_view",
    "interview_prep.ui.summary_view",
    "interview_prep.ui.review_view",
    "interview_prep.ui.question_history",
    "interview_prep.ui.backup_restore",
    "interview_prep.ui.about_dialog",
    "interview_prep.practice.summary",
)

#: A step starts this long after the one before it changed what is on screen.
STEP_GAP_MS = 30


def _load_later() -> None:
    """On a worker thread: what the later screens and the first answer need."""
    for name in LATER_MODULES:
        importlib.import_module(name)
    warm_up()


class StartUp(QObject):
    #: Emitted once, when every step is done.
    started_up = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.done = False
        self._painted = self._reading_banks = self._loading_later = False
        if not window.watcher.loaded:
            self._show_loading(True)

    def painted(self) -> None:
        """The window was painted: the steps begin."""
        self._painted = True
        self.next()

    def banks_shown(self) -> None:
        """The banks are on screen (``Change.CATALOG``)."""
        if not self.done:
            self._show_loading(False)
            QTimer.singleShot(STEP_GAP_MS, self, self.next)

    def next(self) -> None:
        """Start the next step that is not done (each calls this again when it is)."""
        window = self.window
        if self.done or not self._painted:
            return
        if not window.watcher.loaded:
            if not self._reading_banks:
                self._reading_banks = True
                window.watcher.load()
            return
        window.link.allow_open()
        if not window.link.slot.is_open:
            return
        if window.watcher.index_paused:
            window.watcher.build_index()
            return
        if window.watcher.search_index is None and any(True for _ in window.catalog.questions()):
            return
        if not window.later_screens_built:  # (``create_window`` builds them with the window)
            if not self._loading_later:
                self._loading_later = True
                run_in_background(_load_later, self._build_later, self._build_later, owner=self)
            return
        self.done = True
        self.started_up.emit()

    def _build_later(self, _: object = None) -> None:
        """The later screens, each in a turn of its own (were loading their modules to have
        failed, they are imported here, and say why)."""

        def review() -> None:
            self.window.build_review_screen()
            self.next()

        self.window.build_session_screens()
        QTimer.singleShot(STEP_GAP_MS, self, review)

    def _show_loading(self, loading: bool) -> None:
        """While the banks are read: say so, and offer nothing that needs them."""
        window = self.window
        actions = [window.start_action, window.bank.actions["addQuestionAction"]]
        actions += window.findChildren(QAction, "exportBankAction")
        for action in actions:
            action.setEnabled(not loading)
        for button in (window.home.start_button, window.home.weakest_button):
            button.setEnabled(not loading)
        window.browser.add_button.setEnabled(not loading)
        if loading:
            window.status.summary_label.setText("Loading your questions…")
