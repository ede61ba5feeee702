"""A recording played back: play, pause, seek; the position read by whoever shows it.

The samples are decoded once into memory (5 minutes are 9.6 MB) and handed to the output
stream block by block from ``position``; seeking only moves that position. The backend's
thread advances ``position`` and the UI thread reads or moves it, under one lock, so that a
seek between the audio thread's read and write of it is never lost.
"""

from __future__ import annotations

import threading

from .backend import AudioBackend, Stream
from .codec import Pcm

BLOCK_SECONDS = 0.05


class Playback:
    """Plays ``pcm`` through ``backend``; starts paused at the beginning."""

    def __init__(self, backend: AudioBackend, pcm: Pcm) -> None:
        self._backend, self._pcm = backend, pcm
        self._stream: Stream | None = None
        self.position = 0  # samples
        self.playing = False
        self._lock = threading.Lock()

    @property
    def seconds(self) -> float:
        return self._pcm.seconds

    @property
    def elapsed(self) -> float:
        return self.position / self._pcm.rate

    @property
    def finished(self) -> bool:
        return self.position >= len(self._pcm.samples)

    def _next_block(self, frames: int) -> bytes:
        with self._lock:
            start = self.position
            chunk = self._pcm.samples[start : start + frames]
            self.position = start + len(chunk)
        if len(chunk) < frames:
            self.playing = False
        return chunk.tobytes()

    def play(self) -> None:
        """From the position (from the start again once the end was reached)."""
        if self.playing:
            return
        if self.finished:
            self.position = 0
        self._close_stream()
        rate = self._pcm.rate
        self._stream = self._backend.open_output(rate, int(rate * BLOCK_SECONDS), self._next_block)
        self.playing = True
        self._stream.start()

    def pause(self) -> None:
        self.playing = False
        self._close_stream()

    def seek(self, seconds: float) -> None:
        total = len(self._pcm.samples)
        with self._lock:
            self.position = max(0, min(total, round(seconds * self._pcm.rate)))

    def close(self) -> None:
        self.pause()

    def _close_stream(self) -> None:
        if self._stream is not None:
            stream, self._stream = self._stream, None
            stream.stop()
            stream.close()
