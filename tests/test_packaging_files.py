"""The packaging's own files and helpers, checked without building anything (the build is
``pytest -m packaging``): the desktop entry, the Debian changelog, the copyright file's
writer, the ICU data trim and the rewrite that leaves /opt out of the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"
sys.path.insert(0, str(LINUX))
import copyright_file  # noqa: E402
import deb_archive  # noqa: E402
import icu_data  # noqa: E402

# The freedesktop main categories: an entry with two of them is listed twice by some menus.
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics",
    "Network", "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


def test_the_desktop_entry_has_one_main_category() -> None:
    lines = (LINUX / "interview-prep.desktop").read_text(encoding="utf-8").splitlines()
    (categories,) = [line.split("=", 1)[1] for line in lines if line.startswith("Categories=")]
    assert [c for c in categories.split(";") if c in MAIN_CATEGORIES] == ["Education"]


def test_the_changelog_keeps_to_eighty_columns() -> None:
    for number, line in enumerate((LINUX / "changelog").read_text().splitlines(), start=1):
        assert len(line) <= 80, f"packaging/linux/changelog:{number} has {len(line)} columns"


def test_the_icu_trim_keeps_what_qt_calls_on() -> None:
    """Qt Core calls ICU for collation, case mapping, time zone names and converters; the
    trim keeps those data and drops what nothing in the bundle asks for."""
    kept = [
        "coll/de.res",
        "coll/root.res",
        "zone/de.res",
        "de.res",
        "root.res",
        "ucase.icu",
        "nfc.nrm",
        "cnvalias.icu",
        "metaZones.res",
        "timezoneTypes.res",
    ]
    dropped = ["brkitr/char.brk", "brkitr/cjdict.dict", "translit/root.res", "rbnf/de.res",
               "lang/de.res", "region/de.res", "curr/de.res", "unit/de.res", "unames.icu",
               "ibm-943_P15A-2003.cnv", "gb18030.cnv"]  # fmt: skip
    assert [item for item in kept if icu_data.removed(item)] == []
    assert [item for item in dropped if not icu_data.removed(item)] == []


def _distribution(internal: Path, folder: str, metadata: str, licence: str | None) -> None:
    info = internal / folder
    (info / "licenses").mkdir(parents=True)
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    if licence is not None:
        (info / "licenses" / "LICENSE").write_text(licence, encoding="utf-8")


def _app_bundle(tmp_path: Path) -> Path:
    """A bundle's ``_internal`` folder holding the app's own distribution."""
    internal = tmp_path / "interview-prep" / "_internal"
    app_licence = (LINUX.parent.parent / "LICENSE").read_text(encoding="utf-8")
    _distribution(
        internal,
        "interview_prep-0.1.0.dist-info",
        "Name: interview-prep\nVersion: 0.1.0\nLicense: MIT\n",
        app_licence,
    )
    return internal


def test_the_copyright_file_is_written_from_the_bundles_metadata(tmp_path: Path) -> None:
    """Each distribution in the bundle gets a paragraph from its own metadata, most specific
    last (the last match wins), with a link listed where its target is."""
    internal = _app_bundle(tmp_path)
    _distribution(
        internal,
        "pyyaml-9.9.dist-info",
        "Name: PyYAML\nVersion: 9.9\nLicense-Expression: BSD-3-Clause\n",
        "Copyright (c) 2031 Some Parser Authors\n\nRedistribution is fine.\n",
    )
    _distribution(internal, "ftfy-9.9.dist-info",
                  "Name: ftfy\nVersion: 9.9\nClassifier: License :: OSI Approved :: "
                  "Apache Software License\nAuthor: A. Fixer\n", None)  # fmt: skip
    (internal / "yaml").mkdir()
    (internal / "yaml" / "libparse.so.1").write_bytes(b"")
    (internal / "libparse.so.1").symlink_to("yaml/libparse.so.1")

    paragraphs = copyright_file.distribution_paragraphs(internal)
    by_name = {p.comment.split()[0]: p for p in paragraphs[1:]}
    assert paragraphs[0].files == ["*"] and paragraphs[0].license == "MIT"
    assert "Copyright (c) 2026 Interview Prep developers" in paragraphs[0].copyright
    parser = by_name["PyYAML"]
    assert parser.license == "BSD-3-Clause"
    assert parser.copyright == ["Copyright (c) 2031 Some Parser Authors"]
    assert "Redistribution is fine." in parser.render()
    assert "opt/interview-prep/_internal/yaml/*" in parser.files
    fixer = by_name["ftfy"]
    assert (fixer.license, fixer.copyright) == ("Apache-2.0", ["A. Fixer"])
    assert "/usr/share/common-licenses/Apache-2.0" in fixer.text  # named, not copied

    text = copyright_file.copyright_text(tmp_path / "interview-prep")
    files = [line for line in text.splitlines() if line.startswith(("Files:", "       "))]
    assert files[0] == "Files: *"
    assert "       opt/interview-prep/_internal/libparse.so.1" in files  # with yaml/*
    assert "License: PSF-2.0" in text  # the interpreter itself


def test_libsndfile_gets_its_own_licence_after_the_soundfile_wheels(tmp_path: Path) -> None:
    """The soundfile wheel is BSD, the libsndfile it carries LGPL: the library's paragraph
    comes after the wheel's (the last match wins), with its version and licence file."""
    internal = _app_bundle(tmp_path)
    _distribution(internal, "soundfile-9.9.dist-info",
                  "Name: soundfile\nVersion: 9.9\nLicense: BSD 3-Clause License\n"
                  "Author: Bastian Bechtold\n", None)  # fmt: skip
    # An older wheel: its licence file at the top of the .dist-info, not in licenses/.
    (internal / "soundfile-9.9.dist-info" / "LICENSE").write_text(
        "Copyright (c) 2013, Some Wrapper Author\n\nRedistribution is fine.\n"
    )
    data = internal / "_soundfile_data"
    data.mkdir()
    (data / "libsndfile_x86_64.so").write_bytes(b"\x7fELF...libsndfile-1.2.2\x00...")
    with pytest.raises(RuntimeError, match="COPYING"):
        copyright_file.wheel_library_paragraphs(internal)
    (data / "COPYING").write_text("GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1\n")

    (library,) = copyright_file.wheel_library_paragraphs(internal)
    assert library.files == ["opt/interview-prep/_internal/_soundfile_data/*"]
    assert library.license == "LGPL-2.1-or-later"
    assert "/usr/share/common-licenses/LGPL-2.1" in library.text
    assert library.comment.startswith("libsndfile 1.2.2, as the soundfile wheel builds it")
    text = copyright_file.copyright_text(tmp_path / "interview-prep")
    wheel = text.index("Comment:\n soundfile 9.9")
    assert wheel < text.index("License: LGPL-2.1-or-later") and "_soundfile_data/*" in text
    assert "Copyright: Copyright (c) 2013, Some Wrapper Author\nLicense: BSD-3-Clause\n" in text
    assert " Redistribution is fine." in text


