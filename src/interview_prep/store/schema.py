"""The schema version: what the code expects and what a database file holds.

``HEAD_REVISION`` is the Alembic revision the models match; a test checks it against the
head of ``migrations/versions``. ``current_revision`` reads a file's ``alembic_version``
table with the standard ``sqlite3`` module only, so that an up-to-date database is opened
without importing Alembic (whose import costs about 300 ms at start-up). Alembic is
imported, inside ``alembic_config``, only when a migration is actually due.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest migration; bump it with every new file in ``migrations/versions``.
HEAD_REVISION = "0005"

#: The Alembic script directory, inside the package so that it ships in the wheel.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(db_path: Path) -> str | None:
    """The Alembic revision stamped in the database at ``db_path``.

    ``None`` when the file is missing or has never been migrated (no ``alembic_version``
    table, or an empty one). The file is opened read-only and never created. A file that is
    not an SQLite database raises ``sqlite3.DatabaseError``.
    """
    path = Path(db_path).resolve()
    if not path.is_file():
        return None
    uri = f"{path.as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, timeout=5.0)) as connection:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if has_table is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


def alembic_config(url: str | None = None) -> Config:
    """An Alembic ``Config`` for the package's migrations, built in code (no ``alembic.ini``).

    ``url`` (a SQLAlchemy URL string) is needed only when env.py is to connect by itself; the
    store hands it an open connection through ``config.attributes["connection"]`` instead.
    Imports Alembic.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # ConfigParser treats "%" as interpolation; escape it in file paths.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
