"""What the three charts share: the theme, the colour scale, tooltips and the empty state.

``ChartWidget`` is the base class. It keeps the light/dark theme (``set_dark``), paints the
background and either the empty state ("No practice yet") or the chart (``_paint``), and
answers ``QEvent.ToolTip`` with whatever ``tooltip_at`` says about the point under the
mouse. Geometry is computed from the current size and font whenever it is needed, so what
``paintEvent`` draws, what the tooltips describe and what the tests read (``bars()``,
``plotted()``, ``cells()``) can never disagree.
"""

from __future__ import annotations

import colorsys
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from ...render.theme import AnswerTheme, theme_for

EMPTY_TEXT = "No practice yet"
MARGIN = 12.0

# The green end of the scale: GitHub's "success" foreground for each theme.
SUCCESS_LIGHT = "#1a7f37"
SUCCESS_DARK = "#3fb950"


def success_colour(theme: AnswerTheme) -> QColor:
    """The theme's "good" green (the themes themselves have no success colour)."""
    return QColor(SUCCESS_DARK if theme.name == "dark" else SUCCESS_LIGHT)


def _mix_hsv(start: QColor, end: QColor, t: float) -> QColor:
    h1, s1, v1 = colorsys.rgb_to_hsv(start.redF(), start.greenF(), start.blueF())
    h2, s2, v2 = colorsys.rgb_to_hsv(end.redF(), end.greenF(), end.blueF())
    dh = (h2 - h1 + 0.5) % 1.0 - 0.5  # the shorter way round the hue circle
    r, g, b = colorsys.hsv_to_rgb((h1 + dh * t) % 1.0, s1 + (s2 - s1) * t, v1 + (v2 - v1) * t)
    return QColor.fromRgbF(r, g, b)


def blend(base: QColor, top: QColor, t: float) -> QColor:
    """``top`` laid over ``base`` with opacity ``t`` (0..1), as an opaque colour."""
    t = min(1.0, max(0.0, t))
    return QColor.fromRgbF(
        base.redF() + (top.redF() - base.redF()) * t,
        base.greenF() + (top.greenF() - base.greenF()) * t,
        base.blueF() + (top.blueF() - base.blueF()) * t,
    )


def scale_colour(fraction: float, theme: AnswerTheme) -> QColor:
    """Red (0) → amber (0.5) → green (1), interpolated in HSV, for mastery and ratings."""
    fraction = min(1.0, max(0.0, fraction))
    danger, warning, success = QColor(theme.danger), QColor(theme.warning), success_colour(theme)
    if fraction <= 0.5:
        return _mix_hsv(danger, warning, fraction * 2)
    return _mix_hsv(warning, success, fraction * 2 - 1)


def with_alpha(colour: QColor | str, alpha: float) -> QColor:
    result = QColor(colour)
    result.setAlphaF(alpha)
    return result


def number_text(value: float) -> str:
    """``42`` or ``42.5``: at most one decimal, none when it is zero."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


# English names, whatever the C locale (Qt sets it from the environment, strftime follows).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(day: date) -> str:
    """``Tue 14 May 2026``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


class ChartWidget(QWidget):
    """Base of the charts: theme, background, empty state and tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dark = False
        self._hover: Any = None  # what the pointer is over (see ``_item_at``)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # -- appearance ---------------------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self.update()

    @property
    def dark(self) -> bool:
        return self._dark

    @property
    def theme(self) -> AnswerTheme:
        return theme_for(self._dark)

    def small_font(self) -> QFont:
        """The widget's font a little smaller, for axes, legends and month labels."""
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        else:
            font.setPixelSize(max(8, round(font.pixelSize() * 0.9)))
        return font

    def small_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.small_font())

    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    # -- to override --------------------------------------------------------------------
    def is_empty(self) -> bool:
        raise NotImplementedError

    def _tooltip_at(self, pos: QPointF) -> str | None:
        raise NotImplementedError

    def _paint(self, painter: QPainter, exposed: QRectF) -> None:
        """Draw the chart; only what meets ``exposed`` need be drawn (a chart taller than
        its scroll area is painted a screenful at a time)."""
        raise NotImplementedError

    def tooltip_at(self, pos: QPointF) -> str | None:
        """The tooltip for the point ``pos`` (widget coordinates), or None over nothing."""
        return None if self.is_empty() else self._tooltip_at(pos)

    # -- hovering -----------------------------------------------------------------------
    def _item_at(self, pos: QPointF) -> Any:
        """What is under ``pos`` (a bar's index, a day…), highlighted while hovered."""
        return None

    def _hover_changed(self, item: Any) -> None:
        """The item under the pointer changed (None: nothing); it is repainted."""
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        item = self._item_at(event.position())
        if item != self._hover:
            self._hover = item
            self._hover_changed(item)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self._hover_changed(None)
        super().leaveEvent(event)

    # -- Qt -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self.theme
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(self.rect(), QColor(theme.background))
            painter.setFont(self.font())
            if self.is_empty():
                painter.setPen(QColor(theme.muted))
                painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)
            else:
                self._paint(painter, QRectF(event.rect()))
        finally:
            painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
