"""The cache of parsed bank files: a large bank loads from it unchanged, and any change to
the file, or a damaged cache entry, parses the file again."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview_prep.bank import parse_cache
from interview_prep.bank.loader import load_default_catalog
from interview_prep.bank.model import Catalog
from interview_prep.paths import DataPaths


def large_bank(count: int, *, answer: str = "Because.") -> str:
    lines = [
        "title: Big bank",
        "description: Many questions",
        "questions:",
    ]
    for number in range(count):
        lines += [
            f"  - id: q{number:05d}",
            f"    topic: Topic {number % 7}",
            f"    question: 'What is thing {number}, and why does it matter — “really”?'",
            f"    answer: '{answer} Number {number}.'",
            "    tags: [alpha, beta]",
            "    difficulty: hard" if number % 2 else "    kind: coding",
            "    time_limit: 90",
        ]
    lines += ["  - topic: Broken", "    answer: an entry without a question"]
    return "\n".join(lines) + "\n"


def user_bank(data_dir: Path) -> Path:
    return DataPaths(data_dir).ensure().banks / "big.yaml"


def catalog_key(catalog: Catalog) -> tuple[object, ...]:
    return (
        [
            (bank.id, bank.title, bank.path, bank.description, bank.questions)
            for bank in catalog.banks
        ],
        [str(problem) for problem in catalog.problems],
    )


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[parse_cache.ParseCache]:
    """Every ParseCache the loader makes, to read its hit and miss counts."""
    made: list[parse_cache.ParseCache] = []
    original = parse_cache.ParseCache.__init__

    def init(self: parse_cache.ParseCache, directory: Path) -> None:
        original(self, directory)
        made.append(self)

    monkeypatch.setattr(parse_cache.ParseCache, "__init__", init)
    return made


def test_a_large_bank_loads_from_the_cache_exactly_as_parsed(
    tmp_path: Path, counted: list[parse_cache.ParseCache]
) -> None:
    path = user_bank(tmp_path)
    path.write_text(large_bank(600), encoding="utf-8")
    assert path.stat().st_size > parse_cache.MIN_CACHED_BYTES

    first = load_default_catalog(tmp_path)
    second = load_default_catalog(tmp_path)

    assert (counted[0].misses, counted[1].hits) == (1, 1)
    assert catalog_key(second) == catalog_key(first)
    big = next(bank for bank in second.banks if bank.id == "big")
    assert len(big.questions) == 600
    assert big.questions[1].difficulty is not None and big.questions[0].kind.value == "coding"
    assert any("question" in str(problem) for problem in second.problems)  # kept, with line


def test_an_edit_of_the_same_size_is_parsed_again(
    tmp_path: Path, counted: list[parse_cache.ParseCache]
) -> None:
    path = user_bank(tmp_path)
    path.write_text(large_bank(600, answer="Because."), encoding="utf-8")
    load_default_catalog(tmp_path)
    stat = path.stat()
    path.write_text(large_bank(600, answer="Becau5e."), encoding="utf-8")
    assert path.stat().st_size == stat.st_size

    catalog = load_default_catalog(tmp_path)

    assert counted[1].misses == 1
    answer = catalog.by_id()["q00003"].answer
    assert answer is not None and answer.startswith("Becau5e.")


def test_a_damaged_cache_entry_is_ignored_and_replaced(
    tmp_path: Path, counted: list[parse_cache.ParseCache]
) -> None:
    path = user_bank(tmp_path)
    path.write_text(large_bank(600), encoding="utf-8")
    expected = catalog_key(load_default_catalog(tmp_path))
    [entry] = DataPaths(tmp_path).bank_cache.glob("*.json")
    entry.write_bytes(entry.read_bytes()[:5000])  # cut short, as by a crash

    assert catalog_key(load_default_catalog(tmp_path)) == expected
    assert counted[1].misses == 1
    assert catalog_key(load_default_catalog(tmp_path)) == expected
    assert counted[2].hits == 1


def test_a_deleted_bank_leaves_nothing_in_the_cache(tmp_path: Path) -> None:
    path = user_bank(tmp_path)
    path.write_text(large_bank(600), encoding="utf-8")
    load_default_catalog(tmp_path)
    assert len(list(DataPaths(tmp_path).bank_cache.glob("*.json"))) == 1

    path.unlink()
    catalog = load_default_catalog(tmp_path)

    assert "big" not in {bank.id for bank in catalog.banks}
    assert list(DataPaths(tmp_path).bank_cache.glob("*.json")) == []


def test_small_files_are_not_cached(tmp_path: Path) -> None:
    user_bank(tmp_path).write_text(large_bank(3), encoding="utf-8")
    catalog = load_default_catalog(tmp_path)
    assert "big" in {bank.id for bank in catalog.banks}
    assert not DataPaths(tmp_path).bank_cache.exists()


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    path = user_bank(tmp_path)
    path.write_text(large_bank(600), encoding="utf-8")
    (tmp_path / "cache").write_text("a file where the cache folder should be")

    catalog = load_default_catalog(tmp_path)

    assert len(next(bank for bank in catalog.banks if bank.id == "big").questions) == 600
