"""Backups: one automatic copy a day at start, on demand, kept N days; restore after checking.

Copies use SQLite's online backup API, so they are consistent while desks work. Every copy is
whole or absent (`persistence.backup`): a file named like a backup has passed its check, so the
daily backup counts only good copies, and the rotation never removes the last three of them,
whatever their age. The last good backup and the last failure (when, why) are kept in the
database (`database_info`), so every desk and Beheer see them and a coordinator who signs in is
warned when the last good backup is older than the organisation's setting.

A restore first checks the copy with `PRAGMA integrity_check` and refuses a bad one, refuses
while another desk has the database open (heartbeats in `desk_presence`), and saves the current
state aside first.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DatabaseUnreachable, DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.persistence.backup import (
    PARTIAL_SUFFIX,
    backup_sqlite_file,
    dump_server_database,
    integrity_problems,
    keys_by_fingerprint,
    write_decrypted,
)
from shelter_desk.persistence.engine import Database, server_url
from shelter_desk.persistence.location import DatabaseLocation, data_folder
from shelter_desk.persistence.log_chain_keys import chain_key, chain_keys
from shelter_desk.persistence.migrations import head_revision, known_revisions, open_database
from shelter_desk.persistence.models import AccessLogEntry, DatabaseInfo, DeskPresence
from shelter_desk.persistence.schema_check import schema_differences
from shelter_desk.persistence.server_restore import (
    apply_rights,
    check_new_name,
    create_database,
    database_exists,
    pg_restore_into,
    roles_of,
    url_of,
)
from shelter_desk.persistence.sqlite_files import connect_file, database_errors
from shelter_desk.services.kernel.access_log import (
    Action,
    LogLine,
    anchor_keyed_chain,
    carry_lines,
    log_access,
    restart_head,
)
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.person_index import PersonSearch
from shelter_desk.services.kernel.settings import read_settings

LOGGER = logging.getLogger("shelter_desk")
PRESENCE_FRESH = timedelta(minutes=3)
_NAME = re.compile(r"^shelter-desk-(\d{8})-(\d{6})(?:-\d+)?\.sqlite$")
KEEP_GOOD_COPIES = 3  # the rotation never removes the newest three good copies, whatever their age
PARTIAL_STALE = timedelta(hours=6)  # a partial file this old was left by a desk that stopped mid-copy
# `database_info` keys: when the last good backup was made, and when and why the last one failed.
_LAST_GOOD, _LAST_FAILURE_AT, _LAST_FAILURE = "backup.last_good_at", "backup.last_failure_at", "backup.last_failure"
_INFO_LENGTH = 200  # database_info.value
SERVER_BACKUP_SUFFIX = ".dump.versleuteld"


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime


@dataclass(frozen=True)
class BackupState:
    """What the desk knows about its backups: the last good one, and the last failure if any since."""

    folder: Path
    last_good_at: datetime | None
    last_failure_at: datetime | None
    last_failure: str | None

    def age(self, now: datetime) -> timedelta | None:
        return None if self.last_good_at is None else now - self.last_good_at

    def failing(self) -> bool:
        """Whether the last attempt failed (a failure after the last good copy)."""
        return self.last_failure_at is not None and (
            self.last_good_at is None or self.last_failure_at >= self.last_good_at
        )


def default_backup_folder(db: Database) -> Path:
    """Beside the SQLite file; for a server database, in this computer's Shelter Desk data folder."""
    if db.location.path is None:
        return data_folder() / "backups"
    return db.location.path.parent / "backups"


def _file_path(db: Database) -> Path:
    if db.location.path is None:
        raise DeskError(
            "Terugzetten gaat hier alleen over een SQLite-bestand. Een PostgreSQL-database zet de "
            "beheerder van de server terug met pg_restore (zie de README); Shelter Desk verwijdert "
            "zelf nooit een serverdatabase."
        )
    return db.location.path


def make_backup(db: Database, folder: Path, now: datetime) -> Path:
    stamp = now.astimezone(AMSTERDAM).strftime("%Y%m%d-%H%M%S")
    # PostgreSQL: pg_dump's custom format, encrypted with the region key
    suffix = ".sqlite" if db.location.path is not None else SERVER_BACKUP_SUFFIX
    target, number = folder / f"shelter-desk-{stamp}{suffix}", 1
    while target.exists():  # never overwrite a copy (two backups in one second, or a restore's own)
        number += 1
        target = folder / f"shelter-desk-{stamp}-{number}{suffix}"
    if db.location.path is None:
        key = chain_key(db.location)
        if key is None:
            raise DeskError(
                "Een back-up van de regiodatabase wordt versleuteld met de logsleutel van de regio, en die heeft "
                "deze balie niet (shelter-desk region key install). Er is geen back-up gemaakt."
            )
        return dump_server_database(db.location.url, target, key)
    return backup_sqlite_file(_file_path(db), target, db.location.key)


