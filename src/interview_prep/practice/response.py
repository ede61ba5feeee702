"""What the user made of one question: the one field list its records share.

A practised question lives on as four records: the engine's ``QuestionRun`` while it is
asked, the ``Draft`` saved as it goes (to resume after a crash), the ``AttemptRecord`` when
it is finished (an ``attempts`` row) and the ``SummaryRow`` at the end of the session. Each
extends ``Response``, and every copy between them, and to and from the database rows
(``store.columns``), goes through ``response_values`` or ``dataclasses.fields``, never a list
of names. A new field is declared here once, with its stored form when the column does not
take the value as it is (``STORED``); it then needs its columns in ``store.models`` and a
migration, and reaches every record, the database and the pending-write journal on its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from ..audio.metrics import SpeechMetrics
from . import coverage
from .coverage import PointMark
from .rating import Rating

#: Field metadata: ``(to_column, from_column)``, how a value that is not ``None`` is stored.
STORED: Final = "stored"

Converter = Callable[[Any], Any]


def _rating_column(value: Any) -> int:
    return int(Rating(value))  # raises ValueError outside 1..4, before the database sees it


@dataclass(frozen=True, slots=True)
class Response:
    """The user's part of a question: notes, rating, reveal, key points, out loud, recording."""

    notes: str = ""
    #: Again 1 .. Easy 4. A number that is a rating becomes the ``Rating``; any other is
    #: kept, for the store to refuse (``ValueError``) when the record is written.
    rating: Rating | None = field(default=None, metadata={STORED: (_rating_column, Rating)})
    #: When the reference answer was shown, if it was.
    revealed_at: datetime | None = None
    #: The reference answer's key points and which the notes covered (None: not checked).
    key_points: tuple[PointMark, ...] | None = field(
        default=None, metadata={STORED: (coverage.to_json, coverage.from_json)}
    )
    #: Answered out loud ("talk it through"): no notes editor, perhaps a reflection after.
    spoken: bool = False
    #: A few words written after answering out loud.
    reflection: str = ""
    #: The answer said out loud, recorded: a file name in the data folder's ``recordings/``
    #: (``audio.recordings``), or None. Kept while the file is; retention may clear it.
    recording: str | None = None
    #: What the recording measures (``audio.metrics``), or None.
    speech: SpeechMetrics | None = field(
        default=None, metadata={STORED: (SpeechMetrics.to_json, SpeechMetrics.from_json)}
    )

    def __post_init__(self) -> None:
        if self.rating is not None and not isinstance(self.rating, Rating):
            with suppress(ValueError):
                object.__setattr__(self, "rating", Rating(self.rating))


RESPONSE_FIELDS: Final = tuple(f.name for f in dataclasses.fields(Response))


def response_values(record: Response) -> dict[str, Any]:
    """The ``Response`` fields of any record, by name: to carry them into another record."""
    return {name: getattr(record, name) for name in RESPONSE_FIELDS}


def field_values(record: Response) -> dict[str, Any]:
    """Every field of a record by name (``asdict`` without its deep copy of the marks)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def stored_form(name: str) -> tuple[Converter, Converter] | None:
    """``(to_column, from_column)`` for the field ``name``, or ``None``: stored as it is."""
    return _STORED_FORMS.get(name)


_STORED_FORMS: Final[dict[str, tuple[Converter, Converter]]] = {
    f.name: f.metadata[STORED] for f in dataclasses.fields(Response) if STORED in f.metadata
}
