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

__all__ = [
    "DARK",
    "LIGHT",
    "AnswerTheme",
    "RenderCache",
    "render_answer",
    "theme_for",
    "warm_up",
]

# Builds both themes' Markdown engines and loads the highlighter's Python lexer.
_WARM_UP_ANSWER = "Warm-up:\n\n```python\nprint('ready')\n```\n\n| a |\n| - |\n| 1 |\n"


def warm_up() -> None:
    """Import Python-Markdown and build its engines (about 70 ms; safe on a worker thread),
    so that the first answer shown does not wait for them."""
    from .answer import render_answer

    for dark in (False, True):
        render_answer(_WARM_UP_ANSWER, dark=dark)


def __getattr__(name: str) -> Any:
    if name == "render_answer":
        from .answer import render_answer

        return render_answer
    if name == "RenderCache":
        from .cache import RenderCache

        return RenderCache
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
