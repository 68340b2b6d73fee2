"""Recording a street contact on an activated winter night, and the night's list of them.

A contact whose bed was accepted reserves a fitting free bed at the facility the person was taken
to, with the bed rules of every desk (`_assign`): the facility then sees them as expected on its
board, like any reservation made from Regio vannacht.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.street_contacts import StreetContactTerms, StreetOutcome
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.locks import BED_NIGHTS, lock_for
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Facility, Person, StreetContact
from shelter_desk.services.beds.assignment import _assign, _default_fee_cents
from shelter_desk.services.beds.region_overview import free_beds_fitting
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.winter_nights import region_id_of, winter_activation_on


@dataclass(frozen=True)
class StreetContactView:
    contact_id: int
    night: date
    seen_at: time
    place: str  # with the postcode, when given
    who: str  # the person's name, or the description of someone unknown
    person_id: int | None
    bed_offered: bool
    outcome: StreetOutcome
    facility: str  # where the person was taken ("" unless accepted)
    recorded_by: str


def record_street_contact(desk: Desk, centre_code: str, terms: StreetContactTerms) -> int:
    """Record a contact made outside on an activated night of the region; returns its id.

    When the bed was accepted, a fitting free bed at the chosen facility is reserved for the person
    in the same transaction, or nothing is recorded (the refusal says why in Dutch).
    """
    desk.require(Permission.STREET_WORK)
    clean = terms.validated()
    check_night(clean.night, desk.today())
    with desk.db.write() as session:
        tonight = desk.tonight(session)
        if clean.night > tonight:
            raise DeskError("Een straatcontact wordt vastgelegd in de nacht zelf of achteraf, niet vooruit.")
        region_id = region_id_of(session, centre_code)
        if winter_activation_on(session, region_id, clean.night) is None:
            raise DeskError(
                "De winterregeling is die nacht niet actief in deze regio: straatcontacten worden alleen "
                "op geactiveerde nachten vastgelegd."
            )
        if clean.person_id is not None:
            live_person(session, clean.person_id, "leg het straatcontact vast op dat record")
        if clean.facility_id is not None and clean.person_id is not None:
            _reserve_at(session, desk, clean.person_id, clean.facility_id, clean.night, tonight)
        contact = StreetContact(
            region_id=region_id,
            night=clean.night,
            seen_at=clean.seen_at.replace(second=0, microsecond=0),
            place=clean.place,
            postcode=clean.postcode,
            person_id=clean.person_id,
            description=clean.description,
            bed_offered=clean.bed_offered,
            outcome=clean.outcome,
            facility_id=clean.facility_id,
            remark=clean.remark,
            recorded_by=desk.worker,
        )
        session.add(contact)
        session.flush()
        if clean.person_id is not None:
            log_access(
                session,
                desk,
                Action.CREATE,
                clean.person_id,
                ("straatcontact",),
                f"straatcontact nacht {clean.night:%d-%m-%Y}: {clean.outcome.label}",
            )
        return contact.id


def _reserve_at(session: Session, desk: Desk, person_id: int, facility_id: int, night: date, tonight: date) -> None:
    """Reserve the first fitting free bed of the facility: it now expects the person on its board."""
    facility = get_or_refuse(session, Facility, facility_id, "Deze voorziening bestaat niet.")
    if not facility.active:
        raise DeskError(f"{facility.name} is niet meer in gebruik; kies een andere voorziening.")
    lock_for(session, BED_NIGHTS)
    fitting = [
        free
        for free, _count in free_beds_fitting(session, person_id, night, {facility.region_id}, at=desk.now())
        if free.facility_id == facility_id
    ]
    if not fitting:
        raise DeskError(
            f"{facility.name} heeft die nacht geen passend vrij bed voor deze persoon. Kies een andere "
            "voorziening (Regio vannacht toont de vrije bedden); er is niets vastgelegd."
        )
    _assign(session, person_id, fitting[0].bed_id, night, "", _default_fee_cents(session), desk.now(), tonight)


def street_contacts(desk: Desk, centre_code: str, night: date) -> list[StreetContactView]:
    """The contacts of one night in a region, in the order they were made (after midnight last)."""
    desk.require(Permission.STREET_WORK)
    check_night(night, desk.today())
    with desk.db.read() as session:
        region_id = region_id_of(session, centre_code)
        rows = session.execute(
            select(StreetContact, Person, Facility.name)
            .outerjoin(Person, Person.id == StreetContact.person_id)
            .outerjoin(Facility, Facility.id == StreetContact.facility_id)
            .where(StreetContact.region_id == region_id, StreetContact.night == night)
        ).all()
    views = [
        StreetContactView(
            contact.id,
            contact.night,
            contact.seen_at,
            contact.place + (f" ({contact.postcode})" if contact.postcode else ""),
            display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
            if person is not None
            else contact.description,
            contact.person_id,
            contact.bed_offered,
            contact.outcome,
            facility or "",
            contact.recorded_by,
        )
        for contact, person, facility in rows
    ]
    return sorted(views, key=lambda view: (view.seen_at < time(12), view.seen_at, view.contact_id))
