"""Speaking practice: what recording costs, and how fast a recording is opened and drawn.

    .venv/bin/python bench/bench_audio.py [--seconds 10] [--runs 5]

The answer is espeak-ng speech (``tests/speech_samples``; a tone when espeak-ng is not
installed), repeated to the length each measure needs.

(a) CPU while recording: a ``Capture`` from ``FileBackend`` at the pace of real time for
    ``--seconds``, the process's CPU time (every thread) over that time, less what the same
    process uses sitting idle as long, as a share of one core. Target < 5 %.
(b) Encoder throughput: seconds of audio ``codec.OpusWriter`` encodes per second of CPU, 5
    minutes written in 50 ms blocks as a capture writes them. Target ≥ 20 (the encoder alone
    then takes under 5 % of a core while recording).
(c) Decode + levels of a 5-minute recording (``codec.read`` and ``levels.levels_of``, what
    a recording's waveform and metrics are made from; on a worker thread): best of
    ``--runs``. Target ≤ 1,000 ms.
(d) ``levels.columns`` of 5 minutes of levels at width 1,000 (the waveform's bars, on the
    UI thread at every resize): median of ``--runs``. Target ≤ 16 ms (one frame).
(e) The waveform of a 5-minute recording drawn at 1,000 × 60 pixels (``ui.waveform``:
    its bars folded and painted, offscreen): median of ``--runs``. Target < 50 ms.
Also shown: ``metrics.measure`` of those 5 minutes (``Capture.stop`` runs it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from array import array
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import write_result

from interview_prep.audio import codec, levels, metrics
from interview_prep.audio.capture import BLOCK_SECONDS, Capture
from interview_prep.audio.file_backend import FileBackend
from speech_samples import espeak_available, lay_out, tone

FIVE_MINUTES = 300.0
PHRASES: list[str | float] = [
    0.5,
    "A hash table maps keys to values.",
    0.6,
    "Lookups take constant time on average.",
    1.2,
    "Collisions are handled by chaining, or by open addressing.",
    0.8,
    "A binary search halves the range at each step.",
    2.0,
    "Indexes make reads faster and writes slower.",
    0.5,
    "So we measure before we tune anything.",
    1.5,
]


def answer(seconds: float) -> tuple[array[int], str]:
    """At least ``seconds`` of an answer, and what it is made of."""
    if espeak_available():
        once = lay_out(PHRASES).samples
        what = "espeak-ng speech"
    else:
        once = tone(10.0)
        what = "a 220 Hz tone (espeak-ng is not installed)"
    samples = array("h", once)
    while len(samples) < seconds * codec.RATE:
        samples.extend(once)
    return samples[: round(seconds * codec.RATE)], what


def cpu_while_recording(samples: array[int], seconds: float, folder: Path) -> dict[str, float]:
    idle_cpu = time.process_time()
    idle_wall = time.perf_counter()
    time.sleep(seconds)
    idle_share = (time.process_time() - idle_cpu) / (time.perf_counter() - idle_wall)

    capture = Capture(FileBackend(samples, pace=1.0), folder / "recording.opus")
    cpu, wall = time.process_time(), time.perf_counter()
    capture.start()
    time.sleep(seconds)
    capture.pause()
    busy_share = (time.process_time() - cpu) / (time.perf_counter() - wall)
    recorded = capture.seconds
    capture.stop()
    return {
        "idle_percent": idle_share * 100,
        "recording_percent": busy_share * 100,
        "cpu_percent": max(0.0, busy_share - idle_share) * 100,
        "recorded_s": recorded,
    }


def encoder_throughput(samples: array[int], path: Path) -> dict[str, float]:
    block = int(codec.RATE * BLOCK_SECONDS)
    data = samples.tobytes()
    step = block * 2
    cpu = time.process_time()
    writer = codec.OpusWriter(path)
    for start in range(0, len(data), step):
        writer.write(data[start : start + step])
    writer.close()
    used = time.process_time() - cpu
    seconds = len(samples) / codec.RATE
    return {
        "encode_x": seconds / used,
        "encode_cpu_s": used,
        "mb_per_minute": path.stat().st_size / 1e6 / (seconds / 60),
    }


def decode_and_levels(path: Path, runs: int) -> tuple[dict[str, float], list[float]]:
    decodes, folds, totals = [], [], []
    found: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        pcm = codec.read(path)
        decoded = time.perf_counter()
        found = levels.levels_of(pcm.samples, pcm.rate)
        done = time.perf_counter()
        decodes.append(decoded - start)
        folds.append(done - decoded)
        totals.append(done - start)
    return {
        "decode_ms": min(decodes) * 1000,
        "levels_ms": min(folds) * 1000,
        "decode_levels_ms": min(totals) * 1000,
    }, found


def waveform_draw(found: list[float], runs: int) -> float:
    """(e): a new recording's waveform drawn whole, folding its bars included."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from interview_prep.ui.waveform import Waveform

    app = QApplication.instance() or QApplication([])
    widget = Waveform()
    widget.resize(1000, 60)
    widget.grab()  # the first paint of any widget sets Qt's painting up

    def draw() -> None:
        widget.set_levels(found)
        widget.set_position(widget.seconds / 3)
        widget.grab()

    result = timed_median(runs, draw)
    del app
    return result


