"""The session engine: one mock interview, question by question, with its clocks.

It owns all session logic so the Qt screen only shows its state and calls its methods:

* Time is measured with the injected clock's monotonic time, in *segments*: a segment runs
  while the session is neither paused nor over; pausing closes it. A question's elapsed
  time and the session clock are the sums of their closed segments plus the running one,
  so they survive pauses exactly and never jump with the wall clock.
* A countdown is ``time_limit - elapsed``: ``LOW`` (amber) below 20 % of the limit, ``OVER``
  (red) from zero on, when it counts overtime. Time never locks anything.
* Every change that matters for a resume goes to the ``SessionRecorder``: the draft (notes,
  elapsed times, reveal, rating), each finished question together with the next draft, and
  the end. The engine decides *what* to record; *when* notes are saved while typing is
  ``autosave.AutosavePolicy``'s decision, which the screen carries out with ``save_draft``.
* A ``QuestionRun`` is a frozen value, replaced on every change: the user's ``Response``
  passes whole from run to draft to attempt and back on a resume (``response_values``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from ..audio.metrics import SpeechMetrics
from ..bank.model import Question
from ..wording import plural
from .clock import Clock
from .coverage import PointMark
from .plan import Mode, PlannedQuestion, SessionPlan, plan_json
from .rating import Rating
from .recorder import AttemptRecord, Draft, MemoryRecorder, SessionRecorder
from .response import Response, response_values

LOW_TIME_SHARE = 0.2
REVEAL_AFTER_SECONDS = 15.0  # "reveal after attempting": type something or think a while


class TimerLevel(StrEnum):
    NORMAL = "normal"
    LOW = "low"  # under 20 % of the time left: amber
    OVER = "over"  # at or past zero: red, counting overtime


class State(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class SessionError(RuntimeError):
    """An action that the session's state does not allow (e.g. reveal in Pressure mode)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionRun(Response):
    """One question of the session and what the user did with it (its ``Response``)."""

    position: int
    planned: PlannedQuestion
    active_seconds: float = 0.0  # closed segments
    started_at: datetime | None = None
    ended_at: datetime | None = None
    revealed_after: float | None = None  # elapsed seconds at the reveal
    skipped: bool = False
    finished: bool = False

    @property
    def question(self) -> Question:
        return self.planned.question

    @property
    def time_limit(self) -> int:
        return self.planned.time_limit

    @property
    def engaged(self) -> bool:
        """Whether the user did anything with it worth keeping."""
        return (
            bool(self.notes.strip())
            or bool(self.reflection.strip())
            or self.revealed_at is not None
            or self.rating is not None
            or self.recording is not None
        )


