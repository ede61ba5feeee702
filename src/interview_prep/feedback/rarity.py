"""How rare each word is across the answers of the bank: which words tell a point apart.

A key point needs one of its *distinctive* words to be covered (``matching``): "task" and
"dag" are in most Airflow answers and say nothing about which point the notes make, while
"definitions" or "pool" are in few. A word is distinctive when at most ``DISTINCTIVE_SHARE``
of the catalogue's answers use it (inverse document frequency, counted on stems).

Counting takes a while for a large catalogue (every answer's words), so the app counts on a
worker thread whenever a new catalogue is in use (``prepare``) and the session screen asks
``ready`` without waiting: until the counts are there, a point's distinctive words are the
ones no other point of its answer uses. Counts need ``MIN_ANSWERS`` answers to mean much.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .words import content_stems

__all__ = ["BankRarity", "prepare", "ready"]

DISTINCTIVE_SHARE = math.exp(-1.5)  # about 22 % of the answers (tuned on the evaluation)
MIN_ANSWERS = 10


@dataclass(frozen=True, slots=True)
class BankRarity:
    answers: int  # how many answers were counted
    used_by: dict[str, int]  # stem -> how many of them use it

    @classmethod
    def of_answers(cls, answers: Iterable[str]) -> BankRarity | None:
        """The counts over ``answers`` (empty ones skipped); None when too few to count."""
        counts: Counter[str] = Counter()
        total = 0
        for answer in answers:
            if answer.strip():
                total += 1
                counts.update(set(content_stems(answer)))
        return cls(total, dict(counts)) if total >= MIN_ANSWERS else None

    def distinctive(self, stem: str) -> bool:
        """Whether few enough answers use ``stem`` (one no answer uses is rare too)."""
        return self.used_by.get(stem, 0) <= DISTINCTIVE_SHARE * self.answers


_lock = threading.Lock()
_latest: tuple[object, BankRarity | None] | None = None  # (catalogue, its counts)


def prepare(catalog: object, answers: Iterable[str]) -> None:
    """Count ``answers`` (those of ``catalog``) for ``ready``; on a worker thread."""
    global _latest
    rarity = BankRarity.of_answers(answers)
    with _lock:
        _latest = (catalog, rarity)


def ready(catalog: object) -> BankRarity | None:
    """The counts of ``catalog`` if ``prepare`` has finished them, else None (at once)."""
    with _lock:
        latest = _latest
    if latest is None or latest[0] is not catalog:
        return None
    return latest[1]
