"""The end of a session: totals, weakest topics, every question with its time, rating and
notes, the reference answers (Pressure mode shows them only here), and what to do next:
practise the weak ones again, export the session to Markdown, or go home.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..audio import recordings
from ..audio.file_backend import backend_for
from ..audio.wording import speech_text
from ..bank.model import Question
from ..practice.summary import SessionSummary, SummaryRow, to_markdown
from ..render import RenderCache, theme_for
from ..render.plain import plain_text
from ..wording import clock_text, plural
from .answer_view import AnswerView, Section, plain_notes_markdown
from .feedback_text import feedback_markdown, literal_text
from .lists import list_title, make_tree
from .recording_player import RecordingPlayer

COLUMNS = ["#", "Question", "Topic", "Time", "Rating", "Key points", "Notes"]
NOTES_COLUMN = 6


class SummaryView(QWidget):
    practise_again = Signal(list)  # the questions rated Again/Hard, skipped or unrated
    go_home = Signal()
    pdf_written = Signal(str)  # the path of a PDF just exported
    delete_session = Signal()  # asked and confirmed: forget this session and its recordings

    def __init__(
        self,
        render_cache: RenderCache,
        parent: QWidget | None = None,
        *,
        base_dir_for: Callable[[str], Path | None] | None = None,
    ) -> None:
        """``base_dir_for``: the folder a question's images load from (its bank's)."""
        super().__init__(parent)
        self.setObjectName("sessionSummary")
        self.summary: SessionSummary | None = None
        self.base_dir_for: Callable[[str], Path | None] = base_dir_for or (lambda _id: None)
        self._dark = False

        self.title = QLabel()
        self.title.setObjectName("summaryTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.totals = QLabel()
        self.totals.setObjectName("summaryTotals")
        self.weakest = QLabel()
        self.weakest.setObjectName("weakestTopicsLabel")
        self.weakest.setTextFormat(Qt.TextFormat.PlainText)  # topics are bank text: never markup
        self.table = make_tree("summaryTable", COLUMNS)
        self.table.setAccessibleName("The session's questions")
        header = self.table.header()
        header.setSectionResizeMode(0, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTES_COLUMN, header.ResizeMode.Stretch)
        self.detail = AnswerView(render_cache)
        self.detail.setObjectName("summaryDetail")
        self.detail.setAccessibleName("The question, your notes and the answer")
        #: The data folder's ``recordings/`` (set by the window), for the player.
        self.recordings: Path | None = None
        self.player = RecordingPlayer(backend_for)
        self.player.setVisible(False)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.player)
        lower_layout.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 340])

        self.again_button = QPushButton()
        self.again_button.setObjectName("practiseAgainButton")
        self.again_button.setAccessibleName("Practise again")
        self.export_button = QPushButton("&Export to Markdown…")
        self.export_button.setObjectName("exportSessionButton")
        self.pdf_button = QPushButton("Export to P&DF…")
        self.pdf_button.setObjectName("exportSessionPdfButton")
        self.pdf_button.setToolTip("Each question on a page: notes, key points, the answer")
        self.render_cache = render_cache
        self.delete_button = QPushButton("De&lete session…")
        self.delete_button.setObjectName("deleteSessionButton")
        self.delete_button.setToolTip(
            "Forget this session: its attempts, figures and recordings are deleted"
        )
        self.delete_button.clicked.connect(self._confirm_delete)
        self.home_button = QPushButton("Back to h&ome")
        self.home_button.setObjectName("homeButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.home_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addWidget(self.weakest)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.table.currentItemChanged.connect(self._show_row)
        self.again_button.clicked.connect(self._practise_again)
        self.export_button.clicked.connect(self.export)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.home_button.clicked.connect(self.go_home)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        if self.summary is not None:
            self.show_summary(self.summary)

    def show_summary(self, summary: SessionSummary) -> None:
        self.summary = summary
        theme = theme_for(self._dark)
        self.title.setText("Session summary")
        self.totals.setText(summary.totals_text)
        weakest = summary.weakest_topics()
        self.weakest.setText(
            "Weakest topics this session: " + ", ".join(t.text for t in weakest)
            if weakest
            else "Rate your answers to see your weakest topics here."
        )
        self.weakest.setToolTip("A skipped question counts as Again when topics are ranked")
        self.table.clear()
        for row in summary.rows:
            rating = "Skipped" if row.skipped else (row.rating.label if row.rating else "—")
            item = QTreeWidgetItem(
                [
                    str(row.position + 1),
                    list_title(row.question.question),
                    row.question.topic,
                    f"{clock_text(row.duration)} / {clock_text(row.time_limit)}",
                    rating,
                    row.points_text or "—",
                    row.notes_excerpt,
                ]
            )
            if row.key_points:
                missed = row.missed_points
                item.setToolTip(
                    5, "Missed: " + "; ".join(missed) if missed else "Every key point covered"
                )
            item.setData(0, Qt.ItemDataRole.UserRole, row.position)
            item.setToolTip(1, plain_text(row.question.question))
            if row.overtime > 0:
                item.setForeground(3, QBrush(QColor(theme.danger)))
                item.setToolTip(3, f"{clock_text(row.overtime)} over the limit")
            self.table.addTopLevelItem(item)
        weak = summary.to_practise_again()
        self.again_button.setText(
            f"&Practise again: {summary.practise_again_text}"
            if weak
            else "&Practise again (nothing rated Again/Hard, skipped or unrated)"
        )
        self.again_button.setEnabled(bool(weak))
        self.export_button.setEnabled(bool(summary.rows))
        self.pdf_button.setEnabled(bool(summary.rows))
        self.pdf_button.setText("Export to P&DF…")
        first = self.table.topLevelItem(0)
        if first is not None:
            self.table.setCurrentItem(first)
        else:
            self.detail.show_markdown("*No question was answered in this session.*")

    def _show_row(self, item: QTreeWidgetItem | None) -> None:
        if item is None or self.summary is None:
            return
        position = item.data(0, Qt.ItemDataRole.UserRole)
        row = next(r for r in self.summary.rows if r.position == position)
        question: Question = row.question
        answer = question.answer if question.has_answer else "*No reference answer yet.*"
        self._show_recording(row)
        if row.spoken:
            yours = "**Talked through out loud.** " + (
                f"Reflection: {literal_text(row.reflection)}"
                if row.reflection.strip()
                else "*No reflection.*"
            )
        else:
            yours = "**Your notes**\n\n" + plain_notes_markdown(row.notes)
        sections = [Section(question.question, f"{question.id}:question", emphasis=True)]
        feedback = feedback_markdown(row)
        if feedback:
            sections.append(Section(feedback))
        sections += [
            Section(yours),
            Section("**Reference answer**\n\n" + (answer or ""), f"{question.id}:answer"),
        ]
        self.detail.show_sections(
            sections,
            base_dir=self.base_dir_for(question.id),
            caption=question.topic,
        )

    def _show_recording(self, row: SummaryRow) -> None:
        """The question's recording and its metrics above the detail (hidden without one)."""
        if row.recording is None or self.recordings is None:
            self.player.stop()
            self.player.setVisible(False)
            return
        text = speech_text(row.speech, row.time_limit) if row.speech else ""
        self.player.setVisible(True)
        self.player.load(recordings.path_of(self.recordings, row.recording), text)

    def _confirm_delete(self) -> None:
        if self.summary is None:
            return
        count = len(self.summary.rows)
        recorded = sum(1 for row in self.summary.rows if row.recording)
        also = f" and {plural(recorded, 'recording')}" if recorded else ""
        answer = QMessageBox.question(
            self, "Delete this session?",
            f"Delete this session's {plural(count, 'attempt')}{also}? Mastery, the review "
            "schedule and the figures are recomputed without them. This cannot be undone.",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.player.stop()
            self.delete_session.emit()

    def _practise_again(self) -> None:
        if self.summary is not None and self.summary.to_practise_again():
            self.practise_again.emit(self.summary.to_practise_again())

    def export(self) -> Path | None:
        """Ask where to save the session as Markdown and write it there."""
        if self.summary is None:
            return None
        started = self.summary.started_at
        default = f"mock-interview-{started:%Y-%m-%d-%H%M}.md" if started else "mock-interview.md"
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the session", str(Path.home() / default), "Markdown (*.md)"
        )
        if not name:
            return None
        path = Path(name)
        path.write_text(to_markdown(self.summary), encoding="utf-8")
        self.export_button.setText(f"&Exported to {path.name}")
        return path

    def export_pdf(self) -> None:
        """Ask where to save the session as a PDF, then write it (rendered off the UI thread)."""
        if self.summary is None:
            return
        started = self.summary.started_at
        default = f"mock-interview-{started:%Y-%m-%d-%H%M}.pdf" if started else "mock-interview.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the session to PDF", str(Path.home() / default), "PDF (*.pdf)"
        )
        if not name:
            return
        from .pdf_export import export_pdf, report_failure, session_pages

        when = f" {started.astimezone():%Y-%m-%d %H:%M}" if started else ""
        self.pdf_button.setEnabled(False)
        self.pdf_button.setText("Writing the PDF…")

        def done(path: Path) -> None:
            self.pdf_button.setEnabled(True)
            self.pdf_button.setText(f"Exported to {path.name}")
            self.pdf_written.emit(str(path))

        def failed(reason: str) -> None:
            self.pdf_button.setEnabled(True)
            self.pdf_button.setText("Export to P&DF…")
            report_failure(self, reason)

        pages = session_pages(self.summary, self.base_dir_for)
        export_pdf(self.render_cache, f"Mock interview{when}", pages, Path(name), done, failed,
                   owner=self)  # fmt: skip
