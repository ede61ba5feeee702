"""Reading one YAML bank file (the format is described in ``docs/bank-format.md``).

Bank files are written by people, so reading one is forgiving where it can be and precise
where it cannot:

* **Safe loading only.** A bank file is data, and may come from anywhere (a colleague, a
  download). YAML's full loaders can build arbitrary Python objects from tags such as
  ``!!python/object/apply:os.system``, which would run code just by opening a file. So only
  ``yaml.SafeLoader`` (or its libyaml twin ``yaml.CSafeLoader``) is ever used; a file with such
  a tag is rejected with a message naming the tag, and nothing in it is executed.
* **Line numbers from the node tree.** ``yaml.safe_load`` throws away where things were. The
  file is instead composed once into a node tree (``get_single_node``), which keeps a
  ``start_mark`` on every node, and that tree is turned into plain Python data with
  ``construct_document``. The validator walks both side by side, so every problem is reported
  as ``FILE:LINE: message`` with the line of the question entry or of the offending field.
* **Skip what is broken, load the rest.** Whole-file problems (not YAML, not UTF-8, no
  ``title`` or ``questions``) drop the file: ``(None, [error])``. A bad question entry is
  skipped with an error and the other entries still load. Things that do not stop an entry
  from loading (unknown fields, a missing ``id``, an empty answer) are warnings.
* **Text is text.** Field values are checked and converted by
  :mod:`interview_prep.bank.yaml_fields`, which takes text as it was written and cleans it
  exactly as :mod:`interview_prep.bank.yaml_write` does, so a written bank reads back the same.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias, TypeVar

import yaml

from interview_prep.bank import ids
from interview_prep.bank.model import Bank, Difficulty, Kind, Problem, Question, Severity
from interview_prep.bank.yaml_fields import (
    DEFAULT_FIELDS,
    QUESTION_FIELDS,
    TOP_LEVEL_FIELDS,
    Field,
    FieldError,
    describe,
    to_difficulty,
    to_kind,
    to_tags,
    to_text,
    to_time_limit,
)
from interview_prep.paths import file_error_reason, read_regular_file

__all__ = ["parse_bank", "parse_bank_data", "read_bank_file"]

if TYPE_CHECKING:
    _LoaderType: TypeAlias = yaml.SafeLoader | yaml.CSafeLoader

# libyaml's parser is much faster; both are *safe* loaders (plain data only).
_SafeLoader: type[_LoaderType] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Characters YAML does not allow in a stream (YAML 1.1 "printable" set, inverted).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_MERGE_TAG = _YAML_TAG_PREFIX + "merge"
# Keys the safe loader resolves while building a mapping (``<<`` merges, ``=`` values).
_MAPPING_KEY_TAGS = frozenset({_MERGE_TAG, _YAML_TAG_PREFIX + "value"})
_EMPTY_FILE = "empty file: a bank needs a 'title' and a 'questions' list"
# Where YAML ends a line (its marks count NEL, LS and PS too, and a lone CR).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Lists and mappings nested deeper than this are refused (a bank nests three or four).
MAX_NESTING = 200
_TOO_DEEP = "invalid YAML: lists or mappings nested too deeply"

_T = TypeVar("_T")


def read_bank_file(path: Path, *, bundled: bool = False) -> tuple[Bank | None, list[Problem]]:
    """Read and parse the bank file at ``path``; unreadable or non-UTF-8 files are problems."""
    try:
        data = read_regular_file(path)
    except OSError as exc:
        reason = file_error_reason(exc)
        return None, [Problem(path, None, f"cannot read the file: {reason}")]
    return parse_bank_data(data, path, bundled=bundled)


def parse_bank_data(
    data: bytes, path: Path, *, bundled: bool = False
) -> tuple[Bank | None, list[Problem]]:
    """Parse the bytes ``data`` of the bank file ``path``; non-UTF-8 data is a problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # ``exc.object`` is the data after a BOM, which ``exc.start`` counts in.
        line = _line_at(exc.object[: exc.start].decode("utf-8"))
        byte = exc.object[exc.start]
        message = f"not UTF-8 text (byte 0x{byte:02x}); save the file with UTF-8 encoding"
        return None, [Problem(path, line, message)]
    return parse_bank(text, path, bundled=bundled)


def parse_bank(
    text: str, path: Path, *, bundled: bool = False
) -> tuple[Bank | None, list[Problem]]:
    """Parse the YAML ``text`` of the bank file ``path`` (whose stem is the bank id).

    Returns the bank, or ``None`` when the whole file is unusable, and every problem found,
    in file order. Broken question entries are left out of the bank and reported as errors.
    """
    return _BankParser(text, path, bundled=bundled).parse()


