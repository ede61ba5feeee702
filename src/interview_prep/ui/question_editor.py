"""The question editor: question, answer, topic, tags, kind, difficulty and time limit, with
a live rendered preview.

It only edits a copy; the window saves it (through ``bank.editing``, undoably). A bundled
question says that the change will be kept as an override in the user's bank. When the
question changes on disk while the editor is open, a banner says so and offers to load
the new version; the user's unsaved text is never replaced without asking.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Difficulty, Kind, Question
from ..render import RenderCache
from .answer_view import AnswerView, Section

PREVIEW_DELAY_MS = 150


class QuestionEditor(QDialog):
    def __init__(
        self,
        question: Question,
        topics: Sequence[str],
        render_cache: RenderCache,
        *,
        is_new: bool = False,
        bundled: bool = False,
        note: str = "",
        dark: bool = False,
        parent: QWidget | None = None,
        save_handler: Callable[[Question, bool], bool] | None = None,
    ) -> None:
        """``save_handler`` is called with (question, overwrite) on Save; it returns True
        when the question was saved (the editor then closes)."""
        super().__init__(parent)
        self.setObjectName("questionEditor")
        self.setWindowTitle("Add a question" if is_new else "Edit question")
        self.original = question
        self.disk_version: Question | None = None
        self.save_handler = save_handler

        self.banner = QFrame()
        self.banner.setObjectName("editorBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextFormat(Qt.TextFormat.PlainText)  # names files: never markup
        self.reload_button = QPushButton("Load the version on disk")
        self.reload_button.setObjectName("editorReloadButton")
        self.reload_button.clicked.connect(self.load_disk_version)
        banner = QHBoxLayout(self.banner)
        banner.addWidget(self.banner_label, 1)
        banner.addWidget(self.reload_button)
        self.banner.setVisible(bundled or bool(note))
        self.reload_button.setVisible(False)
        if bundled:
            self.banner_label.setText(
                f"{note}; you can revert them later."
                if note
                else "This question comes with the app. Your changes are kept in your own "
                "bank as an override; you can revert them later."
            )
        elif note:  # where a new question goes
            self.banner_label.setText(note)

        self.question_edit = QPlainTextEdit()
        self.question_edit.setObjectName("editorQuestionEdit")
        self.question_edit.setPlaceholderText("The question (markdown)")
        self.question_edit.setTabChangesFocus(True)
        self.question_edit.setMaximumHeight(110)
        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setObjectName("editorAnswerEdit")
        self.answer_edit.setPlaceholderText("The reference answer (markdown), or leave empty")
        self.topic_combo = QComboBox()
        self.topic_combo.setObjectName("editorTopicCombo")
        self.topic_combo.setEditable(True)
        self.topic_combo.addItems(sorted(set(topics)))
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("editorTagsEdit")
        self.tags_edit.setPlaceholderText("comma-separated, e.g. airflow, scheduling")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("editorKindCombo")
        for kind in Kind:
            self.kind_combo.addItem(kind.value.replace("-", " ").title(), kind.value)
        self.difficulty_combo = QComboBox()
        self.difficulty_combo.setObjectName("editorDifficultyCombo")
        self.difficulty_combo.addItem("—", "")
        for difficulty in Difficulty:
            self.difficulty_combo.addItem(difficulty.value.title(), difficulty.value)
        self.time_spin = QSpinBox()
        self.time_spin.setObjectName("editorTimeSpin")
        self.time_spin.setRange(0, 180 * 60)
        self.time_spin.setSingleStep(30)
        self.time_spin.setSuffix(" s")
        self.time_spin.setSpecialValueText("by kind")

        source_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.question_edit.setFont(source_font)
        self.answer_edit.setFont(source_font)
        self.preview = AnswerView(render_cache)
        self.preview.setObjectName("editorPreview")
        self.preview.set_dark(dark)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)

        form = QFormLayout()
        form.addRow("Question:", self.question_edit)
        form.addRow("Answer:", self.answer_edit)
        form.addRow("Topic:", self.topic_combo)
        form.addRow("Tags:", self.tags_edit)
        details = QHBoxLayout()
        details.addWidget(QLabel("Kind:"))
        details.addWidget(self.kind_combo)
        details.addWidget(QLabel("Difficulty:"))
        details.addWidget(self.difficulty_combo)
        details.addWidget(QLabel("Time:"))
        details.addWidget(self.time_spin)
        details.addStretch()
        form.addRow("", details)
        editor = QWidget()
        editor.setLayout(form)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(editor)
        splitter.addWidget(self.preview)
        splitter.setSizes([520, 480])

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("editorSaveButton")
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        self.error_label = QLabel()
        self.error_label.setObjectName("editorError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(1080, 680)

        self._fill(question)
        for widget in (self.question_edit, self.answer_edit):
            widget.textChanged.connect(self._preview_timer.start)
        self.topic_combo.currentTextChanged.connect(self._preview_timer.start)
        self.update_preview()
        self.question_edit.setFocus()

    def _fill(self, question: Question) -> None:
        self.question_edit.setPlainText(question.question)
        self.answer_edit.setPlainText(question.answer or "")
        self.topic_combo.setCurrentText(question.topic)
        self.tags_edit.setText(", ".join(question.tags))
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(question.kind.value)))
        difficulty = question.difficulty.value if question.difficulty else ""
        self.difficulty_combo.setCurrentIndex(max(0, self.difficulty_combo.findData(difficulty)))
        self.time_spin.setValue(question.time_limit or 0)

    def edited(self) -> Question:
        """The question as the fields now describe it (same id)."""
        tags = tuple(t.strip() for t in self.tags_edit.text().split(",") if t.strip())
        difficulty = self.difficulty_combo.currentData()
        return dataclasses.replace(
            self.original,
            question=self.question_edit.toPlainText().strip(),
            answer=self.answer_edit.toPlainText().strip() or None,
            topic=self.topic_combo.currentText().strip(),
            tags=tags,
            kind=Kind(self.kind_combo.currentData()),
            difficulty=Difficulty(difficulty) if difficulty else None,
            time_limit=self.time_spin.value() or None,
        )

    def update_preview(self) -> None:
        question = self.edited()
        self.preview.show_sections(
            [
                Section(question.question or "*No question yet.*", emphasis=True),
                Section(question.answer or "*No reference answer.*"),
            ],
            caption=question.topic,
        )

    def _accept_if_valid(self) -> None:
        question = self.edited()
        if not question.question:
            self.error_label.setText("The question cannot be empty.")
            return
        if not question.topic:
            self.error_label.setText("Give the question a topic.")
            return
        if self.save_handler is not None:
            overwrite = self.disk_version is not None or self.banner_label.text().startswith(
                "This question was removed"
            )
            if not self.save_handler(question, overwrite):
                return
        self.accept()

    def on_disk_changed(self, version: Question | None) -> None:
        """The question changed (or went away) on disk while the editor is open."""
        self.disk_version = version
        self.banner.setVisible(True)
        self.reload_button.setVisible(version is not None)
        self.banner_label.setText(
            "This question was changed by another program while you were editing. Your "
            "text is kept: Save again to overwrite their version, or load it instead."
            if version is not None
            else "This question was removed by another program. Saving adds it back."
        )

    def load_disk_version(self) -> None:
        if self.disk_version is not None:
            self.original = self.disk_version
            self._fill(self.disk_version)
            self.banner.setVisible(False)
            self.disk_version = None
