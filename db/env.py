"""Alembic environment: migrates the connection the application hands over, or one it opens.

The application passes its own connection in `config.attributes["connection"]`; the `alembic`
command line opens the database named by `-x database=...` (or the application's default).
SQLite runs in batch mode so later migrations can alter tables and named constraints.
"""

import os
from logging.config import fileConfig

from alembic import context

from shelter_desk.persistence.engine import create_database_engine
from shelter_desk.persistence.location import resolve_location, with_key
from shelter_desk.persistence.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _migrate(connection) -> None:
    """Run the migrations in one transaction.

    On SQLite a batch migration rebuilds a table (create copy, drop original, rename), which the
    foreign keys of the rows pointing at it would refuse; they are switched off for the run (only
    possible outside a transaction) and every reference is checked before the commit instead.
    """
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.commit()  # the pragma is ignored inside a transaction
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        # An explicit transaction: Alembic opens none itself on SQLite (no transactional DDL
        # by its reckoning), yet SQLite rolls DDL back fine, so a failed run changes nothing.
        with connection.begin():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken references: {broken[:5]}")
        if connection.in_transaction():  # Alembic's own bookkeeping may have opened another
            connection.commit()
    finally:
        if sqlite:
            if connection.in_transaction():
                connection.rollback()
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys = ON")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    given = context.get_x_argument(as_dictionary=True).get("database")
    # An encrypted database needs its key in SHELTER_DESK_KEY; without it the file is plain SQLite.
    key = os.environ.get("SHELTER_DESK_KEY")
    location = resolve_location(given, plain=key is None)
    if key is not None:
        location = with_key(location, key)
    if location.path is not None:
        location.path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_database_engine(location)
    try:
        with engine.connect() as connection:
            _migrate(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Shelter Desk supports online migrations only.")
run_migrations_online()
