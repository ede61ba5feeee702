"""Trim the ICU data library that the Qt wheels carry down to what Qt calls on.

``libicudata.so.73`` is 32 MB, a quarter of the bundle. Qt Core is the only library in the
bundle that links to ICU, and the ICU functions it imports (``nm -D --undefined-only``) are
case mapping (``u_strToUpper``), collation (``ucol_*``), calendar and time zone names
(``ucal_*``) and code page converters (``ucnv_*``). So the data for services Qt never calls
can go, as ICU's own data filters allow (its "feature filter" categories):

- break iteration rules and dictionaries (``brkitr/``): Qt breaks text with its own tables;
- transliteration, spelled-out numbers, Unicode character names (``translit/``, ``rbnf/``,
  ``unames.icu``);
- the display names of languages, regions, currencies and units (``lang/``, ``region/``,
  ``curr/``, ``unit/``): QLocale takes these from its own CLDR tables;
- the code page tables (``*.cnv``): the app decodes every file in Python, never through
  QStringConverter. The converters ICU builds in (UTF-8/16/32, ASCII, Latin-1) stay.

Collation, time zone names and the locales' own data stay whole, for every language.

How: the data is one symbol, ``icudt73_dat``, the whole ``.rodata`` section of the
library. ``objcopy`` copies it out, ``icupkg`` (Debian's icu-devtools) removes the items,
and the assembler puts the smaller package back under the same symbol and soname
(``gcc -shared``, nothing else linked in). The bundle's self-test then sorts German words
and names a time zone through Qt, so a trim that took too much fails the build's test.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

REMOVED_FOLDERS = ("brkitr", "translit", "rbnf", "lang", "region", "curr", "unit")
REMOVED_ITEMS = ("unames.icu",)
REMOVED_SUFFIXES = (".cnv",)

_ASSEMBLY = """\
    .section .rodata
    .globl {symbol}
    .type {symbol}, @object
    .balign 16
{symbol}:
    .incbin "{data}"
    .size {symbol}, . - {symbol}
    .section .note.GNU-stack, "", @progbits
"""


def removed(item: str) -> bool:
    """Whether an item of the package (``brkitr/char.brk``, ``ibm-1390_P110-2003.cnv``) goes."""
    folder, _, name = item.rpartition("/")
    return (
        folder in REMOVED_FOLDERS
        or (not folder and name in REMOVED_ITEMS)
        or name.endswith(REMOVED_SUFFIXES)
    )


def trim_icu_data(bundle: Path) -> tuple[int, int]:
    """Trim the bundle's ``libicudata.so.NN`` in place; returns its size before and after.
    A library already trimmed is left as it is (nothing more to remove)."""
    (library,) = [p for p in bundle.rglob("libicudata.so.*") if not p.is_symlink()]
    major = library.name.rsplit(".", 1)[1]
    symbol = f"icudt{major}_dat"
    prefix = f"icudt{major}{'l' if sys.byteorder == 'little' else 'b'}"
    before = library.stat().st_size
    with tempfile.TemporaryDirectory(prefix="icu-") as work_dir:
        work = Path(work_dir)
        package = work / "in" / f"{prefix}.dat"
        package.parent.mkdir()
        subprocess.run(
            ["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(package)],
            check=True,
        )
        if package.stat().st_size != _symbol_size(library, symbol):
            raise RuntimeError(f"{library.name}: .rodata is not exactly {symbol}")
        listing = _run("icupkg", "-l", str(package)).splitlines()
        items = [line.strip().removeprefix(f"{prefix}/") for line in listing if line.strip()]
        gone = [item for item in items if removed(item)]
        if not gone:
            return before, before
        (work / "removed.txt").write_text("\n".join(gone) + "\n")
        trimmed = work / f"{prefix}.dat"
        _run("icupkg", "-r", str(work / "removed.txt"), str(package), str(trimmed))
        left = _run("icupkg", "-l", str(trimmed)).split()
        if len(left) != len(items) - len(gone):
            raise RuntimeError(f"icupkg left {len(left)} items, not {len(items) - len(gone)}")
        (work / "data.S").write_text(_ASSEMBLY.format(symbol=symbol, data=trimmed))
        rebuilt = work / library.name
        _run(
            "gcc", "-shared", "-nostdlib", "-s", f"-Wl,-soname,{library.name}",
            "-Wl,-z,noexecstack", "-o", str(rebuilt), str(work / "data.S"),
        )  # fmt: skip
        if _symbol_size(rebuilt, symbol) != trimmed.stat().st_size:
            raise RuntimeError(f"the rebuilt {library.name} does not hold the trimmed data")
        library.write_bytes(rebuilt.read_bytes())
    return before, library.stat().st_size


def _symbol_size(library: Path, symbol: str) -> int:
    symbols = _run("nm", "-D", "-S", "--defined-only", str(library))
    match = re.search(rf"^[0-9a-f]+ ([0-9a-f]+) R {symbol}$", symbols, re.MULTILINE)
    if not match:
        raise RuntimeError(f"{library.name} has no data symbol {symbol}")
    return int(match.group(1), 16)


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout
