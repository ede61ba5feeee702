"""Loading the question catalog: every bank file of the bundled and the user's bank folders.

* A folder is read non-recursively: every ``*.yaml`` / ``*.yml`` file in it, sorted by name
  (hidden files, such as the temporary files of an atomic write, are ignored). A missing
  folder is simply empty.
* Each file is read by :func:`interview_prep.bank.yaml_read.read_bank_file` (safe YAML loading
  only, problems reported as ``FILE:LINE: message``). A broken file or entry is reported and
  skipped; everything else still loads, so one typo never hides the whole catalog.
* Large files are parsed once: the result is kept in the data folder's cache
  (:mod:`interview_prep.bank.parse_cache`) until the file or the app changes.
* Bundled banks load first, then the user's. Question ids must be unique across the catalog,
  because attempt history is stored against them. Within one folder, a later question with
  an id already taken is skipped with
  ``FILE:LINE: duplicate id 'x' (already defined in OTHERFILE:LINE)``, and a later file
  whose bank id (file stem) is taken is skipped.
* ``overrides.yaml`` in the user's folder holds the user's changes to bundled questions
  (written by ``bank.editing``): each one takes the bundled question's place, in its bank and
  position, and the original is kept in ``Catalog.overridden`` so it can be shown and
  reverted. Entries whose bundled question no longer exists show as a bank of their own.
* Any other question in the user's folder with the id of a bundled question also wins: the
  user's copy is used and the bundled one is left out (re-importing the document the
  default bank came from does this). A bundled bank left with no questions is not shown.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from interview_prep import paths
from interview_prep.bank.model import OVERRIDES_FILE, Bank, Catalog, Problem, Question, Severity
from interview_prep.bank.parse_cache import ParseCache, ParseResult
from interview_prep.bank.yaml_fields import BANK_SUFFIXES
from interview_prep.bank.yaml_read import parse_bank_data, read_bank_file
from interview_prep.paths import file_error_reason, read_regular_file

__all__ = [
    "OVERRIDES_FILE",
    "bank_files",
    "load_bank_dir",
    "load_catalog",
    "load_default_catalog",
]


def bank_files(directory: Path) -> list[Path]:
    """The bank files directly inside ``directory``, sorted by name (missing folder: none).

    Raises ``OSError`` if the folder exists but cannot be listed.
    """
    try:
        entries = list(directory.iterdir())
    except FileNotFoundError:
        return []
    return sorted(
        (
            entry
            for entry in entries
            if entry.suffix.lower() in BANK_SUFFIXES
            and not entry.name.startswith(".")
            and not entry.is_dir()  # a pipe or device is listed, so it is reported, not read
        ),
        key=lambda entry: entry.name,
    )


def bank_stamps(directories: Iterable[Path]) -> dict[str, str]:
    """A fingerprint of every bank file in ``directories`` (path → hash of its bytes): equal
    fingerprints, same files. Tells a change by another program from the app's own write."""
    stamps: dict[str, str] = {}
    for directory in directories:
        try:
            files = bank_files(directory)
        except OSError:
            continue
        for path in files:
            try:
                stamps[str(path)] = hashlib.blake2b(read_regular_file(path)).hexdigest()
            except OSError as exc:
                stamps[str(path)] = f"unreadable: {exc.errno}"
    return stamps


def _read(path: Path, *, bundled: bool, cache: ParseCache | None) -> ParseResult:
    if cache is None:
        return read_bank_file(path, bundled=bundled)
    try:
        data = read_regular_file(path)
    except OSError:
        return read_bank_file(path, bundled=bundled)  # which reports why
    return cache.read(
        path, data, bundled=bundled, parse=lambda: parse_bank_data(data, path, bundled=bundled)
    )


def _load_files(
    directory: Path, *, bundled: bool, cache: ParseCache | None = None
) -> Iterator[tuple[Path, Bank | None, list[Problem]]]:
    """``(path, bank or None, problems)`` for each bank file of ``directory``."""
    try:
        files = bank_files(directory)
    except OSError as exc:
        reason = file_error_reason(exc)
        yield directory, None, [Problem(directory, None, f"cannot read the folder: {reason}")]
        return
    for path in files:
        bank, problems = _read(path, bundled=bundled, cache=cache)
        yield path, bank, problems


def load_bank_dir(directory: Path, *, bundled: bool) -> tuple[list[Bank], list[Problem]]:
    """Every bank in ``directory`` and the problems met loading them, file by file.

    A file that cannot be read or parsed is left out (with an error); the others still load.
    """
    banks: list[Bank] = []
    problems: list[Problem] = []
    for _path, bank, file_problems in _load_files(directory, bundled=bundled):
        problems.extend(file_problems)
        if bank is not None:
            banks.append(bank)
    return banks, problems


