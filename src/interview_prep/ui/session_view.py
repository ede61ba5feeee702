"""The session screen: the question, its countdown and the session clock, the notes editor,
the reference answer after a reveal with its key-point checklist, self-rating, and
Next / Skip / Pause / End.

Feedback: on a reveal the answer's key points are checked against the notes
(``feedback.check_question``) and listed above the answer, covered ones ticked, missed ones
tinted; ticking or unticking one is a correction that is stored with the attempt instead
of the automatic check, and later edits of the notes re-check only the points the user
left alone. A behavioural question starts with the STAR template in its notes. "Talk it
through" (Ctrl+T) hides the notes editor for answering out loud: only the countdown shows,
and after the reveal a one-line reflection takes the notes' place; what is said is recorded
and replayed beside the answer with its metrics (``SpokenAnswer``).

All session logic lives in ``practice``: this screen shows ``practice.engine.SessionEngine``'s
state on every ``tick`` (five times a second) and calls it on every action. When to save is
``practice.autosave.AutosavePolicy``'s decision, asked on every tick and told of every edit
and save: notes half a second after typing stops and at least once a second while typing
goes on, the elapsed times every few seconds. Saving goes through the engine's recorder,
which writes on a background thread.

The screen is put together from ``SessionHeader`` (top bar), ``NotesPanel`` (notes and
talking it through), ``AnswerPanel`` (key points and reference answer) and
``SessionButtons`` (bottom bar); its keyboard shortcuts are the rows of
``shortcuts.SESSION_SHORTCUTS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ..audio.file_backend import backend_for
from ..bank.model import Kind, Question
from ..feedback import BankRarity, check_question
from ..practice.autosave import AutosavePolicy, SaveReason
from ..practice.coverage import PointMark, remark
from ..practice.engine import SessionEngine, State
from ..practice.rating import Rating
from ..render import RenderCache
from ..store.writer import SaveState
from .answer_panel import AnswerPanel
from .answer_view import AnswerView, Section
from .end_session import confirm_end
from .notes_panel import NotesPanel
from .preferences import (
    MONOSPACE_NOTES,
    NOTES_SPLITTER,
    POINTS_SPLITTER,
    TALK_IT_THROUGH,
    Preferences,
)
from .save_banner import SaveBanner
from .session_buttons import RATING_BUTTONS, SessionButtons
from .session_header import SessionHeader
from .shortcuts import ShortcutsOverlay, session_actions
from .spoken_answer import SpokenAnswer
from .time_cue_player import TimeCuePlayer

TICK_MS = 200
RECHECK_AFTER_MS = 400  # notes edited after a reveal: check the key points again


class SessionView(QWidget):
    """Shows one running session; emits ``ended`` when it is over.

    ``base_dir_for`` gives the folder a question's images are relative to (none: no images);
    ``save_answer`` keeps the notes as the answer of a question that has none and returns
    what to tell the user (none: the screen does not offer it). Both may also be assigned
    to the attributes of the same names after construction.
    """

    ended = Signal()

    def __init__(
        self,
        render_cache: RenderCache,
        preferences: Preferences,
        parent: QWidget | None = None,
        *,
        base_dir_for: Callable[[str], Path | None] | None = None,
        save_answer: Callable[[Question, str], str] | None = None,
        rarity: Callable[[], BankRarity | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionView")
        self.preferences = preferences
        self.engine: SessionEngine | None = None
        self.base_dir_for: Callable[[str], Path | None] = base_dir_for or (lambda _id: None)
        self.save_answer: Callable[[Question, str], str] | None = save_answer
        #: How rare words are across the bank, once counted (the key-point check's words).
        self.rarity: Callable[[], BankRarity | None] = rarity or (lambda: None)
        self._dark = False
        self.autosave = AutosavePolicy()
        self.time_cues = TimeCuePlayer(preferences)

        self.header = SessionHeader()
        self._build_work_area(render_cache)
        self.buttons = SessionButtons()
        self.reveal_button = self.buttons.reveal_button
        self.save_banner = SaveBanner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.save_banner)
        layout.addWidget(self.main_splitter, 1)
        layout.addWidget(self.buttons)
        self._connect()
        self.actions_by_name = session_actions(self, self._shortcut_handlers())
        self._build_timers()

    # -- building -----------------------------------------------------------------------------
    def _build_work_area(self, render_cache: RenderCache) -> None:
        """The question above; the notes beside the reference answer below it."""
        self.question_view = AnswerView(render_cache)
        self.question_view.setObjectName("questionView")
        self.question_view.setAccessibleName("Question")
        self.notes_panel = NotesPanel()
        self.answer_panel = AnswerPanel(render_cache)
        self.spoken = SpokenAnswer(self.preferences, backend_for)
        self.notes_panel.add_to_talk_page(self.spoken)
        # the controls other screens and tests reach for
        self.notes_edit = self.notes_panel.notes_edit
        self.save_label = self.notes_panel.save_label
        self.talk_button = self.notes_panel.talk_button
        self.talk_page = self.notes_panel.talk_page
        self.answer_view = self.answer_panel.answer_view
        self.key_points = self.answer_panel.key_points

        self.work_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.work_splitter.setObjectName("notesAnswerSplitter")
        self.work_splitter.addWidget(self.notes_panel)
        self.work_splitter.addWidget(self.answer_panel)
        self.work_splitter.setChildrenCollapsible(False)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.question_view)
        self.main_splitter.addWidget(self.work_splitter)
        self.main_splitter.setSizes([150, 550])

    def _connect(self) -> None:
        notes, answer = self.notes_panel, self.answer_panel
        notes.mono_button.toggled.connect(self._set_monospace)
        notes.star_button.clicked.connect(self.insert_star_template)
        notes.talk_button.toggled.connect(self._talk_toggled)
        notes.reflection_edit.textEdited.connect(self._reflection_edited)
        answer.save_answer_button.clicked.connect(self._save_notes_as_answer)
        answer.key_points.marksChanged.connect(self._marks_corrected)
        answer.answer_splitter.splitterMoved.connect(self._remember_split)
        self.work_splitter.splitterMoved.connect(self._remember_split)
        for rating, button in self.buttons.rating_buttons.items():
            button.clicked.connect(lambda _=False, r=rating: self.rate(r))
        self.reveal_button.clicked.connect(self.reveal)
        self.buttons.skip_button.clicked.connect(self.skip)
        self.buttons.next_button.clicked.connect(self.next)
        self.header.pause_button.clicked.connect(self.toggle_pause)
        self.header.end_button.clicked.connect(self.end)
        self.notes_edit.textChanged.connect(self._notes_changed)

    def _shortcut_handlers(self) -> dict[str, Callable[[], object]]:
        """What each row of ``SESSION_SHORTCUTS`` does here."""
        handlers: dict[str, Callable[[], object]] = {
            "reveal": self.reveal,
            "next": self.next,
            "skip": self.skip,
            "pause": self.toggle_pause,
            "end": self.end,
            "monospace": self.notes_panel.mono_button.toggle,
            "talk": self.talk_button.toggle,
            "star": self.insert_star_template,
            "record": self.spoken.toggle_recording,
            "play": self.spoken.player.toggle,
            "points": self.answer_panel.focus_key_points,
            "save": self.save_now,
            "keep": self._save_notes_as_answer,
            "help": self.show_shortcuts,
        }
        for rating, _name, key in RATING_BUTTONS:
            handlers[key] = lambda _checked=False, r=rating: self.rate(r)  # type: ignore[misc]
        return handlers

    def _build_timers(self) -> None:
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.recheck_timer = QTimer(self)
        self.recheck_timer.setSingleShot(True)
        self.recheck_timer.setInterval(RECHECK_AFTER_MS)
        self.recheck_timer.timeout.connect(self._check_points)

    @property
    def _live(self) -> SessionEngine | None:
        """The engine while its session goes on; None before it and once it is over."""
        engine = self.engine
        return None if engine is None or engine.is_over else engine

    # -- starting ---------------------------------------------------------------------------
    def begin(self, engine: SessionEngine) -> None:
        """Show ``engine``'s session (started, or restored and paused)."""
        self.engine = engine
        state = self.preferences.get(NOTES_SPLITTER)
        if state is not None:
            self.work_splitter.restoreState(state)
        state = self.preferences.get(POINTS_SPLITTER)
        if state is not None:
            self.answer_panel.answer_splitter.restoreState(state)
        self.notes_panel.mono_button.setChecked(self.preferences.get(MONOSPACE_NOTES))
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
        self.header.show_position(engine.position, engine.total, question.topic)
        self.question_view.show_sections(
            [Section(question.question, f"{question.id}:question", emphasis=True)],
            base_dir=self.base_dir_for(question.id),
        )
        behavioural = question.kind is Kind.BEHAVIORAL
        self.notes_panel.star_button.setVisible(behavioural)
        self.notes_panel.show_notes(run.notes, offer_star=behavioural and not run.notes.strip())
        self.autosave.forget_edits()
        self.recheck_timer.stop()
        self.key_points.clear()
        self.notes_panel.reflection_edit.setText(run.reflection)
        talk = run.spoken or (
            self.preferences.get(TALK_IT_THROUGH)
            and not run.notes.strip()
            and run.revealed_at is None
        )
        if talk != run.spoken and engine.state in (State.RUNNING, State.PAUSED):
            engine.set_spoken(talk)
        self.notes_panel.set_talking(talk)
        self.answer_panel.setVisible(run.revealed_at is not None)
        if run.revealed_at is not None:
            self._show_answer()
        self._show_talk_mode()
        self._sync_controls()

    def _show_answer(self) -> None:
        engine = self.engine
        assert engine is not None
        self.answer_panel.show_answer(
            engine.current.question, self.base_dir_for, can_keep=self.save_answer is not None
        )
        self._check_points()
        self.answer_panel.setVisible(True)
        if self.work_splitter.sizes()[1] == 0:
            width = max(2, self.work_splitter.width())
            self.work_splitter.setSizes([width // 2, width // 2])

    def _sync_controls(self) -> None:
        engine = self.engine
        if engine is None:
            return
        self.header.show_state(engine)
        self.notes_panel.show_paused(engine.state is State.PAUSED)
        self.buttons.show_state(engine)

    def tick(self) -> None:
        """Refresh the clocks and ask the autosave policy (called five times a second)."""
        if (engine := self._live) is None:
            return
        self.header.show_clocks(engine, dark=self._dark, flash=self.time_cues.observe(engine))
        timer_label = self.header.timer_label
        self.notes_panel.show_countdown(timer_label.text(), timer_label.styleSheet())
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
        if (engine := self._live) is None:
            return
        engine.set_notes(self.notes_panel.notes_text())
        if engine.current.revealed_at is not None:
            self.recheck_timer.start()
        self.autosave.notes_edited(engine.clock.monotonic())
        self.save_label.setText("Editing…")

    def save_now(self) -> None:
        if (engine := self._live) is None:
            return
        engine.set_notes(self.notes_panel.notes_text())
        engine.save_draft()
        self.autosave.saved(engine.clock.monotonic())
        self.save_label.setText("Saved" if self.save_banner.state.saved else "Not saved")

    def show_save_state(self, state: SaveState) -> None:
        """The recorder's news: a refused write (the banner says what and where), or all
        saved again."""
        self.save_banner.show_state(state)
        if self._live is not None and not self.autosave.dirty:
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
        if (engine := self._live) is None:
            return
        engine.rate(None if engine.current.rating is rating else rating)
        self._sync_controls()

    def next(self) -> None:
        self._advance(skip=False)

    def skip(self) -> None:
        self._advance(skip=True)

    def _advance(self, *, skip: bool) -> None:
        if (engine := self._live) is None:
            return
        engine.set_notes(self.notes_panel.notes_text())
        if not skip:
            self._check_points()
        self.spoken.finish(engine)
        more = engine.skip() if skip else engine.next()
        self.autosave.saved(engine.clock.monotonic())  # the question, its notes and times
        if more:
            self._show_question()
            self.tick()
        else:
            self._finish()

    def toggle_pause(self) -> None:
        if (engine := self._live) is None:
            return
        engine.set_notes(self.notes_panel.notes_text())
        engine.toggle_pause()
        self.spoken.show_for(engine)
        self.autosave.forget_edits()
        self.tick()

    def end(self) -> None:
        """End session: at once when nothing would be cut short, else after asking."""
        if (engine := self._live) is None:
            return
        engine.set_notes(self.notes_panel.notes_text())
        confirm_end(self, engine.cut_short_by_ending(), self._end_now)

    def _end_now(self) -> None:
        if (engine := self._live) is None:
            return
        engine.set_notes(self.notes_panel.notes_text())
        self.spoken.finish(engine)
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
        self.notes_panel.set_monospace(on, normal=QFont(self.font()))
        self.preferences.set(MONOSPACE_NOTES, on)

    def _remember_split(self) -> None:
        self.preferences.set(NOTES_SPLITTER, self.work_splitter.saveState())
        self.preferences.set(POINTS_SPLITTER, self.answer_panel.answer_splitter.saveState())

    # -- key points -------------------------------------------------------------------------
    def _check_points(self) -> None:
        """Check the current notes against the answer's key points, corrections kept."""
        if (engine := self._live) is None:
            return
        run = engine.current
        question = run.question
        if not question.has_answer or (run.spoken and run.revealed_at is None):
            return  # nothing to check (out loud, the user ticks what was said after the reveal)
        results = check_question(question, run.notes, self.rarity())
        marks = remark([(r.point.text, r.covered) for r in results], run.key_points)
        if marks != run.key_points:
            engine.set_key_points(marks)
        if run.revealed_at is not None:
            self.key_points.show_points(
                [r.point for r in results], marks, spoken=self.talk_button.isChecked()
            )

    def _marks_corrected(self, marks: tuple[PointMark, ...]) -> None:
        if (engine := self._live) is None:
            return
        engine.set_key_points(marks)

    # -- STAR and talking it through ------------------------------------------------------------
    def insert_star_template(self) -> None:
        """Put the STAR headings into the notes (at the top when there are notes already)."""
        if self._live is None or self.notes_edit.isReadOnly():
            return
        if self.talk_button.isChecked():
            self.talk_button.setChecked(False)
        self.notes_panel.insert_star_template()

    def _talk_toggled(self, on: bool) -> None:
        self.preferences.set(TALK_IT_THROUGH, on)
        if (engine := self._live) is not None:
            engine.set_notes(self.notes_panel.notes_text())
            engine.set_spoken(on)
            if engine.current.revealed_at is not None:
                self._check_points()
        self._show_talk_mode()
        self.tick()

    def _show_talk_mode(self) -> None:
        engine = self.engine
        revealed = engine is not None and engine.current.revealed_at is not None
        self.notes_panel.show_mode(revealed=revealed, countdown=self.header.timer_label.text())
        if engine is not None:
            self.spoken.show_for(engine)

    def _reflection_edited(self, text: str) -> None:
        if (engine := self._live) is None:
            return
        engine.set_reflection(text)
        self.autosave.reflection_edited(engine.clock.monotonic())

    def _save_notes_as_answer(self) -> None:
        engine = self.engine
        button = self.answer_panel.save_answer_button
        if engine is None or self.save_answer is None or not button.isVisible():
            return
        if not button.isEnabled():
            return
        notes = self.notes_edit.toPlainText().strip()
        if not notes:
            self.save_label.setText("Write some notes first")
            return
        message = self.save_answer(engine.current.question, notes)
        button.setEnabled(False)
        self.save_label.setText(message)
