"""Render the three practice charts with sample data to ``docs/screenshots/`` (light, dark).

    .venv/bin/python scripts/chart_preview.py

Writes ``charts-light.png`` and ``charts-dark.png``: a panel with ``MasteryBarChart``,
``ActivityChart`` (twelve weeks, one without a rating) and ``PracticeCalendar`` (a year up
to 14 May 2026, with a couple of marathon days), built from seeded random data so the
pictures only change when the charts do. Look at both after changing the charts.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QWidget

from interview_prep.render.theme import theme_for
from interview_prep.ui.charts import ActivityChart, MasteryBarChart, PracticeCalendar
from interview_prep.ui.preferences import ThemeChoice
from interview_prep.ui.theme import apply_theme

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
END = date(2026, 5, 14)

MASTERY = [
    ("Kubernetes / Networking and service discovery", 18.0),
    ("Airflow / Executors", 34.5),
    ("SQL / Window functions", 47.0),
    ("Python / Concurrency", 58.0),
    ("System design / Caching", 66.0),
    ("Spark / Partitioning", 79.0),
    ("Git", 92.0),
]


def sample_activity(rng: random.Random) -> list[tuple[date, int, float | None]]:
    first = END - timedelta(days=END.weekday() + 7 * 11)
    points: list[tuple[date, int, float | None]] = []
    for week in range(12):
        attempts = 0 if week == 4 else rng.randint(6, 38)
        mean = None if attempts == 0 else round(min(4.0, 1.6 + week * 0.12 + rng.random()), 2)
        points.append((first + timedelta(weeks=week), attempts, mean))
    return points


def sample_calendar(rng: random.Random) -> dict[date, int]:
    days: dict[date, int] = {}
    for offset in range(7 * 53):
        day = END - timedelta(days=offset)
        keen = 0.25 + 0.5 * (1 - offset / (7 * 53))  # more practice lately
        if day.weekday() >= 5:
            keen /= 2
        if rng.random() < keen:
            days[day] = rng.randint(1, 14)
    days[END - timedelta(days=40)] = 120  # marathon days
    days[END - timedelta(days=200)] = 85
    return days


def build_panel(dark: bool) -> QWidget:
    rng = random.Random(7)
    panel = QWidget()
    panel.setAutoFillBackground(True)
    panel.setStyleSheet(f"background: {theme_for(dark).background};")
    grid = QGridLayout(panel)
    grid.setContentsMargins(16, 12, 16, 16)
    grid.setHorizontalSpacing(24)
    grid.setVerticalSpacing(4)

    def title(text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setStyleSheet(f"color: {theme_for(dark).text}; padding-left: 12px;")
        return label

    mastery = MasteryBarChart()
    mastery.set_data(MASTERY)
    activity = ActivityChart()
    activity.set_data(sample_activity(rng))
    calendar = PracticeCalendar()
    calendar.set_data(sample_calendar(rng), end=END)
    empty = MasteryBarChart()
    for chart in (mastery, activity, calendar, empty):
        chart.set_dark(dark)

    grid.addWidget(title("Mastery by topic"), 0, 0)
    grid.addWidget(mastery, 1, 0, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(title("Last 12 weeks"), 0, 1)
    grid.addWidget(activity, 1, 1)
    grid.addWidget(title("Practice calendar"), 2, 0, 1, 2)
    grid.addWidget(calendar, 3, 0, 1, 2)
    grid.addWidget(title("Empty state"), 4, 0)
    grid.addWidget(empty, 5, 0, Qt.AlignmentFlag.AlignTop)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(1, 1)
    return panel


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for dark in (False, True):
        apply_theme(ThemeChoice.DARK if dark else ThemeChoice.LIGHT)
        panel = build_panel(dark)
        panel.resize(1040, panel.sizeHint().height())
        panel.show()
        app.processEvents()
        path = OUT / f"charts-{'dark' if dark else 'light'}.png"
        panel.grab().save(str(path))
        panel.close()
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
