"""Any error a command or the start-up meets, as one sentence for the user.

The command line prints it (``interview-prep: …``) and exits with 1 instead of showing a
traceback (``--debug`` shows one); the window shows it in a dialog. Errors the app raises
on purpose (``StoreError`` and its kinds) already carry such a sentence; files, disks and
the database get the app's own words (``paths.file_error_reason``, ``journal.failure_reason``).
"""

from __future__ import annotations

import sqlite3

from .paths import file_error_reason


def describe_error(error: BaseException) -> str:
    """``error`` in one sentence, naming the file where there is one."""
    from .store.errors import StoreError
    from .store.journal import failure_reason

    if isinstance(error, StoreError):
        return str(error)
    original = getattr(error, "orig", None)
    if isinstance(error, sqlite3.Error) or isinstance(original, sqlite3.Error):
        return f"the database refused: {failure_reason(error)}"
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return where + file_error_reason(error)
    if isinstance(error, MemoryError):
        return "the computer ran out of memory"
    return f"unexpected error ({type(error).__name__}: {error})"


def is_expected(error: BaseException) -> bool:
    """Whether ``error`` is one the app knows (a file, the disk, the database, its own), so
    that its sentence says all there is; otherwise a traceback may help."""
    from .store.errors import StoreError

    original = getattr(error, "orig", None)
    known = (StoreError, OSError, sqlite3.Error, MemoryError)
    return isinstance(error, known) or isinstance(original, sqlite3.Error)
