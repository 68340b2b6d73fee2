"""Applications for places given by decision (KDO, trajectkamers, any facility so marked) and their
waiting list per facility.

An application has a referrer, a date and a motivation; then an intake, then a coordinator's
decision. Admitted applications wait in order of application (or of a priority the coordinator
sets, with its reason). When a bed of such a facility is free, the first waiting applicant whom
the bed rules let in (age, bans, one bed a night: `domain/bed_assignment.py`) is offered it, and
accepting starts the stay through the same step that gives any bed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import RefusalKind, refusals
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.domain.trajectory import (
    ApplicationDecision,
    ApplicationStatus,
    Referrer,
    WaitingPlace,
    days_waiting,
    waiting_order,
)
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Bed, BedNight, Facility, Person, PlaceApplication
from shelter_desk.services.beds.assignment import give_bed
from shelter_desk.services.beds.board import assignment_facts
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk

APPLICATION_GONE = "Deze aanmelding bestaat niet (meer)."
BY_DECISION_KINDS = (FacilityKind.SHORT_STAY, FacilityKind.TRAJECTORY_ROOM)


@dataclass(frozen=True)
class ApplicationView:
    application_id: int
    person_id: int
    person: str
    facility_id: int
    facility: str
    referrer: Referrer
    applied_on: date
    motivation: str
    intake_on: date | None
    decision: ApplicationDecision | None
    decision_reason: str
    decided_on: date | None
    priority: int
    priority_reason: str
    status: ApplicationStatus
    closed_on: date | None
    close_reason: str
    days_waiting: int
    place: int | None  # the place on the waiting list (1 = next), None when not on it


@dataclass(frozen=True)
class BedOffer:
    """A free bed of a facility given by decision, and the first waiting applicant it fits."""

    facility_id: int
    facility: str
    bed_id: int
    bed: str
    night: date  # the first night of the stay (the next one when the applicant has a bed tonight)
    application_id: int
    person_id: int
    person: str
    days_waiting: int
    passed_over: tuple[str, ...]  # applicants before them whom the bed rules keep out, with why


def allocates_by_decision(facility: Facility) -> bool:
    return facility.kind in BY_DECISION_KINDS or facility.allocates_by_decision


def decision_facilities(desk: Desk) -> list[tuple[int, str]]:
    """The active facilities whose places are given by decision, as (id, name)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return [
            (f.id, f.name)
            for f in session.scalars(select(Facility).where(Facility.active).order_by(Facility.name))
            if allocates_by_decision(f)
        ]


def set_allocates_by_decision(desk: Desk, facility_id: int, by_decision: bool) -> None:
    """Mark a facility as giving its places by decision on an application (KDO and trajectkamers always do)."""
    desk.require(Permission.ADMINISTER)
    with desk.db.write() as session:
        facility = get_or_refuse(session, Facility, facility_id, "Deze voorziening bestaat niet (meer).")
        if not by_decision and facility.kind in BY_DECISION_KINDS:
            raise DeskError(f"Een {facility.kind.label.lower()} geeft plaatsen altijd na een besluit.")
        if not facility.kind.has_beds:
            raise DeskError("Een inloop heeft geen bedden om na een besluit te geven.")
        facility.allocates_by_decision = by_decision


def apply_for_place(
    desk: Desk, person_id: int, facility_id: int, referrer: Referrer, applied_on: date, motivation: str
) -> int:
    """Register an application; one open application per person and facility."""
    desk.require(Permission.DESK_WORK)
    check_night(applied_on, desk.today(), "De aanmelddatum")
    if applied_on > desk.today():
        raise DeskError("De aanmelddatum ligt in de toekomst.")
    motivation = clean_text(motivation, "De motivatie")
    if not motivation:
        raise DeskError("Schrijf kort waarom de persoon deze plaats nodig heeft (de motivatie).")
    with desk.db.write() as session:
        live_person(session, person_id, "meld aan vanaf dat record")
        facility = get_or_refuse(session, Facility, facility_id, "Deze voorziening bestaat niet (meer).")
        if not allocates_by_decision(facility):
            raise DeskError(f"{facility.name} geeft bedden zonder aanmelding: geef het bed op het beddenbord.")
        if _open_application(session, person_id, facility_id) is not None:
            raise DeskError(f"Deze persoon is al aangemeld voor {facility.name}.")
        row = PlaceApplication(
            person_id=person_id,
            facility_id=facility_id,
            referrer=Referrer(referrer),
            applied_on=applied_on,
            motivation=motivation,
            status=ApplicationStatus.APPLIED,
            created_by=desk.worker,
        )
        session.add(row)
        session.flush()
        log_access(session, desk, Action.CREATE, person_id, ("aanmelding",), f"aanmelding {facility.name}")
        return row.id


def record_intake(desk: Desk, application_id: int, intake_on: date, note: str = "") -> None:
    """The intake appointment (its date, and what came out of it)."""
    desk.require(Permission.DESK_WORK)
    check_night(intake_on, desk.today(), "De intakedatum")
    note = clean_text(note, "De notitie bij de intake")
    with desk.db.write() as session:
        row = _application(session, application_id)
        _check_open(row)
        if intake_on < row.applied_on:
            raise DeskError("De intake kan niet vóór de aanmelding liggen.")
        row.intake_on, row.intake_note = intake_on, note
        log_access(session, desk, Action.UPDATE, row.person_id, ("intake",))


