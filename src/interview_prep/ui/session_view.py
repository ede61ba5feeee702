"""The session screen: the question, its countdown and the session clock, the notes editor,
the reference answer after a reveal, self-rating, and Next / Skip / Pause / End.

All session logic lives in ``practice.engine.SessionEngine``; this screen shows its state
on every ``tick`` (five times a second) and calls it on every action. Notes are saved by the
autosave policy in ``tick``: half a second after typing stops, and at least once a second
while typing goes on, so a crash never loses more than a second of typing; the elapsed
times are saved every few seconds as well. Saving goes through the engine's recorder, which
writes on a background thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Question
from ..practice.engine import SessionEngine, State, TimerLevel
from ..practice.plan import Mode
from ..practice.rating import Rating
from ..practice.summary import clock_text
from ..render import RenderCache, theme_for
from .answer_view import AnswerView, Section
from .preferences import Preferences
from .shortcuts import BY_NAME, ShortcutsOverlay

TICK_MS = 200
SAVE_AFTER_IDLE = 0.5  # seconds after the last keystroke
SAVE_AT_LEAST_EVERY = 0.7  # seconds, while typing goes on (checks run every 0.2 s: < 1 s lost)
SAVE_TIMES_EVERY = 5.0  # seconds, elapsed times even without typing
REVEAL_AFTER_SECONDS = 15.0  # "reveal after attempting": type something or think a while

RATING_BUTTONS = (
    (Rating.AGAIN, "ratingAgainButton", "again"),
    (Rating.HARD, "ratingHardButton", "hard"),
    (Rating.GOOD, "ratingGoodButton", "good"),
    (Rating.EASY, "ratingEasyButton", "easy"),
)


def _button(text: str, name: str, shortcut: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the focus in the notes
    if shortcut:
        button.setToolTip(f"{BY_NAME[shortcut].label} ({BY_NAME[shortcut].display})")
    return button


class SessionView(QWidget):
    """Shows one running session; emits ``ended`` when it is over."""

    ended = Signal()

    def __init__(
        self,
        render_cache: RenderCache,
        preferences: Preferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionView")
        self.preferences = preferences
        self.engine: SessionEngine | None = None
        self.base_dir_for: Callable[[str], Path | None] = lambda _id: None
        self.save_answer: Callable[[Question, str], str] | None = None
        self._dark = False
        self._dirty = False
        self._last_edit = 0.0
        self._last_save = 0.0

        # -- top bar --
        self.topic_label = QLabel()
        self.topic_label.setObjectName("topicLabel")
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
        self.pause_button = _button("Pause", "pauseButton", "pause")
        self.end_button = _button("End session", "endSessionButton", "end")
        top = QHBoxLayout()
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

        # -- question, notes, answer --
        self.question_view = AnswerView(render_cache)
        self.question_view.setObjectName("questionView")
        self.question_view.setAccessibleName("Question")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setAccessibleName("Your notes")
        self.notes_edit.setPlaceholderText(
            "Draft your answer here. It is saved as you type. (F1: shortcuts)"
        )
        self.mono_button = QToolButton()
        self.mono_button.setObjectName("monospaceButton")
        self.mono_button.setText("Monospace")
        self.mono_button.setCheckable(True)
        self.mono_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mono_button.setToolTip(
            f"{BY_NAME['monospace'].label} ({BY_NAME['monospace'].display})"
        )
        self.mono_button.toggled.connect(self._set_monospace)
        self.save_label = QLabel()
        self.save_label.setObjectName("saveStatusLabel")
        notes_bar = QHBoxLayout()
        notes_bar.addWidget(QLabel("<b>Your answer</b>"))
        notes_bar.addStretch()
        notes_bar.addWidget(self.save_label)
        notes_bar.addWidget(self.mono_button)
        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addLayout(notes_bar)
        notes_layout.addWidget(self.notes_edit)

        self.answer_view = AnswerView(render_cache)
        self.answer_view.setObjectName("answerView")
        self.answer_view.setAccessibleName("Reference answer")
        self.save_answer_button = _button(
            "Save my notes as its answer", "saveNotesAsAnswerButton", "keep"
        )
        self.save_answer_button.clicked.connect(self._save_notes_as_answer)
        self.answer_panel = QWidget()
        answer_layout = QVBoxLayout(self.answer_panel)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addWidget(QLabel("<b>Reference answer</b>"))
        answer_layout.addWidget(self.answer_view)
        answer_layout.addWidget(self.save_answer_button)

        self.work_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.work_splitter.setObjectName("notesAnswerSplitter")
        self.work_splitter.addWidget(notes_box)
        self.work_splitter.addWidget(self.answer_panel)
        self.work_splitter.setChildrenCollapsible(False)
        self.work_splitter.splitterMoved.connect(self._remember_split)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.question_view)
        self.main_splitter.addWidget(self.work_splitter)
        self.main_splitter.setSizes([150, 550])

        # -- bottom bar --
        self.reveal_button = _button("Reveal answer", "revealButton", "reveal")
        self.rating_buttons: dict[Rating, QPushButton] = {}
        bottom = QHBoxLayout()
        bottom.addWidget(self.reveal_button)
        bottom.addSpacing(24)
        bottom.addWidget(QLabel("How did it go?"))
        for rating, name, shortcut in RATING_BUTTONS:
            button = _button(rating.label, name, shortcut)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
            bottom.addWidget(button)
            self.rating_buttons[rating] = button
        bottom.addStretch()
        self.skip_button = _button("Skip", "skipButton", "skip")
        self.next_button = _button("Next", "nextButton", "next")
        self.next_button.setDefault(True)
        bottom.addWidget(self.skip_button)
        bottom.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.main_splitter, 1)
        layout.addLayout(bottom)

        self.reveal_button.clicked.connect(self.reveal)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.next)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.end_button.clicked.connect(self.end)
        self.notes_edit.textChanged.connect(self._notes_changed)
        self.actions_by_name = self._build_actions()

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def _build_actions(self) -> dict[str, QAction]:
        handlers: dict[str, Callable[[], None]] = {
            "reveal": self.reveal,
            "next": self.next,
            "skip": self.skip,
            "pause": self.toggle_pause,
            "end": self.end,
            "monospace": self.mono_button.toggle,
            "save": self.save_now,
            "keep": self._save_notes_as_answer,
            "help": self.show_shortcuts,
        }
        for rating, _name, key in RATING_BUTTONS:
            handlers[key] = lambda _checked=False, r=rating: self.rate(r)  # type: ignore[misc]
        actions: dict[str, QAction] = {}
        for name, handler in handlers.items():
            entry = BY_NAME[name]
            action = QAction(entry.label, self)
            action.setObjectName(f"{name}Action")
            action.setShortcuts([QKeySequence(k) for k in entry.keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.addAction(action)
            actions[name] = action
        return actions

    # -- starting ---------------------------------------------------------------------------
    def begin(self, engine: SessionEngine) -> None:
        """Show ``engine``'s session (started, or restored and paused)."""
        self.engine = engine
        state = self.preferences.state("session/notesSplitter")
        if state is not None:
            self.work_splitter.restoreState(state)
        self.mono_button.setChecked(self.preferences.flag("session/monospace"))
        self._show_question()
        self.timer.start()
        self.tick()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.tick()

    # -- showing ----------------------------------------------------------------------------
    def _show_question(self) -> None:
        engine = self.engine
        assert engine is not None
        run = engine.current
        question = run.question
        self.position_label.setText(f"Question {engine.position + 1} of {engine.total}")
        self.topic_label.setText(question.topic)
        self.question_view.show_sections(
            [Section(question.question, f"{question.id}:question", emphasis=True)],
            base_dir=self.base_dir_for(question.id),
        )
        self.notes_edit.blockSignals(True)
        self.notes_edit.setPlainText(run.notes)
        self.notes_edit.blockSignals(False)
        self.notes_edit.moveCursor(self.notes_edit.textCursor().MoveOperation.End)
        self._dirty = False
        self.answer_panel.setVisible(run.revealed_at is not None)
        if run.revealed_at is not None:
            self._show_answer()
        last = engine.position + 1 == engine.total
        self.next_button.setText("Finish" if last else "Next")
        self._sync_controls()
        self.notes_edit.setFocus()

    def _show_answer(self) -> None:
        engine = self.engine
        assert engine is not None
        question = engine.current.question
        if question.has_answer:
            self.answer_view.show_sections(
                [Section(question.answer or "", f"{question.id}:answer")],
                base_dir=self.base_dir_for(question.id),
            )
        else:
            self.answer_view.show_markdown(
                "*This question has no reference answer yet.* You can keep your notes as its "
                "answer: they are saved to your own bank, never to the bundled one."
            )
        self.save_answer_button.setVisible(not question.has_answer and self.save_answer is not None)
        self.answer_panel.setVisible(True)
        if self.work_splitter.sizes()[1] == 0:
            width = max(2, self.work_splitter.width())
            self.work_splitter.setSizes([width // 2, width // 2])

    def _sync_controls(self) -> None:
        engine = self.engine
        if engine is None:
            return
        run = engine.current
        paused = engine.state is State.PAUSED
        running = engine.state is State.RUNNING
        self.pause_button.setText("Resume" if paused else "Pause")
        if paused != self.notes_edit.isReadOnly():
            self.notes_edit.setReadOnly(paused)
            self.save_label.setText("Paused · Ctrl+P to go on" if paused else "")
        pressure = engine.mode is Mode.PRESSURE
        attempted = bool(run.notes.strip()) or engine.question_elapsed() >= REVEAL_AFTER_SECONDS
        self.reveal_button.setEnabled(engine.can_reveal and attempted)
        if pressure:
            self.reveal_button.setToolTip("Pressure mode: the answers come at the end")
        elif not attempted and run.revealed_at is None:
            self.reveal_button.setToolTip(
                "Try first: write some notes, or think for 15 seconds (Ctrl+R)"
            )
        else:
            self.reveal_button.setToolTip(
                f"{BY_NAME['reveal'].label} ({BY_NAME['reveal'].display})"
            )
        for rating, button in self.rating_buttons.items():
            button.setChecked(run.rating is rating)
            button.setEnabled(running or paused)
        for button in (self.next_button, self.skip_button, self.end_button, self.pause_button):
            button.setEnabled(running or paused)

    def tick(self) -> None:
        """Refresh the clocks and run the autosave policy (called five times a second)."""
        engine = self.engine
        if engine is None or engine.is_over:
            return
        theme = theme_for(self._dark)
        remaining = engine.question_remaining()
        level = engine.timer_level()
        text = clock_text(remaining) if remaining > 0 else f"+{clock_text(-remaining)}"
        colour = {TimerLevel.LOW: theme.warning, TimerLevel.OVER: theme.danger}.get(level)
        self.timer_label.setText(("⏸ " if engine.state is State.PAUSED else "") + text)
        self.timer_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.timer_label.setProperty("level", level.value)
        self.clock_label.setText(f"Session {clock_text(engine.session_elapsed())}")
        now = engine.clock.monotonic()
        if self._dirty and (
            now - self._last_edit >= SAVE_AFTER_IDLE or now - self._last_save >= SAVE_AT_LEAST_EVERY
        ):
            self.save_now()
        elif engine.state is State.RUNNING and now - self._last_save >= SAVE_TIMES_EVERY:
            engine.save_draft()
            self._last_save = now
        self._sync_controls()

    # -- actions ----------------------------------------------------------------------------
    def _notes_changed(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self.notes_edit.toPlainText())
        now = engine.clock.monotonic()
        if not self._dirty:
            self._last_save = min(self._last_save, now) if self._last_save else now
        self._dirty = True
        self._last_edit = now
        self.save_label.setText("Editing…")

    def save_now(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self.notes_edit.toPlainText())
        engine.save_draft()
        self._dirty = False
        self._last_save = engine.clock.monotonic()
        self.save_label.setText("Saved")

    def reveal(self) -> None:
        engine = self.engine
        if engine is None or not engine.can_reveal:
            return
        self.save_now()
        engine.reveal()
        self._show_answer()
        self._sync_controls()

    def rate(self, rating: Rating) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.rate(None if engine.current.rating is rating else rating)
        self._sync_controls()

    def next(self) -> None:
        self._advance(skip=False)

    def skip(self) -> None:
        self._advance(skip=True)

    def _advance(self, *, skip: bool) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self.notes_edit.toPlainText())
        more = engine.skip() if skip else engine.next()
        self._last_save = engine.clock.monotonic()
        if more:
            self._show_question()
            self.tick()
        else:
            self._finish()

    def toggle_pause(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self.notes_edit.toPlainText())
        engine.toggle_pause()
        self._dirty = False
        self.tick()

    def end(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self.notes_edit.toPlainText())
        engine.end()
        self._finish()

    def _finish(self) -> None:
        self.timer.stop()
        self.ended.emit()

    def show_shortcuts(self) -> None:
        overlay = ShortcutsOverlay(self)
        overlay.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        overlay.open()

    def _set_monospace(self, on: bool) -> None:
        font = (
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            if on
            else QFont(self.font())
        )
        self.notes_edit.setFont(font)
        self.preferences.set_flag("session/monospace", on)

    def _remember_split(self) -> None:
        self.preferences.set_state("session/notesSplitter", self.work_splitter.saveState())

    def _save_notes_as_answer(self) -> None:
        engine = self.engine
        if engine is None or self.save_answer is None or not self.save_answer_button.isVisible():
            return
        if not self.save_answer_button.isEnabled():
            return
        notes = self.notes_edit.toPlainText().strip()
        if not notes:
            self.save_label.setText("Write some notes first")
            return
        message = self.save_answer(engine.current.question, notes)
        self.save_answer_button.setEnabled(False)
        self.save_label.setText(message)
