"""Mock interview sessions driven like a user would: keys, clicks, a fake clock."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from conftest import confirm_end_session, on_database, rendered, show_active
from interview_prep.app import create_window
from interview_prep.practice.clock import FakeClock
from interview_prep.render import LIGHT
from interview_prep.store import Database
from interview_prep.store.attempts import attempts_for_question
from interview_prep.store.models import Attempt
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.preferences import NOTES_SPLITTER
from interview_prep.ui.session_setup import SessionSetupDialog

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    win = create_window(data_dir)
    win.clock = FakeClock()
    win.rng = random.Random(7)
    show_active(qtbot, win)
    yield win
    win.close()


def child(win: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = win.findChild(kind, name)
    assert widget is not None, name
    return widget


def open_setup(qtbot: QtBot, win: MainWindow) -> SessionSetupDialog:
    qtbot.keyClick(win.question_list, Qt.Key.Key_N, CTRL)
    dialog = win.findChild(QDialog, "sessionSetupDialog")
    assert isinstance(dialog, SessionSetupDialog) and dialog.isVisible()
    return dialog


def begin(qtbot: QtBot, win: MainWindow, count: int, **choices: bool) -> None:
    dialog = open_setup(qtbot, win)
    spin = child(dialog, QSpinBox, "questionCountSpin")
    spin.selectAll()
    qtbot.keyClicks(spin, str(count))
    if choices.get("pressure"):
        dialog.pressure_mode.setChecked(True)
    if choices.get("unanswered"):
        dialog.unanswered_check.setChecked(True)
        dialog.order_combo.setCurrentIndex(1)  # bank order: predictable
        for item in dialog.topic_items():
            item.setCheckState(
                0, Qt.CheckState.Checked if item.text(0) == "Other" else Qt.CheckState.Unchecked
            )
    qtbot.mouseClick(child(dialog, QPushButton, "beginSessionButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.session_view)  # stored first


def notes(win: MainWindow) -> QPlainTextEdit:
    return child(win, QPlainTextEdit, "notesEdit")


def stored(win: MainWindow) -> list[Attempt]:
    assert win.link.writer.flush(timeout=5)
    assert win.engine is not None
    ids = [run.question.id for run in win.engine.runs]
    rows = [
        a
        for qid in dict.fromkeys(ids)
        for a in on_database(win, lambda db, q=qid: attempts_for_question(db, q))
    ]
    return sorted(rows, key=lambda a: a.id)


def all_notes(database: Database) -> list[str]:
    with database.session() as session:
        return [a.notes for a in session.query(Attempt).all()]


def test_a_whole_session_with_keys_and_clicks(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 3)
    engine = window.engine
    assert engine is not None and engine.total == 3
    position = child(window, QLabel, "positionLabel")
    assert position.text() == "Question 1 of 3"
    question_text = engine.current.question.question
    assert question_text.splitlines()[0] in rendered(qtbot, child(window, QWidget, "questionView"))

    editor = notes(window)
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "Sensors wait; r 1 n")  # plain letters never trigger anything
    assert engine.current.revealed_at is None and engine.current.rating is None
    window.clock.advance(40)
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL)  # reveal
    answer_view = child(window, QWidget, "answerView")
    assert answer_view.isVisible() and rendered(qtbot, answer_view).strip()
    qtbot.keyClick(editor, Qt.Key.Key_3, CTRL)  # Good
    assert child(window, QPushButton, "ratingGoodButton").isChecked()
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # next

    assert position.text() == "Question 2 of 3"
    assert editor.toPlainText() == "" and not answer_view.isVisible()
    window.clock.advance(5)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL_SHIFT)  # skip

    assert position.text() == "Question 3 of 3"
    qtbot.keyClicks(editor, "One pod per task")
    window.clock.advance(100)
    qtbot.mouseClick(child(window, QPushButton, "ratingHardButton"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(child(window, QPushButton, "endSessionButton"), Qt.MouseButton.LeftButton)

    assert window.pages.currentWidget() is child(window, QWidget, "sessionSummary")
    attempts = stored(window)
    assert [(a.notes, a.rating, a.skipped) for a in attempts] == [
        ("Sensors wait; r 1 n", 3, False),
        ("", None, True),
        ("One pod per task", 2, False),
    ]
    assert [round(a.duration_seconds) for a in attempts] == [40, 5, 100]
    assert attempts[0].revealed_at is not None and attempts[2].revealed_at is None
    assert all(a.session_id == attempts[0].session_id for a in attempts)
    assert attempts[0].question_text == question_text
    summary = window.summary_view
    assert summary.table.topLevelItemCount() == 3
    assert "2 answered, 1 skipped" in summary.totals.text()
    assert summary.again_button.isEnabled() and "1 rated Again/Hard" in summary.again_button.text()
    qtbot.mouseClick(summary.home_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.home
    assert window.home.recent_list.topLevelItemCount() == 1


def test_countdown_turns_amber_then_red_and_counts_overtime(
    qtbot: QtBot, window: MainWindow
) -> None:
    begin(qtbot, window, 1)
    label = child(window, QLabel, "questionTimerLabel")
    engine = window.engine
    assert engine is not None
    limit = engine.current.time_limit
    assert label.text() == f"{limit // 60}:{limit % 60:02d}" and label.styleSheet() == ""
    window.clock.advance(limit * 0.85)
    window.session_view.tick()
    assert label.property("level") == "low" and LIGHT.warning in label.styleSheet()
    window.clock.advance(limit * 0.15 + 42)
    window.session_view.tick()
    assert label.text() == "+0:42" and LIGHT.danger in label.styleSheet()
    editor = notes(window)
    qtbot.keyClicks(editor, "still allowed")  # time never locks the user out
    assert editor.toPlainText() == "still allowed"
    assert child(window, QLabel, "sessionClockLabel").text() == (
        f"Session {(limit + 42) // 60}:{(limit + 42) % 60:02d}"
    )


def test_pause_stops_the_clocks(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 2)
    engine = window.engine
    assert engine is not None
    window.clock.advance(10)
    qtbot.keyClick(notes(window), Qt.Key.Key_P, CTRL)
    assert child(window, QPushButton, "pauseButton").text() == "Resume"
    window.clock.advance(300)
    window.session_view.tick()
    assert engine.question_elapsed() == 10
    assert child(window, QLabel, "questionTimerLabel").text().startswith("Paused ")
    assert notes(window).isReadOnly()
    qtbot.mouseClick(child(window, QPushButton, "pauseButton"), Qt.MouseButton.LeftButton)
    window.clock.advance(5)
    assert engine.question_elapsed() == 15 and engine.session_elapsed() == 15


def test_notes_autosave_within_a_second(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 2)
    session_id = window.engine.session_id if window.engine else None
    from interview_prep.store.session_log import find_unfinished

    qtbot.keyClicks(notes(window), "first thoughts")
    window.clock.advance(0.6)
    window.session_view.tick()
    unfinished = on_database(window, find_unfinished)
    assert unfinished is not None and unfinished.session_id == session_id
    assert unfinished.draft is not None and unfinished.draft.notes == "first thoughts"

    for _ in range(5):  # typing without a pause still saves every second
        qtbot.keyClicks(notes(window), ".")
        window.clock.advance(0.3)
        window.session_view.tick()
    saved = on_database(window, find_unfinished)
    assert saved is not None and saved.draft is not None
    assert saved.draft.notes.startswith("first thoughts...")


def test_f1_shows_every_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 1)
    qtbot.keyClick(notes(window), Qt.Key.Key_F1)
    overlay = window.findChild(QDialog, "shortcutsOverlay")
    assert overlay is not None and overlay.isVisible()
    table = overlay.findChild(QWidget, "shortcutsTable")
    texts = {table.item(r, 1).text() for r in range(table.rowCount())}  # type: ignore[attr-defined]
    assert {"Reveal the reference answer", "Next question", "Pause or resume"} <= texts
    tooltip = child(window, QPushButton, "revealButton").toolTip()
    assert "Ctrl+R" in tooltip


def test_pressure_mode_keeps_answers_for_the_summary(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 1, pressure=True)
    reveal = child(window, QPushButton, "revealButton")
    window.clock.advance(60)
    window.session_view.tick()
    assert not reveal.isEnabled() and "Pressure" in reveal.toolTip()
    qtbot.keyClick(notes(window), Qt.Key.Key_R, CTRL)
    assert not child(window, QWidget, "answerView").isVisible()
    qtbot.keyClicks(notes(window), "my answer")
    qtbot.keyClick(notes(window), Qt.Key.Key_Return, CTRL)
    detail = rendered(qtbot, window.summary_view.detail)
    assert "Reference answer" in detail and "my answer" in detail


def test_unanswered_question_offers_to_keep_the_notes_as_its_answer(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    begin(qtbot, window, 1, unanswered=True)
    engine = window.engine
    assert engine is not None and not engine.current.question.has_answer
    qtbot.keyClicks(notes(window), "Split a task where retries or resources differ.")
    qtbot.keyClick(notes(window), Qt.Key.Key_R, CTRL)
    assert "no reference answer yet" in rendered(qtbot, child(window, QWidget, "answerView"))
    assert child(window, QPushButton, "saveNotesAsAnswerButton").isVisible()
    qtbot.keyClick(notes(window), Qt.Key.Key_S, CTRL_SHIFT)
    saved = (data_dir / "banks" / "overrides.yaml").read_text()
    assert "Split a task where retries or resources differ." in saved
    assert engine.current.question.id in saved  # same id: history stays attached
    assert window.catalog.by_id()[engine.current.question.id].has_answer
    assert "Saved" in child(window, QLabel, "saveStatusLabel").text()


def test_practise_again_and_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    begin(qtbot, window, 2)
    first = window.engine.current.question if window.engine else None
    qtbot.keyClick(notes(window), Qt.Key.Key_1, CTRL)  # Again
    qtbot.keyClick(notes(window), Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(notes(window), Qt.Key.Key_4, CTRL)  # Easy
    qtbot.keyClick(notes(window), Qt.Key.Key_Return, CTRL)

    target = tmp_path / "session.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(window.summary_view.export_button, Qt.MouseButton.LeftButton)
    text = target.read_text()
    assert text.startswith("# Mock interview") and "· Again" in text and "· Easy" in text

    qtbot.mouseClick(window.summary_view.again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session_view)
    assert window.engine is not None and first is not None
    assert [run.question.id for run in window.engine.runs] == [first.id]


def test_setup_choices_and_splitter_are_remembered(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    dialog = open_setup(qtbot, window)
    dialog.count_spin.setValue(7)
    dialog.pressure_mode.setChecked(True)
    dialog.fixed_time.setChecked(True)
    dialog.minutes_spin.setValue(4)
    qtbot.mouseClick(dialog.begin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.engine is not None)
    engine = window.engine
    assert engine is not None and engine.total == 7
    assert {run.time_limit for run in engine.runs} == {240}
    window.session_view.work_splitter.setSizes([300, 500])
    window.session_view.work_splitter.splitterMoved.emit(300, 1)
    qtbot.mouseClick(child(window, QPushButton, "endSessionButton"), Qt.MouseButton.LeftButton)
    confirm_end_session(qtbot, window)
    window.close()

    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    dialog = again.open_session_setup()
    assert dialog is not None
    assert dialog.count_spin.value() == 7 and dialog.pressure_mode.isChecked()
    assert dialog.fixed_time.isChecked() and dialog.minutes_spin.value() == 4
    state = again.preferences.get(NOTES_SPLITTER)
    assert state is not None
    dialog.reject()
    again.close()


CHILD = """
import random, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from interview_prep.app import application, create_window
from interview_prep.practice.plan import Order, SessionSettings

