"""The answer pane, driven with clicks and keys: folds, links, text size, theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.conftest import rendered

from interview_prep.app import create_window
from interview_prep.render import DARK, LIGHT, RenderCache
from interview_prep.ui.answer_view import AnswerView
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.preferences import THEME, ThemeChoice

FOLDED = (
    "Intro text.\n\n<details><summary>Show the example</summary>\n\n"
    "```python\nprint('hidden example')\n```\n</details>\n\nOutro text."
)


@pytest.fixture
def view(qtbot: QtBot) -> AnswerView:
    widget = AnswerView()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def point_of(view: AnswerView, text: str) -> QPoint:
    cursor = view.document().find(text)
    assert not cursor.isNull(), f"{text!r} is not shown"
    cursor.setPosition(cursor.selectionStart() + 2)
    return view.cursorRect(cursor).center()


def click_text(qtbot: QtBot, view: AnswerView, text: str) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, text))


def test_summary_click_expands_and_collapses(qtbot: QtBot, view: AnswerView) -> None:
    view.show_markdown(FOLDED)
    assert "Show the example" in rendered(qtbot, view)
    assert "hidden example" not in view.toPlainText()

    click_text(qtbot, view, "Show the example")
    assert "print('hidden example')" in rendered(qtbot, view)
    assert "Outro text." in view.toPlainText()

    click_text(qtbot, view, "Show the example")
    assert "hidden example" not in rendered(qtbot, view)


def test_link_click_opens_the_browser_and_never_navigates_the_pane(
    qtbot: QtBot, view: AnswerView, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url)) or True)
    view.show_markdown("Read [the Airflow docs](https://airflow.apache.org/docs/) first.")
    rendered(qtbot, view)
    before = view.toHtml()
    click_text(qtbot, view, "the Airflow docs")
    assert [url.toString() for url in opened] == ["https://airflow.apache.org/docs/"]
    assert view.source().isEmpty()
    assert view.toHtml() == before


def test_links_to_other_schemes_do_nothing(
    qtbot: QtBot, view: AnswerView, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    view.show_markdown("[relative](other.md) and [anchor](#top)")
    rendered(qtbot, view)
    click_text(qtbot, view, "relative")
    click_text(qtbot, view, "anchor")
    assert opened == [] and view.source().isEmpty()
    assert "relative and anchor" in view.toPlainText()


def test_only_local_images_from_the_bank_folder_are_loaded(
    view: AnswerView, tmp_path: Path
) -> None:
    image = ROOT_ICON
    view.show_markdown("x", base_dir=image.parent)
    kind = QTextDocument.ResourceType.ImageResource.value
    assert view.loadResource(kind, QUrl.fromLocalFile(str(image))) is not None
    assert view.loadResource(kind, QUrl("https://example.com/a.png")) is None
    assert view.loadResource(kind, QUrl.fromLocalFile(str(tmp_path / "elsewhere.png"))) is None


ROOT_ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "interview-prep.svg"


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    win = create_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_text_size_keys_work_and_are_remembered(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    size = window.preview.font().pointSizeF()
    window.question_list.setFocus()
    qtbot.keyClick(window.question_list, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.question_list, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.preview.font().pointSizeF() == size + 2
    qtbot.keyClick(window.question_list, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.preview.font().pointSizeF() == size + 1
    window.close()

    again = create_window(data_dir)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    assert again.preview.font().pointSizeF() == size + 1
    again.preview.setFocus()
    qtbot.keyClick(again.preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert again.preview.font().pointSizeF() == size


def test_dark_theme_override_is_applied_and_remembered(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    show_first_question_of(qtbot, window, "Implementations / DAGs")  # it has code
    assert not window.preview.dark  # the offscreen platform reports a light scheme
    assert LIGHT.code_background in window.preview.toHtml()
    window.display.theme_actions[ThemeChoice.DARK].trigger()
    assert window.preview.dark
    rendered(qtbot, window.preview)
    assert DARK.code_background in window.preview.toHtml()
    assert QApplication.palette().color(QApplication.palette().ColorRole.Base).name() == (
        DARK.background
    )
    window.close()
    again = create_window(data_dir)
    qtbot.addWidget(again)
    assert again.preview.dark
    again.display.theme_actions[ThemeChoice.SYSTEM].trigger()
    assert not again.preview.dark


def test_following_the_system_switches_when_the_system_does(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.ui import theme

    assert window.preferences.get(THEME) is ThemeChoice.SYSTEM and not window.preview.dark
    monkeypatch.setattr(theme, "system_is_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.preview.dark


def show_first_question_of(qtbot: QtBot, window: MainWindow, topic: str) -> None:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    window.topic_list.setCurrentItem(window.topic_list.findItems(topic, flags)[0])
    window.question_list.setCurrentItem(window.question_list.topLevelItem(0))
    rendered(qtbot, window.preview)


def test_preview_renders_highlighted_code(qtbot: QtBot, window: MainWindow) -> None:
    show_first_question_of(qtbot, window, "Implementations / DAGs")
    html = window.preview.toHtml()
    text = window.preview.toPlainText()
    assert "What is a Sensor in Apache Airflow, and how does it work?" in text
    assert "from airflow import DAG" in text
    assert "#008000" in html  # Pygments keyword colour survived into Qt's document
    assert "```" not in text


def test_an_answer_slow_to_render_never_holds_the_window(qtbot: QtBot) -> None:
    """Every answer is rendered on a worker thread: what was shown stays for a moment, then
    an answer still rendering shows as it is written until it is formatted."""
    view = AnswerView(RenderCache())
    qtbot.addWidget(view)
    view.show_markdown("The answer before.", key="before")
    rendered(qtbot, view)
    slow = "see [ " * 700 + "\n\n**Bold** end."  # unclosed links: ~0.4 s to parse
    view.show_markdown(slow, key="slow")
    assert view.rendering
    assert view.toPlainText().strip() == "The answer before."  # not waited for
    qtbot.waitUntil(lambda: "**Bold** end." in view.toPlainText())  # as written, meanwhile
    assert "Bold end." in rendered(qtbot, view)
    assert "**Bold**" not in view.toPlainText()

    # Another question shown before the render ends wins: the late result is not shown.
    view.show_markdown(slow.replace("note", "other"), key="other")
    view.show_markdown("Short one.", key="short")
    qtbot.wait(800)
    assert view.toPlainText().strip() == "Short one."
