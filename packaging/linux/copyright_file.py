"""Write the Debian copyright file from what the bundle actually holds, so it cannot drift.

Every paragraph comes from the licence metadata of something found in the bundle:

- the app and each Python distribution in ``_internal/*.dist-info``: its name, version and
  licence (``License-Expression``, ``License`` or the classifiers), the copyright lines of
  its licence files (else its authors), and the text of its licence file;
- CPython (``libpython`` and ``python3.X/``): the interpreter's own ``LICENSE.txt``;
- each shared library carried from the build machine (zlib, SQLite, ...) and the ICU
  libraries of the Qt wheels: the ``Files: *`` paragraph of the Debian package that ships a
  library of that name on the build machine (``/usr/share/doc/<package>/copyright``);
- libraries a wheel carries in a data folder of their own, under another licence than the
  wheel's (libsndfile in the soundfile wheel's ``_soundfile_data``): the licence file beside
  them.

Licences that Debian keeps in ``/usr/share/common-licenses`` are named, not copied. The
machine-readable format applies the last paragraph that matches a file, so paragraphs go
from general (``*``) to specific, and a symbolic link belongs to the paragraph of its target.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from email.parser import HeaderParser
from importlib.metadata import packages_distributions
from pathlib import Path

PREFIX = "opt/interview-prep"
COMMON_LICENSES = {
    "Apache-2.0": "Apache-2.0", "LGPL-3.0-only": "LGPL-3", "GPL-2.0-only": "GPL-2",
    "GPL-3.0-only": "GPL-3", "LGPL-2.1-only": "LGPL-2.1", "GPL-2": "GPL-2", "GPL-3": "GPL-3",
    "LGPL-2.1-or-later": "LGPL-2.1",
}  # fmt: skip
CLASSIFIERS = {
    "MIT License": "MIT", "Apache Software License": "Apache-2.0",
    "BSD License": "BSD-3-Clause", "Python Software Foundation License": "PSF-2.0",
    "BSD 3-Clause License": "BSD-3-Clause",
}  # fmt: skip
# Distributions whose wheels carry no licence file: who holds their copyright.
HOLDERS = {"pyside6-essentials": "The Qt Company Ltd. and other contributors",
           "shiboken6": "The Qt Company Ltd. and other contributors"}  # fmt: skip
# Libraries a wheel carries that have an upstream of their own (the Qt wheels carry ICU).
OTHER_UPSTREAMS = ("libicu",)
# Data folders of wheels that hold a library with a licence of its own (the wheel's metadata
# gives the Python module's): folder → (library, licence, holders, licence file, note).
WHEEL_LIBRARIES = {
    "_soundfile_data": (
        "libsndfile", "LGPL-2.1-or-later",
        ["Copyright (C) 1999-2016 Erik de Castro Lopo <erikd@mega-nerd.com>",
         "Copyright (C) the libsndfile contributors"],
        "COPYING",
        "as the soundfile wheel builds it, with libogg, libvorbis, FLAC and Opus (BSD-3-Clause)"
        " and mpg123 and LAME (LGPL-2.1-or-later) linked in",
    ),
}  # fmt: skip
_COPYRIGHT_LINE = re.compile(r"^\s*(?:copyright\s*(?:\(c\)|©)?|\(c\)|©)\s*\d", re.IGNORECASE)


@dataclass
class Paragraph:
    """One ``Files`` paragraph: the paths it covers, holders, licence and its text."""

    files: list[str]
    copyright: list[str]
    license: str
    text: str = ""
    comment: str = ""
    owns: list[str] = field(default_factory=list)  # paths in _internal: their links come here

    def render(self) -> str:
        lines = ["Files: " + "\n       ".join(self.files)]
        lines.append("Copyright: " + "\n           ".join(self.copyright))
        lines.append(f"License: {self.license}")
        if self.text:
            lines.append(_indented(self.text))
        if self.comment:
            lines.append("Comment:\n" + _indented(self.comment))
        return "\n".join(lines)


def _indented(text: str) -> str:
    wrapped = (
        " " + line.rstrip() if line.strip() else " ."
        for line in textwrap.dedent(text).strip("\n").splitlines()
    )
    return "\n".join(wrapped)


def _spdx(metadata: dict[str, str], classifiers: list[str]) -> str:
    expression = metadata.get("License-Expression") or ""
    licence = metadata.get("License") or ""
    if not expression and licence and "\n" not in licence and len(licence) < 60:
        expression = CLASSIFIERS.get(licence, licence)
    if not expression:
        names = [c.rsplit("::", 1)[1].strip() for c in classifiers if c.startswith("License ::")]
        found = [CLASSIFIERS[name] for name in names if name in CLASSIFIERS]
        expression = found[0] if found else ""
    if not expression:
        raise RuntimeError(f"{metadata.get('Name')}: no licence in its package metadata")
    return expression.replace(" OR ", " or ").replace(" AND ", " and ")


def _holders(texts: list[str], fallback: str) -> list[str]:
    lines = [line.strip() for text in texts for line in text.splitlines()]
    found = list(dict.fromkeys(line for line in lines if _COPYRIGHT_LINE.match(line)))
    return found or [fallback]


def _licence_body(expression: str, text: str) -> str:
    """The licence text for a paragraph: Debian's common licences are pointed to."""
    names = [name for name in re.split(r" or | and ", expression) if name]
    common = [COMMON_LICENSES[name] for name in names if name in COMMON_LICENSES]
    if common and len(common) == len(names):
        return "\n".join(
            f"On Debian systems, the full text of {name} is in /usr/share/common-licenses/{name}."
            for name in common
        )
    return text


