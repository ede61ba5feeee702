"""The review screen: what am I weak at, and what should I practise next?

Topics weakest first (sortable, with mastery bars), a chart of mastery per topic, attempts
and mean rating over time, a calendar of practice days, and the selected topic's questions
with their last rating, attempts and due date. A question opens its history. Everything
comes from one ``Stats`` (computed by the core from stored tallies) and the per-day counts.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Question
from ..practice.rating import Rating
from ..render.plain import plain_text
from ..stats.figures import Stats
from ..stats.speaking import SpeakingFigures
from ..stats.trend import WeeklyMastery
from ..wording import clock_text, plural
from .charts import ActivityChart, MasteryBarChart, PracticeCalendar
from .charts.trend import TrendChart
from .column_fit import NameColumnFit
from .lists import list_title, make_tree
from .review_cells import (
    COVERAGE_TIP,
    GROUP_ROLE,
    ID_ROLE,
    NEXT_TURN_MS,
    QUESTION_COLUMNS,
    SPEAKING_TIP,
    TOPIC_COLUMNS,
    MasteryDelegate,
    SortableItem,
    due_text,
    figure_cells,
    pct,
    set_cell,
    weekly_activity,
    when_text,
)


class ReviewView(QWidget):
    shown = Signal()  # every time it is shown (screens refresh then: changes.Stale)
    practise_weakest = Signal(str)  # a topic, or "" for every topic
    open_history = Signal(str)  # a question id
    go_home = Signal()
    figures_shown = Signal()  # new figures are in its tables and charts (a few turns after)
    trend_wanted = Signal(list)  # the topics chosen in the table: their mastery by week
    export_topic = Signal(str)  # a topic to export to PDF
    pdf_written = Signal(str)  # the path of a topic's PDF just written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.stats: Stats | None = None
        self.now = datetime.now().astimezone()
        self._dark = False

        title = QLabel("Review")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        self.weakest_button = QPushButton("Practise my weakest")
        self.weakest_button.setObjectName("reviewPractiseWeakestButton")
        self.topic_button = QPushButton("Practise this topic's weakest")
        self.topic_button.setObjectName("practiseTopicButton")
        self.topic_pdf_button = QPushButton("Export to PDF…")
        self.topic_pdf_button.setObjectName("exportTopicPdfButton")
        self.topic_pdf_button.setToolTip("This topic's questions, your latest notes, the answers")
        self.home_button = QPushButton("Back to h&ome")
        self.home_button.setObjectName("reviewHomeButton")
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(title)
        titles.addWidget(self.summary)
        header.addLayout(titles, 1)
        header.addWidget(self.weakest_button)
        header.addWidget(self.home_button)

        self.topics = make_tree("topicStatsTable", TOPIC_COLUMNS)
        self.topics.setSortingEnabled(True)
        self.topics.setAccessibleName("Topics, weakest first")
        self.delegate = MasteryDelegate(self.topics)
        self.topics.setItemDelegateForColumn(1, self.delegate)
        self.topics.header().setSectionResizeMode(1, self.topics.header().ResizeMode.Fixed)
        self.topics.setColumnWidth(1, 140)
        self.topic_fit = NameColumnFit(self.topics, minimum=200)
        self.questions = make_tree("topicQuestionsTable", QUESTION_COLUMNS)
        self.questions.setSortingEnabled(True)
        self.questions.setItemDelegateForColumn(1, self.delegate)
        self.questions.header().setSectionResizeMode(1, self.questions.header().ResizeMode.Fixed)
        self.questions.setColumnWidth(1, 120)
        self.question_fit = NameColumnFit(self.questions, minimum=260)
        self.questions.setToolTip("Double-click or press Enter to see a question's history")
        self.questions.setAccessibleName("The topic's questions")
        self.questions_label = QLabel()
        self.questions_label.setObjectName("topicQuestionsLabel")

        self.mastery_chart = MasteryBarChart()
        self.activity_chart = ActivityChart()
        self.calendar = PracticeCalendar()
        charts = QTabWidget()
        charts.setObjectName("reviewCharts")
        mastery_scroll = QScrollArea()
        mastery_scroll.setWidgetResizable(True)
        mastery_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        mastery_scroll.setWidget(self.mastery_chart)
        charts.addTab(mastery_scroll, "Mastery by topic")
        charts.addTab(self.activity_chart, "Attempts and rating over time")
        charts.addTab(self.calendar, "Practice days")
        trend_box = QWidget()
        trend_layout = QVBoxLayout(trend_box)
        trend_layout.setContentsMargins(0, 0, 0, 0)
        trend_hint = QLabel("The topics chosen in the table above (Ctrl+click to add one)")
        trend_hint.setObjectName("trendHint")
        trend_hint.setEnabled(False)  # drawn faint: a note
        self.trend_chart = TrendChart()
        trend_layout.addWidget(trend_hint)
        trend_layout.addWidget(self.trend_chart, 1)
        charts.addTab(trend_box, "Mastery over time")
        self.charts = charts

        questions_box = QWidget()
        questions_layout = QVBoxLayout(questions_box)
        questions_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.questions_label, 1)
        row.addWidget(self.topic_button)
        row.addWidget(self.topic_pdf_button)
        questions_layout.addLayout(row)
        questions_layout.addWidget(self.questions)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(charts)
        lower.addWidget(questions_box)
        lower.setSizes([560, 560])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.topics)
        splitter.addWidget(lower)
        splitter.setSizes([320, 400])
        self.topics.setMinimumHeight(160)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        self.topics.currentItemChanged.connect(self._show_topic)
        self.topics.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.topics.itemSelectionChanged.connect(
            lambda: self.trend_wanted.emit(self.selected_topics())
        )
        self.mastery_chart.topicClicked.connect(self.select_topic)
        self.questions.itemActivated.connect(
            lambda item, _column: self.open_history.emit(item.data(0, ID_ROLE))
        )
        self.weakest_button.clicked.connect(lambda: self.practise_weakest.emit(""))
        self.topic_button.clicked.connect(self._practise_topic)
        self.topic_pdf_button.clicked.connect(
            lambda: self.export_topic.emit(self.current_topic() or "")
        )
        self.home_button.clicked.connect(self.go_home)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.delegate.dark = dark
        for chart in (self.mastery_chart, self.activity_chart, self.calendar, self.trend_chart):
            chart.set_dark(dark)
        self.topics.viewport().update()
        self.questions.viewport().update()

    def show_stats(
        self,
        stats: Stats,
        days: Sequence[tuple[str, int, float | None]],
        now: datetime,
        *,
        speaking: Mapping[str, SpeakingFigures] | None = None,
    ) -> None:
        self.stats = stats
        self.now = now
        selected = self.current_topic()
        practised = [t for t in stats.topics if t.figures.attempts]
        due = sum(t.due for t in stats.topics)
        attempts = sum(t.figures.attempts for t in stats.topics)
        self.summary.setText(
            f"{attempts} attempts on {sum(t.practised for t in stats.topics)} questions in "
            f"{len(practised)} of {len(stats.topics)} topics · {due} due for review now"
        )
        self.topics.setSortingEnabled(False)
        self.topics.clear()
        never = SortableItem()
        never.setData(0, GROUP_ROLE, True)
        never.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for rank, topic in enumerate(stats.topics):
            f = topic.figures
            item = SortableItem()
            set_cell(item, 0, topic.topic, rank)  # rank: weakest first by default
            item.setData(0, ID_ROLE, topic.topic)
            item.setToolTip(0, topic.topic)
            set_cell(item, 1, "", f.mastery)
            set_cell(item, 2, pct(f.coverage), f.coverage)
            item.setToolTip(2, COVERAGE_TIP)
            set_cell(
                item, 3, f"{topic.practised}/{topic.questions}", topic.practised / topic.questions
            )
            set_cell(item, 4, str(f.attempts), f.attempts)
            figure_cells(item, f, 5)
            set_cell(item, 9, str(topic.due) if topic.due else "", topic.due)
            set_cell(
                item,
                10,
                when_text(f.last_practised, now),
                f.last_practised.timestamp() if f.last_practised else None,
            )
            spoken = (speaking or {}).get(topic.topic)
            if spoken is not None:
                talk = spoken.mean_talk
                set_cell(item, 11, f"{clock_text(talk)} ({spoken.recordings})", talk)
                set_cell(item, 12, f"{pct(spoken.mean_silence)} · {spoken.long_pauses} over 3 s",
                         spoken.mean_silence)  # fmt: skip
                for column in (11, 12):
                    item.setToolTip(column, SPEAKING_TIP + f" ({spoken.longest_pause:.1f} s)")
            if f.attempts:
                self.topics.addTopLevelItem(item)
            else:
                never.addChild(item)
        if never.childCount():
            never.setText(0, f"Not practised yet ({plural(never.childCount(), 'topic')})")
            self.topics.addTopLevelItem(never)
            never.setFirstColumnSpanned(True)
            never.setExpanded(self.topics.topLevelItemCount() == 1)  # nothing practised yet
        self.topics.setRootIsDecorated(bool(never.childCount()))
        self.topics.setSortingEnabled(True)
        self.topics.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # The charts, then the topic's questions, each in a turn of its own, after the
        # table is painted: in one turn, with 100,000 attempts, they held the window over
        # 50 ms. (A zero timer would run in the same pass of the event loop as the paint.)
        shown = selected or (stats.topics[0].topic if stats.topics else "")
        QTimer.singleShot(NEXT_TURN_MS, self, lambda: self._show_charts(stats, days, now, shown))

    def _show_charts(
        self,
        stats: Stats,
        days: Sequence[tuple[str, int, float | None]],
        now: datetime,
        topic: str,
    ) -> None:
        if stats is not self.stats:  # newer figures came meanwhile
            return
        self.mastery_chart.set_data([(t.topic, t.figures.mastery) for t in stats.topics])
        self.activity_chart.set_data(weekly_activity(days))
        self.calendar.set_data(
            {date.fromisoformat(day): count for day, count, _mean in days},
            end=now.astimezone().date(),
        )
        self.weakest_button.setEnabled(bool(stats.questions))
        QTimer.singleShot(NEXT_TURN_MS, self, lambda: self._show_topic_of(stats, topic))

    def _show_topic_of(self, stats: Stats, topic: str) -> None:
        if stats is not self.stats:  # newer figures came meanwhile
            return
        if self.current_topic() is None:  # else one was chosen meanwhile
            self.select_topic(topic)
        self.figures_shown.emit()

    def selected_topics(self) -> list[str]:
        """The topics selected in the table (the group row of never practised ones aside)."""
        return [topic for item in self.topics.selectedItems() if (topic := item.data(0, ID_ROLE))]

    def show_trend(self, series: dict[str, WeeklyMastery]) -> None:
        """Mastery by week of the selected topics, in the order they were selected."""
        wanted = self.selected_topics()
        self.trend_chart.set_data({t: series[t] for t in wanted if t in series})

    def current_topic(self) -> str | None:
        item = self.topics.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def select_topic(self, topic: str) -> None:
        flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        for item in self.topics.findItems(topic, flags, 0):
            if item.data(0, ID_ROLE) == topic:
                self.topics.setCurrentItem(item)
                return

    def _show_topic(self, item: QTreeWidgetItem | None) -> None:
        self.questions.setSortingEnabled(False)
        self.questions.clear()
        if item is None or self.stats is None:
            self.topic_button.setEnabled(False)
            return
        topic = item.data(0, ID_ROLE)
        members = [q for q in self.stats.questions.values() if q.question.topic == topic]
        members.sort(key=lambda q: (q.figures.mastery, q.question.id))
        self.questions_label.setText(f"<b>{html.escape(topic)}</b> · {len(members)} questions")
        for stats in members:
            row = SortableItem()
            question: Question = stats.question
            set_cell(row, 0, list_title(question.question), stats.figures.mastery)
            row.setData(0, ID_ROLE, question.id)
            row.setToolTip(0, plain_text(question.question))
            set_cell(row, 1, "", stats.figures.mastery)
            set_cell(row, 2, pct(stats.figures.coverage), stats.figures.coverage)
            row.setToolTip(2, "Key points covered by the newest checked attempt")
            last = stats.last_rating
            set_cell(row, 3, Rating(last).label if last else "—", last)
            set_cell(row, 4, str(stats.figures.attempts), stats.figures.attempts)
            set_cell(
                row,
                5,
                due_text(stats.due, self.now),
                stats.due.timestamp() if stats.due else None,
            )
            self.questions.addTopLevelItem(row)
        self.questions.setSortingEnabled(True)
        self.questions.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.topic_button.setEnabled(bool(members))

    def _practise_topic(self) -> None:
        topic = self.current_topic()
        if topic:
            self.practise_weakest.emit(topic)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()
