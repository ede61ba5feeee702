"""A question's history: every attempt (date, time, key points, rating, notes) beside its
answer, and a player for each attempt's recording with its metrics, to hear how the answer
changed over the weeks."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..audio import recordings
from ..audio.file_backend import backend_for
from ..audio.metrics import SpeechMetrics
from ..audio.wording import speech_text
from ..bank.model import Question
from ..practice import coverage
from ..practice.rating import Rating
from ..render import RenderCache
from ..stats.figures import QuestionStats
from ..wording import clock_text, plural
from .answer_view import AnswerView, Section, plain_notes_markdown
from .feedback_text import key_points_markdown, literal_text
from .lists import make_tree
from .recording_player import RecordingPlayer

if TYPE_CHECKING:
    from ..store.models import Attempt


def _how_said(attempt: Attempt) -> str:
    """The notes column's prefix: answered out loud, and recorded."""
    if attempt.recording:
        return "(out loud, recorded) "
    return "(out loud) " if attempt.spoken else ""


class QuestionHistoryDialog(QDialog):
    #: Asked and confirmed: forget this attempt (and its recording).
    delete_attempt = Signal(int)

    def __init__(
        self,
        question: Question,
        attempts: list[Attempt],
        stats: QuestionStats | None,
        render_cache: RenderCache,
        *,
        dark: bool = False,
        base_dir: Path | None = None,
        recordings: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("questionHistoryDialog")
        self.setWindowTitle("History of a question")
        self.question = question
        self.attempts = attempts
        self.base_dir = base_dir
        self.recordings = recordings
        summary = QLabel()
        summary.setObjectName("historySummary")
        summary.setWordWrap(True)
        if stats is not None and stats.figures.attempts:
            f = stats.figures
            mean = f"{f.mean_rating:.1f}" if f.mean_rating is not None else "—"
            summary.setText(
                f"<b>{html.escape(question.topic)}</b> · {plural(f.attempts, 'attempt')}"
                f" · mastery {f.mastery:.0f} · mean rating {mean}"
            )
        else:
            summary.setText(f"<b>{html.escape(question.topic)}</b> · not practised yet")
        self.table = make_tree("historyTable", ["When", "Time", "Key points", "Rating", "Notes"])
        header = self.table.header()  # the date whole; the notes take what is left
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for attempt in reversed(attempts):  # newest first
            limit = attempt.time_limit_seconds
            used = clock_text(attempt.duration_seconds)
            rating = (
                "Skipped"
                if attempt.skipped
                else (Rating(attempt.rating).label if attempt.rating else "—")
            )
            points = (
                f"{attempt.points_covered}/{attempt.points_total}" if attempt.points_total else "—"
            )
            said = " ".join((attempt.reflection if attempt.spoken else attempt.notes).split())
            item = QTreeWidgetItem(
                [
                    attempt.started_at.astimezone().strftime("%a %d %b %Y %H:%M"),
                    f"{used} / {clock_text(limit)}" if limit else used,
                    points,
                    rating,
                    _how_said(attempt) + said[:80],
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, attempt.id)
            self.table.addTopLevelItem(item)
        self.view = AnswerView(render_cache)
        self.view.setObjectName("historyAnswerView")
        self.view.set_dark(dark)
        self.player = RecordingPlayer(backend_for)
        self.player.setVisible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.player)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setSizes([420, 520])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.delete_button = buttons.addButton(
            "&Delete attempt…", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setObjectName("deleteAttemptButton")
        self.delete_button.setToolTip("Forget the selected attempt, its figures and its recording")
        self.delete_button.clicked.connect(self._confirm_delete)
        self.delete_button.setEnabled(bool(attempts))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1000, 620)
        self.table.currentItemChanged.connect(self._show)
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
        else:
            self._show(None)

    def _show(self, item: QTreeWidgetItem | None) -> None:
        question = self.question
        answer = question.answer if question.has_answer else "*No reference answer yet.*"
        sections = [Section(question.question, f"{question.id}:question", emphasis=True)]
        if item is not None:
            attempt_id = item.data(0, Qt.ItemDataRole.UserRole)
            attempt = next(a for a in self.attempts if a.id == attempt_id)
            when = attempt.started_at.astimezone().strftime("%d %b %Y")
            marks = coverage.from_json(attempt.key_points)
            if marks:
                sections.append(Section("\n".join(key_points_markdown(marks))))
            self._show_recording(attempt)
            if attempt.spoken:
                reflection = literal_text(attempt.reflection) or "*No reflection.*"
                sections.append(
                    Section(f"**Talked through out loud, {when}.** Reflection: {reflection}")
                )
            else:
                sections.append(
                    Section(f"**Your notes, {when}**\n\n" + plain_notes_markdown(attempt.notes))
                )
        sections.append(
            Section("**Reference answer**\n\n" + (answer or ""), f"{question.id}:answer")
        )
        self.view.show_sections(sections, base_dir=self.base_dir)
        if item is None:
            self.player.stop()
            self.player.setVisible(False)

    def _show_recording(self, attempt: Attempt) -> None:
        """The attempt's recording in the player, with its metrics (hidden without one)."""
        speech = SpeechMetrics.from_json(attempt.speech) if attempt.speech else None
        text = speech_text(speech, attempt.time_limit_seconds) if speech else ""
        if not attempt.recording or self.recordings is None:
            self.player.show_metrics_only(text + (" · the recording was deleted" if text else ""))
            self.player.setVisible(bool(text))
            return
        self.player.setVisible(True)
        self.player.load(recordings.path_of(self.recordings, attempt.recording), text)

    def _confirm_delete(self) -> None:
        item = self.table.currentItem()
        if item is None:
            return
        attempt_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        attempt = next(a for a in self.attempts if a.id == attempt_id)
        when = attempt.started_at.astimezone().strftime("%d %b %Y %H:%M")
        also = " and its recording" if attempt.recording else ""
        answer = QMessageBox.question(
            self, "Delete this attempt?",
            f"Delete the attempt of {when}{also}? Mastery and the review schedule are "
            "recomputed without it. This cannot be undone.",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.player.stop()
            self.delete_attempt.emit(attempt_id)

    def forget(self, attempt_id: int) -> None:
        """The attempt was deleted: its row goes."""
        self.attempts = [a for a in self.attempts if a.id != attempt_id]
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == attempt_id:
                self.table.takeTopLevelItem(index)
                break
        self.delete_button.setEnabled(bool(self.attempts))
        if not self.attempts:
            self._show(None)

    def done(self, result: int) -> None:
        self.player.stop()
        super().done(result)
