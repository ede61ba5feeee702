"""``ActivityChart``: attempts per period as bars, the mean rating as a line with dots.

Both series share the plot: attempts on the left axis (integer ticks from 0), the mean
rating on the right axis, fixed from 1 (Again) to 4 (Easy). The attempts axis always has
three intervals, so its grid lines are the rating's grid lines too: one set of faint lines
serves both axes. Periods are whatever the caller counts in (days, weeks, months): the
chart reads the period length from the spacing of the dates, for the tooltips and the date
labels (month names when the range is long). A period without a rating (None) has no dot,
and the line does not cross it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from math import ceil
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from ...practice.rating import Rating
from ...wording import plural
from ._base import (
    MARGIN,
    MONTHS,
    ChartWidget,
    blend,
    day_text,
    scale_colour,
    with_alpha,
)

RATING_LABELS = [rating.label for rating in sorted(Rating)]  # bottom to top: Again..Easy
_NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)  # times a power of ten
_LONG_RANGE_DAYS = 120  # longer than this, the x axis names months


def attempts_step(most: int) -> int:
    """A round whole tick step such that three steps reach ``most`` attempts."""
    need = max(1, ceil(most / 3))
    scale = 1
    while True:
        for nice in _NICE_STEPS:
            step = nice * scale
            if step >= need and step.is_integer():
                return int(step)
        scale *= 10


def month_text(day: date, with_year: bool) -> str:
    name = MONTHS[day.month - 1]
    return f"{name} {day.year}" if with_year else name


@dataclass(frozen=True, slots=True)
class _Layout:
    plot: QRectF
    slot: float
    step: int  # attempts per grid interval; the axis ends at 3 * step
    bars: list[QRectF]
    points: list[QPointF | None]


class ActivityChart(ChartWidget):
    """Attempts (bars, left axis) and mean rating (line, right axis) per period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityChart")
        self.setAccessibleName("Attempts and mean rating over time")
        self._points: list[tuple[date, int, float | None]] = []
        self._hover: int | None = None

    # -- data ---------------------------------------------------------------------------
    def set_data(self, points: Sequence[tuple[date, int, float | None]]) -> None:
        """Show (period start, attempts, mean rating 1..4 or None) per period, by date."""
        self._points = sorted(
            ((start, max(0, int(attempts)), mean) for start, attempts, mean in points),
            key=lambda point: point[0],
        )
        self._hover = None
        total = sum(attempts for _, attempts, _ in self._points)
        self.setAccessibleDescription(
            f"{plural(total, 'attempt')} in {plural(len(self._points), 'period')}"
            if self._points
            else "No practice yet"
        )
        self.update()

    def plotted(self) -> list[tuple[date, QRectF, QPointF | None]]:
        """What is drawn: (period start, attempts bar, rating dot or None) by date."""
        layout = self._layout()
        return [
            (start, QRectF(bar), None if point is None else QPointF(point))
            for (start, _, _), bar, point in zip(
                self._points, layout.bars, layout.points, strict=True
            )
        ]

    def date_labels(self) -> list[tuple[str, QRectF]]:
        """What the x axis says: (text, rectangle) per date label, left to right."""
        return [(text, rect) for rect, text in self._date_labels(self._layout())]

    def is_empty(self) -> bool:
        return not any(attempts or mean is not None for _, attempts, mean in self._points)

    # -- geometry -----------------------------------------------------------------------
    def _period_days(self) -> int:
        gaps = sorted((b[0] - a[0]).days for a, b in pairwise(self._points))
        return max(1, gaps[len(gaps) // 2]) if gaps else 1

    def _layout(self) -> _Layout:
        fm = self.small_metrics()
        step = attempts_step(max((attempts for _, attempts, _ in self._points), default=0))
        left_w = max(fm.horizontalAdvance(str(step * i)) for i in range(4)) + 8
        right_w = max(fm.horizontalAdvance(label) for label in RATING_LABELS) + 8
        top = MARGIN + fm.height() + 12  # the legend
        bottom = MARGIN + fm.height() + 8  # the date labels
        plot = QRectF(
            MARGIN + left_w,
            top,
            max(1.0, self.width() - 2 * MARGIN - left_w - right_w),
            max(1.0, self.height() - top - bottom),
        )
        count = max(1, len(self._points))
        slot = plot.width() / count
        bar_w = min(slot * 0.62, 40.0) if slot >= 4 else max(1.0, slot * 0.8)
        bars: list[QRectF] = []
        points: list[QPointF | None] = []
        for index, (_, attempts, mean) in enumerate(self._points):
            centre = plot.left() + (index + 0.5) * slot
            height = plot.height() * attempts / (3 * step)
            bars.append(QRectF(centre - bar_w / 2, plot.bottom() - height, bar_w, height))
            if mean is None:
                points.append(None)
            else:
                level = (min(4.0, max(1.0, mean)) - 1) / 3
                points.append(QPointF(centre, plot.bottom() - level * plot.height()))
        return _Layout(plot, slot, step, bars, points)

    def _index_at(self, pos: QPointF) -> int | None:
        if not self._points:
            return None
        layout = self._layout()
        plot = layout.plot
        if not (plot.left() <= pos.x() < plot.right()):
            return None
        if not (plot.top() - 8 <= pos.y() <= self.height() - MARGIN / 2):
            return None
        return min(len(self._points) - 1, int((pos.x() - plot.left()) / layout.slot))

    def sizeHint(self) -> QSize:
        return QSize(560, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 150)

    # -- painting -----------------------------------------------------------------------
    def _paint(self, painter: QPainter, exposed: QRectF) -> None:
        theme = self.theme
        layout = self._layout()
        plot = layout.plot
        painter.setFont(self.small_font())
        fm = self.small_metrics()
        muted = QColor(theme.muted)
        bar_colour = blend(QColor(theme.background), QColor(theme.link), 0.55)

        if self._hover is not None:
            column = QRectF(
                plot.left() + self._hover * layout.slot, plot.top(), layout.slot, plot.height()
            )
            painter.fillRect(column, with_alpha(theme.header_background, 0.8))

        # Grid and axes: one faint line per tick, labelled on both sides.
        grid = QPen(with_alpha(theme.border, 0.45), 1)
        grid.setCosmetic(True)
        label_h = fm.height()
        for i in range(4):
            y = round(plot.bottom() - i * plot.height() / 3) + 0.5
            painter.setPen(grid if i else QPen(QColor(theme.border), 1))
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(muted)
            left = QRectF(MARGIN, y - label_h / 2, plot.left() - MARGIN - 8, label_h)
            painter.drawText(
                left,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(i * layout.step),
            )
            right = QRectF(plot.right() + 8, y - label_h / 2, self.width(), label_h)
            painter.drawText(
                right, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, RATING_LABELS[i]
            )

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bar_colour)
        for bar in layout.bars:
            if bar.height() > 0:  # rounded at the top, square on the axis
                radius = min(3.0, bar.width() / 2, bar.height())
                painter.drawRoundedRect(bar, radius, radius)
                painter.drawRect(bar.adjusted(0, radius, 0, 0))

        # The rating line, broken where a period has no rating.
        path = QPainterPath()
        previous: QPointF | None = None
        for point in layout.points:
            if point is not None:
                if previous is None:
                    path.moveTo(point)
                else:
                    path.lineTo(point)
            previous = point
        line = QPen(with_alpha(theme.text, 0.55), 1.75)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(line)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        radius = 4.0 if layout.slot >= 10 else 2.5
        painter.setPen(QPen(QColor(theme.background), 1.5))
        for point, (_, _, mean) in zip(layout.points, self._points, strict=True):
            if point is not None and mean is not None:
                painter.setBrush(scale_colour((mean - 1) / 3, theme))
                painter.drawEllipse(point, radius, radius)

        self._paint_dates(painter, layout)
        self._paint_legend(painter, plot, bar_colour)

    def _date_labels(self, layout: _Layout) -> list[tuple[QRectF, str]]:
        """Where the date labels go: evenly spaced, as many as fit without overlapping.

        Short ranges label every k-th period ("14 May"); long ones (or monthly periods) every
        k-th month ("Jan", with the year on the first label and on January), k as small as
        the width allows.
        """
        fm = self.small_metrics()
        y = layout.plot.bottom() + 6

        def place(candidates: list[tuple[int, str]]) -> list[tuple[QRectF, str]] | None:
            placed: list[tuple[QRectF, str]] = []
            for index, text in candidates:
                width = fm.horizontalAdvance(text) + 1
                centre = layout.plot.left() + (index + 0.5) * layout.slot
                left = min(max(centre - width / 2, MARGIN), self.width() - MARGIN - width)
                if placed and left < placed[-1][0].right() + 10:
                    return None
                placed.append((QRectF(left, y, width, fm.height()), text))
            return placed

        first, last = self._points[0][0], self._points[-1][0]
        options: list[list[tuple[int, str]]] = []
        if self._period_days() >= 28 or (last - first).days > _LONG_RANGE_DAYS:
            starts = [
                (index, start)
                for index, (start, _, _) in enumerate(self._points)
                if not index or start.month != self._points[index - 1][0].month
            ]
            for stride in (1, 2, 3, 6, 12):
                chosen = [(i, day) for i, day in starts if (day.month - 1) % stride == 0]
                options.append(
                    [
                        (i, month_text(day, n == 0 or day.month == 1))
                        for n, (i, day) in enumerate(chosen)
                    ]
                )
        else:
            # Weekly bars are labelled by their Monday: the first label says so.
            lead = "Week of " if self._period_days() == 7 else ""
            for stride in range(1, len(self._points) + 1):
                options.append(
                    [
                        (i, f"{lead if i == 0 else ''}{start.day} {MONTHS[start.month - 1]}")
                        for i, (start, _, _) in enumerate(self._points)
                        if i % stride == 0
                    ]
                )
        for candidates in options:
            placed = place(candidates)
            if placed is not None:
                return placed
        return (place(options[-1][:1]) or []) if options else []

    def _paint_dates(self, painter: QPainter, layout: _Layout) -> None:
        painter.setPen(QColor(self.theme.muted))
        for rect, text in self._date_labels(layout):
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, text)

    def _paint_legend(self, painter: QPainter, plot: QRectF, bar_colour: QColor) -> None:
        theme = self.theme
        fm = self.small_metrics()
        y = MARGIN + fm.height() / 2
        x = plot.left()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bar_colour)
        painter.drawRoundedRect(QRectF(x, y - 5, 10, 10), 2, 2)
        x += 16
        painter.setPen(QColor(theme.text))
        period = self._period_days() if self._points else 0
        text = {1: "Attempts per day", 7: "Attempts per week"}.get(period, "Attempts")
        painter.drawText(
            QRectF(x, y - fm.height() / 2, fm.horizontalAdvance(text) + 1, fm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        x += fm.horizontalAdvance(text) + 20
        painter.setPen(QPen(with_alpha(theme.text, 0.55), 1.75))
        painter.drawLine(QLineF(x, y, x + 18, y))
        painter.setPen(QPen(QColor(theme.background), 1.5))
        painter.setBrush(scale_colour(2 / 3, theme))
        painter.drawEllipse(QPointF(x + 9, y), 4, 4)
        x += 24
        painter.setPen(QColor(theme.text))
        text = "Mean rating"
        painter.drawText(
            QRectF(x, y - fm.height() / 2, fm.horizontalAdvance(text) + 1, fm.height()),
            Qt.AlignmentFlag.AlignVCenter,
            text,
        )

    # -- interaction --------------------------------------------------------------------
    def _period_text(self, start: date) -> str:
        period = self._period_days()
        if period >= 28:
            return f"{MONTHS[start.month - 1]} {start.year}"
        if period == 7:
            return f"Week of {day_text(start)}"
        if period == 1:
            return day_text(start)
        return f"{plural(period, 'day')} from {day_text(start)}"

    def _tooltip_at(self, pos: QPointF) -> str | None:
        index = self._index_at(pos)
        if index is None:
            return None
        start, attempts, mean = self._points[index]
        rating = "No rating" if mean is None else f"Mean rating {mean:.2f}"
        return f"{self._period_text(start)}\n{plural(attempts, 'attempt')}\n{rating}"

    def _item_at(self, pos: QPointF) -> Any:
        return self._index_at(pos)
