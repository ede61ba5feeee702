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

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from . import __version__
from .bank.loader import load_default_catalog
from .paths import DataPaths, resources_dir
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
    paths = DataPaths(Path(data_dir)).ensure()
    from .store import open_database

    database = open_database(paths.database, backups_dir=paths.backups)
    catalog = load_default_catalog(paths.root)
    return MainWindow(catalog, paths.root, database, notices=list(database.notices))


def run_app(data_dir: Path) -> int:
    """Open the main window and run the event loop until it closes.

    Only one instance runs per data directory: a second start brings the first to the
    front and exits (see ``instance_lock``).
    """
    from .instance_lock import InstanceLock
    from .store.errors import StoreError

    lock = InstanceLock(DataPaths(Path(data_dir)).root)
    if not lock.acquire():
        lock.request_raise()
        print(
            f"Interview Prep is already running for {data_dir}; brought it to the front.",
            file=sys.stderr,
        )
        return 0
    app = application()
    try:
        window = create_window(data_dir)
    except StoreError as exc:  # e.g. a database written by a newer version: left untouched
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Interview Prep cannot open its database", str(exc))
        return 1
    window.listen_for_raise_requests(lock.raise_request)
    window.show()
    if os.environ.get(EXIT_AFTER_PAINT_ENV):
        _exit_after_first_paint(window)
    return app.exec()


EXIT_AFTER_PAINT_ENV = "INTERVIEW_PREP_EXIT_AFTER_PAINT"


class _FirstPaint(QObject):
    """Quits the app right after the window's first paint (start-up measurements)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print("first-paint", flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def _exit_after_first_paint(window: MainWindow) -> None:
    watcher = _FirstPaint(window)
    window.installEventFilter(watcher)


def main() -> int:
    """Entry point of the ``interview-prep-gui`` launcher (no console)."""
    from .paths import resolve_data_dir

    return run_app(resolve_data_dir(None))
