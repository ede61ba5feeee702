"""``MasteryBarChart``: one horizontal bar per topic, coloured by mastery (0..100).

Topics are drawn in the order given (callers sort the weakest first), each on a row of
fixed height: the label on the left (elided to fit), a faint track holding the bar, and the
value at the bar's end. A click on a row emits ``topicClicked`` with its label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ._base import MARGIN, ChartWidget, number_text, scale_colour

_GAP = 12.0  # between the label column and the bars, and after a bar's value


@dataclass(frozen=True, slots=True)
class _Row:
    label: str
    value: float
    row: QRectF  # the whole row: what a click or a tooltip hits
    track: QRectF  # the bar at 100
    bar: QRectF


class MasteryBarChart(ChartWidget):
    """Mastery per topic as horizontal bars, red (0) through amber to green (100)."""

    topicClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("masteryChart")
        self.setAccessibleName("Mastery by topic")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._data: list[tuple[str, float]] = []
        self._hover: int | None = None
        self._pressed: int | None = None

    # -- data ---------------------------------------------------------------------------
    def set_data(self, rows: Sequence[tuple[str, float]]) -> None:
        """Show ``rows`` of (topic, mastery 0..100) in this order; values are clamped."""
        self._data = [(label, min(100.0, max(0.0, float(value)))) for label, value in rows]
        self._hover = self._pressed = None
        if self._data:
            weakest = min(self._data, key=lambda row: row[1])
            self.setAccessibleDescription(
                f"{len(self._data)} topics; weakest {weakest[0]} at {number_text(weakest[1])}"
            )
        else:
            self.setAccessibleDescription("No practice yet")
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, float, QRectF]]:
        """What is drawn: (label, value, bar rectangle) per topic, top to bottom."""
        return [(row.label, row.value, QRectF(row.bar)) for row in self._rows()]

    def is_empty(self) -> bool:
        return not self._data

    # -- geometry -----------------------------------------------------------------------
    def _row_height(self) -> float:
        return max(24.0, round(self.metrics().height() * 1.75))

    def _value_width(self) -> float:
        return self.metrics().horizontalAdvance("100") + _GAP

    def _rows(self) -> list[_Row]:
        fm = self.metrics()
        width = float(self.width())
        row_h = self._row_height()
        bar_h = round(row_h * 0.55)
        widest = max((fm.horizontalAdvance(label) for label, _ in self._data), default=0.0)
        label_w = min(widest, max(72.0, (width - 2 * MARGIN) * 0.38))
        left = MARGIN + label_w + _GAP
        track_w = max(1.0, width - MARGIN - self._value_width() - left)
        rows = []
        for index, (label, value) in enumerate(self._data):
            top = MARGIN + index * row_h
            bar_top = top + (row_h - bar_h) / 2
            rows.append(
                _Row(
                    label=label,
                    value=value,
                    row=QRectF(MARGIN / 2, top, width - MARGIN, row_h),
                    track=QRectF(left, bar_top, track_w, bar_h),
                    bar=QRectF(left, bar_top, track_w * value / 100.0, bar_h),
                )
            )
        return rows

    def _index_at(self, pos: QPointF) -> int | None:
        for index, row in enumerate(self._rows()):
            if row.row.contains(pos):
                return index
        return None

    def sizeHint(self) -> QSize:
        rows = max(3, len(self._data))
        return QSize(440, round(2 * MARGIN + rows * self._row_height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

    # -- painting -----------------------------------------------------------------------
    def _paint(self, painter: QPainter, exposed: QRectF) -> None:
        theme = self.theme
        fm = self.metrics()
        for index, row in enumerate(self._rows()):
            if not row.row.intersects(exposed):
                continue  # scrolled out of sight: 60 topics' rows took 14 ms to draw
            if index == self._hover:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(theme.code_background))
                painter.drawRoundedRect(row.row, 6, 6)
            label_rect = QRectF(
                MARGIN, row.row.top(), row.track.left() - _GAP - MARGIN, row.row.height()
            )
            painter.setPen(QColor(theme.text))
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_rect.width()),
            )
            radius = min(4.0, row.track.height() / 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.header_background))
            painter.drawRoundedRect(row.track, radius, radius)
            if row.bar.width() > 0:
                bar_radius = min(radius, row.bar.width() / 2)
                painter.setBrush(scale_colour(row.value / 100.0, theme))
                painter.drawRoundedRect(row.bar, bar_radius, bar_radius)
            value_rect = QRectF(
                row.bar.right() + 6, row.row.top(), self._value_width(), row.row.height()
            )
            painter.setPen(QColor(theme.muted))
            painter.drawText(
                value_rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{row.value:.0f}",
            )

    # -- interaction --------------------------------------------------------------------
    def _tooltip_at(self, pos: QPointF) -> str | None:
        index = self._index_at(pos)
        if index is None:
            return None
        label, value = self._data[index]
        return f"{label}\nMastery {number_text(value)} / 100"

    def _item_at(self, pos: QPointF) -> Any:
        return self._index_at(pos)

    def _hover_changed(self, item: Any) -> None:
        if item is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self._index_at(event.position())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            pressed, self._pressed = self._pressed, None
            index = self._index_at(event.position())
            if index is not None and index == pressed:
                self.topicClicked.emit(self._data[index][0])
            event.accept()
            return
        super().mouseReleaseEvent(event)
