"""Undo, redo and revert never break a bank file and never lose an outside edit.

The three reproductions of the issue, driven with keys and clicks: an undone add, the
revert of the only override, and an undo over another program's change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from conftest import NETWORK_BANK, open_window
from interview_prep.bank.yaml_read import read_bank_file
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.question_editor import QuestionEditor

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "net.yaml").write_text(NETWORK_BANK)
    win: MainWindow = open_window(qtbot, data_dir)
    assert win.wait_for_index()
    return win


def select(win: MainWindow, topic: str, title: str | None = None) -> None:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    win.topic_list.setCurrentItem(win.topic_list.findItems(topic, flags)[0])
    tree = win.question_list
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(i for i in items if title is None or i.text(0).startswith(title))
    tree.setCurrentItem(item)
    tree.setFocus()


def editor_of(qtbot: QtBot, win: MainWindow, key: Qt.Key, modifiers: object) -> QuestionEditor:
    qtbot.keyClick(win.question_list, key, modifiers)  # type: ignore[arg-type]
    editor = win.bank.editor
    assert isinstance(editor, QuestionEditor) and editor.isVisible()
    return editor


def edit(qtbot: QtBot, win: MainWindow, topic: str, title: str | None = None) -> QuestionEditor:
    """Select a question (the first of ``topic`` by default) and open its editor (F2)."""
    select(win, topic, title)
    return editor_of(qtbot, win, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)


def loads_cleanly(path: Path) -> None:
    bank, problems = read_bank_file(path)
    assert bank is not None and problems == [], problems


def test_undoing_an_add_leaves_a_file_that_loads_and_redo_brings_it_back(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    select(window, "Other")  # a bundled topic
    editor = editor_of(qtbot, window, Qt.Key.Key_N, CTRL_SHIFT)
    assert "my-questions.yaml" in editor.banner_label.text()  # it says where it goes
    qtbot.keyClicks(editor.question_edit, "What is a pool slot?")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    mine = data_dir / "banks" / "my-questions.yaml"
    added = next(q for q in window.catalog.questions() if q.question == "What is a pool slot?")

    qtbot.keyClick(window.question_list, Qt.Key.Key_Z, CTRL)
    loads_cleanly(mine)
    assert added.id not in window.catalog.by_id() and window.catalog.problems == []
    assert window.undo_stack.redoText().startswith("Add")

    qtbot.keyClick(window.question_list, Qt.Key.Key_Z, CTRL_SHIFT)
    loads_cleanly(mine)
    assert added.id in window.catalog.by_id()
    # And the next add into a bundled topic works.
    select(window, "Other")
    editor = editor_of(qtbot, window, Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.keyClicks(editor.question_edit, "What is a trigger rule?")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert any(q.question == "What is a trigger rule?" for q in window.catalog.questions())
    loads_cleanly(mine)


def test_reverting_the_only_override_leaves_a_file_that_loads(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    editor = edit(qtbot, window, "Other")
    qtbot.keyClicks(editor.answer_edit, " My words.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    overrides = data_dir / "banks" / "overrides.yaml"
    revert = window.findChild(QPushButton, "revertOverrideButton")
    qtbot.mouseClick(revert, Qt.MouseButton.LeftButton)
    loads_cleanly(overrides)
    assert window.catalog.overridden == {} and window.catalog.problems == []

    # Another bundled question can still be edited.
    select(window, "Other")
    window.question_list.setCurrentItem(window.question_list.topLevelItem(1))
    editor = editor_of(qtbot, window, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    qtbot.keyClicks(editor.answer_edit, " Also mine.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert len(window.catalog.overridden) == 1
    loads_cleanly(overrides)


def test_an_undo_never_overwrites_another_program_s_edit_unless_asked(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    path = data_dir / "banks" / "net.yaml"
    editor = edit(qtbot, window, "Transport", "What is TCP?")
    editor.answer_edit.setPlainText("Mine: ordered and reliable.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Mine: ordered" in path.read_text()

    path.write_text(path.read_text().replace("Mine: ordered and reliable.", "Theirs."))
    qtbot.waitUntil(lambda: window.catalog.by_id()["tcp"].answer == "Theirs.", timeout=5000)
    assert window.undo_stack.undoText().startswith("Edit")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.question_list.setFocus()
    qtbot.keyClick(window.question_list, Qt.Key.Key_Z, CTRL)

    dialog = window.findChild(QMessageBox, "undoConflictDialog")
    assert dialog is not None and dialog.isVisible()
    assert "changed by another program" in dialog.text()
    assert "Theirs." in path.read_text()  # nothing written
    assert window.undo_stack.count() == 0  # the stack claims no state it is not in
    assert "Could not undo" in window.statusBar().currentMessage()

    put_back = dialog.findChild(QPushButton, "putMineBackButton")
    qtbot.mouseClick(put_back, Qt.MouseButton.LeftButton)  # the user chooses to overwrite
    QApplication.processEvents()
    assert "A reliable byte stream." in path.read_text()  # the undo, made over theirs
    assert window.catalog.by_id()["tcp"].answer == "A reliable byte stream."
    loads_cleanly(path)


def test_an_unchanged_save_writes_nothing_and_keep_notes_is_undoable(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    editor = edit(qtbot, window, "Other")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # no change
    assert not (data_dir / "banks" / "overrides.yaml").exists()
    assert window.catalog.overridden == {}

    unanswered = next(q for q in window.catalog.questions() if not q.has_answer)
    message = window.bank.save_answer(unanswered, "Notes kept as the answer.")
    assert "Ctrl+Z" in message
    assert window.catalog.by_id()[unanswered.id].answer == "Notes kept as the answer."
    window.undo_stack.undo()
    assert window.catalog.by_id()[unanswered.id].answer is None


def test_an_edit_reloads_the_banks_once_not_again_for_the_app_s_own_write(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.bank import loader
    from interview_prep.ui import catalog_watcher

    loads: list[Path] = []
    real = loader.load_default_catalog

    def counting(root: Path) -> object:
        loads.append(root)
        return real(root)

    monkeypatch.setattr(loader, "load_default_catalog", counting)
    editor = edit(qtbot, window, "Transport", "What is TCP?")
    editor.answer_edit.setPlainText("Once.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait(catalog_watcher.RELOAD_DELAY_MS + 400)  # the watcher has seen the write by now
    assert len(loads) == 1
    # Another program's change is still picked up.
    path = data_dir / "banks" / "net.yaml"
    path.write_text(path.read_text().replace("Once.", "Twice."))
    qtbot.waitUntil(lambda: window.catalog.by_id()["tcp"].answer == "Twice.", timeout=5000)
    assert len(loads) == 2
