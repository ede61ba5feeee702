"""Changing questions from inside the app, always in the user's bank folder.

* Bundled bank files are never written. A change to a bundled question is stored as a copy
  with the same id in ``overrides.yaml`` in the user's folder; the loader puts it in the
  bundled question's place and remembers the original, so the browser can show and revert
  the override, and history stays attached to the id.
* A change to a question of a user bank is written to that bank's file. Only the lines of
  that entry change (``yaml_splice``): comments and hand formatting elsewhere survive. Every
  write is atomic.
* A file is never rewritten whole: bytes outside the changed entry, comments and entries
  that do not load included, stay as they are. A user bank that cannot be changed entry by
  entry (its list written in flow style, ``questions: [...]``) is left as it is: changes to
  its questions are kept as overrides, like those of bundled questions (``Home.note`` says
  why), and its questions cannot be deleted from the app.
* Each change reads the file as it is *now*. If the entry on disk is no longer what the
  editor started from (another editor changed it), ``ConflictError`` is raised instead of
  overwriting it; the caller decides (show both, overwrite, or reload).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .ids import question_id as derive_id
from .model import OVERRIDES_FILE, Bank, Catalog, Question

# The YAML modules (PyYAML: about 20 ms to import) are imported where a file is read or
# written, not with this module, which the window needs before its first paint.

OVERRIDES_TITLE = "My changes to bundled questions"
MY_QUESTIONS_FILE = "my-questions.yaml"
MY_QUESTIONS_TITLE = "My questions"


class EditError(RuntimeError):
    """The change could not be saved; the message says why and names the file."""


class ConflictError(EditError):
    """The entry changed on disk since the editor read it; nothing was written."""

    def __init__(self, message: str, on_disk: Question | None) -> None:
        super().__init__(message)
        self.on_disk = on_disk


@dataclass(frozen=True, slots=True)
class Home:
    """Where a question's editable copy lives."""

    path: Path
    bundled: bool  # its changes are an override (a bundled question, or a file left alone)
    note: str = ""  # why a user's own question is changed as an override


# A "questions:" list in flow style, [...] with something inside: not changed line by line.
_FLOW_LIST = re.compile(r"^questions:\s*\[(?!\s*\])", re.MULTILINE)


def splice_problem(path: Path) -> str | None:
    """Why the bank file at ``path`` cannot be changed entry by entry, or None."""
    from .yaml_write import read_text_exact

    try:
        text = read_text_exact(path)
    except (OSError, UnicodeDecodeError):
        return None  # reading it again to write it will say what is wrong
    if _FLOW_LIST.search(text):
        return "writes its questions in flow style, [...]"
    return None


def _override_note(path: Path, reason: str) -> str:
    return (
        f"{path.name} {reason}, which the app cannot change without rewriting the whole "
        f"file, so it is left as it is: your changes are kept in {OVERRIDES_FILE}"
    )


def same_question(a: Question | None, b: Question | None) -> bool:
    """Whether two versions of a question say the same (where they were read is ignored)."""
    if a is None or b is None:
        return a is b
    return dataclasses.replace(a, line=None, bank_id="") == dataclasses.replace(
        b, line=None, bank_id=""
    )


def home_of(catalog: Catalog, question_id: str, user_dir: Path) -> Home:
    """The file an edit of ``question_id`` goes to."""
    if question_id in catalog.overridden:
        return Home(user_dir / OVERRIDES_FILE, True)
    for bank in catalog.banks:
        if any(q.id == question_id for q in bank.questions):
            if bank.bundled or bank.path is None:
                return Home(user_dir / OVERRIDES_FILE, True)
            reason = splice_problem(bank.path)
            if reason is not None:
                return Home(user_dir / OVERRIDES_FILE, True, _override_note(bank.path, reason))
            return Home(bank.path, False)
    raise EditError(f"no question with id {question_id!r} in the banks")


def _read(path: Path, title: str) -> Bank:
    if not path.exists():
        return Bank(id=path.stem, title=title, questions=(), path=path)
    from .yaml_read import read_bank_file

    bank, problems = read_bank_file(path)
    if bank is None:
        reason = "; ".join(str(p) for p in problems)
        raise EditError(f"{path} could not be read, so it was left as it is: {reason}")
    return bank


