"""The bank browser: banks and topics with counts, the selected topic's questions, a preview.

Given a ``Catalog`` it never reads files itself; ``set_catalog`` shows a new one (after an
edit) and keeps the selection where it can. Object names ``topicList``, ``questionList`` and
``questionPreview`` are part of the testing contract (``docs/testing.md``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Catalog, Question
from ..render import RenderCache
from .answer_view import AnswerView, Section

ALL_TOPICS = "All topics"
_QUESTION_ROLE = Qt.ItemDataRole.UserRole
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _count_item(label: str, count: int, key: tuple[str, ...]) -> QTreeWidgetItem:
    item = QTreeWidgetItem([label, str(count)])
    item.setData(0, _KEY_ROLE, key)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def make_tree(object_name: str, headers: list[str]) -> QTreeWidget:
    """A flat, single-selection list with a stretching first column."""
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


def list_title(markdown: str) -> str:
    """The first line of a question without code and bold markers, for a one-line list."""
    first_line = markdown.strip().splitlines()[0] if markdown.strip() else ""
    return first_line.replace("`", "").replace("**", "")


class BankBrowser(QWidget):
    def __init__(
        self, catalog: Catalog, render_cache: RenderCache, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.topic_list = make_tree("topicList", ["Topic", "Questions"])
        self.topic_list.setAccessibleName("Topics")
        self.topic_list.setRootIsDecorated(True)
        self.question_list = make_tree("questionList", ["Question", "Answer"])
        self.question_list.setAccessibleName("Questions")
        self.preview = AnswerView(render_cache)
        self.preview.setObjectName("questionPreview")
        self.preview.setAccessibleName("Question and answer")

        self.questions_splitter = QSplitter(Qt.Orientation.Vertical)
        self.questions_splitter.addWidget(self.question_list)
        self.questions_splitter.addWidget(self.preview)
        self.questions_splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.questions_splitter)

        self.topic_list.currentItemChanged.connect(self._show_topic)
        self.question_list.currentItemChanged.connect(self._show_question)
        self.catalog = Catalog()
        self._questions_by_id: dict[str, Question] = {}
        self._base_dirs: dict[str, Path] = {}
        self.set_catalog(catalog)

    def set_catalog(self, catalog: Catalog) -> None:
        selected = self.current_question()
        self.catalog = catalog
        self._questions_by_id = catalog.by_id()
        self._base_dirs = {
            q.id: bank.path.parent for bank in catalog.banks if bank.path for q in bank.questions
        }
        self.topic_list.clear()
        self._fill_topics()
        if selected is not None:
            self.select_question(selected.id)

    def base_dir(self, question_id: str) -> Path | None:
        return self._base_dirs.get(question_id)

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
        if first_topic is not None:
            self.topic_list.setCurrentItem(first_topic)
        else:
            self.preview.show_markdown(
                "## No questions yet\n\nImport a markdown document with "
                "`interview-prep import FILE.md`, or add a YAML bank file to your bank folder."
            )

    def current_topic(self) -> str | None:
        item = self.topic_list.currentItem()
        return item.text(0) if item else None

    def current_question(self) -> Question | None:
        item = self.question_list.currentItem()
        return self._questions_by_id.get(item.data(0, _QUESTION_ROLE)) if item else None

    def select_question(self, question_id: str) -> None:
        for row in range(self.question_list.topLevelItemCount()):
            item = self.question_list.topLevelItem(row)
            if item is not None and item.data(0, _QUESTION_ROLE) == question_id:
                self.question_list.setCurrentItem(item)
                return

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
            answered = "✓" if question.has_answer else "—"
            row = QTreeWidgetItem([list_title(question.question), answered])
            row.setData(0, _QUESTION_ROLE, question.id)
            row.setToolTip(0, question.question)
            row.setToolTip(1, "has a reference answer" if question.has_answer else "no answer yet")
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            rows.append(row)
        self.question_list.addTopLevelItems(rows)
        if rows:
            self.question_list.setCurrentItem(rows[0])

    def _show_question(self, item: QTreeWidgetItem | None) -> None:
        question = self.current_question() if item is not None else None
        if question is None:
            self.preview.clear_content()
            return
        answer = question.answer if question.has_answer else "*No reference answer yet.*"
        self.preview.show_sections(
            [
                Section(question.question, f"{question.id}:question", emphasis=True),
                Section(answer or "", f"{question.id}:answer"),
            ],
            base_dir=self.base_dir(question.id),
            caption=question.topic,
        )
