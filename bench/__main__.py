"""Run every benchmark and print one table (plus ``bench/results/latest.json``).

    .venv/bin/python -m bench [--quick] [--large DIR]

Each benchmark runs in its own process (so none warms another's caches or imports) and
writes its key numbers as JSON; this collects them, compares them with the targets and
prints a table. The large data (5,000 questions, 100,000 attempts) is generated once in a
temporary folder unless ``--large`` names one. ``--quick`` uses fewer runs (a smoke test,
not a measurement).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"

# (metric, label, unit, target, higher is better)
TARGETS: list[tuple[str, str, str, float, bool]] = [
    ("startup_bare_s", "start-up: bare PySide6 window", "s", float("nan"), False),
    ("startup_empty_s", "start-up: app, empty data", "s", float("nan"), False),
    ("startup_large_s", "start-up: app, large data", "s", float("nan"), False),
    ("startup_large_ratio", "start-up: large data / bare window", "×", 1.5, False),
    ("startup_ready_ms", "start-up: main window ready after paint", "ms", float("nan"), False),
    ("startup_usable_ratio", "start-up: main window usable / bare window", "×", 3, False),
    ("startup_stall_ms", "start-up: longest UI stall", "ms", 50, False),
    ("startup_stall_cold_ms", "start-up: longest stall, no bank cache", "ms", float("nan"), False),
    ("import_mb_per_s", "markdown import", "MB/s", 1 / 0.3, True),
    ("render_cold_p50_ms", "render p50 (cold)", "ms", float("nan"), False),
    ("render_cold_p95_ms", "render p95 (cold)", "ms", 16, False),
    ("render_hostile_max_ms", "render of a hostile answer (worst)", "ms", float("nan"), False),
    ("render_hostile_stall_ms", "UI stall showing a hostile answer", "ms", 50, False),
    ("render_warm_p95_ms", "render p95 (warm)", "ms", 1, False),
    ("next_question_p95_ms", "next question p95", "ms", 30, False),
    ("review_screen_ms", "review screen (large data)", "ms", 150, False),
    ("review_stall_ms", "review screen: longest UI stall", "ms", 50, False),
    ("stats_ms", "stats (large data)", "ms", 100, False),
    ("stats_first_read_ms", "stats (large data), first read", "ms", 100, False),
    ("search_p95_ms", "search p95 (10,000 questions)", "ms", 20, False),
    ("search_pasted_max_ms", "search of pasted text (worst)", "ms", 100, False),
    ("memory_mb", "resident memory (large data)", "MB", 200, False),
    ("coverage_precision", "key points: precision, untuned half", "", 0.88, True),
    ("coverage_recall", "key points: recall, untuned half", "", 0.8, True),
    ("coverage_extract_p95_ms", "key points: read an answer p95", "ms", 16, False),
    ("coverage_check_p95_ms", "key points: check notes p95", "ms", 16, False),
    ("audio_record_cpu_percent", "recording: CPU, share of one core", "%", 5, False),
    ("audio_encode_x", "recording: Opus encoder, × real time", "×", 20, True),
    ("audio_decode_levels_ms", "recording: open 5 min (decode, levels)", "ms", 1000, False),
    ("audio_waveform_draw_ms", "recording: waveform of 5 min drawn", "ms", 50, False),
]


def run(script: str, *args: str, quick_args: tuple[str, ...] = (), quick: bool) -> dict[str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    command = [
        sys.executable,
        str(BENCH / script),
        *args,
        *(quick_args if quick else ()),
        "--json",
        str(out),
    ]
    print(f"· {script} {' '.join(args)}", flush=True)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout, result.stderr, file=sys.stderr)
        raise SystemExit(f"{script} failed")
    metrics: dict[str, float] = json.loads(out.read_text())
    out.unlink()
    return metrics


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: a smoke test")
    parser.add_argument("--large", type=Path, help="an existing large data folder")
    args = parser.parse_args()
    started = time.perf_counter()
    metrics: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as work:
        large = args.large
        if large is None:
            large = Path(work) / "large"
            print("· make_history.py (5,000 questions, 100,000 attempts)", flush=True)
            subprocess.run([sys.executable, str(BENCH / "make_history.py"), str(large)], check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        quick = args.quick
        metrics |= run(
            "startup_bench.py", "--large", str(large), quick_args=("--runs", "3"), quick=quick
        )
        metrics |= run("import_bench.py", quick_args=("--runs", "2"), quick=quick)
        metrics |= run("render_bench.py", quick_args=("--rounds", "1"), quick=quick)
        metrics |= run("session_bench.py", quick_args=("--rounds", "1"), quick=quick)
        metrics |= run("review_bench.py", str(large), quick_args=("--runs", "3"), quick=quick)
        metrics |= run("search_bench.py", quick_args=("--queries", "100"), quick=quick)
        metrics |= run("memory_bench.py", str(large), quick=quick)
        metrics |= run("coverage_bench.py", quick_args=("--rounds", "2"), quick=quick)
        metrics |= run("bench_audio.py", quick_args=("--seconds", "3", "--runs", "2"), quick=quick)

    print(f"\n{'benchmark':<38}{'value':>12}  {'target':>10}  result")
    rows = []
    for key, label, unit, target, higher in TARGETS:
        value = metrics.get(key)
        if value is None:
            continue
        has_target = target == target  # not NaN
        met = (value >= target if higher else value <= target) if has_target else None
        shown = (
            f"{value:.2f} {unit}"
            if unit in ("s", "×", "MB/s", "") or value < 1
            else f"{value:.1f} {unit}"
        )
        goal = (f"{'≥' if higher else '≤'} {target:.3g} {unit}") if has_target else ""
        verdict = "" if met is None else ("met" if met else "MISSED")
        print(f"{label:<38}{shown:>12}  {goal:>10}  {verdict}")
        rows.append({"metric": key, "label": label, "value": value, "unit": unit,
                     "target": target if has_target else None, "met": met})  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "quick": args.quick,
        "seconds": round(time.perf_counter() - started, 1),
        "results": rows,
    }
    path = RESULTS / "latest.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
