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

import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..practice.recorder import AttemptRecord, Draft, SessionRecorder
from .journal import Journal, PendingWrite, failure_reason, is_refusal

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


@dataclass(frozen=True, slots=True)
class SaveState:
    """Whether everything the session reported has reached the database.

    ``pending`` writes are held because the database refused one (``reason``, in words
    for the user); they are in memory and, unless ``journal`` is None (it could not be
    written either), in the journal file. ``pending == 0``: all saved.
    """

    pending: int = 0
    reason: str = ""
    journal: Path | None = None

    @property
    def saved(self) -> bool:
        return self.pending == 0

    def message(self) -> str:
        """The sentence the session screen shows."""
        if self.saved:
            return "Saved"
        where = f"in memory and in {self.journal}" if self.journal else "in memory only"
        return f"Not saved: {self.reason}; your notes are kept {where}"


class WritingRecorder(SessionRecorder):
    """A ``SessionRecorder`` that hands the writes of ``inner`` to a ``BackgroundWriter``.

    ``session_started`` runs ``inner`` synchronously and returns its id; ``draft_changed``,
    ``question_finished`` and ``session_ended`` are queued on ``writer`` in the order they
    are called. Queued drafts of one session are coalesced (see the module docstring).

    A write the database refuses is not lost: it is held, with every write after it (their
    order matters), in memory and in ``journal`` (see ``journal``), and retried with
    back-off (``RETRY_DELAYS``) until it succeeds; then the journal is removed.
    ``on_state`` (called on the writer thread) hears every change of ``state``. The writer
    is not closed by the recorder: whoever created it closes it.
    """

    RETRY_DELAYS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)

    def __init__(
        self,
        inner: SessionRecorder,
        writer: BackgroundWriter,
        *,
        journal: Journal | None = None,
        on_state: Callable[[SaveState], None] | None = None,
    ) -> None:
        self.inner = inner
        self.writer = writer
        self.journal = journal
        self.on_state = on_state
        self.state = SaveState()
        self._lock = threading.Lock()
        self._waiting: dict[int, _DraftSlot] = {}  # session id -> slot of its queued write
        self._held: list[PendingWrite] = []  # refused, and everything after: in order
        self._journal_ok = True
        self._failures = 0
        self._retry: threading.Timer | None = None

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
        write = PendingWrite("finished", session_id, now, draft=next_draft, attempt=attempt)
        with self._lock:
            self._waiting.pop(session_id, None)  # a later draft must queue behind this
            self.writer.submit(lambda: self._make(write))

    def session_ended(self, session_id: int, status: str, now: datetime) -> None:
        """Queue the end of the session, after everything reported before it."""
        write = PendingWrite("ended", session_id, now, status=status)
        with self._lock:
            self._waiting.pop(session_id, None)
            self.writer.submit(lambda: self._make(write))

    def stop(self) -> None:
        """Stop retrying (the app is closing; the journal keeps what is held)."""
        with self._lock:
            if self._retry is not None:
                self._retry.cancel()
                self._retry = None

    def _write_draft(self, session_id: int, slot: _DraftSlot) -> None:
        with self._lock:  # from here on, a newer draft needs a new job
            if self._waiting.get(session_id) is slot:
                del self._waiting[session_id]
            draft, now = slot.draft, slot.now
        self._make(PendingWrite("draft", session_id, now, draft=draft))

    # -- on the writer thread -------------------------------------------------------------

    def _make(self, write: PendingWrite) -> None:
        if self._held:  # an earlier write is refused: this one waits behind it
            self._hold(write, None)
            return
        try:
            write.apply(self.inner)
        except Exception as error:
            if not is_refusal(error):
                raise  # a mistake in the write itself: the writer's error path
            log.warning("a write was refused and is held: %s", error)
            self._hold(write, error)

    def _hold(self, write: PendingWrite, error: BaseException | None) -> None:
        last = self._held[-1] if self._held else None
        if (
            last is not None
            and last.op == write.op == "draft"
            and last.session_id == write.session_id
        ):
            self._held[-1] = write  # only the newest draft matters
        else:
            self._held.append(write)
        self._journal_held()
        reason = failure_reason(error) if error is not None else self.state.reason
        self._announce(reason)
        if error is not None:
            self._schedule_retry()

    def _journal_held(self) -> None:
        """Rewrite the journal with everything held (small: a session's worth at most)."""
        if self.journal is None:
            self._journal_ok = False
            return
        try:
            self.journal.replace_all(self._held)
            self._journal_ok = True
        except OSError as error:
            log.warning("the journal %s could not be written: %s", self.journal.path, error)
            self._journal_ok = False

    def _schedule_retry(self) -> None:
        delay = self.RETRY_DELAYS[min(self._failures, len(self.RETRY_DELAYS) - 1)]
        self._failures += 1
        with self._lock:
            if self._retry is not None:
                self._retry.cancel()
            timer = threading.Timer(delay, self._submit_retry)
            timer.daemon = True
            self._retry = timer
        timer.start()

    def _submit_retry(self) -> None:
        with contextlib.suppress(RuntimeError):  # the writer closed: the journal keeps them
            self.writer.submit(self._retry_held)

    def _retry_held(self) -> None:
        while self._held:
            try:
                self._held[0].apply(self.inner)
            except Exception as error:
                if not is_refusal(error):  # it can never be made (its session ended meanwhile)
                    log.warning("a held write was dropped: %s", error)
                    self._held.pop(0)
                    continue
                self._journal_held()
                self._announce(failure_reason(error))
                self._schedule_retry()
                return
            self._held.pop(0)
        self._failures = 0
        if self.journal is not None:
            try:
                self.journal.clear()
            except OSError as error:
                log.warning("the journal %s could not be removed: %s", self.journal.path, error)
        self._announce("")

    def _announce(self, reason: str) -> None:
        journal = self.journal.path if self.journal is not None and self._journal_ok else None
        self.state = SaveState(len(self._held), reason, journal) if self._held else SaveState()
        if self.on_state is not None:
            try:
                self.on_state(self.state)
            except Exception:
                log.exception("the recorder's on_state callback failed")
