"""The system libraries Qt needs on Linux, and one plain sentence when one of them is missing.

Qt's own reaction to a missing library is an abort with a paragraph about platform plugins
("could not load the Qt platform plugin xcb"), which tells a user nothing they can act on.
Before any Qt module is imported, the app asks :func:`startup_problem`, which tries to load
each library the chosen platform plugin needs (and then the plugin itself, which names any
library this table does not know) and, if one is missing, says which package provides it and
how to install it. The app then exits with :data:`EXIT_MISSING_LIBRARY` instead of aborting.

The sound library (PortAudio, :data:`AUDIO_LIBRARIES`) is optional: without it the app starts
and says so when a recording is attempted (``interview_prep.audio.backend``), so
:func:`startup_problem` never asks for it; ``scripts/dev.py`` installs it and the ``.deb``
depends on it all the same.

Standard library only and never imports Qt: ``scripts/dev.py`` loads this file by path, before
any virtual environment exists, to install the same libraries; the ``.deb`` depends on them.
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# sysexits.h EX_OSFILE: "some system file does not exist, cannot be opened, or has some
# sort of error". Documented in README ("Installing").
EXIT_MISSING_LIBRARY = 72

# Loaded by Qt's GUI module whatever the platform (offscreen included): soname → Debian package.
QT_LIBRARIES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
# Needed to show windows on an X11 desktop (the "xcb" platform plugin, also used under
# XWayland). libxcb-cursor0 is the one most desktops lack (Qt ≥ 6.5 needs it).
X11_LIBRARIES: dict[str, str] = {
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxcb.so.1": "libxcb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
# Opened at run time by sounddevice (ctypes.util.find_library("portaudio")) to record and
# play answers. Optional: never part of what startup_problem() asks for. libsndfile is not
# here: the bundle carries the soundfile wheel's own build (interview_prep.audio.codec).
AUDIO_LIBRARIES: dict[str, str] = {
    "libportaudio.so.2": "libportaudio2",
}
KNOWN_PACKAGES: dict[str, str] = {**QT_LIBRARIES, **X11_LIBRARIES, **AUDIO_LIBRARIES}

_MISSING = re.compile(r"(?P<soname>[^\s:/]+\.so(?:\.[0-9]+)*): cannot open shared object file")

Loader = Callable[[str], str | None]


def try_load(name: str) -> str | None:
    """None if the dynamic loader can load ``name`` (a soname or a path), else its reason."""
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        return str(exc) or "cannot be loaded"
    return None


def platform_plugin(environ: Mapping[str, str]) -> str:
    """The Qt platform plugin this start will use: ``xcb``, ``wayland``, ``offscreen``…"""
    requested = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested:
        return requested
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def libraries_for(plugin: str) -> dict[str, str]:
    """soname → Debian package of the system libraries ``plugin`` needs."""
    if plugin == "xcb":
        return {**QT_LIBRARIES, **X11_LIBRARIES}
    return dict(QT_LIBRARIES)


def _plugin_file(plugin: str) -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "Qt" / "plugins" / "platforms" / f"libq{plugin}.so"
        if candidate.exists():
            return candidate
    return None


def missing_audio_libraries(load: Loader = try_load) -> dict[str, str]:
    """soname → package of each sound library that cannot be loaded here (Linux only)."""
    if not sys.platform.startswith("linux"):
        return {}
    return {so: pkg for so, pkg in AUDIO_LIBRARIES.items() if load(so) is not None}


def missing_libraries(plugin: str, load: Loader = try_load) -> dict[str, str]:
    """soname → package of each library ``plugin`` needs that cannot be loaded here."""
    if not sys.platform.startswith("linux"):
        return {}
    missing = {so: pkg for so, pkg in libraries_for(plugin).items() if load(so) is not None}
    if not missing:
        plugin_file = _plugin_file(plugin)
        reason = load(str(plugin_file)) if plugin_file else None
        match = _MISSING.search(reason or "")
        if match:  # a library the table does not know; the plugin's loader named it
            soname = match["soname"]
            missing[soname] = KNOWN_PACKAGES.get(soname, "")
    return missing


def describe(missing: Mapping[str, str]) -> str:
    """One sentence naming what is missing, then the command that installs it."""
    names = ", ".join(sorted(missing))
    noun = "library" if len(missing) == 1 else "libraries"
    text = f"Interview Prep cannot open its window: the system {noun} {names} "
    text += "is missing." if len(missing) == 1 else "are missing."
    packages = sorted({pkg for pkg in missing.values() if pkg})
    if packages:
        text += f"\nInstall with: sudo apt-get install {' '.join(packages)}"
        what = "the package that provides" if len(missing) == 1 else "the packages that provide"
        text += f"\n(on other systems, install {what} {names})"
    else:
        text += f"\nInstall the package of your system that provides {names}."
    return text


def startup_problem(environ: Mapping[str, str], load: Loader = try_load) -> str | None:
    """What stops Qt from opening a window here, in words a user can act on, or None."""
    plugin = platform_plugin(environ)
    missing = missing_libraries(plugin, load)
    if missing:
        return describe(missing)
    no_display = not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY")
    if plugin == "xcb" and sys.platform.startswith("linux") and no_display:
        return (
            "Interview Prep cannot open its window: there is no display (DISPLAY is not set).\n"
            "Start it from a desktop session, under xvfb-run, or with "
            "QT_QPA_PLATFORM=offscreen for a window nobody sees."
        )
    return None
