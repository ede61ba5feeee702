"""The notes side of the session screen: the notes editor under its bar (save status, STAR,
Talk it through, Monospace), and the page that takes the editor's place while the user
talks a question through: the countdown in large type, a hint, and after the reveal a
one-line reflection.

A STAR template nobody wrote in yet counts as no notes at all (``notes_text``). The panel
holds no session state: the session screen connects its controls and tells it what to show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..practice import star
from .shortcuts import BY_NAME, tooltip

REFLECTION_MAX = 300  # characters: a reflection is a line, not a second answer
NOTES_PAGE, TALK_PAGE = 0, 1


def _tool_button(text: str, name: str, *, checkable: bool) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setText(text)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the focus in the notes
    return button


class NotesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setAccessibleName("Your notes")
        self.notes_edit.setPlaceholderText(
            "Draft your answer here. It is saved as you type. (F1: shortcuts)"
        )
        # Tab indents inside the notes; Ctrl+Tab moves on to the next control (Shift+Tab
        # goes back), so the whole screen can be walked from the keyboard.
        leave = QShortcut(QKeySequence("Ctrl+Tab"), self.notes_edit)
        leave.setContext(Qt.ShortcutContext.WidgetShortcut)
        leave.activated.connect(self._focus_next)
        self.mono_button = _tool_button("Monospace", "monospaceButton", checkable=True)
        self.mono_button.setToolTip(tooltip("monospace"))
        self.save_label = QLabel()
        self.save_label.setObjectName("saveStatusLabel")
        self.star_button = _tool_button("STAR", "starTemplateButton", checkable=False)
        self.star_button.setToolTip(
            "Situation, Task, Action, Result: "
            + "; ".join(f"{name}: {hint}" for name, hint in star.HINTS.items())
            + f" ({BY_NAME['star'].display})"
        )
        self.talk_button = _tool_button("Talk it through", "talkItThroughButton", checkable=True)
        self.talk_button.setToolTip(tooltip("talk"))
        notes_bar = QHBoxLayout()
        self.notes_title = QLabel("<b>Your answer</b>")
        notes_bar.addWidget(self.notes_title)
        notes_bar.addStretch()
        notes_bar.addWidget(self.save_label)
        notes_bar.addWidget(self.star_button)
        notes_bar.addWidget(self.talk_button)
        notes_bar.addWidget(self.mono_button)
        self._build_talk_page()
        self.notes_stack = QStackedWidget()
        self.notes_stack.setObjectName("notesStack")
        self.notes_stack.addWidget(self.notes_edit)
        self.notes_stack.addWidget(self.talk_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(notes_bar)
        layout.addWidget(self.notes_stack)

    def _build_talk_page(self) -> None:
        """Talk it through: the countdown instead of the notes, a reflection after."""
        self.talk_timer_label = QLabel()
        self.talk_timer_label.setObjectName("talkTimerLabel")
        self.talk_timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = self.talk_timer_label.font()
        big.setPointSizeF(big.pointSizeF() * 4)
        big.setBold(True)
        self.talk_timer_label.setFont(big)
        self.talk_hint = QLabel()
        self.talk_hint.setObjectName("talkHintLabel")
        self.talk_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.talk_hint.setWordWrap(True)
        self.reflection_edit = QLineEdit()
        self.reflection_edit.setObjectName("reflectionEdit")
        self.reflection_edit.setAccessibleName("Reflection")
        self.reflection_edit.setMaxLength(REFLECTION_MAX)
        self.reflection_edit.setPlaceholderText(
            "A short reflection: what went well, what you would say differently"
        )
        self.talk_page = QWidget()
        self.talk_page.setObjectName("talkPanel")
        self.talk_page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the shortcuts need a focus
        talk_layout = QVBoxLayout(self.talk_page)
        talk_layout.addStretch()
        talk_layout.addWidget(self.talk_timer_label)
        talk_layout.addWidget(self.talk_hint)
        talk_layout.addStretch()
        talk_layout.addWidget(self.reflection_edit)
        self._talk_layout = talk_layout

    def add_to_talk_page(self, widget: QWidget) -> None:
        """Put ``widget`` (the recording and its player) under the countdown."""
        self._talk_layout.insertWidget(self._talk_layout.count() - 1, widget)

    # -- the notes ----------------------------------------------------------------------------
    def notes_text(self) -> str:
        """The notes as typed; a STAR template nobody wrote in yet is no notes at all."""
        text = self.notes_edit.toPlainText()
        return "" if star.is_blank_template(text) else text

    def show_notes(self, notes: str, *, offer_star: bool) -> None:
        """A question's notes, or the STAR template (offered, not typed: it becomes notes
        once the user writes in it); no ``textChanged`` either way."""
        self.notes_edit.blockSignals(True)
        if offer_star:
            self.notes_edit.setPlainText(star.template())
            self.place_cursor_after(star.PARTS[0])
        else:
            self.notes_edit.setPlainText(notes)
            self.notes_edit.moveCursor(self.notes_edit.textCursor().MoveOperation.End)
        self.notes_edit.blockSignals(False)

    def _focus_next(self) -> None:
        """The next control after the notes in the tab order (a text edit that takes Tab
        itself refuses ``focusNextChild``)."""
        tab = Qt.FocusPolicy.TabFocus.value
        widget = self.notes_edit.nextInFocusChain()
        while widget is not None and widget is not self.notes_edit:
            if (
                widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy().value & tab
                and not self.notes_edit.isAncestorOf(widget)
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    def show_paused(self, paused: bool) -> None:
        """While the session is paused the notes are read-only, and the bar says so."""
        if paused != self.notes_edit.isReadOnly():
            self.notes_edit.setReadOnly(paused)
            self.save_label.setText("Paused · Ctrl+P to go on" if paused else "")

    def set_monospace(self, on: bool, *, normal: QFont) -> None:
        """The notes in the system's fixed-width font, or in ``normal``."""
        chosen = QFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if on else normal
        )
        chosen.setPointSizeF(self.notes_edit.font().pointSizeF())  # as large as the text is now
        self.notes_edit.setFont(chosen)

    def place_cursor_after(self, label: str) -> None:
        document = self.notes_edit.document()
        found = document.find(f"{label}:")
        cursor = self.notes_edit.textCursor()
        if not found.isNull():
            cursor.setPosition(found.selectionEnd())
            cursor.movePosition(cursor.MoveOperation.EndOfLine)
        self.notes_edit.setTextCursor(cursor)

    def insert_star_template(self) -> None:
        """Put the STAR headings into the notes (at the top when there are notes already)."""
        text = self.notes_edit.toPlainText()
        if star.read_star(text) is None:
            self.notes_edit.setPlainText(star.template() + ("\n" + text if text.strip() else ""))
        self.place_cursor_after(star.PARTS[0])
        self.notes_edit.setFocus()

    # -- talking it through -------------------------------------------------------------------
    def set_talking(self, on: bool) -> None:
        """Check or uncheck "Talk it through" without ``toggled``."""
        self.talk_button.blockSignals(True)
        self.talk_button.setChecked(on)
        self.talk_button.blockSignals(False)

    def show_mode(self, *, revealed: bool, countdown: str) -> None:
        """The notes, or the talk page as "Talk it through" says; the focus goes there."""
        talk = self.talk_button.isChecked()
        self.notes_stack.setCurrentIndex(TALK_PAGE if talk else NOTES_PAGE)
        self.notes_title.setText("<b>Talking it through</b>" if talk else "<b>Your answer</b>")
        self.mono_button.setVisible(not talk)
        self.reflection_edit.setVisible(talk and revealed)
        if revealed:
            self.talk_hint.setText(
                "Tick the key points you said, rate yourself, and note what you would "
                "say differently."
            )
        else:
            self.talk_hint.setText(
                "Answer out loud, as in the interview. Reveal the answer when you are done "
                f"({BY_NAME['reveal'].display}); {BY_NAME['talk'].display} brings the notes back."
            )
        if talk:
            self.talk_timer_label.setText(countdown)
            (self.reflection_edit if revealed else self.talk_page).setFocus()
        else:
            self.notes_edit.setFocus()

    def show_countdown(self, text: str, style_sheet: str) -> None:
        """The countdown in large type, while the talk page shows."""
        if self.notes_stack.currentIndex() == TALK_PAGE:
            self.talk_timer_label.setText(text)
            self.talk_timer_label.setStyleSheet(style_sheet)
