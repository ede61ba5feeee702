"""Resident memory after loading a large history and opening the review screen.

    .venv/bin/python bench/memory_bench.py DATA_DIR

Builds the main window offscreen on ``DATA_DIR`` (``bench/make_history.py``: 5,000
questions, 100,000 attempts), lets it settle (search index built), opens the review screen,
and prints the process's resident set size (VmRSS). Target: ≤ 200 MB.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import write_result
from PySide6.QtWidgets import QApplication

from interview_prep.app import create_window


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--json", type=Path, help="also write the key numbers here")
    args = parser.parse_args()
    window = create_window(args.data_dir)
    window.show()
    window.wait_for_index(timeout=60)
    window.show_review()
    QApplication.processEvents()
    rss = resident_mb()
    print(
        f"resident memory  {rss:7.1f} MB   (target ≤ 200 MB: {'met' if rss <= 200 else 'MISSED'})"
    )
    write_result(args.json, {"memory_mb": rss})
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
