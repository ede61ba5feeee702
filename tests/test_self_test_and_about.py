"""``--self-test`` and Help → About."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser
from pytestqt.qtbot import QtBot

from interview_prep.app import create_window
from interview_prep.ui.about_dialog import AboutDialog


def test_self_test_passes_and_says_what_it_checked(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "interview_prep", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "ok    Qt starts",
        "ok    the bundled bank loads",
        "ok    the main window opens",
        "ok    an answer renders",
        "ok    an attempt is stored and read back",
        "ok    a recording is encoded and decoded",
        "ok    PortAudio lists the sound devices",
        "ok    Help > About names every component's version",
        "ok    Qt sorts and names time zones in other languages",
    ]
    assert lines[-1] == "self-test passed"
    details = dict(line.removeprefix("ok    ").split(": ", 1) for line in lines[:-1])
    assert re.fullmatch(
        r"libsndfile 1\.\d+\.\d+, 1 s tone → [\d.]+ kB Ogg/Opus → (0\.9[89]\d|1\.0[0-2]\d) s",
        details["a recording is encoded and decoded"],
    )
    # No sound card (a server, CI) passes too: the line says how many there are.
    assert re.fullmatch(
        r"PortAudio \d+\.\d+\S*, \d+ input devices?, \d+ output devices?",
        details["PortAudio lists the sound devices"],
    )
    assert not (tmp_path / ".local" / "share" / "interview-prep").exists()  # temp data only


def test_self_test_fails_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_prep import paths
    from interview_prep.ui.self_test import run_self_test

    monkeypatch.setattr(paths, "bundled_bank_dir", lambda: tmp_path / "missing")
    assert run_self_test() == 1
    out = capsys.readouterr().out
    assert (
        f"FAIL  the bundled bank loads: RuntimeError: no questions in {tmp_path / 'missing'}" in out
    )


def test_self_test_fails_when_about_cannot_name_a_version(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bundle without a package's metadata showed "bundled" in About: the self-test says so."""
    from importlib import metadata

    from interview_prep.ui.self_test import run_self_test

    real = metadata.version

    def missing(name: str) -> str:
        if name == "nh3":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAIL  Help > About names every component's version" in out and "nh3 (ammonia)" in out


def test_self_test_fails_when_portaudio_cannot_be_loaded(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No sound devices passes; no PortAudio at all fails, naming what to install."""
    from interview_prep.audio import backend
    from interview_prep.ui.self_test import run_self_test

    def missing() -> object:
        raise backend.AudioUnavailable("The sound library PortAudio is not installed (…).")

    monkeypatch.setattr(backend, "_portaudio", missing)
    assert run_self_test() == 1
    out = capsys.readouterr().out
    assert "ok    a recording is encoded and decoded" in out
    assert (
        "FAIL  PortAudio lists the sound devices: AudioUnavailable: The sound library "
        "PortAudio is not installed" in out
    )


def test_about_shows_version_data_folder_and_licences(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = create_window(data_dir)
    qtbot.addWidget(window)
    window.findChild(type(window.menuBar().actions()[0]), "aboutAction").trigger()
    dialog = window.findChild(AboutDialog, "aboutDialog")
    assert dialog is not None and dialog.isVisible()
    from interview_prep import __version__

    assert __version__ in dialog.findChild(QLabel, "aboutVersion").text()
    assert str(data_dir) in dialog.findChild(QLabel, "aboutDataFolder").text()
    licences = dialog.findChild(QTextBrowser, "aboutLicences").toPlainText()
    for expected in ("PySide6", "LGPL-3.0-only", "SQLAlchemy", "MIT", "Pygments", "BSD-2-Clause"):
        assert expected in licences
    from interview_prep.audio import codec

    sndfile = codec.library_version().removeprefix("libsndfile-")
    assert f"libsndfile{sndfile}LGPL-2.1-or-later" in licences.replace("\n", "").replace("\t", "")
    assert re.search(r"PortAudio\s*\d+\.\d+", licences)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    button = dialog.findChild(QPushButton, "openDataFolderButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(data_dir)]
