"""The admission decision on a request for shelter, and the letter that tells the client.

Every first request at a location (or a request after a longer time away) gets a decision:
admitted for first shelter, referred on with a warm transfer, or refused, with a reason from the
domain's list; lack of regiobinding or of an ID is never one (`domain/trajectory.py`). An admission
starts the regiobinding investigation when none runs, due six weeks after the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.text_input import check_night, clean_line, clean_text
from shelter_desk.domain.trajectory import (
    OBJECTION_WEEKS,
    AdmissionOutcome,
    AdmissionReason,
    SleepingSituation,
    check_admission,
    decision_due,
    investigation_due_after,
)
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import AdmissionDecision, Facility, Investigation, Person, Stay
from shelter_desk.reports.letter_data import Letter, Letterhead
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

DECISION_GONE = "Dit toelatingsbesluit bestaat niet (meer)."


@dataclass(frozen=True)
class AdmissionView:
    decision_id: int
    requested_on: date
    facility: str
    outcome: AdmissionOutcome
    reason: AdmissionReason
    remark: str
    referred_to: str
    sleeping_situation: SleepingSituation
    investigation_due: date | None
    decided_by: str


@dataclass(frozen=True)
class AdmissionHistory:
    decisions: tuple[AdmissionView, ...]  # newest first
    decision_due: bool  # a request now needs a (new) decision


def record_admission(
    desk: Desk,
    person_id: int,
    facility_id: int,
    requested_on: date,
    outcome: AdmissionOutcome,
    reason: str,
    sleeping_situation: SleepingSituation,
    remark: str = "",
    referred_to: str = "",
) -> int:
    """Record the decision on a request for shelter; returns its id. A forbidden reason saves nothing."""
    desk.require(Permission.DESK_WORK)
    check_night(requested_on, desk.today(), "De datum van de vraag")
    if requested_on > desk.today():
        raise DeskError("Een besluit gaat over een vraag die al gesteld is: de datum ligt in de toekomst.")
    remark = clean_text(remark, "De toelichting")
    referred_to = clean_line(referred_to, "Doorverwezen naar", 200)
    chosen = check_admission(AdmissionOutcome(outcome), reason, remark)
    if outcome is AdmissionOutcome.REFERRED and not referred_to:
        raise DeskError("Zeg bij een doorverwijzing naar welke opvang of organisatie (warme overdracht).")
    if outcome is AdmissionOutcome.REFUSED and not remark:
        raise DeskError("Licht een weigering toe: de cliënt krijgt de reden op schrift.")
    with desk.db.write() as session:
        live_person(session, person_id, "leg het besluit vast op dat record")
        facility = get_or_refuse(session, Facility, facility_id, "Deze voorziening bestaat niet (meer).")
        due = investigation_due_after(outcome, requested_on)
        row = AdmissionDecision(
            person_id=person_id,
            facility_id=facility.id,
            requested_on=requested_on,
            outcome=outcome,
            reason=chosen,
            remark=remark,
            referred_to=referred_to,
            sleeping_situation=SleepingSituation(sleeping_situation),
            investigation_due=due,
            decided_by=desk.worker,
            decided_at=desk.now(),
        )
        session.add(row)
        if due is not None:
            due = _start_investigation(session, person_id, facility, requested_on)
            row.investigation_due = due
        session.flush()
        log_access(session, desk, Action.CREATE, person_id, ("toelatingsbesluit",), f"{outcome.value}: {chosen.value}")
        return row.id


def _start_investigation(session: Session, person_id: int, facility: Facility, requested_on: date) -> date:
    """The running investigation's due date; without one, a new one in the facility's region."""
    running = session.scalar(
        select(Investigation).where(Investigation.person_id == person_id, Investigation.decided_on.is_(None))
    )
    if running is not None:
        return running.due_on
    due = investigation_due_after(AdmissionOutcome.ADMITTED, requested_on)
    assert due is not None
    session.add(
        Investigation(
            person_id=person_id,
            region_id=facility.region_id,
            reported_on=requested_on,
            provision_on=requested_on,
            due_on=due,
        )
    )
    return due


def admissions_of(desk: Desk, person_id: int) -> AdmissionHistory:
    """The person's admission decisions, newest first, and whether a request now needs one."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.execute(
            select(AdmissionDecision, Facility.name)
            .join(Facility, Facility.id == AdmissionDecision.facility_id)
            .where(AdmissionDecision.person_id == person_id)
            .order_by(AdmissionDecision.requested_on.desc(), AdmissionDecision.id.desc())
        ).all()
        last_night = session.scalar(
            select(func.max(func.coalesce(Stay.end_night, desk.today()))).where(Stay.person_id == person_id)
        )
        gap = read_settings(session).admission_gap_days
    views = tuple(_view(row, name) for row, name in rows)
    due = decision_due(views[0].requested_on if views else None, last_night, desk.today(), gap)
    return AdmissionHistory(views, due)


