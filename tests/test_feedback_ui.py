"""Feedback in the session screen, driven by keys and clicks: the key-point checklist and its
corrections, the STAR template of behavioural questions, talking a question through."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from conftest import confirm_end_session, on_database, rendered
from interview_prep.app import create_window
from interview_prep.practice import coverage
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.plan import SessionSettings, plan_from_questions
from interview_prep.render import LIGHT
from interview_prep.store.attempts import attempts_for_question
from interview_prep.store.models import Attempt
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.preferences import TALK_IT_THROUGH

CTRL = Qt.KeyboardModifier.ControlModifier
BANK = """\
title: Practice
questions:
  - id: pools
    topic: Airflow
    question: What are pools for?
    answer: |-
      - **Slots** cap how many tasks run at once
      - Each task takes one slot by default
      - **Priority weights** decide who goes first

      <details><summary>Executors and pools</summary>

      - Works with every executor
      </details>
  - id: conflict
    topic: Behavioural
    kind: behavioral
    question: Tell me about a conflict in your team.
    answer: |-
      - Say what was at stake
      - Show what **you** did
"""


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    (data_dir / "banks").mkdir(parents=True)
    (data_dir / "banks" / "practice.yaml").write_text(BANK, encoding="utf-8")
    win = create_window(data_dir)
    win.clock = FakeClock()
    win.rng = random.Random(3)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close()


def start(qtbot: QtBot, win: MainWindow, *ids: str) -> None:
    by_id = win.catalog.by_id()
    win.begin_session(plan_from_questions([by_id[i] for i in ids], SessionSettings()))
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.session_view)  # stored first


def child(win: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = win.findChild(kind, name)
    assert widget is not None, name
    return widget


def stored(win: MainWindow, question_id: str) -> list[Attempt]:
    return on_database(win, lambda db: attempts_for_question(db, question_id))  # type: ignore[no-any-return]


def checklist(win: MainWindow) -> list[tuple[str, bool]]:
    points = child(win, QListWidget, "keyPointsList")
    return [
        (points.item(i).text(), points.item(i).checkState() == Qt.CheckState.Checked)
        for i in range(points.count())
    ]


def test_reveal_shows_covered_points_ticked_and_missed_ones_highlighted(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window, "pools")
    notes = child(window, QPlainTextEdit, "notesEdit")
    qtbot.keyClicks(notes, "pools have slots that cap concurent tasks")  # a typo too
    points = child(window, QListWidget, "keyPointsList")
    assert not points.isVisible()  # nothing before the reveal
    qtbot.keyClick(notes, Qt.Key.Key_R, CTRL)
    assert points.isVisible()
    assert checklist(window) == [
        ("Slots: cap how many tasks run at once", True),
        ("Each task takes one slot by default", True),
        ("Priority weights: decide who goes first", False),
        ("Works with every executor", False),
    ]
    missed = points.item(2)
    assert missed.background().color().name() == LIGHT.missed_background
    assert points.item(0).background().color().name() != LIGHT.missed_background
    summary = child(window, QLabel, "keyPointsSummary")
    assert "2 of 4 in your notes" in summary.text()

    # writing more after the reveal checks again
    qtbot.keyClicks(notes, ", priority weight orders them")
    qtbot.waitUntil(
        lambda: checklist(window)[2] == ("Priority weights: decide who goes first", True),
        timeout=2000,
    )
    assert "3 of 4" in summary.text()


def test_a_session_counts_the_banks_words_for_the_check(qtbot: QtBot, window: MainWindow) -> None:
    """Which words are rare across the bank decides what a point needs: counted on a worker
    when a session starts, long before the first reveal."""
    from interview_prep.feedback import rarity

    start(qtbot, window, "pools")
    qtbot.waitUntil(lambda: rarity.ready(window.catalog) is not None, timeout=5000)
    counted = rarity.ready(window.catalog)
    assert counted is not None
    assert counted.answers == sum(1 for q in window.catalog.questions() if q.has_answer)
    assert counted.distinctive("slot")  # in a few answers of the bank
    assert not counted.distinctive("task")  # in most of them


def test_a_point_clicked_is_shown_in_the_answer_with_its_fold_opened(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window, "pools")
    window.clock.advance(20)
    qtbot.keyClick(child(window, QPlainTextEdit, "notesEdit"), Qt.Key.Key_R, CTRL)
    answer = window.session_view.answer_view
    assert "Works with every executor" not in rendered(qtbot, answer)  # folded away
    points = child(window, QListWidget, "keyPointsList")
    rect = points.visualItemRect(points.item(3))
    qtbot.mouseClick(points.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Works with every executor" in rendered(qtbot, answer)
    (mark,) = answer.extraSelections()
    assert mark.cursor.selectedText() == "Works with every executor"

    # from the keyboard: Ctrl+K goes to the list, Enter shows the current point
    qtbot.keyClick(answer, Qt.Key.Key_K, CTRL)
    assert points.hasFocus()
    points.setCurrentRow(2)
    qtbot.keyClick(points, Qt.Key.Key_Return)
    (mark,) = answer.extraSelections()
    assert mark.cursor.selectedText().startswith("Priority weights")


def test_the_users_correction_is_what_is_stored(qtbot: QtBot, window: MainWindow) -> None:
    start(qtbot, window, "pools", "conflict")
    notes = child(window, QPlainTextEdit, "notesEdit")
    qtbot.keyClicks(notes, "slots limit the tasks")
    qtbot.keyClick(notes, Qt.Key.Key_R, CTRL)
    points = child(window, QListWidget, "keyPointsList")
    assert checklist(window)[2] == ("Priority weights: decide who goes first", False)

    # tick a missed point with the keyboard, untick a covered one with the mouse
    qtbot.keyClick(notes, Qt.Key.Key_K, CTRL)
    points.setCurrentRow(2)
    qtbot.keyClick(points, Qt.Key.Key_Space)
    first = points.item(0)
    rect = points.visualItemRect(first)
    box = QPoint(rect.left() + rect.height() // 2, rect.center().y())  # the check box
    qtbot.mouseClick(points.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert checklist(window)[0] == ("Slots: cap how many tasks run at once", False)
    assert checklist(window)[2] == ("Priority weights: decide who goes first", True)
    assert points.item(2).font().italic() and "check said missed" in points.item(2).toolTip()
    assert "2 corrected by you" in child(window, QLabel, "keyPointsSummary").text()

    # more notes do not undo a correction
    qtbot.keyClicks(notes, "; slots again, extra tasks wait")
    qtbot.wait(600)  # the notes are checked again 0.4 s after typing stops
    assert checklist(window)[0] == (
        "Slots: cap how many tasks run at once",
        False,
    )  # still unticked, though notes say slots
    assert checklist(window)[2] == ("Priority weights: decide who goes first", True)

    qtbot.mouseClick(child(window, QPushButton, "nextButton"), Qt.MouseButton.LeftButton)
    (attempt,) = stored(window, "pools")
    marks = coverage.from_json(attempt.key_points)
    assert marks is not None
    assert [(m.text, m.covered, m.auto) for m in marks] == [
        ("Slots: cap how many tasks run at once", False, True),
        ("Each task takes one slot by default", True, True),
        ("Priority weights: decide who goes first", True, False),
        ("Works with every executor", False, False),
    ]
    assert (attempt.points_covered, attempt.points_total) == (2, 4)


def test_behavioural_questions_start_with_the_star_template(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window, "conflict", "pools")
    notes = child(window, QPlainTextEdit, "notesEdit")
    assert notes.toPlainText() == "Situation: \n\nTask: \n\nAction: \n\nResult: \n"
    assert child(window, QWidget, "starTemplateButton").isVisible()
    assert not child(window, QPushButton, "revealButton").isEnabled()  # a template is no try
    qtbot.keyClicks(notes, "two teams wanted the same release slot")  # the cursor is there
    cursor = notes.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    notes.setTextCursor(cursor)
    qtbot.keyClicks(notes, "both shipped on time")
    assert notes.toPlainText().startswith("Situation: two teams wanted the same release slot\n")
    window.clock.advance(200)
    qtbot.keyClick(notes, Qt.Key.Key_Return, CTRL)

    assert window.engine is not None and window.engine.current.question.id == "pools"
    assert not child(window, QWidget, "starTemplateButton").isVisible()
    assert notes.toPlainText() == ""
    qtbot.keyClick(notes, Qt.Key.Key_E, CTRL)  # end: the summary
    confirm_end_session(qtbot, window)  # the last question was not reached
    summary = window.summary_view
    summary.table.setCurrentItem(summary.table.topLevelItem(0))
    detail = rendered(qtbot, summary.detail)
    assert "Situation: 7 words" in detail and "Result: 4 words" in detail
    assert "Task: not filled" in detail and "Action: not filled" in detail


def test_an_untouched_star_template_is_not_stored_as_notes(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window, "conflict", "pools")
    window.clock.advance(30)
    qtbot.keyClick(child(window, QPlainTextEdit, "notesEdit"), Qt.Key.Key_Return, CTRL)
    (attempt,) = stored(window, "conflict")
    assert attempt.notes == ""


def test_talking_it_through_hides_the_notes_and_keeps_a_reflection(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window, "pools", "conflict")
    notes = child(window, QPlainTextEdit, "notesEdit")
    qtbot.keyClick(notes, Qt.Key.Key_T, CTRL)
    talk_timer = child(window, QLabel, "talkTimerLabel")
    assert not notes.isVisible() and talk_timer.isVisible()
    assert talk_timer.text() == child(window, QLabel, "questionTimerLabel").text()
    reflection = child(window, QLineEdit, "reflectionEdit")
    assert not reflection.isVisible()
    window.clock.advance(90)
    window.session_view.tick()
    assert talk_timer.text() == child(window, QLabel, "questionTimerLabel").text()
    qtbot.keyClick(window.session_view.talk_page, Qt.Key.Key_R, CTRL)  # reveal by keyboard

    # nothing was typed: every point is open for the user to tick what was said
    assert checklist(window) == [
        ("Slots: cap how many tasks run at once", False),
        ("Each task takes one slot by default", False),
        ("Priority weights: decide who goes first", False),
        ("Works with every executor", False),
    ]
    assert "tick the ones you said" in child(window, QLabel, "keyPointsSummary").text()
    assert reflection.isVisible() and reflection.hasFocus()
    qtbot.keyClicks(reflection, "forgot priority weights")
    qtbot.keyClick(reflection, Qt.Key.Key_2, CTRL)  # rate Hard
    points = child(window, QListWidget, "keyPointsList")
    points.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(reflection, Qt.Key.Key_Return, CTRL)

    # the mode carries on to the next question
    assert child(window, QWidget, "talkItThroughButton").isChecked() and not notes.isVisible()
    (attempt,) = stored(window, "pools")
    assert attempt.spoken and attempt.reflection == "forgot priority weights"
    assert attempt.rating == 2 and (attempt.points_covered, attempt.points_total) == (1, 4)
    qtbot.keyClick(window.session_view.talk_page, Qt.Key.Key_T, CTRL)  # notes are back
    assert notes.isVisible() and notes.hasFocus()
    assert not window.preferences.get(TALK_IT_THROUGH)


def test_review_shows_key_point_coverage_per_topic_and_question(
    qtbot: QtBot, window: MainWindow
) -> None:
    start(qtbot, window, "pools")
    notes = child(window, QPlainTextEdit, "notesEdit")
    qtbot.keyClicks(notes, "slots cap tasks, priority weights order them")
    qtbot.keyClick(notes, Qt.Key.Key_R, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_3, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_Return, CTRL)
    window.show_review()
    topics = window.review_view.topics
    qtbot.waitUntil(lambda: topics.topLevelItemCount() > 0)  # read on the database thread
    header = [topics.headerItem().text(i) for i in range(topics.columnCount())]
    assert header[:3] == ["Topic", "Mastery", "Key points"]
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    rows = {
        item.text(0): item for item in topics.findItems("*", Qt.MatchFlag.MatchWildcard | flags)
    }
    assert rows["Airflow"].text(2) == "75%"  # 3 of 4 points
    assert rows["Behavioural"].text(2) == "—"  # never checked
    window.review_view.select_topic("Airflow")
    question_row = window.review_view.questions.topLevelItem(0)
    assert question_row.text(2) == "75%"


def test_a_resumed_session_shows_the_checklist_with_the_corrections(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    start(qtbot, window, "pools", "conflict")
    notes = child(window, QPlainTextEdit, "notesEdit")
    qtbot.keyClicks(notes, "slots limit the tasks")
    qtbot.keyClick(notes, Qt.Key.Key_R, CTRL)
    child(window, QListWidget, "keyPointsList").item(2).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(notes, Qt.Key.Key_T, CTRL)  # then on to talking it through
    assert window.link.writer.flush(timeout=5)
    window.close()  # quitting mid-session is like a crash: offered next time

    second = create_window(data_dir)
    second.clock = FakeClock()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: child(second, QPushButton, "resumeButton").isVisible())
    qtbot.mouseClick(child(second, QPushButton, "resumeButton"), Qt.MouseButton.LeftButton)
    assert checklist(second) == [
        ("Slots: cap how many tasks run at once", True),
        ("Each task takes one slot by default", True),
        ("Priority weights: decide who goes first", True),  # the user's tick
        ("Works with every executor", False),
    ]
    points = child(second, QListWidget, "keyPointsList")
    assert points.item(2).font().italic()
    assert second.session_view.talk_button.isChecked()
    assert not child(second, QPlainTextEdit, "notesEdit").isVisible()
    second.preferences.set(TALK_IT_THROUGH, False)
    second.close()
