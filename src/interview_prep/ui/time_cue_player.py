"""Time-up cues on the session screen: a flash of the countdown, and a short sound if the
user chose one, when it turns amber, reaches zero and at each further overtime minute.

Off by default (View → Time-up cues, remembered in the preferences). ``observe`` is called
on every tick with the running engine; it compares the seconds left with the last tick's
(``practice.time_cues.cue_between``) and says whether the countdown is to be drawn flashed
now. The flash blinks for a little over two seconds on the engine's clock; the sound is the
desktop's alert sound (``QApplication.beep``), as Qt Widgets plays no audio files.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from ..practice.engine import SessionEngine, State
from ..practice.time_cues import Cue, CueChoice, cue_between
from .preferences import TIME_CUES, Preferences

FLASH_SECONDS = 2.4
BLINK_SECONDS = 0.4


class TimeCuePlayer:
    def __init__(
        self, preferences: Preferences, beep: Callable[[], None] = QApplication.beep
    ) -> None:
        self.preferences = preferences
        self.beep = beep
        self.last_cue: Cue | None = None
        self._last: tuple[int, int, float] | None = None  # engine, position, seconds left
        self._flash_started: float | None = None

    def observe(self, engine: SessionEngine) -> bool:
        """Give any cue now due; whether the countdown is to be drawn flashed."""
        now, remaining = engine.clock.monotonic(), engine.question_remaining()
        where = (id(engine), engine.position)
        if self._last is not None and self._last[:2] == where and engine.state is State.RUNNING:
            cue = cue_between(self._last[2], remaining, engine.current.time_limit)
            choice = self.preferences.get(TIME_CUES)
            if cue is not None and choice is not CueChoice.OFF:
                self.last_cue = cue
                self._flash_started = now
                if choice is CueChoice.FLASH_AND_SOUND:
                    self.beep()
        elif self._last is None or self._last[:2] != where:
            self._flash_started = None  # a new question: no flash carried over
        self._last = (*where, remaining)
        if self._flash_started is None or engine.state is not State.RUNNING:
            return False
        since = now - self._flash_started
        return since < FLASH_SECONDS and int(since / BLINK_SECONDS) % 2 == 0
