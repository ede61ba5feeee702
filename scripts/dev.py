#!/usr/bin/env python3
"""Set up and run Interview Prep from a checkout: ``run``, ``test``, ``lint``.

    python3 scripts/dev.py run  [APP ARGS...]     # the app, bundled bank, default database
    python3 scripts/dev.py test [PYTEST ARGS...]  # the whole test suite, headless
    python3 scripts/dev.py lint                   # ruff and mypy

Each command first makes sure that everything it needs is there, and does nothing when
nothing changed: a virtual environment in ``.venv`` (refreshed when ``pyproject.toml``
changes), and the Debian libraries Qt needs (installed with apt-get when running as root,
otherwise the missing package names are printed). Only the standard library is used here,
so it runs on a fresh machine with nothing but python3.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".dev-stamp"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Shared libraries Qt loads, with the Debian package that provides each.
QT_LIBRARIES = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "freetype": "libfreetype6",
    "xkbcommon": "libxkbcommon0",
    "glib-2.0": "libglib2.0-0",
    "dbus-1": "libdbus-1-3",
}
# Extra libraries for showing windows on an X11 desktop (the "xcb" platform plugin).
X11_LIBRARIES = {
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "X11-xcb": "libx11-xcb1",
}


def say(message: str) -> None:
    print(f"[dev] {message}", file=sys.stderr, flush=True)


def _requirements_fingerprint() -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _apt_install(packages: list[str]) -> None:
    if not packages:
        return
    if os.name != "posix" or not shutil.which("apt-get"):
        say(f"please install these system packages: {' '.join(packages)}")
        return
    if os.geteuid() != 0:
        say(f"missing system packages; run: sudo apt-get install -y {' '.join(packages)}")
        return
    say(f"installing system packages: {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )


def ensure_system_libraries(*, desktop: bool) -> None:
    if not sys.platform.startswith("linux"):
        return
    wanted = dict(QT_LIBRARIES)
    if desktop:
        wanted.update(X11_LIBRARIES)
    missing = sorted({pkg for lib, pkg in wanted.items() if ctypes.util.find_library(lib) is None})
    _apt_install(missing)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs under any python3
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    fingerprint = _requirements_fingerprint()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    if not PYTHON.exists():
        say(f"creating a virtual environment in {VENV}")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if result.returncode != 0:
            # Debian splits venv/ensurepip into python3-venv.
            shutil.rmtree(VENV, ignore_errors=True)
            minor = f"{sys.version_info.major}.{sys.version_info.minor}"
            _apt_install([f"python{minor}-venv"])
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    say("installing the app and its development tools into .venv")
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "-U", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(fingerprint)


def _exec(argv: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(argv, cwd=ROOT, env=env).returncode


def run(args: list[str]) -> int:
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ensure_system_libraries(desktop=has_display)
    ensure_venv()
    if not has_display and sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ:
        say("no display found (DISPLAY/WAYLAND_DISPLAY unset): the window cannot be shown here;")
        say("run it on a desktop, under xvfb-run, or with QT_QPA_PLATFORM=offscreen")
    return _exec([str(PYTHON), "-m", "interview_prep", *args])


def test(args: list[str]) -> int:
    ensure_system_libraries(desktop=False)
    ensure_venv()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return _exec([str(PYTHON), "-m", "pytest", *args], env=env)


def lint(_args: list[str]) -> int:
    ensure_venv()
    checks = [
        [str(BIN / "ruff"), "check", "src", "tests", "scripts", "bench", "packaging"],
        [str(BIN / "ruff"), "format", "--check", "src", "tests", "scripts", "bench", "packaging"],
        [str(BIN / "mypy")],
    ]
    return max(_exec(check) for check in checks)


COMMANDS = {"run": run, "test": test, "lint": lint}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
