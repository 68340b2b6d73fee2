"""Consent per purpose with a start and an end: recording, renewing, the record's view, what ends soon.

The step `consent_fact` is what a disclosure asks (the warm transfer, its letter) inside its own
transaction; `domain.consent.require_valid` turns an expired or missing consent into a Dutch refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.consent import (
    ENDING_SOON_DAYS,
    ConsentFact,
    ConsentPurpose,
    ConsentState,
    check_consent_period,
    default_end,
)
from shelter_desk.domain.people import display_name
from shelter_desk.domain.person_details import Consent
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Person, PersonConsent
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

# The purposes the older single consent field of the record stood for.
_LEGACY_PURPOSES = (ConsentPurpose.MUNICIPALITY, ConsentPurpose.CARE_PARTNERS)


@dataclass(frozen=True)
class ConsentView:
    consent_id: int | None  # None: from the record's older consent field
    purpose: ConsentPurpose
    given: bool
    starts_on: date | None
    ends_on: date | None
    state: ConsentState
    ends_soon: bool  # valid, and ends within 30 days

    @property
    def text(self) -> str:
        """'geldig t/m 30-11-2028', 'VERLOPEN op 23-11-2026: opnieuw vragen', 'niet gevraagd'."""
        if self.state is ConsentState.VALID and self.ends_on is not None:
            return f"geldig t/m {self.ends_on:%d-%m-%Y}" + (" (loopt binnenkort af)" if self.ends_soon else "")
        if self.state is ConsentState.EXPIRED and self.ends_on is not None:
            return f"VERLOPEN op {self.ends_on:%d-%m-%Y}: opnieuw vragen"
        if self.state is ConsentState.NOT_YET and self.starts_on is not None:
            return f"gaat in op {self.starts_on:%d-%m-%Y}"
        return self.state.value


@dataclass(frozen=True)
class ConsentEnding:
    person_id: int
    person: str
    purpose: ConsentPurpose
    ends_on: date
    expired: bool


def record_consent(
    desk: Desk, person_id: int, purpose: ConsentPurpose, given: bool, starts_on: date, ends_on: date | None = None
) -> int:
    """Consent (or its refusal) for one purpose from `starts_on`; without an end, the setting's length."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        return _store(session, desk, person_id, ConsentPurpose(purpose), given, starts_on, ends_on)


def renew_consent(desk: Desk, consent_id: int, starts_on: date) -> int:
    """The person gave the same consent again: a new period from `starts_on`; returns the new id."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        earlier = get_or_refuse(session, PersonConsent, consent_id, "Deze toestemming bestaat niet (meer).")
        return _store(session, desk, earlier.person_id, earlier.purpose, True, starts_on, None)


def consents_of(desk: Desk, person_id: int) -> list[ConsentView]:
    """Per purpose the newest consent and its state today (shown in the record, expired in amber)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        months = read_settings(session).consent_valid_months
        today = desk.today()
        views = []
        for purpose in ConsentPurpose:
            consent_id, fact = _newest(session, person_id, purpose, months)
            state = fact.state(today)
            views.append(
                ConsentView(
                    consent_id, purpose, fact.given, fact.starts_on, fact.ends_on, state, fact.ends_within(today)
                )
            )
        return views


def consents_ending(desk: Desk, within_days: int = ENDING_SOON_DAYS) -> list[ConsentEnding]:
    """Consents (the newest of each person and purpose) ending within `within_days` days or ended in
    the last `within_days` days without renewal, soonest first: whom to ask again."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        today = desk.today()
        rows = session.execute(
            select(PersonConsent, Person)
            .join(Person, Person.id == PersonConsent.person_id)
            .where(
                PersonConsent.given.is_(True),
                PersonConsent.ends_on >= today - timedelta(days=within_days),
                PersonConsent.ends_on <= today + timedelta(days=within_days),
                Person.merged_into_id.is_(None),
            )
            .order_by(PersonConsent.ends_on, PersonConsent.id)
        ).all()
        ending = []
        for consent, person in rows:
            newest_id, _fact = _newest(session, person.id, consent.purpose, 0)
            if newest_id != consent.id:
                continue  # renewed (or refused) since
            ending.append(
                ConsentEnding(
                    person.id,
                    display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
                    consent.purpose,
                    consent.ends_on,
                    consent.ends_on < today,
                )
            )
        return ending


# -- steps inside the caller's transaction ------------------------------------------------------


def consent_fact(session: Session, person_id: int, purpose: ConsentPurpose) -> ConsentFact:
    """The newest consent of a purpose as the rules read it (the record's older field as a fallback)."""
    return _newest(session, person_id, purpose, read_settings(session).consent_valid_months)[1]


def _newest(session: Session, person_id: int, purpose: ConsentPurpose, months: int) -> tuple[int | None, ConsentFact]:
    row = session.scalars(
        select(PersonConsent)
        .where(PersonConsent.person_id == person_id, PersonConsent.purpose == purpose)
        .order_by(PersonConsent.starts_on.desc(), PersonConsent.id.desc())
        .limit(1)
    ).first()
    if row is not None:
        return row.id, ConsentFact(purpose, row.given, row.starts_on, row.ends_on)
    person = session.get(Person, person_id)
    if person is not None and purpose in _LEGACY_PURPOSES and person.consent_date is not None and months:
        given = person.consent == Consent.GIVEN.value
        if person.consent in (Consent.GIVEN.value, Consent.REFUSED.value):
            return None, ConsentFact(purpose, given, person.consent_date, default_end(person.consent_date, months))
    return None, ConsentFact(purpose, False, None, None)


def _store(
    session: Session,
    desk: Desk,
    person_id: int,
    purpose: ConsentPurpose,
    given: bool,
    starts_on: date,
    ends_on: date | None,
) -> int:
    live_person(session, person_id, "leg de toestemming vast op dat record")
    end = ends_on or default_end(starts_on, read_settings(session).consent_valid_months)
    check_consent_period(starts_on, end, desk.today())
    row = PersonConsent(
        person_id=person_id, purpose=purpose, given=given, starts_on=starts_on, ends_on=end, recorded_by=desk.worker
    )
    session.add(row)
    session.flush()
    log_access(
        session, desk, Action.UPDATE, person_id, ("toestemming",), f"{purpose.label}: {'ja' if given else 'nee'}"
    )
    return row.id
