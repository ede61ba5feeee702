"""The review screen's table cells: numbers that sort as numbers, mastery drawn as a bar,
never-practised topics kept in a group below, and the texts of dates and shares.

Split from ``review_view`` so that the screen's module holds its layout and flow only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeWidgetItem, QWidget

from ..render import theme_for
from ..stats.figures import Figures

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11
TOPIC_COLUMNS = [
    "Topic", "Mastery", "Key points", "Practised", "Attempts", "Rating", "Again/Hard",
    "Time used", "Over time", "Due", "Last practised", "Talk time", "Pauses",
]  # fmt: skip
SPEAKING_TIP = (
    "Recorded answers (talking it through): the mean time from first to last word, and "
    "the mean share of it spent in pauses, the longest pause and the pauses over 3 s"
)
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


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def when_text(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    days = (now.date() - moment.astimezone().date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago" if days < 60 else moment.astimezone().strftime("%d %b %Y")


def due_text(due: datetime | None, now: datetime) -> str:
    if due is None:
        return "—"
    if due <= now:
        return "now"
    days = (due - now).days
    return "tomorrow" if days < 1 else f"in {days + 1} days"


# Combined once: or-ing two PySide flags costs microseconds, a few milliseconds per table.
NEXT_TURN_MS = 1  # a timer, not a zero one: the event loop paints and ticks in between
FIGURE_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def set_cell(item: QTreeWidgetItem, column: int, text: str, key: object) -> None:
    item.setText(column, text)
    item.setData(column, SORT_ROLE, key)
    if column:
        item.setTextAlignment(column, FIGURE_ALIGNMENT)


def figure_cells(item: QTreeWidgetItem, figures: Figures, first: int) -> None:
    rating = figures.mean_rating
    set_cell(item, first, "—" if rating is None else f"{rating:.1f}", rating)
    set_cell(item, first + 1, pct(figures.weak_share), figures.weak_share)
    set_cell(item, first + 2, pct(figures.median_time_ratio), figures.median_time_ratio)
    set_cell(item, first + 3, pct(figures.overtime_rate), figures.overtime_rate)


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
