"""Answering out loud, recorded, from a file-backed "microphone": a talk-mode session that
records, reveals, replays, finishes, and finds the recording and its metrics afterwards."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QProgressBar, QWidget
from pytestqt.qtbot import QtBot

from conftest import on_database, show_active
from interview_prep.app import create_window
from interview_prep.audio import codec
from interview_prep.audio.file_backend import FileBackend
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.plan import SessionSettings, plan_from_questions
from interview_prep.store.attempts import attempts_for_question
from interview_prep.ui.main_window import MainWindow
from speech_samples import Layout, espeak_available, lay_out

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
pytestmark = pytest.mark.skipif(not espeak_available(), reason="needs espeak-ng")


@pytest.fixture(scope="module")
def said() -> Layout:
    return lay_out([0.8, "Pools cap how many tasks run at once.", 1.5,
                    "Each task takes one slot.", 0.5])  # fmt: skip


BANK = """\
title: Practice
questions:
  - id: pools
    topic: Airflow
    question: What are pools for?
    time_limit: 120
    answer: |-
      - **Slots** cap how many tasks run at once
      - Each task takes one slot by default
  - id: sensors
    topic: Airflow
    question: What does a sensor do?
    answer: |-
      - Waits for something outside the DAG
"""


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, said: Layout) -> Iterator[MainWindow]:
    (data_dir / "banks").mkdir(parents=True)
    (data_dir / "banks" / "practice.yaml").write_text(BANK, encoding="utf-8")
    win = create_window(data_dir)
    win.resize(1200, 800)
    win.clock = FakeClock()
    win.rng = random.Random(7)
    show_active(qtbot, win)
    win.build_session_screens()
    win.session_view.spoken.backend = lambda: FileBackend(said.samples, pace=4.0)
    yield win
    win.close()


def child(win: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = win.findChild(kind, name)
    assert widget is not None, name
    return widget


def start(qtbot: QtBot, win: MainWindow, *ids: str) -> None:
    by_id = win.catalog.by_id()
    win.begin_session(plan_from_questions([by_id[i] for i in ids], SessionSettings()))
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.session_view)


def test_a_talk_mode_session_records_replays_and_keeps_the_metrics(
    qtbot: QtBot, window: MainWindow, said: Layout
) -> None:
    start(qtbot, window, "pools", "sensors")
    notes = child(window, QPlainTextEdit, "notesEdit")
    qtbot.keyClick(notes, Qt.Key.Key_T, CTRL)  # talk it through: recording starts at once
    spoken = window.session_view.spoken
    assert spoken.recording
    meter = child(window, QProgressBar, "levelMeter")
    heard = []
    qtbot.waitUntil(
        lambda: (
            heard.append(meter.value())
            or spoken._take.capture.seconds > said.samples.__len__() / 16000
        ),
        timeout=10_000,
    )
    assert max(heard) > -30  # the meter moved with the speech
    assert "Recording" in child(window, QLabel, "recordingStatusLabel").text()
    talk_page = window.session_view.talk_page
    qtbot.keyClick(talk_page, Qt.Key.Key_R, CTRL)  # reveal: the recording stops
    assert not spoken.recording
    player = spoken.player
    qtbot.waitUntil(lambda: player.play_button.isEnabled(), timeout=5000)
    metrics = child(window, QLabel, "speechMetricsLabel").text()
    assert "Talked" in metrics and "pause" in metrics, metrics
    qtbot.keyClick(talk_page, Qt.Key.Key_P, CTRL_SHIFT)  # play
    assert player.playing
    qtbot.waitUntil(lambda: player.position > 0.5, timeout=5000)
    qtbot.keyClick(talk_page, Qt.Key.Key_P, CTRL_SHIFT)  # pause
    assert not player.playing
    run = window.engine.current
    assert run.recording and run.speech is not None
    path = spoken.folder / run.recording
    assert codec.read(path).seconds >= said.samples.__len__() / 16000 - 0.1
    qtbot.keyClick(talk_page, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(talk_page, Qt.Key.Key_Return, CTRL)
    (attempt,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    assert attempt.recording == run.recording and attempt.speech
