"""Writing one YAML bank file (the format is described in ``docs/bank-format.md``).

:func:`dump_bank` produces the YAML a person would write: keys in the documented order,
multi-line text as ``|`` blocks, no line wrapping, and fields left out when they hold their
default value. Text is cleaned with :func:`~interview_prep.bank.yaml_fields.clean_text`, as
:mod:`interview_prep.bank.yaml_read` cleans it, so reading the result gives the same bank back.

:func:`write_bank_file` replaces the file atomically, so a crash never leaves a half-written
bank.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from interview_prep.bank.model import Bank, Kind, Question
from interview_prep.bank.yaml_fields import clean_text

__all__ = ["dump_bank", "dump_entry", "write_bank_file", "write_text_atomic"]

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_HEADER = "# Interview Prep question bank. The format is described in docs/bank-format.md.\n"


class _FlowList(list[str]):
    """A list written in flow style: ``tags: [airflow, internals]``."""


class _BankDumper(yaml.SafeDumper):
    """A safe dumper that indents lists under their key, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        # PyYAML falls back to a quoted style by itself when a block cannot hold the text.
        return dumper.represent_scalar(_STR_TAG, data, style="|")
    return dumper.represent_str(data)


def _represent_flow_list(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence(_SEQ_TAG, data, flow_style=True)


_BankDumper.add_representer(str, _represent_str)
_BankDumper.add_representer(_FlowList, _represent_flow_list)


def _put_text(data: dict[str, object], name: str, text: str | None) -> None:
    """Set ``data[name]`` to the cleaned ``text``, unless that is empty."""
    cleaned = clean_text(text or "")
    if cleaned:
        data[name] = cleaned


def _question_data(question: Question) -> dict[str, object]:
    data: dict[str, object] = {
        "id": question.id,
        "topic": clean_text(question.topic),
        "question": clean_text(question.question),
    }
    _put_text(data, "answer", question.answer)
    tags = [t for t in (clean_text(tag) for tag in question.tags) if t]
    if tags:
        data["tags"] = _FlowList(tags)
    if question.difficulty is not None:
        data["difficulty"] = str(question.difficulty.value)
    if question.kind is not Kind.CONCEPT:
        data["kind"] = str(question.kind.value)
    if question.time_limit is not None:
        data["time_limit"] = int(question.time_limit)
    return data


def dump_bank(bank: Bank) -> str:
    """The YAML text of ``bank``, laid out as a person would write it.

    Fields at their default (no answer, no tags, no difficulty, kind ``concept``, no time limit)
    are left out; every question gets its ``id`` and ``topic`` (``defaults`` are not written).
    Text is cleaned as :func:`~interview_prep.bank.yaml_read.parse_bank` cleans it, so parsing
    the result gives the same questions back (apart from their line numbers).
    """
    document: dict[str, object] = {"title": clean_text(bank.title)}
    _put_text(document, "description", bank.description)
    _put_text(document, "source", bank.source)
    document["questions"] = [_question_data(q) for q in bank.questions]
    text = yaml.dump(
        document,
        Dumper=_BankDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        indent=2,
        width=float("inf"),
    )
    return _HEADER + _space_questions(text)


def _space_questions(text: str) -> str:
    """Put a blank line between question entries (only entries start at ``"  - "`` there)."""
    lines = text.split("\n")
    try:
        start = lines.index("questions:") + 1
    except ValueError:
        return text
    out = lines[: start + 1]
    for line in lines[start + 1 :]:
        if line.startswith("  - "):
            out.append("")
        out.append(line)
    return "\n".join(out)


def dump_entry(question: Question, *, indent: int = 2) -> str:
    """One question as a ``- id: …`` list entry indented by ``indent`` spaces (with ``\n``)."""
    text = yaml.dump(
        [_question_data(question)],
        Dumper=_BankDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        indent=2,
        width=float("inf"),
    )
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(True))


def write_bank_file(bank: Bank, path: Path) -> None:
    """Write ``bank`` to ``path`` atomically (see :func:`write_text_atomic`)."""
    write_text_atomic(path, dump_bank(bank))


def read_text_exact(path: Path) -> str:
    """The file's text with its line endings as they are ("\r\n" stays), for splicing: a
    change to one entry must not convert every other line."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\n`` line ends) to ``path`` atomically: see
    ``write_bytes_atomic``."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: the old file stays intact if anything fails.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and then
    replace ``path`` with ``os.replace`` (atomic on POSIX and Windows). A symbolic link is
    followed, so the file it points to is replaced and the link is kept.
    """
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_path, mode)
        os.replace(temp_path, path)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows it (not on Windows)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
