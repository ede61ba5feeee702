"""Loudness over time: one level in dBFS for every 10 ms of audio, the shared input of the
speech metrics and the waveform.

A level is the RMS of the frame's samples against full scale (0 dB is the loudest a 16-bit
sample goes); digital silence is ``FLOOR_DB``. Standard library only: 5 minutes of audio are
30,000 frames, folded in about 0.2 s on a worker thread, or as they are recorded.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence
from operator import mul
from typing import Final

FRAMES_PER_SECOND: Final = 100
FLOOR_DB: Final = -96.0
_FULL_SCALE_SQUARED: Final = 32768.0 * 32768.0


def frame_size(rate: int) -> int:
    return rate // FRAMES_PER_SECOND


def level_db(samples: Sequence[int]) -> float:
    """The RMS level of ``samples`` in dBFS (``FLOOR_DB`` for silence)."""
    if not samples:
        return FLOOR_DB
    power = sum(map(mul, samples, samples)) / (len(samples) * _FULL_SCALE_SQUARED)
    return max(FLOOR_DB, 10.0 * math.log10(power)) if power > 0 else FLOOR_DB


class LevelMeter:
    """Levels of a stream arriving in blocks of any length: whole frames only, the rest
    kept for the next block."""

    def __init__(self, rate: int) -> None:
        self._size = frame_size(rate)
        self._pending: array[int] = array("h")
        self.levels: list[float] = []

    def feed(self, pcm: bytes) -> list[float]:
        """Take 16-bit samples; returns the levels of the frames they completed."""
        self._pending.frombytes(pcm)
        size, pending = self._size, self._pending
        whole = len(pending) - len(pending) % size
        new = [level_db(pending[start : start + size]) for start in range(0, whole, size)]
        del pending[:whole]
        self.levels += new
        return new


def levels_of(samples: array[int], rate: int) -> list[float]:
    """The level of every whole 10 ms frame of ``samples``."""
    meter = LevelMeter(rate)
    meter.feed(samples.tobytes())
    return meter.levels


def columns(levels: Sequence[float], width: int, floor_db: float = -60.0) -> list[float]:
    """The waveform's bar heights for ``width`` columns, 0..1: each column the loudest of its
    frames, on a dB scale from ``floor_db`` (0) to full scale (1)."""
    if width <= 0 or not levels:
        return []
    count, span = len(levels), -floor_db
    heights = []
    for column in range(width):
        start = column * count // width
        end = max(start + 1, (column + 1) * count // width)
        loudest = max(levels[start:end])
        heights.append(min(1.0, max(0.0, (loudest - floor_db) / span)))
    return heights
