"""The main window: topics with question counts, the selected topic's questions, a preview.

The window is given an already-loaded ``Catalog``; it never reads files itself. Object names
(``topicList``, ``questionList``, ``questionPreview``, ``problemsButton``) are part of the
testing contract described in ``docs/testing.md``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
)

from .. import __version__
from ..bank.model import Catalog, Question
from ..render import RenderCache
from .answer_view import AnswerView, Section
from .display_menu import DisplayControls
from .preferences import Preferences

ALL_TOPICS = "All topics"
_QUESTION_ROLE = Qt.ItemDataRole.UserRole
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _count_item(label: str, count: int, key: tuple[str, ...]) -> QTreeWidgetItem:
    item = QTreeWidgetItem([label, str(count)])
    item.setData(0, _KEY_ROLE, key)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _tree(object_name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(object_name)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return tree


class MainWindow(QMainWindow):
    """Browse the bank: pick a topic on the left, a question in the middle, read it below."""

    def __init__(self, catalog: Catalog, data_dir: Path, notices: list[str] | None = None):
        super().__init__()
        self.catalog = catalog
        self.data_dir = data_dir
        self.setObjectName("mainWindow")
        self.setWindowTitle("Interview Prep")
        self.resize(1100, 700)

        self.topic_list = _tree("topicList", ["Topic", "Questions"])
        self.topic_list.setAccessibleName("Topics")
        self.question_list = _tree("questionList", ["Question", "Answer"])
        self.question_list.setAccessibleName("Questions")
        self.preferences = Preferences(data_dir)
        self.render_cache = RenderCache()
        self.preview = AnswerView(self.render_cache)
        self.preview.setObjectName("questionPreview")
        self.preview.setAccessibleName("Question and answer")

        self.browse_splitter = QSplitter(Qt.Orientation.Vertical)
        self.browse_splitter.addWidget(self.question_list)
        self.browse_splitter.addWidget(self.preview)
        self.browse_splitter.setSizes([300, 400])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.topic_list)
        self.splitter.addWidget(self.browse_splitter)
        self.splitter.setSizes([340, 760])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.display = DisplayControls(self, self.preferences)
        self._build_menus()
        self._build_status_bar(notices or [])
        self.topic_list.currentItemChanged.connect(self._show_topic)
        self.question_list.currentItemChanged.connect(self._show_question)
        self._questions_by_id = catalog.by_id()
        self._base_dirs = {
            q.id: bank.path.parent for bank in catalog.banks if bank.path for q in bank.questions
        }
        self.display.apply(self.preview)
        self._fill_topics()
        self._restore_layout()

    # -- window state, kept in the data directory so every profile has its own ------------
    def _restore_layout(self) -> None:
        geometry = self.preferences.state("mainWindow/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("main", self.splitter), ("browse", self.browse_splitter)):
            state = self.preferences.state(f"mainWindow/{name}Splitter")
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.preferences.set_state("mainWindow/geometry", self.saveGeometry())
        self.preferences.set_state("mainWindow/mainSplitter", self.splitter.saveState())
        self.preferences.set_state("mainWindow/browseSplitter", self.browse_splitter.saveState())
        self.preferences.sync()
        super().closeEvent(event)

    # -- construction --------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.menuBar().addMenu(self.display.menu)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Interview Prep", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self, notices: list[str]) -> None:
        banks = len(self.catalog.banks)
        total = len(self.catalog)
        unanswered = sum(1 for q in self.catalog.questions() if not q.has_answer)
        self.summary_label = QLabel(
            f"{total} questions in {banks} bank{'s' if banks != 1 else ''}"
            f" · {unanswered} without a reference answer"
        )
        self.summary_label.setObjectName("bankSummary")
        self.statusBar().addWidget(self.summary_label)
        self.problems_button = QPushButton()
        self.problems_button.setObjectName("problemsButton")
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.show_problems)
        count = len(self.catalog.problems)
        self.problems_button.setText(f"{count} problem{'s' if count != 1 else ''} in bank files")
        self.problems_button.setVisible(bool(count))
        self.problems_button.setToolTip("Show what could not be loaded, with file and line")
        self.statusBar().addPermanentWidget(self.problems_button)
        if notices:  # e.g. a damaged database moved aside: stays until the user moves on
            self.statusBar().showMessage(" · ".join(notices))

    def _fill_topics(self) -> None:
        bold = self.topic_list.font()
        bold.setBold(True)
        everything = _count_item(ALL_TOPICS, len(self.catalog), ("all", ""))
        everything.setFont(0, bold)
        self.topic_list.addTopLevelItem(everything)
        first_topic: QTreeWidgetItem | None = None
        for index, bank in enumerate(self.catalog.banks):
            bank_item = _count_item(bank.title, len(bank.questions), ("bank", str(index)))
            bank_item.setFont(0, bold)
            bank_item.setToolTip(0, str(bank.path or bank.id))
            for topic, count in bank.topics():
                child = _count_item(topic, count, ("topic", str(index), topic))
                bank_item.addChild(child)
                first_topic = first_topic or child
            self.topic_list.addTopLevelItem(bank_item)
            bank_item.setExpanded(True)
        self.topic_list.setRootIsDecorated(True)
        if first_topic is not None:
            self.topic_list.setCurrentItem(first_topic)
        else:
            self.preview.show_markdown(
                "## No questions yet\n\nImport a markdown document with "
                "`interview-prep import FILE.md`, or add a YAML bank file to "
                f"`{self.data_dir / 'banks'}`."
            )

    # -- reactions -----------------------------------------------------------------------
    def current_topic(self) -> str | None:
        item = self.topic_list.currentItem()
        return item.text(0) if item else None

    def _questions_for(self, key: tuple[str, ...]) -> list[Question]:
        if key[0] == "all":
            return list(self.catalog.questions())
        bank = self.catalog.banks[int(key[1])]
        if key[0] == "bank":
            return list(bank.questions)
        return [q for q in bank.questions if q.topic == key[2]]

    def _show_topic(self, item: QTreeWidgetItem | None) -> None:
        self.question_list.clear()
        if item is None:
            return
        rows = []
        for question in self._questions_for(item.data(0, _KEY_ROLE)):
            row = QTreeWidgetItem(
                [list_title(question.question), "✓" if question.has_answer else "—"]
            )
            row.setData(0, _QUESTION_ROLE, question.id)
            row.setToolTip(0, question.question)
            row.setToolTip(1, "has a reference answer" if question.has_answer else "no answer yet")
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            rows.append(row)
        self.question_list.addTopLevelItems(rows)
        if rows:
            self.question_list.setCurrentItem(rows[0])

    def current_question(self) -> Question | None:
        item = self.question_list.currentItem()
        return self._questions_by_id.get(item.data(0, _QUESTION_ROLE)) if item else None

    def _show_question(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            self.preview.clear_content()
            return
        question = self._questions_by_id.get(item.data(0, _QUESTION_ROLE))
        if question is not None:
            answer = question.answer if question.has_answer else "*No reference answer yet.*"
            self.preview.show_sections(
                [
                    Section(question.question, f"{question.id}:question", emphasis=True),
                    Section(answer or "", f"{question.id}:answer"),
                ],
                base_dir=self._base_dirs.get(question.id),
                caption=question.topic,
            )

    def show_problems(self) -> None:
        dialog = QMessageBox(self)
        dialog.setObjectName("problemsDialog")
        dialog.setWindowTitle("Problems in bank files")
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setText(
            "Some bank files or entries could not be loaded and were skipped. "
            "Everything else loaded normally."
        )
        dialog.setDetailedText("\n".join(str(p) for p in self.catalog.problems))
        dialog.open()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Interview Prep",
            f"<b>Interview Prep</b> {__version__}<br>Rehearse technical interviews offline."
            f"<br><br>Data folder: {self.data_dir}",
        )


def list_title(markdown: str) -> str:
    """The first line of a question without code and bold markers, for a one-line list."""
    first_line = markdown.strip().splitlines()[0] if markdown.strip() else ""
    return first_line.replace("`", "").replace("**", "")
