"""Mock interviews from the window: set up, start, resume after a crash, end, again.

Everything the database holds is read, and every session is stored, on the database thread
(``TaskRunner.database``): the UI never waits on the disk. A session is stored first and
the engine then runs with that session's id (``StartedRecorder``). When a session ends,
``Change.HISTORY`` is announced, and the screens that show the history refresh themselves:
their reads queue on the database thread behind the session's writes.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ..bank.model import Catalog, Question
from ..practice.clock import Clock
from ..practice.engine import SessionEngine
from ..practice.plan import (
    Order,
    SessionPlan,
    SessionSettings,
    plan_from_json,
    plan_from_questions,
    plan_json,
    plan_session,
)
from ..practice.recorder import StartedRecorder
from ..practice.summary import summarize
from ..store.journal import failure_reason, is_refusal
from ..store.slot import DatabaseSlot
from ..store.writer import WritingRecorder
from .changes import Change, Changes
from .figures import Figures
from .preferences import SESSION_SETUP, Preferences
from .tasks import TaskRunner, run_in_background

if TYPE_CHECKING:
    from ..store.session_log import UnfinishedSession


@dataclasses.dataclass(frozen=True)
class Context:
    """What the controller reads: the current catalogue, the database (resolved on the
    database thread: it may open after the window) and the recorder."""

    catalog: Callable[[], Catalog]
    slot: DatabaseSlot
    recorder: Callable[[], WritingRecorder]


class SessionController(QObject):
    began = Signal(object)  # the SessionEngine, running
    ended = Signal(object)  # the session's Summary
    resume_offered = Signal(object)  # the text offering to resume, or None

    def __init__(
        self,
        window: QMainWindow,
        context: Context,
        tasks: TaskRunner,
        figures: Figures,
        changes: Changes,
        preferences: Preferences,
        clock: Clock,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.tasks = tasks
        self.figures = figures
        self.changes = changes
        self.preferences = preferences
        self.clock = clock
        self.rng = random.Random()
        self.engine: SessionEngine | None = None
        self.unfinished: UnfinishedSession | None = None

    @property
    def running(self) -> bool:
        return self.engine is not None and not self.engine.is_over

    def remembered_settings(self) -> SessionSettings:
        return SessionSettings.from_json(self.preferences.get(SESSION_SETUP))

    # -- starting --------------------------------------------------------------------------
    def begin_from_setup(self, settings: SessionSettings) -> None:
        """Plan a session as set up (never-practised questions first needs the counts)."""
        self.preferences.set(SESSION_SETUP, settings.to_json())
        slot = self.context.slot

        now = self.clock.now()

        def plan(known: tuple[dict[str, int], set[str]]) -> None:
            counts, due = known
            questions = self.context.catalog().questions()
            planned = plan_session(
                questions, settings, attempt_counts=counts, due=due, rng=self.rng
            )
            if planned.questions:
                self.begin(planned)

        def counts_and_due() -> tuple[dict[str, int], set[str]]:
            from ..store.attempts import attempt_counts_by_question
            from ..store.history import due_dates

            database = slot.get()
            due = {qid for qid, when in due_dates(database).items() if when <= now}
            return attempt_counts_by_question(database), due

        self.tasks.database(counts_and_due, plan)

    def practise_weakest(self, topic: str) -> None:
        """A session of the weakest questions (due first), with the remembered set-up."""
        if self.running:
            return
        settings = dataclasses.replace(  # the remembered count, time and mode; no filter
            self.remembered_settings(),
            topics=(topic,) if topic else (),
            order=Order.DUE_THEN_WEAKEST,
            tag="",
            difficulty="",
            kind="",
            due_only=False,
            known_banks=(),
        )

        def plan(ranking: list[str]) -> None:
            questions = self.context.catalog().questions()
            planned = plan_session(questions, settings, weakest_first=ranking, rng=self.rng)
            if planned.questions:
                self.begin(planned)

        now = self.clock.now()
        self.figures.stats(
            lambda stats: plan([q.id for q in stats.weakest_questions(now, topic=topic or None)])
        )

    def practise_again(self, questions: list[Question]) -> None:
        if self.engine is None:
            return
        by_id = self.context.catalog().by_id()
        fresh = [by_id.get(q.id, q) for q in questions]
        self.begin(plan_from_questions(fresh, self.engine.plan.settings))

    def begin(self, plan: SessionPlan) -> None:
        """Store the new session on the database thread, then run it."""
        recorder, payload, now = self.context.recorder(), plan_json(plan), self.clock.now()

        def started(session_id: int) -> None:
            engine = SessionEngine(
                plan, clock=self.clock, recorder=StartedRecorder(recorder, session_id)
            )
            engine.start()
            self._run(engine)

        def failed(error: BaseException) -> None:
            self._cannot_begin(failure_reason(error) if is_refusal(error) else str(error))

        self.tasks.database(lambda: recorder.session_started(payload, now), started, failed)

    def _run(self, engine: SessionEngine) -> None:
        self.engine = engine
        self.unfinished = None
        self._count_words()
        self.resume_offered.emit(None)
        self.began.emit(engine)

    def _count_words(self) -> None:
        """How rare each word is across the catalogue's answers, counted on a worker for the
        key-point check (ready long before the first reveal; ``feedback.rarity``)."""
        from ..feedback import rarity

        catalog = self.context.catalog()
        if rarity.ready(catalog) is not None:
            return
        answers = [q.answer or "" for q in catalog.questions()]
        run_in_background(lambda: rarity.prepare(catalog, answers), lambda _none: None)

    def _cannot_begin(self, reason: str) -> None:
        dialog = QMessageBox(self.window)
        dialog.setObjectName("cannotBeginDialog")
        dialog.setIcon(QMessageBox.Icon.Warning)
        dialog.setWindowTitle("Session not started")
        dialog.setTextFormat(Qt.TextFormat.PlainText)
        dialog.setText(
            f"The session could not be started: {reason} ({self.context.slot.path}). "
            "Nothing was changed. Free some space, or close the program that holds the "
            "file, or make it writable, then start again."
        )
        dialog.open()

    # -- ending ----------------------------------------------------------------------------
    def session_ended(self) -> None:
        """The session screen ended the session: the summary, and the history changed (once
        the last write is done)."""
        engine = self.engine
        if engine is None:
            return
        summary = summarize(engine.runs, mode=engine.mode, started_at=engine.started_at)
        self.ended.emit(summary)
        self.history_changed()

    def delete_ended_session(self, recordings_folder: Path, done: Callable[[], None]) -> None:
        """Forget the session just ended (its attempts, draft and recordings), then ``done``."""
        engine = self.engine
        if engine is None or engine.session_id is None or not engine.is_over:
            return
        session_id, slot, now = engine.session_id, self.context.slot, self.clock.now()

        def work() -> None:
            from ..audio import recordings
            from ..store.deletion import delete_session

            recordings.delete(recordings_folder, delete_session(slot.get(), session_id, now))

        def deleted(_: None) -> None:
            self.engine = None
            self.history_changed()
            done()

        self.tasks.database(work, deleted)

    def history_changed(self) -> None:
        """Announce ``Change.HISTORY`` now: whatever a screen then reads runs on the database
        thread after the writes already submitted, so it sees them."""
        self.changes.announce(Change.HISTORY)

    # -- an unfinished session (after a crash) ----------------------------------------------
    def check_unfinished(self, unfinished: UnfinishedSession | None) -> None:
        self.unfinished = None
        if unfinished is None:
            self.resume_offered.emit(None)
            return
        plan = self._plan_of(unfinished)
        done = len(unfinished.attempts)
        if done >= len(plan.questions):  # every question was finished: only the end was lost
            self._abandon(unfinished)
            return
        self.unfinished = unfinished
        when = unfinished.started_at.astimezone().strftime("%a %d %b at %H:%M")
        self.resume_offered.emit(
            f"<b>You have an unfinished mock interview</b> from {when}: question "
            f"{done + 1} of {len(plan.questions)}, with your notes. Resume where you left off?"
        )

    def _plan_of(self, unfinished: UnfinishedSession) -> SessionPlan:
        answered = [
            Question(id=a.question_id, topic=a.topic, question=a.question_text, bank_id=a.bank_id)
            for a in unfinished.attempts
        ]
        plan: dict[str, Any] = unfinished.plan
        return plan_from_json(plan, self.context.catalog().by_id(), answered)

    def resume_unfinished(self) -> None:
        unfinished = self.unfinished
        if unfinished is None:
            return
        from ..store.session_log import attempt_record  # imported by the read that found it

        engine = SessionEngine.restore(
            self._plan_of(unfinished),
            clock=self.clock,
            recorder=self.context.recorder(),
            session_id=unfinished.session_id,
            started_at=unfinished.started_at,
            finished=[attempt_record(i, a) for i, a in enumerate(unfinished.attempts)],
            draft=unfinished.draft,
        )
        self._run(engine)

    def discard_unfinished(self) -> None:
        if self.unfinished is not None:
            self._abandon(self.unfinished)
        self.unfinished = None
        self.resume_offered.emit(None)

    def _abandon(self, unfinished: UnfinishedSession) -> None:
        from ..store.session_log import abandon_session

        slot, now = self.context.slot, self.clock.now()
        self.tasks.database(
            lambda: abandon_session(slot.get(), unfinished.session_id, now),
            lambda _: self.changes.announce(Change.HISTORY),
        )
