"""Render the app's screens offscreen to ``docs/screenshots/`` (run after UI changes).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

Each screen is built exactly as the app builds it, on a throw-away data directory holding
only the bundled bank, and saved with ``QWidget.grab()``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from interview_prep.app import create_window

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        window = create_window(Path(data_dir))
        window.resize(1200, 760)
        window.show()
        topic = window.topic_list.findItems(
            "Implementations / DAGs", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        )[0]
        window.topic_list.setCurrentItem(topic)
        window.question_list.setCurrentItem(window.question_list.topLevelItem(1))
        QApplication.processEvents()
        path = OUT / "main-window.png"
        window.grab().save(str(path))
        print(path)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
