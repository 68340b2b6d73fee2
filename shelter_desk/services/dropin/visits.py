"""Drop-in visits and the services given during them, and today's visitors list.

A named visitor is counted once a day per drop-in (the database refuses a second row, also when
two desks register at once); a visitor who gives no name is a head count of one. A ban from the
drop-in (or from all facilities) refuses the visit with the ban's reason and alternative.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shelter_desk.domain.dropin import (
    OpeningHours,
    check_opening_hours,
    check_service,
    describe_today,
    parse_service_list,
)
from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.people import display_name
from shelter_desk.domain.restrictions import applies_to, is_in_force
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import local_clock_text
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import (
    OCCUPYING,
    BedNight,
    DropInHours,
    DropInService,
    DropInVisit,
    Facility,
    LockerItem,
    Person,
    Restriction,
)
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings


@dataclass(frozen=True)
class DropInLocation:
    facility_id: int
    name: str
    hours: tuple[OpeningHours, ...]
    today: str  # "Vandaag open 10:00–16:00."


@dataclass(frozen=True)
class VisitRow:
    visit_id: int
    person_id: int | None
    name: str  # "anoniem bezoek" for a head count
    arrived_at: datetime
    services: tuple[tuple[int, str, int], ...]  # service id, name, quantity
    lockers: tuple[str, ...]  # labels of lockers in use for this person here
    slept_in_shelter: bool  # ever had a bed-night: the drop-in also sees those who avoid the shelter

    @property
    def services_text(self) -> str:
        return ", ".join(name if quantity == 1 else f"{name} ×{quantity}" for _id, name, quantity in self.services)


@dataclass(frozen=True)
class DayList:
    facility_id: int
    day: date
    visits: tuple[VisitRow, ...]

    @property
    def named(self) -> int:
        return sum(1 for v in self.visits if v.person_id is not None)

    @property
    def anonymous(self) -> int:
        return len(self.visits) - self.named

    def service_totals(self) -> tuple[tuple[str, int], ...]:
        totals: dict[str, int] = defaultdict(int)
        for visit in self.visits:
            for _id, name, quantity in visit.services:
                totals[name] += quantity
        return tuple(sorted(totals.items()))


def drop_in(session: Session, facility_id: int) -> Facility:
    """The drop-in facility, or a Dutch refusal when the id is not one (a step)."""
    facility = get_or_refuse(session, Facility, facility_id, "Deze inloop bestaat niet (meer).")
    if facility.kind is not FacilityKind.DROP_IN:
        raise DeskError(f"{facility.name} is geen inloop; kies een inloop.")
    return facility


def _hours(session: Session, facility_id: int) -> list[OpeningHours]:
    return [
        OpeningHours(h.weekday, h.opens, h.closes)
        for h in session.scalars(
            select(DropInHours).where(DropInHours.facility_id == facility_id).order_by(DropInHours.weekday)
        )
    ]


def dropin_locations(desk: Desk) -> list[DropInLocation]:
    """The active drop-ins with their opening hours, by name."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        today = desk.today()
        locations = []
        for facility in session.scalars(
            select(Facility)
            .where(Facility.kind == FacilityKind.DROP_IN.value, Facility.active.is_(True))
            .order_by(Facility.name)
        ):
            hours = _hours(session, facility.id)
            locations.append(DropInLocation(facility.id, facility.name, tuple(hours), describe_today(hours, today)))
        return locations


def set_opening_hours(desk: Desk, facility_id: int, hours: list[OpeningHours]) -> None:
    """Replace the drop-in's weekly opening hours (a coordinator's decision)."""
    desk.require(Permission.DECIDE)
    checked = check_opening_hours(hours)
    with desk.db.write() as session:
        drop_in(session, facility_id)
        for row in session.scalars(select(DropInHours).where(DropInHours.facility_id == facility_id)):
            session.delete(row)
        session.flush()
        session.add_all(
            DropInHours(facility_id=facility_id, weekday=h.weekday, opens=h.opens, closes=h.closes) for h in checked
        )


def offered_services(desk: Desk) -> tuple[str, ...]:
    """The services of the organisation's list (setting 'Inloop: diensten'), in its order."""
    desk.require(Permission.DESK_WORK)
    return parse_service_list(read_settings(desk.db).dropin_services)


def _refuse_if_banned(session: Session, person_id: int, facility: Facility, day: date) -> None:
    for restriction in session.scalars(
        select(Restriction).where(Restriction.person_id == person_id, Restriction.lifted_at.is_(None))
    ):
        if applies_to(restriction.facility_id, facility.id) and is_in_force(
            restriction.starts_on, restriction.ends_on, day
        ):
            where = "alle voorzieningen" if restriction.facility_id is None else facility.name
            alternative = (
                session.get(Facility, restriction.alternative_facility_id)
                if restriction.alternative_facility_id
                else None
            )
            raise DeskError(
                f"Deze persoon heeft een beperking voor {where} tot en met "
                f"{format_dutch_date(restriction.ends_on)}: {restriction.reason}."
                + (f" Uitwijken naar: {alternative.name}." if alternative else "")
            )


