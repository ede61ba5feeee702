"""The key-point checklist in the dark theme: an empty box on a missed point's tint must
be as easy to see as on a plain row."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from interview_prep.feedback import KeyPoint
from interview_prep.practice.coverage import PointMark
from interview_prep.render import theme_for
from interview_prep.ui.key_points_panel import KeyPointsPanel
from interview_prep.ui.preferences import ThemeChoice
from interview_prep.ui.theme import apply_theme


def _box_contrast(image: QImage, top: int, bottom: int, tint: QColor) -> int:
    """The strongest lightness step from the tint where the row's box is (left of the text)."""
    return max(
        abs(QColor(image.pixel(x, y)).lightness() - tint.lightness())
        for y in range(top + 2, bottom - 2)
        for x in range(2, 19)
    )


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_an_unticked_box_stands_out_on_a_missed_points_tint(
    qtbot: QtBot, choice: ThemeChoice
) -> None:
    dark = apply_theme(choice)
    try:
        panel = KeyPointsPanel()
        qtbot.addWidget(panel)
        panel.resize(420, 200)
        points = [KeyPoint("Slots cap concurrency", "item", "Slots", None, ())]
        panel.set_dark(dark)
        panel.show_points(points, [PointMark("Slots cap concurrency", False, False)])
        panel.show()
        qtbot.waitExposed(panel)
        image = panel.list.viewport().grab().toImage()
        row = panel.list.visualItemRect(panel.list.item(0))
        tint = QColor(theme_for(dark).missed_background)
        assert _box_contrast(image, row.top(), row.bottom(), tint) >= 40
    finally:
        apply_theme(ThemeChoice.SYSTEM)
