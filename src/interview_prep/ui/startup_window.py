"""The window shown while the app loads: painted before anything heavy is imported.

Start-up is judged by how soon a window appears. This one needs only QtWidgets: the same
title and size as the main window, its header, and "Loading your questions…". The bank,
the database (SQLAlchemy, migrations, backup) and the main window's modules load on a
worker thread meanwhile; then the real window takes its place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QVBoxLayout, QWidget


class StartupWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startupWindow")
        self.setWindowTitle("Interview Prep")
        self.resize(1100, 720)
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
