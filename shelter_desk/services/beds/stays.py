"""Ending stays with their outflow destination, and opening a facility's overflow beds for a night.

Every path that ends a stay goes through `close_stay`, so every ended stay has a destination
(the rule: no stay ends without one): ending by hand, a move or a new place elsewhere (through-flow to an own
facility), a warm transfer, a return to the night shelter after a gap, anonymisation, and the
people who stopped coming.

Stopped coming: a night-shelter stay whose person has not checked in for `stay.absent_nights`
completed nights in a row ends as "vertrokken, bestemming onbekend", dated the last night the
person was there, and is listed for the coordinator, who can correct the destination. The sweep
is its own use case (`end_stays_of_people_who_stopped_coming`), run when a desk starts (after
sign-in, so a desk opened in the morning starts from a true picture) and at each evening's no-show
release (the desk's own step about who did not come); reading the board never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.stays import BedNightStatus, FeeStatus, Outflow, check_end_keeps_present_nights
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.persistence.locks import BED_NIGHTS, lock_for
from shelter_desk.persistence.lookups import get_or_refuse
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, OverflowOpening, Person, Stay
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

PER_NIGHT_KINDS = [kind for kind in FacilityKind if kind.allocated_per_night]
# A night the person was there: checked in (and perhaps out again in the morning).
_PRESENT_STATES = (BedNightStatus.CHECKED_IN, BedNightStatus.CHECKED_OUT)
PRESENT = BedNight.status.in_([status.value for status in _PRESENT_STATES])
STAY_GONE = "Dit verblijf bestaat niet meer."


def end_stay(desk: Desk, stay_id: int, last_night: date, outflow: Outflow, *, to_origin: bool = False) -> None:
    """End a stay after `last_night`: later reservations go, and where the person went is recorded."""
    desk.require(Permission.DESK_WORK)
    check_night(last_night, desk.today(), "De laatste nacht")
    with desk.db.write() as session:
        stay = get_or_refuse(session, Stay, stay_id, STAY_GONE)
        close_stay(session, stay, last_night, outflow, desk.tonight(session), to_origin=to_origin)
        log_access(
            session,
            desk,
            Action.UPDATE,
            stay.person_id,
            ("verblijf", "uitstroom"),
            f"verblijf {stay_id} beëindigd na {last_night:%d-%m-%Y}",
        )


def close_stay(
    session: Session, stay: Stay, last_night: date, outflow: Outflow, tonight: date, *, to_origin: bool = False
) -> None:
    """End one stay after `last_night` with its destination, inside the caller's transaction."""
    lock_for(session, BED_NIGHTS)  # its later bed-nights go: the bed-night writers' guard
    if stay.end_night is not None and stay.outflow is not None:
        raise DeskError(f"Dit verblijf is al beëindigd op {dutch_date(stay.end_night)}.")
    if last_night < stay.start_night:
        raise DeskError(f"De laatste nacht kan niet vóór het begin ({dutch_date(stay.start_night)}) liggen.")
    if last_night > tonight:
        raise DeskError("Een verblijf kan niet in de toekomst worden beëindigd.")
    later = session.execute(
        select(BedNight.night, BedNight.status, BedNight.fee_status).where(
            BedNight.stay_id == stay.id, BedNight.night > last_night
        )
    ).all()
    check_end_keeps_present_nights(
        last_night,
        [night for night, status, _fee in later if status in _PRESENT_STATES],
        [night for night, _status, fee in later if fee == FeeStatus.PAID],
    )
    session.execute(delete(BedNight).where(BedNight.stay_id == stay.id, BedNight.night > last_night))
    stay.end_night = last_night
    stay.outflow = outflow
    stay.outflow_to_origin = to_origin


def last_night_held(session: Session, stay_id: int) -> date | None:
    """The last night of a stay that held a bed (reserved or slept; None: none left)."""
    return session.scalar(select(func.max(BedNight.night)).where(BedNight.stay_id == stay_id, OCCUPYING))


def close_stays_elsewhere(
    session: Session,
    person_id: int,
    facility_id: int,
    night: date,
    tonight: date,
    others: Sequence[Stay] | None = None,
) -> None:
    """The person gets a place at `facility_id` for `night`: their open stays elsewhere may end
    (`others`: those stays, when the caller has read them already).

    A stay whose last night was the night before went on to this place (through-flow to an own
    facility). One that stopped earlier ended when the person stopped coming, but only when the
    nights in between have passed: a place booked ahead ends nothing. A stay that still holds
    `night` or a later night is left alone (the bed rules refuse a second bed that night).
    """
    if others is None:
        others = session.scalars(
            select(Stay).where(Stay.person_id == person_id, Stay.facility_id != facility_id, Stay.end_night.is_(None))
        ).all()
    for stay in others:
        last = last_night_held(session, stay.id)
        if last is None or last >= night or last > tonight:
            continue
        if last >= night - timedelta(days=1):
            close_stay(session, stay, last, Outflow.OWN_FACILITY, tonight)
        elif night <= tonight:
            close_stay(session, stay, last, Outflow.LEFT_UNANNOUNCED, tonight)


@dataclass(frozen=True)
class EndedStay:
    """A stay the desk ended itself: the person stopped coming (listed for the coordinator)."""

    stay_id: int
    person_id: int
    person: str
    facility: str
    start_night: date
    end_night: date
    outflow: Outflow


