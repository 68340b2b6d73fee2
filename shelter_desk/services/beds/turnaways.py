"""Turnaways: recording who could not be given a bed, why, and where they were sent (rule 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import TurnawayReason
from shelter_desk.domain.text_input import check_night, clean_line, clean_text
from shelter_desk.persistence.lookups import live_person
from shelter_desk.persistence.models import Facility, Person, Turnaway
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.winter_nights import winter_regions_on


@dataclass(frozen=True)
class TurnawayView:
    turnaway_id: int
    night: date
    who: str
    person_id: int | None
    facility: str
    reason: TurnawayReason
    referred_to: str
    remark: str


def record_turnaway(
    desk: Desk,
    night: date,
    reason: TurnawayReason,
    *,
    person_id: int | None = None,
    description: str = "",
    facility_id: int | None = None,
    referred_to: str = "",
    remark: str = "",
) -> int:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today())
    description = clean_line(description, "De beschrijving van de persoon", 200)
    referred_to = clean_line(referred_to, "Doorverwezen naar", 200)
    remark = clean_text(remark, "De toelichting")
    if person_id is None and not description.strip():
        raise DeskError("Kies de persoon, of beschrijf kort wie het was (bijvoorbeeld 'man, ca. 40, geen naam').")
    if reason is TurnawayReason.OTHER and not remark.strip():
        raise DeskError("Bij reden 'anders': schrijf kort waarom er geen bed was.")
    with desk.db.write() as session:
        facility = session.get(Facility, facility_id) if facility_id is not None else None
        winter = winter_regions_on(session, night)
        if (facility.region_id in winter if facility else bool(winter)) and not remark.strip():
            raise DeskError(
                "De winterregeling is actief: niemand hoort weg te gaan zonder plek. "
                "Leg in de toelichting uit waarom er toch geen plek was."
            )
        if person_id is not None:
            live_person(session, person_id, "registreer de afwijzing op dat record")
        row = Turnaway(
            night=night,
            person_id=person_id,
            description=description.strip(),
            facility_id=facility_id,
            reason=reason.value,
            referred_to=referred_to.strip(),
            remark=remark.strip(),
            recorded_by=desk.worker,
        )
        session.add(row)
        session.flush()
        if person_id is not None:
            log_access(
                session,
                desk,
                Action.CREATE,
                person_id,
                ("afwijzing",),
                f"afgewezen ({reason.value}), nacht {night:%d-%m-%Y}",
            )
        return row.id


def turnaways_of_night(desk: Desk, night: date) -> list[TurnawayView]:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        rows = session.execute(
            select(Turnaway, Person, Facility.name)
            .outerjoin(Person, Person.id == Turnaway.person_id)
            .outerjoin(Facility, Facility.id == Turnaway.facility_id)
            .where(Turnaway.night == night)
            .order_by(Turnaway.recorded_at)
        ).all()
    return [
        TurnawayView(
            t.id,
            t.night,
            display_name(p.first_name, p.name_prefix, p.last_name, p.alias) if p else t.description,
            t.person_id,
            facility or "",
            TurnawayReason(t.reason),
            t.referred_to,
            t.remark,
        )
        for t, p, facility in rows
    ]
