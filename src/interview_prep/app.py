"""The desktop app's entry point: build the main window for a data directory and run it.

``create_window(data_dir)`` does everything start-up does except entering the event loop,
so tests and the screenshot script get exactly the window a user sees:

1. create the data directory and the user's bank folder;
2. open the SQLite database, running Alembic migrations if the schema is behind and making
   the day's backup (a damaged file is moved aside, never overwritten, and the newest good
   backup restored in its place; the window shows a notice saying so);
3. load the bundled bank and the user's banks (a broken file is reported, not fatal);
4. build the main window, which offers to resume a session a crash interrupted.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from . import __version__
from .paths import DataPaths, resources_dir

if TYPE_CHECKING:
    from collections.abc import Callable

    from .store.database import Database
    from .ui.changes import Change
    from .ui.main_window import MainWindow


def application() -> QApplication:
    """The process's QApplication, created on first use."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("interview-prep")
    app.setApplicationDisplayName("Interview Prep")
    app.setOrganizationName("interview-prep")
    app.setApplicationVersion(__version__)
    icon = resources_dir() / "icons" / "interview-prep.svg"
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    return app


def create_window(data_dir: Path) -> MainWindow:
    """Build the whole main window for ``data_dir`` without starting the event loop.

    Creates a QApplication if there is none. The window keeps the database open and closes
    it (after the background writes) when it closes.
    """
    from .render import warm_up

    application()
    warm_up()
    return _build_window(_load(Path(data_dir)))


def _prepare(data_dir: Path, *, with_catalog: bool = False) -> dict[str, Any]:
    """What the window needs before it is built, off the UI thread: its modules. The banks
    and the database are not read here: once painted, the window reads the banks on the CPU
    pool and opens the database on its database thread (``_opener``), so that its first
    paint waits for neither (nor for YAML and SQLAlchemy). ``with_catalog``: read the banks
    now (for a window built in one go).
    """
    from .ui import main_window  # noqa: F401 - imported here, not on the UI thread

    paths = DataPaths(data_dir).ensure()
    catalog = None
    if with_catalog:
        from .bank.loader import load_default_catalog

        catalog = load_default_catalog(paths.root)
    return {"catalog": catalog, "root": paths.root, "database": _opener(paths)}


def _opener(paths: DataPaths) -> Callable[[], Database]:
    def open_it() -> Database:
        from .store.database import open_database

        return open_database(paths.database, backups_dir=paths.backups)

    return open_it


def _load(data_dir: Path) -> dict[str, Any]:
    """``_prepare`` with the database opened and the home figures read (for a window built
    in one go: tests and scripts)."""
    from .practice.clock import SystemClock
    from .ui.figures import HomeFigures

    loaded = _prepare(data_dir, with_catalog=True)
    database = loaded["database"] = loaded["database"]()
    loaded["figures"] = HomeFigures.read(database, SystemClock())
    return loaded


def _build_window(loaded: dict[str, Any], *, session_screens_later: bool = False) -> MainWindow:
    from .ui.main_window import MainWindow

    database = loaded["database"]
    return MainWindow(
        loaded["catalog"],
        loaded["root"],
        database,
        notices=None if callable(database) else list(database.notices),
        figures=loaded.get("figures"),
        session_screens_later=session_screens_later,
    )


def freeze_startup_objects() -> None:
    """Exempt everything made at start-up from Python's cyclic garbage collector.

    The catalog, the window and the imported modules live as long as the app, yet each
    full collection walks all of them again: with a large bank that was a 30–70 ms pause
    at random moments (opening the review screen took 150–200 ms instead of about 120).
    ``gc.freeze`` moves them to a generation the collector leaves alone; reference
    counting still frees what is dropped later. Called as the main window is built, once it
    has painted and once its start-up work is done; the benchmarks call it too, to measure
    the app as it runs.
    """
    gc.freeze()


