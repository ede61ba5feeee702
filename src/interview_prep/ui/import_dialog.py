"""The import dialog: preview a document's questions before anything is written.

Parsing runs on a worker thread (a large document shows a progress bar and the window
stays responsive). The preview shows the detected topics and questions, answered or not,
and the warnings with their line numbers; the user can rename the bank, untick questions,
and choose what marks a question when the document is ambiguous (which re-parses). Import
merges the ticked questions into the bank file (``bank.importing.store_import``) and the
dialog ends with what happened: added, updated, unchanged, skipped.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Bank, Problem, Question

if TYPE_CHECKING:
    from ..bank.importer.images import ImageCopy
from ..paths import file_error_reason, read_regular_file
from ..render.plain import plain_text, plain_title
from ..wording import plural
from .tasks import on_ui_thread, run_in_background

MARKDOWN_SUFFIXES = {".md", ".markdown", ".txt"}
YAML_SUFFIXES = {".yaml", ".yml"}
IMPORTABLE_SUFFIXES = MARKDOWN_SUFFIXES | YAML_SUFFIXES
_ID_ROLE = Qt.ItemDataRole.UserRole
MARKER_LABELS = {
    "numbered": "Numbered items (1. …)",
    "labelled": "Labelled pairs (Q: … / A: …)",
    "bold": "Bold lines (**…**)",
    "details": "Folded <details> summaries",
    "list": "Bulleted items (- …)",
    "table": "Table rows (| … |)",
}


def question_facts(question: Question) -> str:
    """``coding · hard · 20 min``: what the import read about a question besides its text."""
    from ..practice.plan import time_limit_for

    kind = question.kind.value.replace("-", " ")
    level = f" · {question.difficulty.value}" if question.difficulty else ""
    seconds = time_limit_for(question)
    time = f"{seconds // 60} min" if seconds >= 60 else f"{seconds} s"
    return f"{kind}{level} · {time}"


def marker_label(marker: str) -> str:
    if marker.startswith("heading-"):
        return f"Headings of level {marker.rsplit('-', 1)[1]} ({'#' * int(marker[-1])} …)"
    return MARKER_LABELS.get(marker, marker)


@dataclasses.dataclass(frozen=True, slots=True)
class Parsed:
    bank: Bank
    warnings: list[Problem]
    marker: str
    candidates: list[tuple[str, int]]
    images: list[ImageCopy] = dataclasses.field(default_factory=list)


def parse_file(
    path: Path, *, marker: str | None, progress: Callable[[float], None] | None = None
) -> Parsed:
    """Read ``path`` (markdown or a YAML bank) into a bank; raises OSError/ValueError."""
    if path.suffix.lower() in YAML_SUFFIXES:
        from ..bank.yaml_read import read_bank_file

        bank, problems = read_bank_file(path)
        if bank is None:
            raise ValueError("\n".join(str(p) for p in problems) or f"{path}: not a bank file")
        return Parsed(bank, problems, "yaml", [])
    from ..bank.importer import detect_candidates, read_document, to_bank
    from ..bank.importer.decode import decode_document

    result = read_document(path, question_marker=marker, progress=progress)
    bank, problems = to_bank(result)
    candidates: list[tuple[str, int]] = []
    if marker is None:  # the choices are offered once, from the document as it comes
        candidates = detect_candidates(decode_document(read_regular_file(path))[0])
    warnings = [*result.warnings, *problems]
    return Parsed(bank, warnings, result.layout, candidates, result.images)


class ImportDialog(QDialog):
    imported = Signal(Path)  # the bank file written

    def __init__(self, path: Path, banks_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(f"Import {path.name}")
        self.path = path
        self.banks_dir = banks_dir
        self.parsed: Parsed | None = None
        self.report_text = ""
        self._generation = 0

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("importTitleEdit")
        self.marker_combo = QComboBox()
        self.marker_combo.setObjectName("importMarkerCombo")
        self.marker_combo.setToolTip("What marks a question in this document")
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 100)
        self.counts = QLabel()
        self.counts.setObjectName("importCountsLabel")
        self.tree = QTreeWidget()
        self.tree.setObjectName("importPreviewTree")
        self.tree.setHeaderLabels(["Question", "Kind, level, time", "Answer", "Line"])
        self.tree.header().setStretchLastSection(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        self.warnings = QListWidget()
        self.warnings.setObjectName("importWarnings")
        self.warnings.setWordWrap(True)  # the left-out summary is a long line
        self.summary = QLabel()
        self.summary.setObjectName("importSummaryLabel")
        self.summary.setWordWrap(True)

        form = QFormLayout()
        form.addRow("File:", QLabel(str(path)))
        form.addRow("Bank title:", self.title_edit)
        form.addRow("Questions are:", self.marker_combo)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.warnings)
        splitter.setSizes([420, 120])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.do_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.counts)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(820, 640)

        self.tree.itemChanged.connect(lambda *_: self._update_counts())
        self.marker_combo.activated.connect(self._marker_chosen)
        self.start_parse(None)

    # -- parsing on a worker thread ---------------------------------------------------------
    def start_parse(self, marker: str | None) -> None:
        """Parse the file off the UI thread; a newer parse replaces an older one's result."""
        self._generation += 1
        generation = self._generation
        self.progress.setValue(0)
        self.progress.show()
        self.import_button.setEnabled(False)
        path = self.path

        def shown(fraction: float) -> None:
            self._progress(fraction, generation)

        report = on_ui_thread(shown, owner=self)

        run_in_background(
            lambda: parse_file(path, marker=marker, progress=report),
            lambda parsed: self._parsed(parsed, generation),
            lambda error: self._failed(file_error_reason(error), generation),
            owner=self,
        )

    def _progress(self, fraction: float, generation: int) -> None:
        if generation == self._generation:
            self.progress.setValue(round(100 * fraction))

    def _failed(self, reason: str, generation: int) -> None:
        if generation != self._generation:
            return
        self.progress.hide()
        self.counts.setText(f"<b>Cannot import this file:</b> {html.escape(reason)}")

    def _parsed(self, parsed: Parsed, generation: int) -> None:
        if generation != self._generation:
            return
        self.parsed = parsed
        self.progress.setValue(100)
        self.progress.hide()
        if not self.title_edit.text():
            self.title_edit.setText(parsed.bank.title)
        self.marker_combo.blockSignals(True)
        if parsed.candidates or self.marker_combo.count() == 0:
            self.marker_combo.clear()
            choices = parsed.candidates or [(parsed.marker, len(parsed.bank.questions))]
            for marker, count in choices:  # the others' counts are the detection's estimate
                self.marker_combo.addItem(f"{marker_label(marker)}: about {count}", marker)
        current = max(0, self.marker_combo.findData(parsed.marker))
        # The chosen reading says exactly what the tree below holds, and will be imported.
        self.marker_combo.setItemText(
            current, f"{marker_label(parsed.marker)}: {len(parsed.bank.questions)} questions"
        )
        self.marker_combo.setCurrentIndex(current)
        self.marker_combo.setEnabled(parsed.marker != "yaml")
        self.marker_combo.blockSignals(False)
        self._fill_tree(parsed)

    def _marker_chosen(self, index: int) -> None:
        marker = self.marker_combo.itemData(index)
        if self.parsed is None or marker != self.parsed.marker:
            self.start_parse(marker)

    def _fill_tree(self, parsed: Parsed) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        topics: dict[str, QTreeWidgetItem] = {}
        for question in parsed.bank.questions:
            parent = topics.get(question.topic)
            if parent is None:
                parent = QTreeWidgetItem([question.topic, "", "", ""])
                parent.setFlags(
                    parent.flags()
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsAutoTristate
                )
                parent.setCheckState(0, Qt.CheckState.Checked)
                self.tree.addTopLevelItem(parent)
                parent.setExpanded(True)
                topics[question.topic] = parent
            line = str(question.line) if question.line else ""
            child = QTreeWidgetItem(
                [
                    plain_title(question.question),
                    question_facts(question),
                    "✓" if question.has_answer else "—",
                    line,
                ]
            )
            child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            child.setCheckState(0, Qt.CheckState.Checked)
            child.setData(0, _ID_ROLE, question.id)
            child.setToolTip(0, plain_text(question.question))
            parent.addChild(child)
        self.tree.blockSignals(False)
        self.warnings.clear()
        for problem in parsed.warnings:
            where = f"line {problem.line}: " if problem.line else ""
            self.warnings.addItem(f"{where}{problem.message}")
        self.warnings.setVisible(bool(parsed.warnings))
        self._update_counts()

    def selected_ids(self) -> list[str]:
        chosen = []
        for index in range(self.tree.topLevelItemCount()):
            topic = self.tree.topLevelItem(index)
            if topic is None:
                continue
            for child_index in range(topic.childCount()):
                child = topic.child(child_index)
                if child is not None and child.checkState(0) == Qt.CheckState.Checked:
                    chosen.append(child.data(0, _ID_ROLE))
        return chosen

    def _update_counts(self) -> None:
        if self.parsed is None:
            return
        bank = self.parsed.bank
        answered = sum(1 for q in bank.questions if q.has_answer)
        chosen = len(self.selected_ids())
        self.counts.setText(
            f"{plural(len(bank.questions), 'question')} ({answered} answered) in "
            f"{plural(len(bank.topics()), 'topic')} · {chosen} to import · "
            f"{plural(len(self.parsed.warnings), 'warning')}"
        )
        self.import_button.setEnabled(chosen > 0)

    # -- importing ----------------------------------------------------------------------------
    def do_import(self) -> None:
        if self.parsed is None or self.report_text:
            self.accept()
            return
        from ..bank.importing import ImportTargetError, store_import

        bank = self.parsed.bank
        title = self.title_edit.text().strip() or bank.title
        chosen = self.selected_ids()
        try:
            target, report = store_import(
                dataclasses.replace(bank, title=title),
                self.banks_dir,
                only=chosen,
                images=self.parsed.images,
            )
        except (ImportTargetError, OSError) as exc:
            self.summary.setText(f"<b>Not imported:</b> {html.escape(str(exc))}")
            return
        skipped = len(bank.questions) - len(chosen)
        self.report_text = f"{report}, {skipped} skipped"
        self.summary.setText(
            f"<b>Imported into {html.escape(target.name)}:</b> {html.escape(self.report_text)}."
        )
        self.import_button.setText("Close")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.imported.emit(target)
