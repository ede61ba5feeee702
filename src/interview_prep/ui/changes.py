"""One source of change notifications, in the style of Anki's OpChanges.

After an operation, whoever did it announces what it changed: ``changes.announce(
Change.HISTORY)``. Screens listen to ``Changes.changed`` and refresh themselves, at once
when they are shown and otherwise the next time they are (``Stale``), so nobody refreshes
another screen by hand and nothing is read twice for one change.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Flag, auto

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class Change(Flag):
    BANK_FILES = auto()  # the app wrote bank files: the catalogue must be read again
    CATALOG = auto()  # a new catalogue is in use
    HISTORY = auto()  # attempts, sessions or review state changed (or a backup restored)
    NONE = 0


class Changes(QObject):
    changed = Signal(object)  # a Change

    def announce(self, change: Change) -> None:
        if change:
            self.changed.emit(change)


#: A screen shown stale reads its figures this long after it is shown: its first layout and
#: paint then do not compete for the GIL with the read (the review screen's took twice as
#: long with 100,000 attempts being read meanwhile).
SHOWN_SETTLE_MS = 30


class Stale:
    """Refreshes a screen when something it shows changed: at once if it is visible, else
    once it is next shown and painted (call ``shown`` from its ``showEvent``)."""

    def __init__(
        self,
        screen: QWidget,
        depends_on: Change,
        refresh: Callable[[], None],
        *,
        stale: bool = False,
    ) -> None:
        """``stale``: nothing is shown yet (the first showing reads it)."""
        self.screen = screen
        self.depends_on = depends_on
        self.refresh = refresh
        self.stale = stale

    def changed(self, change: Change) -> None:
        if not change & self.depends_on:
            return
        if self.screen.isVisible():
            self._refresh()
        else:
            self.stale = True

    def shown(self) -> None:
        if self.stale:
            QTimer.singleShot(SHOWN_SETTLE_MS, self.screen, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self.stale and self.screen.isVisible():
            self._refresh()

    def _refresh(self) -> None:
        self.stale = False
        self.refresh()
