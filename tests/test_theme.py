"""The explicit Light and Dark themes: what a user sees of enabled and disabled controls."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from interview_prep.ui.preferences import ThemeChoice
from interview_prep.ui.theme import apply_theme


def _ink_contrast(image: QImage) -> float:
    """How far the strongest text pixel is from the face colour (lightness, 0–255)."""
    face = QColor(image.pixel(image.width() // 2, 3)).lightness()
    values = [
        QColor(image.pixel(x, y)).lightness()
        for y in range(image.height() // 4, 3 * image.height() // 4)
        for x in range(image.width() // 4, 3 * image.width() // 4)
    ]
    return max(abs(value - face) for value in values)


@pytest.fixture
def restore_theme(qapp: QApplication):  # type: ignore[no-untyped-def]
    yield
    apply_theme(ThemeChoice.SYSTEM)


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_a_disabled_button_looks_disabled(
    qtbot: QtBot, choice: ThemeChoice, restore_theme: None
) -> None:
    apply_theme(choice)
    row = QWidget()
    layout = QHBoxLayout(row)
    enabled, disabled = QPushButton("Delete"), QPushButton("Delete")
    disabled.setEnabled(False)
    entry, locked_entry = QLineEdit("notes"), QLineEdit("notes")
    locked_entry.setEnabled(False)
    for widget in (enabled, disabled, entry, locked_entry):
        layout.addWidget(widget)
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    shown, faded = _ink_contrast(enabled.grab().toImage()), _ink_contrast(disabled.grab().toImage())
    assert faded < shown * 0.75, (shown, faded)  # the label is clearly fainter
    assert faded > 40  # and still readable
    typed, locked = (
        _ink_contrast(entry.grab().toImage()),
        _ink_contrast(locked_entry.grab().toImage()),
    )
    assert locked < typed * 0.75, (typed, locked)
