"""Putting a server backup back: a new database on the same server, pg_restore, and the region's rights.

The application never drops or overwrites a server database: a restore goes into a database of a
new name, and switching the desks over is the administrator's step. The rights are the README's
("Setting up a region"): pg_dump keeps the tables' grants but not the database's own (its
`REVOKE ALL … FROM PUBLIC` and the desks' CONNECT), so all of them are applied again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, text
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.backup import PG_DUMP_MISSING
from shelter_desk.persistence.engine import server_url

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class ServerRoles:
    """Who owns the live database's tables, and the desks' roles (those granted on the access log)."""

    owner: str
    desks: tuple[str, ...]


def check_new_name(name: str) -> None:
    if not _NAME.match(name):
        raise DeskError(
            f"'{name}' is geen geschikte naam voor een nieuwe database: gebruik kleine letters, cijfers en _ "
            "(bijvoorbeeld opvang_terug). Er is niets teruggezet."
        )


def url_of(given: str, database: str) -> URL:
    return server_url(given).set(database=database)


def roles_of(session: Session) -> ServerRoles:
    owner = session.scalar(text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'access_log'"))
    desks = session.scalars(
        text(
            "SELECT DISTINCT pg_get_userbyid(a.grantee) FROM pg_class c, aclexplode(c.relacl) a "
            "WHERE c.relname = 'access_log' AND a.grantee <> c.relowner AND a.grantee <> 0 ORDER BY 1"
        )
    ).all()
    return ServerRoles(str(owner), tuple(desks))


def database_exists(session: Session, name: str) -> bool:
    return bool(session.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}))


def create_database(engine: Engine, name: str, owner: str) -> None:
    """CREATE DATABASE runs outside any transaction: a connection of its own, in autocommit."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" OWNER "{owner}"')


def pg_restore_into(url: URL, dump: Path, owner: str) -> None:
    """`pg_restore` of a plain custom-format dump into the (empty) database of `url`, as `owner`."""
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise DeskError(PG_DUMP_MISSING.replace("pg_dump", "pg_restore"))
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    result = subprocess.run(
        [pg_restore, "--no-owner", f"--role={owner}", "--exit-on-error", "--dbname", conninfo, str(dump)],
        env=environment,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or ["onbekende fout"]
        raise DeskError(f"pg_restore kon de back-up niet terugzetten in '{url.database}': {lines[-1]}")


def region_rights(database: str, roles: ServerRoles) -> list[str]:
    """The README's rights for the database `database`, as statements (run in that database)."""
    statements = [
        f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC',
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f'GRANT ALL ON SCHEMA public TO "{roles.owner}"',
    ]
    for desk in roles.desks:
        statements += [
            f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO "{desk}"',
            f'GRANT USAGE ON SCHEMA public TO "{desk}"',
            f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{desk}"',
            f'REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM "{desk}"',
            f'REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM "{desk}"',
            f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{desk}"',
        ]
    return statements


def apply_rights(url: URL, roles: ServerRoles) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in region_rights(str(url.database), roles):
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()
