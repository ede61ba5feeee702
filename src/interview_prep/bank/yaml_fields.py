"""The fields of a YAML bank file: their names, and how each value is checked and converted.

:mod:`interview_prep.bank.yaml_read` uses the converters on every field it reads;
:mod:`interview_prep.bank.yaml_write` cleans text with :func:`clean_text` the same way.

* **Text is text.** Text fields take a scalar as it was written, so ``question: yes`` or
  ``topic: 2024`` mean the strings ``"yes"`` and ``"2024"``, not a boolean and a number. Text
  is stripped, and trailing white space is removed from every line (it is invisible, and
  PyYAML cannot write a ``|`` block with it), so what is loaded is exactly what
  :func:`~interview_prep.bank.yaml_write.dump_bank` writes back.
* **Converters** (``to_text``, ``to_tags``, ``to_kind``, ``to_difficulty``, ``to_time_limit``)
  take a :class:`Field` and return its value, or raise :class:`FieldError` with a message
  for the person who wrote the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import yaml

from interview_prep.bank.model import Difficulty, Kind

__all__ = [
    "BANK_SUFFIXES",
    "DEFAULT_FIELDS",
    "QUESTION_FIELDS",
    "TOP_LEVEL_FIELDS",
    "Field",
    "FieldError",
    "clean_text",
    "describe",
    "to_difficulty",
    "to_kind",
    "to_tags",
    "to_text",
    "to_time_limit",
]

#: File name endings of bank files.
BANK_SUFFIXES: Final = (".yaml", ".yml")
#: Keys of the top-level mapping, in the order
#: :func:`~interview_prep.bank.yaml_write.dump_bank` writes them.
TOP_LEVEL_FIELDS: Final = ("title", "description", "source", "defaults", "questions")
#: Keys of a question entry, in the order
#: :func:`~interview_prep.bank.yaml_write.dump_bank` writes them.
QUESTION_FIELDS: Final = (
    "id",
    "topic",
    "question",
    "answer",
    "tags",
    "difficulty",
    "kind",
    "time_limit",
)
#: Keys allowed under ``defaults``.
DEFAULT_FIELDS: Final = ("topic", "tags", "difficulty", "kind", "time_limit")

_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


class FieldError(Exception):
    """One field of an entry (or of ``defaults``) has a bad value."""


@dataclass(frozen=True, slots=True)
class Field:
    """A key of a mapping with its constructed value, its value node and the key's line."""

    name: str
    value: object
    node: yaml.Node
    line: int


def describe(value: object) -> str:
    """What kind of value ``value`` is, in words for an error message."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def clean_text(text: str) -> str:
    """``text`` with ``\\n`` line breaks, no trailing white space on any line, stripped.

    YAML counts ``\\r``, NEL, LS and PS as line breaks too and would not read them back as
    they were written, so they all become ``\\n``.
    """
    text = _LINE_BREAKS.sub("\n", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _scalar_text(value: object, node: yaml.Node) -> str | None:
    """A scalar as text: strings as they are, numbers, dates and yes/no as written."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(node, yaml.ScalarNode) and not isinstance(value, bytes):
        return str(node.value)
    return None


def to_text(field: Field) -> str | None:
    if field.value is None:
        return None
    text = _scalar_text(field.value, field.node)
    if text is None:
        raise FieldError(f"'{field.name}' must be text, not {describe(field.value)}")
    return clean_text(text)


def to_tags(field: Field) -> tuple[str, ...] | None:
    """A list of tags, or a single one; tags are cleaned, and empty or repeated ones dropped."""
    if field.value is None:
        return None
    items: list[tuple[object, yaml.Node]]
    if isinstance(field.value, list) and isinstance(field.node, yaml.SequenceNode):
        items = list(zip(field.value, field.node.value, strict=True))
    else:
        items = [(field.value, field.node)]
    tags: list[str] = []
    for value, node in items:
        text = _scalar_text(value, node)
        if text is None:
            raise FieldError(
                f"'{field.name}' must be a list of text items such as [airflow, internals], "
                f"not {describe(field.value)}"
                + (f" containing {describe(value)}" if value is not field.value else "")
            )
        tag = clean_text(text)
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _choice(field: Field, allowed: tuple[str, ...]) -> str:
    """One of ``allowed``, ignoring case, and taking ``_`` or spaces for ``-``."""
    text = _scalar_text(field.value, field.node)
    if text is not None:
        normal = "-".join(text.strip().lower().replace("_", " ").split())
        if normal in allowed:
            return normal
    given = f"'{text.strip()}'" if text is not None else describe(field.value)
    raise FieldError(f"'{field.name}' must be one of {', '.join(allowed)} (not {given})")


def to_kind(field: Field) -> Kind:
    return Kind(_choice(field, tuple(k.value for k in Kind)))


def to_difficulty(field: Field) -> Difficulty:
    return Difficulty(_choice(field, tuple(d.value for d in Difficulty)))


# A day: no answer is timed longer, and every value fits the store's integers.
MAX_TIME_LIMIT = 24 * 60 * 60


def to_time_limit(field: Field) -> int:
    value = field.value
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_TIME_LIMIT:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_TIME_LIMIT:
        raise FieldError(
            f"'{field.name}' is {value} seconds, longer than a day; "
            f"give at most {MAX_TIME_LIMIT} seconds"
        )
    text = _scalar_text(value, field.node)
    given = f"'{text}'" if text is not None else describe(value)
    raise FieldError(
        f"'{field.name}' must be a positive whole number of seconds, such as 180 (not {given})"
    )
