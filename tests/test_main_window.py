"""The first window, driven like a user would: clicks and keys on real widgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTreeWidget, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from tests.conftest import rendered

from interview_prep.app import create_window
from interview_prep.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def find_item(tree: QTreeWidget, text: str) -> QTreeWidgetItem:
    matches = tree.findItems(text, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)
    assert matches, f"{text!r} not in {tree.objectName()}"
    return matches[0]


def click(qtbot: QtBot, tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def visible_questions(win: MainWindow) -> list[str]:
    tree = win.question_list
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_window_lists_bundled_topics_with_counts(window: MainWindow) -> None:
    topics = window.findChild(QTreeWidget, "topicList")
    assert topics is not None
    assert find_item(topics, "All topics").text(1) == "82"
    assert find_item(topics, "Airflow Questions").text(1) == "46"
    assert find_item(topics, "Architecture").text(1) == "11"
    assert find_item(topics, "Implementations / DAGs").text(1) == "15"
    assert "82 questions in 2 banks" in window.summary_label.text()
    assert "13 without a reference answer" in window.summary_label.text()
    assert not window.problems_button.isVisible()


def test_clicking_a_topic_lists_its_questions(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.topic_list, find_item(window.topic_list, "Other"))
    assert visible_questions(window) == [
        "What are good rules of thumb for separating out a Task in Airflow?",
        "How are Python packages and their environments managed in Airflow?",
        "How are different versions of Python managed in Airflow?",
        "What is the difference between KubernetesExecutor and KubernetesPodOperator",
    ]
    assert "No reference answer yet" in rendered(qtbot, window.preview)

    click(qtbot, window.topic_list, find_item(window.topic_list, "Architecture"))
    assert len(visible_questions(window)) == 11
    assert "Scheduler" in rendered(qtbot, window.preview)


def test_keyboard_moves_through_questions(qtbot: QtBot, window: MainWindow) -> None:
    click(qtbot, window.topic_list, find_item(window.topic_list, "Concepts and Usage"))
    window.question_list.setFocus()
    qtbot.keyClick(window.question_list, Qt.Key.Key_Down)
    text = rendered(qtbot, window.preview)
    assert "Give three example of use cases for Apache Airflow." in text
    assert "ETL Pipelines - Made-Up" in text
    qtbot.keyClick(window.question_list, Qt.Key.Key_Down)
    assert "Airflow’s rich web interface" in rendered(qtbot, window.preview)


def test_broken_user_bank_is_reported_and_the_rest_loads(qtbot: QtBot, data_dir: Path) -> None:
    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "broken.yaml").write_text("title: Broken\nquestions:\n  - id: [unclosed\n")
    (banks / "mine.yaml").write_text(
        "title: Mine\nquestions:\n  - id: tcp-1\n    topic: Networking\n"
        "    question: What is TCP?\n    answer: A reliable byte stream.\n"
        "  - id: udp-1\n    topic: Networking\n    question: What is UDP?\n    kind: quiz\n"
    )
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    assert find_item(win.topic_list, "Networking").text(1) == "1"
    assert find_item(win.topic_list, "All topics").text(1) == "83"
    assert win.problems_button.isVisible()
    assert win.problems_button.text() == "2 problems in bank files"
    qtbot.mouseClick(win.problems_button, Qt.MouseButton.LeftButton)
    dialog = win.findChild(QMessageBox, "problemsDialog")
    assert dialog is not None and dialog.isVisible()
    details = dialog.detailedText()
    assert re.search(rf"^{re.escape(str(banks / 'broken.yaml'))}:\d+: invalid YAML", details, re.M)
    assert f"{banks / 'mine.yaml'}:10: " in details  # the bad entry; the good one loaded


def test_window_layout_is_remembered(qtbot: QtBot, data_dir: Path) -> None:
    first = create_window(data_dir)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 540)
    first.splitter.setSizes([200, 560])
    first.close()
    second = create_window(data_dir)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (780, 540)
    assert abs(second.splitter.sizes()[0] - 200) <= 2


def test_damaged_database_is_kept_aside_and_the_user_told(qtbot: QtBot, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    damaged = data_dir / "interview-prep.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    message = win.statusBar().currentMessage()
    kept = [p for p in data_dir.iterdir() if p.name.startswith("interview-prep.sqlite3.corrupt")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == b"this is not a database" * 100
    assert str(kept[0]) in message
    assert find_item(win.topic_list, "All topics").text(1) == "82"


def test_every_control_of_every_screen_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    """What a screen reader says for each control: its accessible name, or a button's text.
    Only Qt's own inner parts (unnamed: headers, a combo box's popup list) are left out."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    window.build_session_screens()
    window.show_review()
    qtbot.waitUntil(lambda: window.review_view is not None)
    dialog = window.open_session_setup()
    assert dialog is not None
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QAbstractSpinBox,
             QPlainTextEdit, QTextEdit)  # fmt: skip
    unnamed = []
    for root in (window, dialog):
        for kind in kinds:
            for control in root.findChildren(kind):
                assert isinstance(control, QWidget)
                if not control.objectName() or control.objectName().startswith("qt_"):
                    continue
                name = control.accessibleName() or (
                    control.text() if isinstance(control, QAbstractButton) else ""
                )
                if not name.strip():
                    unnamed.append(f"{type(control).__name__} {control.objectName()}")
    assert unnamed == []
    dialog.reject()
