"""A cache of parsed bank files, so a large bank loads in milliseconds on the next start.

Parsing YAML is the slowest part of start-up with a big bank (about 0.4 s for 5,000
questions, 0.2 s of it in one libyaml call that holds the GIL and so freezes the window
while it runs). The cache stores what parsing a file produced — its bank and its problems —
as JSON in the data folder's ``cache/banks/``, one entry per bank file, keyed by a hash of
the file's exact bytes and of the parser itself. Any change to the file, or a new version of
the app, misses the cache and parses the file again; a damaged or unreadable entry is a miss
too, never an error. Small files are not cached: they parse faster than a cache lookup.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interview_prep import __version__
from interview_prep.bank.model import Bank, Difficulty, Kind, Problem, Question, Severity

__all__ = ["MIN_CACHED_BYTES", "ParseCache", "ParseResult"]

ParseResult = tuple[Bank | None, list[Problem]]

#: Files smaller than this are parsed every time.
MIN_CACHED_BYTES = 64 * 1024
_FORMAT = 1  # bump when the JSON layout below changes
_PARSER_MODULES = ("yaml_read.py", "yaml_fields.py", "model.py", "ids.py")


def _parser_fingerprint() -> str:
    """Changes whenever the parser may parse differently: a new version, or edited sources."""
    parts = [__version__, str(_FORMAT)]
    here = Path(__file__).parent
    for name in _PARSER_MODULES:
        try:
            stat = (here / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


class ParseCache:
    """Parsed bank files stored under ``directory`` (created when first written)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fingerprint = _parser_fingerprint()
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()

    def read(
        self, path: Path, data: bytes, *, bundled: bool, parse: Callable[[], ParseResult]
    ) -> ParseResult:
        """What ``parse()`` returns for the file ``path`` holding ``data``, from the cache
        when ``data`` was parsed before."""
        if len(data) < MIN_CACHED_BYTES:
            return parse()
        entry = self.directory / f"{_digest(str(path.resolve()))}.json"
        self._used.add(entry.name)
        key = _digest(self.fingerprint, str(bundled), data)
        cached = _load(entry, key)
        if cached is not None:
            self.hits += 1
            return cached
        self.misses += 1
        result = parse()
        _store(entry, key, result)
        return result

    def prune(self) -> None:
        """Delete the entries of files not read since this cache was made (deleted banks)."""
        try:
            entries = list(self.directory.glob("*.json"))
        except OSError:
            return
        for entry in entries:
            if entry.name not in self._used:
                entry.unlink(missing_ok=True)


def _digest(*parts: str | bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def _load(entry: Path, key: str) -> ParseResult | None:
    try:
        document = json.loads(entry.read_bytes())
        if document.get("key") != key:
            return None
        return _decode(document)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # missing, half-written or from another layout: parse the file again


def _store(entry: Path, key: str, result: ParseResult) -> None:
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(_encode(key, result)), encoding="utf-8")
        os.replace(temporary, entry)
    except (OSError, ValueError):  # a read-only or full disk only costs the next start time
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _encode(key: str, result: ParseResult) -> dict[str, Any]:
    bank, problems = result
    return {
        "key": key,
        "bank": None
        if bank is None
        else {
            "id": bank.id,
            "title": bank.title,
            "path": None if bank.path is None else str(bank.path),
            "description": bank.description,
            "source": bank.source,
            "bundled": bank.bundled,
            "questions": [
                [
                    q.id,
                    q.topic,
                    q.question,
                    q.answer,
                    list(q.tags),
                    None if q.difficulty is None else q.difficulty.value,
                    q.kind.value,
                    q.time_limit,
                    q.bank_id,
                    q.line,
                ]
                for q in bank.questions
            ],
        },
        "problems": [
            [str(p.path), isinstance(p.path, Path), p.line, p.message, p.severity.value]
            for p in problems
        ],
    }


def _decode(document: dict[str, Any]) -> ParseResult:
    problems = [
        Problem(Path(path) if is_path else path, line, message, Severity(severity))
        for path, is_path, line, message, severity in document["problems"]
    ]
    fields = document["bank"]
    if fields is None:
        return None, problems
    questions = tuple(
        Question(
            id=q[0],
            topic=q[1],
            question=q[2],
            answer=q[3],
            tags=tuple(q[4]),
            difficulty=None if q[5] is None else Difficulty(q[5]),
            kind=Kind(q[6]),
            time_limit=q[7],
            bank_id=q[8],
            line=q[9],
        )
        for q in fields["questions"]
    )
    bank = Bank(
        id=fields["id"],
        title=fields["title"],
        questions=questions,
        path=None if fields["path"] is None else Path(fields["path"]),
        description=fields["description"],
        source=fields["source"],
        bundled=fields["bundled"],
    )
    return bank, problems
