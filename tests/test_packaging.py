"""The Linux installer, built and tried for real. Slow: run with ``pytest -m packaging``.

Builds the PyInstaller bundle and the .deb (``packaging/linux/build_deb.py``, which also
checks the size and start-up targets), checks the package's metadata and files, unpacks it
into a clean prefix with ``dpkg -x`` and runs the installed app's ``--self-test`` there,
both through the bundle and through the ``/usr/bin`` launcher (pointed at the prefix). With
``INTERVIEW_PREP_SYSTEM_INSTALL=1`` (as ``.ci/run`` sets it), as root, it also installs the
package with apt-get, starts it and removes it again, as a user would.
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


# What the bundle links to directly (dpkg-shlibdeps), and what it opens at run time.
EXPECTED_DEPENDS = {
    "fontconfig", "libc6", "libdbus-1-3", "libegl1", "libfontconfig1", "libfreetype6",
    "libgcc-s1", "libgl1", "libglib2.0-0", "libportaudio2", "libstdc++6", "libuuid1",
    "libwayland-client0", "libwayland-cursor0", "libwayland-egl1", "libx11-6", "libx11-xcb1",
    "libxcb-cursor0", "libxcb-glx0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-randr0", "libxcb-render-util0", "libxcb-render0", "libxcb-shape0", "libxcb-shm0",
    "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0", "libxcb-xkb1", "libxcb1",
    "libxkbcommon-x11-0", "libxkbcommon0", "libzstd1",
}  # fmt: skip


def test_package_metadata_and_files(deb: Path) -> None:
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True).stdout
    assert "Package: interview-prep" in info
    (depends,) = [line for line in info.splitlines() if line.strip().startswith("Depends:")]
    entries = [entry.strip() for entry in depends.split(":", 1)[1].split(",")]
    assert {entry.split()[0] for entry in entries} == EXPECTED_DEPENDS
    assert "libc6 (>= 2.35)" in entries  # the glibc the bundle was built against, at least
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
    assert "./usr/share/man/man1/interview-prep.1.gz" in listing
    libraries = [line.split() for line in listing.splitlines() if ".so" in line.split()[-1]]
    files = [fields for fields in libraries if fields[0].startswith("-")]
    assert files and all(fields[0] == "-rw-r--r--" for fields in files)  # read, not run
    md5sums = subprocess.run(
        ["dpkg-deb", "--info", str(deb), "md5sums"], capture_output=True, text=True
    ).stdout.splitlines()
    regular = [line for line in listing.splitlines() if line.startswith("-")]
    assert len(md5sums) == len(regular) and any(" opt/interview-prep/" in m for m in md5sums)


def test_no_library_looks_in_the_build_machines_folders(deb: Path, tmp_path: Path) -> None:
    """RUNPATHs point inside the bundle only ($ORIGIN), never at the builder's Python."""
    prefix = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(prefix)], check=True)
    outside = []
    for path in (prefix / "opt" / "interview-prep").rglob("*"):
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
            dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True)
            for line in dynamic.stdout.splitlines():
                if "RUNPATH" in line or "RPATH" in line:
                    paths = line.split("[", 1)[1].rstrip("]").split(":")
                    outside += [(path.name, p) for p in paths if not p.startswith("$ORIGIN")]
    assert outside == []


def test_lintian_finds_no_unexplained_error(deb: Path) -> None:
    """Every error lintian reports is fixed or overridden with a reason
    (packaging/linux/lintian-overrides); its warnings are printed."""
    if not shutil.which("lintian"):
        pytest.skip("lintian is not installed")
    result = subprocess.run(
        ["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True
    )
    print(result.stdout)
    errors = [line for line in result.stdout.splitlines() if line.startswith("E:")]
    assert errors == []


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


def test_installed_app_names_a_missing_system_library(deb: Path, tmp_path: Path) -> None:
    """The bundle checks Qt's system libraries before Qt starts, as the checkout does."""
    prefix = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(prefix)], check=True)
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libEGL.so.1").write_bytes(b"")  # found first, and cannot be loaded
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
    env["LD_LIBRARY_PATH"] = str(broken)
    bundle = prefix / "opt" / "interview-prep" / "interview-prep"
    result = subprocess.run([str(bundle)], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 72
    assert result.stderr.splitlines()[:2] == [
        "Interview Prep cannot open its window: the system library libEGL.so.1 is missing.",
        "Install with: sudo apt-get install libegl1",
    ]


def test_the_bundle_holds_the_locked_versions(deb: Path, tmp_path: Path) -> None:
    """What was tested is what ships: every library in the bundle is at its locked version."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import lockfile

    prefix = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(prefix)], check=True)
    internal = prefix / "opt" / "interview-prep" / "_internal"
    shipped = {}
    for path in internal.glob("*.dist-info"):
        name, version = path.name.removesuffix(".dist-info").rsplit("-", 1)
        shipped[lockfile.normalise(name)] = version
    shipped.pop("interview-prep")
    locked = lockfile.applicable()
    for requirement in (
        "pyside6-essentials",
        "sqlalchemy",
        "pyyaml",
        "markdown",
        "snowballstemmer",
    ):
        assert requirement in shipped
    assert {name: locked.get(name) for name in shipped} == shipped


@pytest.mark.skipif(
    os.environ.get("INTERVIEW_PREP_SYSTEM_INSTALL") != "1",
    reason="installs into this machine: set INTERVIEW_PREP_SYSTEM_INSTALL=1 (CI does)",
)
def test_apt_installs_starts_and_removes_the_package(deb: Path, tmp_path: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("needs root and apt-get")
    owned = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Status}", "interview-prep"],
                           capture_output=True, text=True)  # fmt: skip
    if owned.stdout == "installed":
        pytest.skip("interview-prep is installed here already; not touching it")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", str(deb)]
    result = subprocess.run(install, capture_output=True, text=True, env=apt_env)
    if result.returncode != 0:  # a fresh machine may not have read the package lists yet
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt_env)
        result = subprocess.run(install, capture_output=True, text=True, env=apt_env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    try:
        files = subprocess.run(["dpkg", "-L", "interview-prep"], capture_output=True,
                               text=True, check=True).stdout.splitlines()  # fmt: skip
        assert "/opt/interview-prep/interview-prep" in files and "/opt" not in files
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL"))}
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"))
        started = subprocess.run(["/usr/bin/interview-prep", "--self-test"],
                                 capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
        assert started.returncode == 0, started.stdout + started.stderr
        assert "from /opt/interview-prep/_internal/questions" in started.stdout
    finally:
        removed = subprocess.run(["apt-get", "remove", "-y", "-q", "interview-prep"],
                                 capture_output=True, text=True, env=apt_env)  # fmt: skip
    assert removed.returncode == 0, removed.stdout + removed.stderr
    output = removed.stdout + removed.stderr
    assert [line for line in output.splitlines() if "warning" in line.lower()] == []
    assert not Path("/opt/interview-prep").exists() and Path("/opt").is_dir()
