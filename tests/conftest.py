"""Shared test set-up: headless Qt, a throw-away data directory, the seed documents."""

from __future__ import annotations

import os
import sqlite3
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.exc import IntegrityError

from interview_prep.bank import yaml_read

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window forbids its UI thread to open database sessions (see Database.forbid_thread).
os.environ.setdefault("INTERVIEW_PREP_GUARD_UI_THREAD", "1")

SEEDS = Path(__file__).parent / "data" / "seeds"

# A small user bank, written by hand (a comment, a blank line between entries).
NETWORK_BANK = """\
# my own questions
title: Networking
questions:
  - id: tcp
    topic: Transport
    question: What is TCP?
    answer: A reliable byte stream.

  - id: udp
    topic: Transport
    question: What is UDP?
    kind: coding
"""
SEED_README = SEEDS / "000_4ad25627ed5ba4cc.txt"
SEED_NUMBERED = SEEDS / "002_f61ab5a7ee36776a.txt"


@pytest.fixture(autouse=True, scope="session")
def _renderer_ready() -> None:
    """The Markdown engines built once, as the app builds them after its first paint: a
    widget then renders small answers at once (``test_answer_view`` covers the first
    render in a process, which shows the text plainly until the engines are ready)."""
    from interview_prep.render import warm_up

    warm_up()


@contextmanager
def violates(constraint: str) -> Iterator[None]:
    """The block fails on a database constraint of the kind ``CHECK`` or ``FOREIGNKEY``.

    Told by SQLite's extended error code, not by the words of its message.
    """
    with pytest.raises(IntegrityError) as caught:
        yield
    original = caught.value.orig
    assert isinstance(original, sqlite3.Error)
    assert original.sqlite_errorname == f"SQLITE_CONSTRAINT_{constraint}"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data directory, also set as ``INTERVIEW_PREP_DATA_DIR``."""
    path = tmp_path / "data"
    monkeypatch.setenv("INTERVIEW_PREP_DATA_DIR", str(path))
    yield path


_SAFE_LOADERS: list[type[yaml.SafeLoader | yaml.CSafeLoader]] = [yaml.SafeLoader]
if yaml.__with_libyaml__:
    _SAFE_LOADERS.append(yaml.CSafeLoader)


@pytest.fixture(params=_SAFE_LOADERS, ids=lambda loader: loader.__name__)
def safe_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run a test with the pure-Python and the libyaml safe loader: same lines, same result."""
    monkeypatch.setattr(yaml_read, "_SafeLoader", request.param)
    yield


def doc(text: str) -> str:
    """A test document written indented inside a triple-quoted string."""
    return textwrap.dedent(text).lstrip("\n")


def rendered(qtbot: Any, view: Any) -> str:
    """An ``AnswerView``'s text once what it was last given is rendered (off the UI thread)."""
    qtbot.waitUntil(lambda: not view.rendering)
    return str(view.toPlainText())


def show_active(qtbot: Any, window: Any) -> Any:
    """Show ``window`` as the active window, so that its shortcuts work."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def open_window(qtbot: Any, data_dir: Path, *, seed: int = 7) -> Any:
    """The app's main window on ``data_dir`` with a fake clock, shown and active; closed at
    the end of the test by pytest-qt."""
    import random

    from interview_prep.app import create_window
    from interview_prep.practice.clock import FakeClock

    window = create_window(data_dir)
    window.clock = FakeClock()
    window.rng = random.Random(seed)
    return show_active(qtbot, window)


def on_database(window: Any, read: Any) -> Any:
    """Run ``read(database)`` on the window's database thread and wait for its result: the
    window's UI thread may not open the database itself (``Database.forbid_thread``)."""
    results: list[Any] = []
    window.link.writer.submit(lambda: results.append(read(window.database)))
    assert window.link.writer.flush(timeout=10)
    return results[0]


def confirm_end_session(qtbot: Any, window: Any) -> None:
    """Answer "End session" in the dialog that asks before a session is cut short."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog, QPushButton

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(QDialog)))
    (dialog,) = [d for d in window.findChildren(QDialog, "endSessionDialog") if d.isVisible()]
    button = dialog.findChild(QPushButton, "confirmEndButton")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
