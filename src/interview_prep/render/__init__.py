"""Markdown to safe, rich HTML for Qt (no Qt imported here).

``render_answer`` turns a question or answer into sanitised HTML; ``RenderCache`` keeps
recent results. See ``answer`` for the pipeline.
"""

from .answer import render_answer
from .cache import RenderCache
from .theme import DARK, LIGHT, AnswerTheme, theme_for

__all__ = ["DARK", "LIGHT", "AnswerTheme", "RenderCache", "render_answer", "theme_for"]
