"""Backups: one automatic copy a day at start, on demand, kept N days; restore after checking.

Copies use SQLite's online backup API, so they are consistent while desks work. A restore first
checks the copy with `PRAGMA integrity_check` and refuses a bad one, refuses while another desk
has the database open (heartbeats in `desk_presence`), and saves the current state aside first.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.persistence.backup import backup_sqlite_file, dump_server_database, integrity_problems
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.location import data_folder
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.migrations import head_revision, known_revisions, open_database
from shelter_desk.persistence.models import DeskPresence
from shelter_desk.persistence.schema_check import schema_differences
from shelter_desk.persistence.sqlite_files import connect_file, database_errors
from shelter_desk.services.trust.access_log import (
    Action,
    LogLine,
    anchor_keyed_chain,
    carry_lines,
    log_access,
    restart_head,
)
from shelter_desk.services.desk import Desk
from shelter_desk.services.settings import read_settings
from shelter_desk.services.person_index import PersonSearch

PRESENCE_FRESH = timedelta(minutes=3)
_NAME = re.compile(r"^shelter-desk-(\d{8})-(\d{6})(?:-\d+)?\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime


def default_backup_folder(db: Database) -> Path:
    """Beside the SQLite file; for a server database, in this computer's Shelter Desk data folder."""
    if db.location.path is None:
        return data_folder() / "backups"
    return db.location.path.parent / "backups"


def _file_path(db: Database) -> Path:
    if db.location.path is None:
        raise DeskError("Terugzetten gaat hier alleen over een SQLite-bestand. Een PostgreSQL-database zet de "
                        "beheerder van de server terug met pg_restore (zie de README); Shelter Desk verwijdert "
                        "zelf nooit een serverdatabase.")
    return db.location.path


def make_backup(db: Database, folder: Path, now: datetime) -> Path:
    stamp = now.astimezone(AMSTERDAM).strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite" if db.location.path is not None else ".dump"  # PostgreSQL: pg_dump's custom format
    target, number = folder / f"shelter-desk-{stamp}{suffix}", 1
    while target.exists():  # never overwrite a copy (two backups in one second, or a restore's own)
        number += 1
        target = folder / f"shelter-desk-{stamp}-{number}{suffix}"
    try:
        if db.location.path is None:
            return dump_server_database(db.location.url, target)
        return backup_sqlite_file(_file_path(db), target, db.location.key)
    except OSError as error:
        raise DeskError(f"De back-up kon niet worden geschreven in '{folder}': {error.strerror}.") from error


def backups_in(folder: Path) -> list[BackupFile]:
    found = []
    for path in folder.glob("shelter-desk-*.sqlite") if folder.exists() else ():
        match = _NAME.match(path.name)
        if match:
            made = datetime.strptime("".join(match.groups()), "%Y%m%d%H%M%S").replace(tzinfo=AMSTERDAM)
            found.append(BackupFile(path, made))
    return sorted(found, key=lambda b: b.made_at)


def daily_backup(db: Database, folder: Path, now: datetime) -> Path | None:
    """At start: a copy unless one was made today already; then drop copies past the keep period."""
    if db.location.path is None:
        return None
    today = now.astimezone(AMSTERDAM).date()
    made = None
    if not any(b.made_at.date() == today for b in backups_in(folder)):
        made = make_backup(db, folder, now)
    keep = read_settings(db).backup_keep_days
    for old in backups_in(folder):
        if old.made_at < now - timedelta(days=keep) and old.path != made:
            old.path.unlink(missing_ok=True)
    return made


def backup_now(desk: Desk, folder: Path) -> Path:
    """A copy of the whole database leaves the application: coordinators and administrators only."""
    desk.require(Permission.EXPORT)
    path = make_backup(desk.db, folder, desk.now())
    with desk.db.write() as session:
        log_access(session, desk, Action.EXPORT, detail=f"back-up {path.name}")
    return path


def _presence_key(desk: Desk) -> str:
    # Host and process: two desks on one machine (or a terminal server) are two desks.
    return f"{desk.workstation}#{os.getpid()}"


def announce_presence(desk: Desk) -> None:
    """The heartbeat of this desk (at start and every minute)."""
    with desk.db.write() as session:
        row = session.get(DeskPresence, _presence_key(desk))
        if row is None:
            session.add(DeskPresence(workstation=_presence_key(desk), process_id=os.getpid(), seen_at=desk.now()))
        else:
            row.seen_at = desk.now()


def leave(desk: Desk) -> None:
    with desk.db.write() as session:
        session.execute(delete(DeskPresence).where(DeskPresence.workstation == _presence_key(desk)))


def _other_desks(session: Session, desk: Desk) -> list[str]:
    return [row.workstation.split("#")[0] for row in session.scalars(select(DeskPresence))
            if row.workstation != _presence_key(desk) and row.seen_at > desk.now() - PRESENCE_FRESH]