def load_catalog(
    bundled_dir: Path | None, user_dir: Path | None, *, cache: ParseCache | None = None
) -> Catalog:
    """The bundled banks, then the user's, with question ids made unique across the catalog.

    With a ``cache``, large files parsed before are not parsed again.
    """
    catalog = Catalog()
    layers: list[list[Bank]] = []
    for directory, bundled in ((bundled_dir, True), (user_dir, False)):
        owners: dict[str, str] = {}  # question id -> "FILE:LINE" of the question holding it
        bank_paths: dict[str, Path | None] = {}  # bank id -> the file that holds it
        layer: list[Bank] = []
        layers.append(layer)
        if directory is None:
            continue
        override_owners: dict[str, str] = {}  # overrides.yaml may repeat any id
        for path, bank, problems in _load_files(directory, bundled=bundled, cache=cache):
            catalog.problems.extend(problems)
            if bank is None:
                continue
            is_overrides = not bundled and path.name == OVERRIDES_FILE
            if bank.id in bank_paths:
                catalog.problems.append(
                    Problem(
                        path,
                        None,
                        f"bank id '{bank.id}' is already used by {bank_paths[bank.id]} "
                        "(a bank's id is its file name without the extension; rename one "
                        "of the files)",
                        Severity.ERROR,
                    )
                )
                continue
            bank_paths[bank.id] = bank.path
            claimed = override_owners if is_overrides else owners
            layer.append(_claim_ids(bank, claimed, catalog.problems))
    bundled_banks, user_banks = layers
    bundled_banks, user_banks = _apply_overrides(bundled_banks, user_banks, catalog.overridden)
    replaced = {q.id for bank in user_banks for q in bank.questions}
    for bank in bundled_banks:
        kept = tuple(q for q in bank.questions if q.id not in replaced)
        if kept:
            catalog.banks.append(dataclasses.replace(bank, questions=kept))
    catalog.banks.extend(user_banks)
    return catalog


def _apply_overrides(
    bundled: list[Bank], user: list[Bank], overridden: dict[str, Question]
) -> tuple[list[Bank], list[Bank]]:
    """Put the entries of ``overrides.yaml`` in the places of the questions they change:
    bundled ones, and those of user files the app leaves as they are (``editing``)."""
    overrides_bank = next(
        (b for b in user if b.path is not None and b.path.name == OVERRIDES_FILE), None
    )
    if overrides_bank is None:
        return bundled, user
    changes = {q.id: q for q in overrides_bank.questions}

    def patch(bank: Bank) -> Bank:
        questions = []
        for question in bank.questions:
            change = changes.pop(question.id, None)
            if change is None:
                questions.append(question)
            else:
                overridden[question.id] = question
                questions.append(dataclasses.replace(change, bank_id=bank.id))
        return dataclasses.replace(bank, questions=tuple(questions))

    patched = [patch(bank) for bank in bundled]
    rest = [patch(bank) for bank in user if bank is not overrides_bank]
    if changes:  # changes to questions that no longer exist: still the user's text
        orphans = tuple(q for q in overrides_bank.questions if q.id in changes)
        rest.insert(0, dataclasses.replace(overrides_bank, questions=orphans))
    return patched, rest


def _claim_ids(bank: Bank, owners: dict[str, str], problems: list[Problem]) -> Bank:
    """``bank`` without the questions whose ids an earlier bank of its folder already holds.

    ``owners`` maps every id claimed so far in the folder to where it is defined
    (``FILE:LINE``) and is updated.
    """
    path = bank.path or bank.id
    kept: list[Question] = []
    for question in bank.questions:
        first = owners.get(question.id)
        if first is None:
            owners[question.id] = _location(path, question.line)
            kept.append(question)
            continue
        message = f"duplicate id '{question.id}' (already defined in {first})"
        problems.append(Problem(path, question.line, message, Severity.ERROR))
    if len(kept) == len(bank.questions):
        return bank
    return dataclasses.replace(bank, questions=tuple(kept))


def _location(path: Path | str, line: int | None) -> str:
    return f"{path}:{line}" if line is not None else str(path)


def load_default_catalog(data_dir: Path) -> Catalog:
    """The catalog of the bundled banks and the user's banks in ``data_dir``/banks."""
    data_paths = paths.DataPaths(data_dir)
    cache = ParseCache(data_paths.bank_cache)
    catalog = load_catalog(paths.bundled_bank_dir(), data_paths.banks, cache=cache)
    cache.prune()
    return catalog
