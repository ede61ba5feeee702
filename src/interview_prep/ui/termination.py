"""Stopping at once, and cleanly, when the system asks (SIGTERM, SIGHUP, SIGINT).

A logout, ``systemctl``, ``kill`` or Ctrl+C in a terminal sends a signal. Python's default
would end the process at once (SIGTERM) or not until Qt hands control back (SIGINT), with the
notes of the question in progress not written and the database not closed. Here the signal
only wakes the event loop (``signal.set_wakeup_fd`` writes to a socket a ``QSocketNotifier``
watches), which then closes the window as Quit does: the draft is saved, the background
writes are flushed and the database is closed; then the app quits. On a platform without
these signals nothing is installed.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["TerminationWatch"]

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class TerminationWatch(QObject):
    """Closes ``window()`` (when there is one yet) and quits on a termination signal."""

    def __init__(self, app: QApplication, window: Callable[[], QWidget | None]) -> None:
        super().__init__(app)
        self.app = app
        self.window = window
        self.signalled: int | None = None
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        for number in SIGNALS:
            signal.signal(number, self._note)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _note(self, number: int, _frame: object) -> None:
        self.signalled = number  # runs when Python next has control: in ``_woken``

    def _woken(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        if not data:
            return
        self.signalled = self.signalled or data[0]
        window = self.window()
        if window is not None:
            window.close()  # as Quit: the draft saved, writes flushed, the database closed
        self.app.quit()
