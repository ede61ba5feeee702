"""One recording being made: microphone blocks streamed to an Ogg/Opus file as they come.

The backend hands blocks to ``Capture`` on its audio thread, which only queues them; a
writer thread encodes them into the file (a page reaches the disk at least every
``codec.PAGE_MS``), keeps the 10 ms levels for the level meter, the metrics and the waveform,
and counts the time recorded. Pausing stops the stream and keeps the file open; ``stop``
drains the queue, closes the file and measures the answer. No method blocks for longer than
the writer takes to finish its last block.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from pathlib import Path

from . import codec
from .backend import AudioBackend, Stream
from .levels import FLOOR_DB, FRAMES_PER_SECOND, LevelMeter
from .metrics import SpeechMetrics, measure

BLOCK_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class Recorded:
    """A finished recording: its file, its levels and what they measure."""

    path: Path
    levels: list[float]
    metrics: SpeechMetrics


class Capture:
    """Records from ``backend`` into ``path`` until ``stop``."""

    def __init__(self, backend: AudioBackend, path: Path, rate: int = codec.RATE) -> None:
        self.path, self.rate = path, rate
        self._meter = LevelMeter(rate)
        self._blocks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = codec.OpusWriter(path, rate)
        try:
            self._stream: Stream = backend.open_input(
                rate, int(rate * BLOCK_SECONDS), self._blocks.put
            )
        except BaseException:
            self._writer.close()
            path.unlink(missing_ok=True)
            raise
        self._thread = threading.Thread(target=self._write, name="recording", daemon=True)
        self._thread.start()
        self.recording = False

    # -- what the UI reads (a list's length and last item: safe across threads) ---------------
    @property
    def seconds(self) -> float:
        return len(self._meter.levels) / FRAMES_PER_SECOND

    @property
    def level(self) -> float:
        """The loudness of the last 50 ms, dBFS."""
        recent = self._meter.levels[-5:]
        return max(recent) if recent else FLOOR_DB

    @property
    def error(self) -> BaseException | None:
        """What stopped the writer (a full disk…), if anything did."""
        return self._error

    # -- control ---------------------------------------------------------------------------------
    def start(self) -> None:
        if not self.recording:
            self._stream.start()
            self.recording = True

    def pause(self) -> None:
        if self.recording:
            self._stream.stop()
            self.recording = False

    def stop(self) -> Recorded:
        """End the recording: the file is complete and closed when this returns."""
        self.pause()
        self._stream.close()
        self._blocks.put(None)
        self._thread.join()
        self._writer.close()
        levels = list(self._meter.levels)
        return Recorded(self.path, levels, measure(levels))

    def _write(self) -> None:
        while (block := self._blocks.get()) is not None:
            if self._error is not None:
                continue
            try:
                self._writer.write(block)
                self._meter.feed(block)
            except OSError as exc:
                self._error = exc
