"""Light and dark for the whole app: follow the system colour scheme unless overridden.

``is_dark`` answers "should we draw dark now?"; ``apply_theme`` sets the application
palette when the user overrides the system (Fusion's palette, which looks the same on every
platform); with the system choice the platform's own palette is restored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..render.theme import DARK, LIGHT
from .preferences import ThemeChoice

_original_palette: QPalette | None = None


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def is_dark(choice: ThemeChoice) -> bool:
    if choice is ThemeChoice.SYSTEM:
        return system_is_dark()
    return choice is ThemeChoice.DARK


def _palette(dark: bool) -> QPalette:
    colours = DARK if dark else LIGHT
    palette = QPalette()
    window = QColor("#1c2128" if dark else "#f6f8fa")
    base = QColor(colours.background)
    text = QColor(colours.text)
    for role, colour in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, window),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.ToolTipBase, base),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor(colours.muted)),
        (QPalette.ColorRole.Link, QColor(colours.link)),
        (QPalette.ColorRole.Highlight, QColor("#1f6feb" if dark else "#0969da")),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
    ):
        palette.setColor(role, colour)
    # Disabled controls: faint text on a flat face, so that a button that does nothing looks it.
    faint = QColor("#6e7681" if dark else "#8c959f")
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.PlaceholderText,
    ):
        palette.setColor(disabled, role, faint)
    palette.setColor(disabled, QPalette.ColorRole.Button, window)
    palette.setColor(disabled, QPalette.ColorRole.Base, window)
    return palette


def apply_theme(choice: ThemeChoice) -> bool:
    """Set the application palette for ``choice``; returns whether it is dark."""
    global _original_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return is_dark(choice)
    if _original_palette is None:
        _original_palette = QPalette(app.palette())
    if choice is ThemeChoice.SYSTEM:
        app.setPalette(_original_palette)
        return system_is_dark()
    app.setStyle("Fusion")
    app.setPalette(_palette(choice is ThemeChoice.DARK))
    return choice is ThemeChoice.DARK
