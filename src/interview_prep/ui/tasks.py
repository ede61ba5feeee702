"""The one way to run work off the UI thread, in the style of Anki's TaskManager.

* ``run_in_background(work, done, failed)`` runs CPU work (parsing, indexing, rendering a
  big answer, loading at start-up) on a small pool of worker threads.
* ``TaskRunner.database(work, done, failed)`` runs work on the database thread: the one
  thread that touches SQLite, the background writer's (``store.writer``), after every write
  submitted before it. The UI thread never opens a database session (in tests it cannot:
  ``Database.forbid_thread``).

Either way ``done(result)`` or ``failed(error)`` then runs on the UI thread, carried there by
one relay object that lives as long as the app (a relay per task, freed under a worker
that was still emitting, crashed the kill drill). ``latest=KEY`` keeps only the newest
result of work of that key: an older one still running when a newer one is submitted is
dropped when it finishes (``discard`` gets it, to close it), so that, say, a search index
built from yesterday's catalogue never replaces today's.

While a worker runs Python, the UI thread waits for the GIL at each call into Qt that
releases it, up to the interpreter's switch interval each time: at its default of 5 ms a
slot making a handful of such calls stalled the window 20–40 ms while a big answer
rendered. The first task sets it to ``SWITCH_INTERVAL_S`` for the app's life.

Work must not touch widgets; it may read anything that is safe to read from another thread
(the catalogue's frozen dataclasses, the render cache, which locks itself).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # not imported at start-up: the loader runs here before the store loads
    from ..store.writer import BackgroundWriter

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    finished = Signal(object, object)  # a callback and its argument, to run on the UI thread

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @staticmethod
    def _deliver(callback: Callable[[Any], None], argument: object) -> None:
        try:
            callback(argument)
        except Exception:
            log.exception("a background task's callback failed")


SWITCH_INTERVAL_S = 0.001
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="interview-prep-task")
_relay: _Relay | None = None
_latest: dict[str, int] = {}  # for each ``latest`` key, the newest submission's number
_latest_lock = threading.Lock()


def _relay_on_ui_thread() -> _Relay:
    global _relay
    if _relay is None:  # created by the first caller, on the UI thread
        _relay = _Relay()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
    return _relay


def _job(
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None] | None,
    latest: str | None,
    discard: Callable[[T], None] | None,
    owner: QObject | None = None,
) -> Callable[[], None]:
    """``work`` wrapped to hand its outcome to the UI thread (the newest of its key only,
    and only while ``owner``, if given, has not been deleted)."""
    relay = _relay_on_ui_thread()
    number = 0
    if latest is not None:
        with _latest_lock:
            number = _latest[latest] = _latest.get(latest, 0) + 1

    def wanted() -> bool:
        newest = latest is None or _latest.get(latest) == number  # else a newer one was asked
        return newest and (owner is None or shiboken6.isValid(owner))

    def deliver(result: T) -> None:
        if wanted():
            done(result)
        elif discard is not None:
            discard(result)

    def deliver_error(error: BaseException) -> None:
        if failed is not None and wanted():
            failed(error)

    def job() -> None:
        try:
            result = work()
        except Exception as error:
            log.warning("a background task failed: %s", error)
            relay.finished.emit(deliver_error, error)
            return
        relay.finished.emit(deliver, result)

    return job


def on_ui_thread(
    callback: Callable[[T], None], owner: QObject | None = None
) -> Callable[[T], None]:
    """``callback`` made safe to call from any thread: it then runs on the UI thread (and
    not at all once ``owner`` is deleted). For progress reports from work in progress."""
    relay = _relay_on_ui_thread()

    def deliver(value: T) -> None:
        if owner is None or shiboken6.isValid(owner):
            callback(value)

    return lambda value: relay.finished.emit(deliver, value)


def run_in_background(
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None] | None = None,
    *,
    latest: str | None = None,
    discard: Callable[[T], None] | None = None,
    owner: QObject | None = None,
) -> None:
    """Run CPU ``work`` on a worker thread; then ``done(result)`` or ``failed(error)`` on
    the UI thread (not at all once ``owner``, a widget waiting for it, is deleted). Call
    from the UI thread."""
    _pool.submit(_job(work, done, failed, latest, discard, owner))


class TaskRunner:
    """Work for the database thread, whose writer may change (a restored backup reopens the
    database with a new one: ``use``). ``failed``, when work has no ``failed`` of its own,
    tells the user that a read or write did not happen (never the log alone)."""

    def __init__(
        self, writer: BackgroundWriter, failed: Callable[[BaseException], None] | None = None
    ) -> None:
        self.writer = writer
        self.failed = failed

    def use(self, writer: BackgroundWriter) -> None:
        self.writer = writer

    def database(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
        *,
        latest: str | None = None,
    ) -> None:
        """Run ``work`` on the database thread, after every write submitted before it;
        then ``done(result)`` or ``failed(error)`` on the UI thread. Nothing runs once the
        database is closed (the window is closing)."""
        if not self.writer.closed:
            self.writer.submit(_job(work, done, failed or self.failed, latest, None))