class _FileError(Exception):
    """The whole file is unusable."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True, slots=True)
class _Defaults:
    topic: str | None = None
    tags: tuple[str, ...] | None = None
    difficulty: Difficulty | None = None
    kind: Kind | None = None
    time_limit: int | None = None


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _BankParser:
    """Validates one bank file: walks the node tree and the constructed data side by side."""

    def __init__(self, text: str, path: Path, *, bundled: bool) -> None:
        self.text = text
        self.path = path
        self.bundled = bundled
        self.bank_id = path.stem
        self.problems: list[Problem] = []
        # question number -> (line, why): entries with a value YAML could not construct.
        self.unreadable: dict[int, tuple[int, str]] = {}

    # -- reporting

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, Severity.ERROR))

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message, Severity.WARNING))

    # -- whole file

    def parse(self) -> tuple[Bank | None, list[Problem]]:
        try:
            bank = self._parse()
        except _FileError as exc:
            # A node that starts at the end of the text ("---" alone) is on the last line.
            last_line = max(1, len(self.text.splitlines()))
            line = min(exc.line, last_line) if exc.line is not None else None
            return None, [Problem(self.path, line, exc.message, Severity.ERROR)]
        self.problems.sort(key=lambda p: p.line or 0)
        return bank, self.problems

    def _parse(self) -> Bank:
        if not self.text.strip():
            raise _FileError(1, _EMPTY_FILE)
        bad = _NOT_PRINTABLE.search(self.text)
        if bad:
            line = _line_at(self.text, bad.start())
            raise _FileError(line, f"character U+{ord(bad.group()):04X} is not allowed in YAML")
        loader = _SafeLoader(self.text)
        try:
            _check_nesting(self.text)
            return self._parse_document(loader)
        except yaml.MarkedYAMLError as exc:
            raise _yaml_error(exc, _line_at(self.text)) from None
        except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a mark
            raise _FileError(None, f"invalid YAML: {exc}") from None
        except RecursionError:  # the pure-Python composer recurses once per nesting level
            raise _FileError(None, _TOO_DEEP) from None
        finally:
            loader.dispose()

    def _parse_document(self, loader: _LoaderType) -> Bank:
        root = loader.get_single_node()
        if root is None:
            raise _FileError(1, _EMPTY_FILE)
        _check_tags(root)
        self._warn_duplicate_keys(root)
        data = self._construct(loader, root)
        if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
            raise _FileError(
                _line(root),
                "the file must be a mapping with 'title' and 'questions' keys, "
                f"not {describe(data)}",
            )
        fields = _fields(loader, root, data)
        self.warn_unknown(fields, TOP_LEVEL_FIELDS, "")
        title = self._required_title(fields, _line(root))
        description = self._optional_text(fields.get("description"))
        source = self._optional_text(fields.get("source"))
        defaults = self._defaults(loader, fields.get("defaults"))
        questions = self._questions(loader, fields.get("questions"), _line(root), defaults)
        return Bank(
            id=self.bank_id,
            title=title,
            questions=tuple(questions),
            path=self.path,
            description=description,
            source=source,
            bundled=self.bundled,
        )

    def _construct(self, loader: _LoaderType, root: yaml.Node) -> object:
        """The document as Python values.

        A scalar that matches a type's pattern but is no valid value (the date 2024-02-30)
        cannot be constructed. Inside a question entry, that entry alone is skipped (see
        ``unreadable``) and the value is read as text so that the rest loads; anywhere else
        it is the whole file's problem.
        """
        entries = _question_entries(root)
        while True:
            try:
                return loader.construct_document(root)
            except (ValueError, TypeError, OverflowError) as exc:
                _reset(loader)
                node = _find_bad_scalar(loader, root)
                _reset(loader)
                if node is None:
                    raise _FileError(None, f"cannot read a value: {exc}") from None
                index = next(
                    (i for i, entry in enumerate(entries, 1) if _contains(entry, node)), None
                )
                if index is None or node.tag == _STR_TAG:
                    raise _FileError(_line(node), _unreadable(node, exc)) from None
                self.unreadable.setdefault(index, (_line(node), _unreadable(node, exc)))
                node.tag = _STR_TAG

    def _warn_duplicate_keys(self, root: yaml.Node) -> None:
        """YAML silently keeps the last of two equal keys; say so (before merges flatten)."""
        self._warn_duplicates_in(root, "")
        if not isinstance(root, yaml.MappingNode):
            return
        for key_node, value_node in root.value:
            if key_node.value == "defaults":
                self._warn_duplicates_in(value_node, "defaults: ")
            elif key_node.value == "questions" and isinstance(value_node, yaml.SequenceNode):
                for index, item in enumerate(value_node.value, start=1):
                    self._warn_duplicates_in(item, f"question {index}: ")

    def _warn_duplicates_in(self, node: yaml.Node, prefix: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            return
        first_line: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key = str(key_node.value)
            if key in first_line:
                self.warn(
                    _line(key_node),
                    f"{prefix}duplicate key '{key}' (also on line {first_line[key]}); "
                    "the last one is used",
                )
            else:
                first_line[key] = _line(key_node)

    def warn_unknown(self, fields: dict[str, Field], known: tuple[str, ...], prefix: str) -> None:
        for name, field in fields.items():
            if name in known:
                continue
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.warn(field.line, f"{prefix}unknown field '{name}'{hint}")

    def _required_title(self, fields: dict[str, Field], root_line: int) -> str:
        field = fields.get("title")
        if field is None:
            raise _FileError(root_line, "'title' is missing: every bank needs a title")
        try:
            title = to_text(field)
        except FieldError as exc:
            raise _FileError(field.line, str(exc)) from None
        if not title:
            raise _FileError(field.line, "'title' is empty: every bank needs a title")
        return title

    def _optional_text(self, field: Field | None) -> str | None:
        if field is None:
            return None
        try:
            return to_text(field) or None
        except FieldError as exc:
            self.warn(field.line, f"{exc}; ignored")
            return None

    def _defaults(self, loader: _LoaderType, field: Field | None) -> _Defaults:
        """The ``defaults`` mapping; a bad default would mislabel every question, so it is fatal."""
        if field is None or field.value is None:
            return _Defaults()
        if not isinstance(field.value, dict) or not isinstance(field.node, yaml.MappingNode):
            raise _FileError(
                field.line,
                f"'defaults' must be a mapping such as 'topic: Airflow', "
                f"not {describe(field.value)}",
            )
        fields = _fields(loader, field.node, field.value)
        self.warn_unknown(fields, DEFAULT_FIELDS, "defaults: ")

        def get(name: str, convert: Callable[[Field], _T]) -> _T | None:
            sub = fields.get(name)
            if sub is None or sub.value is None:
                return None
            try:
                return convert(sub)
            except FieldError as exc:
                raise _FileError(sub.line, f"defaults: {exc}") from None

        return _Defaults(
            topic=get("topic", to_text) or None,
            tags=get("tags", to_tags),
            difficulty=get("difficulty", to_difficulty),
            kind=get("kind", to_kind),
            time_limit=get("time_limit", to_time_limit),
        )

    # -- questions

    def _questions(
        self, loader: _LoaderType, field: Field | None, root_line: int, defaults: _Defaults
    ) -> list[Question]:
        if field is None:
            raise _FileError(
                root_line, "'questions' is missing: list the bank's questions under 'questions:'"
            )
        if field.value is None:
            raise _FileError(
                field.line,
                "'questions' is empty: write 'questions: []' for a bank with no questions yet",
            )
        if not isinstance(field.value, list) or not isinstance(field.node, yaml.SequenceNode):
            raise _FileError(
                field.line, f"'questions' must be a list of questions, not {describe(field.value)}"
            )
        entries = _EntryParser(self, loader, defaults)
        questions = []
        for index, (node, value) in enumerate(zip(field.node.value, field.value, strict=True), 1):
            question = entries.parse(index, node, value)
            if question is not None:
                questions.append(question)
        return questions


class _EntryParser:
    """Turns question entries into :class:`Question` objects, tracking ids across the file."""

    def __init__(self, bank: _BankParser, loader: _LoaderType, defaults: _Defaults) -> None:
        self.bank = bank
        self.loader = loader
        self.defaults = defaults
        self.id_lines: dict[str, tuple[int, int]] = {}  # id -> (question number, line)
        self.derived_counts: dict[str, int] = {}  # normalised text -> questions with derived ids

    def parse(self, index: int, node: yaml.Node, value: object) -> Question | None:
        bank = self.bank
        entry_line = _line(node)
        where = f"question {index}"
        if index in bank.unreadable:
            line, why = bank.unreadable[index]
            bank.error(line, f"{where} was skipped: {why}")
            return None
        if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
            bank.error(
                entry_line,
                f"{where}: must be a mapping of fields such as 'question:' and 'answer:', "
                f"not {describe(value)}",
            )
            return None
        fields = _fields(self.loader, node, value)
        bank.warn_unknown(fields, QUESTION_FIELDS, f"{where}: ")
        errors: list[tuple[int, str]] = []
        failed: set[str] = set()

        def get(name: str, convert: Callable[[Field], _T]) -> _T | None:
            field = fields.get(name)
            if field is None or field.value is None:
                return None
            try:
                return convert(field)
            except FieldError as exc:
                errors.append((field.line, f"{where}: {exc}"))
                failed.add(name)
                return None

        explicit_id = get("id", to_text)
        question_text = get("question", to_text)
        topic = get("topic", to_text) or self.defaults.topic
        answer = get("answer", to_text)
        tags = get("tags", to_tags)
        difficulty = get("difficulty", to_difficulty)
        kind = get("kind", to_kind)
        time_limit = get("time_limit", to_time_limit)

        if not question_text and "question" not in failed:
            field = fields.get("question")
            if field is None:
                errors.append((entry_line, f"{where}: 'question' is missing"))
            else:
                errors.append((field.line, f"{where}: 'question' is empty"))
        if not topic and "topic" not in failed:
            errors.append(
                (
                    entry_line,
                    f"{where}: no 'topic' (give the question one, "
                    "or set a default topic under 'defaults')",
                )
            )
        if explicit_id:
            first = self.id_lines.get(explicit_id)
            id_line = fields["id"].line
            if first is not None:
                errors.append(
                    (
                        id_line,
                        f"{where}: duplicate id '{explicit_id}' "
                        f"(already used by question {first[0]} on line {first[1]})",
                    )
                )
            else:
                self.id_lines[explicit_id] = (index, id_line)

        if errors or not question_text or not topic:
            for line, message in errors:
                bank.error(line, message)
            return None

        answer_field = fields.get("answer")
        if answer_field is not None and not answer:
            bank.warn(answer_field.line, f"{where}: 'answer' is empty; loaded without an answer")

        question_id = explicit_id or self._derived_id(index, entry_line, question_text)
        return Question(
            id=question_id,
            topic=topic,
            question=question_text,
            answer=answer or None,
            tags=tags if tags is not None else (self.defaults.tags or ()),
            difficulty=difficulty or self.defaults.difficulty,
            kind=kind or self.defaults.kind or Kind.CONCEPT,
            time_limit=time_limit or self.defaults.time_limit,
            bank_id=self.bank.bank_id,
            line=entry_line,
        )

    def _derived_id(self, index: int, line: int, question_text: str) -> str:
        normal = ids.normalise_question(question_text)
        occurrence = self.derived_counts.get(normal, 0) + 1
        question_id = ids.question_id(self.bank.bank_id, question_text, occurrence)
        while question_id in self.id_lines:  # an explicit id above took it: take the next one
            occurrence += 1
            question_id = ids.question_id(self.bank.bank_id, question_text, occurrence)
        self.derived_counts[normal] = occurrence
        self.id_lines[question_id] = (index, line)
        self.bank.warn(
            line,
            f"question {index}: no 'id'; using '{question_id}' "
            f"(add 'id: {question_id}' so that its history stays attached "
            "if the question text is edited)",
        )
        return question_id


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, read by the same loader as the bank files (libyaml when
    there): the two loaders disagree on some flow-style text. Raises ``yaml.YAMLError``."""
    loader = _SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _line_at(text: str, offset: int | None = None) -> int:
    """The 1-based line of ``text`` at ``offset`` (default: its last line), as YAML counts."""
    end = len(text) if offset is None else offset
    return len(_LINE_BREAK.findall(text, 0, end)) + 1