def distribution_paragraphs(internal: Path) -> list[Paragraph]:
    """The app first (``Files: *``), then every other Python distribution in the bundle."""
    import_names: dict[str, list[str]] = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            import_names.setdefault(_normal(distribution), []).append(module)
    paragraphs = []
    for info in sorted(internal.glob("*.dist-info"), key=lambda p: p.name.lower()):
        message = HeaderParser().parsestr((info / "METADATA").read_text(encoding="utf-8"))
        metadata = {key: str(value) for key, value in message.items()}
        name, version = metadata["Name"], metadata["Version"]
        licence = _spdx(metadata, message.get_all("Classifier") or [])
        files = sorted(p for p in (info / "licenses").rglob("*") if p.is_file()) or sorted(
            p for p in info.glob("*")  # older wheels (soundfile): the licence file at the top
            if p.is_file() and p.name.upper().startswith(("LICEN", "COPYING"))
        )  # fmt: skip
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
        main_texts = [t for p, t in zip(files, texts, strict=True) if "AUTHORS" not in p.name]
        authors = metadata.get("Author") or metadata.get("Author-email") or name
        holders = _holders(texts, HOLDERS.get(_normal(name), authors))
        body = _licence_body(licence, main_texts[0] if main_texts else "")
        if name == "interview-prep":
            note = (
                f"The executable {PREFIX}/interview-prep holds, compiled, the Python code of"
                " the app and of the distributions below, each under its own licence."
            )
            paragraphs.insert(0, Paragraph(["*"], holders, licence, body, comment=note))
            continue
        folders = [
            f"{PREFIX}/_internal/{module}/*"
            for module in sorted(set(import_names.get(_normal(name), [])))
            if (internal / module).is_dir()
        ]
        paragraph = Paragraph(
            [*folders, f"{PREFIX}/_internal/{info.name}/*"], holders, licence, body,
            comment=f"{name} {version}; its licence as its package metadata gives it"
            + (f" (licence file in _internal/{files[0].parent.relative_to(internal)})."
               if files else ".")
            + ("" if folders else " Its Python code is in the executable's archive."),
            owns=[f.removesuffix("/*").rsplit("/", 1)[1] for f in folders],
        )  # fmt: skip
        paragraphs.append(paragraph)
    return paragraphs


def python_paragraph(internal: Path) -> Paragraph:
    licence = Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    text = (licence / "LICENSE.txt").read_text(encoding="utf-8")
    folder = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    files = [f"{PREFIX}/_internal/{folder}/*", f"{PREFIX}/_internal/base_library.zip"]
    files += [f"{PREFIX}/_internal/{p.name}" for p in sorted(internal.glob("libpython*"))]
    return Paragraph(
        files, _holders([text], "Python Software Foundation"), "PSF-2.0", text,
        comment=f"CPython {sys.version.split()[0]}, the interpreter's own LICENSE.txt.",
        owns=[folder],
    )  # fmt: skip


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def library_paragraphs(internal: Path) -> list[Paragraph]:
    """The shared libraries the bundle carries from elsewhere than a Python distribution:
    each with the ``Files: *`` paragraph of the Debian package that ships that library."""
    found: dict[str, list[Path]] = {}
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file() or path.name.startswith("libpython"):
            continue
        top = path.relative_to(internal).parts[0]
        if top == path.name or path.name.startswith(OTHER_UPSTREAMS):
            package = _owner(path.name)
            if package is None:
                raise RuntimeError(f"no Debian package here ships {path.name}: whose is it?")
            found.setdefault(package, []).append(path)
    paragraphs = []
    for package, paths in sorted(found.items()):
        holders, licence, text = _debian_files_paragraph(package)
        relative = [str(p.relative_to(internal)) for p in paths]
        paragraphs.append(Paragraph(
            [f"{PREFIX}/_internal/{name}" for name in relative], holders, licence,
            _licence_body(licence, text),
            comment=f"As the build machine's Debian package {package} gives it.",
            owns=relative,
        ))  # fmt: skip
    return paragraphs


