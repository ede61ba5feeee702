"""The answer pane, driven with clicks and keys: folds, links, text size, theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

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
    assert "Show the example" in view.toPlainText()
    assert "hidden example" not in view.toPlainText()

    click_text(qtbot, view, "Show the example")
    assert "print('hidden example')" in view.toPlainText()
    assert "Outro text." in view.toPlainText()

    click_text(qtbot, view, "Show the example")
    assert "hidden example" not in view.toPlainText()


def test_link_click_opens_the_browser_and_never_navigates_the_pane(
    qtbot: QtBot, view: AnswerView, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url)) or True)
    view.show_markdown("Read [the Airflow docs](https://airflow.apache.org/docs/) first.")
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
    show_first_question_of(window, "Implementations / DAGs")  # it has code
    assert not window.preview.dark  # the offscreen platform reports a light scheme
    assert LIGHT.code_background in window.preview.toHtml()
    window.display.theme_actions[ThemeChoice.DARK].trigger()
    assert window.preview.dark
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


def show_first_question_of(window: MainWindow, topic: str) -> None:
    flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    window.topic_list.setCurrentItem(window.topic_list.findItems(topic, flags)[0])
    window.question_list.setCurrentItem(window.question_list.topLevelItem(0))


def test_preview_renders_highlighted_code(window: MainWindow) -> None:
    show_first_question_of(window, "Implementations / DAGs")
    html = window.preview.toHtml()
    text = window.preview.toPlainText()
    assert "What is a Sensor in Apache Airflow, and how does it work?" in text
    assert "from airflow import DAG" in text
    assert "#008000" in html  # Pygments keyword colour survived into Qt's document
    assert "```" not in text


def test_a_long_answer_shows_at_once_as_plain_text_then_formatted(qtbot: QtBot) -> None:
    """A long answer is rendered on a worker thread: the window never waits for it, and
    meanwhile shows the text as it is written."""
    view = AnswerView(RenderCache())
    qtbot.addWidget(view)
    long_answer = "**Bold** point and more words.\n\n" * 2_000  # 62 KB of markdown
    view.show_markdown(long_answer, key="long")
    assert "**Bold** point" in view.toPlainText()  # shown at once, unformatted
    qtbot.waitUntil(lambda: "**Bold**" not in view.toPlainText(), timeout=10_000)
    assert view.toPlainText().startswith("Bold point and more words.")

    # Another question shown before the render ends wins: the late result is not shown.
    view.show_markdown(long_answer.replace("Bold", "Other"), key="other")
    view.show_markdown("Short one.", key="short")
    qtbot.wait(500)
    assert view.toPlainText().strip() == "Short one."


def test_the_first_answer_in_a_process_shows_plainly_until_the_renderer_is_ready(
    qtbot: QtBot, view: AnswerView, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from interview_prep.render import cache

    # As at start-up: the Markdown engines are not built yet (building them takes ~70 ms,
    # which the UI thread must not spend), so the text shows as it is, then rendered.
    monkeypatch.setattr(cache, "ENGINES_READY", threading.Event())
    view.show_markdown("A **first** answer at start-up.")
    assert "**first**" in view.toPlainText()  # at once, as plain text
    qtbot.waitUntil(lambda: "**" not in view.toPlainText())
    assert "A first answer at start-up." in view.toPlainText()
