"""Figures for a catalog from a database: the one call views and the CLI make."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..bank.model import Question
from ..store.database import Database
from ..store.derived import load_tallies
from ..store.history import due_dates
from .figures import Stats, compute_stats


def load_stats(db: Database, questions: Iterable[Question], now: datetime) -> Stats:
    return compute_stats(questions, load_tallies(db), due_dates(db), now)
