"""Larger and smaller text (View → Larger text, Ctrl+=) beyond the answer panes.

The answer views scale their rendered Markdown themselves (``AnswerView.set_font_delta``).
Everything else a user reads at length follows here: the notes, the question lists, the
review and summary tables and the key-point checklist. Each widget's own size is kept (in a
property) the first time, so that steps add up from it and Reset goes back to it. Lists and
tables grow at most ``MAX_STEP`` points, within what their rows and columns can hold.
"""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QPlainTextEdit, QTreeWidget, QWidget

MAX_STEP = 6  # points added to lists, tables and notes, at most
MIN_POINTS = 7.0
_BASE = "baseFontPointSize"
READING_WIDGETS: tuple[type[QWidget], ...] = (QPlainTextEdit, QTreeWidget, QListWidget)


def apply_text_size(root: QWidget, delta: int) -> None:
    """Every reading widget under ``root`` at its own size plus ``delta`` points (bounded)."""
    step = max(-MAX_STEP, min(delta, MAX_STEP))
    for kind in READING_WIDGETS:
        for widget in root.findChildren(kind):
            base = widget.property(_BASE)
            if not isinstance(base, float):
                base = widget.font().pointSizeF()
                widget.setProperty(_BASE, base)
            font = widget.font()
            size = max(MIN_POINTS, base + step)
            if font.pointSizeF() != size:
                font.setPointSizeF(size)
                widget.setFont(font)
