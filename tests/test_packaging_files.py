"""The packaging's own files, checked without building anything (the build is
``pytest -m packaging``): the desktop entry, the Debian changelog and copyright."""

from __future__ import annotations

from pathlib import Path

LINUX = Path(__file__).resolve().parent.parent / "packaging" / "linux"
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


def test_the_copyright_file_goes_from_general_to_specific() -> None:
    """In a machine-readable copyright file the last paragraph that matches a file wins:
    Qt's LGPL paragraph must come after the bundle's general one, or Qt falls under it."""
    text = (LINUX / "copyright").read_text(encoding="utf-8")
    lines = text.splitlines()
    files, paragraph = [], None  # a Files field may go on over indented lines
    for line in lines:
        if line.startswith("Files:"):
            paragraph = line.split(":", 1)[1].split()
            files.append(paragraph)
        elif paragraph is not None and line.startswith(" ") and ":" not in line:
            paragraph.extend(line.split())
        else:
            paragraph = None
    assert files[0] == ["*"]
    order = [pattern for patterns in files for pattern in patterns]
    assert order.index("opt/interview-prep/_internal/*") < order.index(
        "opt/interview-prep/_internal/PySide6/*"
    )
    assert all(len(line) <= 80 for line in lines)
    assert "THE SOFTWARE IS PROVIDED" in text  # the MIT licence in full
