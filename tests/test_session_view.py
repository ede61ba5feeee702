"""The session screen on its own: an engine with a fake clock and an in-memory recorder,
driven with keys and ticks, no main window and no database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import show_active
from interview_prep.bank.model import Question
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.engine import SessionEngine
from interview_prep.practice.plan import SessionSettings, plan_from_questions
from interview_prep.practice.recorder import MemoryRecorder
from interview_prep.render import RenderCache
from interview_prep.ui.preferences import Preferences
from interview_prep.ui.session_view import SessionView

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
UNANSWERED = Question(id="retry", topic="Tasks", question="When to split a task?")
ANSWERED = Question(id="tcp", topic="Transport", question="What is TCP?", answer="A stream.")


def session(
    qtbot: QtBot, tmp_path: Path, questions: list[Question], **wiring: object
) -> tuple[SessionView, SessionEngine, FakeClock, MemoryRecorder]:
    clock, recorder = FakeClock(), MemoryRecorder()
    plan = plan_from_questions(questions, SessionSettings())
    engine = SessionEngine(plan, clock=clock, recorder=recorder)
    view = SessionView(RenderCache(), Preferences(tmp_path), **wiring)  # type: ignore[arg-type]
    view.resize(900, 600)
    show_active(qtbot, view)
    engine.start()
    view.begin(engine)
    view.timer.stop()  # the test ticks by hand
    return view, engine, clock, recorder


def test_the_wiring_can_be_given_when_the_screen_is_made(qtbot: QtBot, tmp_path: Path) -> None:
    asked: list[str] = []
    kept: list[tuple[str, str]] = []

    def base_dir_for(question_id: str) -> Path | None:
        asked.append(question_id)
        return None

    def save_answer(question: Question, notes: str) -> str:
        kept.append((question.id, notes))
        return "Kept as the answer"

    view, _engine, _clock, _ = session(
        qtbot, tmp_path, [UNANSWERED], base_dir_for=base_dir_for, save_answer=save_answer
    )
    assert asked == ["retry"]
    qtbot.keyClicks(view.notes_edit, "When retries differ.")
    qtbot.keyClick(view.notes_edit, Qt.Key.Key_R, CTRL)
    assert view.answer_panel.save_answer_button.isVisible()
    qtbot.keyClick(view.notes_edit, Qt.Key.Key_S, CTRL_SHIFT)
    assert kept == [("retry", "When retries differ.")]
    assert view.save_label.text() == "Kept as the answer"


def test_without_a_way_to_keep_answers_none_is_offered(qtbot: QtBot, tmp_path: Path) -> None:
    view, _engine, _clock, _ = session(qtbot, tmp_path, [UNANSWERED])
    qtbot.keyClicks(view.notes_edit, "When retries differ.")
    qtbot.keyClick(view.notes_edit, Qt.Key.Key_R, CTRL)
    assert view.answer_panel.isVisible()
    assert not view.answer_panel.save_answer_button.isVisible()


def test_notes_are_saved_when_typing_stops_and_times_every_few_seconds(
    qtbot: QtBot, tmp_path: Path
) -> None:
    view, _engine, clock, recorder = session(qtbot, tmp_path, [ANSWERED])
    assert recorder.drafts[-1].notes == ""
    saved = len(recorder.drafts)
    qtbot.keyClicks(view.notes_edit, "a reliable stream")
    assert view.save_label.text() == "Editing…"
    clock.advance(0.4)
    view.tick()
    assert len(recorder.drafts) == saved  # still typing, a moment ago
    clock.advance(0.2)
    view.tick()
    assert recorder.drafts[-1].notes == "a reliable stream"
    assert view.save_label.text() == "Saved"

    saved = len(recorder.drafts)
    for _ in range(26):  # 5.2 s without typing
        clock.advance(0.2)
        view.tick()
    assert len(recorder.drafts) == saved + 1
    assert recorder.drafts[-1].elapsed_seconds >= 5.6

    qtbot.keyClick(view.notes_edit, Qt.Key.Key_P, CTRL)  # paused: the clocks stand still
    saved = len(recorder.drafts)
    for _ in range(50):
        clock.advance(0.2)
        view.tick()
    assert len(recorder.drafts) == saved
