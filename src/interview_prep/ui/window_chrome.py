"""The main window's menus, its status bar, its remembered layout, and coming to the front
when asked.

Built once by ``MainWindow``; every action calls a controller or a window method, so this
module holds layout only: the one place where the menus' labels, shortcuts and object
names are declared.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QSplitter

from ..bank.model import Catalog
from .preferences import BROWSE_SPLITTER, MAIN_SPLITTER, WINDOW_GEOMETRY, LayoutSetting

if TYPE_CHECKING:
    from .about_dialog import AboutDialog
    from .main_window import MainWindow


def _action(
    window: MainWindow, label: str, name: str, keys: str | None, slot: Callable[[], object]
) -> QAction:
    action = QAction(label, window)
    if name:
        action.setObjectName(name)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(slot)
    return action


def build_menus(window: MainWindow) -> None:
    """File, Edit, View and Help; sets ``start_action``, ``review_action``, ``edit_menu``
    and ``bank_actions`` on the window."""
    file_menu = window.menuBar().addMenu("&File")
    window.start_action = _action(
        window, "&Start mock interview…", "startSessionAction", "Ctrl+N",
        window.open_session_setup,
    )  # fmt: skip
    window.review_action = _action(
        window, "&Review progress", "reviewAction", "Ctrl+Shift+R", window.show_review
    )
    bank, files = window.bank, window.files
    restore = _action(
        window, "Restore &backup…", "restoreBackupAction", None, lambda: window.backups.open()
    )
    for action in (
        window.start_action,
        _action(window, "&Import questions…", "importAction", "Ctrl+I", files.choose_import),
        _action(window, "E&xport bank…", "exportBankAction", None, files.export_bank),
        restore,
        window.review_action,
    ):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addMenu(window.recordings_menu)
    file_menu.addSeparator()
    quit_action = _action(window, "&Quit", "", None, window.close)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    file_menu.addAction(quit_action)
    edit_menu = window.edit_menu = window.menuBar().addMenu("&Edit")
    undo = bank.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setObjectName("undoAction")
    redo = bank.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setObjectName("redoAction")
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    bank.build_actions(edit_menu, window.home)
    window.bank_actions = bank.actions
    window.menuBar().addMenu(window.display.menu)
    help_menu = window.menuBar().addMenu("&Help")

    def shortcuts() -> None:
        window.build_session_screens()
        window.session_view.show_shortcuts()

    help_menu.addAction(_action(window, "&Keyboard shortcuts", "", None, shortcuts))
    help_menu.addAction(
        _action(window, "&About Interview Prep", "aboutAction", None, lambda: about(window))
    )


def restore_layout(window: MainWindow) -> None:
    """The window's size, place and splitters as the user left them."""
    geometry = window.preferences.get(WINDOW_GEOMETRY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    for setting, splitter in _splitters(window):
        state = window.preferences.get(setting)
        if state is not None:
            splitter.restoreState(state)


def save_layout(window: MainWindow) -> None:
    """Remember the window's size, place and splitters (when it closes)."""
    window.preferences.set(WINDOW_GEOMETRY, window.saveGeometry())
    for setting, splitter in _splitters(window):
        window.preferences.set(setting, splitter.saveState())
    window.preferences.sync()


def _splitters(window: MainWindow) -> tuple[tuple[LayoutSetting, QSplitter], ...]:
    return ((MAIN_SPLITTER, window.splitter), (BROWSE_SPLITTER, window.browse_splitter))


def about(window: MainWindow) -> AboutDialog:
    from .about_dialog import AboutDialog  # its version lookup costs 20 ms: not at start-up

    dialog = AboutDialog(window.data_dir, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class StatusBar:
    """The bank summary and the "problems in bank files" button, kept up to date."""

    def __init__(self, window: MainWindow, notices: list[str]) -> None:
        self.window = window
        self.summary_label = QLabel()
        self.summary_label.setObjectName("bankSummary")
        window.statusBar().addWidget(self.summary_label)
        self.problems_button = QPushButton()
        self.problems_button.setObjectName("problemsButton")
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.show_problems)
        self.problems_button.setToolTip("Show what could not be loaded, with file and line")
        window.statusBar().addPermanentWidget(self.problems_button)
        self.update(window.catalog)
        self.show_notices(notices)

    def show_notices(self, notices: list[str]) -> None:
        """What opening the database did to the user's files (e.g. a damaged database moved
        aside): it stays until the user moves on."""
        if notices:
            self.window.statusBar().showMessage(" · ".join(notices))

    def update(self, catalog: Catalog) -> None:
        banks = len(catalog.banks)
        unanswered = sum(1 for q in catalog.questions() if not q.has_answer)
        self.summary_label.setText(
            f"{len(catalog)} questions in {banks} bank{'s' if banks != 1 else ''}"
            f" · {unanswered} without a reference answer"
        )
        count = len(catalog.problems)
        self.problems_button.setText(f"{count} problem{'s' if count != 1 else ''} in bank files")
        self.problems_button.setVisible(bool(count))

    def show_problems(self) -> None:
        dialog = QMessageBox(self.window)
        dialog.setObjectName("problemsDialog")
        dialog.setWindowTitle("Problems in bank files")
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setText(
            "Some bank files or entries could not be loaded and were skipped. "
            "Everything else loaded normally."
        )
        dialog.setDetailedText("\n".join(str(p) for p in self.window.catalog.problems))
        dialog.open()


class RaiseRequests:
    """Come to the front when another start of the app asks (``instance_lock``)."""

    def __init__(self, window: MainWindow, request: Path) -> None:
        self.window = window
        self.request = request
        self.watcher = QFileSystemWatcher([str(request.parent)], window)
        self.watcher.directoryChanged.connect(self._check)

    def _check(self) -> None:
        if not self.request.exists():
            return
        self.request.unlink(missing_ok=True)
        window = self.window
        window.showNormal()
        window.raise_()
        window.activateWindow()
        window.statusBar().showMessage(
            "Interview Prep was already open: here it is (one window per data folder).", 10000
        )
