"""The set-up dialog: topics grouped by bank, filters by tag, difficulty, kind and due, and
the choices remembered per bank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from conftest import open_window
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.session_setup import SessionSetupDialog

CTRL = Qt.KeyboardModifier.ControlModifier

MY_BANK = """\
title: My SQL set
questions:
  - id: joins
    topic: SQL
    question: Explain the kinds of JOIN.
    answer: Inner, left, right, full.
    tags: [acme]
    difficulty: easy
  - id: window
    topic: SQL
    question: What is a window function?
    answer: A function over a frame of rows.
    tags: [acme]
    difficulty: hard
  - id: index
    topic: SQL
    question: When does an index not help?
    answer: Low selectivity.
  - id: story
    topic: People
    question: Tell me about a conflict.
    answer: Situation, task, action, result.
    kind: behavioral
    tags: [acme]
"""


def open_setup(qtbot: QtBot, window: MainWindow) -> SessionSetupDialog:
    qtbot.keyClick(window.question_list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(QDialog, "sessionSetupDialog")
    assert isinstance(dialog, SessionSetupDialog) and dialog.isVisible()
    return dialog


def bank_row(dialog: SessionSetupDialog, title: str) -> QTreeWidgetItem:
    found = dialog.topic_list.findItems(title, Qt.MatchFlag.MatchExactly)
    assert found, title
    return found[0]


def tick(qtbot: QtBot, dialog: SessionSetupDialog, item: QTreeWidgetItem) -> None:
    """Space on the row: its check box changes, as a user would do it."""
    dialog.topic_list.setCurrentItem(item)
    qtbot.keyClick(dialog.topic_list, Qt.Key.Key_Space)


def choose(combo: QComboBox, value: str) -> None:
    combo.setFocus()
    combo.setCurrentIndex(combo.findData(value))


def available(dialog: SessionSetupDialog) -> str:
    return dialog.available_label.text()


def test_two_clicks_to_one_banks_tagged_questions(qtbot: QtBot, data_dir: Path) -> None:
    (data_dir / "banks").mkdir(parents=True)
    (data_dir / "banks" / "my-sql.yaml").write_text(MY_BANK)
    window = open_window(qtbot, data_dir)
    dialog = open_setup(qtbot, window)
    titles = [dialog.topic_list.topLevelItem(i).text(0) for i in range(3)]
    assert "My SQL set" in titles and len(titles) == 3  # the two bundled banks and mine
    mine = bank_row(dialog, "My SQL set")
    assert [mine.child(i).text(0) for i in range(mine.childCount())] == ["SQL", "People"]

    qtbot.mouseClick(dialog.findChild(type(dialog.begin_button), "noTopicsButton"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert available(dialog) == "of 0 available" and not dialog.begin_button.isEnabled()
    tick(qtbot, dialog, mine)  # the bank: all its topics
    assert all(mine.child(i).checkState(0) == Qt.CheckState.Checked for i in range(2))
    assert available(dialog) == "of 4 available"
    choose(dialog.tag_combo, "acme")
    assert available(dialog) == "of 3 available"
    choose(dialog.kind_combo, "behavioral")
    assert available(dialog) == "of 1 available"
    choose(dialog.kind_combo, "")
    choose(dialog.difficulty_combo, "hard")
    assert available(dialog) == "of 1 available"
    dialog.count_spin.setValue(5)
    qtbot.mouseClick(dialog.begin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.engine is not None)
    assert [run.question.id for run in window.engine.runs] == ["window"]


def test_choices_are_remembered_per_bank_and_a_new_bank_joins(qtbot: QtBot, data_dir: Path) -> None:
    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "my-sql.yaml").write_text(MY_BANK)
    window = open_window(qtbot, data_dir)
    dialog = open_setup(qtbot, window)
    mine = bank_row(dialog, "My SQL set")
    qtbot.mouseClick(dialog.findChild(type(dialog.begin_button), "noTopicsButton"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    tick(qtbot, dialog, mine.child(0))  # SQL only
    choose(dialog.tag_combo, "acme")
    dialog.due_check.setChecked(True)
    qtbot.waitUntil(lambda: dialog.due is not None)  # read on the database thread
    assert available(dialog) == "of 0 available"  # nothing is due yet
    dialog.due_check.setChecked(False)
    assert available(dialog) == "of 2 available"
    dialog.count_spin.setValue(1)
    qtbot.mouseClick(dialog.begin_button, Qt.MouseButton.LeftButton)  # remembered on Begin
    qtbot.waitUntil(lambda: window.engine is not None)
    qtbot.keyClick(window.session_view.notes_edit, Qt.Key.Key_Return, CTRL)  # finish
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_view)
    (banks / "later.yaml").write_text(
        "title: Later\nquestions:\n  - topic: Kafka\n    question: What is a partition?\n"
        "    answer: An ordered log.\n    tags: [acme]\n"
    )
    window.watcher.reload()  # as when the folder changes
    qtbot.waitUntil(lambda: len(window.catalog.banks) == 4)
    dialog = open_setup(qtbot, window)
    mine = bank_row(dialog, "My SQL set")
    assert mine.child(0).checkState(0) == Qt.CheckState.Checked
    assert mine.child(1).checkState(0) == Qt.CheckState.Unchecked  # as left
    later = bank_row(dialog, "Later")
    assert later.child(0).checkState(0) == Qt.CheckState.Checked  # new: joins in
    assert dialog.tag_combo.currentData() == "acme"
    assert available(dialog) == "of 3 available"  # joins, window (SQL, acme) and partition
