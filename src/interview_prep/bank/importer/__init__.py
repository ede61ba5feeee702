"""Markdown import: turn the Q&A documents people already keep into bank questions.

``read_document`` decodes and repairs a file and returns an ``ImportResult`` (title, topics,
questions, answers, warnings with line numbers). ``to_bank`` gives each question its stable
id; ``merge_banks`` folds a re-import into the bank written last time, so ids, and the
history stored against them, carry over. The stages live in their own modules:
``decode`` (bytes to text), ``scan`` (classified lines), ``layout`` (what marks a question),
``parser`` (the state machine) and ``answer`` (answer clean-up).
"""

from __future__ import annotations

from .decode import NotATextDocument
from .document import (
    ImportedQuestion,
    ImportResult,
    MergeReport,
    merge_banks,
    parse_markdown,
    read_document,
    to_bank,
)

__all__ = [
    "ImportResult",
    "ImportedQuestion",
    "MergeReport",
    "NotATextDocument",
    "merge_banks",
    "parse_markdown",
    "read_document",
    "to_bank",
]
