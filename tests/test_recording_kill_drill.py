"""Kill drill for recording: ``kill -9`` in the middle of an answer keeps what was said.

A child process records a spoken answer (espeak-ng speech laid out with known pauses, in a
WAV file) through ``Capture`` from ``FileBackend`` at the pace of real time, as from a
microphone, into ``recordings/x.opus``, and prints the seconds recorded every 0.1 s. The test
sends it SIGKILL at a chosen moment and reads the partial file in this process: it must hold
everything the child had reported, less at most ``MAY_LOSE`` (the writer puts a page on disk
every ``codec.PAGE_MS``), and its metrics must find every pause that ended before the cut.

The kills run side by side (the children mostly wait for the clock), one test each.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_prep.audio import codec, levels, metrics
from speech_samples import Layout, espeak_available, lay_out

pytestmark = [
    pytest.mark.skipif(not espeak_available(), reason="espeak-ng is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

KILL_AFTER = (2.3, 3.1, 4.7)  # seconds of recording (by this process's clock)
MAY_LOSE = 1.0  # seconds reported by the child but not in the file
PAUSE_TOLERANCE = 0.2  # seconds, a pause's start and length
STARTUP_TIMEOUT = 30.0

# Pauses from 0.5 to 1.6 s; the first ones end at about 1.7, 3.6 and 5.8 s: each kill has
# one or two wholly before it, and the 3.1 s kill lands inside one.
ANSWER: list[str | float] = [
    0.4,
    "Hello there.",
    0.6,
    "Let me think.",
    1.0,
    "A queue is first in first out.",
    0.5,
    "A stack is last in first out.",
    1.6,
    "Both are simple.",
    0.8,
    "That is my answer.",
    1.0,
]

CHILD = """
import sys, time
from pathlib import Path
from interview_prep.audio.capture import Capture
from interview_prep.audio.file_backend import FileBackend

capture = Capture(FileBackend(Path(sys.argv[1]), pace=1.0), Path(sys.argv[2]))
capture.start()
print("started", flush=True)
while True:
    time.sleep(0.1)
    print(f"{capture.seconds:.2f}", flush=True)
"""


@dataclass
class Kill:
    """One child killed ``after`` seconds into its recording."""

    after: float
    process: subprocess.Popen[str]
    target: Path
    lines: list[str]
    started: threading.Event
    reader: threading.Thread | None = None

    @property
    def last_reported(self) -> float:
        return max((float(line) for line in self.lines if line != "started"), default=0.0)


def _read_lines(kill: Kill) -> None:
    assert kill.process.stdout is not None
    for line in kill.process.stdout:
        kill.lines.append(line.strip())
        if line.strip() == "started":
            kill.started.set()


@pytest.fixture(scope="module")
def answer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Layout, Path]:
    layout = lay_out(ANSWER, seed=17)
    path = tmp_path_factory.mktemp("answer") / "answer.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(codec.RATE)
        out.writeframes(layout.samples.tobytes())
    return layout, path


@pytest.fixture(scope="module")
def kills(
    answer: tuple[Layout, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[float, Kill]:
    """Every child started together, each killed at its moment; their output read."""
    _, source = answer
    started: dict[float, Kill] = {}
    for after in KILL_AFTER:
        folder = tmp_path_factory.mktemp(f"kill-{after}")
        target = folder / "recordings" / "x.opus"
        with (folder / "stderr.txt").open("w") as errors:
            process = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(source), str(target)],
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
        kill = Kill(after, process, target, [], threading.Event())
        kill.reader = threading.Thread(target=_read_lines, args=(kill,), daemon=True)
        kill.reader.start()
        started[after] = kill
    try:
        for kill in started.values():
            if not kill.started.wait(STARTUP_TIMEOUT):
                output = (kill.target.parent.parent / "stderr.txt").read_text()
                pytest.fail(f"the child did not start recording: {output}")
        begun = time.monotonic()  # all started within a few ms of each other
        for after, kill in sorted(started.items()):
            time.sleep(max(0.0, begun + after - time.monotonic()))
            kill.process.send_signal(signal.SIGKILL)
        for kill in started.values():
            kill.process.wait(timeout=10)
            assert kill.reader is not None
            kill.reader.join(timeout=10)
    finally:
        for kill in started.values():
            if kill.process.poll() is None:
                kill.process.kill()
                kill.process.wait()
    return started


@pytest.mark.parametrize("after", KILL_AFTER)
def test_a_killed_recording_keeps_what_was_said(
    kills: dict[float, Kill], answer: tuple[Layout, Path], after: float
) -> None:
    kill = kills[after]
    assert kill.process.returncode == -signal.SIGKILL
    reported = kill.last_reported
    assert reported >= after - 1.0, f"the child reported only {reported} s: {kill.lines}"
    partial = codec.read(kill.target)
    assert partial.seconds >= reported - MAY_LOSE, (partial.seconds, reported)
    assert partial.seconds <= reported + 1.0  # nothing made up after the kill

    layout, _ = answer
    found = metrics.measure(levels.levels_of(partial.samples, partial.rate))
    assert found.heard
    assert found.first_word == pytest.approx(layout.phrases[0][0], abs=0.1)
    before_cut = [
        (start, length) for start, length in layout.pauses if start + length + 0.2 < partial.seconds
    ]
    assert before_cut, "the kill came before any whole pause: the drill tests nothing"
    for start, length in before_cut:
        assert any(
            abs(start - found_start) <= PAUSE_TOLERANCE
            and abs(length - found_length) <= PAUSE_TOLERANCE
            for found_start, found_length in found.pauses
        ), f"pause ({start:.2f}, {length:.2f}) not found in {found.pauses}"
    for found_start, found_length in found.pauses:  # and none made up of the cut
        if found_length >= 1.0:
            assert any(
                abs(start - found_start) <= PAUSE_TOLERANCE
                and abs(length - found_length) <= PAUSE_TOLERANCE
                for start, length in layout.pauses
            ), f"pause ({found_start:.2f}, {found_length:.2f}) is not in the answer"