app = application()
window = create_window(Path(sys.argv[1]))
window.show()
window.sessions.begin_from_setup(SessionSettings(count=3, order=Order.BANK))
while window.engine is None:  # the session is stored on the database thread first
    QTest.qWait(10)
view = window.session_view
QTest.keyClicks(view.notes_edit, "first answer")
view.next()
QTest.keyClicks(view.notes_edit, "typing the second answer")
QTimer.singleShot(1500, lambda: print("READY", window.engine.current.question.id, flush=True))
app.exec()
"""


def test_killed_mid_session_resumes_with_the_notes(qtbot: QtBot, data_dir: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child_process = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert child_process.stdout is not None
        line = child_process.stdout.readline()
        assert line.startswith("READY"), line
        question_id = line.split()[1]
    finally:
        child_process.kill()  # SIGKILL: no chance to save anything more
        child_process.wait(timeout=10)

    win = show_active(qtbot, create_window(data_dir))
    banner = child(win, QWidget, "resumeBanner")
    assert banner.isVisible()
    assert "question 2 of 3" in child(win, QLabel, "resumeLabel").text()
    qtbot.mouseClick(child(win, QPushButton, "resumeButton"), Qt.MouseButton.LeftButton)
    assert win.pages.currentWidget() is win.session_view
    assert win.engine is not None and win.engine.current.question.id == question_id
    assert notes(win).toPlainText() == "typing the second answer"
    assert child(win, QLabel, "positionLabel").text() == "Question 2 of 3"
    assert win.engine.question_elapsed() > 0  # elapsed times came back too
    qtbot.keyClick(notes(win), Qt.Key.Key_P, CTRL)  # it resumes paused: start the clock
    qtbot.keyClick(notes(win), Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(notes(win), Qt.Key.Key_Return, CTRL)
    attempts = stored(win)
    assert [a.notes for a in attempts] == ["first answer", "typing the second answer", ""]
    win.close()


def test_declining_to_resume_keeps_the_finished_attempts(qtbot: QtBot, data_dir: Path) -> None:
    first = create_window(data_dir)
    first.clock = FakeClock()
    show_active(qtbot, first)
    begin(qtbot, first, 3)
    qtbot.keyClicks(notes(first), "kept")
    qtbot.keyClick(notes(first), Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(notes(first), "half")
    first.close()  # quitting mid-session is like a crash: offered next time

    second = show_active(qtbot, create_window(data_dir))
    assert child(second, QWidget, "resumeBanner").isVisible()
    qtbot.mouseClick(child(second, QPushButton, "discardResumeButton"), Qt.MouseButton.LeftButton)
    assert not child(second, QWidget, "resumeBanner").isVisible()
    recent = child(second, QWidget, "recentSessions")
    assert recent.topLevelItemCount() == 1  # type: ignore[attr-defined]
    second.close()

    third = create_window(data_dir)
    qtbot.addWidget(third)
    assert not child(third, QWidget, "resumeBanner").isVisible()
    notes_kept = on_database(third, all_notes)
    assert notes_kept == ["kept"]
    third.close()


def test_notes_ending_in_a_line_like_a_star_label_are_kept(
    qtbot: QtBot, window: MainWindow
) -> None:
    begin(qtbot, window, 1)
    editor = notes(window)
    qtbot.keyClicks(editor, "the answer so far")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "t.")  # not an empty "Task" label of a STAR template
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    assert [a.notes for a in stored(window)] == ["the answer so far\nt."]


def test_the_screen_says_when_reveal_becomes_available(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 1)
    reveal = child(window, QPushButton, "revealButton")
    hint = child(window, QLabel, "revealHint")
    assert not reveal.isEnabled() and hint.isVisible()
    assert hint.text() == "Type a note, or think 15 s more"
    window.clock.advance(5.5)
    window.session_view.tick()
    assert hint.text() == "Type a note, or think 10 s more"
    qtbot.keyClick(notes(window), Qt.Key.Key_P, CTRL)  # pause: the countdown waits
    window.clock.advance(30)
    window.session_view.tick()
    assert hint.text() == "Type a note, or think 10 s more (paused)"
    qtbot.keyClick(notes(window), Qt.Key.Key_P, CTRL)
    qtbot.keyClicks(notes(window), "x")  # a note is an attempt: the reveal is there at once
    window.session_view.tick()
    assert reveal.isEnabled() and not hint.isVisible()
    qtbot.keyClick(notes(window), Qt.Key.Key_Backspace)
    window.clock.advance(10)
    window.session_view.tick()  # thinking long enough also counts
    assert reveal.isEnabled() and not hint.isVisible()
    qtbot.keyClick(notes(window), Qt.Key.Key_R, CTRL)
    assert child(window, QWidget, "answerView").isVisible()


def test_end_session_asks_before_cutting_a_session_short(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 3)
    qtbot.keyClicks(notes(window), "half an answer")
    qtbot.keyClick(notes(window), Qt.Key.Key_E, CTRL)  # a slip next to Ctrl+R
    dialog = window.findChild(QDialog, "endSessionDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert "not rated yet" in dialog.informativeText()  # type: ignore[attr-defined]
    assert "2 questions not reached" in dialog.informativeText()  # type: ignore[attr-defined]
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default keeps going
    assert not dialog.isVisible() and window.pages.currentWidget() is window.session_view
    assert notes(window).toPlainText() == "half an answer"
    qtbot.waitUntil(window.isActiveWindow)
    assert notes(window).hasFocus()  # back where the user was typing

    qtbot.keyClick(notes(window), Qt.Key.Key_E, CTRL)
    (dialog,) = [d for d in window.findChildren(QDialog, "endSessionDialog") if d.isVisible()]
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_E, CTRL)  # Ctrl+E twice: meant it
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_view)
    assert [a.notes for a in stored(window)] == ["half an answer"]


def test_the_summary_counts_skips_and_offers_them_again(qtbot: QtBot, window: MainWindow) -> None:
    begin(qtbot, window, 3)
    editor = notes(window)
    qtbot.keyClicks(editor, "a good answer")
    window.clock.advance(20)
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_3, CTRL)  # Good
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL_SHIFT)  # skip
    qtbot.keyClicks(editor, "answered, never rated")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # finish

    totals = child(window, QLabel, "summaryTotals").text()
    assert "1 skipped" in totals and "mean rating 3.0 of 1 rated" in totals
    assert "1 not rated" in totals
    weakest = child(window, QLabel, "weakestTopicsLabel").text()
    assert "1 skipped" in weakest  # the skip that ranks a topic low is named
    again = child(window, QPushButton, "practiseAgainButton")
    assert again.isEnabled() and "1 skipped, 1 not rated" in again.text()
    engine = window.engine
    assert engine is not None
    wanted = [run.question.id for run in engine.runs[1:]]
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session_view)
    assert window.engine is not None and window.engine is not engine
    assert [run.question.id for run in window.engine.runs] == wanted


def test_time_up_cues_flash_and_sound_when_chosen(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    from interview_prep.practice.time_cues import CueChoice

    beeps: list[int] = []
    window.session_view.time_cues.beep = lambda: beeps.append(1)
    begin(qtbot, window, 1)
    engine = window.engine
    assert engine is not None
    limit = engine.current.time_limit
    timer = child(window, QLabel, "questionTimerLabel")

    def run_to(remaining: float) -> None:
        window.clock.advance(engine.question_remaining() - remaining)
        window.session_view.tick()

    run_to(0.19 * limit)  # amber, but cues are off unless chosen
    assert not timer.property("flashing") and beeps == []

    window.display.cue_actions[CueChoice.FLASH_AND_SOUND].trigger()
    run_to(0.5)
    run_to(-0.5)  # time is up
    assert timer.property("flashing") and beeps == [1]
    run_to(-0.9)
    assert not timer.property("flashing")  # it blinks
    run_to(-5)
    assert not timer.property("flashing") and beeps == [1]  # and stops
    qtbot.keyClick(notes(window), Qt.Key.Key_P, CTRL)  # paused: the clock waits, no cue
    window.clock.advance(120)
    window.session_view.tick()
    assert beeps == [1] and not timer.property("flashing")
    qtbot.keyClick(notes(window), Qt.Key.Key_P, CTRL)
    run_to(-59.5)
    run_to(-60.5)  # a minute over
    assert beeps == [1, 1] and timer.property("flashing")

    window.display.cue_actions[CueChoice.FLASH].trigger()
    run_to(-120.5)
    assert beeps == [1, 1] and timer.property("flashing")  # flash only
    again = create_window(data_dir)  # remembered
    qtbot.addWidget(again)
    assert again.display.cue_actions[CueChoice.FLASH].isChecked()


def test_larger_text_reaches_notes_lists_and_the_checklist(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QListWidget, QTreeWidget

    begin(qtbot, window, 2)
    readers = [
        notes(window),
        child(window, QListWidget, "keyPointsList"),
        child(window, QTreeWidget, "questionList"),
        child(window, QTreeWidget, "summaryTable"),
        child(window, QTreeWidget, "topicStatsTable"),
    ]
    before = [widget.font().pointSizeF() for widget in readers]
    for _ in range(2):
        qtbot.keyClick(notes(window), Qt.Key.Key_Equal, CTRL)  # Larger text
    assert [w.font().pointSizeF() for w in readers] == [size + 2 for size in before]
    for _ in range(10):
        qtbot.keyClick(notes(window), Qt.Key.Key_Equal, CTRL)
    assert [w.font().pointSizeF() for w in readers] == [size + 6 for size in before]  # bounded
    qtbot.mouseClick(child(window, QWidget, "monospaceButton"), Qt.MouseButton.LeftButton)
    assert notes(window).font().pointSizeF() == before[0] + 6  # monospace keeps the size
    qtbot.keyClick(notes(window), Qt.Key.Key_0, CTRL)  # Reset
    assert [w.font().pointSizeF() for w in readers] == before


def test_tab_walks_every_control_of_the_session_screen_and_each_has_a_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QApplication

    begin(qtbot, window, 2)
    qtbot.keyClicks(notes(window), "an answer")
    qtbot.keyClick(notes(window), Qt.Key.Key_R, CTRL)  # revealed: the answer and checklist
    notes(window).setFocus()
    qtbot.keyClick(notes(window), Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab leaves the notes
    walked: list[QWidget] = []
    for _ in range(80):
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused is notes(window) or focused in walked:
            break
        walked.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    names = {w.objectName() for w in walked}
    for wanted in ("ratingGoodButton", "skipButton", "nextButton", "pauseButton",
                   "endSessionButton", "keyPointsList", "talkItThroughButton"):  # fmt: skip
        assert wanted in names, (wanted, sorted(names))
    for widget in walked:
        label = widget.accessibleName() or (
            widget.text() if isinstance(widget, QAbstractButton) else ""
        )
        assert label.strip(), f"{type(widget).__name__} {widget.objectName()!r} has no name"
        assert widget.isVisible() and widget.isEnabled()
    assert notes(window).accessibleName()


FOLDED_ANSWER = """Pools cap concurrency.

