"""Changing questions from inside the app, always in the user's bank folder.

Bundled bank files are never written. A change to a question from a user bank is written
back to its file; a change to a bundled question is stored as a copy with the same id in
``my-answers.yaml`` in the user's folder, which the loader lets override the bundled one,
so history stays attached to the id.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .model import Bank, Catalog, Question
from .yaml_read import read_bank_file
from .yaml_write import write_bank_file

OVERRIDES_FILE = "my-answers.yaml"
OVERRIDES_TITLE = "My answers"


class EditError(RuntimeError):
    """The change could not be saved; the message says why and names the file."""


def _replace(bank: Bank, question: Question) -> Bank:
    questions = [question if q.id == question.id else q for q in bank.questions]
    if all(q.id != question.id for q in bank.questions):
        questions.append(question)
    return dataclasses.replace(bank, questions=tuple(questions))


def save_answer(catalog: Catalog, question: Question, answer: str, user_dir: Path) -> Path:
    """Give ``question`` the reference answer ``answer``; returns the file written."""
    updated = dataclasses.replace(question, answer=answer.strip() or None)
    home = next((b for b in catalog.banks if any(q.id == question.id for q in b.questions)), None)
    if home is not None and not home.bundled and home.path is not None:
        target, bank = home.path, home
    else:
        target = user_dir / OVERRIDES_FILE
        bank = Bank(id=target.stem, title=OVERRIDES_TITLE, questions=(), path=target)
        if target.exists():
            existing, problems = read_bank_file(target)
            if existing is None:
                reason = "; ".join(str(p) for p in problems)
                raise EditError(f"{target} could not be read, so it was left as it is: {reason}")
            bank = existing
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bank_file(_replace(bank, dataclasses.replace(updated, bank_id=bank.id)), target)
    return target
