"""Start-up: process start to the first painted main window, against a bare PySide6 window.

    .venv/bin/python bench/startup_bench.py [--runs 7] [--large DIR]

Runs, alternating so that both see the same machine state: a bare PySide6 window (the
floor: interpreter + Qt + one painted widget), the app on an empty data directory, and the
app on a large one (``bench/make_history.py``: 5,000 questions, 100,000 attempts; made in a
temporary folder when ``--large`` is not given). Each is ``offscreen`` and quits right after
its first paint; the time is measured from ``Popen`` to the "first-paint" line. Targets: the
app with the large data within 1.5× the bare window (the start-up window's first paint),
and the main window usable within 3× the bare window, from process start (its own first
paint: it paints before its banks are read and its database opened, see ``ui/start_up``).

Then, with the large data, runs that stay open (``INTERVIEW_PREP_STARTUP_PROBE``) report when
the main window painted, when its banks were shown in it, when its start-up work was done,
and the longest the UI thread went without running its event loop from the first paint
until all that was done and one second had passed (target: no stall over 50 ms). The first
of these runs starts with an empty bank cache (``bank.parse_cache``), as after a bank file
changed; the others find the cache filled, as on an everyday start. The subprocesses write
bytecode caches, as an installed app has them, whatever ``PYTHONDONTWRITEBYTECODE`` says.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import write_result  # noqa: E402

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("bare")
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("first-paint", flush=True)
            QTimer.singleShot(0, app.quit)
            watched.removeEventFilter(self)
        return False
watch = Watch()
label.installEventFilter(watch)
label.show()
app.exec()
"""


def time_to_paint(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "first-paint":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"{command} never painted")
    process.wait(timeout=60)
    return elapsed


PROBED = ("ready", "banks", "started-up", "max-stall", "max-stall-at", "gc-objects", "gc-full")


def probe(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """What the app's start-up probe reports, in ms: ``ready`` (the main window's first
    paint, after the start-up window's), ``banks`` (shown in it), ``started-up`` (all its
    start-up work done), ``max-stall`` (the longest the UI thread went without its event
    loop), ``max-stall-at`` (when that began), ``gc-objects`` and ``gc-full`` (what a full
    garbage collection walks after start-up, and how long it takes)."""
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    pairs = (line.split() for line in result.stdout.splitlines())
    return {words[0]: float(words[1]) for words in pairs if len(words) == 2 and words[0] in PROBED}


def measure_stalls(runs: int, large: Path) -> dict[str, float]:
    env = app_env(INTERVIEW_PREP_STARTUP_PROBE="1")
    command = [sys.executable, "-m", "interview_prep", "--data-dir", str(large)]
    shutil.rmtree(large / "cache", ignore_errors=True)
    cold = probe(command, env)
    warm = [probe(command, env) for _ in range(runs)]
    worst = max(warm, key=lambda run: run["max-stall"])
    return {
        "startup_ready_cold_ms": cold["ready"],
        "startup_banks_cold_ms": cold["banks"],
        "startup_stall_cold_ms": cold["max-stall"],
        "startup_ready_ms": statistics.median(run["ready"] for run in warm),
        "startup_banks_ms": statistics.median(run["banks"] for run in warm),
        "startup_done_ms": statistics.median(run["started-up"] for run in warm),
        "startup_stall_ms": worst["max-stall"],
        "startup_stall_at_ms": worst["max-stall-at"],
        "startup_gc_objects": max(run["gc-objects"] for run in warm),
        "startup_gc_full_ms": statistics.median(run["gc-full"] for run in warm),
    }


def measure(runs: int, large: Path, empty: Path) -> dict[str, float]:
    env = app_env(INTERVIEW_PREP_EXIT_AFTER_PAINT="1")
    app = [sys.executable, "-m", "interview_prep"]
    samples: dict[str, list[float]] = {"bare": [], "empty": [], "large": []}
    for _ in range(runs):
        samples["bare"].append(time_to_paint([sys.executable, "-c", BARE], env))
        samples["empty"].append(time_to_paint([*app, "--data-dir", str(empty)], env))
        samples["large"].append(time_to_paint([*app, "--data-dir", str(large)], env))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "startup_bare_s": medians["bare"],
        "startup_empty_s": medians["empty"],
        "startup_large_s": medians["large"],
        "startup_large_ratio": medians["large"] / medians["bare"],
    }


def large_data(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_history.py"), str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return folder


def app_env(**extra: str) -> dict[str, str]:
    """The environment the app runs in here: offscreen, and writing its bytecode caches as an
    installed app has them (a ``PYTHONDONTWRITEBYTECODE`` shell would compile every module
    at every start, which no user's start does)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--large", type=Path)
    parser.add_argument("--json", type=Path, help="also write the key numbers here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        large = args.large or large_data(Path(work) / "large")
        empty = Path(work) / "empty"
        env = app_env(INTERVIEW_PREP_EXIT_AFTER_PAINT="1")
        # Warm the disk cache, write the bytecode caches and create the empty database once.
        time_to_paint([sys.executable, "-m", "interview_prep", "--data-dir", str(empty)], env)
        result = measure(args.runs, large, empty)
        result |= measure_stalls(args.runs, large)
    print(f"bare PySide6 window   {result['startup_bare_s'] * 1000:7.0f} ms")
    print(f"app, empty data       {result['startup_empty_s'] * 1000:7.0f} ms")
    print(f"app, large data       {result['startup_large_s'] * 1000:7.0f} ms")
    ratio = result["startup_large_ratio"]
    verdict = "met" if ratio <= 1.5 else "MISSED"
    print(f"large / bare          {ratio:7.2f}×   (target ≤ 1.5×: {verdict})")
    print(f"main window painted   {result['startup_ready_ms']:7.0f} ms after the first paint")
    usable = result["startup_large_s"] * 1000 + result["startup_ready_ms"]
    result["startup_usable_ratio"] = usable / (result["startup_bare_s"] * 1000)
    verdict = "met" if result["startup_usable_ratio"] <= 3 else "MISSED"
    print(
        f"main window usable    {usable:7.0f} ms from process start: "
        f"{result['startup_usable_ratio']:.1f}× the bare window   (target ≤ 3×: {verdict})"
    )
    print(f"  its banks shown     {result['startup_banks_ms']:7.0f} ms after the first paint")
    print(f"  start-up work done  {result['startup_done_ms']:7.0f} ms after the first paint")
    stall = result["startup_stall_ms"]
    verdict = "met" if stall <= 50 else "MISSED"
    print(
        f"longest UI stall      {stall:7.0f} ms, {result['startup_stall_at_ms']:.0f} ms after "
        f"the first paint   (target ≤ 50 ms: {verdict})"
    )
    print(
        f"  bank cache empty    {result['startup_ready_cold_ms']:7.0f} ms main window, "
        f"{result['startup_banks_cold_ms']:.0f} ms banks, "
        f"{result['startup_stall_cold_ms']:.0f} ms longest stall"
    )
    print(
        f"full collection       {result['startup_gc_full_ms']:7.1f} ms after start-up, "
        f"{result['startup_gc_objects']:.0f} objects walked (the rest frozen)"
    )
    write_result(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