def wheel_library_paragraphs(internal: Path) -> list[Paragraph]:
    """Libraries in a wheel's data folder whose licence is not the wheel's (libsndfile)."""
    paragraphs = []
    for folder, (library, licence, holders, licence_file, note) in WHEEL_LIBRARIES.items():
        binaries = sorted(p for p in (internal / folder).glob(f"{library}*") if p.is_file())
        if not binaries:
            continue
        text_file = internal / folder / licence_file
        if not text_file.is_file():
            raise RuntimeError(f"{folder}/{licence_file} is missing: {library}'s licence")
        found = re.search(rb"%s-(\d+(?:\.\d+)+)" % library.encode(), binaries[0].read_bytes())
        version = f" {found[1].decode()}" if found else ""
        paragraphs.append(Paragraph(
            [f"{PREFIX}/_internal/{folder}/*"], holders, licence,
            _licence_body(licence, text_file.read_text(encoding="utf-8", errors="replace")),
            comment=f"{library}{version}, {note}; licence text in _internal/{folder}/"
            f"{licence_file}.",
            owns=[folder],
        ))  # fmt: skip
    return paragraphs


def _owner(library: str) -> str | None:
    """The Debian package that ships this library here, or one of its other versions."""
    stem = library.split(".so", 1)[0]
    for pattern in (f"*/{library}", f"*/{stem}.so.*"):
        result = subprocess.run(["dpkg", "-S", pattern], capture_output=True, text=True)
        owners = [line.split(":", 1)[0] for line in result.stdout.splitlines() if line]
        owners = [o for o in owners if not o.endswith("-dev")]
        if result.returncode == 0 and owners:
            return owners[0]
    return None


def _debian_files_paragraph(package: str) -> tuple[list[str], str, str]:
    """Holders, licence name and text of ``Files: *`` in a package's copyright file."""
    text = Path(f"/usr/share/doc/{package}/copyright").read_text(encoding="utf-8")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    fields = [_fields(p) for p in paragraphs]
    (general,) = [f for f in fields if f.get("Files", "").split() == ["*"]][:1]
    name, _, body = general["License"].partition("\n")
    if not body.strip():
        standalone = [
            f for f in fields if "Files" not in f and f.get("License", "").startswith(name)
        ]
        body = standalone[0]["License"].partition("\n")[2] if standalone else ""
    holders = [line.strip() for line in general["Copyright"].splitlines() if line.strip()]
    if not name.strip() or not body.strip():
        raise RuntimeError(f"/usr/share/doc/{package}/copyright: no licence for Files: *")
    return (
        holders,
        name.strip(),
        "\n".join(line[1:] if line != " ." else "" for line in body.splitlines()),
    )


def _fields(paragraph: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = ""
    for line in paragraph.splitlines():
        if line[:1] in (" ", "\t") and key:
            fields[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def copyright_text(bundle: Path) -> str:
    """The whole copyright file for a bundle folder (``dist/interview-prep``)."""
    internal = bundle / "_internal"
    distributions = distribution_paragraphs(internal)
    paragraphs = [distributions[0], python_paragraph(internal), *distributions[1:]]
    paragraphs += wheel_library_paragraphs(internal)  # after their wheel's paragraph: they win
    paragraphs += library_paragraphs(internal)
    for link in sorted(p for p in internal.iterdir() if p.is_symlink()):
        target = str((link.parent / link.readlink()).relative_to(internal))
        owners = [(len(o), p) for p in paragraphs for o in p.owns if target.startswith(o)]
        if owners:
            max(owners, key=lambda pair: pair[0])[1].files.append(f"{PREFIX}/_internal/{link.name}")
    header = (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: interview-prep\n"
        "Source: https://interview-prep.invalid\n"
    )
    return header + "\n" + "\n\n".join(p.render() for p in paragraphs) + "\n"


if __name__ == "__main__":
    sys.stdout.write(copyright_text(Path(sys.argv[1])))
