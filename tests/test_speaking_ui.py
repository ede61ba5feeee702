"""Answering out loud, recorded, from a file-backed "microphone": a talk-mode session that
records, reveals, replays, finishes, and finds the recording and its metrics afterwards."""

from __future__ import annotations

import csv
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from conftest import on_database, show_active
from interview_prep.app import create_window
from interview_prep.audio import codec
from interview_prep.audio.backend import NO_MICROPHONE, AudioUnavailable
from interview_prep.audio.file_backend import INPUT_ENV, FileBackend
from interview_prep.audio.metrics import SpeechMetrics
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.plan import SessionSettings, plan_from_questions
from interview_prep.practice.summary import to_markdown
from interview_prep.reports import run_export
from interview_prep.store.attempts import attempts_for_question
from interview_prep.store.derived import load_tallies
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.preferences import KEEP_RECORDINGS_DAYS, RECORD_AUTOMATICALLY
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
def window(
    qtbot: QtBot, data_dir: Path, said: Layout, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    # every player of the app (summary, history) plays into the file backend's silent sink
    source = data_dir.parent / "said.opus"
    codec.write(source, codec.Pcm(said.samples))
    monkeypatch.setenv(INPUT_ENV, str(source))
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
    heard: list[int] = []
    length = len(said.samples) / 16000

    def recorded_all() -> bool:
        heard.append(meter.value())
        take = spoken._take
        return take is not None and take.capture.seconds > length

    qtbot.waitUntil(recorded_all, timeout=10_000)
    assert max(heard) > -30 and min(heard) < -50  # the meter moved with the speech
    assert "Recording" in child(window, QLabel, "recordingStatusLabel").text()
    talk_page = window.session_view.talk_page
    qtbot.keyClick(talk_page, Qt.Key.Key_R, CTRL)  # reveal: the recording stops
    assert not spoken.recording
    player = spoken.player
    qtbot.waitUntil(lambda: player.play_button.isEnabled(), timeout=5000)
    metrics = player.metrics_label.text()
    assert "Talked" in metrics and "pause" in metrics, metrics
    qtbot.keyClick(talk_page, Qt.Key.Key_P, CTRL_SHIFT)  # play
    assert player.playing
    qtbot.waitUntil(lambda: player.position > 0.5, timeout=5000)
    qtbot.keyClick(talk_page, Qt.Key.Key_P, CTRL_SHIFT)  # pause
    assert not player.playing
    run = window.engine.current
    assert run.recording and run.speech is not None
    path = spoken.folder / run.recording
    assert codec.read(path).seconds >= length - 0.1
    qtbot.keyClick(talk_page, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(talk_page, Qt.Key.Key_Return, CTRL)
    (attempt,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    assert attempt.recording == run.recording and attempt.speech
    measured = SpeechMetrics.from_json(attempt.speech)
    assert abs(measured.talk - said.talk) <= 0.05 * said.talk
    assert abs(measured.longest_pause - 1.5) <= 0.2

    # the second question: recording is stopped and started by hand
    assert spoken.recording
    qtbot.keyClick(talk_page, Qt.Key.Key_R, CTRL_SHIFT)  # stop
    assert not spoken.recording and window.engine.current.recording is not None
    qtbot.keyClick(talk_page, Qt.Key.Key_Return, CTRL)  # the last question: the summary
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_view)
    summary = window.summary_view
    summary.table.setCurrentItem(summary.table.topLevelItem(0))
    qtbot.waitUntil(lambda: summary.player.play_button.isEnabled(), timeout=5000)
    assert summary.player.isVisible() and "Talked" in summary.player.metrics_label.text()
    qtbot.mouseClick(summary.player.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: summary.player.position > 0.3, timeout=5000)
    summary.player.stop()
    assert summary.summary is not None
    exported = to_markdown(summary.summary)
    assert "Recording: Talked" in exported and run.recording in exported

    # the question's history plays every earlier recording
    window.show_review()
    window.review.open_history("pools")
    qtbot.waitUntil(lambda: window.findChild(QDialog, "questionHistoryDialog") is not None)
    history = window.findChild(QDialog, "questionHistoryDialog")
    assert history.table.topLevelItem(0).text(4).startswith("(out loud, recorded)")
    qtbot.waitUntil(lambda: history.player.play_button.isEnabled(), timeout=5000)
    assert "Talked" in history.player.metrics_label.text()
    qtbot.mouseClick(history.player.waveform, Qt.MouseButton.LeftButton)  # seek to the middle
    assert history.player.position == pytest.approx(measured.recorded / 2, abs=0.3)
    history.close()

    # and the export of the whole history
    target = window.data_dir.parent / "history.csv"
    assert run_export(window.data_dir, target) == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    pools = next(r for r in rows if r["question_id"] == "pools")
    assert pools["recording"] == run.recording
    assert abs(float(pools["talk_seconds"]) - said.talk) <= 0.05 * said.talk
    assert pools["pauses_over_3s"] == "0" and pools["syllables_per_minute_estimate"]


APP_CHILD = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from interview_prep.app import application, create_window
from interview_prep.practice.plan import Order, SessionSettings

app = application()
window = create_window(Path(sys.argv[1]))
window.show()
window.sessions.begin_from_setup(SessionSettings(count=2, order=Order.BANK))
while window.engine is None:
    QTest.qWait(10)
view = window.session_view
view.talk_button.setChecked(True)  # talk it through: recording starts
take = view.spoken._take
assert take is not None

def report():
    print("AT", take.capture.seconds, view.spoken.folder / take.name, flush=True)

timer = QTimer()
timer.timeout.connect(report)
timer.start(100)
app.exec()
"""


def test_killed_while_recording_resume_offers_the_partial_recording(
    qtbot: QtBot, data_dir: Path, said: Layout, tmp_path: Path
) -> None:
    """kill -9 mid-recording loses at most a second, and the resumed session has it."""
    import os
    import subprocess
    import sys

    (data_dir / "banks").mkdir(parents=True)
    (data_dir / "banks" / "practice.yaml").write_text(BANK, encoding="utf-8")
    source = tmp_path / "said.opus"
    codec.write(source, codec.Pcm(said.samples))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", INPUT_ENV: str(source)}
    child_process = subprocess.Popen(
        [sys.executable, "-c", APP_CHILD, str(data_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )  # fmt: skip
    recorded, path = 0.0, Path()
    try:
        assert child_process.stdout is not None
        while recorded < 4.2:
            line = child_process.stdout.readline()
            assert line.startswith("AT"), line
            recorded, path = float(line.split()[1]), Path(line.split()[2])
    finally:
        child_process.kill()  # SIGKILL mid-recording
        child_process.wait(timeout=10)
    kept = codec.read(path).seconds
    assert kept >= recorded - 1.0, (kept, recorded)

    win = show_active(qtbot, create_window(data_dir))
    win.build_session_screens()
    qtbot.mouseClick(child(win, QWidget, "resumeButton"), Qt.MouseButton.LeftButton)
    assert win.engine is not None and win.engine.current.recording == path.name
    spoken = win.session_view.spoken
    assert spoken.player.isVisible() and not spoken.recording  # offered, not overwritten
    assert "kept" in child(win, QLabel, "recordingStatusLabel").text()
    qtbot.waitUntil(lambda: spoken.player.play_button.isEnabled(), timeout=5000)
    # measured once decoded: the pause inside what was kept is found
    qtbot.waitUntil(lambda: win.engine.current.speech is not None, timeout=5000)
    assert win.engine.current.speech.first_word == pytest.approx(0.8, abs=0.1)
    win.close()


def test_without_a_microphone_the_session_goes_on_and_says_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    def no_device() -> FileBackend:
        raise AudioUnavailable(NO_MICROPHONE.format(reason=""))

    window.session_view.spoken.backend = no_device
    start(qtbot, window, "pools", "sensors")
    notes = child(window, QPlainTextEdit, "notesEdit")
    qtbot.keyClick(notes, Qt.Key.Key_T, CTRL)
    spoken = window.session_view.spoken
    assert not spoken.recording
    message = child(window, QLabel, "recordingStatusLabel").text()
    assert "No microphone" in message and "goes on without recording" in message
    qtbot.keyClick(window.session_view.talk_page, Qt.Key.Key_R, CTRL)  # reveal still works
    qtbot.keyClick(window.session_view.talk_page, Qt.Key.Key_Return, CTRL)
    (attempt,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    assert attempt.spoken and attempt.recording is None


def test_recordings_past_the_kept_days_are_deleted_and_forgotten(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window, "pools", "sensors")
    qtbot.keyClick(child(window, QPlainTextEdit, "notesEdit"), Qt.Key.Key_T, CTRL)
    talk_page = window.session_view.talk_page
    qtbot.wait(300)
    qtbot.keyClick(talk_page, Qt.Key.Key_R, CTRL)
    qtbot.keyClick(talk_page, Qt.Key.Key_Return, CTRL)
    (attempt,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    folder = window.session_view.spoken.folder
    old = folder / attempt.recording
    assert old.exists()
    forty_days_ago = time.time() - 40 * 86_400
    os.utime(old, (forty_days_ago, forty_days_ago))
    window.recordings_menu.keep_actions[90].trigger()  # younger than 90 days: kept
    assert window.link.writer.flush(timeout=5) and old.exists()
    window.recordings_menu.keep_actions[30].trigger()
    assert window.link.writer.flush(timeout=5)
    assert not old.exists()
    (attempt,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    assert attempt.recording is None and attempt.speech  # the metrics stay
    assert window.preferences.get(KEEP_RECORDINGS_DAYS) == 30


def _record_one(qtbot: QtBot, window: MainWindow) -> None:
    """Talk the current question through for a moment, reveal, rate Good, Next."""
    talk_page = window.session_view.talk_page
    spoken = window.session_view.spoken
    qtbot.waitUntil(lambda: spoken._take is not None and spoken._take.capture.seconds > 1)
    qtbot.keyClick(talk_page, Qt.Key.Key_R, CTRL)
    qtbot.keyClick(talk_page, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(talk_page, Qt.Key.Key_Return, CTRL)


def test_deleting_an_attempt_or_a_session_deletes_its_recordings(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "PySide6.QtWidgets.QMessageBox.question",
        lambda *args, **kwargs: QMessageBox.StandardButton.Yes,
    )
    folder = window.session_view.spoken.folder
    for _ in range(2):  # two sessions, each recording both questions
        start(qtbot, window, "pools", "sensors")
        if not window.session_view.talk_button.isChecked():
            qtbot.keyClick(child(window, QPlainTextEdit, "notesEdit"), Qt.Key.Key_T, CTRL)
        _record_one(qtbot, window)
        _record_one(qtbot, window)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_view)
    assert len(list(folder.glob("*.opus"))) == 4

    # the second session, from its summary
    qtbot.mouseClick(child(window, QPushButton, "deleteSessionButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.home)
    assert len(list(folder.glob("*.opus"))) == 2
    (first,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    assert (folder / first.recording).exists()

    # one attempt, from the question's history
    window.show_review()
    window.review.open_history("pools")
    qtbot.waitUntil(lambda: window.findChild(QDialog, "questionHistoryDialog") is not None)
    history = window.findChild(QDialog, "questionHistoryDialog")
    qtbot.mouseClick(history.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.table.topLevelItemCount() == 0)
    assert not (folder / first.recording).exists()
    assert on_database(window, lambda db: attempts_for_question(db, "pools")) == []
    tally = on_database(window, lambda db: load_tallies(db).get("pools"))
    assert tally is None or tally.attempts == 0  # the figures forget it too
    history.close()


def test_with_automatic_recording_off_ctrl_shift_r_records(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.recordings_menu.automatic.setChecked(False)
    assert not window.preferences.get(RECORD_AUTOMATICALLY)
    start(qtbot, window, "pools", "sensors")
    qtbot.keyClick(child(window, QPlainTextEdit, "notesEdit"), Qt.Key.Key_T, CTRL)
    spoken = window.session_view.spoken
    talk_page = window.session_view.talk_page
    assert not spoken.recording
    assert "Ctrl+Shift+R records" in child(window, QLabel, "recordingStatusLabel").text()
    qtbot.keyClick(talk_page, Qt.Key.Key_R, CTRL_SHIFT)
    assert spoken.recording and window.pages.currentWidget() is window.session_view
    qtbot.keyClick(talk_page, Qt.Key.Key_P, CTRL)  # pausing the session pauses the recording
    assert not spoken.recording and spoken._take is not None
    held = spoken._take.capture.seconds
    qtbot.wait(300)
    assert spoken._take.capture.seconds == pytest.approx(held, abs=0.06)
    qtbot.keyClick(talk_page, Qt.Key.Key_P, CTRL)
    assert spoken.recording
    qtbot.keyClick(talk_page, Qt.Key.Key_Return, CTRL)  # Next stops it and keeps it
    (attempt,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    assert attempt.recording and (spoken.folder / attempt.recording).exists()
    assert not spoken.recording  # the next question waits for Ctrl+Shift+R again


def test_delete_all_recordings_asks_then_deletes_every_file(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(parent: object, title: str, text: str, *rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.question", answer)
    start(qtbot, window, "pools", "sensors")
    qtbot.keyClick(child(window, QPlainTextEdit, "notesEdit"), Qt.Key.Key_T, CTRL)
    _record_one(qtbot, window)
    menu = window.recordings_menu
    menu.aboutToShow.emit()
    assert not menu.delete_action.isEnabled()  # the answer being recorded would go too
    menu.confirm_delete_all()
    assert asked == []
    _record_one(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_view)
    folder = window.session_view.spoken.folder
    assert len(list(folder.glob("*.opus"))) == 2
    menu.aboutToShow.emit()
    assert menu.delete_action.isEnabled()
    menu.confirm_delete_all()
    assert "2 recordings" in asked[0] and str(folder) in asked[0]
    assert window.link.writer.flush(timeout=5)
    assert list(folder.glob("*.opus")) == []
    (attempt,) = on_database(window, lambda db: attempts_for_question(db, "pools"))
    assert attempt.recording is None and attempt.speech is not None
