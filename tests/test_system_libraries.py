"""A missing system library gives one sentence naming its package, never Qt's abort.

Simulated for real: a library file that cannot be loaded is put first on the loader's path
(``LD_LIBRARY_PATH``), so the dynamic loader fails on it exactly as on a desktop that lacks it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interview_prep import system_libraries
from interview_prep.system_libraries import (
    EXIT_MISSING_LIBRARY,
    describe,
    libraries_for,
    startup_problem,
    try_load,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux libraries")


def loader_without(*sonames: str) -> system_libraries.Loader:
    def load(name: str) -> str | None:
        return f"{name}: cannot open shared object file" if name in sonames else None

    return load


@linux_only
def test_a_missing_x11_library_names_its_package_and_the_install_line() -> None:
    problem = startup_problem(
        {"DISPLAY": ":0"}, loader_without("libxcb-cursor.so.0", "libxcb-shape.so.0")
    )
    assert problem is not None
    first, *rest = problem.splitlines()
    assert "libxcb-cursor.so.0" in first and "libxcb-shape.so.0" in first
    assert "Install with: sudo apt-get install libxcb-cursor0 libxcb-shape0" in rest


@linux_only
def test_only_the_chosen_platform_s_libraries_matter() -> None:
    without_x11 = loader_without("libxcb-cursor.so.0")
    assert startup_problem({"QT_QPA_PLATFORM": "offscreen"}, without_x11) is None
    assert startup_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"}, without_x11)
    # Qt's GUI library needs OpenGL whatever the platform.
    problem = startup_problem({"QT_QPA_PLATFORM": "offscreen"}, loader_without("libGL.so.1"))
    assert problem is not None and "sudo apt-get install libgl1" in problem
    assert startup_problem({"QT_QPA_PLATFORM": "offscreen"}, loader_without()) is None


@linux_only
def test_a_missing_sound_library_never_stops_the_app_from_starting() -> None:
    """PortAudio is optional: the app starts without it and says so when asked to record;
    dev.py installs it (missing_audio_libraries) and the .deb depends on it."""
    without_audio = loader_without(*system_libraries.AUDIO_LIBRARIES)
    for environ in ({"QT_QPA_PLATFORM": "offscreen"}, {"DISPLAY": ":0"}):
        assert startup_problem(environ, without_audio) is None
    assert system_libraries.missing_audio_libraries(without_audio) == {
        "libportaudio.so.2": "libportaudio2"
    }
    assert system_libraries.missing_audio_libraries(loader_without()) == {}


@linux_only
def test_no_display_is_said_plainly() -> None:
    problem = startup_problem({}, loader_without())
    assert problem is not None and "no display" in problem
    assert startup_problem({"WAYLAND_DISPLAY": "wayland-0"}, loader_without()) is None


@linux_only
def test_a_library_missing_from_the_table_is_named_by_the_plugin_s_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real shared library that needs a library nobody installed: the loader's own report
    names it, and the user is told to install what provides it."""
    if not shutil.which("cc"):
        pytest.skip("no C compiler to build the stand-in plugin")
    (tmp_path / "needed.c").write_text("int needed(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int needed(void);\nint plugin(void) { return needed(); }\n")
    cc = ["cc", "-shared", "-fPIC"]
    subprocess.run([*cc, "-o", tmp_path / "libgone.so.7", tmp_path / "needed.c",
                    "-Wl,-soname,libgone.so.7"], check=True)  # fmt: skip
    subprocess.run([*cc, "-o", tmp_path / "libqxcb.so", tmp_path / "plugin.c",
                    tmp_path / "libgone.so.7"], check=True)  # fmt: skip
    (tmp_path / "libgone.so.7").unlink()
    monkeypatch.setattr(system_libraries, "_plugin_file", lambda plugin: tmp_path / "libqxcb.so")
    tables_load = loader_without()

    def load(name: str) -> str | None:
        return system_libraries.try_load(name) if name.endswith("libqxcb.so") else tables_load(name)

    problem = startup_problem({"DISPLAY": ":0"}, load)
    assert problem is not None
    assert "libgone.so.7 is missing" in problem
    assert "provides libgone.so.7" in problem and "apt-get" not in problem


@linux_only
@pytest.mark.parametrize(
    "entry", [["-m", "interview_prep"], ["-m", "interview_prep", "--self-test"]]
)
def test_the_app_says_what_to_install_instead_of_aborting(tmp_path: Path, entry: list[str]) -> None:
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-cursor.so.0").write_bytes(b"")  # found first, and cannot be loaded
    env = {
        **os.environ,
        "LD_LIBRARY_PATH": f"{broken}:{os.environ.get('LD_LIBRARY_PATH', '')}",
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":99",
        "INTERVIEW_PREP_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, *entry], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == EXIT_MISSING_LIBRARY
    assert result.stdout == ""
    # Whatever else this machine lacks is named too, in the same one message.
    missing = {so: pkg for so, pkg in libraries_for("xcb").items() if try_load(so) is not None}
    missing["libxcb-cursor.so.0"] = "libxcb-cursor0"
    assert result.stderr == describe(missing) + "\n"  # and nothing from Qt: never loaded
    assert "libxcb-cursor.so.0" in result.stderr.splitlines()[0]
    assert "sudo apt-get install" in result.stderr and " libxcb-cursor0" in result.stderr
    assert not (tmp_path / "data").exists()  # nothing was touched


@linux_only
def test_the_gui_launcher_checks_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from interview_prep import cli

    without_cursor = loader_without("libxcb-cursor.so.0")
    monkeypatch.setattr(
        system_libraries,
        "startup_problem",
        lambda environ: startup_problem(environ, without_cursor),
    )
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert cli.gui_main() == EXIT_MISSING_LIBRARY
    assert "sudo apt-get install libxcb-cursor0" in capsys.readouterr().err


def test_the_deb_depends_on_every_library_the_check_asks_for() -> None:
    """The installed app must never meet the message above: its package pulls them in."""
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location(
        "build_deb", root / "packaging" / "linux" / "build_deb.py"
    )
    assert spec and spec.loader
    build_deb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_deb)
    wanted = set(system_libraries.KNOWN_PACKAGES.values())
    assert wanted <= set(build_deb.RUNTIME_DEPENDS)
    assert "libxcb-cursor0" in wanted
    assert "libportaudio2" in build_deb.RUNTIME_DEPENDS  # opened by sounddevice to record
