"""What a session will ask: the user's set-up choices and the questions they select.

Time per question: the question's own ``time_limit`` if it has one, else a default by kind
(concept 3 min, behavioral 2 min, coding 20 min, system design 35 min, other 3 min); the
set-up may override it for every question.

Which questions: the ticked topics of each bank (``topic_key``: a topic is chosen in its
bank, since two banks may both have "SQL"), narrowed by a tag, a difficulty, a kind and
"due for review now", each optional. A bank the set-up has not seen before
(``known_banks``) joins with all its topics, so an imported bank is not left out silently;
the choices made for every other bank are kept as they were.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from ..bank.model import Kind, Question

#: The most questions one session can have, and the longest time per question it can set.
MAX_QUESTIONS = 500
MAX_TIME_OVERRIDE = 180 * 60

DEFAULT_TIME_BY_KIND: dict[Kind, int] = {
    Kind.CONCEPT: 3 * 60,
    Kind.BEHAVIORAL: 2 * 60,
    Kind.CODING: 20 * 60,
    Kind.SYSTEM_DESIGN: 35 * 60,
    Kind.OTHER: 3 * 60,
}


class Order(StrEnum):
    RANDOM = "random"
    BANK = "bank"
    NEVER_PRACTISED_FIRST = "never-practised-first"
    DUE_THEN_WEAKEST = "due-then-weakest"  # due for review first, then lowest mastery


class Mode(StrEnum):
    PRACTICE = "practice"  # reveal the answer after attempting each question
    PRESSURE = "pressure"  # answers only at the end, as in a real interview


@dataclass(frozen=True, slots=True)
class SessionSettings:
    """The set-up dialog's choices; also what is remembered for next time."""

    topics: tuple[str, ...] = ()  # ``topic_key``s (or bare topic names); empty: all topics
    count: int = 5
    order: Order = Order.RANDOM
    time_override: int | None = None  # seconds per question, for every question
    mode: Mode = Mode.PRACTICE
    include_unanswered: bool = False
    tag: str = ""  # "": any tag
    difficulty: str = ""  # a ``Difficulty`` value, or "": any
    kind: str = ""  # a ``Kind`` value, or "": any
    due_only: bool = False  # only questions due for review now
    known_banks: tuple[str, ...] = ()  # the banks there were when these were chosen

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["topics"] = list(self.topics)
        data["known_banks"] = list(self.known_banks)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SessionSettings:
        """Settings from stored JSON; anything missing or invalid takes its default."""
        default = cls()
        try:
            count = int(data.get("count", default.count))
            override = int(data.get("time_override") or 0)
            topics = data.get("topics")
            topics = topics if isinstance(topics, list | tuple) else ()
            banks = data.get("known_banks")
            banks = banks if isinstance(banks, list | tuple) else ()
            return cls(
                topics=tuple(t for t in topics if isinstance(t, str)),
                count=min(max(1, count), MAX_QUESTIONS),
                order=Order(data.get("order", default.order)),
                time_override=min(override, MAX_TIME_OVERRIDE) if override > 0 else None,
                mode=Mode(data.get("mode", default.mode)),
                include_unanswered=bool(data.get("include_unanswered", False)),
                tag=_text(data.get("tag")),
                difficulty=_text(data.get("difficulty")),
                kind=_text(data.get("kind")),
                due_only=bool(data.get("due_only", False)),
                known_banks=tuple(b for b in banks if isinstance(b, str)),
            )
        except (TypeError, ValueError):
            return default


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def topic_key(bank_id: str, topic: str) -> str:
    """How the set-up names a topic of a bank (a tab cannot be in either)."""
    return f"{bank_id}\t{topic}"


def time_limit_for(question: Question, override: int | None = None) -> int:
    if override:
        return override
    return question.time_limit or DEFAULT_TIME_BY_KIND[question.kind]


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    question: Question
    time_limit: int