def timed_median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="of recording, for (a)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the key numbers here")
    args = parser.parse_args()

    samples, what = answer(FIVE_MINUTES)
    print(f"answer          {what}, {len(samples) / codec.RATE:.0f} s")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        recording = cpu_while_recording(samples, args.seconds, folder)
        print(
            f"recording       {recording['recorded_s']:.1f} s recorded: "
            f"{recording['recording_percent']:.2f} % of a core, idle "
            f"{recording['idle_percent']:.2f} %"
        )
        encoding = encoder_throughput(samples, folder / "five-minutes.opus")
        print(
            f"encoder         {FIVE_MINUTES:.0f} s in {encoding['encode_cpu_s']:.2f} s of CPU, "
            f"{encoding['mb_per_minute']:.3f} MB a minute"
        )
        opening, found = decode_and_levels(folder / "five-minutes.opus", args.runs)
        print(
            f"open            decode {opening['decode_ms']:.0f} ms + levels "
            f"{opening['levels_ms']:.0f} ms ({len(found)} levels)"
        )
    columns_ms = timed_median(args.runs, lambda: levels.columns(found, 1000))
    measure_ms = timed_median(args.runs, lambda: metrics.measure(found))
    draw_ms = waveform_draw(found, args.runs)

    cpu, encode_x, opening_ms = (
        recording["cpu_percent"],
        encoding["encode_x"],
        opening["decode_levels_ms"],
    )
    # (label, value, unit, target, whether the value meets it)
    rows: list[tuple[str, float, str, str, bool | None]] = [
        ("(a) CPU while recording", cpu, "% core", "< 5", cpu < 5.0),
        ("(b) encoder throughput", encode_x, "s/CPU s", "≥ 20", encode_x >= 20.0),
        ("(c) decode + levels, 5 min", opening_ms, "ms", "≤ 1000", opening_ms <= 1000.0),
        ("(d) columns, 5 min at 1,000", columns_ms, "ms", "≤ 16", columns_ms <= 16.0),
        ("(e) waveform drawn, 5 min", draw_ms, "ms", "< 50", draw_ms < 50.0),
        ("    metrics.measure, 5 min", measure_ms, "ms", "", None),
    ]
    print(f"\n{'benchmark':<30}{'value':>10}  {'unit':<8}{'target':>8}  result")
    for label, value, unit, goal, met in rows:
        verdict = "" if met is None else ("met" if met else "MISSED")
        print(f"{label:<30}{value:>10.2f}  {unit:<8}{goal:>8}  {verdict}")
    write_result(
        args.json,
        {
            "audio_record_cpu_percent": cpu,
            "audio_encode_x": encode_x,
            "audio_decode_levels_ms": opening_ms,
            "audio_columns_ms": columns_ms,
            "audio_measure_ms": measure_ms,
            "audio_waveform_draw_ms": draw_ms,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
