"""The catalogue as the bank files are now, kept up to date, and its search index.

``CatalogWatcher`` holds the catalogue the window shows. It reads the bank files again when
the app wrote them (``Change.BANK_FILES``) or when another program did (a file watcher,
settled for ``RELOAD_DELAY_MS``), always off the UI thread, and announces
``Change.CATALOG`` once a new catalogue is in use. After the app's own change, whoever asks
for ``catalog`` before the new read is done reads the files at once (an edit right after an
edit must see the first). The search index is built off the UI thread for every new
catalogue; the newest build wins.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ..bank.model import Catalog
from ..paths import DataPaths, bundled_bank_dir
from .changes import Change, Changes
from .tasks import run_in_background

if TYPE_CHECKING:
    from ..bank.search import SearchIndex

RELOAD_DELAY_MS = 300
#: How long after a new catalogue is shown its search index starts to build.
SETTLE_MS = 30

Read = tuple[dict[str, str], Catalog]


def _read_banks(folders: list[Path], root: Path) -> Read:
    """The banks' stamps and the catalogue (on a worker thread: the loader and PyYAML are
    imported there, not before the window's first paint)."""
    from ..bank.loader import bank_stamps, load_default_catalog

    return bank_stamps(folders), load_default_catalog(root)


class CatalogWatcher(QObject):
    replaced = Signal(object, object)  # the catalogue before, the one now in use
    index_ready = Signal(object)  # the new SearchIndex

    def __init__(
        self, catalog: Catalog | None, data_dir: Path, changes: Changes, parent: QObject
    ) -> None:
        """``parent`` owns it (the window): Qt then deletes it, and its file watcher, on
        the UI thread, wherever the last Python reference to it is dropped. ``catalog``
        ``None``: the banks are not read yet (``load``); the catalogue is empty until then.
        """
        super().__init__(parent)
        self.loaded = catalog is not None
        #: At start-up the index waits for ``build_index`` (other work comes first).
        self.index_paused = catalog is None
        self._catalog = catalog if catalog is not None else Catalog()
        self._stale = False  # the app changed the files; the new read is under way
        self._generation = 0  # a background read older than this is not used
        self.data_dir = data_dir
        self.changes = changes
        self.search_index: SearchIndex | None = None
        self._closed = False
        self._stamps: dict[str, str] = {}  # what the catalogue was read from
        self.watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RELOAD_DELAY_MS)
        self._timer.timeout.connect(self._reload_if_changed)
        self.watcher.directoryChanged.connect(self._timer.start)
        self.watcher.fileChanged.connect(self._timer.start)
        changes.changed.connect(self._changed)
        self._watch()
        if not self.index_paused:
            self._rebuild_index()

    @property
    def user_banks_dir(self) -> Path:
        return DataPaths(self.data_dir).banks

    @property
    def catalog(self) -> Catalog:
        """The catalogue as the bank files are now (read at once if the app's own change
        is still being read)."""
        if self._stale:
            self._stale = False
            self._stamps, catalog = self._reader()()
            self._use(catalog)
        return self._catalog

    def _changed(self, change: Change) -> None:
        if change & Change.BANK_FILES:
            self.reload()

    def load(self) -> None:
        """Read the banks for the first time, off the UI thread (``Change.CATALOG`` follows)."""
        generation = self._generation

        def done(result: Read) -> None:
            if generation == self._generation:  # else the app's own change was read since
                self._stamps = result[0]
                self._use(result[1])

        run_in_background(self._reader(), done)

    def reload(self) -> None:
        """Read the bank files again after the app's own change to them, off the UI thread."""
        self._stale = True
        self._generation += 1
        generation = self._generation

        def done(result: Read) -> None:
            if generation != self._generation or not self._stale:
                return  # read again since, or already read at once
            self._stale = False
            self._stamps = result[0]
            self._use(result[1])

        run_in_background(self._reader(), done)

    def _reader(self) -> Callable[[], Read]:
        """What reads the banks (safe on a worker thread): their stamps and the catalogue."""
        folders, root = self._folders(), self.data_dir
        return lambda: _read_banks(folders, root)

    def _folders(self) -> list[Path]:
        return [bundled_bank_dir(), self.user_banks_dir]

    def _reload_if_changed(self) -> None:
        """The watcher saw a change: reload, unless the files are exactly what the catalogue
        was read from (the app's own write, already read)."""
        folders, known, root = self._folders(), self._stamps, self.data_dir
        generation = self._generation

        def work() -> tuple[dict[str, str], Catalog | None]:
            from ..bank.loader import bank_stamps, load_default_catalog

            stamps = bank_stamps(folders)
            return stamps, (load_default_catalog(root) if stamps != known else None)

        def done(result: tuple[dict[str, str], Catalog | None]) -> None:
            stamps, catalog = result
            if catalog is None or generation != self._generation:
                self._watch()  # a file replaced by an atomic write: watch it again
                return
            self._stamps = stamps
            self._use(catalog)

        run_in_background(work, done)

    def _use(self, catalog: Catalog) -> None:
        self._generation += 1
        self.loaded = True
        before, self._catalog = self._catalog, catalog
        self._watch()
        if not self.index_paused:
            # After the screens showing the new catalogue have painted: the build holds the
            # GIL, which the UI thread then waits for.
            QTimer.singleShot(SETTLE_MS, self, self._rebuild_index)
        self.replaced.emit(before, catalog)
        self.changes.announce(Change.CATALOG)

    def _watch(self) -> None:
        files = [b.path for b in self._catalog.banks if b.path is not None]
        watched = set(self.watcher.directories()) | set(self.watcher.files())
        wanted = {str(p) for p in (*self._folders(), *files) if p.exists()}
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    # -- the search index -------------------------------------------------------------------
    def build_index(self) -> None:
        """Build the search index now, and for every new catalogue from now on."""
        self.index_paused = False
        self._rebuild_index()

    def _rebuild_index(self) -> None:
        questions = list(self._catalog.questions())

        def build() -> SearchIndex:
            from ..bank.search import SearchIndex

            return SearchIndex.build(questions)

        run_in_background(
            build,
            self._index_built,
            latest=f"search-index-{id(self)}",
            discard=lambda index: index.close(),
        )

    def _index_built(self, index: SearchIndex) -> None:
        if self._closed:
            index.close()
            return
        old, self.search_index = self.search_index, index
        self.index_ready.emit(index)
        if old is not None:
            old.close()

    def wait_for_index(self, ready: Callable[[], bool], timeout: float = 5.0) -> bool:
        """For tests and scripts: process events until ``ready()`` (the index is in use)."""
        from PySide6.QtCore import QDeadlineTimer
        from PySide6.QtWidgets import QApplication

        deadline = QDeadlineTimer(int(timeout * 1000))
        while not ready():
            if deadline.hasExpired():
                return False
            QApplication.processEvents()
            threading.Event().wait(0.005)
        return True

    def close(self) -> None:
        self._closed = True
        if self.search_index is not None:
            self.search_index.close()
            self.search_index = None
