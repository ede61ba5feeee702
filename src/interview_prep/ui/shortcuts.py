"""Every keyboard shortcut of the session screen, in one table, and the F1 overlay.

The session screen builds its actions from ``SESSION_SHORTCUTS`` with ``session_actions``
(one action per row, each with its handler), and its controls take their tooltips from
``tooltip``; the overlay shows the same table, so they can never disagree. All of them use
Ctrl (or a function key), because the notes editor has the focus while the user types:
nothing is ever triggered by a plain letter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class Shortcut:
    name: str
    label: str
    keys: tuple[str, ...]

    @property
    def display(self) -> str:
        return " or ".join(
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in self.keys
        )


SESSION_SHORTCUTS = (
    Shortcut("reveal", "Reveal the reference answer", ("Ctrl+R",)),
    Shortcut("again", "Rate: Again", ("Ctrl+1",)),
    Shortcut("hard", "Rate: Hard", ("Ctrl+2",)),
    Shortcut("good", "Rate: Good", ("Ctrl+3",)),
    Shortcut("easy", "Rate: Easy", ("Ctrl+4",)),
    Shortcut("next", "Next question", ("Ctrl+Return", "Ctrl+Enter")),
    Shortcut("skip", "Skip this question", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter")),
    Shortcut("pause", "Pause or resume", ("Ctrl+P",)),
    Shortcut("end", "End the session", ("Ctrl+E",)),
    Shortcut("points", "Go to the key points (Space: tick or untick, Enter: show it)", ("Ctrl+K",)),
    Shortcut("talk", "Talk it through: hide the notes and answer out loud", ("Ctrl+T",)),
    Shortcut("record", "Record the answer said out loud, or stop recording", ("Ctrl+Shift+R",)),
    Shortcut("play", "Play or pause the recording (after the reveal)", ("Ctrl+Shift+P",)),
    Shortcut("star", "Put the STAR template in the notes (behavioural)", ("Ctrl+Shift+T",)),
    Shortcut("monospace", "Monospace notes on or off", ("Ctrl+M",)),
    Shortcut("save", "Save the notes now (they also save as you type)", ("Ctrl+S",)),
    Shortcut("keep", "Keep the notes as the answer of a question that has none", ("Ctrl+Shift+S",)),
    Shortcut("help", "Show these shortcuts", ("F1",)),
)
BY_NAME = {shortcut.name: shortcut for shortcut in SESSION_SHORTCUTS}
OTHER_SHORTCUTS = (
    Shortcut("start", "Start a mock interview (home)", ("Ctrl+N",)),
    Shortcut("larger", "Larger text", ("Ctrl+=",)),
    Shortcut("smaller", "Smaller text", ("Ctrl+-",)),
    Shortcut("reset", "Reset text size", ("Ctrl+0",)),
)


def tooltip(name: str) -> str:
    """The tooltip of the control for shortcut ``name``: what it does, and its keys."""
    shortcut = BY_NAME[name]
    return f"{shortcut.label} ({shortcut.display})"


def session_button(text: str, object_name: str, shortcut: str | None = None) -> QPushButton:
    """A push button of the session screen: a click never takes the focus from the notes,
    but Tab reaches it (then Space presses it), so the screen works without a mouse."""
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    if shortcut:
        button.setToolTip(tooltip(shortcut))
    return button


def session_actions(
    parent: QWidget, handlers: Mapping[str, Callable[[], object]]
) -> dict[str, QAction]:
    """One action on ``parent`` for each row of ``SESSION_SHORTCUTS``, triggering the
    handler of its name while the focus is anywhere inside ``parent``."""
    if set(handlers) != set(BY_NAME):
        raise ValueError(f"handlers do not match the table: {sorted(set(handlers) ^ set(BY_NAME))}")
    actions: dict[str, QAction] = {}
    for shortcut in SESSION_SHORTCUTS:
        action = QAction(shortcut.label, parent)
        action.setObjectName(f"{shortcut.name}Action")
        action.setShortcuts([QKeySequence(k) for k in shortcut.keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(handlers[shortcut.name])
        parent.addAction(action)
        actions[shortcut.name] = action
    return actions


class ShortcutsOverlay(QDialog):
    """A list of every shortcut, opened with F1 and closed with Esc or F1."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setWindowTitle("Keyboard shortcuts")
        rows = (*SESSION_SHORTCUTS, *OTHER_SHORTCUTS)
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels(["Keys", "Action"])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, shortcut in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(shortcut.display))
            table.setItem(row, 1, QTableWidgetItem(shortcut.label))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(520, 460)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F1:
            self.reject()
            return
        super().keyPressEvent(event)