def run_app(data_dir: Path) -> int:
    """Open the main window and run the event loop until it closes.

    Only one instance runs per data directory: a second start brings the first to the
    front and exits (see ``instance_lock``).
    """
    from .instance_lock import InstanceLock
    from .paths import data_folder_problem

    data_dir = Path(data_dir)
    while (problem := data_folder_problem(data_dir)) is not None:
        print(f"interview-prep: cannot use the data folder: {problem}", file=sys.stderr)
        from .ui.data_folder_dialog import ask_for_data_folder

        application()
        chosen = ask_for_data_folder(data_dir, problem)
        if chosen is None:
            return 1
        data_dir = chosen
    lock = InstanceLock(DataPaths(data_dir).root)
    try:
        acquired = lock.acquire()
    except OSError as error:
        from .error_text import describe_error

        print(f"interview-prep: {describe_error(error)}", file=sys.stderr)
        return 1
    if not acquired:
        lock.request_raise()
        print(
            f"Interview Prep is already running for {data_dir}; brought it to the front.",
            file=sys.stderr,
        )
        return 0
    app = application()
    from .ui.startup_window import StartupWindow

    startup = StartupWindow(DataPaths(Path(data_dir)).root)
    probe = _probe(startup)
    windows: list[MainWindow] = []
    from .ui.termination import TerminationWatch

    # SIGTERM, SIGHUP or Ctrl+C close the window as Quit does (notes saved, database closed).
    watch = TerminationWatch(app, lambda: windows[0] if windows else startup)

    def loaded(result: dict[str, Any]) -> None:
        # The catalogue and the modules just loaded are there for good: a full collection
        # walking them in the middle of building the window cost it 40 ms.
        freeze_startup_objects()
        window = _build_window(result, session_screens_later=True)
        window.database_failed.connect(failed)
        window.listen_for_raise_requests(lock.raise_request)
        windows.append(window)
        # Shown on the next turn of the event loop, so that building the window and
        # laying it out for its first paint are two short pauses, not one long one.
        QTimer.singleShot(0, show)

    def show() -> None:
        window = windows[0]
        if probe is not None:
            probe.watch(window)
        window.painted.connect(freeze_startup_objects)
        # Again once the banks, the database's modules and the later screens are in: they
        # came after the first paint (ui/start_up.py) and live as long as the window.
        window.started_up.connect(freeze_startup_objects)
        window.show()
        startup.close()

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .error_text import describe_error
        from .store.errors import StoreError

        if isinstance(exc, StoreError):  # e.g. a database from a newer version: untouched
            title = "Interview Prep cannot open its database"
        else:
            title = "Interview Prep could not start"
        print(f"interview-prep: {describe_error(exc)}", file=sys.stderr)
        QMessageBox.critical(windows[0] if windows else startup, title, describe_error(exc))
        app.exit(1)

    startup.show()
    # The window's modules load while Qt paints the start-up window (in C++, without the GIL).
    from .ui.tasks import run_in_background

    run_in_background(lambda: _prepare(Path(data_dir)), loaded, failed)
    code = app.exec()
    watch.deleteLater()
    return code


def leave(code: int) -> NoReturn:
    """End the process once the window has closed as Quit does (the draft saved, the writes
    flushed, the database closed): logs and output flushed, then out, without tearing down
    every Qt and Python object one by one. That teardown took 0.6 s on an idle machine and
    over a second on a busy one, more than a logout's SIGTERM should have to wait."""
    import contextlib
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or a pipe nobody reads
            stream.flush()
    os._exit(code)


EXIT_AFTER_PAINT_ENV = "INTERVIEW_PREP_EXIT_AFTER_PAINT"
STARTUP_PROBE_ENV = "INTERVIEW_PREP_STARTUP_PROBE"
STALL_TICK_MS = 5
#: The probe watches for stalls until this long after the window's start-up work is done
#: (``MainWindow.started_up``), and at least one second after the first paint.
SETTLED_S = 0.3
GIVE_UP_S = 10.0
#: Modules neither first paint waits for (the start-up window's, the main window's): the
#: probe reports those already imported at each.
HEAVY_MODULES = (
    "sqlalchemy",
    "alembic",
    "ftfy",
    "markdown",
    "yaml",
    "nh3",
    "pygments",
    "interview_prep.store.database",
    "interview_prep.bank.loader",
)