def _check_nesting(text: str) -> None:
    """Refuse a file nested deeper than ``MAX_NESTING`` before building its nodes.

    libyaml builds the node tree recursively in C: a file of some 30,000 nested ``[`` (far
    fewer on a thread with a small stack) overflows the C stack and kills the whole app, on
    every start, as the banks load. Its events come one by one, without recursion, so they
    are counted first. Every level needs one of ``[{-:?``; a file with fewer is let through
    unread.
    """
    if sum(text.count(indicator) for indicator in "[{-:?") <= MAX_NESTING:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    mark = event.start_mark
                    raise _FileError(int(mark.line) + 1 if mark is not None else None, _TOO_DEEP)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml ≥ 0.2.5 (PyYAML 6.0.4's wheels) has a nesting limit of its own, and its
        # scanner reads flow brackets ahead of the events counted here: its error then comes
        # first. Whichever layer notices, the user reads the same problem.
        mark = exc.problem_mark
        if mark is not None and _unclosed_brackets(text, int(mark.index)) > MAX_NESTING:
            raise _FileError(int(mark.line) + 1, _TOO_DEEP) from None
        raise


def _unclosed_brackets(text: str, end: int) -> int:
    """Flow collections opened and not closed before ``end`` (quotes are not told apart)."""
    opened = text.count("[", 0, end) + text.count("{", 0, end)
    return opened - text.count("]", 0, end) - text.count("}", 0, end)


def _yaml_error(exc: yaml.MarkedYAMLError, last_line: int) -> _FileError:
    """The error for ``exc``; lines past ``last_line`` (libyaml's end of stream after a last
    line without a line break) are the last line."""
    if isinstance(exc, yaml.constructor.ConstructorError):
        prefix = "cannot load the file"
    else:
        prefix = "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    line = min(int(mark.line) + 1, last_line) if mark is not None else None
    message = f"{prefix}: {exc.problem or exc.context or 'syntax error'}"
    if exc.problem and exc.context and exc.context_mark is not None:
        context_line = min(int(exc.context_mark.line) + 1, last_line)
        if context_line != line:
            message += f" ({exc.context} on line {context_line})"
        else:
            message += f" ({exc.context})"
    return _FileError(line, message)


def _walk(root: yaml.Node) -> Iterator[yaml.Node]:
    """Every node of the tree once (aliases share nodes, and may even form cycles)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                stack.extend((value_node, key_node))


def _check_tags(root: yaml.Node) -> None:
    """Reject tags the safe loader cannot build, e.g. ``!!python/object``, with a clear message.

    Also reject a ``"\\uD800"`` escape (half of a surrogate pair, which is no character) as
    libyaml does: the pure-Python scanner would let it through into the bank's text.
    """
    known = yaml.SafeLoader.yaml_constructors
    for node in _walk(root):
        if isinstance(node, yaml.ScalarNode) and _LONE_SURROGATE.search(node.value):
            raise _FileError(  # in libyaml's words; only an escape can hold one (see above)
                _line(node),
                "invalid YAML: found invalid Unicode character escape code "
                "(while parsing a quoted scalar)",
            )
        if node.tag in known or node.tag in _MAPPING_KEY_TAGS:
            continue
        tag = str(node.tag)
        if tag.startswith(_YAML_TAG_PREFIX):
            tag = "!!" + tag[len(_YAML_TAG_PREFIX) :]
        raise _FileError(
            _line(node),
            f"unsupported YAML tag '{tag}': bank files may only hold text, numbers, lists "
            "and mappings (the file was not loaded, and nothing in it was run)",
        )


_STR_TAG = "tag:yaml.org,2002:str"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _question_entries(root: yaml.Node) -> list[yaml.Node]:
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if key_node.value == "questions" and isinstance(value_node, yaml.SequenceNode):
                return list(value_node.value)
    return []


def _contains(tree: yaml.Node, node: yaml.Node) -> bool:
    return any(found is node for found in _walk(tree))


def _reset(loader: _LoaderType) -> None:
    """Forget a construction that stopped half-way (PyYAML keeps its state on the loader)."""
    loader.constructed_objects = {}
    loader.recursive_objects = {}
    loader.state_generators = []
    loader.deep_construct = False


def _unreadable(node: yaml.Node, exc: Exception) -> str:
    """Why a scalar cannot be read, and how to keep it as text."""
    text = str(node.value)
    if node.tag == _TIMESTAMP_TAG:
        return f"'{text}' looks like a date but is not one; put it in quotes to keep it as text"
    return f"cannot read the value '{text[:40]}' ({exc}); put it in quotes to keep it as text"


def _find_bad_scalar(loader: _LoaderType, root: yaml.Node) -> yaml.Node | None:
    for node in _walk(root):
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                return node
    return None


def _fields(
    loader: _LoaderType, node: yaml.MappingNode, data: dict[object, object]
) -> dict[str, Field]:
    """The fields of a constructed mapping with their nodes (the last of equal keys wins)."""
    fields: dict[str, Field] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or key not in data:  # only if YAML's own rules differ from ours
            continue
        name = key if isinstance(key, str) else str(key_node.value)
        fields[name] = Field(name, data[key], value_node, _line(key_node))
    return fields