def end_stays_of_people_who_stopped_coming(desk: Desk) -> list[EndedStay]:
    """End the night-shelter stays of people absent `stay.absent_nights` completed nights in a row.

    A completed night is one before tonight; a person holding a bed tonight (or later) is expected
    and keeps the stay. Returns the stays it ended, for the desk to say so.
    """
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        tonight, absent_nights = desk.tonight(session), read_settings(session).stay_absent_nights
        ended = close_stays_of_absentees(session, tonight, absent_nights)
        for stay in ended:
            log_access(
                session,
                desk,
                Action.UPDATE,
                stay.person_id,
                ("verblijf", "uitstroom"),
                f"gestopt met komen: {absent_nights} nachten niet ingecheckt",
            )
        return ended


def close_stays_of_absentees(session: Session, tonight: date, absent_nights: int) -> list[EndedStay]:
    """The step behind `end_stays_of_people_who_stopped_coming`, inside the caller's transaction."""
    last_completed = tonight - timedelta(days=1)
    present = (
        select(BedNight.stay_id, func.max(BedNight.night).label("last"))
        .where(PRESENT)
        .group_by(BedNight.stay_id)
        .subquery()
    )
    expected = select(BedNight.id).where(BedNight.stay_id == Stay.id, BedNight.night >= tonight, OCCUPYING)
    rows = session.execute(
        select(Stay, present.c.last, Person, Facility.name)
        .join(Facility, Facility.id == Stay.facility_id)
        .join(Person, Person.id == Stay.person_id)
        .outerjoin(present, present.c.stay_id == Stay.id)
        .where(
            Stay.end_night.is_(None),
            Facility.kind.in_(PER_NIGHT_KINDS),
            Stay.start_night <= last_completed,
            ~expected.exists(),
        )
    ).all()
    ended = []
    for stay, last, person, facility in rows:
        # Nights missed in a row: from the night after the last one present (or from the start,
        # when the person never came) up to and including the last completed night.
        missed = (last_completed - last).days if last is not None else (last_completed - stay.start_night).days + 1
        if missed < absent_nights:
            continue
        # Ended on the last night the person was there, or a later one they paid for: paid
        # contributions are never deleted.
        paid = session.scalar(
            select(func.max(BedNight.night)).where(BedNight.stay_id == stay.id, BedNight.fee_status == FeeStatus.PAID)
        )
        end = max(night for night in (last, paid, stay.start_night) if night is not None)
        close_stay(session, stay, end, Outflow.LEFT_UNANNOUNCED, tonight)
        ended.append(
            EndedStay(
                stay.id,
                person.id,
                display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
                facility,
                stay.start_night,
                stay.end_night or stay.start_night,
                Outflow.LEFT_UNANNOUNCED,
            )
        )
    return ended


def stays_left_unannounced(desk: Desk, since: date) -> list[EndedStay]:
    """Stays ended as "vertrokken, bestemming onbekend" since `since`: the coordinator's list to correct."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.execute(
            select(Stay, Person, Facility.name)
            .join(Person, Person.id == Stay.person_id)
            .join(Facility, Facility.id == Stay.facility_id)
            .where(Stay.outflow == Outflow.LEFT_UNANNOUNCED, Stay.end_night >= since)
            .order_by(Stay.end_night.desc(), Stay.id)
        ).all()
        return [
            EndedStay(
                stay.id,
                person.id,
                display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
                facility,
                stay.start_night,
                stay.end_night or stay.start_night,
                stay.outflow or Outflow.LEFT_UNANNOUNCED,
            )
            for stay, person, facility in rows
        ]


def correct_outflow(desk: Desk, stay_id: int, outflow: Outflow, *, to_origin: bool = False) -> None:
    """A coordinator corrects where the person went after an ended stay (e.g. one who stopped coming)."""
    desk.require(Permission.DECIDE)
    if not outflow.chosen_by_hand:
        raise DeskError("Kies een bestemming: waar is de persoon naartoe gegaan? 'Onbekend' mag ook.")
    with desk.db.write() as session:
        stay = get_or_refuse(session, Stay, stay_id, STAY_GONE)
        if stay.end_night is None:
            raise DeskError("Dit verblijf loopt nog; beëindig het op het beddenbord.")
        stay.outflow, stay.outflow_to_origin = outflow, to_origin
        log_access(session, desk, Action.UPDATE, stay.person_id, ("uitstroom",), f"bestemming: {outflow.label}")


def open_overflow(desk: Desk, facility_id: int, night: date, reason: str) -> None:
    desk.require(Permission.DECIDE)
    check_night(night, desk.today())
    reason = clean_text(reason, "De reden voor de noodbedden")
    if not reason.strip():
        raise DeskError("Geef een reden om de extra bedden te openen.")
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        if session.get(Facility, facility_id) is None:
            raise DeskError("Deze voorziening bestaat niet.")
        exists = session.scalar(
            select(OverflowOpening.id).where(OverflowOpening.facility_id == facility_id, OverflowOpening.night == night)
        )
        if exists is None:
            session.add(
                OverflowOpening(facility_id=facility_id, night=night, reason=reason.strip(), opened_by=desk.worker)
            )


def close_overflow(desk: Desk, facility_id: int, night: date) -> None:
    """Close the overflow beds again; refused while someone has one of them that night."""
    desk.require(Permission.DECIDE)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        occupied = session.scalar(
            select(BedNight.id)
            .join(Bed, Bed.id == BedNight.bed_id)
            .where(Bed.facility_id == facility_id, Bed.is_overflow.is_(True), BedNight.night == night, OCCUPYING)
        )
        if occupied is not None:
            raise DeskError("Er slaapt iemand in een extra bed; verplaats die persoon eerst.")
        session.execute(
            delete(OverflowOpening).where(OverflowOpening.facility_id == facility_id, OverflowOpening.night == night)
        )
