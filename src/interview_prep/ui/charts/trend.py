"""``TrendChart``: mastery over time, one line per chosen topic, by week.

The y axis is mastery, 0 to 100, with a faint line every 25; the x axis weeks, labelled by
their Monday ("Week of 2 Nov" first, then a date every few weeks, as many as fit; on a
range of about a year or more, the year where it changes). Each topic
has its own colour, named in the legend above the plot; the tooltip gives every topic's
mastery in the week under the mouse. ``lines()`` returns the drawn points, for tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from ...stats.trend import WeeklyMastery
from ._base import MARGIN, MONTHS, ChartWidget, day_text, with_alpha

# Distinct on white and on the dark background (a colour-blind-safe set).
LINE_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8e8e8e")
MAX_TOPICS = len(LINE_COLOURS)


class TrendChart(ChartWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("masteryTrendChart")
        self.setAccessibleName("Mastery over time, by week, per chosen topic")
        self._series: dict[str, WeeklyMastery] = {}

    def set_data(self, series: Mapping[str, WeeklyMastery]) -> None:
        """Lines for up to ``MAX_TOPICS`` topics: topic -> (Monday, mastery) by week."""
        self._series = {t: list(points) for t, points in list(series.items())[:MAX_TOPICS]}
        described = ", ".join(
            f"{topic} from {points[0][1]:.0f} to {points[-1][1]:.0f}"
            for topic, points in self._series.items()
            if points
        )
        self.setAccessibleDescription(described or "No practice yet")
        self.update()

    def is_empty(self) -> bool:
        return not any(self._series.values())

    def sizeHint(self) -> QSize:
        return QSize(520, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 160)

    # -- geometry -----------------------------------------------------------------------
    def _weeks(self) -> list[date]:
        starts = [points[0][0] for points in self._series.values() if points]
        ends = [points[-1][0] for points in self._series.values() if points]
        if not starts:
            return []
        weeks, week = [], min(starts)
        while week <= max(ends):
            weeks.append(week)
            week += timedelta(days=7)
        return weeks

    def _plot(self) -> QRectF:
        fm = self.small_metrics()
        left = MARGIN + fm.horizontalAdvance("100") + 6
        top = MARGIN + fm.height() * 1.6 * self._legend_rows()
        bottom = self.height() - MARGIN - fm.height() - 6
        return QRectF(left, top, max(1.0, self.width() - MARGIN - left), max(1.0, bottom - top))

    def _legend_rows(self) -> int:
        fm, x, rows = self.small_metrics(), MARGIN, 1
        for topic in self._series:
            width = fm.horizontalAdvance(topic) + 32
            if x + width > self.width() - MARGIN and x > MARGIN:
                rows, x = rows + 1, MARGIN
            x += width
        return rows

    def _x(self, plot: QRectF, weeks: list[date], week: date) -> float:
        if len(weeks) < 2:
            return plot.center().x()
        return plot.left() + plot.width() * (week - weeks[0]).days / (weeks[-1] - weeks[0]).days

    def lines(self) -> dict[str, list[QPointF]]:
        """The points drawn per topic (widget coordinates), by week."""
        plot, weeks = self._plot(), self._weeks()
        return {
            topic: [
                QPointF(self._x(plot, weeks, week), plot.bottom() - plot.height() * value / 100)
                for week, value in points
            ]
            for topic, points in self._series.items()
        }

    def date_labels(self) -> list[str]:
        """What the x axis says, left to right."""
        return [text for text, _x in self._date_labels(self._plot())]

    def _date_labels(self, plot: QRectF) -> list[tuple[str, float]]:
        weeks, fm = self._weeks(), self.small_metrics()
        for stride in range(1, len(weeks) + 1):
            chosen, year = [], None
            for i, w in enumerate(weeks):
                if i % stride:
                    continue
                text = ("Week of " if i == 0 else "") + f"{w.day} {MONTHS[w.month - 1]}"
                if w.year != year and (weeks[-1] - weeks[0]).days > 300:
                    text += f" {w.year}"  # the year where it changes, on a long range
                year = w.year
                chosen.append((text, i))
            placed, right = [], -1e9
            for text, i in chosen:
                x = self._x(plot, weeks, weeks[i])
                width = fm.horizontalAdvance(text)
                left = min(max(x - width / 2, MARGIN), self.width() - MARGIN - width)
                if left < right + 10:
                    break
                placed.append((text, left))
                right = left + width
            else:
                return placed
        return []

    # -- painting -----------------------------------------------------------------------
    def _paint(self, painter: QPainter, exposed: QRectF) -> None:
        theme, fm = self.theme, self.small_metrics()
        plot = self._plot()
        painter.setFont(self.small_font())
        for value in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * value / 100
            painter.setPen(QPen(with_alpha(theme.text, 0.12), 1))
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(QColor(theme.muted))
            label = QRectF(MARGIN, y - fm.height() / 2, plot.left() - MARGIN - 6, fm.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, str(value))
        for (topic, points), colour in zip(self.lines().items(), LINE_COLOURS, strict=False):
            path = QPainterPath()
            for index, point in enumerate(points):
                path.moveTo(point) if index == 0 else path.lineTo(point)
            painter.setPen(QPen(QColor(colour), 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            if points:
                painter.setBrush(QColor(colour))
                painter.drawEllipse(points[-1], 3.0, 3.0)
            del topic
        painter.setPen(QColor(theme.muted))
        y = plot.bottom() + 6
        for text, left in self._date_labels(plot):
            painter.drawText(QRectF(left, y, fm.horizontalAdvance(text) + 1, fm.height()), text)
        self._paint_legend(painter)

    def _paint_legend(self, painter: QPainter) -> None:
        fm = self.small_metrics()
        x, y = MARGIN, MARGIN
        for topic, colour in zip(self._series, LINE_COLOURS, strict=False):
            width = fm.horizontalAdvance(topic) + 32
            if x + width > self.width() - MARGIN and x > MARGIN:
                x, y = MARGIN, y + fm.height() * 1.6
            painter.setPen(QPen(QColor(colour), 2.5))
            painter.drawLine(QLineF(x, y + fm.height() / 2, x + 16, y + fm.height() / 2))
            painter.setPen(QColor(self.theme.text))
            painter.drawText(QRectF(x + 20, y, width, fm.height()), topic)
            x += width

    # -- interaction --------------------------------------------------------------------
    def _tooltip_at(self, pos: QPointF) -> str | None:
        plot, weeks = self._plot(), self._weeks()
        if not weeks or not plot.adjusted(-8, -8, 8, 8).contains(pos):
            return None
        week = min(weeks, key=lambda w: abs(self._x(plot, weeks, w) - pos.x()))
        lines = [f"Week of {day_text(week)}"]
        for topic, points in self._series.items():
            value = dict(points).get(week)
            if value is not None:
                lines.append(f"{topic}: {value:.0f}")
        return "\n".join(lines)
