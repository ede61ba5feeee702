"""How long the UI thread goes without running its event loop, as the app's start-up probe
measures it: the gaps between the ticks of a 5 ms timer (for the benchmarks that use Qt)."""

from __future__ import annotations

import itertools
import time
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


class StallMeter:
    """``with StallMeter() as meter:`` ticks while the block runs the event loop;
    ``meter.worst()`` is then the longest gap and when it began after the block did."""

    def __init__(self) -> None:
        self.started = 0.0
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def __enter__(self) -> StallMeter:
        self.started = time.perf_counter()
        self.ticks = [self.started]
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._timer.stop()
        self.ticks.append(time.perf_counter())

    def worst(self) -> tuple[float, float]:
        """(the longest gap, when it began after the start), in seconds."""
        return max((b - a, a - self.started) for a, b in itertools.pairwise(self.ticks))


def run_events(seconds: float) -> None:
    """Run the event loop for ``seconds``, as an idle app would."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.001)