def _view(row: AdmissionDecision, facility: str) -> AdmissionView:
    return AdmissionView(
        row.id,
        row.requested_on,
        facility,
        row.outcome,
        row.reason,
        row.remark,
        row.referred_to,
        row.sleeping_situation,
        row.investigation_due,
        row.decided_by,
    )


def admission_letter(desk: Desk, decision_id: int) -> bytes:
    """The decision as a Dutch letter for the client: what, why, what next, how to object."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        row = get_or_refuse(session, AdmissionDecision, decision_id, DECISION_GONE)
        person = session.get(Person, row.person_id)
        facility = session.get(Facility, row.facility_id)
        assert person is not None and facility is not None
        log_access(session, desk, Action.PRINT, person.id, detail="brief toelatingsbesluit")
        letter = _letter(row, person, facility, desk.today(), demo_marked(session))
    from shelter_desk.reports.postal_letters import render_letter  # reportlab loads when printing

    return render_letter(letter)


def _letter(row: AdmissionDecision, person: Person, facility: Facility, today: date, is_demo: bool) -> Letter:
    name = display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
    city = facility.city or facility.region.name
    decided = dutch_date(row.decided_at.date())
    objection = (
        f"Bent u het niet eens met dit besluit? Dan kunt u binnen {OBJECTION_WEEKS} weken na de datum van deze "
        f"brief bezwaar maken bij de gemeente {city} (Algemene wet bestuursrecht, art. 6:7). Schrijf in uw "
        "bezwaar uw naam, de datum van dit besluit en waarom u het er niet mee eens bent. Een medewerker van "
        "de opvang helpt u daar graag bij."
    )
    if row.outcome is AdmissionOutcome.ADMITTED:
        due = dutch_date(row.investigation_due) if row.investigation_due else ""
        paragraphs: tuple[str, ...] = (
            f"Beste {name},",
            f"U heeft op {dutch_date(row.requested_on)} bij {facility.name} gevraagd om opvang. U krijgt eerste "
            f"opvang in {city}. Dat besluit is genomen op {decided}.",
            "Wat gebeurt er nu? U kunt in de opvang slapen terwijl wij samen met u onderzoeken waar u de "
            "beste kans heeft om weer een eigen plek te vinden (Wmo 2015, artikel 2.3.3). Daarbij kijken wij "
            "naar uw eigen voorkeur, uw familie en vrienden, hulp die u al krijgt, waar u eerder woonde en "
            "waar u werk of dagbesteding heeft.",
            f"Dat onderzoek is uiterlijk op {due} klaar (binnen zes weken, artikel 2.3.2). U hoort dan waar "
            "uw traject verdergaat. Tot die tijd blijft u hier welkom.",
            objection,
        )
    elif row.outcome is AdmissionOutcome.REFERRED:
        paragraphs = (
            f"Beste {name},",
            f"U heeft op {dutch_date(row.requested_on)} bij {facility.name} gevraagd om opvang. Wij hebben "
            f"besloten u door te verwijzen naar {row.referred_to}, omdat daar de opvang is die bij u past: "
            f"{row.reason.label.lower()}.",
            "Wat gebeurt er nu? Wij dragen u warm over: wij nemen zelf contact op met "
            f"{row.referred_to} en zorgen dat u daar vandaag terechtkunt. U staat er niet alleen voor.",
            objection,
        )
    else:
        paragraphs = (
            f"Beste {name},",
            f"U heeft op {dutch_date(row.requested_on)} bij {facility.name} gevraagd om opvang. Wij kunnen u "
            f"hier geen opvang geven. De reden: {row.reason.label.lower()}.",
            f"Toelichting: {row.remark}",
            "Wat gebeurt er nu? Heeft u toch geen plek om te slapen, meld u dan opnieuw; wij zoeken met u "
            "naar een plek voor vannacht.",
            objection,
        )
    return Letter(
        letterhead=Letterhead(
            facility.provider or facility.name,
            facility.name,
            ", ".join(part for part in (facility.street, f"{facility.postcode} {facility.city}".strip()) if part),
        ),
        title=f"Besluit op uw vraag om opvang: {row.outcome.label.lower()}",
        paragraphs=paragraphs,
        facts=(
            ("Naam", name),
            ("Gevraagd op", dutch_date(row.requested_on)),
            ("Besluit", row.outcome.label),
            ("Reden", row.reason.label),
            *((("Onderzoek klaar uiterlijk", dutch_date(row.investigation_due)),) if row.investigation_due else ()),
            ("Besloten door", row.decided_by or "—"),
            ("Bezwaar", f"binnen {OBJECTION_WEEKS} weken, bij de gemeente {city}"),
        ),
        place=city,
        dated=today,
        signatures=("Namens de gemeente (in mandaat)", "Voor ontvangst"),
        is_demo=is_demo,
    )
