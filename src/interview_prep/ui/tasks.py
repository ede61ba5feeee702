"""One way to run work off the UI thread: ``run_in_background(work, done, failed)``.

``work`` runs on a small pool of worker threads; ``done`` (with its result) or ``failed``
(with the exception) then runs on the UI thread, in the order the work finished. The relay
that carries results back is one object for the life of the app, never deleted under a
worker that may still emit (a crash seen when each task had its own parentless QObject).

Work must not touch widgets; it may read anything that is safe to read from another
thread (the render cache locks itself).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

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


_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="interview-prep-task")
_relay: _Relay | None = None


def _relay_on_ui_thread() -> _Relay:
    global _relay
    if _relay is None:  # created by the first caller, on the UI thread
        _relay = _Relay()
    return _relay


def run_in_background(
    work: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``work`` on a worker thread; then ``done(result)`` or ``failed(error)`` on the
    UI thread. Call from the UI thread."""
    relay = _relay_on_ui_thread()

    def job() -> None:
        try:
            result = work()
        except Exception as error:
            log.warning("a background task failed: %s", error)
            if failed is not None:
                relay.finished.emit(failed, error)
            return
        relay.finished.emit(done, result)

    _pool.submit(job)
