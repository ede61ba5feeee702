"""The lock file: every environment of the project is built from ``requirements.lock``.

``scripts/dev.py`` installs exactly the locked set into ``.venv`` (with hashes), rebuilds it
when the lock changes, and removes what the lock no longer has; the installers are built
from that set. These tests keep the lock honest against ``pyproject.toml``.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


lockfile = load_script("lockfile")

# The environments the lock must serve: the installers' three systems, oldest and newest
# Python the project supports.
ENVIRONMENTS = [
    {"sys_platform": platform, "platform_system": system, "python_full_version": version,
     "python_version": version.rsplit(".", 1)[0], "platform_python_implementation": "CPython",
     "implementation_name": "cpython", "os_name": os_name, "platform_machine": machine}
    for platform, system, os_name, machine in (
        ("linux", "Linux", "posix", "x86_64"),
        ("win32", "Windows", "nt", "AMD64"),
        ("darwin", "Darwin", "posix", "arm64"),
    )
    for version in ("3.11.0", "3.11.7", "3.13.1")
]  # fmt: skip


def declared() -> list[Requirement]:
    """Every requirement pyproject.toml names: the app's, each extra's, the build backend's."""
    project = PYPROJECT["project"]
    texts = [*project["dependencies"], *PYPROJECT["build-system"]["requires"]]
    for extra in project["optional-dependencies"].values():
        texts.extend(extra)
    return [Requirement(text) for text in texts]


def pinned_for(environment: dict[str, str]) -> dict[str, str]:
    return {
        pin.name: pin.version
        for pin in lockfile.pins()
        if not pin.marker or Marker(pin.marker).evaluate(environment)
    }


@pytest.mark.parametrize(
    "environment",
    ENVIRONMENTS,
    ids=lambda env: f"{env['sys_platform']}-py{env['python_full_version']}",
)
def test_the_lock_pins_every_declared_dependency_within_its_range(
    environment: dict[str, str],
) -> None:
    pinned = pinned_for(environment)
    for requirement in declared():
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        name = lockfile.normalise(requirement.name)
        assert name in pinned, f"{requirement} is not in requirements.lock: run dev.py lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements.lock has {name}=={pinned[name]}, outside {requirement}: "
            "run python3 scripts/dev.py lock"
        )


def test_every_pin_is_exact_and_has_hashes() -> None:
    pins = lockfile.pins()
    assert len(pins) > 30  # the parse really read the file
    for pin in pins:
        assert pin.hashes, f"requirements.lock:{pin.line}: {pin.name} has no --hash"
        assert all(h.startswith("sha256:") for h in pin.hashes)
    # Every line that names a package was read as a pin (nothing skipped by the parser).
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    named = [line for line in text.splitlines() if line[:1].isalnum()]
    assert len(named) == len(pins)


def test_the_lock_says_how_it_is_refreshed() -> None:
    head = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()[:3]
    assert any("python3 scripts/dev.py lock" in line for line in head)


def test_the_pyside6_leak_bound_survives_in_the_lock() -> None:
    """6.12.0 leaks (pyproject): the lock must not hold it on any system."""
    for environment in ENVIRONMENTS:
        major, minor, *_ = pinned_for(environment)["pyside6-essentials"].split(".")
        assert (int(major), int(minor)) < (6, 12)


def test_pins_read_markers_names_and_hashes(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "# header\n"
        "PyYAML==6.0.4 \\\n"
        f"    --hash=sha256:{'a' * 64} \\\n"
        f"    --hash=sha256:{'b' * 64}\n"
        "    # via interview-prep (pyproject.toml)\n"
        "colorama==0.4.6 ; sys_platform == 'win32' \\\n"
        f"    --hash=sha256:{'c' * 64}\n"
        "typing_extensions==4.16.0 \\\n"
        f"    --hash=sha256:{'d' * 64}\n"
    )
    pins = lockfile.pins(lock)
    assert [(p.name, p.version, p.marker, len(p.hashes), p.line) for p in pins] == [
        ("pyyaml", "6.0.4", "", 2, 2),
        ("colorama", "0.4.6", "sys_platform == 'win32'", 1, 6),
        ("typing-extensions", "4.16.0", "", 1, 8),
    ]
    applicable = lockfile.applicable(lock)
    assert ("colorama" in applicable) == (sys.platform == "win32")


def test_what_the_lock_no_longer_has_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(f"pyyaml==6.0.4 \\\n    --hash=sha256:{'a' * 64}\n")
    monkeypatch.setattr(
        lockfile,
        "installed",
        lambda: {"pyyaml": "6.0.3", "left-over": "1.0", "pip": "23.2", "interview-prep": "0.1"},
    )
    assert lockfile.extraneous(lock) == ["left-over"]
    assert lockfile.differences(lock) == ["pyyaml: locked 6.0.4, installed 6.0.3"]


def test_drift_names_newer_releases_and_new_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        f"pyyaml==6.0.3 \\\n    --hash=sha256:{'a' * 64}\n"
        f"editables==0.6 \\\n    --hash=sha256:{'b' * 64}\n"
        f"ruff==0.17.6 \\\n    --hash=sha256:{'c' * 64}\n"
    )
    newest = {"pyyaml": "6.0.4", "ruff": "0.17.6", "brand-new": "1.0", "pip": "26.0"}
    monkeypatch.setattr(lockfile, "installed", lambda: newest)
    assert lockfile.drift(lock) == [
        "pyyaml: locked 6.0.3, newest 6.0.4",
        "brand-new: not in the lock, newest 1.0",
    ]


def test_dev_rebuilds_the_venv_when_the_lock_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dev = load_script("dev")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    lock = tmp_path / "requirements.lock"
    lock.write_text("a==1 \\\n    --hash=sha256:" + "0" * 64 + "\n")
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setattr(dev, "LOCK", lock)
    before = dev.fingerprint()
    assert dev.fingerprint() == before
    lock.write_text("a==2 \\\n    --hash=sha256:" + "1" * 64 + "\n")
    assert dev.fingerprint() != before
    changed = dev.fingerprint()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'y'\n")
    assert dev.fingerprint() != changed
