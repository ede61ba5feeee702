"""The bank browser: search, filters, editing with undo, overrides, external changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from conftest import NETWORK_BANK, rendered
from interview_prep.app import create_window
from interview_prep.paths import bundled_bank_dir
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.question_editor import QuestionEditor


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "net.yaml").write_text(NETWORK_BANK)
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert win.wait_for_index()
    return win


def select_topic(win: MainWindow, text: str) -> None:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    win.topic_list.setCurrentItem(win.topic_list.findItems(text, flags)[0])


def rows(win: MainWindow) -> list[QTreeWidgetItem]:
    tree = win.question_list
    return [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]


def titles(win: MainWindow) -> list[str]:
    return [item.text(0) for item in rows(win)]


def select_question(win: MainWindow, title: str) -> None:
    item = next(i for i in rows(win) if i.text(0).startswith(title))
    win.question_list.setCurrentItem(item)


NO_KEYS = Qt.KeyboardModifier.NoModifier


def open_editor(
    qtbot: QtBot, win: MainWindow, key: Qt.Key = Qt.Key.Key_F2, modifiers: object = NO_KEYS
) -> QuestionEditor:
    win.question_list.setFocus()
    qtbot.keyClick(win.question_list, key, modifiers)  # type: ignore[arg-type]
    editor = win.findChild(QuestionEditor, "questionEditor")
    assert editor is not None and editor.isVisible()
    return editor


def test_search_is_ranked_and_highlighted(qtbot: QtBot, window: MainWindow) -> None:
    select_topic(window, "All topics")
    window.question_list.setFocus()
    qtbot.keyClick(window.question_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.browser.search_box.hasFocus()
    qtbot.keyClicks(window.browser.search_box, "backfill")
    qtbot.waitUntil(lambda: window.browser.result_label.text().endswith("of 84 questions"))
    found = titles(window)
    assert found[0].startswith("Explain the concept of backfilling")
    html = rows(window)[0].data(0, Qt.ItemDataRole.UserRole + 2)
    assert "<mark>" in html and "backfill" in html.lower()
    rendered(qtbot, window.preview)
    assert window.preview.extraSelections()  # the match is marked in the answer too


def test_filters(qtbot: QtBot, window: MainWindow) -> None:
    select_topic(window, "Other")
    assert len(titles(window)) == 4
    window.browser.answer_filter.setCurrentIndex(1)  # with an answer
    assert titles(window) == [] and window.browser.result_label.text() == "0 of 4 questions"
    window.browser.answer_filter.setCurrentIndex(0)
    select_topic(window, "All topics")
    window.browser.kind_filter.setCurrentIndex(window.browser.kind_filter.findData("coding"))
    assert titles(window) == ["What is UDP?"]
    window.browser.kind_filter.setCurrentIndex(0)
    window.browser.due_filter.setChecked(True)  # nothing practised, nothing due
    assert titles(window) == []
    window.browser.due_filter.setChecked(False)
    window.browser.rating_filter.setCurrentIndex(window.browser.rating_filter.count() - 1)
    assert len(titles(window)) == 84  # never practised: all of them


def test_edit_a_question_and_undo(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    select_topic(window, "Transport")
    select_question(window, "What is TCP?")
    editor = open_editor(qtbot, window)
    editor.answer_edit.selectAll()
    qtbot.keyClicks(editor.answer_edit, "Ordered, reliable, connection-oriented.")
    editor.update_preview()
    assert "connection-oriented" in rendered(qtbot, editor.preview)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    path = data_dir / "banks" / "net.yaml"
    assert "Ordered, reliable, connection-oriented." in path.read_text()
    assert path.read_text().startswith("# my own questions")  # the rest of the file kept
    # The banks are read again on a worker thread: the preview follows a moment later.
    qtbot.waitUntil(lambda: "connection-oriented" in window.preview.toPlainText(), timeout=5000)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.question_list.setFocus()
    qtbot.keyClick(window.question_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "A reliable byte stream." in path.read_text()
    assert window.catalog.by_id()["tcp"].answer == "A reliable byte stream."
    qtbot.keyClick(
        window.question_list,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.catalog.by_id()["tcp"].answer == "Ordered, reliable, connection-oriented."


def test_add_a_question(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    select_topic(window, "Transport")
    editor = open_editor(
        qtbot,
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.windowTitle() == "Add a question"
    qtbot.keyClicks(editor.question_edit, "What is QUIC?")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    added = data_dir / "banks" / "my-questions.yaml"
    assert "What is QUIC?" in added.read_text()
    new = next(q for q in window.catalog.questions() if q.question == "What is QUIC?")
    assert new.topic == "Transport" and new.id.startswith("what-is-quic-")


def test_delete_and_undo(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    select_topic(window, "Transport")
    select_question(window, "What is UDP?")
    window.question_list.setFocus()
    qtbot.keyClick(window.question_list, Qt.Key.Key_Delete)
    assert "udp" not in window.catalog.by_id()
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    qtbot.keyClick(window.question_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [q.id for q in window.catalog.questions() if q.topic == "Transport"] == ["tcp", "udp"]


def test_override_a_bundled_question_and_revert(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    bundled_file = bundled_bank_dir() / "airflow-questions.yaml"
    before = bundled_file.read_text()
    select_topic(window, "Other")
    first = titles(window)[0]
    select_question(window, first)
    assert not window.browser.delete_button.isEnabled()  # bundled: edit, don't delete
    editor = open_editor(qtbot, window)
    assert editor.banner.isVisible() and "override" in editor.banner_label.text()
    qtbot.keyClicks(editor.answer_edit, "Split where retries or resources differ.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert bundled_file.read_text() == before
    assert "Split where retries" in (data_dir / "banks" / "overrides.yaml").read_text()
    qtbot.waitUntil(lambda: titles(window)[0] == first + " ✎", timeout=5000)  # same place
    assert window.browser.revert_button.isVisible()
    qtbot.mouseClick(
        window.findChild(QPushButton, "revertOverrideButton"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: titles(window)[0] == first, timeout=5000)
    question = window.browser.current_question()
    assert question is not None and question.answer is None


def test_a_file_changed_by_another_editor_is_reloaded(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    select_topic(window, "Transport")
    select_question(window, "What is TCP?")
    path = data_dir / "banks" / "net.yaml"
    path.write_text(path.read_text().replace("What is TCP?", "What is TCP, really?"))
    qtbot.waitUntil(lambda: "What is TCP, really?" in titles(window), timeout=5000)


def test_an_unsaved_edit_survives_a_conflicting_change(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    select_topic(window, "Transport")
    select_question(window, "What is TCP?")
    editor = open_editor(qtbot, window)
    editor.answer_edit.setPlainText("My careful answer")
    path = data_dir / "banks" / "net.yaml"
    path.write_text(path.read_text().replace("A reliable byte stream.", "Their answer"))
    qtbot.waitUntil(lambda: editor.banner.isVisible(), timeout=5000)
    assert "changed by another program" in editor.banner_label.text()
    assert editor.answer_edit.toPlainText() == "My careful answer"  # not replaced
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # save = overwrite theirs
    assert "My careful answer" in path.read_text()
    QApplication.processEvents()
    assert window.catalog.by_id()["tcp"].answer == "My careful answer"
    assert window.findChild(QLabel, "bankSummary") is not None


def click_topic(qtbot: QtBot, win: MainWindow, text: str) -> None:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    item = win.topic_list.findItems(text, flags)[0]
    win.topic_list.scrollToItem(item)
    rect = win.topic_list.visualItemRect(item)
    qtbot.mouseClick(win.topic_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_search_covers_every_bank_unless_narrowed(qtbot: QtBot, window: MainWindow) -> None:
    browser = window.browser
    scope = browser.scope_button
    click_topic(qtbot, window, "Other")  # a small topic of the user's bank
    assert not scope.isVisible()
    qtbot.keyClicks(browser.search_box, "sensor")
    qtbot.waitUntil(lambda: not browser._search_timer.isActive())  # typing settled
    assert len(titles(window)) > 4  # from the bundled bank too
    assert window.browser.current_topic() == "All topics"
    assert scope.isVisible() and scope.text() == "in: All topics" and not scope.isEnabled()
    everywhere = len(titles(window))
    assert browser.result_label.text() == f"{everywhere} of 84 questions"

    click_topic(qtbot, window, "Other")  # narrowing: a topic picked while searching
    assert scope.text() == "in: Other ✕" and scope.isEnabled()
    assert len(titles(window)) < everywhere
    qtbot.mouseClick(scope, Qt.MouseButton.LeftButton)  # ✕: every bank again
    assert scope.text() == "in: All topics" and len(titles(window)) == everywhere

    click_topic(qtbot, window, "Other")
    browser.search_box.clear()  # the topic chosen last stays
    assert window.browser.current_topic() == "Other" and not scope.isVisible()
    qtbot.keyClicks(browser.search_box, "sensor")
    browser.search_box.clear()  # not narrowed: back to where the user was
    assert window.browser.current_topic() == "Other"


def test_a_capped_list_says_how_many_matched(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    from conftest import open_window

    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    lines = ["title: Widgets", "questions:"]
    for number in range(340):
        lines += ["  - topic: Widgets", f"    question: How does gizmo {number} render?"]
    (banks / "widgets.yaml").write_text("\n".join(lines) + "\n")
    win = open_window(qtbot, data_dir)
    assert win.wait_for_index()
    qtbot.keyClicks(win.browser.search_box, "gizmo")
    qtbot.waitUntil(lambda: not win.browser._search_timer.isActive())  # typing settled
    assert win.browser.result_label.text() == "300 of 340 matches shown, best first"
    assert len(titles(win)) == 300


def test_the_preview_marks_words_not_stop_words_or_parts_of_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClicks(window.browser.search_box, "what is sens")
    qtbot.waitUntil(lambda: not window.browser._search_timer.isActive())
    assert titles(window)
    rendered(qtbot, window.preview)
    marked = [s.cursor.selectedText() for s in window.preview.extraSelections()]
    assert marked and {text.lower() for text in marked} == {"sens"}  # "Sensor", "sensing"…
    document = window.preview.toPlainText().lower()
    assert " is " in document or "what" in document  # there, and not marked
