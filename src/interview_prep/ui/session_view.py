"""The session screen: the question, its countdown and the session clock, the notes editor,
the reference answer after a reveal with its key-point checklist, self-rating, and
Next / Skip / Pause / End.

Feedback: on a reveal the answer's key points are checked against the notes
(``feedback.check_question``) and listed above the answer, covered ones ticked, missed ones
tinted; ticking or unticking one is a correction that is stored with the attempt instead
of the automatic check, and later edits of the notes re-check only the points the user
left alone. A behavioural question starts with the STAR template in its notes. "Talk it
through" (Ctrl+T) hides the notes editor for answering out loud: only the countdown shows,
and after the reveal a one-line reflection takes the notes' place.

All session logic lives in ``practice``: this screen shows ``practice.engine.SessionEngine``'s
state on every ``tick`` (five times a second) and calls it on every action. When to save is
``practice.autosave.AutosavePolicy``'s decision, asked on every tick and told of every edit
and save: notes half a second after typing stops and at least once a second while typing
goes on, the elapsed times every few seconds. Saving goes through the engine's recorder,
which writes on a background thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..bank.model import Kind, Question
from ..feedback import KeyPoint, check_question
from ..practice import star
from ..practice.autosave import AutosavePolicy, SaveReason
from ..practice.coverage import PointMark, remark
from ..practice.engine import SessionEngine, State, TimerLevel
from ..practice.plan import Mode
from ..practice.rating import Rating
from ..practice.summary import clock_text
from ..render import RenderCache, theme_for
from ..store.writer import SaveState
from .answer_view import AnswerView, Section
from .key_points_panel import KeyPointsPanel
from .preferences import Preferences
from .save_banner import SaveBanner
from .shortcuts import BY_NAME, ShortcutsOverlay

TICK_MS = 200
REVEAL_AFTER_SECONDS = 15.0  # "reveal after attempting": type something or think a while
RECHECK_AFTER_MS = 400  # notes edited after a reveal: check the key points again
REFLECTION_MAX = 300  # characters: a reflection is a line, not a second answer

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
        self.autosave = AutosavePolicy()

        # -- top bar --
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
        self.star_button = QToolButton()
        self.star_button.setObjectName("starTemplateButton")
        self.star_button.setText("STAR")
        self.star_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.star_button.setToolTip(
            "Situation, Task, Action, Result: "
            + "; ".join(f"{name}: {hint}" for name, hint in star.HINTS.items())
            + f" ({BY_NAME['star'].display})"
        )
        self.star_button.clicked.connect(self.insert_star_template)
        self.talk_button = QToolButton()
        self.talk_button.setObjectName("talkItThroughButton")
        self.talk_button.setText("Talk it through")
        self.talk_button.setCheckable(True)
        self.talk_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.talk_button.setToolTip(f"{BY_NAME['talk'].label} ({BY_NAME['talk'].display})")
        self.talk_button.toggled.connect(self._talk_toggled)
        notes_bar = QHBoxLayout()
        self.notes_title = QLabel("<b>Your answer</b>")
        notes_bar.addWidget(self.notes_title)
        notes_bar.addStretch()
        notes_bar.addWidget(self.save_label)
        notes_bar.addWidget(self.star_button)
        notes_bar.addWidget(self.talk_button)
        notes_bar.addWidget(self.mono_button)

        # -- talk it through: the countdown instead of the notes, a reflection after --
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
        self.reflection_edit.textEdited.connect(self._reflection_edited)
        self.talk_page = talk_page = QWidget()
        talk_page.setObjectName("talkPanel")
        talk_page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the shortcuts need a focus here
        talk_layout = QVBoxLayout(talk_page)
        talk_layout.addStretch()
        talk_layout.addWidget(self.talk_timer_label)
        talk_layout.addWidget(self.talk_hint)
        talk_layout.addStretch()
        talk_layout.addWidget(self.reflection_edit)
        self.notes_stack = QStackedWidget()
        self.notes_stack.setObjectName("notesStack")
        self.notes_stack.addWidget(self.notes_edit)
        self.notes_stack.addWidget(talk_page)

        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addLayout(notes_bar)
        notes_layout.addWidget(self.notes_stack)

        self.answer_view = AnswerView(render_cache)
        self.answer_view.setObjectName("answerView")
        self.answer_view.setAccessibleName("Reference answer")
        self.save_answer_button = _button(
            "Save my notes as its answer", "saveNotesAsAnswerButton", "keep"
        )
        self.save_answer_button.clicked.connect(self._save_notes_as_answer)
        self.key_points = KeyPointsPanel()
        self.key_points.marksChanged.connect(self._marks_corrected)
        self.key_points.placeRequested.connect(self._show_point)
        answer_box = QWidget()
        answer_box_layout = QVBoxLayout(answer_box)
        answer_box_layout.setContentsMargins(0, 0, 0, 0)
        answer_box_layout.addWidget(QLabel("<b>Reference answer</b>"))
        answer_box_layout.addWidget(self.answer_view)
        self.answer_splitter = QSplitter(Qt.Orientation.Vertical)
        self.answer_splitter.setObjectName("pointsAnswerSplitter")
        self.answer_splitter.addWidget(self.key_points)
        self.answer_splitter.addWidget(answer_box)
        self.answer_splitter.setChildrenCollapsible(False)
        self.answer_splitter.setSizes([180, 420])
        self.answer_splitter.splitterMoved.connect(self._remember_split)
        self.answer_panel = QWidget()
        answer_layout = QVBoxLayout(self.answer_panel)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addWidget(self.answer_splitter)
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

        self.save_banner = SaveBanner()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.save_banner)
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
        self.recheck_timer = QTimer(self)
        self.recheck_timer.setSingleShot(True)
        self.recheck_timer.setInterval(RECHECK_AFTER_MS)
        self.recheck_timer.timeout.connect(self._check_points)

    def _build_actions(self) -> dict[str, QAction]:
        handlers: dict[str, Callable[[], None]] = {
            "reveal": self.reveal,
            "next": self.next,
            "skip": self.skip,
            "pause": self.toggle_pause,
            "end": self.end,
            "monospace": self.mono_button.toggle,
            "talk": self.talk_button.toggle,
            "star": self.insert_star_template,
            "points": self.focus_key_points,
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
        state = self.preferences.state("session/pointsSplitter")
        if state is not None:
            self.answer_splitter.restoreState(state)
        self.mono_button.setChecked(self.preferences.flag("session/monospace"))
        self._show_question()
        self.timer.start()
        self.tick()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.save_banner.set_dark(dark)
        self.key_points.set_dark(dark)
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
        behavioural = question.kind is Kind.BEHAVIORAL
        self.star_button.setVisible(behavioural)
        self.notes_edit.blockSignals(True)
        if behavioural and not run.notes.strip():
            # the template is offered, not typed: it becomes notes once the user writes in it
            self.notes_edit.setPlainText(star.template())
            self._place_cursor_after(star.PARTS[0])
        else:
            self.notes_edit.setPlainText(run.notes)
            self.notes_edit.moveCursor(self.notes_edit.textCursor().MoveOperation.End)
        self.notes_edit.blockSignals(False)
        self.autosave.forget_edits()
        self.recheck_timer.stop()
        self.key_points.clear()
        self.reflection_edit.setText(run.reflection)
        talk = run.spoken or (
            self.preferences.flag("session/talkItThrough")
            and not run.notes.strip()
            and run.revealed_at is None
        )
        if talk != run.spoken and engine.state in (State.RUNNING, State.PAUSED):
            engine.set_spoken(talk)
        self.talk_button.blockSignals(True)
        self.talk_button.setChecked(talk)
        self.talk_button.blockSignals(False)
        self.answer_panel.setVisible(run.revealed_at is not None)
        if run.revealed_at is not None:
            self._show_answer()
        self._show_talk_mode()
        last = engine.position + 1 == engine.total
        self.next_button.setText("Finish" if last else "Next")
        self._sync_controls()

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
        self.key_points.setVisible(question.has_answer)
        self._check_points()
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
        if self.notes_stack.currentIndex() == 1:
            self.talk_timer_label.setText(self.timer_label.text())
            self.talk_timer_label.setStyleSheet(self.timer_label.styleSheet())
        now = engine.clock.monotonic()
        reason = self.autosave.due(now, running=engine.state is State.RUNNING)
        if reason is SaveReason.TIMES:
            engine.save_draft()
            self.autosave.saved(now)
        elif reason is not None:
            self.save_now()
        self._sync_controls()

    # -- actions ----------------------------------------------------------------------------
    def _notes_changed(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self._notes_text())
        if engine.current.revealed_at is not None:
            self.recheck_timer.start()
        self.autosave.notes_edited(engine.clock.monotonic())
        self.save_label.setText("Editing…")

    def save_now(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self._notes_text())
        engine.save_draft()
        self.autosave.saved(engine.clock.monotonic())
        self.save_label.setText("Saved" if self.save_banner.state.saved else "Not saved")

    def show_save_state(self, state: SaveState) -> None:
        """The recorder's news: a refused write (the banner says what and where), or all
        saved again."""
        self.save_banner.show_state(state)
        if self.engine is not None and not self.engine.is_over and not self.autosave.dirty:
            self.save_label.setText("Saved" if state.saved else "Not saved")

    def reveal(self) -> None:
        engine = self.engine
        if engine is None or not engine.can_reveal:
            return
        self.save_now()
        engine.reveal()
        self._show_answer()
        self._show_talk_mode()
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
        engine.set_notes(self._notes_text())
        if not skip:
            self._check_points()
        more = engine.skip() if skip else engine.next()
        self.autosave.saved(engine.clock.monotonic())  # the question, its notes and times
        if more:
            self._show_question()
            self.tick()
        else:
            self._finish()

    def toggle_pause(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self._notes_text())
        engine.toggle_pause()
        self.autosave.forget_edits()
        self.tick()

    def end(self) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_notes(self._notes_text())
        if engine.current.engaged:
            self._check_points()
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
        self.preferences.set_state("session/pointsSplitter", self.answer_splitter.saveState())

    # -- key points -------------------------------------------------------------------------
    def _check_points(self) -> None:
        """Check the current notes against the answer's key points, corrections kept."""
        engine = self.engine
        if engine is None or engine.is_over or engine.state is State.ENDED:
            return
        run = engine.current
        question = run.question
        if not question.has_answer or (run.spoken and run.revealed_at is None):
            return  # nothing to check (out loud, the user ticks what was said after the reveal)
        results = check_question(question, run.notes)
        marks = remark([(r.point.text, r.covered) for r in results], run.key_points)
        if marks != run.key_points:
            engine.set_key_points(marks)
        if run.revealed_at is not None:
            self.key_points.show_points(
                [r.point for r in results], marks, spoken=self.talk_button.isChecked()
            )

    def _notes_text(self) -> str:
        """The notes as typed; a STAR template nobody wrote in yet is no notes at all."""
        text = self.notes_edit.toPlainText()
        return "" if star.is_blank_template(text) else text

    def _marks_corrected(self, marks: tuple[PointMark, ...]) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_key_points(marks)

    def _show_point(self, point: KeyPoint) -> None:
        self.answer_view.show_place([point.anchor, point.text], point.folds)

    def focus_key_points(self) -> None:
        if self.answer_panel.isVisible() and self.key_points.isVisible():
            self.key_points.list.setFocus()
            if self.key_points.list.currentRow() < 0 and self.key_points.list.count():
                self.key_points.list.setCurrentRow(0)

    # -- STAR and talking it through ------------------------------------------------------------
    def _place_cursor_after(self, label: str) -> None:
        document = self.notes_edit.document()
        found = document.find(f"{label}:")
        cursor = self.notes_edit.textCursor()
        if not found.isNull():
            cursor.setPosition(found.selectionEnd())
            cursor.movePosition(cursor.MoveOperation.EndOfLine)
        self.notes_edit.setTextCursor(cursor)

    def insert_star_template(self) -> None:
        """Put the STAR headings into the notes (at the top when there are notes already)."""
        engine = self.engine
        if engine is None or engine.is_over or self.notes_edit.isReadOnly():
            return
        if self.talk_button.isChecked():
            self.talk_button.setChecked(False)
        text = self.notes_edit.toPlainText()
        if star.read_star(text) is None:
            self.notes_edit.setPlainText(star.template() + ("\n" + text if text.strip() else ""))
        self._place_cursor_after(star.PARTS[0])
        self.notes_edit.setFocus()

    def _talk_toggled(self, on: bool) -> None:
        engine = self.engine
        self.preferences.set_flag("session/talkItThrough", on)
        if engine is not None and not engine.is_over and engine.state is not State.ENDED:
            engine.set_notes(self._notes_text())
            engine.set_spoken(on)
            if engine.current.revealed_at is not None:
                self._check_points()
        self._show_talk_mode()
        self.tick()

    def _show_talk_mode(self) -> None:
        engine = self.engine
        talk = self.talk_button.isChecked()
        revealed = engine is not None and engine.current.revealed_at is not None
        self.notes_stack.setCurrentIndex(1 if talk else 0)
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
            self.talk_timer_label.setText(self.timer_label.text())
            (self.reflection_edit if revealed else self.talk_page).setFocus()
        else:
            self.notes_edit.setFocus()

    def _reflection_edited(self, text: str) -> None:
        engine = self.engine
        if engine is None or engine.is_over:
            return
        engine.set_reflection(text)
        self.autosave.reflection_edited(engine.clock.monotonic())

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
