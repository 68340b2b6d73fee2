"""The access log in the style of NEN 7513: who did what with whose record, when, from where.

Entries are written in the same transaction as what they describe, so a logged change happened
and a change that happened is logged. The table is append-only (database triggers) and every
entry's hash covers the one before it: `verify_chain` finds a removed or altered line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.persistence.locks import ACCESS_LOG, lock_for
from shelter_desk.reports.access_log_pdf import AccessLogRow, render_access_log
from shelter_desk.services.desk import Desk

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


def _digest(previous: str, at: datetime, username: str, workstation: str, person_id: int | None,
            action: str, fields: str, detail: str) -> str:
    text = "\x1f".join((previous, at.isoformat(), username, workstation, str(person_id), action, fields, detail))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def log_access(session: Session, desk: Desk, action: Action, person_id: int | None = None,
               fields: tuple[str, ...] = (), detail: str = "", username: str | None = None) -> None:
    """Append one entry inside the caller's (write) transaction."""
    lock_for(session, ACCESS_LOG)  # one chain: appends take turns until this transaction ends
    previous = session.scalar(select(AccessLogEntry.hash).order_by(AccessLogEntry.id.desc()).limit(1)) or GENESIS
    at = desk.now().astimezone(timezone.utc).replace(microsecond=0)
    who = username if username is not None else (desk.user.username if desk.user else "")
    field_text = ",".join(fields)
    session.add(AccessLogEntry(
        at=at, username=who, workstation=desk.workstation, person_id=person_id, action=action.value,
        fields=field_text, detail=detail, previous_hash=previous,
        hash=_digest(previous, at, who, desk.workstation, person_id, action.value, field_text, detail)))
    session.flush()


def verify_chain(desk: Desk) -> int | None:
    """None when the log is intact, else the id of the first entry that does not fit the chain."""
    desk.require(Permission.EXPORT)
    with desk.db.read() as session:
        return _first_break(session)


def _first_break(session: Session) -> int | None:
    previous = GENESIS
    for entry in session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id)):
        expected = _digest(previous, entry.at, entry.username, entry.workstation, entry.person_id,
                           entry.action, entry.fields, entry.detail)
        if entry.previous_hash != previous or entry.hash != expected:
            return entry.id
        previous = entry.hash
    return None


def log_of_person(desk: Desk, person_id: int) -> list[LogLine]:
    """Every entry about one person, oldest first (for an AVG access request); the viewing is logged."""
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        return _person_log(session, desk, person_id)


def _person_log(session: Session, desk: Desk, person_id: int) -> list[LogLine]:
    rows = session.scalars(select(AccessLogEntry).where(AccessLogEntry.person_id == person_id)
                           .order_by(AccessLogEntry.id)).all()
    lines = [LogLine(e.id, e.at, e.username, e.workstation, e.person_id, e.action, e.fields, e.detail) for e in rows]
    log_access(session, desk, Action.EXPORT, person_id, detail="toegangslogboek van deze persoon")
    return lines


def access_log_pdf(desk: Desk, person_id: int, person_name: str) -> bytes:
    """The person's log as a PDF for an access request; coordinators and administrators only."""
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        lines = _person_log(session, desk, person_id)
        intact = _first_break(session) is None
    rows = [AccessLogRow(line.at, line.username, line.workstation, line.action, line.fields, line.detail)
            for line in lines]
    return render_access_log(person_name, person_id, rows, desk.now(), desk.worker, intact)
