"""``AnswerView``: the one widget that shows rendered markdown (questions and answers).

It shows one or more *sections* (say, a question and its answer), each rendered by
``interview_prep.render`` through a shared ``RenderCache``. Folds (``<details>``) open and
close on a click on their summary; their numbers run on across sections so a click always
toggles the right one. Links never navigate the pane: web and mail links go to the system
browser, anything else is ignored. Images load only from the bank's folder, and nothing is
ever fetched from the network (``loadResource`` refuses every other URL).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from ..render import RenderCache, theme_for
from ..render.details import SCHEME as DETAILS_SCHEME
from ..render.details import count_folds
from ..render.limits import plain_html
from .tasks import run_in_background

EXTERNAL_SCHEMES = {"http", "https", "mailto"}
#: Markdown not rendered yet is rendered on a worker thread: a few milliseconds for most
#: answers, but 100–700 ms for 4–20 KB of many small code blocks or of unclosed links, which
#: no size limit tells apart beforehand. What was shown stays meanwhile; a render still
#: running after this long shows its text plainly until it is done.
PLAIN_AFTER_MS = 80
#: How much of a text still rendering is shown meanwhile.
PLAIN_PREVIEW_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class Section:
    """A piece of markdown to show; ``emphasis`` draws it larger (a question)."""

    markdown: str
    key: str | None = None
    emphasis: bool = False


def plain_notes_markdown(notes: str) -> str:
    """The user's plain-text notes as markdown that shows them verbatim (a text block)."""
    fence = "````" if "```" in notes else "```"
    return f"{fence}text\n{notes.strip()}\n{fence}" if notes.strip() else "*No notes.*"