def backups_in(folder: Path) -> list[BackupFile]:
    """The good copies in `folder`, oldest first (only a checked copy carries a backup's name);
    none when the folder cannot be read (a pulled-out stick, a share that is away)."""
    found = []
    try:
        paths = list(folder.glob("shelter-desk-*.sqlite")) if folder.exists() else []
    except OSError:
        paths = []
    for path in paths:
        match = _NAME.match(path.name)
        if match:
            made = datetime.strptime("".join(match.groups()), "%Y%m%d%H%M%S").replace(tzinfo=AMSTERDAM)
            found.append(BackupFile(path, made))
    return sorted(found, key=lambda b: b.made_at)


def daily_backup(db: Database, folder: Path, now: datetime) -> Path | None:
    """At start: a copy unless a good one was made today already; then the rotation.

    Only checked copies carry a backup's name, so a failed attempt never counts as today's. The
    outcome is recorded (when the last good copy was made; when and why an attempt failed) and a
    failure is raised after the rotation.
    """
    if db.location.path is None:
        return None
    today = now.astimezone(AMSTERDAM).date()
    made, failure = None, None
    if not any(b.made_at.date() == today for b in backups_in(folder)):
        try:
            made = make_backup(db, folder, now)
        except DeskError as error:
            failure = error
    _record_outcome(db, now, failure)
    _rotate(folder, now, read_settings(db).backup_keep_days)
    if failure is not None:
        raise failure
    return made


def _rotate(folder: Path, now: datetime, keep_days: int) -> None:
    """Remove good copies past the keep period, except the newest three; and partials left by a crash."""
    good = backups_in(folder)
    for old in good[:-KEEP_GOOD_COPIES]:
        if old.made_at < now - timedelta(days=keep_days):
            try:
                old.path.unlink(missing_ok=True)
            except OSError:
                break  # a read-only folder: nothing is removed, which is never a loss
    try:
        for partial in folder.glob(f".shelter-desk-*{PARTIAL_SUFFIX}") if folder.exists() else ():
            if datetime.fromtimestamp(partial.stat().st_mtime, UTC) < now - PARTIAL_STALE:
                partial.unlink()
    except OSError:
        pass  # a read-only folder, or a file another desk just removed: left for the next start


def _record_outcome(db: Database, now: datetime, failure: DeskError | None) -> None:
    """Keep the outcome in the database; a database that cannot take it (full, away) only loses the note."""
    try:
        with db.write() as session:
            _write_outcome(session, now, failure)
    except DeskError as error:
        LOGGER.warning("Uitkomst van de back-up niet vastgelegd: %s", error.message)


def _write_outcome(session: Session, now: datetime, failure: DeskError | None) -> None:
    values = (
        {_LAST_FAILURE_AT: now.astimezone(UTC).isoformat(), _LAST_FAILURE: _shortened(failure.message)}
        if failure is not None
        else {_LAST_GOOD: now.astimezone(UTC).isoformat()}
    )
    for key, value in values.items():
        row = session.get(DatabaseInfo, key)
        if row is None:
            session.add(DatabaseInfo(key=key, value=value))
        else:
            row.value = value


def _shortened(text: str) -> str:
    return text if len(text) <= _INFO_LENGTH else text[: _INFO_LENGTH - 1] + "…"


