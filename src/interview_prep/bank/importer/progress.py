"""Progress of a long import, for a dialog's progress bar.

Each stage (scan, parse, answers) reports its own fraction about every 2% of its work, which
is one integer comparison per line when nobody listens. ``Reporter`` maps a stage's
fractions onto its share of the whole and passes on only increasing ones, so the caller sees
fractions climbing from 0.0 to exactly 1.0 whatever a stage repeats (a rescan after an
unclosed code fence starts over from that fence).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float], None]

#: Reports per stage: one about every 2% of its lines.
STEPS = 50


class Reporter:
    """Forwards increasing overall fractions to ``callback``."""

    __slots__ = ("_callback", "_last")

    def __init__(self, callback: Progress) -> None:
        self._callback = callback
        self._last = -1.0

    def __call__(self, fraction: float) -> None:
        fraction = min(1.0, fraction)
        if fraction > self._last:
            self._last = fraction
            self._callback(fraction)

    def stage(self, start: float, end: float) -> Progress:
        """A callback for a stage that owns ``start``…``end`` of the whole."""
        width = end - start

        def report(fraction: float) -> None:
            self(start + width * fraction)

        return report


def every(total: int) -> int:
    """How many items go by between two reports of a stage of ``total`` items."""
    return max(1, total // STEPS)
