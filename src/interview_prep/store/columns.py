"""Session records to and from table rows, by their dataclass fields: no list of names.

The columns of ``attempts`` and ``session_drafts`` are named like the fields of
``AttemptRecord`` and ``Draft`` (``practice.recorder``), so a record becomes a row, and a
row a record, field by field. A value goes in as it is unless its field declares a stored
form (``practice.response.STORED``: the rating as a plain number, the key points as JSON).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from ..practice.response import Response, stored_form

_R = TypeVar("_R", bound=Response)


def to_columns(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` (record fields by name) as the columns of the same names take them."""
    return {name: _convert(name, value, to_column=True) for name, value in values.items()}


def from_columns(row: object, kind: type[_R], **given: Any) -> _R:
    """A ``kind`` record from the columns of ``row`` named like its fields.

    ``given`` supplies the fields the row has no column for, or replaces what it holds.
    """
    values = {
        f.name: _convert(f.name, getattr(row, f.name), to_column=False)
        for f in dataclasses.fields(kind)
        if f.name not in given
    }
    return kind(**values, **given)


def _convert(name: str, value: Any, *, to_column: bool) -> Any:
    form = stored_form(name)
    if form is None or value is None:
        return value
    return form[0](value) if to_column else form[1](value)
