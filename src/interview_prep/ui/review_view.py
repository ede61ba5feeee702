"""The review screen: what am I weak at, and what should I practise next?

Topics weakest first (sortable, with mastery bars), a chart of mastery per topic, attempts
and mean rating over time, a calendar of practice days, and the selected topic's questions
with their last rating, attempts and due date. A question opens its history. Everything
comes from one ``Stats`` (computed by the core from stored tallies) and the per-day counts.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Question
from ..practice.rating import Rating
from ..render import theme_for
from ..render.plain import plain_text
from ..stats.figures import Figures, Stats
from ..wording import plural
from .charts import ActivityChart, MasteryBarChart, PracticeCalendar
from .column_fit import NameColumnFit
from .lists import list_title, make_tree

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11
TOPIC_COLUMNS = [
    "Topic", "Mastery", "Key points", "Practised", "Attempts", "Rating", "Again/Hard",
    "Time used", "Over time", "Due", "Last practised",
]  # fmt: skip
QUESTION_COLUMNS = ["Question", "Mastery", "Key points", "Last rating", "Attempts", "Due"]
COVERAGE_TIP = (
    "Share of the reference answers' key points your notes covered "
    "(the newest checked attempt of each question)"
)


GROUP_ROLE = Qt.ItemDataRole.UserRole + 12


class SortableItem(QTreeWidgetItem):
    """Sorts by each column's ``SORT_ROLE`` value (numbers as numbers; blanks last). A group
    row (``GROUP_ROLE``, "Not practised yet") stays below the others in either direction."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        if self.data(0, GROUP_ROLE) or other.data(0, GROUP_ROLE):
            ascending = tree is None or (
                tree.header().sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
            )
            return not self.data(0, GROUP_ROLE) if ascending else bool(self.data(0, GROUP_ROLE))
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is None or theirs is None:
            return mine is not None  # values before blanks, whichever the direction
        return bool(mine < theirs)


