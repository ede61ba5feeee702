"""The reviewed table of short forms and synonyms the key-point check uses.

Kept as data in ``resources/feedback/terms.yaml`` (not in code) so that it can be read and
reviewed as a list: ``k8s`` stands for kubernetes, "pull" and "extract" count as one word.
Read once, when first needed.
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from ..paths import resources_dir

__all__ = ["abbreviations", "opposite_pairs", "synonym_groups"]


@lru_cache(maxsize=1)
def _table() -> dict[str, object]:
    path = resources_dir() / "feedback" / "terms.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected abbreviations and synonyms")
    return data


def abbreviations() -> dict[str, str]:
    """Short form -> the words it stands for (lower case)."""
    table = _table().get("abbreviations") or {}
    assert isinstance(table, dict)
    return {str(short).lower(): str(long).lower() for short, long in table.items()}


def synonym_groups() -> list[list[str]]:
    """Groups of words that mean the same; the first word names its group."""
    groups = _table().get("synonyms") or []
    assert isinstance(groups, list)
    return [[str(word).lower() for word in group] for group in groups]


def opposite_pairs() -> list[tuple[str, str]]:
    """Pairs of words that say the opposite of each other."""
    pairs = _table().get("opposites") or []
    assert isinstance(pairs, list)
    return [(str(a).lower(), str(b).lower()) for a, b in pairs]