def register_visit(desk: Desk, facility_id: int, person_id: int) -> int:
    """Count a named visitor in today's drop-in; returns the visit id. Once a day per drop-in."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        facility = drop_in(session, facility_id)
        person = live_person(session, person_id, "schrijf het bezoek in op dat record")
        day = desk.today()
        _refuse_if_banned(session, person_id, facility, day)
        earlier = session.scalar(
            select(DropInVisit).where(
                DropInVisit.facility_id == facility_id, DropInVisit.day == day, DropInVisit.person_id == person_id
            )
        )
        if earlier is not None:
            raise DeskError(
                f"{display_name(person.first_name, person.name_prefix, person.last_name, person.alias)} "
                f"staat vandaag al ingeschreven (sinds {local_clock_text(earlier.arrived_at)}). "
                "Kies het bezoek in de lijst om een dienst te geven."
            )
        visit = DropInVisit(
            facility_id=facility_id, day=day, person_id=person_id, arrived_at=desk.now(), recorded_by=desk.worker
        )
        session.add(visit)
        try:
            session.flush()
        except IntegrityError as error:
            raise DeskError("Dit bezoek werd net bij een andere balie ingeschreven.") from error
        log_access(session, desk, Action.CREATE, person_id, ("inloopbezoek",), facility.name)
        return visit.id


def register_anonymous_visit(desk: Desk, facility_id: int) -> int:
    """Count a visitor who gives no name: a head count of one; services can still be given."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        drop_in(session, facility_id)
        visit = DropInVisit(
            facility_id=facility_id, day=desk.today(), person_id=None, arrived_at=desk.now(), recorded_by=desk.worker
        )
        session.add(visit)
        session.flush()
        return visit.id


def give_service(desk: Desk, visit_id: int, service: str, quantity: int = 1) -> int:
    """Log a service given during today's visit; returns its id. Only services from the list."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        name = check_service(service, quantity, parse_service_list(read_settings(session).dropin_services))
        visit = get_or_refuse(session, DropInVisit, visit_id, "Dit bezoek bestaat niet (meer).")
        if visit.day != desk.today():
            raise DeskError("Diensten worden alleen bij een bezoek van vandaag geregistreerd.")
        row = DropInService(
            visit_id=visit_id, service=name, quantity=quantity, given_at=desk.now(), given_by=desk.worker
        )
        session.add(row)
        session.flush()
        if visit.person_id is not None:
            log_access(session, desk, Action.UPDATE, visit.person_id, ("inloopdienst",), name)
        return row.id


def remove_service(desk: Desk, service_id: int) -> None:
    """Take back a service logged by mistake today."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        row = get_or_refuse(session, DropInService, service_id, "Deze dienst is al verwijderd.")
        visit = session.get(DropInVisit, row.visit_id)
        if visit is None or visit.day != desk.today():
            raise DeskError("Alleen diensten van vandaag kunnen worden teruggenomen.")
        session.delete(row)
        if visit.person_id is not None:
            log_access(session, desk, Action.DELETE, visit.person_id, ("inloopdienst",), row.service)


def todays_visitors(desk: Desk, facility_id: int, day: date | None = None) -> DayList:
    """Who came to the drop-in on `day` (today by default), in order of arrival, with services and lockers."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return read_day_list(session, facility_id, day or desk.today())


def read_day_list(session: Session, facility_id: int, day: date) -> DayList:
    """The step behind today's visitors list: four indexed queries, whatever the number of visits."""
    rows = session.execute(
        select(
            DropInVisit.id,
            DropInVisit.person_id,
            DropInVisit.arrived_at,
            Person.first_name,
            Person.name_prefix,
            Person.last_name,
            Person.alias,
            exists().where(BedNight.person_id == DropInVisit.person_id, OCCUPYING),
        )
        .outerjoin(Person, Person.id == DropInVisit.person_id)
        .where(DropInVisit.facility_id == facility_id, DropInVisit.day == day)
        .order_by(DropInVisit.arrived_at, DropInVisit.id)
    ).all()
    visit_ids = [row[0] for row in rows]
    services: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    if visit_ids:
        for service_id, visit_id, name, quantity in session.execute(
            select(DropInService.id, DropInService.visit_id, DropInService.service, DropInService.quantity)
            .where(DropInService.visit_id.in_(visit_ids))
            .order_by(DropInService.id)
        ):
            services[visit_id].append((service_id, name, quantity))
    lockers: dict[int, list[str]] = defaultdict(list)
    for person_id, label in session.execute(
        select(LockerItem.person_id, LockerItem.label)
        .where(LockerItem.facility_id == facility_id, LockerItem.cleared_on.is_(None))
        .order_by(LockerItem.label)
    ):
        lockers[person_id].append(label)
    return DayList(
        facility_id,
        day,
        tuple(
            VisitRow(
                visit_id,
                person_id,
                display_name(first, prefix, last, alias) if person_id is not None else "anoniem bezoek",
                arrived_at,
                tuple(services[visit_id]),
                tuple(lockers.get(person_id, ()) if person_id else ()),
                bool(slept),
            )
            for visit_id, person_id, arrived_at, first, prefix, last, alias, slept in rows
        ),
    )
