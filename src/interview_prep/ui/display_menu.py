"""The View menu: theme (system, light, dark), answer text size and the session's time-up
cues, for a whole window.

``DisplayControls`` owns the actions and the preferences behind them and applies them to
every ``AnswerView`` inside its window, now and whenever they change (including when the
system switches between light and dark while the app runs).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..practice.time_cues import CueChoice
from .answer_view import AnswerView
from .preferences import FONT_DELTA, THEME, TIME_CUES, Preferences, ThemeChoice
from .text_size import apply_text_size
from .theme import apply_theme, is_dark

E = TypeVar("E", bound=StrEnum)

_CUE_LABELS = {
    CueChoice.OFF: "&Off",
    CueChoice.FLASH: "&Flash the countdown",
    CueChoice.FLASH_AND_SOUND: "Flash and &sound",
}
_THEME_LABELS = {
    ThemeChoice.SYSTEM: "Follow &system",
    ThemeChoice.LIGHT: "&Light",
    ThemeChoice.DARK: "&Dark",
}


class DisplayControls(QObject):
    theme_changed = Signal(bool)  # dark?

    def __init__(self, window: QMainWindow, preferences: Preferences) -> None:
        super().__init__(window)
        self.window = window
        self.preferences = preferences
        self.menu = QMenu("&View", window)
        self.menu.setObjectName("viewMenu")

        self.theme_actions = self._choices(
            "&Theme", "theme", _THEME_LABELS, preferences.get(THEME), self.set_theme
        )

        self.menu.addSeparator()
        self.larger = self._action("&Larger text", "largerTextAction", ["Ctrl+=", "Ctrl++"])
        self.smaller = self._action("&Smaller text", "smallerTextAction", ["Ctrl+-"])
        self.reset = self._action("&Reset text size", "resetTextAction", ["Ctrl+0"])
        self.larger.triggered.connect(lambda: self.change_font(+1))
        self.smaller.triggered.connect(lambda: self.change_font(-1))
        self.reset.triggered.connect(lambda: self.change_font(None))

        self.menu.addSeparator()
        self.cue_actions = self._choices(
            "Time-up &cues", "cue", _CUE_LABELS, preferences.get(TIME_CUES),
            lambda choice: preferences.set(TIME_CUES, choice),
        )  # fmt: skip

        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self.dark = apply_theme(preferences.get(THEME))

    def _choices(
        self,
        title: str,
        prefix: str,
        labels: dict[E, str],
        current: E,
        choose: Callable[[E], None],
    ) -> dict[E, QAction]:
        """A submenu of exclusive choices (``themeLightAction``, ``cueFlashAction``…)."""
        submenu = self.menu.addMenu(title)
        actions: dict[E, QAction] = {}
        group = QActionGroup(self)
        for choice, label in labels.items():
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"{prefix}{choice.value[0].upper()}{choice.value[1:]}Action")
            action.setChecked(choice is current)
            action.triggered.connect(lambda _=False, c=choice: choose(c))
            group.addAction(action)
            submenu.addAction(action)
            actions[choice] = action
        return actions

    def _action(self, label: str, name: str, keys: list[str]) -> QAction:
        action = QAction(label, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{label.replace('&', '')} ({keys[0]})")
        self.window.addAction(action)  # works while any widget of the window has focus
        self.menu.addAction(action)
        return action

    def apply(self, view: AnswerView) -> None:
        """Bring one view in line with the current theme and text size."""
        view.set_dark(self.dark)
        view.set_font_delta(self.preferences.get(FONT_DELTA))

    def apply_all(self) -> None:
        for view in self.window.findChildren(AnswerView):
            self.apply(view)
        apply_text_size(self.window, self.preferences.get(FONT_DELTA))
        self.theme_changed.emit(self.dark)

    def set_theme(self, choice: ThemeChoice) -> None:
        self.preferences.set(THEME, choice)
        self.theme_actions[choice].setChecked(True)
        self.dark = apply_theme(choice)
        self.apply_all()

    def change_font(self, step: int | None) -> None:
        delta = 0 if step is None else self.preferences.get(FONT_DELTA) + step
        self.preferences.set(FONT_DELTA, delta)
        self.apply_all()

    def _system_scheme_changed(self) -> None:
        if self.preferences.get(THEME) is ThemeChoice.SYSTEM:
            self.dark = is_dark(ThemeChoice.SYSTEM)
            self.apply_all()
