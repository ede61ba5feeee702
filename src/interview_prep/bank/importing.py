"""Storing an imported document as a bank file in the user's folder (CLI and import dialog).

The bank goes to ``<banks>/<bank id>.yaml``. If that file exists (an earlier import of the
same document), the new questions are merged into it by id (``importer.merge_banks``), so
history stays attached. The file is changed entry by entry (``yaml_splice``): only the
entries the document brings are added or updated, and every other byte stays, comments,
hand-added entries and entries that do not load included. If the file cannot be read, or
cannot be changed entry by entry (a list in flow style), it is left untouched and the
import is refused with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path
from urllib.parse import quote

from .importer import MergeReport, merge_banks
from .importer.images import ImageCopy
from .model import Bank, Problem
from .yaml_read import read_bank_file
from .yaml_splice import SpliceError, insert_entry, replace_entry
from .yaml_write import read_text_exact, write_bank_file, write_bytes_atomic, write_text_atomic


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
    images: Collection[ImageCopy] = (),
) -> tuple[Path, MergeReport]:
    """Merge ``bank`` (or only the question ids in ``only``) into its file; returns both.

    ``images``: the document's local images (``ImportResult.images``); those the stored
    questions refer to are copied into the bank folder first, so the text never points at
    an image that is not there.
    """
    if only is not None:
        keep = set(only)
        bank = dataclasses.replace(bank, questions=tuple(q for q in bank.questions if q.id in keep))
    if images and not dry_run:
        copy_images(bank, images, banks_dir)
    target = bank_file_for(bank, banks_dir)
    existing: Bank | None = None
    if target.exists():
        existing, problems = read_bank_file(target)
        if existing is None:
            raise ImportTargetError(
                f"{target}: exists but is not a valid bank file; left untouched", problems
            )
    merged, report = merge_banks(bank, existing)
    if existing is None:
        if not dry_run:
            banks_dir.mkdir(parents=True, exist_ok=True)
            write_bank_file(merged, target)
        return target, report
    text = _spliced(target, existing, merged)
    if not dry_run and text is not None:
        write_text_atomic(target, text)
    return target, report


def copy_images(bank: Bank, images: Collection[ImageCopy], banks_dir: Path) -> None:
    """Copy the images ``bank``'s text refers to into ``banks_dir`` (whole files only, see
    ``write_bytes_atomic``; one already there unchanged is kept)."""
    text = "\n".join(f"{q.question}\n{q.answer or ''}" for q in bank.questions)
    for image in images:
        if quote(image.target) not in text:
            continue
        target = banks_dir / image.target
        data = image.source.read_bytes()
        if not (target.is_file() and target.read_bytes() == data):
            write_bytes_atomic(target, data)


def _spliced(target: Path, existing: Bank, merged: Bank) -> str | None:
    """The file's text with the document's entries added or updated (None: no change)."""
    before = {q.id: q for q in existing.questions}
    original = text = read_text_exact(target)
    try:
        for question in merged.questions:
            old = before.get(question.id)
            stored = dataclasses.replace(question, bank_id=existing.id, line=None)
            if old is None:
                text = insert_entry(text, stored)
            elif dataclasses.replace(old, line=None, bank_id="") != dataclasses.replace(
                stored, bank_id=""
            ):
                text = replace_entry(text, stored, old.line)
    except SpliceError as exc:
        raise ImportTargetError(
            f"{target}: {exc}, so it cannot be updated without rewriting it whole; left "
            "untouched (write its list in block style, one '- ' entry per question, to "
            "import into it)",
            [],
        ) from None
    return None if text == original else text
