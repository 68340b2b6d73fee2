"""Giving, moving, checking in and out, and releasing beds: each one write transaction.

The rules are the domain's (`domain/bed_assignment.py`), checked inside the transaction that
holds the write lock, so what they saw is what gets written. The database's unique indexes are
the last line: when another desk wins a race anyway, the desk reads "bed is net vergeven".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import check_assignment
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.people import display_name
from shelter_desk.domain.shelter_night import dutch_night, local_clock_text, no_show_moment
from shelter_desk.domain.stays import BedNightStatus, FeeStatus, Outflow
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Person, Stay
from shelter_desk.persistence.locks import BED_NIGHTS, lock_for
from shelter_desk.services.beds.board import assignment_facts, home_region_id
from shelter_desk.services.beds.stays import (
    PER_NIGHT_KINDS,
    close_stay,
    close_stays_elsewhere,
)
from shelter_desk.services.trust.access_log import Action, log_access
from shelter_desk.services.desk import Desk
from shelter_desk.services.settings import read_settings
from shelter_desk.services.winter.nights import winter_activation_on

BED_JUST_TAKEN = "Dit bed is net vergeven aan iemand anders. Kies een ander bed."
PERSON_JUST_PLACED = "Deze persoon heeft deze nacht net een ander bed gekregen (bij een andere balie)."


def assign_bed(desk: Desk, person_id: int, bed_id: int, night: date, overrule_reason: str = "") -> int:
    """Give `person_id` the bed for `night`; returns the bed-night id. Refusals save nothing."""
    # Overruling a refusal is a coordinator's decision.
    desk.require(Permission.DECIDE if overrule_reason.strip() else Permission.DESK_WORK)
    check_night(night, desk.today())
    overrule_reason = clean_text(overrule_reason, "De reden van het besluit")
    default_fee = _default_fee_cents(desk)
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        bed_night_id = _assign(session, person_id, bed_id, night, overrule_reason, default_fee, desk.now())
        log_access(session, desk, Action.CREATE, person_id, _bed_fields(overrule_reason),
                   f"bed {bed_id}, nacht {night:%d-%m-%Y}")
        return bed_night_id


def move_bed(desk: Desk, bed_night_id: int, new_bed_id: int, overrule_reason: str = "") -> int:
    """Move a person to another bed the same night (any facility); keeps check-in and payment."""
    desk.require(Permission.DECIDE if overrule_reason.strip() else Permission.DESK_WORK)
    overrule_reason = clean_text(overrule_reason, "De reden van het besluit")
    default_fee = _default_fee_cents(desk)
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        current = _bed_night(session, bed_night_id)
        if current.bed_id == new_bed_id:
            raise DeskError("De persoon ligt al in dit bed.")
        person_id, night = current.person_id, current.night
        per_night_before = current.stay.facility.kind.allocated_per_night
        kept = (current.status, current.check_in_at, current.fee_status, current.fee_cents)
        reserved_at = current.reserved_at or desk.now()
        _remove_night(session, current)
        new_id = _assign(session, person_id, new_bed_id, night, overrule_reason, default_fee, reserved_at,
                         decided_at=desk.now())
        moved = session.get(BedNight, new_id)
        assert moved is not None
        # Same kind of place: the night goes on as it was. From a night shelter to a short stay
        # (or back) the new place's own terms apply (no nightly fee in a short stay).
        if moved.stay.facility.kind.allocated_per_night == per_night_before:
            moved.status, moved.check_in_at, moved.fee_status, moved.fee_cents = kept
        log_access(session, desk, Action.UPDATE, person_id, _bed_fields(overrule_reason),
                   f"verplaatst naar bed {new_bed_id}, nacht {night:%d-%m-%Y}")
        return new_id


def cancel_bed(desk: Desk, bed_night_id: int) -> None:
    """Take back a reservation that was not used; a checked-in night is checked out instead."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != BedNightStatus.RESERVED:
            raise DeskError("Alleen een reservering kan worden ingetrokken; check de persoon uit.")
        _log_bed_night(session, desk, bed_night, "reservering ingetrokken")
        _remove_night(session, bed_night)


