"""The incidents register: recording an incident, the incidents of a person, and bans made from one.

An incident names its facility, kind, time and the clients involved (none is fine: an unknown
person is described instead). A restriction made from an incident keeps the link, so reviewing
the ban shows what led to it. Recording is logged per client involved (NEN 7513).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.safety import IncidentKind, IncidentTerms
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Facility, Incident, IncidentPerson, IncidentRestriction, Person, Restriction
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.restrictions import store_restriction


@dataclass(frozen=True)
class IncidentView:
    incident_id: int
    occurred_at: datetime
    facility: str
    kind: IncidentKind
    persons: tuple[str, ...]  # the clients involved, by name
    unknown_person: str
    staff_involved: str
    police_called: bool
    ambulance_called: bool
    security_called: bool
    what_happened: str
    what_was_done: str
    recorded_by: str

    @property
    def called(self) -> str:
        """'politie, ambulance' or '' when nobody was called."""
        called = [
            name
            for name, yes in (
                ("politie", self.police_called),
                ("ambulance", self.ambulance_called),
                ("beveiliging", self.security_called),
            )
            if yes
        ]
        return ", ".join(called)

    @property
    def heading(self) -> str:
        """'12-11-2026 23:40, Nachtopvang Havenkade: agressie/geweld'."""
        return f"{self.occurred_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}, {self.facility}: {self.kind.label}"


def record_incident(desk: Desk, terms: IncidentTerms) -> int:
    """Write an incident down; returns its id. Each client involved gets a line in the access log."""
    desk.require(Permission.DESK_WORK)
    clean = terms.validated(desk.now())
    with desk.db.write() as session:
        if session.get(Facility, clean.facility_id) is None:
            raise DeskError("De gekozen voorziening bestaat niet.")
        for person_id in clean.person_ids:
            live_person(session, person_id, "zet dat record bij het incident")
        incident = Incident(
            occurred_at=clean.occurred_at,
            facility_id=clean.facility_id,
            kind=clean.kind,
            what_happened=clean.what_happened,
            what_was_done=clean.what_was_done,
            unknown_person=clean.unknown_person,
            staff_involved=clean.staff_involved,
            police_called=clean.police_called,
            ambulance_called=clean.ambulance_called,
            security_called=clean.security_called,
            recorded_by=desk.worker,
            persons=[IncidentPerson(person_id=person_id) for person_id in clean.person_ids],
        )
        session.add(incident)
        session.flush()
        for person_id in clean.person_ids:
            log_access(session, desk, Action.CREATE, person_id, ("incident",), f"incident {incident.id}")
        return incident.id


def incidents_of(desk: Desk, person_id: int) -> list[IncidentView]:
    """The incidents a person was involved in, newest first (shown inside the opened record)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        ids = select(IncidentPerson.incident_id).where(IncidentPerson.person_id == person_id)
        return _views(session, list(session.scalars(ids)))


def incident_register(desk: Desk, since: date, until: date, facility_id: int | None = None) -> list[IncidentView]:
    """Every incident between two dates (inclusive, local time), of one facility or all, newest first."""
    desk.require(Permission.DESK_WORK)
    if until < since:
        raise DeskError("De einddatum ligt vóór de begindatum.")
    start = datetime.combine(since, time(), AMSTERDAM)
    end = datetime.combine(until + timedelta(days=1), time(), AMSTERDAM)
    with desk.db.read() as session:
        query = select(Incident.id).where(Incident.occurred_at >= start, Incident.occurred_at < end)
        if facility_id is not None:
            query = query.where(Incident.facility_id == facility_id)
        return _views(session, list(session.scalars(query)))


def restriction_from_incident(desk: Desk, incident_id: int, person_id: int, terms: RestrictionTerms) -> int:
    """A ban for a client involved in the incident, linked to it; returns the restriction's id."""
    desk.require(Permission.DESK_WORK)
    clean = terms.validated()
    with desk.db.write() as session:
        get_or_refuse(session, Incident, incident_id, "Dit incident bestaat niet (meer).")
        involved = session.scalar(
            select(IncidentPerson.id).where(
                IncidentPerson.incident_id == incident_id, IncidentPerson.person_id == person_id
            )
        )
        if involved is None:
            raise DeskError("Deze persoon staat niet bij de betrokkenen van dit incident.")
        restriction_id = store_restriction(session, person_id, clean)
        session.add(IncidentRestriction(incident_id=incident_id, restriction_id=restriction_id))
        log_access(session, desk, Action.UPDATE, person_id, ("beperking",), f"na incident {incident_id}")
        return restriction_id


def incidents_of_restriction(desk: Desk, restriction_id: int) -> list[IncidentView]:
    """The incidents a ban was made from: what the coordinator reads when reviewing it."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        get_or_refuse(session, Restriction, restriction_id, "Deze beperking bestaat niet.")
        ids = select(IncidentRestriction.incident_id).where(IncidentRestriction.restriction_id == restriction_id)
        return _views(session, list(session.scalars(ids)))


def _views(session: Session, incident_ids: list[int]) -> list[IncidentView]:
    if not incident_ids:
        return []
    rows = session.execute(
        select(Incident, Facility.name)
        .join(Facility, Facility.id == Incident.facility_id)
        .where(Incident.id.in_(incident_ids))
        .order_by(Incident.occurred_at.desc(), Incident.id.desc())
    ).all()
    names: dict[int, list[str]] = {}
    for incident_id, first, prefix, last, alias in session.execute(
        select(IncidentPerson.incident_id, Person.first_name, Person.name_prefix, Person.last_name, Person.alias)
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(incident_ids))
        .order_by(IncidentPerson.id)
    ):
        names.setdefault(incident_id, []).append(display_name(first, prefix, last, alias))
    return [
        IncidentView(
            incident.id,
            incident.occurred_at,
            facility,
            incident.kind,
            tuple(names.get(incident.id, ())),
            incident.unknown_person,
            incident.staff_involved,
            incident.police_called,
            incident.ambulance_called,
            incident.security_called,
            incident.what_happened,
            incident.what_was_done,
            incident.recorded_by,
        )
        for incident, facility in rows
    ]
