"""Typing slips: whether two words are at most ``k`` edits apart (optimal string alignment).

An edit is a letter inserted, deleted or replaced, or two neighbouring letters swapped
("sheduler", "dependancy", "teh"). The key-point check allows one or two per word, so the
distance is only ever wanted up to a small bound: words whose lengths differ by more are
rejected at once, and the table is filled only along a band ``k`` wide, giving up as soon as
a whole row is past ``k``. The standard library has no such measure; this replaces the
rapidfuzz package (12 MB of the installed bundle) for the few hundred comparisons a check
makes.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest_within", "within"]


def within(a: str, b: str, k: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``k`` edits apart (swaps of neighbours count one)."""
    if abs(len(a) - len(b)) > k:
        return False
    if a == b:
        return True
    far = k + 1
    before: list[int] = []  # the row two above, for swaps
    above = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [far] * (len(b) + 1)
        row[0] = i
        low, high = max(1, i - k), min(len(b), i + k)
        for j in range(low, high + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(above[j] + 1, row[j - 1] + 1, above[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, before[j - 2] + 1)
            row[j] = best
        if min(row[low - 1 : high + 1]) > k:
            return False
        before, above = above, row
    return above[len(b)] <= k


def closest_within(word: str, choices: Iterable[str], k: int) -> str | None:
    """One of ``choices`` at most ``k`` edits from ``word``, or None."""
    for choice in choices:
        if within(word, choice, k):
            return choice
    return None
