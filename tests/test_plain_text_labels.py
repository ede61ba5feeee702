"""Bank text is never markup in a label: a topic of ``<img …><font size=7>`` shows as typed.

A bank can come from a stranger. A label in Qt's default (automatic) format renders anything
that looks like HTML, so a topic could show an image and big red text in the session
header, the summary, the review screen and a question's history. This test runs through
every screen that shows a topic or question in a label, with such a bank, and checks what
each label that carries the text would show the user.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QSpinBox, QTreeWidget
from pytestqt.qtbot import QtBot

from conftest import open_window
from interview_prep.ui.main_window import MainWindow

MARK = "SPOOFED"
HOSTILE = f'<img src="x.png"><font size=7 color=red>{MARK}</font>'

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "hostile.yaml").write_text(
        "title: Someone else's bank\n"
        "questions:\n"
        f"  - id: hostile\n    topic: '{HOSTILE}'\n"
        f"    question: 'Why {HOSTILE}?'\n    answer: Because.\n",
        encoding="utf-8",
    )
    win: MainWindow = open_window(qtbot, data_dir, seed=1)
    yield win
    win.close()


def shown_text(label: QLabel) -> str:
    """What the label puts on screen, as text."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def labels_with_the_mark() -> list[QLabel]:
    return [
        widget
        for widget in QApplication.allWidgets()
        if isinstance(widget, QLabel) and MARK in widget.text() and widget.isVisible()
    ]


def assert_shown_as_typed(seen: dict[str, str]) -> None:
    for label in labels_with_the_mark():
        seen[label.objectName() or repr(label)] = label.text()
        assert "<font size=7 color=red>" in shown_text(label), label.objectName()


def test_every_label_showing_bank_text_shows_it_as_typed(qtbot: QtBot, window: MainWindow) -> None:
    seen: dict[str, str] = {}
    # A session on the hostile topic only: the header, then the summary.
    qtbot.keyClick(window.question_list, Qt.Key.Key_N, CTRL)
    dialog = window.findChild(QDialog, "sessionSetupDialog")
    assert dialog is not None
    for item in dialog.topic_items():  # type: ignore[attr-defined]
        item.setCheckState(
            0, Qt.CheckState.Checked if MARK in item.text(0) else Qt.CheckState.Unchecked
        )
    spin = dialog.findChild(QSpinBox, "questionCountSpin")
    assert spin is not None
    spin.setValue(1)
    begin = dialog.findChild(QPushButton, "beginSessionButton")
    qtbot.mouseClick(begin, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.engine is not None)  # stored on the database thread first
    assert window.engine is not None and window.engine.current.question.id == "hostile"
    assert_shown_as_typed(seen)

    notes = window.session_view.notes_edit  # type: ignore[attr-defined]
    qtbot.keyClicks(notes, "my answer")
    qtbot.keyClick(notes, Qt.Key.Key_R, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_1, CTRL)  # Again: the topic is among the weakest
    qtbot.keyClick(notes, Qt.Key.Key_Return, CTRL)
    assert window.pages.currentWidget() is window.summary_view
    assert_shown_as_typed(seen)

    # The review screen, its topic, and the question's history.
    window.show_review()
    qtbot.waitUntil(lambda: window.review_view.topics.topLevelItemCount() > 0)
    window.review_view.select_topic(HOSTILE)
    assert_shown_as_typed(seen)
    questions = window.findChild(QTreeWidget, "topicQuestionsTable")
    assert questions is not None and questions.topLevelItemCount() == 1
    questions.setCurrentItem(questions.topLevelItem(0))
    questions.setFocus()
    qtbot.keyClick(questions, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QDialog, "questionHistoryDialog") is not None)
    history = window.findChild(QDialog, "questionHistoryDialog")
    assert history is not None and history.isVisible()
    assert_shown_as_typed(seen)
    history.close()

    # The run went through every screen named above, and the text was in a label on each.
    assert {"topicLabel", "weakestTopicsLabel", "topicQuestionsLabel", "historySummary"} <= set(
        seen
    )
