"""The access log as trust answers for it: the chain verified, the sign-in warning, a break acknowledged,
the region key adopted, and a person's own log.

These are trust's use cases over the log that every feature appends to (`services.kernel.access_log`):
a coordinator verifies the chain, is warned at sign-in, and answers an access request with the
person's own log as a list or a PDF.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.locks import ACCESS_LOG, lock_for
from shelter_desk.persistence.log_chain_keys import LogHead, derive_chain_key, entry_mac, fingerprint, show_fingerprint
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.reports.access_log_data import AccessLogRow
from shelter_desk.services.kernel.access_log import (
    ACKNOWLEDGED,
    BROKEN,
    Action,
    KeyProblem,
    LogLine,
    check_chain,
    check_lines,
    head_records,
    known_break,
    log_access,
    new_generation,
    newest_key,
    read_anchor,
    restart_head,
    store_info,
    stored_info,
    write_anchor,
)
from shelter_desk.services.kernel.desk import Desk


def verify_chain(desk: Desk) -> int | None:
    """None when the whole log is intact, else the id of the first entry that does not fit the chain.

    A desk without the log's key is refused with that reason (it cannot tell either way).
    """
    desk.require(Permission.EXPORT)
    with desk.db.read() as session:
        return _first_break(session, desk.db.location, desk.now())


def _first_break(session: Session, location: DatabaseLocation, now: datetime) -> int | None:
    problem = check_chain(session, location, whole=True, now=now)
    if isinstance(problem, KeyProblem):
        raise DeskError(problem.message())
    return None if problem is None else (problem.entry_id or 0)


def chain_warning(desk: Desk) -> str | None:
    """At a coordinator's sign-in: the lines since the last check, the head, the mark and the triggers.

    A problem is returned as the loud Dutch warning to show, and the warning itself is logged; a
    desk without the log's key is told so (nothing is logged: it cannot sign a line).
    """
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        problem = check_chain(session, desk.db.location, whole=False, now=desk.now())
        if problem is None or isinstance(problem, KeyProblem):
            return None if problem is None else problem.message()
        log_access(session, desk, Action.CHAIN_WARNING, detail=f"gewaarschuwd: {problem.what}"[:1000])
        return problem.message()


def acknowledge_chain_break(desk: Desk, reason: str) -> None:
    """An administrator acknowledges the break found earlier, with a reason (itself logged).

    The broken line stays what it is; from now on it is passed over by the check (and only that
    line), and this desk's head and mark start again from the log as it now is.
    """
    desk.require(Permission.ADMINISTER)
    reason = reason.strip()
    if len(reason) < 5:
        raise DeskError("Geef een reden (wat is er onderzocht en door wie); er is niets erkend.")
    location = desk.db.location
    with desk.db.write() as session:
        anchor = read_anchor(session)
        key = newest_key(location, anchor)
        if isinstance(key, KeyProblem):
            raise DeskError(key.message())
        known = known_break(session, location, key)
        if known is None:
            raise DeskError("Het toegangslogboek heeft geen gemelde breuk om te erkennen; er is niets veranderd.")
        stored = next(
            text_
            for text_ in (
                stored_info(session, BROKEN),
                *(record.broken for record in head_records(location, key) if isinstance(record, LogHead)),
            )
            if text_
        )
        line, found = stored.split("|", 2)[:2]
        store_info(session, ACKNOWLEDGED, f"{line}|{found}|{entry_mac(key, f'{line}|{found}')[:32]}")
        store_info(session, BROKEN, None)
        restart_head(session, location)  # a new generation: every desk's record of the break is put aside
        log_access(
            session,
            desk,
            Action.ACKNOWLEDGE,
            detail=f"breuk sinds regel {line} (gevonden {found}) erkend; reden: {reason}"[:1000],
        )


def adopt_region_key(desk: Desk, secret: str) -> str:
    """The region key `secret` becomes the key of the log's lines from here on (the change is logged).

    The first time: a server's lines so far (chained with an earlier version's key) are fixed
    behind the boundary. A change of key: the lines so far stay verifiable with the old key, which
    this desk must hold. The desk keeps `secret` itself (the command line stores it first).
    Returns the new key's fingerprint, as shown.
    """
    desk.require(Permission.ADMINISTER)
    location = desk.db.location
    if location.path is not None:
        raise DeskError("Een logsleutel van een regio hoort bij een databaseserver, niet bij een databasebestand.")
    if len(secret.strip()) < 20:
        raise DeskError("Deze logsleutel is te kort (minstens 20 tekens); er is niets veranderd.")
    new_key = derive_chain_key(secret)
    new_print = fingerprint(new_key)
    with desk.db.write() as session:
        lock_for(session, ACCESS_LOG)
        anchor = read_anchor(session)
        newest = session.scalar(select(AccessLogEntry.id).order_by(AccessLogEntry.id.desc()).limit(1)) or 0
        if anchor.segments and anchor.segments[-1][1] == new_print:
            raise DeskError(f"Het logboek gebruikt deze sleutel al (vingerafdruk {show_fingerprint(new_print)}).")
        if anchor.segments:
            old_key = newest_key(location, anchor)
            if isinstance(old_key, KeyProblem) or not anchor.signed_by(old_key):
                raise DeskError(
                    "Een logsleutel wisselen kan alleen op een balie die ook de huidige sleutel heeft "
                    f"(vingerafdruk {show_fingerprint(anchor.segments[-1][1])}); er is niets veranderd."
                )
            problem = check_lines(session, location, anchor, old_key, whole=True)
            if problem is not None:
                raise DeskError(problem.message() + " De sleutel is niet gewisseld.")
        segments = (*anchor.segments, (newest + 1, new_print))
        write_anchor(
            session, new_key, replace(anchor, segments=segments, generation=anchor.generation or new_generation())
        )
        was = show_fingerprint(anchor.segments[-1][1]) if anchor.segments else "geen"
        detail = f"logsleutel van de regio: vingerafdruk {was} -> {show_fingerprint(new_print)}"
        log_access(session, desk, Action.KEY_CHANGE, detail=detail, new_key=new_key)
    return show_fingerprint(new_print)


def log_of_person(desk: Desk, person_id: int) -> list[LogLine]:
    """Every entry about one person, oldest first (for an AVG access request); the viewing is logged."""
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        return _person_log(session, desk, person_id)


def _person_log(session: Session, desk: Desk, person_id: int) -> list[LogLine]:
    rows = session.scalars(
        select(AccessLogEntry).where(AccessLogEntry.person_id == person_id).order_by(AccessLogEntry.id)
    ).all()
    lines = [LogLine(e.id, e.at, e.username, e.workstation, e.person_id, e.action, e.fields, e.detail) for e in rows]
    log_access(session, desk, Action.EXPORT, person_id, detail="toegangslogboek van deze persoon")
    return lines


def access_log_pdf(desk: Desk, person_id: int, person_name: str) -> bytes:
    """The person's log as a PDF for an access request; coordinators and administrators only."""
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        lines = _person_log(session, desk, person_id)
        intact = _first_break(session, desk.db.location, desk.now()) is None
    rows = [
        AccessLogRow(line.at, line.username, line.workstation, line.action, line.fields, line.detail) for line in lines
    ]
    from shelter_desk.reports.access_log_pdf import render_access_log  # reportlab loads when printing

    return render_access_log(person_name, person_id, rows, desk.now(), desk.worker, intact)
