"""Small English wording helpers shared by the command line and the views."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """``1 topic``, ``2 topics``: a count with its noun."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
