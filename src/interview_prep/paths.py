"""Where the app finds its bundled files and keeps the user's data.

* The user's data directory (database, user banks, settings) comes from, in order: an explicit
  ``--data-dir``, the ``INTERVIEW_PREP_DATA_DIR`` environment variable, then the platform's
  user data directory from platformdirs (``~/.local/share/interview-prep`` on Linux).
* The bundled bank (``questions/``) and ``resources/`` live at the top of a checkout. A wheel
  carries them inside the package as ``interview_prep/_bundled/``, so an installed app finds
  them without a checkout; a PyInstaller bundle does the same under ``sys._MEIPASS``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "interview-prep"
DATA_DIR_ENV = "INTERVIEW_PREP_DATA_DIR"
DATABASE_NAME = "interview-prep.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_data_dir() -> Path:
    """The platform's per-user data directory for the app (not created)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``explicit``, else ``$INTERVIEW_PREP_DATA_DIR``, else the platform default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return default_data_dir()


def _bundled(name: str) -> Path:
    candidates = [_PACKAGE_DIR / "_bundled" / name]
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / name)
    candidates.append(_PACKAGE_DIR.parent.parent / name)  # a source checkout (src layout)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def bundled_bank_dir() -> Path:
    """The folder of bank files shipped with the app."""
    return _bundled("questions")


def resources_dir() -> Path:
    """Icons and other files the UI needs."""
    return _bundled("resources")


@dataclass(frozen=True, slots=True)
class DataPaths:
    """The files and folders inside one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def banks(self) -> Path:
        """The user's own bank files: imports, added and edited questions."""
        return self.root / "banks"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def recordings(self) -> Path:
        """Spoken answers (``audio.recordings``): one Ogg/Opus file per recorded attempt."""
        return self.root / "recordings"

    @property
    def bank_cache(self) -> Path:
        """Parsed bank files (``bank.parse_cache``): safe to delete at any time."""
        return self.root / "cache" / "banks"

    def ensure(self) -> DataPaths:
        """Create the folders if they are missing; returns ``self``."""
        self.banks.mkdir(parents=True, exist_ok=True)
        return self


_OS_ERROR_REASONS: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "there is no such file or folder"),
    (FileExistsError, "a file is in the way where a folder should be"),
    (IsADirectoryError, "this is a folder, not a file"),
    (NotADirectoryError, "a file is in the way where a folder should be"),
    (PermissionError, "you do not have permission to use it"),
)
_ERRNO_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EDQUOT: "your disk quota is used up",
}


def file_error_reason(exc: BaseException) -> str:
    """Why a file or folder could not be used, in the app's words where it has them."""
    for kind, reason in _OS_ERROR_REASONS:
        if isinstance(exc, kind):
            return reason
    if isinstance(exc, UnreadableFile) and exc.strerror:
        return exc.strerror
    if isinstance(exc, OSError) and exc.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[exc.errno]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


#: The largest bank file or document the app reads (the largest real one seen: 2 MB).
#: Files shown as images (the renderer) and copied with a bank (the importer).
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".svg"})

MAX_READ_BYTES = 20 * 1024 * 1024
_MB = 1024 * 1024


class UnreadableFile(OSError):
    """A path the app will not read: not a regular file, or too large (the message says)."""


def read_regular_file(path: Path, *, limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of ``path``, refusing what is not a plain file (a FIFO would wait for ever,
    ``/dev/zero`` would fill the memory) or is over ``limit`` bytes. Raises ``OSError``."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(
            errno.EINVAL, "it is not a regular file (a pipe, a device or a socket)", str(path)
        )
    if info.st_size > limit:
        raise UnreadableFile(
            errno.EFBIG,
            f"it is {info.st_size / _MB:.1f} MB; files over {limit / _MB:.0f} MB are not read",
            str(path),
        )
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise UnreadableFile(errno.EFBIG, f"it is over {limit / _MB:.0f} MB", str(path))
    return data


def data_folder_problem(data_dir: Path) -> str | None:
    """Why ``data_dir`` cannot hold the app's data (it cannot be created or written), or None.

    Creates the folders as ``DataPaths.ensure`` does, then writes and removes a small file.
    """
    try:
        paths = DataPaths(data_dir).ensure()
        probe = paths.root / ".write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        where = Path(exc.filename) if exc.filename else data_dir
        named = "" if where == data_dir else f"{where}: "
        return f"{named}{file_error_reason(exc)}"
    return None
