"""The Alembic environment for the store's migrations.

At run time ``interview_prep.store.database`` configures Alembic in code and passes an open
connection, already inside a transaction with foreign keys off, as
``config.attributes["connection"]``; no ``alembic.ini`` is read. Developers can also run the
``alembic`` command with the ``alembic.ini`` at the project root (``sqlalchemy.url`` names a
scratch database); the engine is then built with the same settings.

``render_as_batch`` makes autogenerate write SQLite-friendly "batch" operations.
"""

from __future__ import annotations

from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from interview_prep.store.database import create_migration_engine
from interview_prep.store.models import Base, UTCDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations must not import the models (which change): write UTCDateTime as its
    # storage type, which is what the database sees anyway.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        render_item=_render_item,
        transactional_ddl=True,  # the migration engine makes SQLite's DDL transactional
    )
    with context.begin_transaction():
        context.run_migrations()
    # Batch rebuilds run with enforcement off; make sure they left every reference valid.
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign key violations after migrating: {problems[:5]}")


def run_migrations_offline() -> None:
    """``alembic upgrade --sql``: write the SQL instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        render_item=_render_item,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: set sqlalchemy.url in alembic.ini")
    engine = create_migration_engine(url)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


if config.config_file_name is not None:  # the alembic command line, not the app
    fileConfig(config.config_file_name, disable_existing_loggers=False)

if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
