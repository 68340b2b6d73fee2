"""Client documents in the person's own language: house rules, consent for a postal address, transfer letter.

Each use case reads what the letter needs in one transaction, logs the printing against the person
(NEN 7513: a printed name is a disclosure), and renders through `reports.client_documents`. The
language is the one asked for, else the person's document language, else Dutch.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.postal import PostalStatus
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.lookups import live_person
from shelter_desk.persistence.models import (
    Bed,
    BedNight,
    Facility,
    Investigation,
    Municipality,
    Person,
    PostalAddress,
    Transfer,
)
from shelter_desk.reports.catalogue import DUTCH, check_language
from shelter_desk.reports.client_document_data import ClientDocument, DocumentKind
from shelter_desk.reports.letter_data import Letterhead
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

_OPEN_THE_KEPT = "druk de documenten af vanaf dat record"


def house_rules_pdf(desk: Desk, person_id: int | None = None, language: str | None = None) -> bytes:
    """The house rules to sign: for a person (name and language from the record) or blank in `language`."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        person = live_person(session, person_id, _OPEN_THE_KEPT) if person_id is not None else None
        facility = _facility_of(session, person)
        code = _language(language, person)
        fee = read_settings(session).night_default_fee
        if person is not None:
            log_access(session, desk, Action.PRINT, person.id, detail=f"huisregels ({code})")
        document = ClientDocument(
            kind=DocumentKind.HOUSE_RULES,
            language=code,
            letterhead=_letterhead(facility),
            person=_name(person) if person is not None else "",
            place=facility.city if facility else "",
            dated=desk.today(),
            values={"location": facility.name if facility else "", "fee": fee},
            is_demo=demo_marked(session),
        )
    return _render(document)


def postal_consent_pdf(desk: Desk, person_id: int, language: str | None = None) -> bytes:
    """The guest's copy of the consent for a postal address (the open one), with the Dutch text at its foot."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        person = live_person(session, person_id, _OPEN_THE_KEPT)
        postal = session.scalar(
            select(PostalAddress).where(
                PostalAddress.person_id == person.id, PostalAddress.status != PostalStatus.ENDED
            )
        )
        if postal is None:
            raise DeskError("Deze persoon heeft geen (aangevraagd of actief) postadres; er is niets afgedrukt.")
        facility = session.get(Facility, postal.facility_id)
        assert facility is not None
        code = _language(language, person)
        log_access(session, desk, Action.PRINT, person.id, detail=f"toestemming briefadres ({code})")
        name = _name(person)
        document = ClientDocument(
            kind=DocumentKind.POSTAL_CONSENT,
            language=code,
            letterhead=_letterhead(facility),
            person=name,
            place=facility.city,
            dated=desk.today(),
            values={"provider": facility.provider or facility.name},
            facts=(name, person.date_of_birth, _address(facility), postal.start_date, postal.review_date),
            is_demo=demo_marked(session),
        )
    return _render(document)


def client_transfer_letter_pdf(desk: Desk, person_id: int, language: str | None = None) -> bytes:
    """The guest's letter about the warm transfer to another region (the latest one)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        person = live_person(session, person_id, _OPEN_THE_KEPT)
        transfer = session.scalar(
            select(Transfer).where(Transfer.person_id == person.id).order_by(Transfer.id.desc()).limit(1)
        )
        if transfer is None:
            raise DeskError("Voor deze persoon is geen overdracht vastgelegd; er is niets afgedrukt.")
        centre = session.get(Municipality, transfer.to_centre_code)
        investigation = session.get(Investigation, transfer.investigation_id)
        assert centre is not None and investigation is not None
        facility = _facility_of(session, person)
        code = _language(language, person)
        log_access(session, desk, Action.PRINT, person.id, detail=f"overdrachtsbrief voor de cliënt ({code})")
        name = _name(person)
        document = ClientDocument(
            kind=DocumentKind.TRANSFER_LETTER,
            language=code,
            letterhead=_letterhead(facility),
            person=name,
            place=facility.city if facility else "",
            dated=desk.today(),
            values={"region": centre.name},
            facts=(name, investigation.decided_on, transfer.contact or None),
            is_demo=demo_marked(session),
        )
    return _render(document)


def _language(asked: str | None, person: Person | None) -> str:
    if asked:
        return check_language(asked.strip().lower())
    return person.document_language if person is not None else DUTCH


def _name(person: Person) -> str:
    return display_name(person.first_name, person.name_prefix, person.last_name, person.alias)


def _facility_of(session: Session, person: Person | None) -> Facility | None:
    """Where the person slept last; else the first location with an address (the letterhead)."""
    if person is not None:
        last = session.scalar(
            select(Facility)
            .join(Bed, Bed.facility_id == Facility.id)
            .join(BedNight, BedNight.bed_id == Bed.id)
            .where(BedNight.person_id == person.id)
            .order_by(BedNight.night.desc())
            .limit(1)
        )
        if last is not None:
            return last
    return session.scalar(select(Facility).order_by(Facility.street == "", Facility.id).limit(1))


def _address(facility: Facility) -> str:
    return ", ".join(part for part in (facility.street, f"{facility.postcode} {facility.city}".strip()) if part)


def _letterhead(facility: Facility | None) -> Letterhead:
    if facility is None:
        return Letterhead("", "", "")
    return Letterhead(facility.provider or facility.name, facility.name, _address(facility))


def _render(document: ClientDocument) -> bytes:
    from shelter_desk.reports.client_documents import render_client_document  # reportlab loads when printing

    return render_client_document(document)
