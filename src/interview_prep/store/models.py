"""The database tables, as SQLAlchemy 2 declarative models.

* ``StudySession`` (``sessions``): one mock-interview run with the settings it was started
  with (topics, count, mode...).
* ``Attempt`` (``attempts``): one question answered (or skipped) within a session. Attempts
  are an append-only history, like Anki's revlog: rows are added, never edited or deleted, so
  statistics and schedules can always be recomputed from them.
* ``ReviewState`` (``review_states``): the spaced-repetition state of one question; it is a
  cache derived from the attempts and may be rebuilt from them.
* ``SessionDraft`` (``session_drafts``): where the current question of a running session
  stands (notes, elapsed time...), at most one row per session, so that a session
  interrupted by a crash can be resumed. Unlike attempts it is overwritten freely and
  deleted when the session ends.

Every datetime is timezone-aware: ``UTCDateTime`` stores naive UTC and hands back aware UTC
values, and refuses naive ones rather than guess their zone.

The schema itself is created and changed only by the Alembic migrations in ``migrations/``;
a test checks that they build exactly these tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from .constants import SessionStatus

#: Constraint and index names are derived from this, so that migrations (notably SQLite's
#: "batch" table rebuilds) can refer to every constraint by a stable name.
NAMING_CONVENTION: Final[dict[str, str]] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime stored as naive UTC and returned as an aware UTC datetime.

    SQLite has no time-zone type; storing everything in UTC keeps values comparable and
    sortable as text. Naive datetimes are rejected: their zone would be a guess.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: the store needs aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            return value.astimezone(UTC)
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """The declarative base of every table in the store."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads it as a class attribute)
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(none_as_null=True),
    }


class StudySession(Base):
    """One study (mock-interview) session and the attempts made in it."""

    __tablename__ = "sessions"
    # Keep in step with SessionStatus; a new status needs a migration.
    __table_args__ = (
        CheckConstraint("status IN ('active', 'finished', 'abandoned')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(
        default=SessionStatus.ACTIVE.value, server_default=SessionStatus.ACTIVE.value
    )
    #: What the session was started with: topics, count, mode, time limits...
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))

    attempts: Mapped[list[Attempt]] = relationship(
        back_populates="session",
        order_by=lambda: (Attempt.started_at, Attempt.id),
        passive_deletes=True,
    )
    #: The unfinished question of an active session, if one has been saved.
    draft: Mapped[SessionDraft | None] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Attempt(Base):
    """One question put to the user: an append-only history row, like Anki's revlog.

    The question's text, topic and bank are copied in when the attempt is recorded, so the
    history still reads correctly after the bank is edited or the question removed;
    ``question_id`` is the bank's stable id and links attempts of the same question.
    ``rating`` is a ``Rating`` (1 Again .. 4 Easy) or ``None`` when the question was skipped
    or not rated. Rows are inserted, never updated or deleted.
    """

    __tablename__ = "attempts"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 4", name="rating_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    question_id: Mapped[str] = mapped_column(index=True)
    question_text: Mapped[str] = mapped_column(Text)
    topic: Mapped[str]
    bank_id: Mapped[str] = mapped_column(default="", server_default="")
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    #: Time spent answering, excluding pauses.
    duration_seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0"))
    time_limit_seconds: Mapped[int | None]
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    rating: Mapped[int | None]
    #: When the reference answer was shown, if it was.
    revealed_at: Mapped[datetime | None]
    skipped: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    #: The reference answer's key points and which the notes covered, as JSON
    #: (``practice.coverage``); ``None`` when they were not checked.
    key_points: Mapped[str | None] = mapped_column(Text)
    #: How many key points there were and how many were covered (for figures in SQL).
    points_total: Mapped[int | None]
    points_covered: Mapped[int | None]
    #: Answered out loud ("talk it through"), and the few words written after.
    spoken: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    reflection: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The recording's file name in ``recordings/`` and its metrics as JSON
    #: (``audio.metrics``). The one exception to "never updated": the name is cleared when
    #: the user's retention setting or "Delete all recordings" deletes the file.
    recording: Mapped[str | None]
    speech: Mapped[str | None] = mapped_column(Text)

    session: Mapped[StudySession | None] = relationship(back_populates="attempts")


class ReviewState(Base):
    """The spaced-repetition state of one question (derived from its attempts)."""

    __tablename__ = "review_states"

    question_id: Mapped[str] = mapped_column(primary_key=True)
    #: The serialised FSRS card; ``None`` until the scheduler has seen the question.
    card: Mapped[dict[str, Any] | None]
    due: Mapped[datetime | None] = mapped_column(index=True)
    last_review: Mapped[datetime | None]
    reps: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    lapses: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    updated_at: Mapped[datetime]


class SessionDraft(Base):
    """The question a running session is on: enough to resume it after a crash.

    One row per session at most (``session_id`` is the primary key). It is replaced as the
    user types and moves on, and deleted when the session ends; the session's finished
    questions are its attempts. ``position`` is the question's index in the session's plan,
    the elapsed times exclude pauses, and ``rating`` is a ``Rating`` (1..4) chosen but not yet
    submitted, or ``None``.
    """

    __tablename__ = "session_drafts"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 4", name="rating_range"),)

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    position: Mapped[int]
    question_id: Mapped[str]
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Time spent on this question so far.
    elapsed_seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0"))
    #: Time spent in the whole session so far.
    session_elapsed_seconds: Mapped[float] = mapped_column(
        Float, default=0.0, server_default=text("0")
    )
    revealed_at: Mapped[datetime | None]
    rating: Mapped[int | None]
    key_points: Mapped[str | None] = mapped_column(Text)  # as on ``Attempt``
    spoken: Mapped[bool] = mapped_column(default=False, server_default=text("0"))
    reflection: Mapped[str] = mapped_column(Text, default="", server_default="")
    recording: Mapped[str | None]  # as on ``Attempt``
    speech: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]

    session: Mapped[StudySession] = relationship(back_populates="draft")


class QuestionTally(Base):
    """Per-question figures derived from its attempts (see ``stats.tally``).

    Kept in step with ``attempts`` in the transaction that adds one, and rebuildable from
    the log at any time (``store.derived.rebuild_derived``): the review screen reads these
    few thousand rows instead of aggregating every attempt.
    """

    __tablename__ = "question_stats"

    question_id: Mapped[str] = mapped_column(primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    rated: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    rating_sum: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    weak: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    timed: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    overtime: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    last_started: Mapped[datetime | None]
    last_rating: Mapped[int | None]
    recency_num: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0"))
    recency_den: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0"))
    #: Time used / limit, as counts per 5 % bucket: ``"15:3 16:1"`` (``stats.tally``).
    ratio_hist: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Share of key points covered by the newest attempt that checked them.
    coverage: Mapped[float | None] = mapped_column(Float)


class PracticeDay(Base):
    """Attempts and ratings per local calendar day (derived, like ``QuestionTally``)."""

    __tablename__ = "practice_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD, local
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    rated: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    rating_sum: Mapped[int] = mapped_column(default=0, server_default=text("0"))
