"""A small LRU cache of rendered HTML, keyed by question, theme, text and open folds.

The text is part of the key, so an edited question never shows stale HTML; ``invalidate``
also drops a question's entries at once when the bank tells us it changed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Collection
from pathlib import Path

from .answer import render_answer

_Key = tuple[str | None, bool, str, Path | None, frozenset[int], int]


class RenderCache:
    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[_Key, str] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def render(
        self,
        text: str,
        *,
        question_id: str | None = None,
        dark: bool = False,
        base_dir: Path | None = None,
        expanded: Collection[int] = (),
        first_fold: int = 0,
    ) -> str:
        key: _Key = (question_id, dark, text, base_dir, frozenset(expanded), first_fold)
        cached = self._entries.get(key)
        if cached is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            return cached
        self.misses += 1
        markup = render_answer(
            text, dark=dark, base_dir=base_dir, expanded=expanded, first_fold=first_fold
        )
        self._entries[key] = markup
        if len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return markup

    def invalidate(self, question_id: str | None = None) -> None:
        """Forget one question's entries, or everything when no id is given."""
        if question_id is None:
            self._entries.clear()
            return
        for key in [k for k in self._entries if k[0] == question_id]:
            del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)
