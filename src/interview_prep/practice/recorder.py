"""The interface through which a running session reaches storage, and a memory version.

The engine reports four things, in order: the session started (with its plan), the
current question's draft changed (notes, elapsed time; sent often), a question was
finished (the attempt, plus the draft of the next question, which must be written in one
transaction so that a crash between them cannot lose or duplicate anything), and the
session ended. ``interview_prep.store.session_log.StoreRecorder`` writes them to SQLite;
``MemoryRecorder`` keeps them in lists for tests and for running without a database.

``Draft`` and ``AttemptRecord`` carry the user's ``Response`` (notes, rating, key points...)
and add what each needs besides: keyword arguments only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from .response import Response


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft(Response):
    """Where an unfinished question stands: enough to resume it after a crash."""

    position: int
    question_id: str
    elapsed_seconds: float
    session_elapsed_seconds: float


@dataclass(frozen=True, slots=True, kw_only=True)
class AttemptRecord(Response):
    """One finished (answered or skipped) question of a session."""

    position: int
    question_id: str
    question_text: str
    topic: str
    bank_id: str
    started_at: datetime
    ended_at: datetime
    duration_seconds: float
    time_limit_seconds: int
    skipped: bool


class SessionRecorder(Protocol):
    def session_started(self, plan: dict[str, Any], now: datetime) -> int:
        """Store a new active session with its ``plan`` (JSON); returns its id."""
        ...

    def draft_changed(self, session_id: int, draft: Draft, now: datetime) -> None: ...

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None: ...

    def session_ended(self, session_id: int, status: str, now: datetime) -> None: ...


@dataclass
class MemoryRecorder:
    """Keeps everything in memory; for tests and for sessions without a database."""

    plans: list[dict[str, Any]] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    attempts: list[AttemptRecord] = field(default_factory=list)
    ended: list[tuple[int, str]] = field(default_factory=list)

    def session_started(self, plan: dict[str, Any], now: datetime) -> int:
        self.plans.append(plan)
        return len(self.plans)

    def draft_changed(self, session_id: int, draft: Draft, now: datetime) -> None:
        self.drafts.append(draft)

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None:
        self.attempts.append(attempt)
        if next_draft is not None:
            self.drafts.append(next_draft)

    def session_ended(self, session_id: int, status: str, now: datetime) -> None:
        self.ended.append((session_id, status))


@dataclass
class StartedRecorder:
    """``inner``, for a session it already stored (on the database thread): the engine's
    ``session_started`` gets that session's id back instead of storing another."""

    inner: SessionRecorder
    session_id: int

    def session_started(self, plan: dict[str, Any], now: datetime) -> int:
        return self.session_id

    def draft_changed(self, session_id: int, draft: Draft, now: datetime) -> None:
        self.inner.draft_changed(session_id, draft, now)

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None:
        self.inner.question_finished(session_id, attempt, next_draft, now)

    def session_ended(self, session_id: int, status: str, now: datetime) -> None:
        self.inner.session_ended(session_id, status, now)
