"""A second start of the app while one runs: told so, and the first comes to the front."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_prep.app import create_window
from interview_prep.instance_lock import InstanceLock


def test_the_lock_is_held_once_per_data_folder(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path / "a"), InstanceLock(tmp_path / "a")
    other = InstanceLock(tmp_path / "b")
    assert first.acquire()
    assert not second.acquire()
    assert other.acquire()  # another data folder runs side by side
    first.release()
    assert second.acquire()
    second.release()
    other.release()


def test_a_second_start_brings_the_first_to_the_front(qtbot: QtBot, data_dir: Path) -> None:
    window = create_window(data_dir)
    qtbot.addWidget(window)
    lock = InstanceLock(data_dir)
    assert lock.acquire()  # what run_app does for the first instance
    window.listen_for_raise_requests(lock.raise_request)
    window.show()
    window.showMinimized()

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    second = subprocess.run(
        [sys.executable, "-m", "interview_prep", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert second.returncode == 0
    assert "already running" in second.stderr and str(data_dir) in second.stderr
    qtbot.waitUntil(lambda: "already open" in window.statusBar().currentMessage(), timeout=5000)
    assert not window.isMinimized()
    assert not lock.raise_request.exists()
    lock.release()


def test_a_killed_instance_does_not_block_the_next_start(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from interview_prep.instance_lock import InstanceLock;"
            "assert InstanceLock(Path(sys.argv[1])).acquire(); print('held', flush=True);"
            "time.sleep(60)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert not InstanceLock(tmp_path).acquire()
    holder.kill()
    holder.wait()
    assert InstanceLock(tmp_path).acquire()