def check_in(desk: Desk, bed_night_id: int) -> None:
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != BedNightStatus.RESERVED:
            raise DeskError(f"Inchecken kan alleen bij een reservering; dit bed is {bed_night.status}.")
        bed_night.status, bed_night.check_in_at = BedNightStatus.CHECKED_IN, desk.now()
        _log_bed_night(session, desk, bed_night, "ingecheckt")


def check_out(desk: Desk, bed_night_id: int) -> None:
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != BedNightStatus.CHECKED_IN:
            raise DeskError("Uitchecken kan alleen na inchecken.")
        bed_night.status, bed_night.check_out_at = BedNightStatus.CHECKED_OUT, desk.now()
        _log_bed_night(session, desk, bed_night, "uitgecheckt")


def set_fee_status(desk: Desk, bed_night_id: int, status: FeeStatus) -> None:
    """Paid, owed or waived; an owed contribution never stops anyone from getting a bed."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.fee_cents == 0 and status is not FeeStatus.NONE:
            raise DeskError("Voor deze nacht geldt geen eigen bijdrage.")
        bed_night.fee_status = status
        _log_bed_night(session, desk, bed_night, f"eigen bijdrage: {status.value}", ("eigen bijdrage",))


def outstanding_cents(desk: Desk, person_id: int) -> int:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return owed_cents(session, person_id)


def owed_cents(session: Session, person_id: int) -> int:
    """All contributions this person still owes, inside the caller's transaction."""
    return session.scalar(
        select(func.coalesce(func.sum(BedNight.fee_cents), 0))
        .where(BedNight.person_id == person_id, BedNight.fee_status == FeeStatus.OWED.value)
    ) or 0


@dataclass(frozen=True)
class NoShow:
    bed_night_id: int
    person: str
    facility: str
    bed: str
    reserved_at: str  # "22:10" or "" when not known


@dataclass(frozen=True)
class NoShowRelease:
    """What "No-shows vrijgeven" would do now: the names it releases and the ones it keeps."""

    night: date
    hour: time
    hour_passed: bool
    due: tuple[NoShow, ...]  # reserved before the no-show hour and still not checked in
    kept: tuple[NoShow, ...]  # reserved after the no-show hour: this person was only just sent here
    facilities: tuple[str, ...] = ()  # the places it acts on, named in the confirmation


def no_shows_due(desk: Desk, night: date, facility_ids: Collection[int] | None = None) -> NoShowRelease:
    """The reservations the no-show release would free now, by name, for the desk to confirm once.

    Of the desk's own facilities (its region's night shelters), or of `facility_ids` when the
    worker chose others.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    hour = read_settings(desk.db).night_no_show_hour
    moment = no_show_moment(night, hour)
    with desk.db.read() as session:
        scope = _bulk_scope(session, desk, facility_ids)
        due, kept = _reservations(session, night, moment, scope)
        return NoShowRelease(night, hour, desk.now() >= moment, tuple(_no_show(row) for row in due),
                             tuple(_no_show(row) for row in kept), tuple(scope.values()))


def release_no_shows(desk: Desk, night: date, bed_night_ids: Collection[int] | None = None,
                     facility_ids: Collection[int] | None = None) -> int:
    """Free the night-shelter beds still only reserved after the no-show hour; returns how many.

    Only reservations made before the no-show hour go (one made later was just given to someone
    on the way); with `bed_night_ids`, only those of them the desk was shown and confirmed. Only
    the desk's own facilities, or `facility_ids` when the worker chose others: an Assen desk
    never releases Emmen's reservations by itself.
    Released nights stay on record as 'no_show' (the unique indexes ignore them), so the bed can
    be given to someone on tonight's turnaway list, and the release can be undone for the night.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    hour = read_settings(desk.db).night_no_show_hour
    moment = no_show_moment(night, hour)
    if desk.now() < moment:
        raise DeskError(f"Het is nog geen {hour:%H:%M}: de bedden van de {dutch_night(night)} blijven gereserveerd.")
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        due, _kept = _reservations(session, night, moment, _bulk_scope(session, desk, facility_ids))
        released = 0
        for row in due:
            bed_night: BedNight = row[0]
            if bed_night_ids is not None and bed_night.id not in bed_night_ids:
                continue
            bed_night.status = BedNightStatus.NO_SHOW
            _log_bed_night(session, desk, bed_night, "niet gekomen; bed vrijgegeven")
            if bed_night.fee_status == FeeStatus.OWED:
                bed_night.fee_status = FeeStatus.NONE  # the amount stays, so an undo can owe it again
            released += 1
        return released


