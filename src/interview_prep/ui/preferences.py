"""The user's display preferences, kept in ``settings.ini`` inside the data directory.

Every setting is declared once, here, as a typed :class:`Setting` (its key in the file, its
type, its default and, for numbers, its range), in the manner of Picard's options; the rest
of the UI reads and writes them with ``preferences.get(FONT_DELTA)`` and
``preferences.set(FONT_DELTA, 2)`` and never spells a key or converts a QSettings value
itself (a test scans the sources for key strings). A value the file holds that is not one
of the setting's type (hand-edited, or written by another version) reads as the default.

The file records the version of its layout (``meta/version``). Opening an older file runs
the upgrade steps from its version to :data:`SETTINGS_VERSION` once; a file from a newer
version is left as it is and read as far as its keys still mean what they meant here.

Keeping the file in the data directory (not the platform's registry) means every data
directory, and every test, has its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from ..practice.time_cues import CueChoice

log = logging.getLogger(__name__)

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

FILE_NAME = "settings.ini"
SETTINGS_VERSION = 1
"""The layout of the file this version writes (see :data:`UPGRADES`)."""
VERSION_KEY = "meta/version"


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# -- kinds of setting ------------------------------------------------------------------------


class Setting(Generic[T]):
    """One setting: where the file keeps it and what it is when unset or unreadable.

    (Plain classes, not dataclasses: this module is imported before the first paint, and
    making the dataclasses cost a few milliseconds of it.)"""

    __slots__ = ("default", "key")

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"

    def read(self, raw: object) -> T:
        """The value for what the file holds; ``ValueError``/``TypeError`` if it is not one."""
        raise NotImplementedError

    def write(self, value: T) -> object:
        """What the file keeps for ``value`` (``None``: nothing)."""
        return value


class BoolSetting(Setting[bool]):
    __slots__ = ()

    def read(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false", "1", "0"):
            return raw.lower() in ("true", "1")
        raise ValueError(raw)


class IntSetting(Setting[int]):
    """A whole number kept within ``low..high``, however it is set or stored."""

    __slots__ = ("high", "low")

    def __init__(self, key: str, default: int, *, low: int, high: int) -> None:
        super().__init__(key, default)
        self.low = low
        self.high = high

    def read(self, raw: object) -> int:
        if isinstance(raw, bool):
            raise TypeError(raw)
        return self.clamp(int(str(raw)))

    def write(self, value: int) -> object:
        return self.clamp(value)

    def clamp(self, value: int) -> int:
        return max(self.low, min(self.high, value))


class ChoiceSetting(Setting[E]):
    """One member of a string enum, stored as its value."""

    __slots__ = ()

    def read(self, raw: object) -> E:
        if not isinstance(raw, str):
            raise TypeError(raw)
        return type(self.default)(raw)

    def write(self, value: E) -> object:
        return value.value


class JsonSetting(Setting[Mapping[str, object]]):
    """A JSON object (its members are for the caller to check)."""

    __slots__ = ()

    def __init__(self, key: str) -> None:
        super().__init__(key, {})

    def read(self, raw: object) -> Mapping[str, object]:
        import json  # not before the first paint

        if not isinstance(raw, str):
            raise TypeError(raw)
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError(raw)
        return data

    def write(self, value: Mapping[str, object]) -> object:
        import json

        return json.dumps(dict(value))


class LayoutSetting(Setting[QByteArray | None]):
    """Saved window geometry or splitter state, as Qt's ``save…``/``restore…`` use it."""

    __slots__ = ()

    def __init__(self, key: str) -> None:
        super().__init__(key, None)

    def read(self, raw: object) -> QByteArray | None:
        if not isinstance(raw, QByteArray):
            raise TypeError(raw)
        return raw


# -- the settings ----------------------------------------------------------------------------

