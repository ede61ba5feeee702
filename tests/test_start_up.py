"""The main window shows before its banks are read and its history opened, then fills in.

Built as ``run_app`` builds it (``_prepare``: the window's modules only), shown, and watched
step by step: the banks, the database (the database thread's first job), the search index,
the later screens. Work asked for before the database opened waits for it, never fails.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from tests.conftest import NETWORK_BANK, show_active

from interview_prep.app import _build_window, _prepare
from interview_prep.store.database import Database, WrongThreadError, open_database
from interview_prep.store.errors import SchemaTooNewError
from interview_prep.ui.main_window import MainWindow


def _window(qtbot: QtBot, data_dir: Path, opener: Any = None) -> MainWindow:
    loaded = _prepare(data_dir)
    if opener is not None:
        loaded["database"] = opener
    window = _build_window(loaded, session_screens_later=True)
    qtbot.addWidget(window)
    return window


def _with_a_bank(data_dir: Path) -> Path:
    banks = data_dir / "banks"
    banks.mkdir(parents=True)
    (banks / "net.yaml").write_text(NETWORK_BANK, encoding="utf-8")
    return data_dir


def test_the_window_shows_loading_then_its_banks_then_its_history(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = _window(qtbot, _with_a_bank(data_dir))
    # Before its first paint: no banks yet, and it says so; nothing that needs them starts.
    assert window.summary_label.text() == "Loading your questions…"
    assert not window.home.start_button.isEnabled()
    assert not window.start_action.isEnabled()
    assert not window.browser.add_button.isEnabled()  # a new id needs the banks' ids
    assert window.topic_list.topLevelItemCount() == 0
    assert "No questions yet" not in window.preview.toPlainText()
    assert not window.slot.is_open and not (data_dir / "interview-prep.sqlite3").exists()

    with qtbot.waitSignal(window.database_opened, timeout=15000):
        show_active(qtbot, window)
        qtbot.waitUntil(lambda: window.topic_list.topLevelItemCount() > 0)
        assert window.home.start_button.isEnabled() and window.start_action.isEnabled()
        assert window.browser.add_button.isEnabled()
        assert "questions in" in window.summary_label.text()
    assert window.slot.is_open
    # Opened on the database thread, and the UI thread may still not use it directly.
    with pytest.raises(WrongThreadError), window.database.session():
        pass

    with qtbot.waitSignal(window.started_up, timeout=15000):
        pass
    assert window.search_index is not None  # the search works
    for name in ("sessionView", "sessionSummary", "reviewView"):
        assert window.findChild(QWidget, name) is not None, name


def test_a_session_begun_before_the_history_opened_is_stored_once_it_is(
    qtbot: QtBot, data_dir: Path
) -> None:
    opening = threading.Event()

    def slow_opener() -> Database:
        opening.set()
        time.sleep(0.8)
        return open_database(data_dir / "interview-prep.sqlite3", backups_dir=data_dir / "b")

    window = _window(qtbot, _with_a_bank(data_dir), slow_opener)
    show_active(qtbot, window)
    qtbot.waitUntil(window.home.start_button.isEnabled)
    qtbot.waitUntil(opening.is_set)  # the database is being opened, not open yet
    assert not window.slot.is_open

    qtbot.mouseClick(window.home.start_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(QDialog, "sessionSetupDialog")
    assert dialog is not None and dialog.isVisible()
    begin = dialog.findChild(QPushButton, "beginSessionButton")
    qtbot.mouseClick(begin, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: window.engine is not None, timeout=15000)
    assert window.slot.is_open  # the session was stored after the database opened
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session_view)
    assert window.statusBar().currentMessage() == ""  # and nothing failed on the way


def test_a_database_that_cannot_be_opened_is_reported(qtbot: QtBot, data_dir: Path) -> None:
    def refusing() -> Database:
        raise SchemaTooNewError("The database was written by a newer version.")

    window = _window(qtbot, data_dir, refusing)
    with qtbot.waitSignal(window.database_failed, timeout=15000) as failed:
        show_active(qtbot, window)
    assert isinstance(failed.args[0], SchemaTooNewError)
    assert not window.slot.is_open


def test_closing_before_the_history_opened_opens_nothing(qtbot: QtBot, data_dir: Path) -> None:
    window = _window(qtbot, data_dir)  # never shown: never painted
    started = time.perf_counter()
    window.close()
    assert time.perf_counter() - started < 5  # the writer did not wait for an opening
    assert not (data_dir / "interview-prep.sqlite3").exists()
