"""Spoken test material with known timings: espeak-ng speech, silences of chosen lengths.

Each phrase is synthesised by espeak-ng (a Debian package that ``scripts/dev.py`` installs),
resampled to the recorder's 16 kHz, trimmed to its first and last audible sample, and laid
out with exact silences between, over a faint noise like a quiet room's. The layout is the
ground truth the speech metrics are checked against.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

from interview_prep.audio.codec import RATE

AUDIBLE = 64  # |sample| from which a sample counts as sound when trimming (-54 dBFS)
NOISE = 12  # peak of the room noise added everywhere (about -70 dBFS RMS)


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


def _resample(samples: array[int], rate: int) -> array[int]:
    if rate == RATE:
        return samples
    step, out = rate / RATE, array("h")
    count = int(len(samples) / step) - 1
    for index in range(count):
        where = index * step
        low = int(where)
        frac = where - low
        out.append(int(samples[low] * (1 - frac) + samples[low + 1] * frac))
    return out


def speak(text: str, *, speed: int = 160) -> array[int]:
    """``text`` said by espeak-ng, 16 kHz, trimmed to its audible part."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "speech.wav"
        subprocess.run(
            ["espeak-ng", "-v", "en", "-s", str(speed), "-w", str(target), text], check=True
        )
        with wave.open(str(target)) as source:
            rate = source.getframerate()
            samples = array("h", source.readframes(source.getnframes()))
    samples = _resample(samples, rate)
    loud = [i for i, value in enumerate(samples) if abs(value) >= AUDIBLE]
    return samples[loud[0] : loud[-1] + 1]


@dataclass(frozen=True)
class Layout:
    """A recording made of phrases and silences, and where each phrase lies (seconds)."""

    samples: array[int]
    phrases: list[tuple[float, float]]

    @property
    def talk(self) -> float:
        return self.phrases[-1][1] - self.phrases[0][0]

    @property
    def pauses(self) -> list[tuple[float, float]]:
        """(start, length) of the silences between phrases."""
        return [(a[1], b[0] - a[1]) for a, b in zip(self.phrases, self.phrases[1:], strict=False)]


def lay_out(parts: list[str | float], *, seed: int = 7) -> Layout:
    """Phrases (text) and silences (seconds) in order, over faint noise."""
    noise = random.Random(seed)
    samples: array[int] = array("h")
    phrases = []
    for part in parts:
        if isinstance(part, str):
            speech = speak(part)
            start = len(samples) / RATE
            samples.extend(speech)
            phrases.append((start, len(samples) / RATE))
        else:
            samples.extend([0] * round(part * RATE))
    for index in range(len(samples)):
        value = samples[index] + noise.randint(-NOISE, NOISE)
        samples[index] = max(-32768, min(32767, value))
    return Layout(samples, phrases)


def tone(seconds: float, *, frequency: float = 220.0, amplitude: int = 8000) -> array[int]:
    import math

    step = 2 * math.pi * frequency / RATE
    return array("h", (int(amplitude * math.sin(step * k)) for k in range(round(seconds * RATE))))