def undo_no_show_release(desk: Desk, night: date,
                         facility_ids: Collection[int] | None = None) -> tuple[int, list[str]]:
    """Give the released reservations of tonight back, where bed and person are still free.

    Returns how many came back and the names that could not (their bed went to someone else, or
    they have another bed now). Only for tonight: a past night's record stays as it was. Only the
    desk's own facilities, or `facility_ids` when the worker chose others.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    if night != desk.tonight():
        raise DeskError("Vrijgeven ongedaan maken kan alleen voor de nacht van vandaag.")
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        rows = session.execute(
            _with_names(select(BedNight)).where(BedNight.night == night, BedNight.status == BedNightStatus.NO_SHOW,
                                                Facility.kind.in_(PER_NIGHT_KINDS),
                                                Facility.id.in_(list(_bulk_scope(session, desk, facility_ids))))
            .order_by(Facility.name, Bed.position)
        ).all()
        back, not_back = 0, []
        for bed_night, first, prefix, last, alias, _facility, _bed, _at in rows:
            taken = session.scalar(select(BedNight.id).where(
                BedNight.night == night, OCCUPYING,
                (BedNight.bed_id == bed_night.bed_id) | (BedNight.person_id == bed_night.person_id)))
            if taken is not None:
                not_back.append(display_name(first, prefix, last, alias))
                continue
            bed_night.status = BedNightStatus.RESERVED
            _log_bed_night(session, desk, bed_night, "vrijgeven ongedaan gemaakt")
            if bed_night.fee_status == FeeStatus.NONE and bed_night.fee_cents:
                bed_night.fee_status = FeeStatus.OWED
            back += 1
        return back, not_back


def _with_names(query: Select[Any]) -> Select[Any]:
    return (query.add_columns(Person.first_name, Person.name_prefix, Person.last_name, Person.alias,
                              Facility.name, Bed.label, BedNight.reserved_at)
            .join(Person, Person.id == BedNight.person_id).join(Bed, Bed.id == BedNight.bed_id)
            .join(Facility, Facility.id == Bed.facility_id))


def _bulk_scope(session: Session, desk: Desk, facility_ids: Collection[int] | None) -> dict[int, str]:
    """The facilities a bulk action of this desk acts on (id → name): the chosen ones, else the
    active night-shelter places (per-night kinds) of the desk's own region."""
    chosen = select(Facility.id, Facility.name).where(Facility.kind.in_(PER_NIGHT_KINDS))
    if facility_ids is not None:
        chosen = chosen.where(Facility.id.in_(list(facility_ids)))
    else:
        chosen = chosen.where(Facility.active.is_(True), Facility.region_id == home_region_id(session, desk))
    return {row.id: row.name for row in session.execute(chosen.order_by(Facility.name))}


