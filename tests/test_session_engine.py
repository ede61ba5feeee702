"""The session engine, headless, with a fake clock and an in-memory recorder."""

from __future__ import annotations

import random

import pytest

from interview_prep.bank.model import Kind, Question
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.coverage import PointMark
from interview_prep.practice.engine import SessionEngine, SessionError, State, TimerLevel
from interview_prep.practice.plan import (
    Mode,
    Order,
    SessionSettings,
    plan_from_questions,
    plan_session,
    time_limit_for,
)
from interview_prep.practice.rating import Rating
from interview_prep.practice.recorder import MemoryRecorder
from interview_prep.practice.summary import summarize, to_markdown
from interview_prep.wording import clock_text


def q(n: int, topic: str = "T", *, kind: Kind = Kind.CONCEPT, answer: str | None = "A") -> Question:
    return Question(id=f"q{n}", topic=topic, question=f"Question {n}?", answer=answer, kind=kind)


BANK = [q(1, "Sensors"), q(2, "Sensors"), q(3, "Executors"), q(4, "Executors", answer=None)]


def engine_for(
    questions: list[Question], mode: Mode = Mode.PRACTICE
) -> tuple[SessionEngine, FakeClock, MemoryRecorder]:
    clock = FakeClock()
    recorder = MemoryRecorder()
    plan = plan_from_questions(questions, SessionSettings(mode=mode))
    return SessionEngine(plan, clock=clock, recorder=recorder), clock, recorder


def test_default_time_limits_by_kind_and_override() -> None:
    assert time_limit_for(q(1, kind=Kind.CONCEPT)) == 180
    assert time_limit_for(q(1, kind=Kind.BEHAVIORAL)) == 120
    assert time_limit_for(q(1, kind=Kind.CODING)) == 1200
    assert time_limit_for(q(1, kind=Kind.SYSTEM_DESIGN)) == 2100
    own = Question(id="x", topic="T", question="?", time_limit=45)
    assert time_limit_for(own) == 45
    assert time_limit_for(own, override=600) == 600


def test_plan_filters_topics_unanswered_and_orders() -> None:
    settings = SessionSettings(topics=("Executors",), count=5, order=Order.BANK)
    assert [p.question.id for p in plan_session(BANK, settings).questions] == ["q3"]
    with_unanswered = SessionSettings(count=5, order=Order.BANK, include_unanswered=True)
    assert len(plan_session(BANK, with_unanswered)) == 4
    fresh_first = SessionSettings(count=2, order=Order.NEVER_PRACTISED_FIRST)
    plan = plan_session(BANK, fresh_first, attempt_counts={"q1": 3, "q2": 1}, rng=random.Random(1))
    assert [p.question.id for p in plan.questions] == ["q3", "q2"]
    shuffled = plan_session(BANK, SessionSettings(count=3), rng=random.Random(4))
    assert len(shuffled) == 3 and len({p.question.id for p in shuffled.questions}) == 3


def test_countdown_goes_amber_then_red_then_counts_overtime() -> None:
    engine, clock, _ = engine_for([q(1)])
    engine.start()
    assert engine.question_remaining() == 180 and engine.timer_level() is TimerLevel.NORMAL
    clock.advance(144)  # 36 s left: exactly 20 %
    assert engine.timer_level() is TimerLevel.NORMAL
    clock.advance(1)
    assert engine.timer_level() is TimerLevel.LOW
    clock.advance(35)
    assert engine.question_remaining() == 0 and engine.timer_level() is TimerLevel.OVER
    clock.advance(42)
    assert engine.question_remaining() == -42
    assert clock_text(engine.question_remaining()) == "-0:42"
    engine.set_notes("still typing")  # overtime never locks the user out
    assert engine.next() is False


def test_the_reveal_waits_for_some_notes_or_fifteen_seconds_of_thinking() -> None:
    engine, clock, _ = engine_for([q(1), q(2)])
    engine.start()
    clock.advance(14.9)
    engine.set_notes("  \n")
    assert not engine.attempted
    engine.set_notes("a first thought")
    assert engine.attempted
    engine.next()
    assert not engine.attempted  # the next question starts afresh
    clock.advance(10)
    engine.pause()
    clock.advance(60)  # a pause is no thinking time
    assert not engine.attempted
    engine.resume()
    clock.advance(5)
    assert engine.attempted


def test_pause_stops_both_clocks() -> None:
    engine, clock, recorder = engine_for([q(1), q(2)])
    engine.start()
    clock.advance(30)
    engine.pause()
    clock.advance(600)
    assert engine.question_elapsed() == 30 and engine.session_elapsed() == 30
    assert recorder.drafts[-1].elapsed_seconds == 30
    engine.resume()
    clock.advance(10)
    assert engine.question_elapsed() == 40
    engine.next()
    clock.advance(5)
    assert engine.question_elapsed() == 5 and engine.session_elapsed() == 45


