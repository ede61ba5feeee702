"""Feedback on an attempt: the reference answer's key points and which the notes cover.

No Qt here. ``extract_key_points`` reads the points out of an answer's markdown,
``coverage`` checks a draft against them; ``practice.coverage`` keeps the result (with the
user's corrections) for the attempt store.
"""

from __future__ import annotations

from .key_points import KeyPoint, extract_key_points
from .matching import PointResult, coverage

__all__ = ["KeyPoint", "PointResult", "coverage", "extract_key_points"]
