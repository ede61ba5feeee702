"""Markdown to safe, rich HTML for Qt (no Qt imported here).

``render_answer`` turns a question or answer into sanitised HTML; ``RenderCache`` keeps
recent results. See ``answer`` for the pipeline. The themes load on their own: the
Markdown engine and the sanitiser are imported only when something is rendered, so a
window can take its colours from ``render.theme`` before they are needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .theme import DARK, LIGHT, AnswerTheme, theme_for

if TYPE_CHECKING:
    from .answer import render_answer
    from .cache import RenderCache

__all__ = ["DARK", "LIGHT", "AnswerTheme", "RenderCache", "render_answer", "theme_for"]


def __getattr__(name: str) -> Any:
    if name == "render_answer":
        from .answer import render_answer

        return render_answer
    if name == "RenderCache":
        from .cache import RenderCache

        return RenderCache
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
