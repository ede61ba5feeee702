"""Shared test set-up: headless Qt, a throw-away data directory, the seed documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_README = SEEDS / "000_4ad25627ed5ba4cc.txt"
SEED_NUMBERED = SEEDS / "002_f61ab5a7ee36776a.txt"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data directory, also set as ``INTERVIEW_PREP_DATA_DIR``."""
    path = tmp_path / "data"
    monkeypatch.setenv("INTERVIEW_PREP_DATA_DIR", str(path))
    yield path
