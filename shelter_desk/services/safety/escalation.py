"""Escalation to the safety network: a case followed by the Meldpunt OGGZ, the Zorg- en
Veiligheidshuis or the police, with its case manager, the agreed next step and what the front desk
must do when the person turns up.

The front desk sees only that instruction ("bel X"); the rest is for coordinators. Every reading is
logged as special-category data (justice and safety, AVG art. 10): the line says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.safety import EscalationTerms, SafetyNetwork
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Escalation
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.safety.separation import may_see_names

SPECIAL = "bijzondere persoonsgegevens (veiligheid/justitie)"


@dataclass(frozen=True)
class EscalationView:
    escalation_id: int
    desk_instruction: str  # what the front desk does when the person turns up
    open: bool
    # For coordinators only; empty (and network None) for the front desk.
    network: SafetyNetwork | None = None
    started_on: date | None = None
    case_manager: str = ""
    phone: str = ""
    next_step: str = ""
    closed_on: date | None = None
    outcome: str = ""


def escalate(desk: Desk, terms: EscalationTerms) -> int:
    """Mark a person "in het veiligheidsnetwerk"; returns the escalation's id."""
    desk.require(Permission.DECIDE)
    clean = terms.validated(desk.today())
    with desk.db.write() as session:
        live_person(session, clean.person_id, "leg het vast op dat record")
        row = Escalation(
            person_id=clean.person_id,
            network=clean.network,
            started_on=clean.started_on,
            case_manager=clean.case_manager,
            phone=clean.phone,
            next_step=clean.next_step,
            desk_instruction=clean.desk_instruction,
            recorded_by=desk.worker,
        )
        session.add(row)
        session.flush()
        log_access(session, desk, Action.CREATE, clean.person_id, ("veiligheidsnetwerk",), SPECIAL)
        return row.id


def close_escalation(desk: Desk, escalation_id: int, closed_on: date, outcome: str) -> None:
    """The case leaves the safety network, with its outcome."""
    desk.require(Permission.DECIDE)
    check_night(closed_on, desk.today(), "De datum van afsluiten")
    outcome = clean_text(outcome, "De uitkomst")
    if not outcome:
        raise DeskError("Vul de uitkomst in.")
    with desk.db.write() as session:
        row = get_or_refuse(session, Escalation, escalation_id, "Deze melding bestaat niet (meer).")
        if row.closed_on is not None:
            raise DeskError("Deze melding is al afgesloten.")
        if closed_on < row.started_on:
            raise DeskError("De melding kan niet worden afgesloten vóór ze begon.")
        row.closed_on, row.outcome, row.closed_by = closed_on, outcome, desk.worker
        log_access(session, desk, Action.UPDATE, row.person_id, ("veiligheidsnetwerk",), SPECIAL)


def escalations_of(desk: Desk, person_id: int) -> list[EscalationView]:
    """The person's escalations, open ones first; the front desk gets only the open ones' instruction."""
    user = desk.require(Permission.DESK_WORK)
    full = may_see_names(user)
    with desk.db.write() as session:  # the reading is logged
        rows = session.scalars(
            select(Escalation)
            .where(Escalation.person_id == person_id)
            .order_by(Escalation.closed_on.is_not(None), Escalation.started_on.desc(), Escalation.id.desc())
        ).all()
        if not full:
            rows = [row for row in rows if row.closed_on is None]
        if rows:
            log_access(session, desk, Action.READ, person_id, ("veiligheidsnetwerk",), SPECIAL)
        if not full:
            return [EscalationView(row.id, row.desk_instruction, True) for row in rows]
        return [
            EscalationView(
                row.id,
                row.desk_instruction,
                row.closed_on is None,
                row.network,
                row.started_on,
                row.case_manager,
                row.phone,
                row.next_step,
                row.closed_on,
                row.outcome,
            )
            for row in rows
        ]


def escalations_per_quarter(desk: Desk, year: int) -> list[tuple[str, int, int]]:
    """Per quarter of `year`: escalations started and closed (counts only, nobody's record opened)."""
    desk.require(Permission.DECIDE)
    with desk.db.read() as session:
        counts = []
        for quarter in range(1, 5):
            first = date(year, 3 * quarter - 2, 1)
            last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
            started = session.scalar(
                select(func.count()).where(Escalation.started_on >= first, Escalation.started_on < last)
            )
            closed = session.scalar(
                select(func.count()).where(Escalation.closed_on >= first, Escalation.closed_on < last)
            )
            counts.append((f"{quarter}e kwartaal {year}", started or 0, closed or 0))
        return counts
