"""The child of the kill drill (tests/test_kill_drill.py): a scripted mock interview.

Run as ``python session_child.py DATA_DIR SEED``. It opens the app's real main window on
``DATA_DIR`` (offscreen Qt, the real clock, the real background writer), starts a session
over the bundled bank and then, driven by ``QTimer`` on the real event loop, types notes key
by key with small random pauses, sometimes thinks for a while, reveals, rates, and moves on
with Next or Skip. ``SEED`` fixes every choice, so a run is reproducible up to timing.

It never finishes the last question, so the session is always still running when the
parent kills it (SIGKILL, at a random moment). Each line on stdout is ``EVENT {json}``,
printed (and flushed) *after* the event happened; ``t`` is ``time.monotonic()``, which
the parent compares with its own (CLOCK_MONOTONIC is system-wide):

* ``STARTED``: the session is running and its first draft is committed (flushed);
  ``ids`` is the plan's question ids, in order;
* ``KEY``: one keystroke went into the notes; ``p`` the position, ``k`` the character
  (``"\\b"`` for Backspace), ``n`` the length of the notes afterwards;
* ``REVEAL`` / ``RATE``: the answer was revealed / the rating is now ``r`` (or null);
* ``ADVANCE``: about to call ``next()`` (``skip`` false) or ``skip()``, with the notes,
  rating and reveal the attempt must be stored with;
* ``FINISHED``: ``next()`` / ``skip()`` returned and ``window.link.writer.flush()`` returned,
  so the attempt is committed, or, when the database refuses it, held in the journal
  beside it: the child vouches for it.

``DRILL_FAULT=full-disk`` lets the database grow no more once the session started, and
starts each answer with a long paste (one ``KEY`` event) that needs new pages; the parent
makes ``held-lock`` itself, from its own connection. ``DRILL_BUSY_TIMEOUT_MS`` shortens how
long a write waits for a held lock.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from interview_prep.app import application, create_window
from interview_prep.practice.plan import Order, SessionSettings
from interview_prep.practice.rating import Rating
from interview_prep.ui.termination import TerminationWatch

QUESTIONS = 8
FULL_DISK = os.environ.get("DRILL_FAULT") == "full-disk"
# Plain text, a few non-ASCII letters and line breaks; never a shortcut.
ALPHABET = "abcdefghijklmnopqrstuvwxyz     eeettaoin,.;()=→éß"


def emit(event: str, **fields: Any) -> None:
    fields["t"] = time.monotonic()
    sys.stdout.write(f"{event} {json.dumps(fields, ensure_ascii=False)}\n")
    sys.stdout.flush()


def type_character(widget: QWidget, character: str) -> None:
    """Press and release the key of ``character``, as a keyboard (or input method) would.

    ``QTest.keyClicks`` aborts on characters outside ASCII, hence the events by hand.
    """
    code = ord(character.upper()) if character.isascii() else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, character)
        QApplication.sendEvent(widget, event)


def fill_the_disk(window: Any) -> None:
    """From now on the database may not grow: SQLite answers "database or disk is full"."""
    from sqlalchemy import event

    engine = window.database.engine

    @event.listens_for(engine, "connect")
    def limit(connection: Any, _record: object) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()


class Script:
    """One step per timer shot: a keystroke, a reveal, a rating or moving on."""

    def __init__(self, seed: int, data_dir: Path) -> None:
        self.rng = random.Random(seed)
        self.window = create_window(data_dir)
        self.window.show()
        self.view = self.window.session_view
        self.keys_left = 0

    def start(self) -> None:
        self.window.sessions.begin_from_setup(SessionSettings(count=QUESTIONS, order=Order.BANK))
        while self.window.engine is None:  # the session is stored on the database thread first
            QTest.qWait(5)
        engine = self.window.engine
        assert engine is not None and engine.total == QUESTIONS, "the bank is too small"
        assert self.window.link.writer.flush(timeout=10.0)
        if FULL_DISK:
            fill_the_disk(self.window)
        emit("STARTED", ids=[run.question.id for run in engine.runs])
        self._new_question()
        self._later()

    def _new_question(self) -> None:
        # Some questions are skipped almost at once, most get a short answer.
        quick = self.rng.random() < 0.3
        self.keys_left = self.rng.randint(0, 4) if quick else self.rng.randint(4, 20)

    def _later(self) -> None:
        roll = self.rng.random()
        if roll < 0.06:  # thinking: the idle save (0.5 s) happens meanwhile
            delay = self.rng.randint(500, 1500)
        elif roll < 0.15:
            delay = self.rng.randint(150, 450)
        else:
            delay = self.rng.randint(15, 120)
        QTimer.singleShot(delay, self.step)

    def step(self) -> None:
        engine = self.window.engine
        assert engine is not None
        position = engine.position
        last = position + 1 == engine.total
        roll = self.rng.random()
        if self.keys_left > 0 or last:
            if roll < 0.03 and self.view.reveal_button.isEnabled():
                self.view.reveal()
                emit("REVEAL", p=position)
            elif roll < 0.07:
                self.view.rate(self.rng.choice(list(Rating)))
                rating = engine.current.rating
                emit("RATE", p=position, r=None if rating is None else int(rating))
            else:
                self._key(position)
        else:
            self._advance(position, skip=self.rng.random() < 0.3)
        self._later()

    def _key(self, position: int) -> None:
        edit = self.view.notes_edit
        if FULL_DISK and not edit.toPlainText():
            # A long paste: the database must grow to hold it, and may not (fill_the_disk).
            chunk = "pasted words " * 700
            edit.insertPlainText(chunk)
            self.keys_left -= 1
            emit("KEY", p=position, k=chunk, n=len(edit.toPlainText()))
            return
        if edit.toPlainText() and self.rng.random() < 0.08:
            QTest.keyClick(edit, Qt.Key.Key_Backspace)
            key = "\b"
        elif self.rng.random() < 0.04:
            QTest.keyClick(edit, Qt.Key.Key_Return)
            key = "\n"
        else:
            key = self.rng.choice(ALPHABET)
            type_character(edit, key)
        self.keys_left -= 1
        emit("KEY", p=position, k=key, n=len(edit.toPlainText()))

    def _advance(self, position: int, *, skip: bool) -> None:
        engine = self.window.engine
        assert engine is not None
        run = engine.current
        notes = self.view.notes_edit.toPlainText()
        rating = None if run.rating is None else int(run.rating)
        revealed = run.revealed_at is not None
        emit("ADVANCE", p=position, skip=skip, notes=notes, rating=rating, revealed=revealed)
        if skip:
            self.view.skip()
        else:
            self.view.next()
        assert engine.position == position + 1
        assert self.window.link.writer.flush(timeout=10.0)
        emit("FINISHED", p=position)
        self._new_question()


def main(argv: list[str]) -> int:
    if "DRILL_BUSY_TIMEOUT_MS" in os.environ:
        from interview_prep.store import database

        database.BUSY_TIMEOUT_MS = int(os.environ["DRILL_BUSY_TIMEOUT_MS"])
    data_dir, seed = Path(argv[1]), int(argv[2])
    app = application()
    script = Script(seed, data_dir)
    # As the app does (run_app): SIGTERM closes the window as Quit does.
    watch = TerminationWatch(app, lambda: script.window)
    QTimer.singleShot(0, script.start)
    code = app.exec()
    watch.deleteLater()
    return code


if __name__ == "__main__":
    from interview_prep.app import leave

    leave(main(sys.argv))  # as the app's command does after its window closed
