"""Spaced repetition of questions with FSRS (the ``fsrs`` library).

A question's card is a pure function of its rated attempts in time order: ``replay`` folds
them through the scheduler, ``review`` applies one more. The store keeps the result (the
card as JSON, its due date, reps and lapses) and updates it in the same transaction as the
attempt, so a crash can never leave the two out of step, and ``replay`` over the attempt log
rebuilds exactly the same state (tested).

Choices for interview questions, which are practised in sessions days apart rather than
drilled minute by minute: no learning or relearning steps (a rating schedules days, not
minutes), no fuzzing (so a rebuild is deterministic), desired retention 0.9, and at most a
year between reviews. A skipped
question counts as Again; an attempt left unrated does not touch the card.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, cast

from .rating import Rating

DESIRED_RETENTION = 0.9
MAXIMUM_INTERVAL_DAYS = 365  # an interview topic is worth a look at least once a year


@lru_cache(maxsize=1)
def _scheduler() -> Any:
    import fsrs

    return fsrs.Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
        maximum_interval=MAXIMUM_INTERVAL_DAYS,
    )


def card_id_for(question_id: str) -> int:
    """A stable positive 63-bit card id for a question id."""
    digest = hashlib.blake2b(question_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def scheduling_rating(rating: int | None, skipped: bool) -> Rating | None:
    """The rating an attempt gives the scheduler: skipped is Again, unrated is none."""
    if skipped:
        return Rating.AGAIN
    return Rating(rating) if rating else None


@dataclass(frozen=True, slots=True)
class CardState:
    card: dict[str, Any]
    due: datetime
    last_review: datetime
    reps: int
    lapses: int


def review(
    previous: CardState | None, question_id: str, rating: Rating, when: datetime
) -> CardState:
    """The card after one more review at ``when`` (an aware datetime)."""
    import fsrs

    if when.tzinfo is None:
        raise ValueError("FSRS needs aware datetimes")
    if previous is None:
        card = fsrs.Card(card_id=card_id_for(question_id), due=when)
        reps = lapses = 0
        was_review = False
    else:
        card = fsrs.Card.from_dict(cast(Any, previous.card))
        reps, lapses = previous.reps, previous.lapses
        was_review = card.state == fsrs.State.Review
    card, _log = _scheduler().review_card(card, fsrs.Rating(int(rating)), review_datetime=when)
    if was_review and rating is Rating.AGAIN:
        lapses += 1
    return CardState(card.to_dict(), card.due, when, reps + 1, lapses)


def replay(question_id: str, reviews: Iterable[tuple[datetime, Rating]]) -> CardState | None:
    """The card made by ``reviews`` (in any order; applied oldest first)."""
    state: CardState | None = None
    for when, rating in sorted(reviews, key=lambda item: item[0]):
        state = review(state, question_id, rating, when)
    return state
