"""The bundled default bank: both seeds, repaired, found from a checkout and from a wheel."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

from interview_prep.bank.loader import load_catalog
from interview_prep.bank.yaml_write import dump_bank
from interview_prep.paths import bundled_bank_dir

ROOT = Path(__file__).resolve().parent.parent


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_default_bank", ROOT / "scripts" / "build_default_bank.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundled_bank_has_both_seeds_repaired() -> None:
    catalog = load_catalog(bundled_bank_dir(), None)
    assert catalog.problems == []
    assert len(catalog) == 82
    assert Counter(bank.title for bank in catalog.banks for _ in bank.questions) == {
        "Airflow Questions": 46,
        "Airflow Interview Questions": 36,
    }
    text = "\n".join(f"{q.question}\n{q.answer or ''}" for q in catalog.questions())
    assert "â€" not in text and "Ã" not in text
    assert "Airflow’s rich web interface" in text
    assert sum(1 for q in catalog.questions() if q.has_answer) == 33 + 36


def test_bundled_bank_is_exactly_what_the_importer_makes() -> None:
    builder = load_builder()
    for bank in builder.build_default_banks():
        shipped = (ROOT / "questions" / f"{bank.id}.yaml").read_text(encoding="utf-8")
        assert shipped == dump_bank(bank), f"run scripts/build_default_bank.py ({bank.id})"


def test_installed_wheel_finds_the_bundled_bank(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("interview_prep-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "interview_prep/_bundled/questions/airflow-questions.yaml" in names
    assert "interview_prep/store/migrations/versions/0001_initial.py" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "INTERVIEW_PREP_DATA_DIR": str(tmp_path / "data"),
    }
    code = (
        "import interview_prep, json, sys\n"
        "from interview_prep.cli import main\n"
        "assert interview_prep.__file__.startswith(sys.argv[1]), interview_prep.__file__\n"
        "main(['bank', 'list', '--json'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(site)],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    assert '"questions": 46' in result.stdout and '"questions": 36' in result.stdout
