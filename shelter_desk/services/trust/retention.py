"""Retention: people without any activity for longer than the retention period are anonymised.

Default 10 years after last contact, as GGD practice keeps social-care records (the Wmo keeps a
municipality's data 15 years, art. 5.3.4, but a shelter's record is care, not a municipal
decision). Anonymising removes what identifies a person (names, BSN, contact, address, notes,
reasons of restrictions) and keeps what the monitor counts (stays, bed-nights, birth year,
gender, municipality of origin). It is logged and cannot be undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.lookups import get_or_refuse
from shelter_desk.domain.cards import RevokeReason
from shelter_desk.persistence.models import (
    Assessment,
    BedNight,
    ClientCard,
    DropInVisit,
    HandoverEntry,
    HandoverPerson,
    LockerItem,
    Person,
    PersonNote,
    Plan,
    PlanAction,
    PlanGoal,
    Restriction,
    Stay,
)
from shelter_desk.services.trust.access_log import Action, log_access
from shelter_desk.services.desk import Desk
from shelter_desk.services.settings import read_settings

ANONYMOUS = "geanonimiseerd"


@dataclass(frozen=True)
class RetentionCandidate:
    person_id: int
    name: str
    last_contact: date


def retention_candidates(desk: Desk) -> list[RetentionCandidate]:
    """People whose last contact (registration, stay, bed-night, drop-in visit) lies before the retention period.

    Reading or correcting a record is not contact with the person and does not count.
    """
    desk.require(Permission.DECIDE)
    with desk.db.read() as session:
        return _candidates(session, desk)


def _candidates(session: Session, desk: Desk) -> list[RetentionCandidate]:
    years = read_settings(session).privacy_retention_years
    today = desk.today()
    limit = today.replace(year=today.year - years) if not (today.month == 2 and today.day == 29) \
        else date(today.year - years, 2, 28)
    last_night = dict(session.execute(
        select(BedNight.person_id, func.max(BedNight.night)).group_by(BedNight.person_id)).all())
    last_stay = dict(session.execute(
        select(Stay.person_id, func.max(func.coalesce(Stay.end_night, Stay.start_night))).group_by(Stay.person_id)).all())
    last_visit = dict(session.execute(
        select(DropInVisit.person_id, func.max(DropInVisit.day)).where(DropInVisit.person_id.is_not(None))
        .group_by(DropInVisit.person_id)).all())
    candidates = []
    for person in session.scalars(select(Person).where(Person.merged_into_id.is_(None),
                                                       Person.alias.is_distinct_from(ANONYMOUS))):
        contacts = [person.created_at.date(), last_night.get(person.id), last_stay.get(person.id),
                    last_visit.get(person.id)]
        last = max(c for c in contacts if c is not None)
        if last < limit:
            candidates.append(RetentionCandidate(
                person.id, display_name(person.first_name, person.name_prefix, person.last_name, person.alias), last))
    return sorted(candidates, key=lambda c: c.last_contact)


def anonymise(desk: Desk, person_ids: list[int]) -> int:
    """Anonymise the given candidates (re-checked now); returns how many were anonymised."""
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        # Re-checked in the same transaction that anonymises: nobody's contact can slip in between.
        allowed = {c.person_id for c in _candidates(session, desk)}
        refused = [pid for pid in person_ids if pid not in allowed]
        if refused:
            raise DeskError(f"{len(refused)} van de gekozen personen hebben recent contact gehad en vallen niet "
                            "(meer) onder de bewaartermijn. Er is niets geanonimiseerd.")
        for person_id in person_ids:
            person = get_or_refuse(session, Person, person_id, "Deze persoon bestaat niet meer.")
            person.first_name = person.name_prefix = person.last_name = None
            person.alias = ANONYMOUS
            person.bsn = None
            person.phone = person.last_street = person.last_postcode = person.last_city = ""
            person.safety_notes = ""
            person.nationality = None
            if person.date_of_birth is not None:  # the birth year stays for age groups in the monitor
                person.date_of_birth = date(person.date_of_birth.year, 1, 1)
                person.date_of_birth_approximate = True
            session.execute(update(PersonNote).where(PersonNote.person_id == person_id).values(text="[geanonimiseerd]"))
            session.execute(update(Restriction).where(Restriction.person_id == person_id).values(reason="[geanonimiseerd]"))
            # Handover entries naming the person: the whole text goes (it is about them), the count stays.
            session.execute(update(HandoverEntry).where(HandoverEntry.id.in_(
                select(HandoverPerson.entry_id).where(HandoverPerson.person_id == person_id))).values(text="[geanonimiseerd]"))
            # The plan's own words go; its scores stay for the monitor's averages.
            goals = select(PlanGoal.id).where(PlanGoal.plan_id.in_(select(Plan.id).where(Plan.person_id == person_id)))
            session.execute(update(PlanAction).where(PlanAction.goal_id.in_(goals)).values(text="[geanonimiseerd]"))
            session.execute(update(PlanGoal).where(PlanGoal.id.in_(goals)).values(text="[geanonimiseerd]"))
            session.execute(update(Assessment).where(Assessment.person_id == person_id).values(note=""))
            session.execute(update(LockerItem).where(LockerItem.person_id == person_id).values(description="[geanonimiseerd]"))
            # A card that still opens an anonymised record would lead nowhere: it is withdrawn.
            session.execute(update(ClientCard).where(ClientCard.person_id == person_id, ClientCard.revoked_at.is_(None))
                            .values(revoked_at=desk.now(), revoke_reason=RevokeReason.WITHDRAWN,
                                    revoked_by=desk.worker))
            log_access(session, desk, Action.ANONYMISE, person_id, detail="bewaartermijn verstreken")
    return len(person_ids)
