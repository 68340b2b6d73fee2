"""The access log in the style of NEN 7513: who did what with whose record, when, from where.

Entries are written in the same transaction as what they describe, so a logged change happened
and a change that happened is logged. The table is append-only (database triggers) and every
entry's HMAC covers the one before it, keyed with a key that is not in the database
(`persistence/log_chain_keys.py`): someone who edits a line cannot recompute the chain. A signed
head beside the file names the newest line, so lines cut off the end are found too.
`check_chain` verifies from the head on (at sign-in) or the whole log (`verify_chain`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import event, insert, select, text
from sqlalchemy.orm import Session

from shelter_desk.domain.shelter_night import local_time_text
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.locks import ACCESS_LOG, lock_for
from shelter_desk.persistence.log_chain_keys import LogHead, chain_key, entry_mac, read_head, write_head
from shelter_desk.persistence.models import AccessLogEntry, DatabaseInfo
from shelter_desk.services.kernel.desk import Desk

GENESIS = "0" * 64


class Action(StrEnum):
    CREATE = "aanmaken"
    READ = "inzien"
    UPDATE = "wijzigen"
    DELETE = "verwijderen"
    PRINT = "afdrukken"
    EXPORT = "exporteren"
    SEARCH = "zoeken"
    MERGE = "samenvoegen"
    UNDO_MERGE = "samenvoeging ongedaan"
    DISCLOSE = "gegevens verstrekt"
    EMERGENCY = "noodtoegang"
    ANONYMISE = "anonimiseren"
    SIGN_IN = "aanmelden"
    SIGN_IN_FAILED = "aanmelden mislukt"
    CHAIN_WARNING = "waarschuwing logboek"
    IMPORT = "import"  # a record created from a spreadsheet


KEYED_AFTER = "access_log_keyed_after"  # DatabaseInfo: entries up to this id predate the keyed chain
ACCESS_LOG_TRIGGERS = {
    "sqlite": {"access_log_no_update", "access_log_no_delete"},
    "postgresql": {"access_log_append_only"},
}
_PENDING_HEAD = "shelter_desk_log_head"


@dataclass(frozen=True)
class LogLine:
    entry_id: int
    at: datetime
    username: str
    workstation: str
    person_id: int | None
    action: str
    fields: str
    detail: str


def _text(
    previous: str,
    at: datetime,
    username: str,
    workstation: str,
    person_id: int | None,
    action: str,
    fields: str,
    detail: str,
) -> str:
    return "\x1f".join((previous, at.isoformat(), username, workstation, str(person_id), action, fields, detail))


def _legacy_digest(line_text: str) -> str:
    """Entries written before the chain was keyed: plain SHA-256."""
    return hashlib.sha256(line_text.encode("utf-8")).hexdigest()


def log_access(
    session: Session,
    desk: Desk,
    action: Action,
    person_id: int | None = None,
    fields: tuple[str, ...] = (),
    detail: str = "",
    username: str | None = None,
) -> None:
    """Append one entry inside the caller's (write) transaction."""
    at = desk.now().astimezone(UTC).replace(microsecond=0)
    who = username if username is not None else (desk.user.username if desk.user else "")
    _append_lines(
        session,
        desk.db.location,
        [LogLine(0, at, who, desk.workstation, person_id, action.value, ",".join(fields), detail)],
    )


