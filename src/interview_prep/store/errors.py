"""The exceptions the store raises on purpose (SQLAlchemy's own errors pass through)."""

from __future__ import annotations


class StoreError(Exception):
    """Something the store cannot do; the message is meant for the user."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of the app; it is left untouched."""


class NotFoundError(StoreError, LookupError):
    """No row with the given id."""
