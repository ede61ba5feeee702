"""One field list per record: every ``Response`` field survives every trip a question makes.

The values are made from ``dataclasses.fields(Response)`` and their types, so a field added
to ``Response`` is covered here without touching this file (a field of a new type asks for
a sample value in ``SAMPLES``).
"""

from __future__ import annotations

import json
import types
from collections.abc import Iterator
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from interview_prep.audio.metrics import SpeechMetrics
from interview_prep.bank.model import Question
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.coverage import PointMark
from interview_prep.practice.engine import SessionEngine
from interview_prep.practice.plan import Mode, SessionPlan, SessionSettings, plan_from_questions
from interview_prep.practice.rating import Rating
from interview_prep.practice.recorder import AttemptRecord, Draft, MemoryRecorder, SessionRecorder
from interview_prep.practice.response import Response, response_values
from interview_prep.practice.summary import summarize
from interview_prep.store import Database, StoreRecorder, find_unfinished, open_database
from interview_prep.store.journal import PendingWrite
from interview_prep.store.session_log import UnfinishedSession, attempt_record

#: A value unlike the default for each field type (booleans: the opposite of the default).
SAMPLES: dict[object, object] = {
    str: "Ünïcode — and a second line\nwith 'quotes'",
    datetime: datetime(2026, 3, 9, 14, 15, 16, 171819, tzinfo=UTC),
    Rating: Rating.HARD,
    SpeechMetrics: SpeechMetrics(
        recorded=95.5,
        talk=88.25,
        first_word=1.5,
        silence_share=0.125,
        pauses=((10.0, 1.25), (40.5, 3.5)),
        syllables=212,
    ),
    tuple[PointMark, ...]: (
        PointMark("Sensors poke", covered=True, auto=False),  # ticked by the user
        PointMark("Reschedule mode — frees the slot", covered=False, auto=False),
    ),
}


def sample_response() -> dict[str, Any]:
    """Every ``Response`` field with a value that is not its default."""
    hints = get_type_hints(Response)
    values: dict[str, Any] = {}
    for field in fields(Response):
        hint = hints[field.name]
        kinds = [k for k in getattr(hint, "__args__", (hint,)) if k is not types.NoneType]
        kind = kinds[0] if isinstance(hint, types.UnionType) and len(kinds) == 1 else hint
        if kind is bool:
            value: object = not field.default
        elif kind in SAMPLES:
            value = SAMPLES[kind]
        else:
            pytest.fail(f"no sample value for Response.{field.name} ({hint}): add one to SAMPLES")
        assert value != field.default
        values[field.name] = value
    return values


def assert_same_response(record: Response, expected: dict[str, Any]) -> None:
    got = response_values(record)
    assert got == expected
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in expected.items()}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "interview-prep.sqlite3")
    yield database
    database.close()


def plan() -> SessionPlan:
    questions = [
        Question(id=f"q{n}", topic="Sensors", question=f"Question {n}?", answer="- Poke")
        for n in (1, 2)
    ]
    return plan_from_questions(questions, SessionSettings(mode=Mode.PRACTICE))


class KeepingRecorder(StoreRecorder):
    """Writes to the database and keeps the attempts it was given."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.attempts: list[AttemptRecord] = []

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None:
        self.attempts.append(attempt)
        super().question_finished(session_id, attempt, next_draft, now)


def answered_engine(recorder: SessionRecorder, response: dict[str, Any]) -> SessionEngine:
    """A session on its first question, with ``response`` as what the user did with it."""
    engine = SessionEngine(plan(), clock=FakeClock(), recorder=recorder)
    engine.start()
    engine.runs[0] = replace(engine.runs[0], **response)
    return engine


def resumed(db: Database) -> SessionEngine:
    """The engine the app builds at start-up from what the database holds."""
    found = find_unfinished(db)
    assert isinstance(found, UnfinishedSession)
    return SessionEngine.restore(
        plan(),
        clock=FakeClock(),
        recorder=StoreRecorder(db),
        session_id=found.session_id,
        started_at=found.started_at,
        finished=[attempt_record(i, a) for i, a in enumerate(found.attempts)],
        draft=found.draft,
    )


def test_every_response_field_goes_from_the_engine_to_the_draft_and_back(db: Database) -> None:
    response = sample_response()
    engine = answered_engine(StoreRecorder(db), response)

    engine.save_draft()

    found = find_unfinished(db)
    assert found is not None and found.draft is not None
    assert_same_response(found.draft, response)
    restored = resumed(db)
    assert restored.position == 0
    assert_same_response(restored.current, response)


def test_every_response_field_goes_from_the_engine_to_the_attempt_and_back(db: Database) -> None:
    response = sample_response()
    recorder = KeepingRecorder(db)
    engine = answered_engine(recorder, response)

    engine.next()  # finished: the attempt row, and the second question's draft

    [attempt] = recorder.attempts
    assert_same_response(attempt, response)
    restored = resumed(db)
    assert restored.position == 1
    assert_same_response(restored.runs[0], response)
    assert_same_response(restored.current, {f.name: f.default for f in fields(Response)})
    [row] = summarize(restored.runs, mode=restored.mode, started_at=restored.started_at).rows
    assert_same_response(row, response)


def test_every_response_field_survives_the_pending_write_journal() -> None:
    response = sample_response()
    recorder = MemoryRecorder()
    engine = answered_engine(recorder, response)
    draft = engine.draft()
    engine.next()
    [attempt] = recorder.attempts
    write = PendingWrite("finished", 1, datetime.now(UTC), draft=draft, attempt=attempt)

    read = PendingWrite.from_json(json.loads(json.dumps(write.to_json())))

    assert read == write
    assert read.draft is not None and read.attempt is not None
    assert_same_response(read.draft, response)
    assert_same_response(read.attempt, response)


def test_a_journal_line_written_before_stored_forms_still_reads() -> None:
    marks = [{"text": "Sensors poke", "covered": True, "auto": False}]
    line = {
        "op": "draft",
        "session_id": 3,
        "now": "2026-03-09T14:15:16+00:00",
        "draft": {
            "position": 1,
            "question_id": "q2",
            "notes": "half",
            "elapsed_seconds": 4.5,
            "session_elapsed_seconds": 30.0,
            "revealed_at": None,
            "rating": 2,
            "key_points": {"marks": json.dumps(marks)},
            "spoken": False,
            "reflection": "",
        },
        "attempt": None,
        "status": "",
    }
    draft = PendingWrite.from_json(line).draft
    assert draft is not None
    assert draft.rating is Rating.HARD
    assert draft.key_points == (PointMark("Sensors poke", covered=True, auto=False),)
