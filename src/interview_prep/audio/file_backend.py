"""A sound "device" made of a file: what tests, demos and the kill drill record from.

Input plays a recording (Ogg/Opus, or WAV) into the callback block by block at the pace of
real time (or ``pace`` times faster), then silence, as a microphone in a quiet room would; output
takes blocks at the pace of real time and drops them, so a player's position moves as it
would through speakers. Chosen with the ``INTERVIEW_PREP_AUDIO_INPUT`` environment variable
(``audio.default_backend``) or passed in by a test.
"""

from __future__ import annotations

import threading
import time
import wave
from array import array
from pathlib import Path

from . import codec
from .backend import AudioBackend, InputCallback, OutputCallback


def load_samples(path: Path) -> array[int]:
    """A WAV (16-bit mono) or a recording's samples."""
    if path.suffix.lower() == ".wav":
        with wave.open(str(path)) as source:
            return array("h", source.readframes(source.getnframes()))
    return codec.read(path).samples


class _PacedStream:
    """A thread that calls ``step`` once a block, ``block / rate`` seconds apart."""

    def __init__(self, rate: int, block: int, pace: float) -> None:
        if pace <= 0:
            raise ValueError("pace must be positive: a file fed without pause never ends")
        self._interval = block / rate / pace
        self._running = threading.Event()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self) -> bool:  # False: the stream has ended
        raise NotImplementedError

    def _loop(self) -> None:
        due = time.monotonic()
        while not self._closed.is_set() and self._running.wait(0.05):
            if not self._running.is_set():
                continue
            if not self.step():
                self._running.clear()
                break
            due += self._interval
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            else:
                due = time.monotonic()

    def start(self) -> None:
        self._running.set()
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="file-audio", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._running.clear()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=1.0)
            if not self._thread.is_alive():
                self._thread = None

    def close(self) -> None:
        self._closed.set()
        self.stop()


class _FileInput(_PacedStream):
    def __init__(self, samples: array[int], rate: int, block: int, pace: float,
                 callback: InputCallback) -> None:  # fmt: skip
        super().__init__(rate, block, pace)
        self._samples, self._block, self._callback, self._at = samples, block, callback, 0

    def step(self) -> bool:
        chunk = self._samples[self._at : self._at + self._block]
        self._at += self._block
        data = chunk.tobytes() + bytes(2 * (self._block - len(chunk)))
        self._callback(data)
        return True


class _NullOutput(_PacedStream):
    def __init__(self, rate: int, block: int, pace: float, callback: OutputCallback) -> None:
        super().__init__(rate, block, pace)
        self._block, self._callback = block, callback

    def step(self) -> bool:
        return len(self._callback(self._block)) == self._block * 2


class FileBackend:
    """Records ``samples`` (or the file ``source``) as if said into a microphone."""

    name = "file"

    def __init__(self, samples: array[int] | Path, *, pace: float = 1.0) -> None:
        self.samples = load_samples(samples) if isinstance(samples, Path) else samples
        self.pace = pace

    def input_devices(self) -> list[str]:
        return ["recording from a file"]

    def output_devices(self) -> list[str]:
        return ["no sound (position only)"]

    def open_input(self, rate: int, block: int, callback: InputCallback) -> _PacedStream:
        return _FileInput(self.samples, rate, block, self.pace, callback)

    def open_output(self, rate: int, block: int, callback: OutputCallback) -> _PacedStream:
        return _NullOutput(rate, block, self.pace, callback)


#: A recording (Ogg/Opus or 16-bit mono WAV) to use instead of the microphone.
INPUT_ENV = "INTERVIEW_PREP_AUDIO_INPUT"


def backend_for(environ: dict[str, str] | None = None) -> AudioBackend:
    """The microphone and speakers, or the file named by ``INTERVIEW_PREP_AUDIO_INPUT``."""
    import os

    from .backend import SoundDeviceBackend

    source = (os.environ if environ is None else environ).get(INPUT_ENV)
    return FileBackend(Path(source)) if source else SoundDeviceBackend()