def _reservations(session: Session, night: date, moment: datetime,
                  facility_ids: Collection[int]) -> tuple[list[Row[Any]], list[Row[Any]]]:
    rows = session.execute(
        _with_names(select(BedNight)).where(BedNight.night == night, BedNight.status == BedNightStatus.RESERVED,
                                            Facility.kind.in_(PER_NIGHT_KINDS), Facility.id.in_(list(facility_ids)))
        .order_by(Facility.name, Bed.position)
    ).all()
    due = [row for row in rows if row.reserved_at is None or row.reserved_at < moment]
    return due, [row for row in rows if not (row.reserved_at is None or row.reserved_at < moment)]


def _no_show(row: Row[Any]) -> NoShow:
    values: tuple[Any, ...] = tuple(row)
    bed_night, first, prefix, last, alias, facility, bed, reserved_at = values
    return NoShow(bed_night.id, display_name(first, prefix, last, alias), facility, bed,
                  local_clock_text(reserved_at) if reserved_at else "")


def carry_placements_forward(desk: Desk, night: date) -> int:
    """Give every running short stay its bed for each night up to `night` (the bed it last had).

    Short stays run night after night without the desk assigning each one; nights nobody opened
    the board for are filled in too. Driven by the open stays, so ten years of history cost
    nothing; a stay that already has `night` is skipped. Returns how many bed-nights were added.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        if not _stays_behind(session, night):
            return 0  # the usual refresh of the board: nothing to write, no guard taken
        # Two desks opening the board at once: one adds the nights, the other then finds none left.
        lock_for(session, BED_NIGHTS)
        added = 0
        for stay_id, person_id, last in _stays_behind(session, night):
            bed_id = session.scalar(select(BedNight.bed_id).where(
                BedNight.stay_id == stay_id, BedNight.night == last, OCCUPYING))
            day = last + timedelta(days=1)
            while day <= night:
                taken = session.scalar(select(BedNight.id).where(
                    BedNight.night == day, OCCUPYING,
                    (BedNight.person_id == person_id) | (BedNight.bed_id == bed_id)))
                if taken is not None:
                    break  # the desk moved or placed someone: leave it to them
                session.add(BedNight(stay_id=stay_id, person_id=person_id, bed_id=bed_id, night=day,
                                     status=BedNightStatus.CHECKED_IN))
                added += 1
                day += timedelta(days=1)
            if day > last + timedelta(days=1):
                log_access(session, desk, Action.CREATE, person_id, ("bed",),
                           f"plaatsing doorgezet t/m {day - timedelta(days=1):%d-%m-%Y}")
        return added


def _stays_behind(session: Session, night: date) -> list[tuple[int, int, date]]:
    """Running short stays whose last bed-night is before `night`: (stay, person, last night)."""
    open_stays = (select(Stay.id).join(Facility, Facility.id == Stay.facility_id)
                  .where(Stay.end_night.is_(None), Facility.kind.not_in(PER_NIGHT_KINDS)))
    return [tuple(row) for row in session.execute(  # type: ignore[misc]
        select(BedNight.stay_id, BedNight.person_id, func.max(BedNight.night))
        .where(BedNight.stay_id.in_(open_stays), OCCUPYING)
        .group_by(BedNight.stay_id, BedNight.person_id)
        .having(func.max(BedNight.night) < night)
    )]


# -- inside the transaction ---------------------------------------------------------------------

def _bed_fields(overrule_reason: str) -> tuple[str, ...]:
    # The reason itself is not logged (the log is append-only and outlives anonymisation).
    return ("bed", "besluit ondanks weigering") if overrule_reason.strip() else ("bed",)


def _log_bed_night(session: Session, desk: Desk, bed_night: BedNight, what: str,
                   fields: tuple[str, ...] = ("bed",)) -> None:
    log_access(session, desk, Action.UPDATE, bed_night.person_id, fields,
               f"{what}: bed {bed_night.bed_id}, nacht {bed_night.night:%d-%m-%Y}")


def _assign(session: Session, person_id: int, bed_id: int, night: date, overrule_reason: str,
            default_fee_cents: int, at: datetime, *, decided_at: datetime | None = None) -> int:
    person = session.get(Person, person_id)
    if person is None or person.merged_into_id is not None:
        raise DeskError("Deze persoon bestaat niet (meer) of is samengevoegd.")
    bed = session.get(Bed, bed_id)
    if bed is None:
        raise DeskError("Dit bed bestaat niet.")
    # The rules are judged now (a move keeps the original reservation time `at`, not its rules).
    overruled = check_assignment(assignment_facts(session, person, bed, night, at=decided_at or at),
                                 overrule_reason)
    facility = bed.facility
    stay = _stay_for(session, person_id, facility, night)
    per_night = facility.kind.allocated_per_night
    fee = (facility.night_fee_cents if facility.night_fee_cents is not None else default_fee_cents) if per_night else 0
    fee_status = FeeStatus.OWED if fee else FeeStatus.NONE
    if fee and winter_activation_on(session, facility.region_id, night) is not None:
        fee_status = FeeStatus.WAIVED  # no contribution on winter nights
    bed_night = BedNight(
        stay_id=stay.id, person_id=person_id, bed_id=bed_id, night=night,
        status=BedNightStatus.RESERVED if per_night else BedNightStatus.CHECKED_IN, reserved_at=at,
        fee_cents=fee, fee_status=fee_status.value,
        override_reason=overrule_reason.strip() if overruled else "",
    )
    session.add(bed_night)
    try:
        session.flush()
    except IntegrityError as error:
        # Another desk committed between our check and our write: the index refused it.
        raise DeskError(BED_JUST_TAKEN if "bed_id" in str(error.orig) or "bed_night_bed" in str(error.orig)
                        else PERSON_JUST_PLACED) from error
    return bed_night.id


def _stay_for(session: Session, person_id: int, facility: Facility, night: date) -> Stay:
    """The running stay to add this night to, or a new one.

    Night shelter: the stay continues when the person slept here the night before; otherwise an
    earlier open stay here is closed at its last night and a new one starts. Short stay: the open
    stay at this facility continues (a move), else a new one with its planned end.
    """
    open_stays = session.scalars(
        select(Stay).where(Stay.person_id == person_id, Stay.facility_id == facility.id, Stay.end_night.is_(None))
    ).all()
    for stay in open_stays:
        last = session.scalar(select(func.max(BedNight.night)).where(
            BedNight.stay_id == stay.id, OCCUPYING))
        if not facility.kind.allocated_per_night or last is None or last >= night - timedelta(days=1):
            return stay
        # Back after a gap: the earlier stay ended on its last night, and nobody heard where the
        # person went in between. Ended at that night, so no night of it is lost.
        close_stay(session, stay, last, Outflow.LEFT_UNANNOUNCED, night)
    close_stays_elsewhere(session, person_id, facility.id, night)
    planned = None
    if facility.max_stay is not None and not facility.kind.allocated_per_night:
        planned = facility.max_stay.last_night(night)
    stay = Stay(person_id=person_id, facility_id=facility.id, start_night=night, planned_end_night=planned)
    session.add(stay)
    session.flush()
    return stay


def _remove_night(session: Session, bed_night: BedNight) -> None:
    stay = bed_night.stay
    session.delete(bed_night)
    session.flush()
    remaining = session.scalar(select(func.count()).select_from(BedNight).where(BedNight.stay_id == stay.id))
    if not remaining:
        session.delete(stay)
        session.flush()


def _bed_night(session: Session, bed_night_id: int) -> BedNight:
    bed_night = session.get(BedNight, bed_night_id)
    if bed_night is None:
        raise DeskError("Deze bedtoewijzing bestaat niet meer; ververs het beddenbord.")
    return bed_night


def _default_fee_cents(desk: Desk) -> int:
    fee = read_settings(desk.db).night_default_fee
    return int(fee * 100)