THEME = ChoiceSetting("view/theme", ThemeChoice.SYSTEM)
FONT_DELTA = IntSetting("view/fontDelta", 0, low=-4, high=12)
"""Points added to the default text size of answers (Ctrl+= / Ctrl+- / Ctrl+0)."""
SESSION_SETUP = JsonSetting("session/setup")
"""The last set-up choices (``SessionSettings.to_json``)."""
MONOSPACE_NOTES = BoolSetting("session/monospaceNotes", False)
TALK_IT_THROUGH = BoolSetting("session/talkItThrough", False)
TIME_CUES = ChoiceSetting("session/timeCues", CueChoice.OFF)
"""A flash (and a sound) when the countdown turns amber, reaches zero, each overtime minute."""
RECORD_AUTOMATICALLY = BoolSetting("recording/automatic", True)
"""Talking a question through records it from the countdown's start (else on Ctrl+Shift+R)."""
KEEP_RECORDINGS_DAYS = IntSetting("recording/keepDays", 0, low=0, high=3650)
"""Recordings older than this many days are deleted at start-up; 0 keeps them forever."""
NOTES_SPLITTER = LayoutSetting("session/notesSplitter")
POINTS_SPLITTER = LayoutSetting("session/pointsSplitter")
WINDOW_GEOMETRY = LayoutSetting("mainWindow/geometry")
MAIN_SPLITTER = LayoutSetting("mainWindow/mainSplitter")
BROWSE_SPLITTER = LayoutSetting("mainWindow/browseSplitter")


# -- upgrading older files -------------------------------------------------------------------

RENAMED_IN_1: dict[str, str] = {
    # Version 0 had generic flag and state accessors, each with its own prefix.
    "flags/session/monospace": MONOSPACE_NOTES.key,
    "flags/session/talkItThrough": TALK_IT_THROUGH.key,
    "state/session/notesSplitter": NOTES_SPLITTER.key,
    "state/session/pointsSplitter": POINTS_SPLITTER.key,
    "state/mainWindow/geometry": WINDOW_GEOMETRY.key,
    "state/mainWindow/mainSplitter": MAIN_SPLITTER.key,
    "state/mainWindow/browseSplitter": BROWSE_SPLITTER.key,
}


def _rename(settings: QSettings, renamed: Mapping[str, str]) -> None:
    for old, new in renamed.items():
        if settings.contains(old):
            if not settings.contains(new):
                settings.setValue(new, settings.value(old))
            settings.remove(old)


UPGRADES: dict[int, Callable[[QSettings], None]] = {
    1: lambda settings: _rename(settings, RENAMED_IN_1),
}
"""The step that brings a file of version ``n - 1`` to version ``n``."""


def stored_version(settings: QSettings) -> int:
    """The layout version of the file (0: written before versions were recorded)."""
    try:
        return int(str(settings.value(VERSION_KEY, 0)))
    except ValueError:
        return 0


def upgrade(settings: QSettings) -> None:
    """Bring an older file up to :data:`SETTINGS_VERSION`; leave new or newer ones alone."""
    if not settings.allKeys():
        return  # nothing saved yet: the first write records the version
    version = stored_version(settings)
    if version >= SETTINGS_VERSION:
        if version > SETTINGS_VERSION:
            log.info("settings version %d is newer than %d: read as is", version, SETTINGS_VERSION)
        return
    for step in range(max(version, 0) + 1, SETTINGS_VERSION + 1):
        UPGRADES[step](settings)
    settings.setValue(VERSION_KEY, SETTINGS_VERSION)
    settings.sync()


class Preferences:
    """The settings file of one data directory: ``get`` and ``set`` declared settings."""

    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(str(data_dir / FILE_NAME), QSettings.Format.IniFormat)
        upgrade(self._settings)

    @staticmethod
    def saved_in(data_dir: Path) -> bool:
        """Whether ``data_dir`` has a settings file (without creating one)."""
        return (data_dir / FILE_NAME).exists()

    def get(self, setting: Setting[T]) -> T:
        raw = self._settings.value(setting.key)
        if raw is None:
            return setting.default
        try:
            return setting.read(raw)
        except (ValueError, TypeError):
            log.info("settings: %s holds %r, not a value it can have", setting.key, raw)
            return setting.default

    def set(self, setting: Setting[T], value: T) -> None:
        if not self._settings.contains(VERSION_KEY):
            self._settings.setValue(VERSION_KEY, SETTINGS_VERSION)
        stored = setting.write(value)
        if stored is None:
            self._settings.remove(setting.key)
        else:
            self._settings.setValue(setting.key, stored)

    def sync(self) -> None:
        self._settings.sync()
