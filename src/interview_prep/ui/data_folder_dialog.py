"""Asked at start when the data folder cannot be used (read-only, full, a file in the way).

Says what is wrong with the folder, in the app's words, and offers to choose another folder
for this run (with how to keep using it: ``--data-dir`` or ``INTERVIEW_PREP_DATA_DIR``) or
to quit. A chosen folder is checked the same way before it is accepted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..paths import DATA_DIR_ENV, data_folder_problem


class DataFolderDialog(QDialog):
    """``chosen`` is the folder to use once the dialog is accepted."""

    def __init__(self, data_dir: Path, problem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataFolderDialog")
        self.setWindowTitle("Interview Prep cannot use its data folder")
        self.chosen: Path | None = None
        self.message = QLabel()
        self.message.setObjectName("dataFolderProblem")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.choose_button = QPushButton("Choose another folder…")
        self.choose_button.setObjectName("chooseDataFolderButton")
        buttons.addButton(self.choose_button, QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = buttons.addButton("Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        self.choose_button.clicked.connect(self.choose)
        buttons.rejected.connect(self.reject)
        icon = QLabel()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(warning.pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(560, 200)
        self._explain(data_dir, problem)

    def _explain(self, data_dir: Path, problem: str) -> None:
        self.message.setText(
            f"Interview Prep keeps your practice history and your banks in {data_dir}, "
            f"but cannot use it: {problem}.\n\n"
            "Choose another folder to use this time (to keep using it, start the app with "
            f"--data-dir FOLDER or set {DATA_DIR_ENV}), or quit and fix the folder."
        )

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a folder for your data")
        if not folder:
            return
        problem = data_folder_problem(Path(folder))
        if problem is not None:
            self._explain(Path(folder), problem)
            return
        self.chosen = Path(folder)
        self.accept()


def ask_for_data_folder(data_dir: Path, problem: str) -> Path | None:
    """Show the dialog until a usable folder is chosen (its path) or the user quits (None)."""
    dialog = DataFolderDialog(data_dir, problem)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.chosen if accepted else None
