"""Shape sanitised HTML for Qt's rich-text engine, which is not a browser.

Qt draws ``<pre>`` backgrounds and borders badly and ignores CSS on tables, but honours the
old table attributes. So code blocks become a one-cell table with the theme's code
background, tables get ``border``/``cellpadding`` and a shaded header row, inline code a
tinted background and headings sizes relative to the text (so they follow the zoom).
Everything added here is made from the theme's constants, after sanitising. Where there
would be too many tables for Qt to lay out quickly (``limits.layout_cost``), code blocks
are shaded ``<pre>`` blocks instead, their highlighting left out (``framed=False``).
"""

from __future__ import annotations

import re

from .theme import AnswerTheme

_CODE_BLOCK = re.compile(
    r'<div class="highlight"[^>]*>\s*<pre[^>]*>(?:<span></span>)?(?:<code[^>]*>)?(.*?)'
    r"(?:</code>)?</pre>\s*</div>",
    re.DOTALL,
)
_BARE_PRE = re.compile(r"<pre[^>]*>(?:<code[^>]*>)?(.*?)(?:</code>)?</pre>", re.DOTALL)
_HEADING_SIZES = {
    "h1": "x-large",
    "h2": "large",
    "h3": "medium",
    "h4": "medium",
    "h5": "medium",
    "h6": "medium",
}
_TABLE = re.compile(r"<table>")
_TH = re.compile(r"<th(?=[ >])")
_INLINE_CODE = re.compile(r"<code>")
_HEADING = re.compile(r"<(h[1-6])>")
_BACKGROUND = re.compile(r"\bbackground:")
_SPAN = re.compile(r"</?span\b[^>]*>")


def _code_table(body: str, theme: AnswerTheme) -> str:
    return (
        f'<table class="code" width="100%" cellspacing="0" cellpadding="8" '
        f'bgcolor="{theme.code_background}" style="border: 1px solid {theme.border};">'
        f'<tr><td><pre style="color: {theme.text}; white-space: pre-wrap;">{body.rstrip()}</pre>'
        f"</td></tr></table>"
    )


def _shaded_pre(body: str, theme: AnswerTheme) -> str:
    return (
        f'<pre class="code" style="background-color: {theme.code_background}; '
        f'color: {theme.text}; white-space: pre-wrap;">{_SPAN.sub("", body).rstrip()}</pre>'
    )


def for_qt(markup: str, theme: AnswerTheme, *, framed: bool = True) -> str:
    block = _code_table if framed else _shaded_pre
    # Split at highlighted blocks: their bodies at odd places, the rest (which may hold a
    # bare ``<pre>``, from raw HTML) between them.
    parts = _CODE_BLOCK.split(markup)
    markup = "".join(
        block(part, theme) if place % 2 else
        _BARE_PRE.sub(lambda m: block(m.group(1), theme), part) if "<pre" in part else part
        for place, part in enumerate(parts)
    )  # fmt: skip
    return _shape(markup, theme)


def _shape(markup: str, theme: AnswerTheme) -> str:
    """Tables, inline code and headings as Qt shows them best."""
    markup = _TABLE.sub(
        f'<table border="1" cellspacing="0" cellpadding="5" '
        f'style="border-collapse: collapse; border-style: solid; border-color: {theme.border};">',
        markup,
    )
    markup = _TH.sub(f'<th bgcolor="{theme.header_background}"', markup)
    markup = _INLINE_CODE.sub(
        f'<code style="background-color: {theme.inline_code_background};">', markup
    )
    markup = _HEADING.sub(
        lambda m: f'<{m.group(1)} style="font-size: {_HEADING_SIZES[m.group(1)]};">', markup
    )
    return _BACKGROUND.sub("background-color:", markup)
