"""A recording's waveform: the loudness of each moment as a bar, the played part tinted, a
line where playback is; a click (or Left/Right) moves playback there.

The bars come from the 10 ms levels (``audio.levels.columns``), folded again only when the
width changes: a 5-minute recording paints in a few milliseconds (``bench/bench_audio.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..audio.levels import FRAMES_PER_SECOND, columns

STEP_SECONDS = 5.0  # Left / Right


class Waveform(QWidget):
    """Emits ``seekRequested(seconds)`` when clicked or moved with the arrow keys."""

    seekRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waveform")
        self.setAccessibleName("Recording waveform: click or use Left and Right to move")
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._levels: Sequence[float] = ()
        self._heights: list[float] = []
        self._width = -1
        self.position = 0.0  # seconds

    @property
    def seconds(self) -> float:
        return len(self._levels) / FRAMES_PER_SECOND

    def set_levels(self, levels: Sequence[float]) -> None:
        self._levels, self._width, self.position = levels, -1, 0.0
        self.update()

    def set_position(self, seconds: float) -> None:
        if abs(seconds - self.position) > 1e-3:
            self.position = seconds
            self.update()

    def heights(self, width: int) -> list[float]:
        if width != self._width:
            self._heights, self._width = columns(self._levels, width), width
        return self._heights

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        width, height = self.width(), self.height()
        heights = self.heights(width)
        played_x = self.position / self.seconds * width if self.seconds else 0.0
        middle = height / 2
        played, rest = (
            palette.color(QPalette.ColorRole.Highlight),
            palette.color(QPalette.ColorRole.Mid),
        )
        lines_played: list[QLineF] = []
        lines_rest: list[QLineF] = []
        for x, share in enumerate(heights):
            half = max(0.5, share * (middle - 2))
            line = QLineF(x + 0.5, middle - half, x + 0.5, middle + half)
            (lines_played if x < played_x else lines_rest).append(line)
        painter.setPen(QPen(played, 1))
        painter.drawLines(lines_played)
        painter.setPen(QPen(rest, 1))
        painter.drawLines(lines_rest)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 2))
        painter.drawLine(QPointF(played_x, 0), QPointF(played_x, height))
        if self.hasFocus():
            painter.setPen(
                QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            )
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.width() > 0 and self.seconds:
            share = max(0.0, min(1.0, event.position().x() / self.width()))
            self.seekRequested.emit(share * self.seconds)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -STEP_SECONDS, Qt.Key.Key_Right: STEP_SECONDS}.get(
            Qt.Key(event.key())
        )
        if step is None or not self.seconds:
            super().keyPressEvent(event)
            return
        self.seekRequested.emit(max(0.0, min(self.seconds, self.position + step)))
