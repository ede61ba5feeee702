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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from . import __version__
from .paths import DataPaths, resources_dir

if TYPE_CHECKING:
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
    application()
    return _build_window(_load(Path(data_dir)))


# Builds the Markdown engines and loads the highlighter's Python lexer before the first answer.
_WARM_UP_ANSWER = "Warm-up:\n\n```python\nprint('ready')\n```\n\n| a |\n| - |\n| 1 |\n"


def _load(data_dir: Path) -> dict[str, Any]:
    """Everything a window needs that is not a widget (safe on a worker thread).

    Whatever can be done here is not done on the UI thread, which stays responsive while
    the start-up window shows: the bank, the database, the home view's figures and the
    Markdown engines.
    """
    from .bank.loader import load_default_catalog
    from .practice.clock import SystemClock
    from .render import render_answer
    from .store import open_database
    from .ui import main_window  # noqa: F401 - imported here, not on the UI thread
    from .ui.figures import HomeFigures

    paths = DataPaths(data_dir).ensure()
    database = open_database(paths.database, backups_dir=paths.backups)
    for dark in (False, True):
        render_answer(_WARM_UP_ANSWER, dark=dark)
    return {
        "catalog": load_default_catalog(paths.root),
        "root": paths.root,
        "database": database,
        "figures": HomeFigures.read(database, SystemClock()),
    }


def _build_window(loaded: dict[str, Any], *, session_screens_later: bool = False) -> MainWindow:
    from .ui.main_window import MainWindow

    database = loaded["database"]
    return MainWindow(
        loaded["catalog"],
        loaded["root"],
        database,
        notices=list(database.notices),
        figures=loaded.get("figures"),
        session_screens_later=session_screens_later,
    )


def freeze_startup_objects() -> None:
    """Exempt everything made at start-up from Python's cyclic garbage collector.

    The catalog, the window and the imported modules live as long as the app, yet each
    full collection walks all of them again: with a large bank that was a 30–70 ms pause
    at random moments (opening the review screen took 150–200 ms instead of about 120).
    ``gc.freeze`` moves them to a generation the collector leaves alone; reference
    counting still frees what is dropped later. Called once the main window is up; the
    benchmarks call it too, to measure the app as it runs.
    """
    gc.freeze()


def run_app(data_dir: Path) -> int:
    """Open the main window and run the event loop until it closes.

    Only one instance runs per data directory: a second start brings the first to the
    front and exits (see ``instance_lock``).
    """
    from .error_text import describe_error
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

    def loaded(result: dict[str, Any]) -> None:
        # The catalogue and the modules just loaded are there for good: a full collection
        # walking them in the middle of building the window cost it 40 ms.
        freeze_startup_objects()
        window = _build_window(result, session_screens_later=True)
        window.listen_for_raise_requests(lock.raise_request)
        windows.append(window)
        # Shown on the next turn of the event loop, so that building the window and
        # laying it out for its first paint are two short pauses, not one long one.
        QTimer.singleShot(0, show)

    def show() -> None:
        windows[0].show()
        startup.close()
        freeze_startup_objects()
        if probe is not None:
            probe.ready()
        # The session screens on a turn of their own, after the first paint of the window.
        QTimer.singleShot(50, windows[0].build_session_screens)

    def failed(exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from .store.errors import StoreError

        if isinstance(exc, StoreError):  # e.g. a database from a newer version: untouched
            title = "Interview Prep cannot open its database"
        else:
            title = "Interview Prep could not start"
        print(f"interview-prep: {describe_error(exc)}", file=sys.stderr)
        QMessageBox.critical(startup, title, describe_error(exc))
        app.exit(1)

    # Loading starts once the window is on screen, so that nothing competes with its paint.
    def start_loading() -> None:
        from .ui.tasks import run_in_background  # after the first paint: nothing heavy before

        run_in_background(lambda: _load(Path(data_dir)), loaded, failed)

    startup.painted.connect(start_loading)
    startup.show()
    return app.exec()


EXIT_AFTER_PAINT_ENV = "INTERVIEW_PREP_EXIT_AFTER_PAINT"
STARTUP_PROBE_ENV = "INTERVIEW_PREP_STARTUP_PROBE"
STALL_TICK_MS = 5
#: Modules the first paint must not wait for (reported by the probe at the first paint).
HEAVY_MODULES = (
    "sqlalchemy",
    "alembic",
    "ftfy",
    "markdown",
    "yaml",
    "nh3",
    "pygments",
    "interview_prep.store",
    "interview_prep.ui.main_window",
)


class _StartupProbe(QObject):
    """Start-up measurements for ``bench/startup_bench.py`` (enabled by environment).

    Prints ``first-paint`` at the first paint, then ``modules-at-paint`` and those of
    ``HEAVY_MODULES`` already imported (none, if start-up is as designed). With
    ``INTERVIEW_PREP_EXIT_AFTER_PAINT`` it quits there; with
    ``INTERVIEW_PREP_STARTUP_PROBE`` it also prints ``ready <ms>`` when the main window is
    up and, one second after both, ``max-stall <ms>``: the longest the UI thread went
    without running its event loop since the first paint.
    """

    def __init__(self, window: QWidget, *, exit_at_paint: bool) -> None:
        super().__init__(window)
        self.exit_at_paint = exit_at_paint
        self.painted_at: float | None = None
        self.last_tick = 0.0
        self.max_stall = 0.0
        self.is_ready = False
        self.timer = QTimer(self)
        self.timer.setInterval(STALL_TICK_MS)
        self.timer.timeout.connect(self._tick)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
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

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_stall = max(self.max_stall, now - self.last_tick)
        self.last_tick = now
        if self.is_ready and self.painted_at is not None and now - self.painted_at > 1.0:
            print(f"max-stall {self.max_stall * 1000:.0f}", flush=True)
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