@dataclass(frozen=True, slots=True)
class SessionPlan:
    settings: SessionSettings
    questions: tuple[PlannedQuestion, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.questions)


def eligible(
    questions: Iterable[Question], settings: SessionSettings, due: Collection[str] = ()
) -> list[Question]:
    """The questions the set-up allows, in bank order; ``due``: the ids due for review now
    (for ``due_only``)."""
    topics = set(settings.topics)
    known = set(settings.known_banks)

    def chosen(q: Question) -> bool:
        if not topics or (known and q.bank_id not in known):
            return True
        return topic_key(q.bank_id, q.topic) in topics or q.topic in topics

    return [
        q
        for q in questions
        if chosen(q)
        and (settings.include_unanswered or q.has_answer)
        and (not settings.tag or settings.tag in q.tags)
        and (
            not settings.difficulty or (q.difficulty and q.difficulty.value) == settings.difficulty
        )
        and (not settings.kind or q.kind.value == settings.kind)
        and (not settings.due_only or q.id in due)
    ]


def plan_session(
    questions: Iterable[Question],
    settings: SessionSettings,
    *,
    attempt_counts: Mapping[str, int] | None = None,
    weakest_first: Sequence[str] | None = None,
    due: Collection[str] = (),
    rng: random.Random | None = None,
) -> SessionPlan:
    """Choose ``settings.count`` questions in the requested order.

    ``weakest_first`` ranks question ids for ``Order.DUE_THEN_WEAKEST`` (due ones first,
    then by rising mastery: ``stats.figures.Stats.weakest_questions``); ``due``: the ids
    due for review now, for ``settings.due_only``.
    """
    pool = eligible(questions, settings, due)
    rng = rng or random.Random()
    if settings.order is Order.DUE_THEN_WEAKEST:
        rank = {qid: i for i, qid in enumerate(weakest_first or ())}
        rng.shuffle(pool)
        pool.sort(key=lambda q: rank.get(q.id, len(rank)))
    elif settings.order is Order.RANDOM:
        rng.shuffle(pool)
    elif settings.order is Order.NEVER_PRACTISED_FIRST:
        counts = attempt_counts or {}
        rng.shuffle(pool)
        pool.sort(key=lambda q: counts.get(q.id, 0))  # stable: random within equal counts
    chosen = pool[: settings.count]
    return SessionPlan(
        settings,
        tuple(PlannedQuestion(q, time_limit_for(q, settings.time_override)) for q in chosen),
    )


def plan_from_questions(questions: Sequence[Question], settings: SessionSettings) -> SessionPlan:
    """A plan of exactly ``questions`` in this order (practise-again, resume)."""
    return SessionPlan(
        settings,
        tuple(PlannedQuestion(q, time_limit_for(q, settings.time_override)) for q in questions),
    )


def plan_json(plan: SessionPlan) -> dict[str, Any]:
    """The plan as stored with its session (JSON), read back by ``plan_from_json``."""
    return {
        "settings": plan.settings.to_json(),
        "questions": [{"id": p.question.id, "time_limit": p.time_limit} for p in plan.questions],
    }


def plan_from_json(
    data: Mapping[str, Any],
    questions: Mapping[str, Question],
    finished: Sequence[Question] = (),
) -> SessionPlan:
    """The plan ``plan_json`` stored, its questions taken from ``questions`` (by id). A
    question no longer in the banks keeps its place if it was already answered: it is then
    taken from ``finished`` (the copies stored with the attempts, by position); otherwise it
    is left out."""
    settings = SessionSettings.from_json(data.get("settings", {}))
    planned: list[PlannedQuestion] = []
    for position, entry in enumerate(data.get("questions", [])):
        question = questions.get(str(entry.get("id")))
        if question is None and position < len(finished):
            question = finished[position]
        if question is not None:
            planned.append(PlannedQuestion(question, int(entry.get("time_limit", 180))))
    return SessionPlan(settings, tuple(planned))