def _append_lines(session: Session, location: DatabaseLocation, lines: Sequence[LogLine]) -> None:
    """Chain the lines on after the newest entry: the chain's end is read once and flushed once."""
    if not lines:
        return
    lock_for(session, ACCESS_LOG)  # one chain: appends take turns until this transaction ends
    previous = session.scalar(select(AccessLogEntry.hash).order_by(AccessLogEntry.id.desc()).limit(1)) or GENESIS
    key = chain_key(location)
    entries = []
    for line in lines:
        digest = entry_mac(
            key,
            _text(
                previous,
                line.at,
                line.username,
                line.workstation,
                line.person_id,
                line.action,
                line.fields,
                line.detail,
            ),
        )
        entries.append(
            {
                "at": line.at,
                "username": line.username,
                "workstation": line.workstation,
                "person_id": line.person_id,
                "action": line.action,
                "fields": line.fields,
                "detail": line.detail,
                "previous_hash": previous,
                "hash": digest,
            }
        )
        previous = digest
    # One bulk INSERT (objects in the session would only be flushed and kept; nothing reads them back):
    # a printed list of 68 beds logs 68 lines. Pending changes of the session are flushed first.
    ids = session.scalars(
        insert(AccessLogEntry).returning(AccessLogEntry.id, sort_by_parameter_order=True), entries
    ).all()
    session.info[_PENDING_HEAD] = (location, ids[-1], previous)


def carry_lines(session: Session, location: DatabaseLocation, lines: list[LogLine]) -> None:
    """After a restore: the lines the replaced log had and the backup lacks, appended and marked as such."""
    _append_lines(
        session,
        location,
        [
            replace(line, detail=f"[van vóór het terugzetten; was regel {line.entry_id}] {line.detail}".rstrip())
            for line in lines
        ],
    )


@event.listens_for(Session, "after_commit")
def _move_the_head(session: Session) -> None:
    """Once the lines are committed (never before), the signed head beside the file moves to the newest."""
    pending = session.info.pop(_PENDING_HEAD, None)
    if pending is not None:
        location, last_id, last_hash = pending
        write_head(location, LogHead(last_id, last_hash, _head_legacy(location)))


@event.listens_for(Session, "after_rollback")
def _forget_the_head(session: Session) -> None:
    session.info.pop(_PENDING_HEAD, None)


def _head_legacy(location: DatabaseLocation) -> int:
    current = read_head(location)
    return current.legacy_until if isinstance(current, LogHead) else 0


@dataclass(frozen=True)
class ChainProblem:
    """What is wrong with the access log, in Dutch, and since when it could have happened."""

    what: str
    entry_id: int | None = None
    since: datetime | None = None  # the newest moment the log was still known to be intact

    def message(self) -> str:
        since = (
            f" Het logboek was voor het laatst aantoonbaar in orde op {local_time_text(self.since)}."
            if self.since
            else ""
        )
        return (
            f"Het toegangslogboek is niet meer betrouwbaar: {self.what}.{since} "
            "Meld dit bij de beheerder en de privacyfunctionaris (mogelijk datalek, AVG art. 33)."
        )


def anchor_keyed_chain(session: Session, location: DatabaseLocation) -> None:
    """Once per database: entries so far were plain SHA-256; from here on the chain is keyed.

    Run at opening, before any entry is written by this version. The boundary is kept in the
    database and in the signed head, so moving it in the database alone shows.
    """
    if session.get(DatabaseInfo, KEYED_AFTER) is not None:
        return
    newest = session.scalar(select(AccessLogEntry.id).order_by(AccessLogEntry.id.desc()).limit(1)) or 0
    newest_hash = session.scalar(select(AccessLogEntry.hash).where(AccessLogEntry.id == newest)) or GENESIS
    session.add(DatabaseInfo(key=KEYED_AFTER, value=str(newest)))
    write_head(location, LogHead(newest, newest_hash, newest))


def restart_head(session: Session, location: DatabaseLocation) -> None:
    """After a restore: the head describes the restored log (checked again from its first line)."""
    boundary = session.get(DatabaseInfo, KEYED_AFTER)
    newest = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1)).first()
    write_head(
        location,
        LogHead(newest.id if newest else 0, newest.hash if newest else GENESIS, int(boundary.value) if boundary else 0),
        replacing=True,
    )


