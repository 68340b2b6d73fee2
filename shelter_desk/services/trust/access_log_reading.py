"""Reading the access log for people: the whole chain verified, the sign-in warning, a person's log.

These are trust's use cases over the log that every feature appends to (`services.kernel.access_log`):
a coordinator verifies the chain, is warned at sign-in, and answers an access request with the
person's own log as a list or a PDF.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.reports.access_log_data import AccessLogRow
from shelter_desk.services.kernel.access_log import Action, LogLine, check_chain, log_access
from shelter_desk.services.kernel.desk import Desk


def verify_chain(desk: Desk) -> int | None:
    """None when the whole log is intact, else the id of the first entry that does not fit the chain."""
    desk.require(Permission.EXPORT)
    with desk.db.read() as session:
        return _first_break(session, desk.db.location)


def _first_break(session: Session, location: DatabaseLocation) -> int | None:
    problem = check_chain(session, location, whole=True)
    return None if problem is None else (problem.entry_id or 0)


def chain_warning(desk: Desk) -> str | None:
    """At a coordinator's sign-in: the lines since the last check, the head and the triggers.

    A problem is returned as the loud Dutch warning to show, and the warning itself is logged.
    """
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        problem = check_chain(session, desk.db.location, whole=False)
        if problem is None:
            return None
        log_access(session, desk, Action.CHAIN_WARNING, detail=f"gewaarschuwd: {problem.what}"[:1000])
        return problem.message()


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
        intact = _first_break(session, desk.db.location) is None
    rows = [
        AccessLogRow(line.at, line.username, line.workstation, line.action, line.fields, line.detail) for line in lines
    ]
    from shelter_desk.reports.access_log_pdf import render_access_log  # reportlab loads when printing

    return render_access_log(person_name, person_id, rows, desk.now(), desk.worker, intact)
