"""Registering, changing and reading a person's record, with the duplicate checks on every save.

The same BSN twice is a hard stop that names the existing record; a similar name with the same
or a close date of birth is a warning listing the candidates, which the desk may overrule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.duplicates import IdentityFacts, possible_duplicate
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.identifiers import is_dutch_postcode
from shelter_desk.domain.name_folding import name_tokens
from shelter_desk.domain.people import age_text, display_name
from shelter_desk.domain.person_details import Consent, Gender, HomelessnessRoute, PersonDetails
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.text_input import clean_text
from shelter_desk.persistence.lookups import live_person
from shelter_desk.persistence.models import BedNight, Facility, Municipality, Person, PersonNote, Stay
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.person_index import PersonHit

_OPEN_THE_KEPT = "open het bewaarde record"


class DuplicateBsn(DeskError):
    """Another record already holds this BSN: open that one instead."""

    def __init__(self, bsn: str, existing_id: int, existing_name: str) -> None:
        super().__init__(
            f"Er is al een persoon met BSN {bsn}: {existing_name}. "
            "Open dat record in plaats van een nieuw aan te maken."
        )
        self.existing_id = existing_id


class PossibleDuplicates(DeskError):
    """Similar people exist; the desk must look before saving anyway."""

    def __init__(self, candidates: list[PersonHit]) -> None:
        names = "\n".join(f"- {c.name}, {c.born or 'geboortedatum onbekend'}" for c in candidates)
        super().__init__(f"Lijkt op iemand die al bekend is:\n{names}\nIs dit dezelfde persoon?")
        self.candidates = candidates


@dataclass(frozen=True)
class NoteView:
    written_at: datetime
    written_by: str
    text: str


@dataclass(frozen=True)
class StayView:
    facility: str
    start_night: date
    end_night: date | None
    nights: int
    outflow: Outflow | None = None  # where the person went when the stay ended


@dataclass(frozen=True)
class PersonRecord:
    person_id: int
    name: str
    details: PersonDetails
    age: str
    origin: str
    missing: list[str]
    notes: list[NoteView]
    stays: list[StayView]
    merged_into_id: int | None


def register_person(desk: Desk, details: PersonDetails, *, accept_similar: bool = False) -> int:
    """Store a new person; returns the id. Raises DuplicateBsn or PossibleDuplicates, saving nothing."""
    desk.require(Permission.DESK_WORK)
    clean = details.validated(desk.today())
    _check_duplicates(desk, clean, exclude_id=None, accept_similar=accept_similar)
    with desk.db.write() as session:
        check_municipality(session, clean.origin_municipality_code)
        person = Person(created_at=desk.now())
        apply_details(person, clean)
        session.add(person)
        session.flush()
        person_id = person.id
        log_access(
            session,
            desk,
            Action.CREATE,
            person_id,
            filled_fields(clean),
            "na waarschuwing dubbele persoon" if accept_similar else "",
        )
    return person_id


def update_person(desk: Desk, person_id: int, details: PersonDetails) -> None:
    """Save changed details. A BSN held by someone else is refused; similar names are not asked again."""
    desk.require(Permission.DESK_WORK)
    clean = details.validated(desk.today())
    _check_duplicates(desk, clean, exclude_id=person_id, accept_similar=True)
    with desk.db.write() as session:
        person = live_person(session, person_id, _OPEN_THE_KEPT)
        check_municipality(session, clean.origin_municipality_code)
        before = details_of(person)
        apply_details(person, clean)
        changed = tuple(
            name for name in PersonDetails.__dataclass_fields__ if getattr(before, name) != getattr(clean, name)
        )
        log_access(session, desk, Action.UPDATE, person_id, changed)


def similar_people(desk: Desk, details: PersonDetails, exclude_id: int | None = None) -> list[PersonHit]:
    """Records that may be the same person as `details` (name and birth date), most alike first."""
    desk.require(Permission.DESK_WORK)
    tokens = tuple(name_tokens(details.first_name, details.name_prefix, details.last_name, details.alias))
    new = IdentityFacts(tokens, details.date_of_birth)
    scored = []
    for pid, (their_tokens, their_birth) in desk.search.identity_candidates(tokens, details.date_of_birth).items():
        if pid == exclude_id:
            continue
        likeness = possible_duplicate(new, IdentityFacts(their_tokens, their_birth))
        if likeness is not None:
            scored.append((likeness, pid))
    scored.sort(key=lambda pair: -pair[0])
    night = desk.tonight()
    return [desk.search.describe(pid, night) for _likeness, pid in scored[:10]]


def _check_duplicates(desk: Desk, clean: PersonDetails, *, exclude_id: int | None, accept_similar: bool) -> None:
    if clean.bsn:
        owner = desk.search.bsn_owner(clean.bsn)
        if owner is not None and owner != exclude_id:
            raise DuplicateBsn(clean.bsn, owner, desk.search.describe(owner, desk.tonight()).name)
    if not accept_similar:
        candidates = similar_people(desk, clean, exclude_id)
        if candidates:
            raise PossibleDuplicates(candidates)


def filled_fields(details: PersonDetails) -> tuple[str, ...]:
    empty = PersonDetails()
    return tuple(name for name in PersonDetails.__dataclass_fields__ if getattr(details, name) != getattr(empty, name))


def check_municipality(session: Session, code: str | None) -> None:
    if code and session.get(Municipality, code) is None:
        raise DeskError(f"Gemeentecode '{code}' staat niet in de gemeentelijst.")


def apply_details(person: Person, details: PersonDetails) -> None:
    person.first_name = details.first_name or None
    person.name_prefix = details.name_prefix or None
    person.last_name = details.last_name or None
    person.alias = details.alias or None
    person.date_of_birth = details.date_of_birth.value if details.date_of_birth else None
    person.date_of_birth_approximate = bool(details.date_of_birth and details.date_of_birth.approximate)
    person.gender = details.gender.value
    person.bsn = details.bsn or None
    person.nationality = details.nationality or None
    person.origin_municipality_code = details.origin_municipality_code or None
    person.last_street = details.last_street
    person.last_postcode = details.last_postcode
    person.last_city = details.last_city
    person.phone = details.phone
    person.homelessness_route = details.homelessness_route
    person.consent = details.consent
    person.consent_date = details.consent_date
    person.safety_notes = details.safety_notes


def details_of(person: Person) -> PersonDetails:
    born = DateOfBirth(person.date_of_birth, person.date_of_birth_approximate) if person.date_of_birth else None
    return PersonDetails(
        first_name=person.first_name or "",
        name_prefix=person.name_prefix or "",
        last_name=person.last_name or "",
        alias=person.alias or "",
        date_of_birth=born,
        gender=Gender.of(person.gender),
        bsn=person.bsn or "",
        nationality=person.nationality or "",
        origin_municipality_code=person.origin_municipality_code,
        last_street=person.last_street,
        last_postcode=person.last_postcode,
        last_city=person.last_city,
        # Not stored apart: a postcode that is not Dutch was typed for an address abroad.
        last_address_abroad=bool(person.last_postcode) and not is_dutch_postcode(person.last_postcode),
        phone=person.phone,
        homelessness_route=HomelessnessRoute(person.homelessness_route),
        consent=Consent(person.consent),
        consent_date=person.consent_date,
        safety_notes=person.safety_notes,
    )


def load_person(desk: Desk, person_id: int) -> PersonRecord:
    """The whole record; every opening is logged (NEN 7513: read)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        night = desk.tonight(session)
        log_access(session, desk, Action.READ, person_id)
        person = session.get(Person, person_id)
        if person is None:
            raise DeskError("Deze persoon bestaat niet (meer) in de database.")
        details = details_of(person)
        origin = session.get(Municipality, person.origin_municipality_code) if person.origin_municipality_code else None
        notes = [
            NoteView(n.written_at, n.written_by, n.text)
            for n in session.scalars(
                select(PersonNote).where(PersonNote.person_id == person_id).order_by(PersonNote.written_at.desc())
            )
        ]
        stay_rows = session.execute(
            select(Facility.name, Stay.start_night, Stay.end_night, func.count(BedNight.id), Stay.outflow)
            .join(Facility, Facility.id == Stay.facility_id)
            .outerjoin(BedNight, BedNight.stay_id == Stay.id)
            .where(Stay.person_id == person_id)
            .group_by(Stay.id, Facility.name, Stay.outflow)
            .order_by(Stay.start_night.desc())
        ).all()
        return PersonRecord(
            person_id=person.id,
            name=display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
            details=details,
            age=age_text(details.date_of_birth, night),
            origin=origin.name if origin else "",
            missing=details.missing_items(),
            notes=notes,
            stays=[StayView(*row) for row in stay_rows],
            merged_into_id=person.merged_into_id,
        )


def add_note(desk: Desk, person_id: int, text: str) -> None:
    desk.require(Permission.DESK_WORK)
    text = clean_text(text, "De notitie")
    if not text:
        raise DeskError("Een lege notitie wordt niet opgeslagen.")
    with desk.db.write() as session:
        live_person(session, person_id, _OPEN_THE_KEPT)
        session.add(PersonNote(person_id=person_id, text=text.strip(), written_by=desk.worker))
        log_access(session, desk, Action.UPDATE, person_id, ("notitie",))
