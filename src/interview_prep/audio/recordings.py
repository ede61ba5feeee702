"""The data folder's ``recordings/``: file names, and what is deleted when.

A recording's name is all that an attempt stores (``Response.recording``): the file lives in
``recordings/`` of the same data folder and nowhere else. Names are made here and checked
here: a name read from the database is a plain file name of this folder or it is refused,
so no row can point a delete at another file. Retention deletes recordings older than the
chosen number of days (by the time the file was last written); the store then forgets the
names it deleted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Final

from .codec import EXTENSION

_NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.opus$")
DAY: Final = 86_400.0


def new_name(session_id: int, position: int, now: datetime) -> str:
    """``s12-q3-20261202-142501.opus``: session, question number, local start time."""
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    return f"s{session_id}-q{position + 1}-{stamp}{EXTENSION}"


def is_name(name: str) -> bool:
    return bool(_NAME.match(name)) and ".." not in name


def path_of(folder: Path, name: str) -> Path:
    """Where the recording ``name`` lives; ValueError for anything but a plain name."""
    if not is_name(name):
        raise ValueError(f"not a recording's name: {name!r}")
    return folder / name


def files(folder: Path) -> list[Path]:
    """Every recording in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and is_name(p.name)]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))


def delete(folder: Path, names: Iterable[str | None]) -> list[str]:
    """Delete the named recordings that exist; returns the names deleted."""
    deleted = []
    for name in names:
        if name and is_name(name):
            path = folder / name
            if path.is_file():
                path.unlink()
                deleted.append(name)
    return deleted


def expired(folder: Path, keep_days: int, now: float | None = None) -> list[str]:
    """Names of the recordings older than ``keep_days`` (0: keep forever, none expire)."""
    if keep_days <= 0:
        return []
    cutoff = (time.time() if now is None else now) - keep_days * DAY
    return [p.name for p in files(folder) if p.stat().st_mtime < cutoff]


def usage(folder: Path) -> tuple[int, int]:
    """(how many recordings, their bytes)."""
    found = files(folder)
    return len(found), sum(p.stat().st_size for p in found)
