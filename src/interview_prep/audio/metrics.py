"""What can be measured of a spoken answer without a speech model, from its loudness.

Speech is told from silence by a threshold set for each recording: 25 dB under its loud
peak (the 99th percentile of its levels, as in de Jong & Wempe's Praat script), never under
the room's own noise (the 10th percentile) plus 6 dB, and never under -60 dBFS. Stretches
of silence shorter than ``MIN_PAUSE`` belong to the speech around them (the gaps between
words), and sounds shorter than ``MIN_SOUND`` (a click, a breath) do not end a pause.

The speaking rate is an estimate: syllable nuclei are counted as peaks of the smoothed
loudness that stand ``MIN_DIP_DB`` over the dip before them, inside speech (de Jong &
Wempe, 2009, "Praat script to detect syllable nuclei and measure speech rate automatically",
without their voicing check, which needs a pitch tracker).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final

from .levels import FRAMES_PER_SECOND

MIN_PAUSE: Final = 0.3  # seconds
LONG_PAUSE: Final = 3.0  # seconds: "pauses over 3 s"
MIN_SOUND: Final = 0.06  # seconds
MIN_DIP_DB: Final = 2.0
_BELOW_PEAK_DB: Final = 25.0
_OVER_NOISE_DB: Final = 6.0
_LOWEST_SPEECH_DB: Final = -60.0
_SMOOTH_FRAMES: Final = 5  # 50 ms
_MIN_NUCLEUS_GAP: Final = 10  # frames: 100 ms, no one says more than ten syllables a second


@dataclass(frozen=True, slots=True)
class SpeechMetrics:
    """The measures of one recording; seconds throughout."""

    recorded: float
    #: From the first sound to the last: how long the answer took to say.
    talk: float
    #: From the start of the recording to the first sound; None when nothing was heard.
    first_word: float | None
    #: Share of ``talk`` spent in pauses, 0..1.
    silence_share: float
    #: Every pause of ``MIN_PAUSE`` or more inside the talk, as (start, length).
    pauses: tuple[tuple[float, float], ...]
    #: Syllable nuclei found (the basis of the speaking-rate estimate).
    syllables: int

    @property
    def heard(self) -> bool:
        return self.first_word is not None

    @property
    def longest_pause(self) -> float:
        return max((length for _, length in self.pauses), default=0.0)

    @property
    def long_pauses(self) -> int:
        return sum(1 for _, length in self.pauses if length > LONG_PAUSE)

    @property
    def syllables_per_minute(self) -> float | None:
        """Estimated syllables a minute of talk (pauses included); None if too short."""
        return self.syllables * 60.0 / self.talk if self.talk >= 2.0 else None

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SpeechMetrics:
        data: dict[str, Any] = json.loads(text)
        data["pauses"] = tuple((float(a), float(b)) for a, b in data.get("pauses", ()))
        return cls(**data)


def _percentile(sorted_values: Sequence[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def thresholds(levels: Sequence[float]) -> tuple[float, float] | None:
    """(speech, edge): a frame over ``speech`` is speech, and speech goes on, at its edges,
    while the level stays over ``edge`` (the room's noise and a margin), so that the fading
    end of a word is not counted as pause. None when the recording holds no speech."""
    if not levels:
        return None
    ordered = sorted(levels)
    peak, noise = _percentile(ordered, 0.99), _percentile(ordered, 0.10)
    if peak < _LOWEST_SPEECH_DB or peak - noise < _OVER_NOISE_DB * 2:
        return None
    edge = max(noise + _OVER_NOISE_DB, _LOWEST_SPEECH_DB)
    return max(peak - _BELOW_PEAK_DB, edge), edge


def _runs(flags: Sequence[bool]) -> list[tuple[bool, int, int]]:
    """(value, start, end) of each run of equal flags."""
    runs: list[tuple[bool, int, int]] = []
    start = 0
    for index in range(1, len(flags) + 1):
        if index == len(flags) or flags[index] != flags[start]:
            runs.append((flags[start], start, index))
            start = index
    return runs


def speech_frames(levels: Sequence[float], limit: float, edge: float) -> list[bool]:
    """Which frames are speech: over ``limit`` and on to where the level falls to ``edge``,
    short sounds dropped, short gaps filled."""
    flags = [level > limit for level in levels]
    for value, start, end in _runs(list(flags)):
        if not value:
            continue
        while start > 0 and not flags[start - 1] and levels[start - 1] > edge:
            start -= 1
            flags[start] = True
        while end < len(flags) and not flags[end] and levels[end] > edge:
            flags[end] = True
            end += 1
    min_sound = round(MIN_SOUND * FRAMES_PER_SECOND)
    min_pause = round(MIN_PAUSE * FRAMES_PER_SECOND)
    for value, start, end in _runs(flags):
        if value and end - start < min_sound:
            flags[start:end] = [False] * (end - start)
    runs = _runs(flags)
    for value, start, end in runs[1:-1]:  # gaps between sounds; not the edges
        if not value and end - start < min_pause:
            flags[start:end] = [True] * (end - start)
    return flags


def _nuclei(levels: Sequence[float], flags: Sequence[bool], limit: float) -> int:
    half = _SMOOTH_FRAMES // 2
    smooth = [
        sum(levels[max(0, i - half) : i + half + 1]) / len(levels[max(0, i - half) : i + half + 1])
        for i in range(len(levels))
    ]
    count, dip, last_peak = 0, float("inf"), -_MIN_NUCLEUS_GAP
    for i in range(1, len(smooth) - 1):
        value = smooth[i]
        dip = min(dip, value)
        is_peak = smooth[i - 1] < value >= smooth[i + 1]
        if not is_peak or not flags[i] or value <= limit:
            continue
        if value - dip >= MIN_DIP_DB and i - last_peak >= _MIN_NUCLEUS_GAP:
            count, dip, last_peak = count + 1, value, i
    return count


def measure(levels: Sequence[float]) -> SpeechMetrics:
    """The metrics of a recording from its 10 ms levels (``levels.levels_of``)."""
    recorded = len(levels) / FRAMES_PER_SECOND
    limits = thresholds(levels)
    flags = speech_frames(levels, *limits) if limits is not None else []
    if limits is None or not any(flags):
        return SpeechMetrics(recorded, 0.0, None, 0.0, (), 0)
    limit = limits[0]
    first = flags.index(True)
    last = len(flags) - flags[::-1].index(True)
    pauses = tuple(
        (start / FRAMES_PER_SECOND, (end - start) / FRAMES_PER_SECOND)
        for value, start, end in _runs(flags[first:last])
        if not value
        for start, end in [(start + first, end + first)]
    )
    talk = (last - first) / FRAMES_PER_SECOND
    silent = sum(length for _, length in pauses)
    return SpeechMetrics(
        recorded=recorded,
        talk=talk,
        first_word=first / FRAMES_PER_SECOND,
        silence_share=silent / talk if talk else 0.0,
        pauses=pauses,
        syllables=_nuclei(levels, flags, limit),
    )
