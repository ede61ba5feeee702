"""The user's display preferences, kept in ``settings.ini`` inside the data directory.

One typed accessor per setting, so the rest of the UI never spells a settings key or
converts a QSettings value itself. Keeping the file in the data directory (not the
platform's registry) means every data directory, and every test, has its own.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


FONT_DELTA_RANGE = (-4, 12)


class Preferences:
    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)

    @property
    def theme(self) -> ThemeChoice:
        value = str(self._settings.value("view/theme", ThemeChoice.SYSTEM.value))
        return ThemeChoice(value) if value in ThemeChoice._value2member_map_ else ThemeChoice.SYSTEM

    @theme.setter
    def theme(self, choice: ThemeChoice) -> None:
        self._settings.setValue("view/theme", choice.value)

    @property
    def font_delta(self) -> int:
        """Points added to the default text size of answers (Ctrl+= / Ctrl+- / Ctrl+0)."""
        try:
            value = int(str(self._settings.value("view/fontDelta", 0)))
        except ValueError:
            return 0
        low, high = FONT_DELTA_RANGE
        return max(low, min(high, value))

    @font_delta.setter
    def font_delta(self, delta: int) -> None:
        low, high = FONT_DELTA_RANGE
        self._settings.setValue("view/fontDelta", max(low, min(high, delta)))

    def flag(self, name: str, default: bool = False) -> bool:
        value = self._settings.value(f"flags/{name}", default)
        return value in (True, "true", "1", 1)

    def set_flag(self, name: str, value: bool) -> None:
        self._settings.setValue(f"flags/{name}", value)

    def session_settings(self) -> dict[str, object]:
        """The last set-up choices (JSON), or an empty mapping."""
        import json

        try:
            data = json.loads(str(self._settings.value("session/setup", "{}")))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def set_session_settings(self, data: dict[str, object]) -> None:
        import json

        self._settings.setValue("session/setup", json.dumps(data))

    def state(self, name: str) -> QByteArray | None:
        """Saved geometry or splitter state ``name``, if any."""
        value = self._settings.value(f"state/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"state/{name}", value)

    def sync(self) -> None:
        self._settings.sync()
