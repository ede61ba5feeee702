"""Self-ratings on Anki's (and FSRS's) four-point scale: Again 1, Hard 2, Good 3, Easy 4.

The one definition: the store re-exports it, so a rating means the same everywhere.
"""

from __future__ import annotations

from enum import IntEnum


class Rating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.title()


WEAK_RATINGS = frozenset({Rating.AGAIN, Rating.HARD})


def rating_text(rating: int | None, skipped: bool) -> str:
    """How an attempt went, in a word: "Good", "skipped" or "not rated"."""
    if skipped:
        return "skipped"
    return Rating(rating).label if rating else "not rated"