def check_chain(session: Session, location: DatabaseLocation, *, whole: bool) -> ChainProblem | None:
    """None when the log is intact (and its triggers are there); else the first problem found.

    `whole=False` checks from the signed head on: the lines written since the last check, plus
    the head's own line (truncation). `whole=True` checks every line from the first.
    """
    problem = _check_lines(session, location, whole=whole)
    missing = _missing_triggers(session)
    if problem is None and missing:
        problem = ChainProblem(f"de beveiliging tegen wijzigen en wissen ontbreekt (triggers {', '.join(missing)})")
    return problem


def _check_lines(session: Session, location: DatabaseLocation, *, whole: bool) -> ChainProblem | None:
    stored_boundary = session.get(DatabaseInfo, KEYED_AFTER)
    legacy_until = int(stored_boundary.value) if stored_boundary is not None else 0
    head = read_head(location)
    newest = session.scalar(select(AccessLogEntry.id).order_by(AccessLogEntry.id.desc()).limit(1)) or 0
    if isinstance(head, str):
        return ChainProblem(head)
    if head is None and location.path is not None and newest > legacy_until:
        return ChainProblem("de logkop naast het databasebestand ontbreekt")
    if isinstance(head, LogHead) and head.legacy_until != legacy_until:
        return ChainProblem("de grens tussen oude en beveiligde regels is in de database verschoven")
    start_id, previous = 0, GENESIS
    if not whole and isinstance(head, LogHead) and head.checked_id > 0:
        checked = session.get(AccessLogEntry, head.checked_id)
        if checked is None or checked.hash != head.checked_hash:
            return ChainProblem(
                f"regel {head.checked_id} (al eens gecontroleerd) is verdwenen of gewijzigd", head.checked_id
            )
        start_id, previous = checked.id, checked.hash
    key = chain_key(location)
    last_good: datetime | None = None
    for entry in session.scalars(
        select(AccessLogEntry).where(AccessLogEntry.id > start_id).order_by(AccessLogEntry.id)
    ):
        line = _text(
            previous,
            entry.at,
            entry.username,
            entry.workstation,
            entry.person_id,
            entry.action,
            entry.fields,
            entry.detail,
        )
        expected = _legacy_digest(line) if entry.id <= legacy_until else entry_mac(key, line)
        if entry.previous_hash != previous or entry.hash != expected:
            return ChainProblem(
                f"regel {entry.id} past niet in de keten (gewijzigd, ingevoegd of verwijderd)", entry.id, last_good
            )
        previous, last_good = entry.hash, entry.at
    if isinstance(head, LogHead) and head.last_id > 0:
        anchor = session.get(AccessLogEntry, head.last_id)
        if anchor is None or anchor.hash != head.last_hash:
            before = session.scalar(
                select(AccessLogEntry.at)
                .where(AccessLogEntry.id < head.last_id)
                .order_by(AccessLogEntry.id.desc())
                .limit(1)
            )
            return ChainProblem(
                f"regel {head.last_id} (volgens de logkop de nieuwste) is verdwenen of gewijzigd; "
                f"het logboek telt nu {newest} regels",
                head.last_id,
                before,
            )
    if newest and isinstance(head, LogHead):
        write_head(location, replace(head, checked_id=newest, checked_hash=previous))
    return None


def _missing_triggers(session: Session) -> list[str]:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        present = set(
            session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'access_log'"))
        )
    elif dialect == "postgresql":
        present = set(
            session.scalars(
                text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'access_log'::regclass AND NOT tgisinternal")
            )
        )
    else:
        return []
    return sorted(ACCESS_LOG_TRIGGERS.get(dialect, set()) - present)


def log_accesses(session: Session, desk: Desk, action: Action, person_ids: Sequence[int], detail: str = "") -> None:
    """One entry per person, chained as `log_access` chains them, in one append (a printed list of
    68 beds reads the chain's end once, not 68 times)."""
    at = desk.now().astimezone(UTC).replace(microsecond=0)
    who = desk.user.username if desk.user else ""
    _append_lines(
        session,
        desk.db.location,
        [LogLine(0, at, who, desk.workstation, person_id, action.value, "", detail) for person_id in person_ids],
    )
