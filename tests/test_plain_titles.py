"""Questions shown as plain text where Markdown is not rendered: lists, the summary table,
undo labels, the Markdown export's headings and the CSV export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from conftest import open_window
from interview_prep.render.plain import plain_text, plain_title


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("### What is React?", "What is React?"),
        ("_Go_", "Go"),
        ("What does `max_active_runs` do?", "What does max_active_runs do?"),
        ("What is `__init__`?", "What is __init__?"),
        ("Use snake_case_names *here*", "Use snake_case_names here"),
        ("Compare [DAGs](https://example.invalid/dags) and **tasks**", "Compare DAGs and tasks"),
        ("a < b && c > d", "a < b && c > d"),
        ("<b>HTML</b> question", "HTML question"),
        ("C# and c++ \\*escaped\\*", "C# and c++ *escaped*"),
        ("  Plain   question?  ", "Plain question?"),
        ("# Heading\nsecond line **x**", "Heading"),
        ("", ""),
    ],
)
def test_a_title_reads_as_the_rendered_question(markdown: str, shown: str) -> None:
    assert plain_title(markdown) == shown


def test_plain_text_keeps_every_line_of_words() -> None:
    text = "## Why?\n\nBecause **retries** matter:\n\n- one\n- `two`\n\n```\ncode_line()\n```"
    assert plain_text(text) == "Why?\nBecause retries matter:\none\ntwo\ncode_line()"


MARKDOWN_BANK = """\
title: Frontend
questions:
  - id: react
    topic: Frameworks
    question: "### What is React?"
    answer: A library for user interfaces.
  - id: go
    topic: Frameworks
    question: "Why pick _Go_ for a **CLI**?"
    answer: One static binary.
"""


def test_lists_show_questions_without_their_markdown(qtbot: QtBot, data_dir: Path) -> None:
    (data_dir / "banks").mkdir(parents=True, exist_ok=True)
    (data_dir / "banks" / "frontend.yaml").write_text(MARKDOWN_BANK, encoding="utf-8")
    window = open_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: window.browser.topic_list.topLevelItemCount() > 0)
    browser = window.browser
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    (topic,) = browser.topic_list.findItems("Frameworks", flags)
    qtbot.mouseClick(
        browser.topic_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=browser.topic_list.visualItemRect(topic).center(),
    )
    qtbot.waitUntil(lambda: browser.question_list.topLevelItemCount() == 2)
    rows = [
        browser.question_list.topLevelItem(i).text(0)
        for i in range(browser.question_list.topLevelItemCount())
    ]
    assert rows == ["What is React?", "Why pick Go for a CLI?"]
    row = browser.question_list.topLevelItem(rows.index("What is React?"))
    assert row.toolTip(0) == "What is React?"