def decide_application(
    desk: Desk, application_id: int, decision: ApplicationDecision, decided_on: date, reason: str = ""
) -> None:
    """The coordinator's decision: admitted puts the application on the waiting list."""
    desk.require(Permission.DECIDE)
    check_night(decided_on, desk.today(), "De besluitdatum")
    reason = clean_text(reason, "De reden van het besluit")
    decision = ApplicationDecision(decision)
    if decision is not ApplicationDecision.ADMITTED and not reason:
        raise DeskError(f"Geef de reden bij ‘{decision.label.lower()}’: de aanmelder krijgt die te horen.")
    with desk.db.write() as session:
        row = _application(session, application_id)
        if row.status is not ApplicationStatus.APPLIED:
            raise DeskError(f"Over deze aanmelding is al besloten ({row.status.label.lower()}).")
        if row.intake_on is None:
            raise DeskError("Eerst de intake: leg de intakedatum vast voordat er besloten wordt.")
        if decided_on < row.intake_on:
            raise DeskError("Het besluit kan niet vóór de intake liggen.")
        row.decision, row.decision_reason, row.decided_on, row.decided_by = decision, reason, decided_on, desk.worker
        row.status = decision.status
        if not decision.status.open:
            row.closed_on = decided_on
        log_access(session, desk, Action.UPDATE, row.person_id, ("besluit aanmelding",), decision.value)


def set_priority(desk: Desk, application_id: int, priority: int, reason: str) -> None:
    """Move an application up (or down) the waiting list; the reason is kept with it."""
    desk.require(Permission.DECIDE)
    reason = clean_text(reason, "De reden van de voorrang")
    if not -9 <= priority <= 9:
        raise DeskError("De voorrang is een getal van -9 tot en met 9 (0: op volgorde van aanmelding).")
    if priority and not reason:
        raise DeskError("Geef de reden van de voorrang: de wachtlijst moet uit te leggen zijn.")
    with desk.db.write() as session:
        row = _application(session, application_id)
        _check_open(row)
        row.priority, row.priority_reason = priority, reason
        log_access(session, desk, Action.UPDATE, row.person_id, ("voorrang",))


def close_application(desk: Desk, application_id: int, status: ApplicationStatus, closed_on: date, reason: str) -> None:
    """Withdrawn (the person or referrer stops) or expired (no longer current): off the list, with why."""
    desk.require(Permission.DESK_WORK)
    check_night(closed_on, desk.today(), "De datum")
    reason = clean_text(reason, "De reden")
    status = ApplicationStatus(status)
    if status not in (ApplicationStatus.WITHDRAWN, ApplicationStatus.EXPIRED):
        raise DeskError("Een aanmelding wordt hier alleen ingetrokken of verloopt.")
    if not reason:
        raise DeskError(f"Geef de reden waarom de aanmelding {status.label.lower()} is.")
    with desk.db.write() as session:
        row = _application(session, application_id)
        _check_open(row)
        if closed_on < row.applied_on:
            raise DeskError("De datum kan niet vóór de aanmelding liggen.")
        row.status, row.closed_on, row.close_reason = status, closed_on, reason
        log_access(session, desk, Action.UPDATE, row.person_id, ("aanmelding",), status.value)


def waiting_list(desk: Desk, facility_id: int) -> list[ApplicationView]:
    """The open applications of a facility: the waiting list in its order, then those awaiting a decision."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.execute(
            _views_query().where(
                PlaceApplication.facility_id == facility_id,
                PlaceApplication.status.in_([ApplicationStatus.APPLIED.value, ApplicationStatus.WAITING.value]),
            )
        ).all()
    return _ordered([_view(a, p, f, desk.today(), None) for a, p, f in rows], desk.today())


def applications_of(desk: Desk, person_id: int) -> list[ApplicationView]:
    """All of a person's applications, newest first."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.execute(
            _views_query()
            .where(PlaceApplication.person_id == person_id)
            .order_by(PlaceApplication.applied_on.desc(), PlaceApplication.id.desc())
        ).all()
        places = {
            view.application_id: view.place
            for facility_id in {row[0].facility_id for row in rows}
            for view in _ordered(
                [
                    _view(a, p, f, desk.today(), None)
                    for a, p, f in session.execute(
                        _views_query().where(
                            PlaceApplication.facility_id == facility_id,
                            PlaceApplication.status == ApplicationStatus.WAITING.value,
                        )
                    ).all()
                ],
                desk.today(),
            )
        }
    return [_view(a, p, f, desk.today(), places.get(a.id)) for a, p, f in rows]


