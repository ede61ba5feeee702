"""The home view: a prominent "Start mock interview", an offer to resume an interrupted
session, the last sessions, and the bank browser (topics with counts, questions, preview).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..wording import clock_text
from .bank_browser import BankBrowser
from .lists import make_tree


@dataclass(frozen=True, slots=True)
class RecentSession:
    started_at: datetime
    questions: int
    mean_rating: float | None
    seconds: float
    status: str


class HomeView(QWidget):
    shown = Signal()  # every time it is shown (screens refresh then: changes.Stale)

    def __init__(self, browser: BankBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")
        self.browser = browser

        title = QLabel("Interview Prep")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel("Rehearse out loud, on the clock, then compare with the answer.")
        subtitle.setObjectName("homeSubtitle")
        subtitle.setWordWrap(True)
        self.start_button = QPushButton("Start mock interview")
        self.start_button.setObjectName("startSessionButton")
        self.start_button.setToolTip("Pick topics and a number of questions (Ctrl+N)")
        self.start_button.setMinimumHeight(40)
        bold = self.start_button.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.start_button.setFont(bold)
        self.start_button.setStyleSheet(
            "QPushButton#startSessionButton { background-color: palette(highlight);"
            " color: palette(highlighted-text); border: none; border-radius: 6px;"
            " padding: 8px 22px; }"
            "QPushButton#startSessionButton:hover { background-color: palette(link); }"
            "QPushButton#startSessionButton:disabled { background-color: palette(mid);"
            " color: palette(window); }"
        )
        self.due_label = QLabel()
        self.due_label.setObjectName("dueLabel")
        self.weakest_button = QPushButton("Practise weakest")
        self.weakest_button.setObjectName("practiseWeakestButton")
        self.weakest_button.setToolTip(
            "One click: a session of the questions due for review, then the weakest ones"
        )
        self.weakest_button.setMinimumHeight(40)
        self.review_button = QPushButton("Review")
        self.review_button.setObjectName("reviewButton")
        self.review_button.setToolTip("Mastery by topic, charts and history (Ctrl+Shift+R)")
        self.review_button.setMinimumHeight(40)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(title)
        titles.addWidget(subtitle)
        titles.addWidget(self.due_label)
        header.addLayout(titles, 1)
        header.addWidget(self.review_button)
        header.addWidget(self.weakest_button)
        header.addWidget(self.start_button)

        self.resume_banner = QFrame()
        self.resume_banner.setObjectName("resumeBanner")
        self.resume_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.resume_label = QLabel()
        self.resume_label.setObjectName("resumeLabel")
        self.resume_label.setWordWrap(True)
        self.resume_button = QPushButton("Resume")
        self.resume_button.setObjectName("resumeButton")
        self.discard_button = QPushButton("Discard")
        self.discard_button.setObjectName("discardResumeButton")
        self.discard_button.setToolTip("End it; the questions you finished stay in your history")
        banner = QHBoxLayout(self.resume_banner)
        banner.addWidget(self.resume_label, 1)
        banner.addWidget(self.resume_button)
        banner.addWidget(self.discard_button)
        self.resume_banner.hide()

        self.recent_list = make_tree("recentSessions", ["Last sessions", "Questions", "Rating"])
        self.recent_list.setAccessibleName("Last sessions")
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(browser.topic_list)
        left.addWidget(self.recent_list)
        left.setSizes([480, 180])
        self.left_splitter = left
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(browser)
        self.splitter.setSizes([340, 760])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.resume_banner)
        layout.addWidget(self.splitter, 1)

    def show_recent(self, sessions: Sequence[RecentSession]) -> None:
        self.recent_list.clear()
        for session in sessions:
            when = session.started_at.astimezone().strftime("%a %d %b %H:%M")
            rating = f"{session.mean_rating:.1f}" if session.mean_rating is not None else "—"
            item = QTreeWidgetItem([when, str(session.questions), rating])
            item.setToolTip(0, f"{clock_text(session.seconds)} of practice · {session.status}")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.recent_list.addTopLevelItem(item)
        if not sessions:
            placeholder = QTreeWidgetItem(["No sessions yet", "", ""])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent_list.addTopLevelItem(placeholder)

    def show_due(self, due: int) -> None:
        self.due_label.setText(f"<b>{due}</b> due for review" if due else "Nothing due for review")

    def offer_resume(self, text: str | None) -> None:
        self.resume_label.setText(text or "")
        self.resume_banner.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()
