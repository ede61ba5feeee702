"""The import dialog (preview, untick, marker, summary), drag-and-drop, and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from conftest import SEED_README
from interview_prep.app import create_window
from interview_prep.bank.importer import parse_markdown
from interview_prep.bank.yaml_read import read_bank_file
from interview_prep.ui.import_dialog import ImportDialog
from interview_prep.ui.main_window import MainWindow

DOC = """\
# Kafka notes

## Basics

### What is a topic?
A named stream of records.

### What is a partition?
An ordered log.

### What is an offset?
A position in a partition.
"""


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def ready(qtbot: QtBot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.parsed is not None and dialog.import_button.isEnabled())


def test_preview_untick_and_import(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    document = tmp_path / "kafka.md"
    document.write_text(DOC)
    dialog = window.files.open_import(document)
    ready(qtbot, dialog)
    assert dialog.title_edit.text() == "Kafka notes"
    assert "3 questions (3 answered) in 1 topic" in dialog.counts.text()
    topic = dialog.tree.topLevelItem(0)
    assert topic is not None and topic.text(0) == "Basics" and topic.childCount() == 3
    offset = topic.child(2)
    assert offset is not None and offset.text(0) == "What is an offset?" and offset.text(3) == "11"
    offset.setCheckState(0, Qt.CheckState.Unchecked)
    assert "2 to import" in dialog.counts.text()
    dialog.title_edit.setText("Kafka")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "2 added, 0 updated, 0 unchanged, 1 skipped" in dialog.summary.text()
    bank, problems = read_bank_file(window.data_dir / "banks" / "kafka-notes.yaml")
    assert bank is not None and problems == []
    assert bank.title == "Kafka"
    assert [q.question for q in bank.questions] == ["What is a topic?", "What is a partition?"]
    assert "What is a partition?" in [q.question for q in window.catalog.questions()]


def test_warnings_name_lines_and_the_marker_can_be_changed(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.files.open_import(SEED_README)
    ready(qtbot, dialog)
    warnings = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert "line 19: <details> is never closed; it ends at the next question" in warnings
    assert "46 questions (33 answered) in 6 topics" in dialog.counts.text()
    # The chosen reading's count is what the tree holds and will be imported (it said 42).
    assert dialog.marker_combo.currentText().endswith(": 46 questions")
    markers = [dialog.marker_combo.itemData(i) for i in range(dialog.marker_combo.count())]
    assert markers[0] == "heading-3" and "heading-2" in markers
    dialog.marker_combo.setCurrentIndex(markers.index("heading-2"))
    dialog.marker_combo.activated.emit(markers.index("heading-2"))
    qtbot.waitUntil(lambda: dialog.parsed is not None and dialog.parsed.marker == "heading-2")
    assert "46 questions" not in dialog.counts.text()
    found = len(dialog.parsed.bank.questions)
    assert dialog.marker_combo.currentText().endswith(f": {found} questions")
    assert f"{found} questions (" in dialog.counts.text()


def test_a_table_with_contents_and_an_image_imports_as_the_dialog_says(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "offsets.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    document = tmp_path / "kafka.md"
    document.write_text(
        "# Kafka table\n\n## Contents\n\n- [Basics](#basics)\n\n## Basics\n\n"
        "| # | Question | Answer |\n|---|---|---|\n"
        "| 1 | What is a topic? | A named stream. |\n"
        "| 2 | What is an offset? | A position: ![offsets](img/offsets.png) |\n"
        "| 3 | What is a consumer group? | |\n"
    )
    dialog = window.files.open_import(document)
    ready(qtbot, dialog)
    assert dialog.marker_combo.currentText() == "Table rows (| … |): 3 questions"
    rows = dialog.tree.topLevelItem(0)
    assert [rows.child(i).text(1) for i in range(3)] == ["concept · 3 min"] * 3
    assert "3 questions (2 answered) in 1 topic" in dialog.counts.text()
    warnings = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert (
        "line 3: left out as not questions: a table of contents (lines 3, 5); "
        "the header rows of tables of questions (lines 9–10)"
    ) in warnings
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "3 added" in dialog.summary.text()
    banks = window.data_dir / "banks"
    assert (banks / "kafka-table-images" / "img" / "offsets.png").is_file()
    bank, _ = read_bank_file(banks / "kafka-table.yaml")
    assert bank is not None
    assert "kafka-table-images/img/offsets.png" in (bank.questions[1].answer or "")


def test_drag_and_drop_opens_the_import(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    document = tmp_path / "dropped.md"
    document.write_text(DOC)
    ignored = tmp_path / "photo.png"
    ignored.write_bytes(b"\x89PNG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(document)), QUrl.fromLocalFile(str(ignored))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()  # the window says it takes these files
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, drop)
    dialogs = window.findChildren(ImportDialog)
    assert [d.path for d in dialogs] == [document]  # the picture was left out

    only_pictures = QMimeData()
    only_pictures.setUrls([QUrl.fromLocalFile(str(ignored))])
    refused = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, only_pictures, buttons, keys)
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()


def test_export_markdown_and_import_it_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "airflow.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    window.topic_list.setCurrentItem(window.topic_list.findItems("Architecture", flags)[0])
    assert window.files.export_bank() == target
    bank = next(b for b in window.catalog.banks if b.id == "airflow-questions")
    result = parse_markdown(target.read_text(), source=str(target), title=bank.title)
    assert [(q.topic, q.question, q.answer) for q in result.questions] == [
        (q.topic, q.question, q.answer) for q in bank.questions
    ]
