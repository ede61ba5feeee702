"""``PracticeCalendar``: attempts per day as a heatmap, like a contribution graph.

Columns are weeks (Monday first), rows are weekdays; the last column holds ``end`` and
days after it are not drawn. Month names sit above the first week that starts in the
month, Mon/Wed/Fri on the left, and a "Less … More" legend under the grid.

Shades (``level_for``): 0 attempts is level 0, the empty colour. For the other days the
thresholds are the quartiles (inclusive method) of the non-zero counts in the shown range:
a count up to the first quartile is level 1, up to the median 2, up to the third quartile
3, above it 4, and the busiest day is always 4. Quartiles, not fractions of the maximum,
so that one marathon day does not leave every other day in the palest shade.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...render.theme import AnswerTheme
from ...wording import plural
from ._base import (
    MARGIN,
    MONTHS,
    WEEKDAYS,
    ChartWidget,
    blend,
    day_text,
    success_colour,
)

LEVELS = 5
_SHADES = (0.3, 0.5, 0.75, 1.0)  # opacity of the success green over the background, 1..4
_MIN_PITCH, _MAX_PITCH, _HINT_PITCH = 7, 22, 14

Thresholds = tuple[float, float, float]


def level_thresholds(counts: Iterable[int]) -> Thresholds:
    """The quartiles of the non-zero ``counts`` (all three equal for a single day)."""
    busy = sorted(count for count in counts if count > 0)
    if not busy:
        return (0.0, 0.0, 0.0)
    if len(busy) == 1:
        return (float(busy[0]),) * 3
    q1, q2, q3 = statistics.quantiles(busy, n=4, method="inclusive")
    return (q1, q2, q3)


def level_for(count: int, thresholds: Thresholds, busiest: int) -> int:
    """The shade 0..4 of a day with ``count`` attempts (see the module's docstring)."""
    if count <= 0:
        return 0
    if count >= busiest:
        return LEVELS - 1
    return 1 + sum(count > threshold for threshold in thresholds)


def level_colour(level: int, theme: AnswerTheme) -> QColor:
    if level <= 0:
        return QColor(theme.header_background)
    shade = _SHADES[min(level, LEVELS - 1) - 1]
    return blend(QColor(theme.background), success_colour(theme), shade)


@dataclass(frozen=True, slots=True)
class _Grid:
    first: date  # the Monday of the first column
    left: float  # the first column's x
    top: float  # the first row's y
    pitch: float  # cell plus gap
    cell: float

    def rect(self, day: date) -> QRectF:
        column = (day - self.first).days // 7
        return QRectF(
            self.left + column * self.pitch,
            self.top + day.weekday() * self.pitch,
            self.cell,
            self.cell,
        )


class PracticeCalendar(ChartWidget):
    """A year (``weeks`` columns) of practice, one shaded square per day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceCalendar")
        self.setAccessibleName("Practice calendar")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._days: dict[date, int] = {}
        self._end = date.today()
        self._weeks = 53
        self._hover: date | None = None
        self._sizes: dict[tuple[int, int, str], QSize] = {}

    # -- data ---------------------------------------------------------------------------
    def set_data(
        self, days: Mapping[date, int], *, end: date | None = None, weeks: int = 53
    ) -> None:
        """Show attempts per local day for ``weeks`` weeks up to ``end`` (default today)."""
        self._end = end or date.today()
        self._weeks = max(1, weeks)
        first = self._first()
        self._days = {day: int(count) for day, count in days.items() if first <= day <= self._end}
        self._hover = None
        total = sum(self._days.values())
        active = sum(1 for count in self._days.values() if count > 0)
        self.setAccessibleDescription(
            f"{plural(total, 'attempt')} on {plural(active, 'day')}"
            if active
            else "No practice yet"
        )
        self.updateGeometry()
        self.update()

    def cells(self) -> dict[date, tuple[QRectF, int]]:
        """What is drawn: each day's square and shade level (0..4), up to ``end``."""
        grid = self._grid()
        levels = self._levels()
        return {day: (grid.rect(day), levels.get(day, 0)) for day in self._shown_days()}

    def is_empty(self) -> bool:
        return not any(count > 0 for count in self._days.values())

    # -- geometry -----------------------------------------------------------------------
    def _first(self) -> date:
        return self._end - timedelta(days=self._end.weekday() + 7 * (self._weeks - 1))

    def _shown_days(self) -> list[date]:
        first = self._first()
        return [first + timedelta(days=i) for i in range((self._end - first).days + 1)]

    def _levels(self) -> dict[date, int]:
        counts = self._days.values()
        thresholds = level_thresholds(counts)
        busiest = max(counts, default=0)
        return {day: level_for(count, thresholds, busiest) for day, count in self._days.items()}

    def _label_width(self) -> float:
        fm = self.small_metrics()
        return max(fm.horizontalAdvance(WEEKDAYS[row]) for row in (0, 2, 4)) + 6

    def _chrome(self) -> tuple[float, float]:
        """Height above the grid (month names) and below it (legend)."""
        height = self.small_metrics().height()
        return height + 4, height + 10

    def _grid(self) -> _Grid:
        label_w = self._label_width()
        above, below = self._chrome()
        fit_w = (self.width() - 2 * MARGIN - label_w) / self._weeks
        fit_h = (self.height() - 2 * MARGIN - above - below) / 7
        pitch = float(int(min(_MAX_PITCH, max(_MIN_PITCH, min(fit_w, fit_h)))))
        gap = max(2.0, round(pitch * 0.2))
        grid_w = self._weeks * pitch - gap
        block_h = above + 7 * pitch - gap + below
        left = max(MARGIN + label_w, round((self.width() - grid_w + label_w) / 2))
        top = max(MARGIN, round((self.height() - block_h) / 2)) + above
        return _Grid(self._first(), left, top, pitch, pitch - gap)

    def _day_at(self, pos: QPointF) -> date | None:
        grid = self._grid()
        column = int((pos.x() - grid.left) // grid.pitch)
        row = int((pos.y() - grid.top) // grid.pitch)
        if not (0 <= column < self._weeks and 0 <= row < 7):
            return None
        day = grid.first + timedelta(days=7 * column + row)
        return day if day <= self._end else None

    def _size_for(self, pitch: int) -> QSize:
        # Layouts ask many times as a screen is shown (64 times for the review screen):
        # measured once per font and number of weeks.
        key = (pitch, self._weeks, self.font().key())
        size = self._sizes.get(key)
        if size is None:
            above, below = self._chrome()
            width = 2 * MARGIN + self._label_width() + self._weeks * pitch
            size = QSize(round(width), round(2 * MARGIN + above + 7 * pitch + below))
            self._sizes[key] = size
        return size

    def sizeHint(self) -> QSize:
        return self._size_for(_HINT_PITCH)

    def minimumSizeHint(self) -> QSize:
        return self._size_for(_MIN_PITCH)

    # -- painting -----------------------------------------------------------------------
    def _paint(self, painter: QPainter, exposed: QRectF) -> None:
        theme = self.theme
        grid = self._grid()
        painter.setFont(self.small_font())
        fm = self.small_metrics()
        muted = QColor(theme.muted)
        radius = max(1.5, grid.cell * 0.2)

        cells = self.cells()
        painter.setPen(Qt.PenStyle.NoPen)
        for _day, (rect, level) in cells.items():
            painter.setBrush(level_colour(level, theme))
            painter.drawRoundedRect(rect, radius, radius)
        if self._hover in cells:
            painter.setPen(QPen(QColor(theme.text), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(cells[self._hover][0].adjusted(-1, -1, 1, 1), radius, radius)

        painter.setPen(muted)
        text_h = fm.height()
        for row in (0, 2, 4):
            y = grid.top + row * grid.pitch + grid.cell / 2
            rect = QRectF(MARGIN / 2, y - text_h / 2, grid.left - 6 - MARGIN / 2, text_h)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, WEEKDAYS[row]
            )

        self._paint_months(painter, grid)
        self._paint_legend(painter, grid)

    def _paint_months(self, painter: QPainter, grid: _Grid) -> None:
        fm = self.small_metrics()
        labels: list[tuple[float, str]] = []
        previous = None
        for column in range(self._weeks):
            monday = grid.first + timedelta(days=7 * column)
            if monday.month != previous:
                name = MONTHS[monday.month - 1]
                labels.append((grid.left + column * grid.pitch, name))
                previous = monday.month
        # The first column's month only gets a label if it has room before the next one.
        if len(labels) > 1 and labels[0][0] + fm.horizontalAdvance(labels[0][1]) + 6 > labels[1][0]:
            labels.pop(0)
        y = grid.top - fm.height() - 4
        for x, text in labels:
            painter.drawText(
                QRectF(x, y, fm.horizontalAdvance(text) + 1, fm.height()),
                Qt.AlignmentFlag.AlignLeft,
                text,
            )

    def _paint_legend(self, painter: QPainter, grid: _Grid) -> None:
        theme = self.theme
        fm = self.small_metrics()
        right = grid.left + self._weeks * grid.pitch - (grid.pitch - grid.cell)
        y = grid.top + 7 * grid.pitch + 8
        text_h = fm.height()
        cell = min(grid.cell, text_h - 4)
        more_w = fm.horizontalAdvance("More")
        x = right - more_w
        painter.setPen(QColor(theme.muted))
        painter.drawText(QRectF(x, y, more_w + 1, text_h), Qt.AlignmentFlag.AlignVCenter, "More")
        x -= 6 + LEVELS * (cell + 3) - 3
        painter.setPen(Qt.PenStyle.NoPen)
        radius = max(1.5, cell * 0.2)
        for level in range(LEVELS):
            painter.setBrush(level_colour(level, theme))
            painter.drawRoundedRect(
                QRectF(x + level * (cell + 3), y + (text_h - cell) / 2, cell, cell), radius, radius
            )
        less_w = fm.horizontalAdvance("Less")
        painter.setPen(QColor(theme.muted))
        painter.drawText(
            QRectF(x - 6 - less_w, y, less_w + 1, text_h), Qt.AlignmentFlag.AlignVCenter, "Less"
        )

        total = sum(self._days.values())
        active = sum(1 for count in self._days.values() if count > 0)
        summary = f"{plural(total, 'attempt')} on {plural(active, 'day')}"
        painter.drawText(
            QRectF(grid.left, y, x - 6 - less_w - grid.left - 12, text_h),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(summary, Qt.TextElideMode.ElideRight, x - less_w - grid.left - 18),
        )

    # -- interaction --------------------------------------------------------------------
    def _tooltip_at(self, pos: QPointF) -> str | None:
        day = self._day_at(pos)
        if day is None:
            return None
        count = self._days.get(day, 0)
        return f"{day_text(day)}: {plural(count, 'attempt') if count else 'no attempts'}"

    def _item_at(self, pos: QPointF) -> Any:
        return self._day_at(pos)