def test_a_whole_session_records_attempts_and_summary() -> None:
    engine, clock, recorder = engine_for([q(1, "Sensors"), q(2, "Sensors"), q(3, "Executors")])
    engine.start()
    engine.set_notes("poke holds a slot")
    clock.advance(50)
    engine.reveal()
    clock.advance(10)
    engine.rate(Rating.HARD)
    assert engine.next() is True
    clock.advance(5)
    assert engine.skip() is True
    engine.set_notes("one pod per task")
    clock.advance(200)
    engine.rate(Rating.GOOD)
    assert engine.next() is False
    assert engine.state is State.ENDED

    assert [(a.question_id, a.skipped, a.rating) for a in recorder.attempts] == [
        ("q1", False, 2),
        ("q2", True, None),
        ("q3", False, 3),
    ]
    first = recorder.attempts[0]
    assert first.duration_seconds == 60 and first.notes == "poke holds a slot"
    assert first.revealed_at is not None
    assert (first.revealed_at - first.started_at).total_seconds() == 50
    assert recorder.ended == [(1, "finished")]

    summary = summarize(engine.runs, mode=engine.mode, started_at=engine.started_at)
    assert (summary.answered, summary.skipped, summary.over_time) == (2, 1, 1)
    assert summary.total_seconds == 265
    assert [t.text for t in summary.weakest_topics()] == [
        "Sensors (mean 2.0 of 1 rated, 1 skipped)",  # the skip ranks it, and is named
        "Executors (mean 3.0 of 1 rated)",
    ]
    assert summary.mean_rating == 2.5 and summary.rated == 2  # a skip is no rating
    assert [x.id for x in summary.to_practise_again()] == ["q1", "q2"]  # Hard, and skipped
    assert summary.practise_again_text == "1 rated Again/Hard, 1 skipped"
    markdown = to_markdown(summary)
    assert "## 1. Question 1?" in markdown and "poke holds a slot" in markdown
    assert "1:00 of 3:00 · Hard" in markdown and "skipped" in markdown


def test_pressure_mode_hides_answers_until_the_end() -> None:
    engine, _, _ = engine_for([q(1)], mode=Mode.PRESSURE)
    engine.start()
    assert not engine.can_reveal
    with pytest.raises(SessionError):
        engine.reveal()


def test_end_keeps_an_engaged_question_and_drops_an_untouched_one() -> None:
    engine, clock, recorder = engine_for([q(1), q(2), q(3)])
    engine.start()
    engine.set_notes("half an answer")
    clock.advance(20)
    engine.end()
    assert [a.question_id for a in recorder.attempts] == ["q1"]
    other, _, other_recorder = engine_for([q(1), q(2)])
    other.start()
    other.end()
    assert other_recorder.attempts == [] and other_recorder.ended == [(1, "finished")]


def test_restore_continues_at_the_same_question_with_notes_and_times() -> None:
    engine, clock, recorder = engine_for([q(1), q(2), q(3)])
    engine.start()
    clock.advance(30)
    engine.rate(Rating.GOOD)
    engine.next()
    engine.set_notes("draft in progress")
    clock.advance(12)
    engine.save_draft()  # what the autosave does

    later = FakeClock()
    restored = SessionEngine.restore(
        engine.plan,
        clock=later,
        recorder=recorder,
        session_id=1,
        started_at=engine.started_at or later.now(),
        finished=recorder.attempts,
        draft=recorder.drafts[-1],
    )
    assert restored.position == 1 and restored.state is State.PAUSED
    assert restored.current.notes == "draft in progress"
    assert restored.question_elapsed() == 12 and restored.session_elapsed() == 42
    restored.resume()
    later.advance(3)
    assert restored.question_elapsed() == 15
    restored.next()
    restored.next()
    assert [a.question_id for a in recorder.attempts] == ["q1", "q2", "q3"]


def test_key_points_and_talking_it_through_are_recorded_and_restored() -> None:
    engine, clock, recorder = engine_for([q(1), q(2), q(3)])
    engine.start()
    engine.set_spoken(True)
    clock.advance(40)
    engine.reveal()
    marks = (PointMark("Sensors", True, True), PointMark("Poke mode", False, True))
    engine.set_key_points(marks)
    assert recorder.drafts[-1].key_points == marks and recorder.drafts[-1].spoken
    engine.set_reflection("Forgot reschedule mode")
    engine.rate(Rating.HARD)
    engine.next()
    [first] = recorder.attempts
    assert first.key_points == marks and first.spoken
    assert first.reflection == "Forgot reschedule mode"

    engine.set_reflection("said it out loud")  # engaged, though no notes were typed
    engine.save_draft()
    restored = SessionEngine.restore(
        engine.plan,
        clock=FakeClock(),
        recorder=recorder,
        session_id=1,
        started_at=engine.started_at or clock.now(),
        finished=recorder.attempts,
        draft=recorder.drafts[-1],
    )
    assert restored.runs[0].key_points == marks and restored.runs[0].spoken
    assert restored.current.reflection == "said it out loud"
    assert restored.current.engaged
