"""``render_answer``: markdown of a question or answer to safe HTML for Qt's rich text.

The pipeline, each step in its own module:

1. ``blocks.normalise_blocks``: two/three-space list nesting and lists, fences and tables
   right under a paragraph, as CommonMark reads them;
2. ``details.extract_folds``: ``<details>`` cut out, their markdown kept for step 3;
3. Python-Markdown with tables, SuperFences, Pygments highlighting by the fence's language
   (inline styles; an unlabelled fence is plain monospace, never guessed) and md_in_html;
4. the folds put back as a clickable summary with, when expanded, their body;
5. ``sanitize``: local-only images, then nh3;
6. ``qt_html.for_qt``: code blocks, tables, inline code and headings shaped for Qt.

One Markdown instance per theme is kept and reset between uses (building one costs more
than rendering a typical answer).
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

import markdown

from .blocks import normalise_blocks
from .details import PLACEHOLDER_RE, SCHEME, Fold, extract_folds
from .limits import MAX_LAYOUT_COST, TOO_MANY_PARTS, bound, layout_cost, note_html, plain_html
from .qt_html import for_qt
from .sanitize import rewrite_images, sanitize
from .theme import AnswerTheme, theme_for

_BLOCK_HTML = re.compile(r"^(<(?:div|section|article|aside|center)\b)(?![^>]*\bmarkdown=)", re.M)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_lock = threading.Lock()


@lru_cache(maxsize=2)
def _markdown(style: str) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            "md_in_html",
            "pymdownx.superfences",
            "pymdownx.highlight",
        ],
        extension_configs={
            "pymdownx.highlight": {
                "use_pygments": True,
                "noclasses": True,
                "pygments_style": style,
                "guess_lang": False,
                "pygments_lang_class": False,
            },
        },
        output_format="html",
    )


def _convert(text: str, theme: AnswerTheme) -> str:
    engine = _markdown(theme.pygments_style)
    text = normalise_blocks(text)
    with _lock:
        try:
            return _run(engine, _BLOCK_HTML.sub(r'\1 markdown="1"', text))
        except RecursionError:
            pass  # HTML blocks nested too deep for md_in_html: leave their insides as HTML
        try:
            return _run(engine, text)
        except RecursionError:
            return f"<pre>{html.escape(text)}</pre>"


def _run(engine: markdown.Markdown, text: str) -> str:
    engine.reset()
    markup: str = engine.convert(text)
    return markup


def _fold_html(fold: Fold, theme: AnswerTheme, expanded: Collection[int]) -> str:
    is_open = fold.number in expanded
    arrow = "▾" if is_open else "▸"
    summary = _convert(fold.summary, theme)
    summary = re.sub(r"^<p>|</p>$", "", summary.strip())
    link = (
        f'<p><a href="{SCHEME}:{fold.number}" style="text-decoration: none;">'
        f"{arrow} {summary}</a></p>"
    )
    if not is_open:
        return link
    body = _render_tree(fold.body, fold.children, theme, expanded)
    return f'{link}<div style="margin-left: 18px;">{body}</div>'


def _render_tree(
    text: str, folds: list[Fold], theme: AnswerTheme, expanded: Collection[int]
) -> str:
    markup = _convert(text, theme)
    if not folds:
        return markup
    by_number = {fold.number: fold for fold in folds}

    def put_back(match: re.Match[str]) -> str:
        number = int(match.group(1) or match.group(2))
        fold = by_number.get(number)
        return _fold_html(fold, theme, expanded) if fold else ""

    return PLACEHOLDER_RE.sub(put_back, markup)


def render_answer(
    markdown_text: str,
    *,
    dark: bool = False,
    base_dir: Path | None = None,
    expanded: Collection[int] = (),
    first_fold: int = 0,
) -> str:
    """Sanitised HTML of ``markdown_text`` for Qt's rich-text engine.

    ``base_dir`` is the folder of the bank file: images load only from inside it.
    ``<details>`` folds are numbered from ``first_fold`` in document order (so several
    fragments shown together can number theirs apart); ``expanded`` holds the numbers shown
    open, and links to ``details:N`` toggle them. Never fetches anything from the network.
    """
    theme = theme_for(dark)
    if not markdown_text.isascii():  # half a surrogate pair (no file holds one) breaks nh3
        markdown_text = _LONE_SURROGATE.sub("\ufffd", markdown_text)
    bounded = bound(markdown_text)  # nothing may take the engine or Qt too long (limits)
    if bounded.plain:
        return note_html(bounded.note) + plain_html(bounded.text)
    text, folds = extract_folds(bounded.text, [first_fold])
    markup = sanitize(
        rewrite_images(_render_tree(text, folds, theme, expanded), base_dir), base_dir
    )
    shaped = for_qt(markup, theme)
    if layout_cost(shaped) > MAX_LAYOUT_COST:  # too many parts for Qt (limits)
        shaped = for_qt(markup, theme, framed=False)
        if layout_cost(shaped) > MAX_LAYOUT_COST:
            note = " ".join(filter(None, (bounded.note, TOO_MANY_PARTS)))
            return note_html(note) + plain_html(bounded.text)
    return note_html(bounded.note) + shaped
