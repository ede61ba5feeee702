"""Small enums shared by the store and the features that use it.

They live apart from the models, with no SQLAlchemy import, so the session engine and the
scheduler can name a rating or a session status without touching the database layer's
internals. Both are ``int``/``str`` subclasses, so they can be stored and compared as plain
values.
"""

from __future__ import annotations

from enum import StrEnum

from ..practice.rating import Rating

__all__ = ["Rating", "SessionStatus"]


class SessionStatus(StrEnum):
    """Where a study session is in its life: running, done, or left unfinished."""

    ACTIVE = "active"
    FINISHED = "finished"
    ABANDONED = "abandoned"
