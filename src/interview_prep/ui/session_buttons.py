"""The session screen's bottom bar: Reveal answer, the self-rating (Again, Hard, Good, Easy),
Skip and Next (Finish on the last question).

Reveal is offered once the user has tried the question (``SessionEngine.attempted``) and
never in Pressure mode; a line next to it says why when it is not, counting down the
seconds of thinking still needed. The bar holds no session state:
the session screen connects the buttons and calls ``show_state`` after every change.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..practice.engine import SessionEngine, State
from ..practice.plan import Mode
from ..practice.rating import Rating
from .shortcuts import session_button, tooltip

RATING_BUTTONS = (
    (Rating.AGAIN, "ratingAgainButton", "again"),
    (Rating.HARD, "ratingHardButton", "hard"),
    (Rating.GOOD, "ratingGoodButton", "good"),
    (Rating.EASY, "ratingEasyButton", "easy"),
)


class SessionButtons(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reveal_button = session_button("Reveal answer", "revealButton", "reveal")
        self.rating_buttons: dict[Rating, QPushButton] = {}
        bottom = QHBoxLayout(self)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.reveal_button)
        self.reveal_hint = QLabel()
        self.reveal_hint.setObjectName("revealHint")
        self.reveal_hint.setEnabled(False)  # drawn faint: a note, not a control
        bottom.addWidget(self.reveal_hint)
        bottom.addSpacing(24)
        bottom.addWidget(QLabel("How did it go?"))
        for rating, name, shortcut in RATING_BUTTONS:
            button = session_button(rating.label, name, shortcut)
            button.setCheckable(True)
            bottom.addWidget(button)
            self.rating_buttons[rating] = button
        bottom.addStretch()
        self.skip_button = session_button("Skip", "skipButton", "skip")
        self.next_button = session_button("Next", "nextButton", "next")
        self.next_button.setDefault(True)
        bottom.addWidget(self.skip_button)
        bottom.addWidget(self.next_button)

    def show_state(self, engine: SessionEngine) -> None:
        """What may be done now with ``engine``'s current question."""
        run = engine.current
        active = engine.state in (State.RUNNING, State.PAUSED)
        attempted = engine.attempted
        self.reveal_button.setEnabled(engine.can_reveal and attempted)
        hint = ""
        if engine.mode is Mode.PRESSURE:
            hint = "Answers come at the end (Pressure mode)"
        elif not attempted and run.revealed_at is None:
            seconds = math.ceil(engine.seconds_until_attempted())
            hint = f"Type a note, or think {seconds} s more"
            if engine.state is State.PAUSED:
                hint += " (paused)"
        self.reveal_hint.setText(hint)
        self.reveal_hint.setVisible(bool(hint))
        self.reveal_button.setToolTip(f"{tooltip('reveal')}\n{hint}".strip())
        for rating, button in self.rating_buttons.items():
            button.setChecked(run.rating is rating)
            button.setEnabled(active)
        for button in (self.next_button, self.skip_button):
            button.setEnabled(active)
        last = engine.position + 1 == engine.total
        self.next_button.setText("Finish" if last else "Next")
