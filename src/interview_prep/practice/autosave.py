"""When a running session saves itself: the autosave policy of the notes and the clocks.

The session screen calls ``due`` on every tick (five times a second) and saves when it
answers; it tells the policy about every edit and every save. Times are the engine clock's
monotonic seconds, so the policy needs no clock of its own and tests drive it by hand.

The rules:

* Notes (or a reflection) edited since the last save are saved ``SAVE_AFTER_IDLE`` seconds
  after the last keystroke (``IDLE``), and while typing goes on at least every
  ``SAVE_AT_LEAST_EVERY`` seconds after the last save (``STILL_TYPING``): with a tick every
  0.2 s a crash never loses more than a second of typing.
* The first notes edit after a save counts from that save, so typing after a quiet spell is
  saved at the next tick; before any save at all it counts from the edit itself. A
  reflection edit never moves that mark, so one before any save is saved at the next tick.
* While the session runs and nothing is being typed, the draft (with its elapsed times) is
  saved every ``SAVE_TIMES_EVERY`` seconds (``TIMES``), at once if it was never saved.
* ``forget_edits`` is for edits that need no autosave: a question shown afresh, or notes the
  engine has just saved itself (pausing).
"""

from __future__ import annotations

import math
from enum import StrEnum

SAVE_AFTER_IDLE = 0.5  # seconds after the last keystroke
SAVE_AT_LEAST_EVERY = 0.7  # seconds, while typing goes on (checks run every 0.2 s: < 1 s lost)
SAVE_TIMES_EVERY = 5.0  # seconds, elapsed times even without typing


class SaveReason(StrEnum):
    IDLE = "idle"  # typing stopped: save the notes
    STILL_TYPING = "still typing"  # typing goes on: save the notes anyway
    TIMES = "times"  # nothing typed: save the draft for its elapsed times


class AutosavePolicy:
    """Decides when to save; told of edits and saves, asked on every tick."""

    def __init__(self) -> None:
        self._dirty = False
        self._last_edit = 0.0
        self._last_save: float | None = None  # None: nothing saved yet

    @property
    def dirty(self) -> bool:
        """Whether there are edits the next save must write."""
        return self._dirty

    def notes_edited(self, at: float) -> None:
        if not self._dirty:
            self._last_save = at if self._last_save is None else min(self._last_save, at)
        self._dirty = True
        self._last_edit = at

    def reflection_edited(self, at: float) -> None:
        self._dirty = True
        self._last_edit = at

    def saved(self, at: float) -> None:
        """Everything was saved at ``at`` (notes, times, or the question finished)."""
        self._dirty = False
        self._last_save = at

    def forget_edits(self) -> None:
        """The edits so far need no autosave; when the last save was stays as it is."""
        self._dirty = False

    def due(self, at: float, *, running: bool) -> SaveReason | None:
        """What to save at ``at``, or None; ``running``: the session is neither paused nor
        over. The caller saves and then calls ``saved``."""
        since_save = math.inf if self._last_save is None else at - self._last_save
        if self._dirty and at - self._last_edit >= SAVE_AFTER_IDLE:
            return SaveReason.IDLE
        if self._dirty and since_save >= SAVE_AT_LEAST_EVERY:
            return SaveReason.STILL_TYPING
        if running and since_save >= SAVE_TIMES_EVERY:
            return SaveReason.TIMES
        return None
