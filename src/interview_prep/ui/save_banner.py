"""The warning across the session screen while the database refuses the session's writes.

It says what failed and where the notes are kept meanwhile (``SaveState.message``), and that
the user may go on (everything is written once the database takes it again) or end the
session. Hidden while everything is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ..render import theme_for
from ..store.writer import SaveState


class SaveBanner(QFrame):
    """Shows a ``SaveState`` that is not saved; invisible otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveProblemBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName("saveProblemLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        self.state = SaveState()
        self._dark = False
        self.setVisible(False)

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.show_state(self.state)

    def show_state(self, state: SaveState) -> None:
        self.state = state
        if state.saved:
            self.setVisible(False)
            return
        theme = theme_for(self._dark)
        self.setStyleSheet(f"#saveProblemBanner {{ border: 2px solid {theme.danger}; }}")
        self.label.setText(
            f"{state.message()}. You can go on: it is all written as soon as the database "
            "takes it again (retried every few seconds, and at the next start). "
            "Or end the session."
        )
        self.setVisible(True)
