"""Markdown import: turn the Q&A documents people already keep into bank questions.

``read_document`` decodes and repairs a file and returns an ``ImportResult`` (title, topics,
questions, answers, warnings with line numbers). ``to_bank`` gives each question its stable
id; ``merge_banks`` folds a re-import into the bank written last time, so ids, and the
history stored against them, carry over. The stages live in their own modules:
``decode`` (bytes to text), ``scan`` (classified lines), ``layout`` (what marks a question),
``parser`` (the state machine), ``answer`` (answer clean-up), ``verbatim`` (reading back what
``interview_prep.bank.export_markdown`` wrote) and ``progress`` (reports for a dialog).

An import dialog can force the question marker (``question_marker``, one of
``QUESTION_MARKERS``), offer the choices a document has (``detect_candidates``) and follow
a long parse (``progress``); see ``document``.
"""

from __future__ import annotations

from .decode import NotATextDocument
from .document import (
    ImportedQuestion,
    ImportResult,
    MergeReport,
    detect_candidates,
    merge_banks,
    parse_markdown,
    read_document,
    to_bank,
)
from .layout import QUESTION_MARKERS
from .progress import Progress

__all__ = [
    "QUESTION_MARKERS",
    "ImportResult",
    "ImportedQuestion",
    "MergeReport",
    "NotATextDocument",
    "Progress",
    "detect_candidates",
    "merge_banks",
    "parse_markdown",
    "read_document",
    "to_bank",
]
