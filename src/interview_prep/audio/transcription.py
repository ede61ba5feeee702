"""The seam for speech-to-text: an engine takes a recording and returns its words, timed.

No engine ships: the one English model that comes inside a Python package (pocketsphinx's)
turned human speech into nonsense when it was tried. A future offline engine (whisper.cpp,
Vosk…) implements ``Transcriber``; the recording's metrics and the key-point check can then
use the words, and ``available()`` lists it. Nothing else in the app changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class TimedWord:
    """One word heard, from ``start`` to ``end`` seconds into the recording."""

    text: str
    start: float
    end: float
    #: How sure the engine is, 0..1, if it says.
    confidence: float | None = None


class Transcriber(Protocol):
    """An offline speech-to-text engine."""

    name: str

    def transcribe(self, recording: Path) -> list[TimedWord]:
        """The words of ``recording`` (an Ogg/Opus file of ``audio.codec``), in order.
        Runs on a worker thread; may take as long as the recording itself."""
        ...


def available() -> list[Transcriber]:
    """The engines installed: none yet."""
    return []
