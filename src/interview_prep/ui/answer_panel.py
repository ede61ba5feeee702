"""The reference side of the session screen, shown after a reveal: the answer's key points
(``KeyPointsPanel``) above the reference answer, and for a question without an answer a
button to keep the notes as its answer.

Clicking a key point shows its place in the answer. The panel holds no session state: the
session screen connects its signals, checks the points and tells it what to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ..bank.model import Question
from ..feedback import KeyPoint
from ..render import RenderCache
from .answer_view import AnswerView, Section
from .key_points_panel import KeyPointsPanel
from .shortcuts import session_button


class AnswerPanel(QWidget):
    def __init__(self, render_cache: RenderCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer_view = AnswerView(render_cache)
        self.answer_view.setObjectName("answerView")
        self.answer_view.setAccessibleName("Reference answer")
        self.save_answer_button = session_button(
            "Save my notes as its answer", "saveNotesAsAnswerButton", "keep"
        )
        self.key_points = KeyPointsPanel()
        self.key_points.placeRequested.connect(self.show_point)
        answer_box = QWidget()
        answer_box_layout = QVBoxLayout(answer_box)
        answer_box_layout.setContentsMargins(0, 0, 0, 0)
        answer_box_layout.addWidget(QLabel("<b>Reference answer</b>"))
        answer_box_layout.addWidget(self.answer_view)
        self.answer_splitter = QSplitter(Qt.Orientation.Vertical)
        self.answer_splitter.setObjectName("pointsAnswerSplitter")
        self.answer_splitter.addWidget(self.key_points)
        self.answer_splitter.addWidget(answer_box)
        self.answer_splitter.setChildrenCollapsible(False)
        self.answer_splitter.setSizes([180, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.answer_splitter)
        layout.addWidget(self.save_answer_button)

    def show_answer(
        self,
        question: Question,
        base_dir_for: Callable[[str], Path | None],
        *,
        can_keep: bool,
    ) -> None:
        """``question``'s answer with room for its key points, or word that it has none
        (and, when ``can_keep``, the button to keep the notes as its answer)."""
        if question.has_answer:
            self.answer_view.show_sections(
                [Section(question.answer or "", f"{question.id}:answer")],
                base_dir=base_dir_for(question.id),
            )
        else:
            self.answer_view.show_markdown(
                "*This question has no reference answer yet.* You can keep your notes as its "
                "answer: they are saved to your own bank, never to the bundled one."
            )
        self.save_answer_button.setVisible(not question.has_answer and can_keep)
        self.key_points.setVisible(question.has_answer)

    def focus_key_points(self) -> None:
        if self.isVisible() and self.key_points.isVisible():
            self.key_points.list.setFocus()
            if self.key_points.list.currentRow() < 0 and self.key_points.list.count():
                self.key_points.list.setCurrentRow(0)

    def show_point(self, point: KeyPoint) -> None:
        """Scroll the answer to ``point`` (its fold opened) and mark it."""
        self.answer_view.show_place([point.anchor, point.text], point.folds)
