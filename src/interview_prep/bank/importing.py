"""Storing an imported document as a bank file in the user's folder (CLI and import dialog).

The bank goes to ``<banks>/<bank id>.yaml``. If that file exists (an earlier import of the
same document), the new questions are merged into it by id (``importer.merge_banks``), so
history stays attached; if it exists but cannot be read, it is left untouched and the import
is refused with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path

from .importer import MergeReport, merge_banks
from .model import Bank, Problem
from .yaml_read import read_bank_file
from .yaml_write import write_bank_file


class ImportTargetError(RuntimeError):
    """The bank file an import would update exists but is not a valid bank."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def bank_file_for(bank: Bank, banks_dir: Path) -> Path:
    return banks_dir / f"{bank.id}.yaml"


def store_import(
    bank: Bank,
    banks_dir: Path,
    *,
    only: Collection[str] | None = None,
    dry_run: bool = False,
) -> tuple[Path, MergeReport]:
    """Merge ``bank`` (or only the question ids in ``only``) into its file; returns both."""
    if only is not None:
        keep = set(only)
        bank = dataclasses.replace(bank, questions=tuple(q for q in bank.questions if q.id in keep))
    target = bank_file_for(bank, banks_dir)
    existing: Bank | None = None
    if target.exists():
        existing, problems = read_bank_file(target)
        if existing is None:
            raise ImportTargetError(
                f"{target}: exists but is not a valid bank file; left untouched", problems
            )
    merged, report = merge_banks(bank, existing)
    if not dry_run:
        banks_dir.mkdir(parents=True, exist_ok=True)
        write_bank_file(merged, target)
    return target, report
