"""Shape sanitised HTML for Qt's rich-text engine, which is not a browser.

Qt draws ``<pre>`` backgrounds and borders badly and ignores CSS on tables, but honours the
old table attributes. So code blocks become a one-cell table with the theme's code
background, tables get ``border``/``cellpadding`` and a shaded header row, inline code a
tinted background and headings sizes relative to the text (so they follow the zoom).
Everything added here is made from the theme's constants, after sanitising.
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


def _code_table(body: str, theme: AnswerTheme) -> str:
    return (
        f'<table class="code" width="100%" cellspacing="0" cellpadding="8" '
        f'bgcolor="{theme.code_background}" style="border: 1px solid {theme.border};">'
        f'<tr><td><pre style="color: {theme.text}; white-space: pre-wrap;">{body.rstrip()}</pre>'
        f"</td></tr></table>"
    )


def for_qt(markup: str, theme: AnswerTheme) -> str:
    markup = _CODE_BLOCK.sub(lambda m: _code_table(m.group(1), theme), markup)
    if "<pre" in markup:
        parts = re.split(r'(<table class="code".*?</table>)', markup, flags=re.DOTALL)
        markup = "".join(
            part if part.startswith('<table class="code"') else
            _BARE_PRE.sub(lambda m: _code_table(m.group(1), theme), part)
            for part in parts
        )  # fmt: skip
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
