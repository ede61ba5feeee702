#!/usr/bin/env python3
"""Set up and run Interview Prep from a checkout: ``run``, ``test``, ``lint``, ``lock``.

    python3 scripts/dev.py run  [APP ARGS...]     # the app, bundled bank, default database
    python3 scripts/dev.py test [PYTEST ARGS...]  # the whole test suite, headless
    python3 scripts/dev.py test --latest [...]    # the suite on the newest allowed releases
    python3 scripts/dev.py lint                   # ruff and mypy
    python3 scripts/dev.py lock [--upgrade | --upgrade-package NAME ...]   # refresh the lock
    python3 scripts/dev.py setup                  # only build .venv (for the installer recipes)
    python3 scripts/dev.py packaging              # build the .deb and test it (CI runs this)

Each command first makes sure that everything it needs is there, and does nothing when
nothing changed: a virtual environment in ``.venv`` with exactly the versions pinned (with
hashes) in ``requirements.lock`` (rebuilt when the lock, ``pyproject.toml`` or the Python
changes; packages the lock no longer has are removed), and the Debian libraries Qt and
the sound recorder (PortAudio) need, plus for ``test`` the programs the tests run (espeak-ng),
installed with apt-get when running as root (otherwise the missing package names are
printed). ``test --latest`` uses a separate ``.venv-latest`` with the newest releases that
``pyproject.toml`` allows, as an early warning of upstream changes (docs/dependencies.md).
Only the standard library is used here, so it runs on a fresh machine with only python3.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
VENV = ROOT / ".venv"
LATEST_VENV = ROOT / ".venv-latest"
STAMP_NAME = ".dev-stamp"


def _load(name: str, path: Path) -> ModuleType:
    """A standard-library-only module of the project, loaded by path (no venv needed)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


system_libraries = _load(
    "system_libraries", ROOT / "src" / "interview_prep" / "system_libraries.py"
)


def bin_dir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def python_of(venv: Path) -> Path:
    return bin_dir(venv) / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"[dev] {message}", file=sys.stderr, flush=True)


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


# Programs the test suite runs, by command → Debian package: espeak-ng speaks the test
# recordings of the speech metrics (tests/speech_samples.py).
TEST_TOOLS = {"espeak-ng": "espeak-ng"}


def ensure_system_libraries(*, desktop: bool, tools: dict[str, str] | None = None) -> None:
    """Qt's libraries (the desktop set or the offscreen one), the sound library PortAudio
    (optional for the app, which starts without it, but needed to record), and the programs
    ``tools`` names (command → package) that are not on PATH: one apt-get for all."""
    if not sys.platform.startswith("linux"):
        return
    missing = system_libraries.missing_libraries("xcb" if desktop else "offscreen")
    missing.update(system_libraries.missing_audio_libraries())
    packages = set(missing.values()) - {""}
    packages |= {pkg for command, pkg in (tools or {}).items() if not shutil.which(command)}
    _apt_install(sorted(packages))


def fingerprint() -> str:
    """What .venv was built from: the lock, pyproject.toml and the Python running this."""
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _create_venv(venv: Path) -> None:
    say(f"creating a virtual environment in {venv}")
    result = subprocess.run([sys.executable, "-m", "venv", str(venv)])
    if result.returncode != 0:
        # Debian splits venv/ensurepip into python3-venv.
        shutil.rmtree(venv, ignore_errors=True)
        minor = f"{sys.version_info.major}.{sys.version_info.minor}"
        _apt_install([f"python{minor}-venv"])
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)


def _pip(python: Path) -> list[str]:
    return [str(python), "-m", "pip", "--disable-pip-version-check", "-q"]


def _check_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs under any python3
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")


def ensure_venv() -> Path:
    """.venv holding exactly the locked set and the app (editable); its Python."""
    _check_python()
    if not LOCK.exists():
        sys.exit(f"{LOCK.name} is missing: restore it (git checkout {LOCK.name}) or re-lock")
    python, stamp, wanted = python_of(VENV), VENV / STAMP_NAME, fingerprint()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    if not python.exists():
        _create_venv(VENV)
    stamp.unlink(missing_ok=True)  # an interrupted install is redone next time
    say(f"installing the locked set ({LOCK.name}) into .venv")
    pip = _pip(python)
    subprocess.run([*pip, "install", "--require-hashes", "--no-deps", "-r", str(LOCK)], check=True)
    # The app itself, editable, built by the locked hatchling (no unpinned build environment).
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True
    )
    tool = [str(python), str(ROOT / "scripts" / "lockfile.py")]
    extra = subprocess.run([*tool, "extraneous"], check=True, capture_output=True, text=True)
    if names := extra.stdout.split():
        say(f"removing what the lock no longer has: {' '.join(names)}")
        subprocess.run([*pip, "uninstall", "-y", *names], check=True)
    subprocess.run([*tool, "check"], check=True)
    stamp.write_text(wanted)
    return python