def bed_offer(desk: Desk, facility_id: int, night: date) -> BedOffer | None:
    """The first free bed of the facility on `night` with the first waiting applicant it fits (None: none)."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return _offer(session, facility_id, night, desk.today())


def accept_offer(desk: Desk, application_id: int, bed_id: int, night: date) -> int:
    """The applicant takes the bed: the stay starts on `night` and the application is placed; returns the bed-night."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De eerste nacht")
    with desk.db.write() as session:
        row = _application(session, application_id)
        if row.status is not ApplicationStatus.WAITING:
            raise DeskError(f"Deze aanmelding staat niet op de wachtlijst ({row.status.label.lower()}).")
        bed = get_or_refuse(session, Bed, bed_id, "Dit bed bestaat niet (meer).")
        if bed.facility_id != row.facility_id:
            raise DeskError("Dit bed hoort niet bij de voorziening waarvoor de persoon is aangemeld.")
        bed_night_id = give_bed(session, desk, row.person_id, bed_id, night)
        session.flush()
        stay_id = session.scalar(select(BedNight.stay_id).where(BedNight.id == bed_night_id))
        row.status, row.stay_id, row.closed_on = ApplicationStatus.PLACED, stay_id, max(night, row.applied_on)
        log_access(
            session,
            desk,
            Action.CREATE,
            row.person_id,
            ("plaatsing",),
            f"geplaatst van de wachtlijst, bed {bed_id}, nacht {night:%d-%m-%Y}",
        )
        return bed_night_id


def _offer(session: Session, facility_id: int, night: date, today: date) -> BedOffer | None:
    facility = get_or_refuse(session, Facility, facility_id, "Deze voorziening bestaat niet (meer).")
    if not allocates_by_decision(facility):
        return None
    beds = [bed for bed in facility.beds if bed.active and not bed.is_overflow]
    waiting = session.scalars(
        select(PlaceApplication).where(
            PlaceApplication.facility_id == facility_id, PlaceApplication.status == ApplicationStatus.WAITING.value
        )
    ).all()
    by_id = {row.id: row for row in waiting}
    order = waiting_order([WaitingPlace(row.id, row.applied_on, row.priority) for row in waiting])
    passed: list[str] = []
    for place in order:
        row = by_id[place.application_id]
        person = session.get(Person, row.person_id)
        assert person is not None
        name = display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
        keeps_out = ""
        for bed in beds:
            for first in (night, night + timedelta(days=1)):
                found = refusals(assignment_facts(session, person, bed, first, at=None))
                if not found:
                    return BedOffer(
                        facility.id,
                        facility.name,
                        bed.id,
                        bed.label,
                        first,
                        row.id,
                        person.id,
                        name,
                        days_waiting(row.applied_on, today),
                        tuple(passed),
                    )
                # A bed elsewhere tonight: the stay can start the next night instead.
                if [r.kind for r in found] != [RefusalKind.OTHER_BED]:
                    if not any(r.kind in (RefusalKind.BED_TAKEN, RefusalKind.BED_CLOSED) for r in found):
                        keeps_out = keeps_out or found[0].message
                    break
        if keeps_out:
            passed.append(f"{name}: {keeps_out}")
    return None


def _views_query() -> Select[PlaceApplication, Person, str]:
    return (
        select(PlaceApplication, Person, Facility.name)
        .join(Person, Person.id == PlaceApplication.person_id)
        .join(Facility, Facility.id == PlaceApplication.facility_id)
    )


def _view(row: PlaceApplication, person: Person, facility: str, today: date, place: int | None) -> ApplicationView:
    return ApplicationView(
        row.id,
        person.id,
        display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
        row.facility_id,
        facility,
        row.referrer,
        row.applied_on,
        row.motivation,
        row.intake_on,
        row.decision,
        row.decision_reason,
        row.decided_on,
        row.priority,
        row.priority_reason,
        row.status,
        row.closed_on,
        row.close_reason,
        days_waiting(row.applied_on, row.closed_on or today),
        place,
    )


def _ordered(views: list[ApplicationView], today: date) -> list[ApplicationView]:
    """The waiting list in its order (numbered), then the applications awaiting a decision by date."""
    waiting = {v.application_id: v for v in views if v.status is ApplicationStatus.WAITING}
    order = waiting_order([WaitingPlace(v.application_id, v.applied_on, v.priority) for v in waiting.values()])
    numbered = [_with_place(waiting[p.application_id], number) for number, p in enumerate(order, start=1)]
    applied = sorted(
        (v for v in views if v.status is ApplicationStatus.APPLIED), key=lambda v: (v.applied_on, v.application_id)
    )
    return numbered + applied


def _with_place(view: ApplicationView, place: int) -> ApplicationView:
    return replace(view, place=place)


def _open_application(session: Session, person_id: int, facility_id: int) -> PlaceApplication | None:
    return session.scalar(
        select(PlaceApplication).where(
            PlaceApplication.person_id == person_id,
            PlaceApplication.facility_id == facility_id,
            PlaceApplication.status.in_([ApplicationStatus.APPLIED.value, ApplicationStatus.WAITING.value]),
        )
    )


def _application(session: Session, application_id: int) -> PlaceApplication:
    return get_or_refuse(session, PlaceApplication, application_id, APPLICATION_GONE)


def _check_open(row: PlaceApplication) -> None:
    if not row.status.open:
        raise DeskError(f"Deze aanmelding is al afgesloten ({row.status.label.lower()}).")
