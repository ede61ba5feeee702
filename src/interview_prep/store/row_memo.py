"""Values parsed from database rows, kept from one read to the next.

The figures are read again after every session, yet a session changes the rows of a few
questions out of thousands. A ``RowMemo`` hands back the value it parsed last time for each
row read again unchanged (compared whole, so any change in any column parses it again),
and forgets rows that are gone. With 5,000 questions this turns 40–60 ms of parsing
(histograms, times) into a few.

Values handed out are shared between reads: callers must not change them. A memo belongs to
one ``Database`` (``Database.memo``) and, like it, is used on the database thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

Row = tuple[Any, ...]
V = TypeVar("V")


class RowMemo(Generic[V]):
    """Rows keyed by their first column, each with the value parsed from it."""

    def __init__(self) -> None:
        self._kept: dict[Any, tuple[Row, V]] = {}

    def parse(self, rows: Iterable[Row], parse: Callable[[Row], V]) -> dict[Any, V]:
        """``{row[0]: parse(row)}``, calling ``parse`` only for rows not seen as they are."""
        kept: dict[Any, tuple[Row, V]] = self._kept
        fresh: dict[Any, tuple[Row, V]] = {}
        for row in rows:
            old = kept.get(row[0])
            fresh[row[0]] = old if old is not None and old[0] == row else (row, parse(row))
        self._kept = fresh
        return {key: value for key, (_row, value) in fresh.items()}