def _write(path: Path, bank: Bank, text: str | None) -> None:
    """Write ``text`` (a splice of the file), or the whole bank for a file not there yet.

    What is written is read back first, as the loader will: a text the loader would refuse,
    or in which a question of ``bank`` would not load, is never written.
    """
    from .yaml_read import parse_bank
    from .yaml_write import dump_bank, write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None and path.exists():  # pragma: no cover - every caller splices then
        raise EditError(f"{path}: the app would have to rewrite it whole; left as it is")
    new_text = text if text is not None else dump_bank(bank)
    written, problems = parse_bank(new_text, path)
    loaded = {q.id for q in written.questions} if written is not None else set()
    if written is None or any(q.id not in loaded for q in bank.questions):
        reason = "; ".join(str(p) for p in problems) or "a question would not load"
        raise EditError(f"{path}: the change would leave the file unreadable ({reason}); "
                        "nothing was written")  # fmt: skip
    write_text_atomic(path, new_text)


def _splice(path: Path, change: Callable[[str], str]) -> str | None:
    """``change`` applied to the file's text (None when there is no file yet)."""
    from .yaml_splice import SpliceError

    text = _text(path)
    if not text.strip():
        return None
    try:
        return change(text)
    except SpliceError as exc:
        raise _CannotSplice(f"{path}: {exc}; nothing was changed", path, str(exc)) from None


class _CannotSplice(EditError):
    def __init__(self, message: str, path: Path, reason: str) -> None:
        super().__init__(message)
        self.path, self.reason = path, reason


def _splicer() -> ModuleType:
    from . import yaml_splice

    return yaml_splice


def _text(path: Path) -> str:
    from .yaml_write import read_text_exact

    return read_text_exact(path) if path.exists() else ""


def save_question(
    catalog: Catalog,
    question: Question,
    user_dir: Path,
    *,
    expected: Question | None = None,
) -> Path:
    """Store ``question`` (matched by id) and return the file written.

    ``expected`` is the version the editor started from; if the file's entry differs from
    it now, ``ConflictError`` is raised and nothing is written. A question whose own file
    turns out not to be changeable entry by entry is kept as an override instead.
    """
    home = home_of(catalog, question.id, user_dir)
    try:
        return _save(catalog, question, home, expected)
    except _CannotSplice as exc:
        if home.bundled:
            raise
        elsewhere = Home(user_dir / OVERRIDES_FILE, True, _override_note(exc.path, exc.reason))
        return _save(catalog, question, elsewhere, expected)


def _save(catalog: Catalog, question: Question, home: Home, expected: Question | None) -> Path:
    title = OVERRIDES_TITLE if home.bundled else home.path.stem
    bank = _read(home.path, title)
    on_disk = next((q for q in bank.questions if q.id == question.id), None)
    if expected is not None:
        original = catalog.overridden.get(question.id) if home.bundled else None
        reference = on_disk if on_disk is not None else original
        if reference is not None and not same_question(reference, expected):
            raise ConflictError(
                f"{home.path}: this question was changed by another program since you "
                "started editing it",
                on_disk,
            )
        if reference is None and not home.bundled:
            raise ConflictError(f"{home.path}: this question was removed from the file", None)
    stored = dataclasses.replace(question, bank_id=bank.id, line=None)
    if on_disk is not None and same_question(on_disk, stored):
        return home.path  # nothing changed: nothing written (and no override made)
    if home.bundled:
        original = catalog.overridden.get(question.id) or _question(catalog, question.id)
        if original is not None and same_question(original, stored):
            if on_disk is not None:  # changed back: the override goes, rather than a copy
                revert_override(question.id, home.path.parent)
            return home.path  # no override that changes nothing
    if on_disk is not None:
        line = on_disk.line
        new_text = _splice(home.path, lambda text: _splicer().replace_entry(text, stored, line))
        questions = tuple(stored if q.id == question.id else q for q in bank.questions)
    else:
        new_text = _splice(home.path, lambda text: _splicer().insert_entry(text, stored))
        questions = (*bank.questions, stored)
    _write(home.path, dataclasses.replace(bank, questions=questions), new_text)
    return home.path


