"""One running app per data directory; a second start brings the first to the front.

Two instances writing the same database and bank files would step on each other's
sessions, so the first holds an OS file lock on ``<data dir>/.lock`` (released by the OS
when the process ends, even if it is killed). A second start finds the lock held, leaves
a raise request (``.raise-request``, with its time) for the first, which watches for it
and comes to the front, and exits saying so. Different data directories run side by side.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

LOCK_NAME = ".lock"
RAISE_REQUEST = ".raise-request"


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    @property
    def raise_request(self) -> Path:
        return self.data_dir / RAISE_REQUEST

    def acquire(self) -> bool:
        """Take the lock; False when another running instance holds it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def request_raise(self) -> None:
        """Ask the running instance to come to the front."""
        self.raise_request.write_text(f"{time.time()}\n", encoding="utf-8")


def _lock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