class SessionEngine:
    def __init__(
        self,
        plan: SessionPlan,
        *,
        clock: Clock,
        recorder: SessionRecorder | None = None,
    ) -> None:
        if not plan.questions:
            raise SessionError("a session needs at least one question")
        self.plan = plan
        self.clock = clock
        self.recorder: SessionRecorder = recorder or MemoryRecorder()
        self.runs = [
            QuestionRun(position=i, planned=planned) for i, planned in enumerate(plan.questions)
        ]
        self.position = 0
        self.state = State.READY
        self.session_id: int | None = None
        self.started_at: datetime | None = None
        self._segment_start: float | None = None
        self._session_closed_seconds = 0.0

    # -- state ---------------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        return self.plan.settings.mode

    @property
    def current(self) -> QuestionRun:
        return self.runs[min(self.position, len(self.runs) - 1)]

    def _put(self, run: QuestionRun) -> None:
        """Make ``run`` (a changed copy of a run) the run at its position."""
        self.runs[run.position] = run

    @property
    def total(self) -> int:
        return len(self.runs)

    @property
    def is_over(self) -> bool:
        return self.state is State.ENDED

    def _running_seconds(self) -> float:
        if self._segment_start is None:
            return 0.0
        return max(0.0, self.clock.monotonic() - self._segment_start)

    def question_elapsed(self) -> float:
        return self.current.active_seconds + self._running_seconds()

    def question_remaining(self) -> float:
        """Seconds left for the current question; negative is overtime."""
        return self.current.time_limit - self.question_elapsed()

    def session_elapsed(self) -> float:
        return self._session_closed_seconds + self._running_seconds()

    def timer_level(self) -> TimerLevel:
        remaining = self.question_remaining()
        if remaining <= 0:
            return TimerLevel.OVER
        if remaining < LOW_TIME_SHARE * self.current.time_limit:
            return TimerLevel.LOW
        return TimerLevel.NORMAL

    @property
    def attempted(self) -> bool:
        """Whether the user has tried the current question before seeing its answer: some
        notes, or ``REVEAL_AFTER_SECONDS`` of thinking. The screen offers the reveal only then."""
        return bool(self.current.notes.strip()) or self.question_elapsed() >= REVEAL_AFTER_SECONDS

    def seconds_until_attempted(self) -> float:
        """How long until thinking alone counts as an attempt (0 once notes are typed)."""
        if self.current.notes.strip():
            return 0.0
        return max(0.0, REVEAL_AFTER_SECONDS - self.question_elapsed())

    @property
    def can_reveal(self) -> bool:
        return (
            self.state is State.RUNNING
            and self.mode is Mode.PRACTICE
            and self.current.revealed_at is None
        )

    # -- segments --------------------------------------------------------------------------
    def _open_segment(self) -> None:
        self._segment_start = self.clock.monotonic()

    def _close_segment(self) -> None:
        seconds = self._running_seconds()
        self._put(replace(self.current, active_seconds=self.current.active_seconds + seconds))
        self._session_closed_seconds += seconds
        self._segment_start = None

    def _require(self, *states: State) -> None:
        if self.state not in states:
            raise SessionError(f"not possible while the session is {self.state.value}")

    # -- actions ---------------------------------------------------------------------------
    def start(self) -> None:
        self._require(State.READY)
        now = self.clock.now()
        self.started_at = now
        self.session_id = self.recorder.session_started(plan_json(self.plan), now)
        self._put(replace(self.current, started_at=now))
        self.state = State.RUNNING
        self._open_segment()
        self.save_draft()

    def pause(self) -> None:
        self._require(State.RUNNING)
        self._close_segment()
        self.state = State.PAUSED
        self.save_draft()

    def resume(self) -> None:
        self._require(State.PAUSED)
        self.state = State.RUNNING
        self._open_segment()

    def toggle_pause(self) -> None:
        if self.state is State.RUNNING:
            self.pause()
        else:
            self.resume()

    def set_notes(self, text: str) -> None:
        if self.state is not State.ENDED:
            self._put(replace(self.current, notes=text))

    def set_key_points(self, marks: Sequence[PointMark] | None) -> None:
        """The answer's key points and which the notes cover (the user's corrections in)."""
        self._require(State.RUNNING, State.PAUSED)
        self._put(replace(self.current, key_points=None if marks is None else tuple(marks)))
        self.save_draft()

    def set_spoken(self, spoken: bool) -> None:
        """Answer this question out loud ("talk it through") or in the notes."""
        self._require(State.RUNNING, State.PAUSED)
        if self.current.spoken != spoken:
            self._put(replace(self.current, spoken=spoken))
            self.save_draft()

    def set_recording(self, name: str | None, speech: SpeechMetrics | None) -> None:
        """The answer's recording (a file in ``recordings/``) and its metrics; saved at once,
        so that a resume after a crash finds the file even while it is being recorded."""
        self._require(State.RUNNING, State.PAUSED)
        self._put(replace(self.current, recording=name, speech=speech))
        self.save_draft()

    def set_reflection(self, text: str) -> None:
        if self.state is not State.ENDED:
            self._put(replace(self.current, reflection=text))

    def reveal(self) -> None:
        if self.mode is Mode.PRESSURE:
            raise SessionError("in Pressure mode the answers are shown at the end")
        self._require(State.RUNNING, State.PAUSED)
        run = self.current
        if run.revealed_at is None:
            now, elapsed = self.clock.now(), self.question_elapsed()
            self._put(replace(run, revealed_at=now, revealed_after=elapsed))
            self.save_draft()

    def rate(self, rating: Rating | None) -> None:
        self._require(State.RUNNING, State.PAUSED)
        self._put(replace(self.current, rating=rating))
        self.save_draft()

    def next(self) -> bool:
        """Finish the current question and move on; False when that was the last one."""
        return self._finish(skipped=False)

    def skip(self) -> bool:
        return self._finish(skipped=True)

    def cut_short_by_ending(self) -> list[str]:
        """What ending now would leave undone, in words ("3 questions not reached", "this
        question not rated"); empty when ending loses nothing (the last question is done)."""
        if self.state not in (State.RUNNING, State.PAUSED):
            return []
        parts = []
        run, left = self.current, len(self.runs) - self.position - 1
        if run.engaged and run.rating is None:
            parts.append("this question is not rated yet")
        elif not run.engaged:
            left += 1
        if left:
            parts.append(f"{plural(left, 'question')} not reached")
        return parts

    def end(self) -> None:
        """End the session now; the current question is kept if the user engaged with it."""
        if self.state is State.ENDED:
            return
        self._require(State.RUNNING, State.PAUSED)
        if self.current.engaged:
            self._finish(skipped=False, last=True)
            return
        self._close_segment()
        self.state = State.ENDED
        assert self.session_id is not None
        self.recorder.session_ended(self.session_id, "finished", self.clock.now())

    def draft(self) -> Draft:
        run = self.current
        return Draft(
            **response_values(run),
            position=run.position,
            question_id=run.question.id,
            elapsed_seconds=self.question_elapsed(),
            session_elapsed_seconds=self.session_elapsed(),
        )

    def save_draft(self) -> None:
        if self.session_id is not None and self.state is not State.ENDED:
            self.recorder.draft_changed(self.session_id, self.draft(), self.clock.now())

    def _finish(self, *, skipped: bool, last: bool = False) -> bool:
        self._require(State.RUNNING, State.PAUSED)
        assert self.session_id is not None
        now = self.clock.now()
        self._close_segment()
        run = replace(self.current, skipped=skipped, finished=True, ended_at=now)
        self._put(run)
        attempt = AttemptRecord(
            **response_values(run),
            position=run.position,
            question_id=run.question.id,
            question_text=run.question.question,
            topic=run.question.topic,
            bank_id=run.question.bank_id,
            started_at=run.started_at or now,
            ended_at=now,
            duration_seconds=run.active_seconds,
            time_limit_seconds=run.time_limit,
            skipped=skipped,
        )
        more = not last and self.position + 1 < len(self.runs)
        if more:
            self.position += 1
            self._put(replace(self.current, started_at=now))
            self.state = State.RUNNING
            self._open_segment()
            self.recorder.question_finished(self.session_id, attempt, self.draft(), now)
        else:
            self.state = State.ENDED
            self.recorder.question_finished(self.session_id, attempt, None, now)
            self.recorder.session_ended(self.session_id, "finished", now)
        return more

    # -- resume ------------------------------------------------------------------------------
    @classmethod
    def restore(
        cls,
        plan: SessionPlan,
        *,
        clock: Clock,
        recorder: SessionRecorder,
        session_id: int,
        started_at: datetime,
        finished: Sequence[AttemptRecord],
        draft: Draft | None,
    ) -> SessionEngine:
        """Continue a session interrupted by a crash, at the question it was on."""
        engine = cls(plan, clock=clock, recorder=recorder)
        engine.session_id = session_id
        engine.started_at = started_at
        for record, run in zip(finished, engine.runs, strict=False):
            engine._put(
                replace(
                    run,
                    **response_values(record),
                    active_seconds=record.duration_seconds,
                    started_at=record.started_at,
                    ended_at=record.ended_at,
                    skipped=record.skipped,
                    finished=True,
                )
            )
        engine.position = min(len(finished), len(engine.runs) - 1)
        engine._session_closed_seconds = sum(r.duration_seconds for r in finished)
        run = engine.current
        engine._put(replace(run, started_at=run.started_at or clock.now()))
        if draft is not None and draft.position == engine.position:
            engine._put(
                replace(
                    engine.current, **response_values(draft), active_seconds=draft.elapsed_seconds
                )
            )
            engine._session_closed_seconds = max(
                engine._session_closed_seconds + draft.elapsed_seconds,
                draft.session_elapsed_seconds,
            )
        engine.state = State.PAUSED  # the user resumes when ready
        return engine
