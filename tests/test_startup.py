"""Start-up as a user sees it: a window at once, where it was last time, then the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from interview_prep.app import create_window
from interview_prep.ui.preferences import THEME, Preferences, ThemeChoice
from interview_prep.ui.startup_window import StartupWindow
from interview_prep.ui.theme import apply_theme


def start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INTERVIEW_PREP_STARTUP_PROBE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "interview_prep", "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_first_paint_waits_for_nothing_heavy_and_the_main_window_follows(
    data_dir: Path,
) -> None:
    result = start(data_dir)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "first-paint"
    # Nothing of the database, the bank parser or the renderer was imported yet.
    assert lines[1] == "modules-at-paint"
    assert any(line.startswith("ready ") for line in lines)  # the main window took over
    # ... nor when the main window painted: it waits for none of them either.
    assert "modules-at-ready" in lines
    assert any(line.startswith("banks ") for line in lines)  # then the banks came
    # Everything start-up made, the banks read after the first paint included, is left out
    # of full garbage collections (each walked 70,000 objects, 43 ms, with large banks).
    walked = next(int(line.split()[1]) for line in lines if line.startswith("gc-objects "))
    assert walked < 1_000
    assert (data_dir / "interview-prep.sqlite3").exists()


def test_a_second_start_reads_large_banks_from_the_cache(data_dir: Path) -> None:
    from tests.test_parse_cache import large_bank

    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "big.yaml").write_text(large_bank(600), encoding="utf-8")

    assert start(data_dir).returncode == 0
    [entry] = (data_dir / "cache" / "banks").glob("*.json")
    written = entry.stat().st_mtime_ns
    assert start(data_dir).returncode == 0
    assert entry.stat().st_mtime_ns == written  # read, not parsed and written again


def test_the_startup_window_opens_where_the_main_window_was_and_in_its_theme(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = create_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.setGeometry(QRect(120, 90, 900, 640))
    window.display.set_theme(ThemeChoice.DARK)
    window.close()  # saves its place
    assert Preferences(data_dir).get(THEME) is ThemeChoice.DARK
    apply_theme(ThemeChoice.SYSTEM)  # as a fresh process would start

    try:
        startup = StartupWindow(data_dir)
        qtbot.addWidget(startup)
        startup.show()
        with qtbot.waitSignal(startup.painted, timeout=5000):
            pass

        reopened = create_window(data_dir)  # the main window that will take its place
        qtbot.addWidget(reopened)
        reopened.show()
        qtbot.waitExposed(reopened)
        assert startup.size() == reopened.size()
        # (offscreen, restoring clamps a window to the 800-pixel screen, a pixel or two apart)
        assert abs(startup.x() - reopened.x()) <= 4 and startup.y() == reopened.y()
        assert startup.width() < 1100  # the saved size, not the default
        window_colour = startup.palette().color(QPalette.ColorRole.Window)
        assert window_colour.lightness() < 100  # dark, not a light flash before the app
    finally:
        apply_theme(ThemeChoice.SYSTEM)


def test_a_first_start_uses_the_default_size_and_the_system_theme(
    qtbot: QtBot, data_dir: Path
) -> None:
    startup = StartupWindow(data_dir)
    qtbot.addWidget(startup)
    assert (startup.width(), startup.height()) == (1100, 720)
    assert not (data_dir / "settings.ini").exists()  # nothing written by looking
