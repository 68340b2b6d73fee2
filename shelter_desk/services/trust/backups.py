"""Backups: one automatic copy a day at start, on demand, kept N days; restore after checking.

Copies use SQLite's online backup API, so they are consistent while desks work. A restore first
checks the copy with `PRAGMA integrity_check` and refuses a bad one, refuses while another desk
has the database open (heartbeats in `desk_presence`), and saves the current state aside first.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.persistence.backup import backup_sqlite_file, integrity_problems
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import DeskPresence
from shelter_desk.persistence.sqlite_files import connect_file, database_errors
from shelter_desk.services.trust.access_log import Action, anchor_keyed_chain, log_access, restart_head
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
    assert db.location.path is not None
    return db.location.path.parent / "backups"


def _file_path(db: Database) -> Path:
    if db.location.path is None:
        raise DeskError("Back-ups en herstel gaan hier alleen over een SQLite-bestand; "
                        "voor PostgreSQL maakt de databaseserver de back-ups.")
    return db.location.path


def make_backup(db: Database, folder: Path, now: datetime) -> Path:
    stamp = now.astimezone(AMSTERDAM).strftime("%Y%m%d-%H%M%S")
    target, number = folder / f"shelter-desk-{stamp}.sqlite", 1
    while target.exists():  # never overwrite a copy (two backups in one second, or a restore's own)
        number += 1
        target = folder / f"shelter-desk-{stamp}-{number}.sqlite"
    try:
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


def check_backup(path: Path, key: str | None) -> None:
    """Refuse (in Dutch) a file that is not a sound Shelter Desk database."""
    if not path.is_file():
        raise DeskError(f"'{path}' bestaat niet of is geen bestand.")
    try:
        problems = integrity_problems(path, key)
        connection = connect_file(path, key, read_only=True, immutable=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            connection.close()
    except database_errors(key) as error:
        raise DeskError(f"'{path.name}' is geen (leesbare) Shelter Desk-back-up: {error}. Er is niets teruggezet.") from None
    if problems:
        raise DeskError(f"De back-up '{path.name}' is beschadigd ({len(problems)} fout(en) bij de controle). "
                        "Er is niets teruggezet; kies een andere back-up.")
    if "alembic_version" not in tables or "person" not in tables:
        raise DeskError(f"'{path.name}' is geen Shelter Desk-database. Er is niets teruggezet.")


def restore(desk: Desk, backup: Path) -> Path:
    """Put a backup back over the open database; returns where the replaced state was saved.

    Administrators only. The desk must be restarted afterwards (the window says so).
    """
    desk.require(Permission.ADMINISTER)
    live = _file_path(desk.db)
    check_backup(backup, desk.db.location.key)
    with desk.db.read() as session:
        others = _other_desks(session, desk)
    if others:
        raise DeskError("Andere balies hebben deze database open (" + ", ".join(others) + "). "
                        "Laat die eerst afsluiten; er is niets teruggezet.")
    aside = make_backup(desk.db, live.parent / "backups", desk.now())
    desk.db.close()  # no pooled connection may hold the file while it is replaced
    # Nobody has the file open now: replace it whole (a backup is a complete, checked database,
    # encrypted with the same key), via a temporary copy so a crash leaves the old file intact.
    staged = live.with_name(live.name + ".terugzetten")
    try:
        shutil.copyfile(backup, staged)
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
        log_access(session, desk, Action.UPDATE, detail=f"back-up {backup.name} teruggezet; vorige stand in {aside.name}")
    return aside
