"""A session or a topic as a PDF: each question on its own page, with the notes, the key
points and the reference answer rendered as the app renders them.

The Markdown goes through the same ``RenderCache`` as the answer views, light theme, with
every fold (``<details>``) open: code, tables and folds read as on screen. The pages are
laid out by a ``QTextDocument`` and written by Qt's own ``QPdfWriter`` (QtGui: no
QtPrintSupport needed). A session gives a page per question as it went
(``session_pages``); a topic, a page per question with its latest attempt
(``topic_pages``). The Markdown is rendered on a worker (``run_in_background``), the
layout and the writing done on the UI thread, which for a session of twenty questions
takes a fraction of a second. ``PdfPage`` is one question's page.
"""

from __future__ import annotations

import html
import os
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMarginsF, QObject, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QMessageBox, QWidget

from ..bank.model import Question
from ..practice.coverage import from_json
from ..practice.rating import rating_text
from ..practice.summary import SessionSummary
from ..render import RenderCache
from ..render.details import count_folds
from ..render.theme import LIGHT
from ..wording import clock_text
from .answer_view import plain_notes_markdown
from .feedback_text import feedback_markdown, key_points_markdown
from .tasks import run_in_background

PAGE_BREAK = '<p style="page-break-before: always;"></p>'


@dataclass(frozen=True, slots=True)
class PdfPage:
    """One question's page: a heading line, its Markdown parts (rendered) in order, the
    first of them the question."""

    heading: str  # plain text: "3. Sensors · 2:10 of 3:00 · Good"
    parts: tuple[tuple[str, str], ...]  # (title, markdown); the title may be ""
    key: str | None = None  # the question id, for the render cache
    base_dir: Path | None = None  # where the question's images are


def _render_all(cache: RenderCache, pages: Sequence[PdfPage]) -> list[str]:
    """Each page as HTML, folds open (numbered across the page, as the views number them)."""
    rendered = []
    for page in pages:
        pieces = [f'<p style="color: {LIGHT.muted};">{html.escape(page.heading)}</p>']
        first = 0
        for title, markdown in page.parts:
            folds = count_folds(markdown)
            markup = cache.render(
                markdown,
                question_id=page.key,
                dark=False,
                base_dir=page.base_dir,
                expanded=frozenset(range(first, first + folds)),
                first_fold=first,
            )
            first += folds
            if title:
                pieces.append(f"<h3>{html.escape(title)}</h3>")
            if len(pieces) == 1:  # the question, drawn larger, as on screen
                markup = f'<div style="font-size: large; font-weight: 600;">{markup}</div>'
            pieces.append(markup)
        rendered.append("".join(pieces))
    return rendered


def document_for(title: str, pages_html: Sequence[str]) -> QTextDocument:
    """The pages as one document, each question from a new page."""
    document = QTextDocument()
    document.setDefaultStyleSheet(
        f"a {{ color: {LIGHT.link}; }} blockquote {{ color: {LIGHT.muted}; }}"
    )
    body = PAGE_BREAK.join(pages_html)
    document.setHtml(f"<h1>{html.escape(title)}</h1>{body}")
    return document


def write_pdf(document: QTextDocument, path: Path, title: str) -> None:
    """``document`` on A4 pages with 18 mm margins, into ``path``: written beside it first
    and moved into place whole, so an existing file is never left half written. ``OSError``
    when it cannot be written."""
    handle, temporary = tempfile.mkstemp(suffix=".pdf", dir=path.parent)
    os.close(handle)
    try:
        _print(document, Path(temporary), title)
        if Path(temporary).stat().st_size == 0:
            raise OSError(f"nothing could be written to {path}")
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _print(document: QTextDocument, path: Path, title: str) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("Interview Prep")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(96)
    page = writer.pageLayout().paintRectPixels(writer.resolution()).size()
    document.setPageSize(QSizeF(page))
    document.print_(writer)


def export_pdf(
    cache: RenderCache,
    title: str,
    pages: Sequence[PdfPage],
    path: Path,
    done: Callable[[Path], None],
    failed: Callable[[str], None],
    *,
    owner: QObject | None = None,
) -> None:
    """Render ``pages`` on a worker, then lay them out and write ``path``; ``done(path)``,
    or ``failed(reason)`` when the file cannot be written."""

    def write(pages_html: list[str]) -> None:
        try:
            write_pdf(document_for(title, pages_html), path, title)
        except OSError as error:
            failed(f"{path}: {error.strerror or error}")
            return
        done(path)

    run_in_background(lambda: _render_all(cache, pages), write, owner=owner)


def session_pages(
    summary: SessionSummary, base_dir_for: Callable[[str], Path | None]
) -> list[PdfPage]:
    """A page per question of a finished session: how it went, the question, the key points
    (and STAR parts), the notes or the reflection, and the reference answer."""
    pages = []
    for row in summary.rows:
        question = row.question
        heading = (
            f"{row.position + 1}. {question.topic} · {clock_text(row.duration)} of "
            f"{clock_text(row.time_limit)} · {rating_text(row.rating, row.skipped)}"
        )
        parts = _parts(question, feedback_markdown(row), "Your notes", row)
        pages.append(PdfPage(heading, parts, question.id, base_dir_for(question.id)))
    return pages


class _Said(Protocol):
    """An attempt's words: a session's row or a topic's latest attempt."""

    @property
    def spoken(self) -> bool: ...
    @property
    def notes(self) -> str: ...
    @property
    def reflection(self) -> str: ...


def _parts(
    question: Question, feedback: str, notes_title: str, said: _Said | None
) -> tuple[tuple[str, str], ...]:
    """A page's parts: the question, the feedback, what was written or said (if anything
    was tried), the reference answer."""
    parts: list[tuple[str, str]] = [("", question.question)]
    if feedback:
        parts.append(("", feedback))
    if said is not None and said.spoken:
        parts.append(("Talked through out loud", said.reflection.strip() or "*No reflection.*"))
    elif said is not None:
        parts.append((notes_title, plain_notes_markdown(said.notes)))
    answer = question.answer if question.has_answer else "*No reference answer yet.*"
    parts.append(("Reference answer", answer or ""))
    return tuple(parts)


def report_failure(parent: QWidget, reason: str) -> None:
    """A PDF that could not be written: said in a dialog, and on stderr."""
    print(f"interview-prep: the PDF was not written: {reason}", file=sys.stderr)
    QMessageBox.warning(parent, "PDF not written", f"The PDF was not written: {reason}")


@dataclass(frozen=True, slots=True)
class LastAttempt:
    """What a topic's export shows of a question's latest attempt."""

    when: str  # "2026-11-30"
    rating: str  # "Good", "skipped", "not rated"
    notes: str
    key_points: str | None  # the marks, as stored (``coverage.to_json``)
    spoken: bool = False
    reflection: str = ""


def topic_pages(
    questions: Sequence[Question],
    latest: Mapping[str, LastAttempt],
    base_dir_for: Callable[[str], Path | None],
) -> list[PdfPage]:
    """A page per question of a topic: the latest attempt (its notes and key points) if
    there is one, and the reference answer."""
    pages = []
    for number, question in enumerate(questions, start=1):
        last = latest.get(question.id)
        when = f"last practised {last.when} · {last.rating}" if last else "not practised yet"
        marks = from_json(last.key_points) if last is not None else None
        feedback = "\n".join(key_points_markdown(marks or ()))
        parts = _parts(question, feedback, "Your latest notes", last)
        heading = f"{number}. {question.topic} · {when}"
        pages.append(PdfPage(heading, parts, question.id, base_dir_for(question.id)))
    return pages
