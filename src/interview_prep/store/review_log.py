"""Spaced-repetition state in the database: kept in step with attempts, and rebuilt.

``apply_review`` runs inside the transaction that stores an attempt: it reviews the
question's card once more (``practice.scheduling``). If the attempt is older than the
card's last review (a restored session, a changed clock), the card is replayed from the
whole attempt log instead, so the order of arrival never matters. ``rebuild_cards`` replays
every question from the log; it gives the same states as the incremental updates.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..practice.rating import Rating
from ..practice.scheduling import CardState, replay, review, scheduling_rating
from .database import Database
from .models import Attempt, ReviewState


def _state_of(row: ReviewState | None) -> CardState | None:
    if row is None or row.card is None or row.due is None or row.last_review is None:
        return None
    return CardState(row.card, row.due, row.last_review, row.reps, row.lapses)


def _store(session: Session, question_id: str, state: CardState | None, now: datetime) -> None:
    row = session.get(ReviewState, question_id)
    if state is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = ReviewState(question_id=question_id)
        session.add(row)
    row.card = state.card
    row.due = state.due
    row.last_review = state.last_review
    row.reps = state.reps
    row.lapses = state.lapses
    row.updated_at = now


def _log_of(session: Session, question_id: str) -> list[tuple[datetime, Rating]]:
    rows = session.execute(
        select(Attempt.ended_at, Attempt.started_at, Attempt.rating, Attempt.skipped).where(
            Attempt.question_id == question_id
        )
    )
    reviews = []
    for ended_at, started_at, rating, skipped in rows:
        scheduled = scheduling_rating(rating, skipped)
        if scheduled is not None:
            reviews.append((ended_at or started_at, scheduled))
    return reviews


def apply_review(
    session: Session,
    question_id: str,
    *,
    rating: int | None,
    skipped: bool,
    when: datetime,
    now: datetime,
) -> None:
    """Update ``question_id``'s card for an attempt just added in ``session``."""
    scheduled = scheduling_rating(rating, skipped)
    if scheduled is None:
        return
    previous = _state_of(session.get(ReviewState, question_id))
    if previous is not None and when < previous.last_review:
        state = replay(question_id, _log_of(session, question_id))
    else:
        state = review(previous, question_id, scheduled, when)
    _store(session, question_id, state, now)


def rebuild_card(db: Database, question_id: str, now: datetime) -> CardState | None:
    """Replay one question's card from its attempts (after an attempt was edited)."""
    with db.session() as session:
        state = replay(question_id, _log_of(session, question_id))
        _store(session, question_id, state, now)
    return state


def rebuild_cards(db: Database, now: datetime) -> int:
    """Replay every card from the attempt log; returns how many cards there are."""
    with db.session() as session:
        logs: dict[str, list[tuple[datetime, Rating]]] = defaultdict(list)
        rows = session.execute(
            select(
                Attempt.question_id,
                Attempt.ended_at,
                Attempt.started_at,
                Attempt.rating,
                Attempt.skipped,
            )
        )
        for question_id, ended_at, started_at, rating, skipped in rows:
            scheduled = scheduling_rating(rating, skipped)
            if scheduled is not None:
                logs[question_id].append((ended_at or started_at, scheduled))
        session.execute(delete(ReviewState))
        for question_id, log in logs.items():
            _store(session, question_id, replay(question_id, log), now)
    return len(logs)


def review_states(db: Database) -> dict[str, CardState]:
    with db.session() as session:
        rows = session.scalars(select(ReviewState)).all()
        return {row.question_id: state for row in rows if (state := _state_of(row))}


def due_question_ids(db: Database, now: datetime) -> list[str]:
    """Questions whose card is due at ``now``, most overdue first."""
    with db.session() as session:
        return list(
            session.scalars(
                select(ReviewState.question_id)
                .where(ReviewState.due <= now)
                .order_by(ReviewState.due)
            )
        )


def due_count(db: Database, now: datetime) -> int:
    with db.session() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(ReviewState).where(ReviewState.due <= now)
            )
            or 0
        )
