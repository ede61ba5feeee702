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

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from ..render import RenderCache, theme_for
from ..render.details import SCHEME as DETAILS_SCHEME
from ..render.details import count_folds
from ..render.sanitize import local_image

EXTERNAL_SCHEMES = {"http", "https", "mailto"}


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
    """A read-only pane of rendered markdown."""

    externalLinkOpened = Signal(QUrl)

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
        self._base_point_size = self.font().pointSizeF()
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
        self._render(keep_scroll=False)

    def clear_content(self) -> None:
        self._sections = []
        self._caption = None
        self.clear()

    def toggle_fold(self, number: int) -> None:
        self._expanded ^= {number}
        self._render(keep_scroll=True)

    @property
    def expanded_folds(self) -> frozenset[int]:
        return frozenset(self._expanded)

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

    def _render(self, *, keep_scroll: bool) -> None:
        if not self._sections:
            return
        scroll = self.verticalScrollBar().value()
        parts: list[str] = []
        if self._caption:
            parts.append(f'<p class="caption">{html.escape(self._caption)}</p>')
        first_fold = 0
        for index, section in enumerate(self._sections):
            if index:
                parts.append("<hr>")
            markup = self.cache.render(
                section.markdown,
                question_id=section.key,
                dark=self._dark,
                base_dir=self._base_dir,
                expanded=self._expanded,
                first_fold=first_fold,
            )
            if section.emphasis:
                markup = f'<div style="font-size: large; font-weight: 600;">{markup}</div>'
            parts.append(markup)
            first_fold += count_folds(section.markdown)
        self.setHtml("".join(parts))
        if keep_scroll:
            self.verticalScrollBar().setValue(scroll)

    def highlight(self, query: str) -> None:
        """Mark every occurrence of the query's words (search results), or none."""
        words = [w for w in re.findall(r"\w+", query) if len(w) > 1]
        selections: list[QTextEdit.ExtraSelection] = []
        if words:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffd33d"))
            fmt.setForeground(QColor("#1f2328"))
            document = self.document()
            for word in words:
                cursor = document.find(word)
                while not cursor.isNull() and len(selections) < 500:
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = cursor
                    selection.format = fmt
                    selections.append(selection)
                    cursor = document.find(word, cursor)
        self.setExtraSelections(selections)

    def show_place(self, texts: Sequence[str], folds: Sequence[int] = ()) -> bool:
        """Open ``folds``, scroll to the first of ``texts`` found and mark it; False if none is.

        Tries each text in turn (the fullest first), case-insensitively.
        """
        closed = [number for number in folds if number not in self._expanded]
        if closed:
            self._expanded.update(closed)
            self._render(keep_scroll=True)
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
            path = local_image(url.toLocalFile(), self._base_dir)
            if path is not None:
                return super().loadResource(type, QUrl.fromLocalFile(str(path)))
        return None
