"""The session screen's top bar: which question of how many and its topic, the question's
countdown and the session clock, and the Pause and End buttons.

The countdown turns amber when little time is left and red in overtime, which it counts
as ``+m:ss``; while the session is paused it says so in words (no glyph that a font may
lack). It only shows the engine's clocks: the session screen calls ``show_clocks`` on every
tick.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..practice.engine import SessionEngine, State, TimerLevel
from ..render import theme_for
from ..wording import clock_text
from .shortcuts import session_button


class SessionHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic_label = QLabel()
        self.topic_label.setObjectName("topicLabel")
        self.topic_label.setTextFormat(Qt.TextFormat.PlainText)  # bank text: never markup
        self.position_label = QLabel()
        self.position_label.setObjectName("positionLabel")
        self.timer_label = QLabel()
        self.timer_label.setObjectName("questionTimerLabel")
        self.timer_label.setToolTip("Time left for this question; +m:ss is overtime")
        timer_font = self.timer_label.font()
        timer_font.setPointSizeF(timer_font.pointSizeF() * 1.6)
        timer_font.setBold(True)
        self.timer_label.setFont(timer_font)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("sessionClockLabel")
        self.clock_label.setToolTip("Time spent in this session (pauses not counted)")
        self.pause_button = session_button("Pause", "pauseButton", "pause")
        self.end_button = session_button("End session", "endSessionButton", "end")
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.position_label)
        top.addWidget(QLabel("·"))
        top.addWidget(self.topic_label)
        top.addStretch()
        top.addWidget(self.timer_label)
        top.addSpacing(16)
        top.addWidget(self.clock_label)
        top.addSpacing(16)
        top.addWidget(self.pause_button)
        top.addWidget(self.end_button)

    def show_position(self, position: int, total: int, topic: str) -> None:
        """``position`` counts from 0."""
        self.position_label.setText(f"Question {position + 1} of {total}")
        self.topic_label.setText(topic)

    def show_state(self, engine: SessionEngine) -> None:
        """Pause or Resume; both buttons only while the session goes on."""
        active = engine.state in (State.RUNNING, State.PAUSED)
        self.pause_button.setText("Resume" if engine.state is State.PAUSED else "Pause")
        self.pause_button.setEnabled(active)
        self.end_button.setEnabled(active)

    def show_clocks(self, engine: SessionEngine, *, dark: bool, flash: bool = False) -> None:
        """``flash``: draw the countdown reversed (a time-up cue, ``TimeCuePlayer``)."""
        theme = theme_for(dark)
        remaining = engine.question_remaining()
        level = engine.timer_level()
        text = clock_text(remaining) if remaining > 0 else f"+{clock_text(-remaining)}"
        colour = {TimerLevel.LOW: theme.warning, TimerLevel.OVER: theme.danger}.get(level)
        self.timer_label.setText(("Paused " if engine.state is State.PAUSED else "") + text)
        if flash:
            style = f"color: {theme.background}; background: {colour or theme.text};"
        else:
            style = f"color: {colour};" if colour else ""
        self.timer_label.setStyleSheet(style)
        self.timer_label.setProperty("flashing", flash)
        self.timer_label.setProperty("level", level.value)
        self.clock_label.setText(f"Session {clock_text(engine.session_elapsed())}")
