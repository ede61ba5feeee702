"""What the screens show from the history, read on the database thread and kept until it
changes: the home view's figures (due count, recent sessions, an unfinished session) and
every question's statistics (for the review screen, the browser's marks, "practise my
weakest").

``Figures.stats(done)`` hands the statistics to ``done`` on the UI thread: at once when they
are known, else after one read on the database thread (callers asking meanwhile wait for
the same read). ``Change.HISTORY`` and ``Change.CATALOG`` forget them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..bank.model import Catalog
from ..practice.clock import Clock
from ..stats.figures import Stats
from .changes import Change, Changes
from .home_view import RecentSession
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..store.database import Database
    from ..store.session_log import UnfinishedSession
    from ..store.slot import DatabaseSlot


@dataclasses.dataclass(frozen=True)
class HomeFigures:
    """What the home view shows from the database (read ahead at start-up)."""

    due: int
    recent: list[RecentSession]
    unfinished: UnfinishedSession | None

    @classmethod
    def read(cls, database: Database, clock: Clock) -> HomeFigures:
        """Read on the database thread (which imports the store's modules, not the UI)."""
        from ..store.history import recent_session_summaries
        from ..store.review_log import due_count
        from ..store.session_log import find_unfinished

        return cls(
            due=due_count(database, clock.now()),
            recent=[RecentSession(*row) for row in recent_session_summaries(database, limit=12)],
            unfinished=find_unfinished(database),
        )


class Figures:
    def __init__(
        self,
        tasks: TaskRunner,
        slot: DatabaseSlot,
        catalog: Callable[[], Catalog],
        clock: Clock,
        changes: Changes,
    ) -> None:
        self.tasks = tasks
        self.slot = slot  # its database is resolved on the database thread (``store.slot``)
        self.catalog = catalog
        self.clock = clock
        self._stats: Stats | None = None
        self._waiting: list[Callable[[Stats], None]] | None = None  # a read under way
        changes.changed.connect(self._changed)

    def _changed(self, change: Change) -> None:
        if change & (Change.HISTORY | Change.CATALOG):
            self._stats = None
            self._waiting = None  # a read under way is of the old state: not handed out

    def stats(self, done: Callable[[Stats], None]) -> None:
        """``done(stats)`` on the UI thread, read on the database thread if need be."""
        if self._stats is not None:
            done(self._stats)
            return
        if self._waiting is not None:
            self._waiting.append(done)
            return
        waiting = self._waiting = [done]
        slot, questions, now = self.slot, list(self.catalog().questions()), self.clock.now()

        def read() -> Stats:
            from ..stats.load import load_stats

            return load_stats(slot.get(), questions, now)

        def failed(error: BaseException) -> None:
            if waiting is self._waiting:
                self._waiting = None  # the next ask reads again
            if self.tasks.failed is not None:
                self.tasks.failed(error)

        def ready(stats: Stats) -> None:
            if waiting is not self._waiting:  # the history changed meanwhile: read again
                for callback in waiting:
                    self.stats(callback)
                return
            self._stats, self._waiting = stats, None
            for callback in waiting:
                callback(stats)

        self.tasks.database(read, ready, failed)

    def home(self, done: Callable[[HomeFigures], None]) -> None:
        """The home view's figures, read on the database thread."""
        slot, clock = self.slot, self.clock
        self.tasks.database(lambda: HomeFigures.read(slot.get(), clock), done, latest="home")