class MasteryDelegate(QStyledItemDelegate):
    """Draws the mastery column as a coloured bar with its number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dark = False

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(SORT_ROLE)
        if not isinstance(value, float | int):
            super().paint(painter, option, index)
            return
        theme = theme_for(self.dark)
        cell: QRect = option.rect
        number_width = option.fontMetrics.horizontalAdvance("100") + 6
        track = QRect(cell.left() + 4, cell.center().y() - 4, cell.width() - number_width - 8, 8)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.header_background))
        painter.drawRoundedRect(track, 4, 4)
        filled = QRect(track)
        filled.setWidth(max(0, round(track.width() * float(value) / 100)))
        painter.setBrush(mastery_colour(float(value), self.dark))
        painter.drawRoundedRect(filled, 4, 4)
        painter.setPen(option.palette.color(option.palette.ColorRole.Text))
        number = QRect(track.right() + 4, cell.top(), number_width, cell.height())
        painter.drawText(
            number, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:.0f}"
        )
        painter.restore()


def mastery_colour(value: float, dark: bool) -> QColor:
    theme = theme_for(dark)
    low, mid = QColor(theme.danger), QColor(theme.warning)
    high = QColor("#3fb950" if dark else "#1a7f37")
    a, b, t = (low, mid, value / 50) if value < 50 else (mid, high, (value - 50) / 50)
    t = max(0.0, min(1.0, t))
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    days = (now.date() - moment.astimezone().date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 60 else moment.astimezone().strftime("%d %b %Y")


def _due_text(due: datetime | None, now: datetime) -> str:
    if due is None:
        return "—"
    if due <= now:
        return "now"
    days = (due - now).days
    return "tomorrow" if days < 1 else f"in {days + 1} days"


# Combined once: or-ing two PySide flags costs microseconds, a few milliseconds per table.
NEXT_TURN_MS = 1  # a timer, not a zero one: the event loop paints and ticks in between
_FIGURE_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _set(item: QTreeWidgetItem, column: int, text: str, key: object) -> None:
    item.setText(column, text)
    item.setData(column, SORT_ROLE, key)
    if column:
        item.setTextAlignment(column, _FIGURE_ALIGNMENT)


def _figure_cells(item: QTreeWidgetItem, figures: Figures, first: int) -> None:
    rating = figures.mean_rating
    _set(item, first, "—" if rating is None else f"{rating:.1f}", rating)
    _set(item, first + 1, _pct(figures.weak_share), figures.weak_share)
    _set(item, first + 2, _pct(figures.median_time_ratio), figures.median_time_ratio)
    _set(item, first + 3, _pct(figures.overtime_rate), figures.overtime_rate)


def weekly_activity(
    days: Sequence[tuple[str, int, float | None]],
) -> list[tuple[date, int, float | None]]:
    """Per-day counts folded into weeks (Monday first), for the activity chart."""
    weeks: dict[date, list[float]] = {}
    for day_text, attempts, mean in days:
        day = date.fromisoformat(day_text)
        monday = day - timedelta(days=day.weekday())
        bucket = weeks.setdefault(monday, [0, 0.0, 0])
        bucket[0] += attempts
        if mean is not None:
            bucket[1] += mean * attempts
            bucket[2] += attempts
    return [
        (monday, int(a), (total / rated) if rated else None)
        for monday, (a, total, rated) in sorted(weeks.items())
    ]


class ReviewView(QWidget):
    shown = Signal()  # every time it is shown (screens refresh then: changes.Stale)
    practise_weakest = Signal(str)  # a topic, or "" for every topic
    open_history = Signal(str)  # a question id
    go_home = Signal()
    figures_shown = Signal()  # new figures are in its tables and charts (a few turns after)

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
        self.charts = charts

        questions_box = QWidget()
        questions_layout = QVBoxLayout(questions_box)
        questions_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.questions_label, 1)
        row.addWidget(self.topic_button)
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
        self.mastery_chart.topicClicked.connect(self.select_topic)
        self.questions.itemActivated.connect(
            lambda item, _column: self.open_history.emit(item.data(0, ID_ROLE))
        )
        self.weakest_button.clicked.connect(lambda: self.practise_weakest.emit(""))
        self.topic_button.clicked.connect(self._practise_topic)
        self.home_button.clicked.connect(self.go_home)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.delegate.dark = dark
        for chart in (self.mastery_chart, self.activity_chart, self.calendar):
            chart.set_dark(dark)
        self.topics.viewport().update()
        self.questions.viewport().update()

    def show_stats(
        self,
        stats: Stats,
        days: Sequence[tuple[str, int, float | None]],
        now: datetime,
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
            _set(item, 0, topic.topic, rank)  # rank: weakest first by default
            item.setData(0, ID_ROLE, topic.topic)
            item.setToolTip(0, topic.topic)
            _set(item, 1, "", f.mastery)
            _set(item, 2, _pct(f.coverage), f.coverage)
            item.setToolTip(2, COVERAGE_TIP)
            _set(item, 3, f"{topic.practised}/{topic.questions}", topic.practised / topic.questions)
            _set(item, 4, str(f.attempts), f.attempts)
            _figure_cells(item, f, 5)
            _set(item, 9, str(topic.due) if topic.due else "", topic.due)
            _set(
                item,
                10,
                _when(f.last_practised, now),
                f.last_practised.timestamp() if f.last_practised else None,
            )
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
            _set(row, 0, list_title(question.question), stats.figures.mastery)
            row.setData(0, ID_ROLE, question.id)
            row.setToolTip(0, plain_text(question.question))
            _set(row, 1, "", stats.figures.mastery)
            _set(row, 2, _pct(stats.figures.coverage), stats.figures.coverage)
            row.setToolTip(2, "Key points covered by the newest checked attempt")
            last = stats.last_rating
            _set(row, 3, Rating(last).label if last else "—", last)
            _set(row, 4, str(stats.figures.attempts), stats.figures.attempts)
            _set(
                row,
                5,
                _due_text(stats.due, self.now),
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
