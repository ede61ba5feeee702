"""File → Restore backup: pick a backup, put it in place of the database, carry on.

The restore runs off the UI thread (closing the database, copying the file, opening and
perhaps migrating it); the window then works with the reopened database and announces
``Change.HISTORY``, so every screen shows the restored history.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ..paths import DataPaths
from ..store.backups import restore_and_reopen
from .changes import Change
from .restore_backup import RestoreBackupDialog
from .tasks import run_in_background

if TYPE_CHECKING:
    from ..store.database import Database
    from .main_window import MainWindow


class BackupRestore:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def open(self) -> RestoreBackupDialog | None:
        """Pick a backup; it is restored once the dialog is accepted."""
        window = self.window
        if window.sessions.running or not window.slot.is_open:
            QMessageBox.information(
                window,
                "Restore backup",
                "End the mock interview before restoring a backup."
                if window.slot.is_open
                else "Your history is still being opened; try again in a moment.",
            )
            return None
        dialog = RestoreBackupDialog(DataPaths(window.data_dir).backups, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.restore(dialog.chosen_backup()))
        dialog.open()
        return dialog

    def restore(self, backup: Path | None) -> None:
        """Close the database, put ``backup`` in its place and reopen it, off the UI thread."""
        if backup is None:
            return
        window = self.window
        old, recorder, writer = window.database, window.link.recorder, window.link.writer
        backups_dir = DataPaths(window.data_dir).backups
        reopened: list[Database] = []

        def close() -> None:
            recorder.stop()
            writer.close()
            old.close()

        def reopen() -> Database:
            from ..store.database import open_database

            reopened.append(open_database(old.path, backups_dir=backups_dir))
            return reopened[-1]

        def work() -> str:
            return restore_and_reopen(old.path, backup, close, reopen)

        def use_reopened() -> None:
            if reopened:
                window.use_database(reopened[-1])
                window.sessions.unfinished = None
                window.changes.announce(Change.HISTORY)
                window.show_home()

        def done(message: str) -> None:
            use_reopened()
            window.statusBar().showMessage(message)

        def failed(error: BaseException) -> None:
            use_reopened()  # the database the user had, put back and reopened
            QMessageBox.warning(window, "Backup not restored", str(error))

        run_in_background(work, done, failed)
