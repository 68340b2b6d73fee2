"""Turnaways: recording who could not be given a bed, why, and where they were sent (rule 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import BedNightStatus, TurnawayReason
from shelter_desk.domain.text_input import check_night, clean_line, clean_text
from shelter_desk.persistence.lookups import live_person
from shelter_desk.persistence.models import Bed, BedNight, Facility, Person, Turnaway
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
    # Where the person sleeps after all ("Nachtopvang Assen, bed 3"), when a bed was found that
    # night after the turnaway (a freed bed goes to the turned-away first): "" while still without.
    placed: str = ""


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
        placed = _beds_of(session, night, {t.person_id for t, _p, _f in rows if t.person_id is not None})
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
            placed.get(t.person_id, "") if t.person_id is not None else "",
        )
        for t, p, facility in rows
    ]


def _beds_of(session: Session, night: date, person_ids: set[int]) -> dict[int, str]:
    """The bed each of these people holds on `night` (a released no-show holds none)."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(BedNight.person_id, Facility.name, Bed.label)
        .join(Bed, Bed.id == BedNight.bed_id)
        .join(Facility, Facility.id == Bed.facility_id)
        .where(
            BedNight.night == night,
            BedNight.person_id.in_(person_ids),
            BedNight.status != BedNightStatus.NO_SHOW,
        )
    ).all()
    return {person_id: f"{facility}, bed {label}" for person_id, facility, label in rows}