def test_a_distribution_without_licence_metadata_stops_the_copyright_file(
    tmp_path: Path,
) -> None:
    internal = tmp_path / "_internal"
    _distribution(internal, "mystery-1.0.dist-info", "Name: mystery\nVersion: 1.0\n", None)
    with pytest.raises(RuntimeError, match="mystery"):
        copyright_file.distribution_paragraphs(internal)


def test_the_package_does_not_claim_opt_itself(tmp_path: Path) -> None:
    """dpkg would try to delete /opt on every remove (and warn, or delete it) if the
    package listed it; the files under it, and everything else, stay as dpkg-deb made them."""
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    tree = tmp_path / "tree"
    app = tree / "opt" / "demo"
    app.mkdir(parents=True)
    (app / "run").write_text("#!/bin/sh\necho my own words\n")
    (app / "run").chmod(0o755)
    (app / "run-link").symlink_to("run")
    (tree / "usr" / "bin").mkdir(parents=True)
    (tree / "DEBIAN").mkdir()
    (tree / "DEBIAN" / "control").write_text(
        "Package: demo\nVersion: 1\nArchitecture: all\nMaintainer: A <a@example.invalid>\n"
        "Description: a demo\n"
    )
    deb = tmp_path / "demo.deb"
    subprocess.run(["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(tree), str(deb)],
                   check=True, capture_output=True)  # fmt: skip
    built = deb.read_bytes()
    assert deb_archive.ar_archive(deb_archive.ar_members(built)) == built  # dpkg-deb's layout

    def contents() -> list[str]:
        listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], check=True,
                                 capture_output=True, text=True).stdout  # fmt: skip
        return [" ".join([fields[0], fields[1], *fields[5:]]) for fields in
                map(str.split, listing.splitlines())]  # fmt: skip

    before = contents()
    deb_archive.without_folders(deb)
    after = contents()
    assert [line for line in before if line.split()[2] != "./opt/"] == after
    assert "-rwxr-xr-x root/root ./opt/demo/run" in after
    assert "lrwxrwxrwx root/root ./opt/demo/run-link -> run" in after
    info = subprocess.run(["dpkg-deb", "--field", str(deb), "Package"], capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert info.stdout.strip() == "demo"
    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    assert (unpacked / "opt" / "demo" / "run").read_text().endswith("my own words\n")


def test_every_markdown_extension_the_app_loads_is_in_the_bundle() -> None:
    """Markdown loads its extensions by name, which PyInstaller cannot see: each one the
    sources name must be among the spec's hidden imports (a missing one stopped the
    installed app's main window)."""
    import re

    root = LINUX.parent.parent
    spec = (root / "packaging" / "pyinstaller" / "interview-prep.spec").read_text()
    named: set[str] = set()
    for source in (root / "src").rglob("*.py"):
        text = source.read_text()
        lists = re.findall(r"(?:extensions=|EXTENSIONS = )\[(.*?)\]", text, re.DOTALL)
        for name in re.findall(r'"([\w.]+)"', " ".join(lists)):
            named.add(name if "." in name else f"markdown.extensions.{name}")
    assert named and {name for name in named if f'"{name}"' not in spec} == set()


def test_the_bundle_carries_the_audio_pieces_and_leaves_numpy_out() -> None:
    """Recording runs on sounddevice (its cffi binding of PortAudio) and on the soundfile
    wheel's libsndfile, bound by the app's own cffi declarations: each third-party module
    the audio sources import, and sounddevice's binding, must be among the spec's hidden
    imports, and the library collected from ``_soundfile_data``. soundfile's Python module
    and numpy (about 40 MB) stay out, so no source of the app may import them."""
    import re

    root = LINUX.parent.parent
    spec = (root / "packaging" / "pyinstaller" / "interview-prep.spec").read_text()
    imported: set[str] = set()
    for source in (root / "src" / "interview_prep" / "audio").rglob("*.py"):
        imported |= set(re.findall(r"^\s*(?:import|from) ([\w]+)", source.read_text(), re.M))
    third_party = imported - set(sys.stdlib_module_names) - {"interview_prep", "__future__"}
    assert {"cffi", "sounddevice", "_soundfile_data"} <= third_party
    wanted = third_party | {"_sounddevice", "_cffi_backend", "pycparser"}
    assert {name for name in wanted if f'"{name}"' not in spec} == set()
    assert 'collect_dynamic_libs("_soundfile_data")' in spec
    (excludes,) = re.findall(r"^AUDIO_EXCLUDES = \[(.*)\]$", spec, re.M)
    assert {"numpy", "soundfile"} <= set(re.findall(r'"([\w.]+)"', excludes))
    importers = [
        str(source.relative_to(root))
        for source in (root / "src").rglob("*.py")
        if re.search(r"^\s*(?:import|from) (?:numpy|soundfile)\b", source.read_text(), re.M)
    ]
    assert importers == []