<details><summary>More</summary>

Hidden until opened: **slots** per pool.

</details>

| Pool | Slots |
| --- | --- |
| default | 128 |
"""


def test_a_session_exports_to_pdf_a_page_per_question(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from interview_prep.ui.pdf_export import _render_all, document_for, session_pages

    begin(qtbot, window, 2)
    qtbot.keyClicks(notes(window), "my first answer")
    qtbot.keyClick(notes(window), Qt.Key.Key_R, CTRL)
    qtbot.keyClick(notes(window), Qt.Key.Key_3, CTRL)
    qtbot.keyClick(notes(window), Qt.Key.Key_Return, CTRL)
    qtbot.keyClicks(notes(window), "my second answer")
    qtbot.keyClick(notes(window), Qt.Key.Key_Return, CTRL)
    target = tmp_path / "session.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    button = child(window, QPushButton, "exportSessionPdfButton")
    with qtbot.waitSignal(window.summary_view.pdf_written, timeout=20_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and button.text() == "Exported to session.pdf"
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 2  # a page per question at least

    summary = window.summary_view.summary
    assert summary is not None
    page = session_pages(summary, lambda _id: None)[0]
    folded = dataclasses.replace(
        page, parts=(*page.parts[:-1], ("Reference answer", FOLDED_ANSWER))
    )
    text = document_for("T", _render_all(window.render_cache, [folded])).toPlainText()
    assert "my first answer" in text and "Reference answer" in text
    assert "Hidden until opened" in text  # folds open in print
    assert "default" in text and "128" in text  # the table's cells
