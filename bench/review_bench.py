"""Time to open the review screen and to compute ``stats`` on a large history.

    .venv/bin/python bench/make_history.py /tmp/ip-large      # once: 5,000 q, 100,000 attempts
    .venv/bin/python bench/review_bench.py /tmp/ip-large [--runs 7]

Prints medians over ``--runs`` runs: computing every figure (what ``interview-prep stats``
does after loading the bank), both as the app does it again after a session (rows unchanged
since the last read are not parsed again: ``store.row_memo``) and as a first read on a database
just opened, and opening the review screen from home (figures, tables,
charts, painted; the figures are read on the database thread) and the longest the UI
thread went without running its event loop meanwhile (the gaps between the ticks of a 5 ms
timer, until 0.1 s after it is painted). Targets: stats < 100 ms,
review screen < 150 ms, no stall over 50 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import write_result
from _stalls import StallMeter, run_events
from PySide6.QtWidgets import QApplication

from interview_prep.app import create_window, freeze_startup_objects
from interview_prep.stats.load import load_stats
from interview_prep.store.database import open_database
from interview_prep.ui.changes import Change


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the key numbers here")
    args = parser.parse_args()
    window = create_window(args.data_dir)
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    freeze_startup_objects()  # as the app does once its window is up
    questions = list(window.catalog.questions())
    now = datetime.now(UTC)
    stats_times: list[float] = []
    first_times: list[float] = []
    review_times: list[float] = []
    stalls: list[tuple[float, float]] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        load_stats(window.database, questions, now)
        stats_times.append(time.perf_counter() - start)
        with open_database(window.database.path) as fresh:  # nothing parsed kept yet
            start = time.perf_counter()
            load_stats(fresh, questions, now)
            first_times.append(time.perf_counter() - start)

        window.show_home()
        window.changes.announce(Change.HISTORY)  # forget the figures, as a session's end does
        QApplication.processEvents()
        view = window.review_view
        done: list[bool] = []
        view.figures_shown.connect(lambda done=done: done.append(True))
        with StallMeter() as meter:
            window.show_review()
            while not done:  # the new figures read, then shown in the tables and charts
                QApplication.processEvents()
                time.sleep(0.001)
            QApplication.processEvents()  # and painted
            review_times.append(time.perf_counter() - meter.started)
            view.figures_shown.disconnect()
            run_events(0.1)
        stalls.append(meter.worst())  # (how long, when it began after the click)
    window.close()
    s, r = statistics.median(stats_times) * 1000, statistics.median(review_times) * 1000
    first = statistics.median(first_times) * 1000
    worst, worst_at = (value * 1000 for value in max(stalls))
    attempts = sum(t.figures.attempts for t in load_stats(window.database, questions, now).topics)
    print(f"history         {len(questions)} questions, {attempts} attempts")
    verdict = {True: "met", False: "MISSED"}
    print(f"stats           median {s:6.1f} ms   (target < 100 ms: {verdict[s < 100]})")
    print(f"stats, 1st read median {first:6.1f} ms   (target < 100 ms: {verdict[first < 100]})")
    print(f"review screen   median {r:6.1f} ms   (target < 150 ms: {verdict[r < 150]})")
    met = verdict[worst <= 50]
    print(
        f"longest stall   {worst:6.1f} ms while opening it, from {worst_at:.0f} ms after the "
        f"click   (target ≤ 50 ms: {met})"
    )
    write_result(
        args.json,
        {
            "review_screen_ms": r,
            "stats_ms": s,
            "stats_first_read_ms": first,
            "review_stall_ms": worst,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