def _moment(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _state(session: Session, folder: Path) -> BackupState:
    info = {
        row.key: row.value
        for row in session.scalars(
            select(DatabaseInfo).where(DatabaseInfo.key.in_((_LAST_GOOD, _LAST_FAILURE_AT, _LAST_FAILURE)))
        )
    }
    recorded = _moment(info.get(_LAST_GOOD))  # stands when the stick is pulled out or the share away
    listed = backups_in(folder)
    newest = listed[-1].made_at if listed else None
    last_good = max((moment for moment in (recorded, newest) if moment is not None), default=None)
    return BackupState(folder, last_good, _moment(info.get(_LAST_FAILURE_AT)), info.get(_LAST_FAILURE))


def last_good_backup(session: Session) -> datetime | None:
    """When a desk last made a good backup of this database (as recorded in it)."""
    row = session.get(DatabaseInfo, _LAST_GOOD)
    return _moment(row.value) if row is not None else None


def backup_state(desk: Desk, folder: Path) -> BackupState:
    """The last good backup and the last failure, for the status bar and Beheer."""
    desk.require(Permission.EXPORT)
    with desk.db.read() as session:
        return _state(session, folder)


def backup_warning(desk: Desk, folder: Path) -> str | None:
    """At a coordinator's sign-in: the Dutch warning when the last good backup is older than the
    setting (or there is none), with the folder and the reason of the last failure; else None.

    Only the SQLite file is backed up by the desks themselves; a server's backups are its
    administrator's (README), so a server database gives no warning here.
    """
    desk.require(Permission.EXPORT)  # coordinators and administrators: the ones who can act on it
    if desk.db.location.path is None:
        return None
    with desk.db.read() as session:
        state = _state(session, folder)
        limit = read_settings(session).backup_warn_after_days
    age = state.age(desk.now())
    if age is not None and age <= timedelta(days=limit):
        return None
    if state.last_good_at is None or age is None:
        text = "Er is nog geen goede back-up van deze database."
    else:
        text = (
            f"De laatste goede back-up is {age.days} dagen oud (van "
            f"{state.last_good_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M})."
        )
    text += f" Back-upmap: {folder}."
    if state.failing():
        text += f" Laatste fout: {state.last_failure}"
    return text + (
        " Maak ruimte vrij in die map (of maak schrijven weer mogelijk), zodat er weer elke dag een "
        "goede back-up komt; een back-up in een andere map maakt: shelter-desk backup --folder MAP."
    )


def backup_now(desk: Desk, folder: Path) -> Path:
    """A copy of the whole database leaves the application: coordinators and administrators only.

    The outcome is recorded either way (a failed copy in a transaction of its own, then raised).
    """
    desk.require(Permission.EXPORT)
    try:
        path = make_backup(desk.db, folder, desk.now())
    except DatabaseUnreachable:
        raise
    except DeskError as error:
        _record_outcome(desk.db, desk.now(), error)
        raise
    with desk.db.write() as session:
        _write_outcome(session, desk.now(), None)
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
    return [
        row.workstation.split("#")[0]
        for row in session.scalars(select(DeskPresence))
        if row.workstation != _presence_key(desk) and row.seen_at > desk.now() - PRESENCE_FRESH
    ]


def check_backup(path: Path, key: str | None) -> str:
    """Refuse (in Dutch) a file that is not a sound Shelter Desk database; return its schema revision."""
    if not path.is_file():
        raise DeskError(f"'{path}' bestaat niet of is geen bestand.")
    try:
        problems = integrity_problems(path, key)
        connection = connect_file(path, key, read_only=True, immutable=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            row = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
        finally:
            connection.close()
    except database_errors(key) as error:
        raise DeskError(
            f"'{path.name}' is geen (leesbare) Shelter Desk-back-up: {error}. Er is niets teruggezet."
        ) from None
    if problems:
        raise DeskError(
            f"De back-up '{path.name}' is beschadigd ({len(problems)} fout(en) bij de controle). "
            "Er is niets teruggezet; kies een andere back-up."
        )
    if row is None or "person" not in tables:
        raise DeskError(f"'{path.name}' is geen Shelter Desk-database. Er is niets teruggezet.")
    revision = str(row[0])
    if revision not in known_revisions():
        raise DeskError(
            f"De back-up '{path.name}' is gemaakt met een nieuwere versie van Shelter Desk "
            f"(schemaversie {revision}). Er is niets teruggezet; werk Shelter Desk eerst bij."
        )
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
        raise DeskError(
            f"De back-up '{backup.name}' heeft niet het schema van Shelter Desk: "
            + "; ".join(differences[:6])
            + (" …" if len(differences) > 6 else "")
            + ". Zo'n bestand is met de hand gewijzigd; er is niets teruggezet."
        )


def _log_lines(path: Path, key: str | None) -> list[tuple[LogLine, str]]:
    """Every access-log line of a file with its hash, oldest first (read-only)."""
    connection = connect_file(path, key, read_only=True)
    try:
        rows = connection.execute(
            "SELECT id, at, username, workstation, person_id, action, fields, detail, hash FROM access_log ORDER BY id"
        ).fetchall()
    finally:
        connection.close()
    # Moments are stored as UTC text ('2026-11-24 20:00:00.000000'), as UtcDateTime writes them.
    return [
        (
            LogLine(
                row[0],
                datetime.fromisoformat(row[1]).replace(tzinfo=UTC),
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                row[7],
            ),
            row[8],
        )
        for row in rows
    ]


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
        raise DeskError(
            "Andere balies hebben deze database open (" + ", ".join(others) + "). "
            "Laat die eerst afsluiten; er is niets teruggezet."
        )
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
        raise DeskError(
            "Een ander programma heeft deze database nog open (een balie of een taak op de "
            "opdrachtregel). Sluit alles wat de database gebruikt; er is niets teruggezet."
        )
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
            raise DeskError(
                f"Terugzetten lukte niet ({error.strerror}); de vorige stand staat in {aside}. "
                "Sluit alle balies en probeer het opnieuw."
            ) from error
        desk.search = PersonSearch(desk.db)  # the index described the replaced data
        with desk.db.write() as session:
            anchor_keyed_chain(session, desk.db.location)  # a backup from before the keyed chain
            restart_head(session, desk.db.location)
            carry_lines(session, desk.db.location, since_backup)
            log_access(
                session,
                desk,
                Action.UPDATE,
                detail=f"back-up {backup.name} teruggezet; vorige stand in {aside.name}; "
                f"{len(since_backup)} logregel(s) van na de back-up overgenomen",
            )
    finally:
        staged.unlink(missing_ok=True)
        if share is not None:
            share.make_shared()
        desk.db.changes.resume()
    return aside


@dataclass(frozen=True)
class ServerRestore:
    """What a region restore did, and the administrator's steps to switch the desks over."""

    database: str
    carried_lines: int
    steps: list[str]


def restore_into_new_database(desk: Desk, backup: Path, new_name: str) -> ServerRestore:
    """A server backup put back into a new database beside the live one, ready to switch to.

    Administrators only, with every other desk closed. The encrypted backup is decrypted into a
    private temporary folder, restored with pg_restore into `new_name` (created, owned by the
    live database's owner), the region's rights applied again (README), the access-log lines
    written since the backup carried over (marked, as the SQLite restore does) and the restore
    itself logged in the new database. The live database is not changed.
    """
    desk.require(Permission.ADMINISTER)
    location = desk.db.location
    if location.path is not None:
        raise DeskError(
            "Dit is voor een databaseserver; zet een back-up van een databasebestand terug met "
            "'shelter-desk restore'. Er is niets teruggezet."
        )
    check_new_name(new_name)
    if not backup.is_file():
        raise DeskError(f"'{backup}' bestaat niet of is geen bestand.")
    with desk.db.read() as session:
        others = _other_desks(session, desk)
        live_lines = [
            (LogLine(e.id, e.at, e.username, e.workstation, e.person_id, e.action, e.fields, e.detail), e.hash)
            for e in session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id))
        ]
        exists = database_exists(session, new_name)
        roles = roles_of(session)
    if others:
        raise DeskError(
            "Andere balies hebben de database open (" + ", ".join(others) + "). Laat die eerst afsluiten, zodat "
            "geen logregel verloren gaat; er is niets teruggezet."
        )
    if exists:
        raise DeskError(f"De database '{new_name}' bestaat al; kies een nieuwe naam. Er is niets teruggezet.")
    new_url = url_of(location.url, new_name)
    with tempfile.TemporaryDirectory(prefix="shelter-desk-terug-") as private:  # readable by this user only
        plain = Path(private) / "terug.dump"
        write_decrypted(backup, plain, keys_by_fingerprint(chain_keys(location)))
        create_database(desk.db.engine, new_name, roles.owner)
        pg_restore_into(new_url, plain, roles.owner)
    apply_rights(new_url, roles)
    new_location = DatabaseLocation(url=new_url.render_as_string(hide_password=False), path=None)
    restored = open_database(new_location)
    try:
        with restored.write() as session:
            restored_hashes = set(session.scalars(select(AccessLogEntry.hash)))
            since_backup = [line for line, digest in live_lines if digest not in restored_hashes]
            restart_head(session, new_location)
            # The newest backup of these data is the one just put back (its recorded moment was not in it).
            _write_outcome(session, datetime.fromtimestamp(backup.stat().st_mtime, UTC), None)
            carry_lines(session, new_location, since_backup)
            log_access(
                session,
                replace(desk, db=restored),
                Action.UPDATE,
                detail=f"back-up {backup.name} teruggezet in {new_name}; {len(since_backup)} logregel(s) "
                "van na de back-up overgenomen",
            )
    finally:
        restored.close()
    live_name = server_url(location.url).database or "opvang"
    shown = new_url.render_as_string(hide_password=True)
    steps = [
        "Laat de balies gesloten tot de laatste stap.",
        f"Controleer de nieuwe database als de rol van de balies: shelter-desk --database '{shown}' region check "
        "(met de gebruiker en het wachtwoord van de balies in het adres).",
        "Op de server, als postgres (runuser -u postgres -- psql): "
        f'ALTER DATABASE "{live_name}" RENAME TO "{live_name}_oud"; '
        f'ALTER DATABASE "{new_name}" RENAME TO "{live_name}"; '
        "dan blijft het databaseadres op elke balie hetzelfde. (Of: zet SHELTER_DESK_DATABASE op elke balie "
        f"op de database '{new_name}'; pg_hba.conf moet die dan toelaten.)",
        "Start de balies weer; de logsleutel van de regio blijft dezelfde.",
    ]
    return ServerRestore(new_name, len(since_backup), steps)
