"""Read ``requirements.lock``, the pinned set every environment of the project is built from.

The lock is written by ``python3 scripts/dev.py lock`` (uv's ``pip compile``, universal, with
hashes; see docs/dependencies.md). This module only reads it, with the standard library, so
that ``scripts/dev.py`` can use it before any virtual environment exists.

    python scripts/lockfile.py check    # exit 1 unless this Python has exactly the locked set
    python scripts/lockfile.py drift    # how the installed versions differ from the lock
    python scripts/lockfile.py extraneous   # print what is installed here but not locked

``check`` and ``drift`` evaluate the lock's environment markers, so they need the
``packaging`` library (it is in every environment built from the lock); ``pins()`` does not.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
# In every environment but not pinned by the lock: the venv's own installer and the app.
UNLOCKED = frozenset({"pip", "interview-prep"})
# What `python -m venv` puts in a new environment by itself on some Pythons.
_VENV_OWN = frozenset({"setuptools", "wheel"})

_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]*))?"
)
_HASH = re.compile(r"--hash=(?P<hash>sha256:[0-9a-f]{64})")


@dataclass(frozen=True)
class Pin:
    """One ``name==version`` line of the lock, with its marker and its allowed hashes."""

    name: str
    version: str
    marker: str
    hashes: tuple[str, ...]
    line: int


def normalise(name: str) -> str:
    """The canonical form of a distribution name (PEP 503): ``PyYAML`` → ``pyyaml``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path = LOCK) -> list[Pin]:
    """Every pin of the lock file, in file order (a name may appear once per marker)."""
    result: list[Pin] = []
    current: dict[str, object] | None = None
    hashes: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _PIN.match(raw)
        if match:
            if current is not None:
                result.append(Pin(**current, hashes=tuple(hashes)))  # type: ignore[arg-type]
            current = {
                "name": normalise(match["name"]),
                "version": match["version"],
                "marker": (match["marker"] or "").strip(),
                "line": number,
            }
            hashes = []
        hashes.extend(found["hash"] for found in _HASH.finditer(raw))
    if current is not None:
        result.append(Pin(**current, hashes=tuple(hashes)))  # type: ignore[arg-type]
    return result


def applicable(path: Path = LOCK) -> dict[str, str]:
    """``{name: version}`` of the pins whose marker holds for the running Python."""
    from packaging.markers import Marker

    return {
        pin.name: pin.version
        for pin in pins(path)
        if not pin.marker or Marker(pin.marker).evaluate()
    }


def installed() -> dict[str, str]:
    """``{name: version}`` of every distribution installed in the running Python."""
    from importlib.metadata import distributions

    return {normalise(d.metadata["Name"]): d.version for d in distributions() if d.metadata["Name"]}


def differences(path: Path = LOCK) -> list[str]:
    """One line per locked package that is missing or at another version here."""
    have = installed()
    lines = []
    for name, version in sorted(applicable(path).items()):
        if name not in have:
            lines.append(f"{name}: locked {version}, not installed")
        elif have[name] != version:
            lines.append(f"{name}: locked {version}, installed {have[name]}")
    return lines


def extraneous(path: Path = LOCK) -> list[str]:
    """Installed distributions that the lock does not pin here (to be removed)."""
    locked = applicable(path)
    return sorted(name for name in installed() if name not in locked and name not in UNLOCKED)


def drift(path: Path = LOCK) -> list[str]:
    """How the packages installed here differ from the lock: other versions, new packages.

    For an environment built from the ranges (``.venv-latest``); locked packages it does not
    have (build-only ones such as ``editables``) are not drift.
    """
    locked, have = applicable(path), installed()
    lines = [
        f"{name}: locked {locked[name]}, newest {version}"
        for name, version in sorted(have.items())
        if name in locked and locked[name] != version
    ]
    lines += [
        f"{name}: not in the lock, newest {version}"
        for name, version in sorted(have.items())
        if name not in locked and name not in UNLOCKED and name not in _VENV_OWN
    ]
    return lines


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "check":
        lines = differences()
        for line in lines:
            print(f"not the locked set: {line}", file=sys.stderr)
        if lines:
            print(
                "run `python3 scripts/dev.py test` to rebuild .venv from the lock", file=sys.stderr
            )
        return 1 if lines else 0
    if command == "drift":
        lines = drift()
        print("where the newest allowed releases differ from requirements.lock:" if lines else
              "the newest allowed releases are the locked ones")  # fmt: skip
        for line in lines:
            print(f"  {line}")
        return 0
    if command == "extraneous":
        print("\n".join(extraneous()))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
