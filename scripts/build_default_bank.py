"""Regenerate the bundled default bank in ``questions/`` from the user's seed documents.

    python scripts/build_default_bank.py

The seeds (``tests/data/seeds/``) are imported exactly as ``interview-prep import`` would,
with a readable title for the document that has none. ``tests/test_default_bank.py`` checks
that ``questions/`` matches this output, so the shipped bank never drifts from the importer.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from interview_prep.bank.importer import read_document, to_bank  # noqa: E402
from interview_prep.bank.model import Bank  # noqa: E402
from interview_prep.bank.yaml_write import write_bank_file  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "seeds"
# seed file -> title (None: the document's own title)
DEFAULT_BANK: dict[str, str | None] = {
    "000_4ad25627ed5ba4cc.txt": None,
    "002_f61ab5a7ee36776a.txt": "Airflow Interview Questions",
}


def build_default_banks() -> list[Bank]:
    banks = []
    for name, title in DEFAULT_BANK.items():
        bank, _ = to_bank(read_document(SEEDS / name, title=title))
        banks.append(bank)
    return banks


def main() -> int:
    target = ROOT / "questions"
    target.mkdir(exist_ok=True)
    for bank in build_default_banks():
        path = target / f"{bank.id}.yaml"
        write_bank_file(bank, path)
        print(f"{path.relative_to(ROOT)}: {len(bank.questions)} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
