"""Small English wording helpers shared by the command line, the core and the views."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """``1 topic``, ``2 topics``: a count with its noun."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def clock_text(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a duration; negative values get a leading minus."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"
