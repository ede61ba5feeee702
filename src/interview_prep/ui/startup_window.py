"""The window shown while the app loads: painted before anything heavy is imported.

Start-up is judged by how soon a window appears. This one needs only QtWidgets and the
user's display preferences: the main window's title, its saved size and place on screen,
the chosen light or dark theme, and "Loading your questions…". It emits ``painted`` once
it is on screen; the bank, the database (SQLAlchemy, migrations, backup) and the main
window's modules then load on a worker thread, and the real window takes its place,
exactly where this one was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget

from .preferences import THEME, WINDOW_GEOMETRY, Preferences
from .theme import apply_theme


class StartupWindow(QMainWindow):
    #: Emitted once, on the event loop's next turn after the window was first painted.
    painted = Signal()

    def __init__(self, data_dir: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("startupWindow")
        self.setWindowTitle("Interview Prep")
        self.resize(1100, 720)
        if data_dir is not None and Preferences.saved_in(data_dir):
            preferences = Preferences(data_dir)
            apply_theme(preferences.get(THEME))
            geometry = preferences.get(WINDOW_GEOMETRY)
            if geometry is not None:
                self.restoreGeometry(geometry)
        title = QLabel("Interview Prep")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        self.status = QLabel("Loading your questions…")
        self.status.setObjectName("startupStatus")
        busy = QProgressBar()
        busy.setRange(0, 0)  # busy indicator
        busy.setMaximumWidth(320)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(title)
        layout.addStretch()
        layout.addWidget(self.status, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(busy, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()
        self.setCentralWidget(page)
        self._was_painted = False
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._was_painted:
            self._was_painted = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)
        return False
