"""Settings: declared once, kept across restarts, robust to bad files, upgraded when old."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QSettings

import interview_prep
from interview_prep.ui import preferences
from interview_prep.ui.preferences import (
    FONT_DELTA,
    MONOSPACE_NOTES,
    NOTES_SPLITTER,
    SESSION_SETUP,
    SETTINGS_VERSION,
    TALK_IT_THROUGH,
    THEME,
    WINDOW_GEOMETRY,
    Preferences,
    Setting,
    ThemeChoice,
)

PACKAGE = Path(interview_prep.__file__).parent
DECLARED: list[Setting[Any]] = [
    value for value in vars(preferences).values() if isinstance(value, Setting)
]


def raw_file(data_dir: Path) -> QSettings:
    """The settings file as any program would see it, keys spelled out."""
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


def write_raw(data_dir: Path, values: dict[str, object]) -> None:
    settings = raw_file(data_dir)
    for key, value in values.items():
        settings.setValue(key, value)
    settings.sync()
    del settings


READ_BACK = """
import json, sys
from pathlib import Path
from interview_prep.ui.preferences import *
prefs = Preferences(Path(sys.argv[1]))
geometry = prefs.get(WINDOW_GEOMETRY)
print(json.dumps({
    "theme": prefs.get(THEME).value,
    "font": prefs.get(FONT_DELTA),
    "mono": prefs.get(MONOSPACE_NOTES),
    "talk": prefs.get(TALK_IT_THROUGH),
    "setup": dict(prefs.get(SESSION_SETUP)),
    "geometry": None if geometry is None else bytes(geometry.data()).hex(),
    "main": prefs.get(MAIN_SPLITTER),
}))
"""


def test_values_survive_a_restart(tmp_path: Path) -> None:
    prefs = Preferences(tmp_path)
    prefs.set(THEME, ThemeChoice.DARK)
    prefs.set(FONT_DELTA, 3)
    prefs.set(MONOSPACE_NOTES, True)
    prefs.set(SESSION_SETUP, {"count": 7, "topics": ["Airflow, Spark"]})
    prefs.set(WINDOW_GEOMETRY, QByteArray(b"\x00\x01geometry\xff"))
    prefs.sync()

    # another process, as the next start: only what is on disk counts
    done = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert json.loads(done.stdout) == {
        "theme": "dark",
        "font": 3,
        "mono": True,
        "talk": False,  # never set: the default
        "setup": {"count": 7, "topics": ["Airflow, Spark"]},
        "geometry": b"\x00\x01geometry\xff".hex(),
        "main": None,
    }
    assert "version=1" in (tmp_path / "settings.ini").read_text()


def test_numbers_stay_in_their_range_however_they_are_set(tmp_path: Path) -> None:
    prefs = Preferences(tmp_path)
    prefs.set(FONT_DELTA, FONT_DELTA.high + 5)
    assert prefs.get(FONT_DELTA) == FONT_DELTA.high
    write_raw(tmp_path, {"view/fontDelta": "-99"})  # edited by hand
    assert Preferences(tmp_path).get(FONT_DELTA) == FONT_DELTA.low


@pytest.mark.parametrize(
    ("setting", "stored"),
    [
        (THEME, "purple"),
        (FONT_DELTA, "large"),
        (FONT_DELTA, "2.5"),
        (MONOSPACE_NOTES, "maybe"),
        (SESSION_SETUP, "{not json"),
        (SESSION_SETUP, "[1, 2]"),
        (SESSION_SETUP, ["a", "list"]),
        (NOTES_SPLITTER, "not a saved state"),
    ],
)
def test_a_bad_stored_value_reads_as_the_default(
    tmp_path: Path, setting: Setting[Any], stored: object
) -> None:
    write_raw(tmp_path, {"meta/version": SETTINGS_VERSION, setting.key: stored})
    prefs = Preferences(tmp_path)
    assert prefs.get(setting) == setting.default
    assert prefs.get(TALK_IT_THROUGH) is False  # the others are unaffected


def test_an_old_file_is_upgraded_to_the_declared_names(tmp_path: Path) -> None:
    state = QByteArray(b"splitter-state")
    write_raw(
        tmp_path,
        {
            "view/theme": "dark",  # the same name in both versions
            "flags/session/monospace": True,
            "flags/session/talkItThrough": True,
            "state/session/notesSplitter": state,
            "state/mainWindow/geometry": QByteArray(b"geometry"),
        },
    )
    prefs = Preferences(tmp_path)
    assert prefs.get(THEME) is ThemeChoice.DARK
    assert prefs.get(MONOSPACE_NOTES) is True and prefs.get(TALK_IT_THROUGH) is True
    assert prefs.get(NOTES_SPLITTER) == state
    assert prefs.get(WINDOW_GEOMETRY) == QByteArray(b"geometry")

    on_disk = raw_file(tmp_path)
    assert str(on_disk.value("meta/version")) == str(SETTINGS_VERSION)
    assert not [key for key in on_disk.allKeys() if key.startswith(("flags/", "state/"))]
    assert Preferences(tmp_path).get(NOTES_SPLITTER) == state  # and it stays upgraded


def test_a_file_from_a_newer_version_is_left_alone_and_read_as_far_as_possible(
    tmp_path: Path,
) -> None:
    write_raw(
        tmp_path,
        {
            "meta/version": SETTINGS_VERSION + 5,
            "view/fontDelta": "2",
            "view/theme": "sepia",  # a choice this version does not know
            "flags/session/monospace": True,  # not upgraded: it means what the newer one says
            "future/thing": "kept",
        },
    )
    prefs = Preferences(tmp_path)
    assert prefs.get(FONT_DELTA) == 2
    assert prefs.get(THEME) is ThemeChoice.SYSTEM
    assert prefs.get(MONOSPACE_NOTES) is False
    prefs.set(TALK_IT_THROUGH, True)
    prefs.sync()
    on_disk = raw_file(tmp_path)
    assert str(on_disk.value("meta/version")) == str(SETTINGS_VERSION + 5)
    assert str(on_disk.value("flags/session/monospace")).lower() == "true"
    assert on_disk.value("future/thing") == "kept"


def test_reading_a_new_data_directory_writes_nothing(tmp_path: Path) -> None:
    prefs = Preferences(tmp_path)
    assert prefs.get(THEME) is ThemeChoice.SYSTEM and prefs.get(NOTES_SPLITTER) is None
    prefs.sync()
    assert not Preferences.saved_in(tmp_path)


def test_every_setting_has_its_own_key() -> None:
    keys = [setting.key for setting in DECLARED]
    assert len(DECLARED) >= 10
    assert len(keys) == len(set(keys))
    assert set(preferences.RENAMED_IN_1.values()) <= set(keys)


# -- the promise: only preferences.py spells a settings key ----------------------------------


def key_sections() -> set[str]:
    keys = [setting.key for setting in DECLARED]
    keys += [*preferences.RENAMED_IN_1, preferences.VERSION_KEY]
    return {key.split("/")[0] + "/" for key in keys}


def spelled_keys(source: str, sections: set[str]) -> list[str]:
    """String literals (parts of f-strings too) that start like a settings key."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if text.startswith(tuple(sections)) or text == preferences.FILE_NAME:
                found.append(text)
        elif isinstance(node, ast.ImportFrom) and node.module == "PySide6.QtCore":
            found += [alias.name for alias in node.names if alias.name == "QSettings"]
    return found


def test_the_scan_finds_keys_however_they_are_spelled() -> None:
    source = (
        'prefs.state(f"mainWindow/{name}Splitter")\n'
        'prefs.flag("session/monospace")\n'
        'path = data_dir / "settings.ini"\n'
        "from PySide6.QtCore import QSettings\n"
        'label = "Session / notes"\n'
    )
    assert sorted(spelled_keys(source, key_sections())) == [
        "QSettings",
        "mainWindow/",
        "session/monospace",
        "settings.ini",
    ]


def test_no_module_but_preferences_spells_a_settings_key() -> None:
    sections = key_sections()
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50  # the scan really saw the sources
    offenders = {
        str(path.relative_to(PACKAGE)): spelled_keys(path.read_text(encoding="utf-8"), sections)
        for path in modules
        if path != Path(preferences.__file__)
    }
    assert {name: keys for name, keys in offenders.items() if keys} == {}
