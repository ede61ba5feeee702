"""Database writes off the UI thread: one background thread that runs jobs in order.

``BackgroundWriter`` owns a daemon thread and a FIFO queue. ``submit`` returns at once; the
thread runs the submitted callables one at a time, in submission order, so writes never
block the UI and never race each other. A job that raises is logged and recorded in
``errors`` (and passed to ``on_error``, on the writer thread); the jobs after it still run.
``flush`` waits until everything submitted so far has run, and ``close`` flushes and stops
the thread. Call ``close`` before the app exits: the thread is a daemon, so writes still
queued when the interpreter stops are lost, exactly as they would be in a crash (the
store's transactions keep the file consistent either way).

``WritingRecorder`` puts a ``SessionRecorder`` (normally a ``StoreRecorder``) behind such a
writer. ``session_started`` stays synchronous because the engine needs the new id; the
other three calls are queued. Drafts are coalesced: the engine may save one on every
keystroke, and while a draft write for a session is still waiting in the queue, a newer
draft simply replaces its payload instead of queueing another write. The coalescing never
reorders anything: a ``question_finished`` or ``session_ended`` closes the waiting slot, so
a draft reported after it gets a new job behind it.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..practice.recorder import AttemptRecord, Draft, SessionRecorder

log = logging.getLogger(__name__)

Job = Callable[[], None]


class BackgroundWriter:
    """Runs submitted callables one by one, in order, on a single daemon thread.

    Thread-safe: any thread may ``submit``, ``flush`` or ``close``. ``errors`` lists every
    exception a job raised, oldest first; ``on_error``, if given, is called with each one on
    the writer thread (an exception from the callback itself is logged and ignored).
    """

    def __init__(
        self,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "interview-prep-writer",
    ) -> None:
        self.errors: list[BaseException] = []
        self.on_error = on_error
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._condition = threading.Condition()
        self._submitted = 0  # jobs accepted by submit
        self._done = 0  # jobs that have run (successfully or not)
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def closed(self) -> bool:
        """Whether ``close`` has been called (no more jobs are accepted)."""
        return self._closed

    def submit(self, fn: Job) -> None:
        """Queue ``fn`` to run after everything submitted before it.

        Raises ``RuntimeError`` once the writer is closed.
        """
        with self._condition:
            if self._closed:
                raise RuntimeError("the background writer is closed")
            self._submitted += 1
            self._queue.put(fn)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every job submitted so far has run; ``False`` if ``timeout`` ran out.

        Jobs submitted while waiting are not waited for. Must not be called from a job (the
        writer would wait for itself): that raises ``RuntimeError``.
        """
        if threading.current_thread() is self._thread:
            raise RuntimeError("flush() called from a job on the writer thread")
        with self._condition:
            target = self._submitted
            return self._condition.wait_for(lambda: self._done >= target, timeout)

    def close(self, timeout: float | None = 5.0) -> bool:
        """Stop accepting jobs, run the queued ones, and stop the thread.

        Waits up to ``timeout`` seconds (``None``: for ever) and returns whether the thread
        has stopped; if not, it finishes the queue in the background. Calling it again is
        harmless and waits again.
        """
        with self._condition:
            if not self._closed:
                self._closed = True
                self._queue.put(None)  # after every accepted job: the thread's stop signal
        if threading.current_thread() is self._thread:
            return False  # called from a job: the thread stops once that job returns
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                job()
            except BaseException as error:  # a job must never stop the writer
                log.exception("background database write failed")
                self._record(error)
            finally:
                with self._condition:
                    self._done += 1
                    self._condition.notify_all()

    def _record(self, error: BaseException) -> None:
        self.errors.append(error)
        if self.on_error is not None:
            try:
                self.on_error(error)
            except Exception:
                log.exception("the writer's on_error callback failed")


@dataclass(slots=True)
class _DraftSlot:
    """The newest draft of a session that is waiting for its queued write."""

    draft: Draft
    now: datetime


class WritingRecorder(SessionRecorder):
    """A ``SessionRecorder`` that hands the writes of ``inner`` to a ``BackgroundWriter``.

    ``session_started`` runs ``inner`` synchronously and returns its id; ``draft_changed``,
    ``question_finished`` and ``session_ended`` are queued on ``writer`` in the order they
    are called, so their errors surface in ``writer.errors`` / ``writer.on_error`` rather
    than at the call. Queued drafts of one session are coalesced (see the module
    docstring). The writer is not closed by the recorder: whoever created it closes it.
    """

    def __init__(self, inner: SessionRecorder, writer: BackgroundWriter) -> None:
        self.inner = inner
        self.writer = writer
        self._lock = threading.Lock()
        self._waiting: dict[int, _DraftSlot] = {}  # session id -> slot of its queued write

    def session_started(self, plan: dict[str, Any], now: datetime) -> int:
        """Start the session with ``inner`` right away (the caller needs the id)."""
        return self.inner.session_started(plan, now)

    def draft_changed(self, session_id: int, draft: Draft, now: datetime) -> None:
        """Queue the draft, or update the payload of the session's draft write still queued."""
        with self._lock:
            slot = self._waiting.get(session_id)
            if slot is not None:
                slot.draft, slot.now = draft, now
                return
            new = _DraftSlot(draft, now)
            # Under the lock, the job cannot look at the slot before it is registered; and a
            # refused submit (writer closed) leaves no slot without a job.
            self.writer.submit(lambda: self._write_draft(session_id, new))
            self._waiting[session_id] = new

    def question_finished(
        self, session_id: int, attempt: AttemptRecord, next_draft: Draft | None, now: datetime
    ) -> None:
        """Queue the attempt (and the next draft), after every draft reported before it."""
        with self._lock:
            self._waiting.pop(session_id, None)  # a later draft must queue behind this
            self.writer.submit(
                lambda: self.inner.question_finished(session_id, attempt, next_draft, now)
            )

    def session_ended(self, session_id: int, status: str, now: datetime) -> None:
        """Queue the end of the session, after everything reported before it."""
        with self._lock:
            self._waiting.pop(session_id, None)
            self.writer.submit(lambda: self.inner.session_ended(session_id, status, now))

    def _write_draft(self, session_id: int, slot: _DraftSlot) -> None:
        with self._lock:  # from here on, a newer draft needs a new job
            if self._waiting.get(session_id) is slot:
                del self._waiting[session_id]
            draft, now = slot.draft, slot.now
        self.inner.draft_changed(session_id, draft, now)
