"""Work off the UI thread (``ui.tasks``), the guard on the database, change notifications."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QWidget
from pytestqt.qtbot import QtBot

from conftest import on_database
from interview_prep.app import create_window
from interview_prep.practice.clock import FakeClock
from interview_prep.practice.plan import SessionSettings, plan_from_questions
from interview_prep.store.attempts import attempts_for_question
from interview_prep.store.database import WrongThreadError
from interview_prep.ui.changes import Change, Changes, Stale
from interview_prep.ui.main_window import MainWindow
from interview_prep.ui.tasks import run_in_background


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    win = create_window(data_dir)
    win.clock = FakeClock()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def test_the_ui_thread_may_not_open_the_database(window: MainWindow) -> None:
    with pytest.raises(WrongThreadError, match="UI thread"):
        attempts_for_question(window.database, "anything")
    # On the database thread the same read works.
    assert on_database(window, lambda db: attempts_for_question(db, "anything")) == []


def test_database_work_runs_on_one_thread_after_the_writes_before_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    seen: list[str] = []
    threads: set[int] = set()

    def work(name: str) -> str:
        threads.add(threading.get_ident())
        return name

    for name in ("first", "second", "third"):
        window.tasks.database(lambda n=name: work(n), seen.append)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == ["first", "second", "third"]
    assert threads and threading.get_ident() not in threads and len(threads) == 1


def test_only_the_newest_result_of_a_kind_is_used(qtbot: QtBot) -> None:
    used: list[str] = []
    dropped: list[str] = []

    def slow() -> str:
        time.sleep(0.3)
        return "old"

    run_in_background(slow, used.append, latest="test-kind", discard=dropped.append)
    run_in_background(lambda: "new", used.append, latest="test-kind", discard=dropped.append)
    qtbot.waitUntil(lambda: len(used) + len(dropped) == 2, timeout=5000)
    assert used == ["new"] and dropped == ["old"]


def test_a_result_for_a_widget_that_is_gone_is_not_delivered(qtbot: QtBot) -> None:
    widget = QWidget()
    started = threading.Event()
    delivered: list[str] = []

    def work() -> str:
        started.set()
        time.sleep(0.2)
        return "late"

    run_in_background(work, delivered.append, owner=widget)
    assert started.wait(5)
    widget.deleteLater()
    qtbot.wait(600)
    assert delivered == []


def test_a_screen_refreshes_when_it_is_shown_after_a_change(qtbot: QtBot) -> None:
    changes = Changes()
    screen = QWidget()
    qtbot.addWidget(screen)
    refreshed: list[int] = []
    stale = Stale(screen, Change.HISTORY, lambda: refreshed.append(1))
    changes.changed.connect(stale.changed)
    changes.announce(Change.HISTORY)  # hidden: nothing read yet
    assert refreshed == []
    screen.show()
    stale.shown()
    assert refreshed == []  # not before its first paint is done
    qtbot.waitUntil(lambda: refreshed == [1])
    stale.shown()  # shown again with nothing new: not read again
    qtbot.wait(100)
    assert refreshed == [1]
    changes.announce(Change.CATALOG)  # not what it shows
    assert refreshed == [1]
    changes.announce(Change.HISTORY)  # visible: at once
    assert refreshed == [1, 1]


def test_home_shows_a_finished_session_without_being_told(qtbot: QtBot, window: MainWindow) -> None:
    recent = window.findChild(QTreeWidget, "recentSessions")
    assert recent is not None and recent.topLevelItem(0).text(0) == "No sessions yet"
    question = next(iter(window.catalog.questions()))
    window.begin_session(plan_from_questions([question], SessionSettings()))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session_view)
    qtbot.keyClicks(window.session_view.notes_edit, "an answer")
    qtbot.keyClick(
        window.session_view.notes_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary_view)
    window.show_home()
    qtbot.waitUntil(lambda: recent.topLevelItem(0).text(0) != "No sessions yet")
    assert recent.topLevelItemCount() == 1 and recent.topLevelItem(0).text(1) == "1"


def test_the_session_screens_built_later_are_there_when_a_session_starts(
    qtbot: QtBot, data_dir: Path
) -> None:
    from interview_prep.app import _build_window, _load

    win = _build_window(_load(data_dir), session_screens_later=True)
    qtbot.addWidget(win)
    win.show()
    assert win.findChild(QWidget, "sessionView") is None  # the first paint waits for less
    question = next(iter(win.catalog.questions()))
    win.begin_session(plan_from_questions([question], SessionSettings()))
    qtbot.waitUntil(lambda: win.findChild(QWidget, "sessionView") is not None)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.session_view)
    win.close()


def test_a_failed_read_is_said_in_the_window_and_the_next_ask_reads_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.stats import load

    def broken(*_args: object) -> object:
        raise OSError(5, "Input/output error")

    real = load.load_stats
    monkeypatch.setattr(load, "load_stats", broken)
    window.show_review()
    qtbot.waitUntil(lambda: "Could not read" in window.statusBar().currentMessage())
    monkeypatch.setattr(load, "load_stats", real)
    window.show_home()
    window.changes.announce(Change.HISTORY)
    window.show_review()
    qtbot.waitUntil(lambda: window.review_view.topics.topLevelItemCount() > 0)
