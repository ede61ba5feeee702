"""Moving to the next question: store the attempt, render the next question, show it.

    .venv/bin/python bench/session_bench.py [--questions 60] [--rounds 3]

Runs sessions over the bundled bank in an offscreen main window (a temporary data
directory) and times ``SessionView.next()`` until the new question is painted
(``processEvents``): the wait the user feels. The attempt itself is written by the
background writer, so it is timed separately, up to the moment it is committed. Target:
p95 of the user's wait < 30 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import percentile, write_result
from PySide6.QtWidgets import QApplication

from interview_prep.app import create_window, freeze_startup_objects
from interview_prep.practice.plan import Order, SessionSettings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the key numbers here")
    args = parser.parse_args()
    waits: list[float] = []
    commits: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir:
        window = create_window(Path(data_dir))
        window.resize(1200, 760)
        window.show()
        QApplication.processEvents()
        freeze_startup_objects()  # as the app does once its window is up
        for _ in range(args.rounds):
            before = window.engine
            window.sessions.begin_from_setup(
                SessionSettings(count=args.questions, order=Order.RANDOM)
            )
            view = window.session_view
            while window.engine is before:  # stored on the database thread first
                QApplication.processEvents()
                time.sleep(0.001)
            while window.engine is not None and not window.engine.is_over:
                view.notes_edit.setPlainText("Some notes about the question. " * 20)
                start = time.perf_counter()
                view.next()
                QApplication.processEvents()
                shown = time.perf_counter()
                window.link.writer.flush()
                committed = time.perf_counter()
                waits.append(shown - start)
                commits.append(committed - start)
            window.show_home()
        window.close()
    p50, p95 = statistics.median(waits) * 1000, percentile(waits, 0.95) * 1000
    c95 = percentile(commits, 0.95) * 1000
    print(f"next question   {len(waits)} moves over the bundled bank")
    worst = max(waits) * 1000
    print(f"user's wait     p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   max {worst:6.2f} ms")
    print(f"attempt stored  p95 {c95:6.2f} ms after the click (background writer)")
    print(f"target          p95 < 30 ms: {'met' if p95 < 30 else 'MISSED'}")
    write_result(args.json, {"next_question_p95_ms": p95, "attempt_committed_p95_ms": c95})
    return 0


if __name__ == "__main__":
    sys.exit(main())