def ensure_latest_venv() -> Path:
    """.venv-latest, upgraded to the newest releases pyproject.toml allows; its Python."""
    _check_python()
    python = python_of(LATEST_VENV)
    if not python.exists():
        _create_venv(LATEST_VENV)
    say("upgrading .venv-latest to the newest releases that pyproject.toml allows")
    subprocess.run(
        [
            *_pip(python),
            "install",
            "-U",
            "--upgrade-strategy",
            "eager",
            "-e",
            f"{ROOT}[dev,packaging]",
        ],
        check=True,
    )
    subprocess.run([str(python), str(ROOT / "scripts" / "lockfile.py"), "drift"], check=True)
    return python


def _exec(argv: list[str], env: dict[str, str] | None = None) -> int:
    return subprocess.run(argv, cwd=ROOT, env=env).returncode


def run(args: list[str]) -> int:
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ensure_system_libraries(desktop=has_display)
    python = ensure_venv()
    if not has_display and sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ:
        say("no display found (DISPLAY/WAYLAND_DISPLAY unset): the window cannot be shown here;")
        say("run it on a desktop, under xvfb-run, or with QT_QPA_PLATFORM=offscreen")
    return _exec([str(python), "-m", "interview_prep", *args])


def test(args: list[str]) -> int:
    ensure_system_libraries(desktop=False, tools=TEST_TOOLS)
    latest = "--latest" in args
    python = ensure_latest_venv() if latest else ensure_venv()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return _exec([str(python), "-m", "pytest", *(a for a in args if a != "--latest")], env=env)


def lint(_args: list[str]) -> int:
    ensure_venv()
    tools = bin_dir(VENV)
    paths = ["src", "tests", "scripts", "bench", "packaging"]
    checks = [
        [str(tools / "ruff"), "check", *paths],
        [str(tools / "ruff"), "format", "--check", *paths],
        [str(tools / "mypy")],
    ]
    return max(_exec(check) for check in checks)


def lock(args: list[str]) -> int:
    """Re-resolve requirements.lock with the locked uv (extra arguments go to uv)."""
    ensure_venv()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    oldest_python = project["project"]["requires-python"].removeprefix(">=").strip()
    command = [
        str(bin_dir(VENV) / "uv"), "pip", "compile", "pyproject.toml", "-",
        "--all-extras", "--universal", "--generate-hashes", "--python-version", oldest_python,
        "--custom-compile-command", "python3 scripts/dev.py lock",
        "--output-file", LOCK.name, "--quiet", *args,
    ]  # fmt: skip
    # "-" is standard input: the build backend and what hatchling asks for to build an
    # editable install (get_requires_for_build_editable), so .venv's app uses the lock too.
    build = "\n".join([*project["build-system"]["requires"], "editables"]) + "\n"
    code = subprocess.run(command, input=build, text=True, cwd=ROOT).returncode
    if code == 0:
        say(f"{LOCK.name} written; `python3 scripts/dev.py test` installs and tests it")
    return code


# What building and checking the .deb needs on the build machine (docs/installing.md).
PACKAGING_TOOLS = [
    "binutils", "dpkg-dev", "gcc", "icu-devtools", "lintian", "libwayland-cursor0",
    "libwayland-egl1",
]  # fmt: skip


def packaging(args: list[str]) -> int:
    """Build the bundle and the .deb from the lock, and test the package (pytest -m packaging)."""
    # The desktop (xcb) set: dpkg-shlibdeps must find every library the bundled plugins link.
    ensure_system_libraries(desktop=True)
    if sys.platform.startswith("linux"):
        status = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\\n", *PACKAGING_TOOLS],
            capture_output=True, text=True,
        )  # fmt: skip
        installed = {
            fields[0] for fields in map(str.split, status.stdout.splitlines())
            if fields[1:] == ["installed"]
        }  # fmt: skip
        _apt_install([name for name in PACKAGING_TOOLS if name not in installed])
    python = ensure_venv()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [str(python), "-m", "pytest", "-m", "packaging", "tests/test_packaging.py", *args]
    return _exec(command, env=env)


def setup(_args: list[str]) -> int:
    ensure_venv()
    return 0


COMMANDS = {
    "run": run, "test": test, "lint": lint, "lock": lock, "setup": setup, "packaging": packaging,
}  # fmt: skip


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
