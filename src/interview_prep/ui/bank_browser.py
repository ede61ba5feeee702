"""The bank browser: banks and topics with counts, the selected topic's questions, a preview.

Above the questions: full-text search (ranked, matches highlighted, from a ``SearchIndex``
the window builds off the UI thread) and filters by kind, tag, answered or not, last rating
and due. A search covers every bank unless the user narrows it to a topic or bank (picked
on the left while searching); the scope shows beside the box ("in: All topics", or
"in: Sensors ✕", which widens it again), and the count says when only the best matches are
listed. Given a ``Catalog`` it never reads files itself; ``set_catalog`` shows a new one
(after an edit or a reload) and keeps the selection where it can. Object names are part of
the testing contract (``docs/testing.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Catalog, Kind, Question
from ..practice.rating import Rating
from ..render import RenderCache
from ..render.plain import plain_marked_title, plain_text
from .answer_view import AnswerView, Section
from .lists import HTML_ROLE, HtmlDelegate, list_title, make_tree

if TYPE_CHECKING:
    from ..bank.search import SearchHit, SearchIndex

ALL_TOPICS = "All topics"
ALL_KEY = ("all", "")
_QUESTION_ROLE = Qt.ItemDataRole.UserRole
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 120
SEARCH_LIMIT = 300  # the best matches; highlighting every hit of a huge bank takes too long
NEVER = 0  # "never practised" in the rating filter


def _count_item(label: str, count: int, key: tuple[str, ...]) -> QTreeWidgetItem:
    item = QTreeWidgetItem([label, str(count)])
    item.setData(0, _KEY_ROLE, key)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class BankBrowser(QWidget):
    shown = Signal()  # every time it is shown (screens refresh then: changes.Stale)
    selection_changed = Signal()

    def __init__(self, catalog: Catalog, render_cache: RenderCache, *, loading: bool) -> None:
        """``loading``: ``catalog`` is a stand-in while the banks are read (``set_catalog``
        follows); the browser shows nothing meanwhile, not "no questions"."""
        super().__init__()
        self.loading = loading
        self.topic_list = make_tree("topicList", ["Topic", "Questions"])
        self.topic_list.setAccessibleName("Topics")
        self.topic_list.setRootIsDecorated(True)
        self.question_list = make_tree("questionList", ["Question", "Answer"])
        self.question_list.setAccessibleName("Questions")
        self.preview = AnswerView(render_cache)
        self.preview.setObjectName("questionPreview")
        self.preview.setAccessibleName("Question and answer")

        self.question_list.setItemDelegateForColumn(0, HtmlDelegate(self.question_list))
        self.question_list.setHeaderLabels(["Question", "Answer"])

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Search questions and answers (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search questions and answers")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("filterKindCombo")
        self.kind_filter.addItem("Any kind", "")
        for kind in Kind:
            self.kind_filter.addItem(kind.value.replace("-", " ").title(), kind.value)
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("filterTagCombo")
        self.answer_filter = QComboBox()
        self.answer_filter.setObjectName("filterAnsweredCombo")
        self.answer_filter.addItem("Answered or not", "")
        self.answer_filter.addItem("With an answer", "answered")
        self.answer_filter.addItem("Without an answer", "unanswered")
        self.rating_filter = QComboBox()
        self.rating_filter.setObjectName("filterRatingCombo")
        self.rating_filter.addItem("Any last rating", None)
        for rating in Rating:
            self.rating_filter.addItem(f"Last rated {rating.label}", int(rating))
        self.rating_filter.addItem("Never practised", NEVER)
        self.due_filter = QCheckBox("Due")
        self.due_filter.setObjectName("filterDueCheck")
        self.due_filter.setToolTip("Only questions due for review now")
        for combo, name in (
            (self.kind_filter, "Kind"),
            (self.tag_filter, "Tag"),
            (self.answer_filter, "With or without an answer"),
            (self.rating_filter, "Last rating"),
        ):
            combo.setAccessibleName(name)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.search_box.setMinimumWidth(120)
        self.scope_button = QPushButton()
        self.scope_button.setObjectName("searchScopeButton")
        self.scope_button.setFlat(True)
        self.scope_button.setAccessibleName("Where the search looks")
        self.scope_button.hide()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.scope_button)
        search_row.addWidget(self.due_filter)
        filters = QHBoxLayout()
        for widget in (self.kind_filter, self.tag_filter, self.answer_filter, self.rating_filter):
            filters.addWidget(widget, 1)

        self.add_button = QPushButton("Add…")
        self.add_button.setObjectName("addQuestionButton")
        self.add_button.setToolTip("Add a question to your bank (Ctrl+Shift+N)")
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("editQuestionButton")
        self.edit_button.setToolTip("Edit the selected question (F2)")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteQuestionButton")
        self.delete_button.setToolTip(
            "Delete the selected question from your bank (Del); Ctrl+Z undoes"
        )
        self.revert_button = QPushButton("Revert")
        self.revert_button.setObjectName("revertOverrideButton")
        self.revert_button.setToolTip(
            "Undo your changes to this bundled question: show the bundled version again"
        )
        self.result_label = QLabel()
        self.result_label.setObjectName("browserResultLabel")
        actions = QHBoxLayout()
        actions.addWidget(self.result_label, 1)
        for button in (self.revert_button, self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(search_row)
        list_layout.addLayout(filters)
        list_layout.addLayout(actions)
        list_layout.addWidget(self.question_list)

        self.questions_splitter = QSplitter(Qt.Orientation.Vertical)
        self.questions_splitter.addWidget(list_box)
        self.questions_splitter.addWidget(self.preview)
        self.questions_splitter.setSizes([320, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.questions_splitter)

        self.index: SearchIndex | None = None
        self.last_ratings: Mapping[str, int | None] = {}
        self.due: Mapping[str, datetime] = {}
        self.now = datetime.now().astimezone()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh_questions)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.search_box.textChanged.connect(self._search_text_changed)
        self.scope_button.clicked.connect(lambda: self._select_key(ALL_KEY))
        self._topic_before_search: tuple[str, ...] | None = None
        self._matches = 0  # how many questions the search found, listed or not
        for combo in (self.kind_filter, self.tag_filter, self.answer_filter, self.rating_filter):
            combo.currentIndexChanged.connect(self.refresh_questions)
        self.due_filter.toggled.connect(self.refresh_questions)

        self.topic_list.currentItemChanged.connect(self._show_topic)
        self.question_list.currentItemChanged.connect(self._show_question)
        self.catalog = Catalog()
        self._questions_by_id: dict[str, Question] = {}
        self._base_dirs: dict[str, Path] = {}
        self._show_catalog(catalog)

    def set_catalog(self, catalog: Catalog) -> None:
        """Show ``catalog`` (the banks as read now)."""
        self.loading = False
        self._show_catalog(catalog)

    def _show_catalog(self, catalog: Catalog) -> None:
        selected = self.current_question()
        self.catalog = catalog
        self._questions_by_id = catalog.by_id()
        self._base_dirs = {}
        for bank in catalog.banks:
            if bank.path is not None:
                folder = bank.path.parent  # once a bank: ``parent`` is slow for 5,000 questions
                self._base_dirs.update(dict.fromkeys((q.id for q in bank.questions), folder))
        tags = sorted({tag for q in catalog.questions() for tag in q.tags})
        current_tag = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", "")
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current_tag or "")))
        self.tag_filter.blockSignals(False)
        current = self.topic_list.currentItem()
        current_key = current.data(0, _KEY_ROLE) if current is not None else None
        self.topic_list.blockSignals(True)
        self.topic_list.clear()
        self._fill_topics()
        self.topic_list.blockSignals(False)
        if current_key is not None:
            self._select_key(current_key)
        self._show_topic(self.topic_list.currentItem())
        if selected is not None:
            self.select_question(selected.id)

    def base_dir(self, question_id: str) -> Path | None:
        return self._base_dirs.get(question_id)

    def _fill_topics(self) -> None:
        if self.loading:  # nothing to list yet, not "no questions"
            self.preview.clear_content()
            return
        bold = self.topic_list.font()
        bold.setBold(True)
        everything = _count_item(ALL_TOPICS, len(self.catalog), ALL_KEY)
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

    def _select_key(self, key: tuple[str, ...]) -> None:
        flags = Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchWildcard
        for item in self.topic_list.findItems("*", flags, 0):
            if item.data(0, _KEY_ROLE) == key:
                self.topic_list.setCurrentItem(item)
                return

    def set_search_index(self, index: SearchIndex | None) -> None:
        self.index = index
        if self.search_box.text().strip():
            self.refresh_questions()

    def set_annotations(
        self, last_ratings: Mapping[str, int | None], due: Mapping[str, datetime], now: datetime
    ) -> None:
        """Last ratings and due dates, for the rating and due filters."""
        self.last_ratings, self.due, self.now = last_ratings, due, now
        if self.filters_by_history():
            self.refresh_questions()

    def filters_by_history(self) -> bool:
        """Whether a filter that needs the history (last rating, due) is on."""
        return bool(self.rating_filter.currentIndex() or self.due_filter.isChecked())

    def _passes(self, question: Question) -> bool:
        kind, tag = self.kind_filter.currentData(), self.tag_filter.currentData()
        answered, rating = self.answer_filter.currentData(), self.rating_filter.currentData()
        if kind and question.kind.value != kind:
            return False
        if tag and tag not in question.tags:
            return False
        if answered == "answered" and not question.has_answer:
            return False
        if answered == "unanswered" and question.has_answer:
            return False
        if rating is not None:
            last = self.last_ratings.get(question.id)
            if rating == NEVER:
                if question.id in self.last_ratings:
                    return False
            elif last != rating:
                return False
        if self.due_filter.isChecked():
            due = self.due.get(question.id)
            if due is None or due > self.now:
                return False
        return True

    def visible_questions(self) -> list[tuple[Question, SearchHit | None]]:
        """The questions of the selected topic that pass the filters, ranked when searching."""
        item = self.topic_list.currentItem()
        if item is None:
            return []
        key = item.data(0, _KEY_ROLE)
        scope = self._questions_for(key)
        passing = {q.id: q for q in scope if self._passes(q)}
        query = self.search_box.text().strip()
        if not query or self.index is None:
            return [(q, None) for q in passing.values()]
        everything = key == ALL_KEY and len(passing) == len(scope)
        within = None if everything else list(passing)
        hits = self.index.search(query, limit=SEARCH_LIMIT, snippets=False, within=within)
        self._matches = len(hits)
        if len(hits) == SEARCH_LIMIT:
            self._matches = self.index.count(query, within=within)
        return [(passing[hit.question_id], hit) for hit in hits if hit.question_id in passing]

    def _search_text_changed(self, text: str) -> None:
        """Starting a search widens it to every bank; clearing it goes back to the topic
        that was shown before, unless the user picked another meanwhile. The list follows
        when the typing settles (``_search_timer``), not at the first key as well."""
        item = self.topic_list.currentItem()
        key = item.data(0, _KEY_ROLE) if item is not None else None
        self.topic_list.blockSignals(True)
        if text.strip() and self._topic_before_search is None:
            self._topic_before_search = key or ALL_KEY
            if key != ALL_KEY:
                self._select_key(ALL_KEY)
        elif not text.strip() and self._topic_before_search is not None:
            before, self._topic_before_search = self._topic_before_search, None
            if key == ALL_KEY:
                self._select_key(before)
        self.topic_list.blockSignals(False)
        self._show_scope()

    def _show_scope(self) -> None:
        item = self.topic_list.currentItem()
        searching = bool(self.search_box.text().strip()) and item is not None
        self.scope_button.setVisible(searching)
        if not searching or item is None:
            return
        narrowed = item.data(0, _KEY_ROLE) != ALL_KEY
        self.scope_button.setText(f"in: {item.text(0)} ✕" if narrowed else f"in: {ALL_TOPICS}")
        self.scope_button.setEnabled(narrowed)
        self.scope_button.setToolTip(
            "Searching this topic only; click to search every bank"
            if narrowed
            else "Searching every bank; pick a topic or bank on the left to search only there"
        )

    def refresh_questions(self) -> None:
        self._show_topic(self.topic_list.currentItem())

    def _show_topic(self, item: QTreeWidgetItem | None) -> None:
        selected = self.current_question()
        self.question_list.clear()
        if item is None:
            return
        rows = []
        shown = self.visible_questions()
        for question, hit in shown:
            answered = "✓" if question.has_answer else "—"
            mark = " ✎" if question.id in self.catalog.overridden else ""
            row = QTreeWidgetItem([list_title(question.question) + mark, answered])
            row.setData(0, _QUESTION_ROLE, question.id)
            if hit is not None:
                row.setData(0, HTML_ROLE, plain_marked_title(hit.question_html) + mark)
            tip = plain_text(question.question)
            if question.id in self.catalog.overridden:
                tip += "\n\n✎ You changed this bundled question."
            row.setToolTip(0, tip)
            row.setToolTip(1, "has a reference answer" if question.has_answer else "no answer yet")
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            rows.append(row)
        self.question_list.addTopLevelItems(rows)
        total = len(self._questions_for(item.data(0, _KEY_ROLE)))
        searching = bool(self.search_box.text().strip())
        if searching and self._matches > len(shown):
            self.result_label.setText(
                f"{len(shown)} of {self._matches:,} matches shown, best first"
            )
        elif searching or len(shown) != total:
            self.result_label.setText(f"{len(shown)} of {total:,} questions")
        else:
            self.result_label.setText(f"{total:,} questions")
        self._show_scope()
        if selected is not None:
            self.select_question(selected.id)
        if self.question_list.currentItem() is None and rows:
            self.question_list.setCurrentItem(rows[0])
        if not rows:
            self._show_question(None)
        self.selection_changed.emit()

    def _show_question(self, item: QTreeWidgetItem | None) -> None:
        question = self.current_question() if item is not None else None
        self.selection_changed.emit()
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
            caption=question.topic
            + (" · ✎ changed by you" if question.id in self.catalog.overridden else ""),
        )
        self.preview.highlight(self.search_box.text())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()
