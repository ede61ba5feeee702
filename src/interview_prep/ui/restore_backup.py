"""File → Restore backup: choose one of the database's backups to go back to.

The dialog lists the backups in the data folder's ``backups/`` (newest first: when, kind,
size, schema) and says plainly what restoring does: the current database is kept aside as
``interview-prep.sqlite3.replaced-…``, not deleted, and what was recorded after the backup
is not in the restored history. It does not restore anything itself. The window must
close its database first, so it asks ``chosen_backup()`` after the dialog is accepted and
calls ``store.backups.restore_and_reopen``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store.backups import DAILY, BackupInfo, list_backups

_PATH_ROLE = Qt.ItemDataRole.UserRole
KIND_LABELS = {DAILY: "Daily", "pre-migration": "Before an upgrade"}


def format_size(size: int) -> str:
    """``532 bytes``, ``12.3 KB``, ``4.5 MB``."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:.1f} {unit}"


class RestoreBackupDialog(QDialog):
    """Pick a backup; ``chosen_backup()`` is its path once the dialog is accepted."""

    def __init__(self, backups_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreBackupDialog")
        self.setWindowTitle("Restore a backup")
        self.backups_dir = backups_dir
        self._chosen: Path | None = None

        intro = QLabel(
            "Go back to the history saved in a backup. A backup is made each day you open "
            "the app (the last 7 are kept) and before every upgrade of the database."
        )
        intro.setWordWrap(True)
        self.warning_label = QLabel(
            "<b>Your current database is kept, not deleted:</b> it is moved aside next to "
            "it as <code>interview-prep.sqlite3.replaced-…</code> and the backup is copied "
            "in its place. Sessions recorded after the backup was made will not be in the "
            "restored history."
        )
        self.warning_label.setObjectName("restoreWarning")
        self.warning_label.setWordWrap(True)

        self.backup_list = QTreeWidget()
        self.backup_list.setObjectName("backupList")
        self.backup_list.setHeaderLabels(["When", "Kind", "Size", "Schema"])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_list.itemSelectionChanged.connect(self._update_button)

        self.empty_label = QLabel(f"There are no backups yet in {backups_dir}.")
        self.empty_label.setObjectName("noBackupsLabel")
        self.empty_label.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip(
            "Replace the current history with the selected backup (the current one is kept)"
        )
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.clicked.connect(self._restore_clicked)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.backup_list, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.reload()

    def reload(self) -> None:
        """List the backups in the folder again."""
        self.backup_list.clear()
        infos = list_backups(self.backups_dir)
        for info in infos:
            self.backup_list.addTopLevelItem(self._item(info))
        for column in range(self.backup_list.columnCount()):
            self.backup_list.resizeColumnToContents(column)
        self.empty_label.setVisible(not infos)
        self._update_button()

    @staticmethod
    def _item(info: BackupInfo) -> QTreeWidgetItem:
        item = QTreeWidgetItem(
            [
                info.local_created.strftime("%a %d %b %Y, %H:%M:%S"),
                KIND_LABELS.get(info.kind, info.kind),
                format_size(info.size),
                info.revision or "unreadable",
            ]
        )
        item.setData(0, _PATH_ROLE, str(info.path))
        item.setToolTip(0, str(info.path))
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def selected_backup(self) -> Path | None:
        """The backup of the selected row, if any."""
        items = self.backup_list.selectedItems()
        if not items:
            return None
        return Path(str(items[0].data(0, _PATH_ROLE)))

    def chosen_backup(self) -> Path | None:
        """The backup the user chose to restore (``None`` until Restore is clicked)."""
        return self._chosen

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def _restore_clicked(self) -> None:
        chosen = self.selected_backup()
        if chosen is None:
            return
        self._chosen = chosen
        self.accept()
