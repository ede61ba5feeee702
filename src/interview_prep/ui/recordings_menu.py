"""File → Recordings: record automatically or not, how long recordings are kept, open their
folder, delete them all. Retention runs once the database is open and whenever the setting
changes: files older than the chosen days are deleted and their attempts forget the name
(their metrics stay). Recordings never leave the data folder's ``recordings/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from ..audio import recordings
from ..wording import plural
from .changes import Change, Changes
from .preferences import KEEP_RECORDINGS_DAYS, RECORD_AUTOMATICALLY, Preferences
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..store.slot import DatabaseSlot

KEEP_CHOICES = {0: "&Forever", 30: "&30 days", 90: "&90 days", 365: "One &year"}


class RecordingsMenu(QMenu):
    def __init__(
        self, parent: QWidget, folder: Path, preferences: Preferences, tasks: TaskRunner,
        slot: DatabaseSlot, changes: Changes, *, in_session: Callable[[], bool] = lambda: False,
    ) -> None:  # fmt: skip
        super().__init__("Re&cordings", parent)
        self.setObjectName("recordingsMenu")
        self.folder, self.preferences, self.changes = folder, preferences, changes
        self.tasks, self.slot = tasks, slot
        self.automatic = QAction("Record &automatically when talking it through", self)
        self.automatic.setObjectName("recordAutomaticallyAction")
        self.automatic.setCheckable(True)
        self.automatic.setChecked(preferences.get(RECORD_AUTOMATICALLY))
        self.automatic.toggled.connect(lambda on: preferences.set(RECORD_AUTOMATICALLY, on))
        self.addAction(self.automatic)
        keep = self.addMenu("&Keep recordings")
        group = QActionGroup(self)
        current = preferences.get(KEEP_RECORDINGS_DAYS)
        self.keep_actions: dict[int, QAction] = {}
        for days, label in KEEP_CHOICES.items():
            action = keep.addAction(label)
            action.setObjectName(f"keepRecordings{days}Action")
            action.setCheckable(True)
            action.setChecked(days == current)
            action.triggered.connect(lambda _=False, d=days: self.set_keep_days(d))
            group.addAction(action)
            self.keep_actions[days] = action
        self.addSeparator()
        opener = self.addAction("&Open the recordings folder")
        opener.triggered.connect(self.open_folder)
        self.delete_action = self.addAction("&Delete all recordings…")
        self.delete_action.setObjectName("deleteAllRecordingsAction")
        self.delete_action.triggered.connect(self.confirm_delete_all)
        # Not during a session: the answer being recorded would go with the others.
        self.in_session = in_session
        self.aboutToShow.connect(self._enable)
        #: What the last clean-up or deletion said (also in the status bar).
        self.last_message = ""

    def _enable(self) -> None:
        busy = self.in_session()
        self.delete_action.setEnabled(not busy)
        self.delete_action.setToolTip("End the session first" if busy else "")

    def set_keep_days(self, days: int) -> None:
        self.preferences.set(KEEP_RECORDINGS_DAYS, days)
        self.apply_retention()

    def apply_retention(self) -> None:
        """Delete the recordings older than the chosen days (on the database thread)."""
        days = self.preferences.get(KEEP_RECORDINGS_DAYS)
        self._delete(lambda: recordings.expired(self.folder, days), "older than the kept days")

    def confirm_delete_all(self) -> None:
        if self.in_session():
            return
        count, size = recordings.usage(self.folder)
        if not count:
            QMessageBox.information(self, "No recordings", "There are no recordings to delete.")
            return
        answer = QMessageBox.question(
            self.parentWidget(),
            "Delete all recordings?",
            f"Delete {plural(count, 'recording')} ({size / 1e6:.1f} MB) from {self.folder}? "
            "Their metrics stay in the history; the audio cannot be brought back.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_all()

    def delete_all(self) -> None:
        self._delete(lambda: [p.name for p in recordings.files(self.folder)], "all")

    def _delete(self, which: Callable[[], list[str]], why: str) -> None:
        from ..store.history import forget_recordings

        folder, slot = self.folder, self.slot

        def work() -> int:
            names = recordings.delete(folder, which())
            forget_recordings(slot.get(), names)
            return len(names)

        def done(count: int) -> None:
            if count:
                self.last_message = f"Deleted {plural(count, 'recording')} ({why})."
                self.changes.announce(Change.HISTORY)
                window = self.parentWidget()
                if isinstance(window, QMainWindow):
                    window.statusBar().showMessage(self.last_message, 8000)

        self.tasks.database(work, done)

    def open_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
