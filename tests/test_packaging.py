"""The Linux installer, built and tried for real. Slow: run with ``pytest -m packaging``.

Builds the PyInstaller bundle and the .deb (``packaging/linux/build_deb.py``, which also
checks the size and start-up targets), checks the package's metadata and files, unpacks it
into a clean prefix with ``dpkg -x`` and runs the installed app's ``--self-test`` there,
both through the bundle and through the ``/usr/bin`` launcher (pointed at the prefix).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.packaging


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "linux" / "build_deb.py"), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    print(result.stdout[-3000:], result.stderr[-3000:])
    assert result.returncode == 0, "a target was missed or the build failed"
    assert "bundle, unpacked" in result.stdout and "MISSED" not in result.stdout
    (package,) = out.glob("interview-prep_*.deb")
    return package


def test_package_metadata_and_files(deb: Path) -> None:
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True).stdout
    assert "Package: interview-prep" in info and "Depends:" in info
    for dependency in ("libegl1", "libxcb-cursor0", "libfontconfig1"):
        assert dependency in info
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True
    ).stdout
    for path in (
        "./usr/bin/interview-prep",
        "./usr/share/applications/interview-prep.desktop",
        "./usr/share/icons/hicolor/48x48/apps/interview-prep.png",
        "./usr/share/icons/hicolor/256x256/apps/interview-prep.png",
        "./usr/share/icons/hicolor/scalable/apps/interview-prep.svg",
        "./usr/share/doc/interview-prep/changelog.Debian.gz",
        "./usr/share/doc/interview-prep/copyright",
        "./opt/interview-prep/interview-prep",
        "./opt/interview-prep/_internal/questions/airflow-questions.yaml",
    ):
        assert path in listing, path
    assert "translations/" not in listing and "QtQuick" not in listing


def test_installed_app_passes_its_self_test(deb: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(prefix)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["HOME"] = str(tmp_path / "home")
    bundle = prefix / "opt" / "interview-prep" / "interview-prep"
    result = subprocess.run([str(bundle), "--self-test"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert f"from {prefix}/opt/interview-prep/_internal/questions" in result.stdout

    launcher = (prefix / "usr" / "bin" / "interview-prep").read_text()
    assert launcher.startswith("#!/bin/sh") and "/opt/interview-prep/interview-prep" in launcher
    relocated = tmp_path / "launcher"
    relocated.write_text(launcher.replace("/opt/", f"{prefix}/opt/"))
    relocated.chmod(0o755)
    result = subprocess.run([str(relocated), "--version"], capture_output=True, text=True, env=env)
    assert result.returncode == 0 and result.stdout.startswith("interview-prep ")