class _StartupProbe(QObject):
    """Start-up measurements for ``bench/startup_bench.py`` (enabled by environment).

    Prints ``first-paint`` at the first paint, then ``modules-at-paint`` and those of
    ``HEAVY_MODULES`` already imported (none, if start-up is as designed). With
    ``INTERVIEW_PREP_EXIT_AFTER_PAINT`` it quits there; with
    ``INTERVIEW_PREP_STARTUP_PROBE`` it also prints ``ready <ms>`` at the main window's
    first paint (after the start-up window's), ``modules-at-ready`` as above, ``banks <ms>``
    when the banks are shown in it, ``started-up <ms>`` when all its start-up work is done
    and then (at least one second after the first paint) ``max-stall <ms>``: the longest
    the UI thread went without running its event loop since the first paint, and
    ``max-stall-at <ms>``, when that stall began; then ``gc-objects <n>``, the objects a
    full garbage collection still walks (what ``gc.freeze`` left out), and ``gc-full <ms>``,
    how long one took.
    """

    def __init__(self, window: QWidget, *, exit_at_paint: bool) -> None:
        super().__init__(window)
        self.exit_at_paint = exit_at_paint
        self.painted_at: float | None = None
        self.last_tick = 0.0
        self.max_stall = self.max_stall_at = 0.0
        self.is_ready = False
        self.banks_shown = False
        self.main_window: QObject | None = None
        self.started_up_at: float | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(STALL_TICK_MS)
        self.timer.timeout.connect(self._tick)
        window.installEventFilter(self)

    def watch(self, window: MainWindow) -> None:
        """Report the main window's first paint (``ready``) and its banks shown."""
        self.main_window = window
        window.installEventFilter(self)
        window.changes.changed.connect(self.changed)
        window.started_up.connect(self.started_up)

    def started_up(self) -> None:
        if self.painted_at is not None:
            elapsed = (time.perf_counter() - self.painted_at) * 1000
            print(f"started-up {elapsed:.0f}", flush=True)
        self.started_up_at = time.perf_counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.main_window:
            watched.removeEventFilter(self)
            self.ready()
            loaded = [name for name in HEAVY_MODULES if name in sys.modules]
            print("modules-at-ready", *loaded, flush=True)
        elif event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = self.last_tick = time.perf_counter()
            print("first-paint", flush=True)
            watched.removeEventFilter(self)
            loaded = [name for name in HEAVY_MODULES if name in sys.modules]
            print("modules-at-paint", *loaded, flush=True)
            if self.exit_at_paint:
                QTimer.singleShot(0, QApplication.quit)
            else:
                self.timer.start()
        return False

    def ready(self) -> None:
        if self.painted_at is not None:
            print(f"ready {(time.perf_counter() - self.painted_at) * 1000:.0f}", flush=True)
        self.is_ready = True

    def changed(self, change: Change) -> None:
        from .ui.changes import Change

        if self.painted_at is not None and not self.banks_shown and change & Change.CATALOG:
            self.banks_shown = True
            print(f"banks {(time.perf_counter() - self.painted_at) * 1000:.0f}", flush=True)

    def _tick(self) -> None:
        now = time.perf_counter()
        if now - self.last_tick > self.max_stall:
            self.max_stall, self.max_stall_at = now - self.last_tick, self.last_tick
        self.last_tick = now
        if (
            self.is_ready
            and self.painted_at is not None
            and now - self.painted_at > 1.0
            and (self.started_up_at is None or now - self.started_up_at > SETTLED_S)
            and (self.started_up_at is not None or now - self.painted_at > GIVE_UP_S)
        ):
            print(f"max-stall {self.max_stall * 1000:.0f}", flush=True)
            # When the longest stall began, in ms after the first paint: which step it was.
            print(f"max-stall-at {(self.max_stall_at - self.painted_at) * 1000:.0f}", flush=True)
            # What a full garbage collection walks and takes from now on (gc.freeze).
            started = time.perf_counter()
            gc.collect()
            elapsed = (time.perf_counter() - started) * 1000
            print(f"gc-objects {len(gc.get_objects())}", flush=True)
            print(f"gc-full {elapsed:.1f}", flush=True)
            self.timer.stop()
            QTimer.singleShot(0, QApplication.quit)


def _probe(window: QWidget) -> _StartupProbe | None:
    if os.environ.get(EXIT_AFTER_PAINT_ENV):
        return _StartupProbe(window, exit_at_paint=True)
    if os.environ.get(STARTUP_PROBE_ENV):
        return _StartupProbe(window, exit_at_paint=False)
    return None


def main() -> int:
    """Entry point of the ``interview-prep-gui`` launcher (no console)."""
    from .paths import resolve_data_dir

    return run_app(resolve_data_dir(None))
