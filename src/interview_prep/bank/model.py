"""Plain data objects for questions, banks and the problems found while loading them.

They are frozen dataclasses with no behaviour beyond small derived views, so every layer
(loader, importer, session engine, store, views) can pass them around without copying.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Kind(StrEnum):
    """What sort of interview question this is; it sets the default time per question."""

    CONCEPT = "concept"
    BEHAVIORAL = "behavioral"
    CODING = "coding"
    SYSTEM_DESIGN = "system-design"
    OTHER = "other"


class Difficulty(StrEnum):
    """How hard the question is, as the bank's author judged it."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class Severity(StrEnum):
    """``error``: the file or entry was skipped. ``warning``: it loaded, but look at it."""

    ERROR = "error"
    WARNING = "warning"


#: The user's changes to bundled questions, in their bank folder (see ``bank.editing``).
OVERRIDES_FILE = "overrides.yaml"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in an input file, reported as ``FILE:LINE: message``."""

    path: Path | str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {prefix}{self.message}"


@dataclass(frozen=True, slots=True)
class Question:
    """One interview question with its optional reference answer (both markdown).

    ``id`` is stable: it survives edits of the text and re-imports of the source document, so
    attempts stored against it are never orphaned.
    """

    id: str
    topic: str
    question: str
    answer: str | None = None
    tags: tuple[str, ...] = ()
    difficulty: Difficulty | None = None
    kind: Kind = Kind.CONCEPT
    time_limit: int | None = None
    bank_id: str = ""
    line: int | None = None

    @property
    def has_answer(self) -> bool:
        return bool(self.answer and self.answer.strip())


@dataclass(frozen=True, slots=True)
class Bank:
    """The questions of one bank file, in file order."""

    id: str
    title: str
    questions: tuple[Question, ...]
    path: Path | None = None
    description: str | None = None
    source: str | None = None
    bundled: bool = False

    def topics(self) -> list[tuple[str, int]]:
        """Topics in first-seen order with their question counts."""
        return count_topics(self.questions)

    @property
    def unanswered(self) -> int:
        return sum(1 for q in self.questions if not q.has_answer)


def count_topics(questions: Iterable[Question]) -> list[tuple[str, int]]:
    """``(topic, count)`` pairs in the order topics first appear."""
    counts: dict[str, int] = {}
    for question in questions:
        counts[question.topic] = counts.get(question.topic, 0) + 1
    return list(counts.items())


@dataclass(slots=True)
class Catalog:
    """Every loaded bank, plus the problems met while loading them.

    Question ids are unique across the catalog; the loader reports and skips duplicates.
    """

    banks: list[Bank] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Bundled questions the user changed: id -> the bundled original (see bank.editing).
    overridden: dict[str, Question] = field(default_factory=dict)

    def questions(self) -> Iterator[Question]:
        for bank in self.banks:
            yield from bank.questions

    def topics(self) -> list[tuple[str, int]]:
        return count_topics(self.questions())

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions()}

    def __len__(self) -> int:
        return sum(len(bank.questions) for bank in self.banks)
