"""Asking before End session (Ctrl+E) cuts a session short.

Ctrl+E sits next to Ctrl+R (Reveal), so ending at once on a slip would throw away the rest
of a session. When ending would leave something undone (``SessionEngine.cut_short_by_ending``)
a small dialog says what, with **Keep going** as the default (Enter or Escape) and **End
session** on Alt+E or a second Ctrl+E. When nothing would be lost it ends at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def confirm_end(parent: QWidget, cut_short: list[str], end: Callable[[], None]) -> None:
    """Call ``end`` now if ``cut_short`` is empty, else once the user confirms."""
    if not cut_short:
        end()
        return
    focus = QApplication.focusWidget()  # where the user was typing: back there after "Keep going"
    dialog = QMessageBox(parent)
    dialog.setObjectName("endSessionDialog")
    dialog.setWindowTitle("End session")
    dialog.setTextFormat(Qt.TextFormat.PlainText)
    dialog.setIcon(QMessageBox.Icon.Question)
    dialog.setText("End the session now?")
    detail = "; ".join(cut_short)
    dialog.setInformativeText(
        f"{detail[0].upper()}{detail[1:]}. What you did so far is kept and shown in the summary."
    )
    end_button = dialog.addButton("&End session", QMessageBox.ButtonRole.AcceptRole)
    end_button.setObjectName("confirmEndButton")
    keep = dialog.addButton("&Keep going", QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepGoingButton")
    dialog.setDefaultButton(keep)
    dialog.setEscapeButton(keep)
    again = QShortcut(QKeySequence("Ctrl+E"), dialog)
    again.activated.connect(end_button.click)

    def finished() -> None:
        dialog.deleteLater()
        if dialog.clickedButton() is end_button:
            end()
            return
        parent.window().activateWindow()
        if focus is not None:
            focus.setFocus()

    dialog.finished.connect(finished)
    dialog.open()
