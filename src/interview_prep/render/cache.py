"""A small LRU cache of rendered HTML, keyed by question, theme, text and open folds.

The text is part of the key, so an edited question never shows stale HTML; ``invalidate``
also drops a question's entries at once when the bank tells us it changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection
from pathlib import Path
from typing import TypedDict, Unpack

_Key = tuple[str | None, bool, str, Path | None, frozenset[int], int]


class RenderOptions(TypedDict, total=False):
    """How a text is rendered, besides the text (see ``render_answer``)."""

    question_id: str | None
    dark: bool
    base_dir: Path | None
    expanded: Collection[int]
    first_fold: int


def _key(text: str, options: RenderOptions) -> _Key:
    return (
        options.get("question_id"),
        options.get("dark", False),
        text,
        options.get("base_dir"),
        frozenset(options.get("expanded", ())),
        options.get("first_fold", 0),
    )


class RenderCache:
    """Safe to use from several threads (a view renders large answers in the background);
    the rendering itself runs outside the lock."""

    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[_Key, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def render(self, text: str, **options: Unpack[RenderOptions]) -> str:
        key = _key(text, options)
        cached = self._get(key)
        if cached is not None:
            return cached
        from .answer import render_answer  # Python-Markdown: imported on the first render

        markup = render_answer(
            text,
            dark=key[1],
            base_dir=key[3],
            expanded=key[4],
            first_fold=key[5],
        )
        with self._lock:
            self.misses += 1
            self._entries[key] = markup
            if len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return markup

    def cached(self, text: str, **options: Unpack[RenderOptions]) -> bool:
        """Whether ``render(text, **options)`` would be served from the cache."""
        key = _key(text, options)
        with self._lock:
            return key in self._entries

    def _get(self, key: _Key) -> str | None:
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            return cached

    def invalidate(self, question_id: str | None = None) -> None:
        """Forget one question's entries, or everything when no id is given."""
        with self._lock:
            if question_id is None:
                self._entries.clear()
                return
            for key in [k for k in self._entries if k[0] == question_id]:
                del self._entries[key]

    def __len__(self) -> int:
        return len(self._entries)