class AnswerView(QTextBrowser):
    """A read-only pane of rendered markdown (rendered off the UI thread: ``rendered``
    follows each new content, at once when it was rendered before)."""

    externalLinkOpened = Signal(QUrl)
    #: The content asked for last is shown, rendered.
    rendered = Signal()

    def __init__(self, cache: RenderCache | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cache = cache or RenderCache()
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self._sections: list[Section] = []
        self._caption: str | None = None
        self._base_dir: Path | None = None
        self._expanded: set[int] = set()
        self._dark = False
        self._font_delta = 0
        self._generation = 0  # which content a background render was started for
        self._shown = 0  # the generation whose rendered markup is on screen
        self._query = ""  # the words ``highlight`` marks, in every content shown
        self._place: tuple[Sequence[str], ...] = ()  # ``show_place`` texts, once rendered
        self._base_point_size = self.font().pointSizeF()
        # Words up to render.limits.MAX_WORD_CHARS wrap instead of widening the page.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(12)
        self._apply_document_style()

    # -- content ------------------------------------------------------------------------
    def show_markdown(
        self, text: str, *, key: str | None = None, base_dir: Path | None = None
    ) -> None:
        self.show_sections([Section(text, key)], base_dir=base_dir)

    def show_sections(
        self,
        sections: list[Section],
        *,
        base_dir: Path | None = None,
        caption: str | None = None,
    ) -> None:
        """Show ``sections`` one under the other, folds closed, scrolled to the top."""
        self._sections = list(sections)
        self._base_dir = base_dir
        self._caption = caption
        self._expanded = set()
        self.setExtraSelections([])
        self._place = ()
        self._render(keep_scroll=False)

    def clear_content(self) -> None:
        self._generation += 1  # a render under way is of content no longer wanted
        self._shown = self._generation
        self._sections = []
        self._caption = None
        self.clear()
        self.rendered.emit()

    @property
    def rendering(self) -> bool:
        """Whether the content asked for last is still being rendered."""
        return self._shown != self._generation

    def toggle_fold(self, number: int) -> None:
        self._expanded ^= {number}
        self._render(keep_scroll=True)

    # -- appearance ---------------------------------------------------------------------
    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._apply_document_style()
            self._render(keep_scroll=True)

    @property
    def dark(self) -> bool:
        return self._dark

    def set_font_delta(self, delta: int) -> None:
        """Draw text ``delta`` points larger (or smaller) than the default size."""
        self._font_delta = delta
        font = self.font()
        font.setPointSizeF(max(4.0, self._base_point_size + delta))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._render(keep_scroll=True)

    @property
    def font_delta(self) -> int:
        return self._font_delta

    def _apply_document_style(self) -> None:
        theme = theme_for(self._dark)
        self.document().setDefaultStyleSheet(
            f"a {{ color: {theme.link}; }}"
            f" blockquote {{ color: {theme.muted}; }}"
            f" .caption {{ color: {theme.muted}; }}"
        )
        self.setStyleSheet(
            f"QTextBrowser {{ background-color: {theme.background}; color: {theme.text}; }}"
        )

    def _render_jobs(self) -> list[tuple[Section, dict[str, Any]]]:
        """Each section with the arguments its render takes (folds numbered across them)."""
        jobs = []
        first_fold = 0
        for section in self._sections:
            jobs.append(
                (
                    section,
                    {
                        "question_id": section.key,
                        "dark": self._dark,
                        "base_dir": self._base_dir,
                        "expanded": frozenset(self._expanded),
                        "first_fold": first_fold,
                    },
                )
            )
            first_fold += count_folds(section.markdown)
        return jobs

    def _render(self, *, keep_scroll: bool) -> None:
        if not self._sections:
            return
        self._generation += 1  # a background render still running for older content is moot
        generation, jobs, cache = self._generation, self._render_jobs(), self.cache
        if all(cache.cached(section.markdown, **arguments) for section, arguments in jobs):
            self._show_rendered([cache.render(s.markdown, **kw) for s, kw in jobs], keep_scroll)
            return
        run_in_background(  # the newest content wins
            lambda: [cache.render(section.markdown, **kw) for section, kw in jobs],
            lambda markups: self._rendered(generation, markups, keep_scroll),
            owner=self,
        )
        QTimer.singleShot(PLAIN_AFTER_MS, self, lambda: self._show_plain(generation))

    def _rendered(self, generation: int, markups: list[str], keep_scroll: bool) -> None:
        """A background render is done: show it, unless the view moved on meanwhile."""
        if generation == self._generation:
            self._show_rendered(markups, keep_scroll)

    def _show_plain(self, generation: int) -> None:
        """Still rendering: the text as it is (its beginning, for a long one: bounding it
        would take the UI thread as long as the stall it avoids), until the render is done."""
        if generation == self._generation and self.rendering:
            self._show([plain_html(s.markdown[:PLAIN_PREVIEW_CHARS]) for s in self._sections])

    def _show_rendered(self, markups: list[str], keep_scroll: bool) -> None:
        scroll = self.verticalScrollBar().value()
        self._show(markups)
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)
        self._shown = self._generation
        self._mark(self._query)
        if self._place:
            texts, self._place = self._place[0], ()
            self._go_to(texts)
        self.rendered.emit()

    def _show(self, markups: list[str]) -> None:
        parts: list[str] = []
        if self._caption:
            parts.append(f'<p class="caption">{html.escape(self._caption)}</p>')
        for index, (section, markup) in enumerate(zip(self._sections, markups, strict=True)):
            if index:
                parts.append("<hr>")
            if section.emphasis:
                markup = f'<div style="font-size: large; font-weight: 600;">{markup}</div>'
            parts.append(markup)
        self.setHtml("".join(parts))

    def highlight(self, query: str) -> None:
        """Mark every occurrence of the query's words (search results), or none; in this
        content once it is rendered, and in every content after it."""
        self._query = query
        if not self.rendering:
            self._mark(query)

    def _mark(self, query: str) -> None:
        """Words from their start ("sched" marks the start of "scheduler", but "and" nothing
        inside "candidate"), no stop words, and names with symbols ("c++") as typed, not
        followed by a letter (``search_query.highlight_words``)."""
        from ..bank.search_query import highlight_words

        words = highlight_words(query)
        selections: list[QTextEdit.ExtraSelection] = []
        if words:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffd33d"))
            fmt.setForeground(QColor("#1f2328"))
            document = self.document()
            insensitive = QRegularExpression.PatternOption.CaseInsensitiveOption
            for word in words:
                pattern = (
                    rf"\b{re.escape(word)}"
                    if word.isalnum()
                    else rf"(?<![\w.]){re.escape(word)}(?![\w+#])"
                )
                expression = QRegularExpression(pattern, insensitive)
                cursor = document.find(expression)
                while not cursor.isNull() and len(selections) < 500:
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = cursor
                    selection.format = fmt
                    selections.append(selection)
                    cursor = document.find(expression, cursor)
        self.setExtraSelections(selections)

    def show_place(self, texts: Sequence[str], folds: Sequence[int] = ()) -> None:
        """Open ``folds``, scroll to the first of ``texts`` found and mark it (once the
        content is rendered). Tries each text in turn (the fullest first), case-insensitively.
        """
        closed = [number for number in folds if number not in self._expanded]
        if closed:
            self._expanded.update(closed)
            self._render(keep_scroll=True)
        if self.rendering:
            self._place = (list(texts),)
        else:
            self._go_to(texts)

    def _go_to(self, texts: Sequence[str]) -> bool:
        """Scroll to the first of ``texts`` found and mark it; False if none is."""
        document = self.document()
        for text in texts:
            probe = " ".join(text.rstrip("…").split())
            if not probe:
                continue
            cursor = document.find(probe)
            if cursor.isNull():
                continue
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(theme_for(self._dark).found_background))
            fmt.setForeground(QColor(theme_for(self._dark).text))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            self.setExtraSelections([selection])
            place = QTextCursor(cursor)
            place.clearSelection()
            self.setTextCursor(place)
            bar = self.verticalScrollBar()  # the place near the top, not at the bottom edge
            bar.setValue(
                bar.value() + self.cursorRect(place).top() - 2 * self.fontMetrics().height()
            )
            return True
        return False

    # -- links and resources --------------------------------------------------------------
    def _on_anchor(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == DETAILS_SCHEME:
            number = url.path() or url.toString().partition(":")[2]
            if number.isdigit():
                self.toggle_fold(int(number))
        elif scheme in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
            self.externalLinkOpened.emit(url)

    def setSource(
        self,
        name: QUrl | str,
        type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        """Never navigate: the pane only ever shows what ``show_sections`` gave it."""

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        url = QUrl(name)
        if type == QTextDocument.ResourceType.ImageResource.value and url.isLocalFile():
            from ..render.sanitize import local_image  # nh3: not before the first paint

            path = local_image(url.toLocalFile(), self._base_dir)
            if path is not None:
                return super().loadResource(type, QUrl.fromLocalFile(str(path)))
        return None
