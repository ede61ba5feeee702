"""When the question's countdown deserves a cue: turning amber, reaching zero, and every
further minute of overtime.

The session screen asks ``cue_between`` with the seconds left at its previous tick and now;
a cue is due only when the countdown crossed one of those marks while running, so nothing
sounds at the start of a question that is resumed already in overtime, and nothing while
paused (the countdown does not move then).
"""

from __future__ import annotations

import math
from enum import StrEnum

from .engine import LOW_TIME_SHARE


class Cue(StrEnum):
    LOW = "low"  # the countdown turned amber
    ZERO = "zero"  # time is up
    OVERTIME = "overtime"  # another whole minute over


class CueChoice(StrEnum):
    """What the user wants at those marks (a preference; off unless chosen)."""

    OFF = "off"
    FLASH = "flash"
    FLASH_AND_SOUND = "flashAndSound"


def cue_between(before: float, after: float, limit: float) -> Cue | None:
    """The cue for the countdown going from ``before`` to ``after`` seconds left (negative
    is overtime) on a question of ``limit`` seconds; ``None`` when no mark was crossed."""
    if after >= before:
        return None
    if before > 0 >= after:
        return Cue.ZERO
    if after < 0 and math.floor(-after / 60) > max(0, math.floor(-before / 60)):
        return Cue.OVERTIME
    low = LOW_TIME_SHARE * limit
    if before >= low > after > 0:
        return Cue.LOW
    return None