def check_backup(path: Path, key: str | None) -> str:
    """Refuse (in Dutch) a file that is not a sound Shelter Desk database; return its schema revision."""
    if not path.is_file():
        raise DeskError(f"'{path}' bestaat niet of is geen bestand.")
    try:
        problems = integrity_problems(path, key)
        connection = connect_file(path, key, read_only=True, immutable=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone() \
                if "alembic_version" in tables else None
        finally:
            connection.close()
    except database_errors(key) as error:
        raise DeskError(f"'{path.name}' is geen (leesbare) Shelter Desk-back-up: {error}. Er is niets teruggezet.") from None
    if problems:
        raise DeskError(f"De back-up '{path.name}' is beschadigd ({len(problems)} fout(en) bij de controle). "
                        "Er is niets teruggezet; kies een andere back-up.")
    if row is None or "person" not in tables:
        raise DeskError(f"'{path.name}' is geen Shelter Desk-database. Er is niets teruggezet.")
    revision = str(row[0])
    if revision not in known_revisions():
        raise DeskError(f"De back-up '{path.name}' is gemaakt met een nieuwere versie van Shelter Desk "
                        f"(schemaversie {revision}). Er is niets teruggezet; werk Shelter Desk eerst bij.")
    return revision


def _prepare_candidate(backup: Path, staged: Path, location: DatabaseLocation, revision: str) -> None:
    """Copy the backup beside the live file, bring an older schema up to date there, and check the result.

    The backup itself is only read. Its schema must then be exactly what the migrations build:
    an extra trigger, a missing trigger, index or column means the file was changed by hand.
    """
    shutil.copyfile(backup, staged)
    if revision != head_revision():
        staged_location = replace(location, url=f"sqlite:///{staged}", path=staged)
        open_database(staged_location).close()  # runs the missing migrations on the copy only
        for side in ("-wal", "-shm", ".gecontroleerd", ".in-gebruik"):
            staged.with_name(staged.name + side).unlink(missing_ok=True)
        for stray in staged.parent.glob(f"{staged.stem}.voor-migratie-*"):
            stray.unlink(missing_ok=True)
    connection = connect_file(staged, location.key, read_only=True)
    try:
        differences = schema_differences(connection)
    finally:
        connection.close()
    if differences:
        raise DeskError(f"De back-up '{backup.name}' heeft niet het schema van Shelter Desk: "
                        + "; ".join(differences[:6]) + (" …" if len(differences) > 6 else "")
                        + ". Zo'n bestand is met de hand gewijzigd; er is niets teruggezet.")


def _log_lines(path: Path, key: str | None) -> list[tuple[LogLine, str]]:
    """Every access-log line of a file with its hash, oldest first (read-only)."""
    connection = connect_file(path, key, read_only=True)
    try:
        rows = connection.execute("SELECT id, at, username, workstation, person_id, action, fields, detail, hash "
                                  "FROM access_log ORDER BY id").fetchall()
    finally:
        connection.close()
    # Moments are stored as UTC text ('2026-11-24 20:00:00.000000'), as UtcDateTime writes them.
    return [(LogLine(row[0], datetime.fromisoformat(row[1]).replace(tzinfo=timezone.utc), row[2], row[3], row[4],
                     row[5], row[6], row[7]), row[8]) for row in rows]


def restore(desk: Desk, backup: Path) -> Path:
    """Put a backup back over the open database; returns where the replaced state was saved.

    Administrators only. The backup is checked (sound, ours, a known schema revision: an older
    one is migrated on a copy; then exactly the schema the migrations build) before anything is
    replaced, and the file is replaced only while no other process has it open (the file lock).
    The access-log lines written since the backup are carried into the restored log, marked.
    The desk must be restarted afterwards (the window says so).
    """
    desk.require(Permission.ADMINISTER)
    live = _file_path(desk.db)
    key = desk.db.location.key
    revision = check_backup(backup, key)
    with desk.db.read() as session:
        others = _other_desks(session, desk)
    if others:
        raise DeskError("Andere balies hebben deze database open (" + ", ".join(others) + "). "
                        "Laat die eerst afsluiten; er is niets teruggezet.")
    staged = live.with_name(live.name + ".terugzetten")
    try:
        _prepare_candidate(backup, staged, desk.db.location, revision)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    share = desk.db.share
    desk.db.changes.suspend()  # the change watch's own connection neither
    desk.db.engine.dispose()  # no pooled connection may hold the file while it is replaced
    if share is not None and not share.make_exclusive():
        staged.unlink(missing_ok=True)
        desk.db.changes.resume()
        raise DeskError("Een ander programma heeft deze database nog open (een balie of een taak op de "
                        "opdrachtregel). Sluit alles wat de database gebruikt; er is niets teruggezet.")
    try:
        # The backup's log is the live log as it was: the live lines it lacks were written since.
        restored_hashes = {digest for _line, digest in _log_lines(staged, key)}
        since_backup = [line for line, digest in _log_lines(live, key) if digest not in restored_hashes]
        aside = make_backup(desk.db, live.parent / "backups", desk.now())
        try:
            for side in ("-wal", "-shm"):  # a log of the old file must never be applied to the new one
                live.with_name(live.name + side).unlink(missing_ok=True)
            os.replace(staged, live)
        except OSError as error:
            raise DeskError(f"Terugzetten lukte niet ({error.strerror}); de vorige stand staat in {aside}. "
                            "Sluit alle balies en probeer het opnieuw.") from error
        desk.search = PersonSearch(desk.db)  # the index described the replaced data
        with desk.db.write() as session:
            anchor_keyed_chain(session, desk.db.location)  # a backup from before the keyed chain
            restart_head(session, desk.db.location)
            carry_lines(session, desk.db.location, since_backup)
            log_access(session, desk, Action.UPDATE,
                       detail=f"back-up {backup.name} teruggezet; vorige stand in {aside.name}; "
                              f"{len(since_backup)} logregel(s) van na de back-up overgenomen")
    finally:
        staged.unlink(missing_ok=True)
        if share is not None:
            share.make_shared()
        desk.db.changes.resume()
    return aside