def _check(path: Path, on_disk: Question, expected: Question | None) -> None:
    if expected is not None and not same_question(on_disk, expected):
        raise ConflictError(
            f"{path}: this question was changed by another program since the app last read it",
            on_disk,
        )


def _question(catalog: Catalog, question_id: str) -> Question | None:
    return catalog.by_id().get(question_id)


def save_answer(catalog: Catalog, question: Question, answer: str, user_dir: Path) -> Path:
    """Give ``question`` the reference answer ``answer``; returns the file written."""
    return save_question(
        catalog, dataclasses.replace(question, answer=answer.strip() or None), user_dir
    )


def new_question_id(catalog: Catalog, question_text: str) -> str:
    """A fresh stable id for a question the user adds."""
    taken = set(catalog.by_id())
    occurrence = 1
    while (candidate := derive_id("my-questions", question_text, occurrence)) in taken:
        occurrence += 1
    return candidate


def add_question(
    catalog: Catalog,
    question: Question,
    user_dir: Path,
    *,
    path: Path | None = None,
    index: int | None = None,
) -> Path:
    """Add ``question`` to a user bank (``my-questions.yaml`` unless ``path`` is given)."""
    target = path or user_dir / MY_QUESTIONS_FILE
    bank = _read(target, MY_QUESTIONS_TITLE if target.name == MY_QUESTIONS_FILE else target.stem)
    if any(q.id == question.id for q in bank.questions):
        on_disk = next(q for q in bank.questions if q.id == question.id)
        raise ConflictError(
            f"{target}: there is already a question with id {question.id!r}", on_disk
        )
    stored = dataclasses.replace(question, bank_id=bank.id, line=None)
    new_text = _splice(target, lambda text: _splicer().insert_entry(text, stored, index))
    questions = list(bank.questions)
    questions.insert(len(questions) if index is None else index, stored)
    _write(target, dataclasses.replace(bank, questions=tuple(questions)), new_text)
    return target


def delete_question(
    catalog: Catalog, question_id: str, user_dir: Path, *, expected: Question | None = None
) -> tuple[Path, int]:
    """Remove a question of a user bank; returns its file and index (to undo).

    Bundled questions cannot be deleted (their files are never written). With ``expected``,
    the entry on disk must still be that question (``ConflictError`` otherwise).
    """
    home = home_of(catalog, question_id, user_dir)
    if home.note:
        raise EditError(f"{home.note}; its questions cannot be deleted from the app")
    if home.bundled:
        raise EditError("bundled questions cannot be deleted; you can edit them instead")
    bank = _read(home.path, home.path.stem)
    index = next((i for i, q in enumerate(bank.questions) if q.id == question_id), None)
    if index is None:
        raise ConflictError(f"{home.path}: the question is no longer in the file", None)
    _check(home.path, bank.questions[index], expected)
    line = bank.questions[index].line
    new_text = _splice(home.path, lambda text: _splicer().remove_entry(text, question_id, line)[0])
    questions = bank.questions[:index] + bank.questions[index + 1 :]
    _write(home.path, dataclasses.replace(bank, questions=questions), new_text)
    return home.path, index


def revert_override(question_id: str, user_dir: Path, *, expected: Question | None = None) -> Path:
    """Drop the user's change to a question: the bundled (or file's) version shows again.

    With ``expected``, the change on disk must still be that question (``ConflictError``).
    """
    path = user_dir / OVERRIDES_FILE
    bank = _read(path, OVERRIDES_TITLE)
    found = next((q for q in bank.questions if q.id == question_id), None)
    if found is None:
        raise ConflictError(f"{path}: there is no change to revert for this question", None)
    _check(path, found, expected)
    new_text = _splice(path, lambda text: _splicer().remove_entry(text, question_id, found.line)[0])
    questions = tuple(q for q in bank.questions if q.id != question_id)
    _write(path, dataclasses.replace(bank, questions=questions), new_text)
    return path
