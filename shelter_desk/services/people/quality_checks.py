"""The coordinator's data-quality work list: one list across people of the domain's checks.

Read in a few grouped statements (first nights, consents, open postal addresses, ended stays), then
each person is judged by the rules in `domain.data_quality`. The monitor's appendix needs only the
counts per check: `quality_totals` has the database count them by the same rules (three statements,
no record read), in the monitor's own transaction.

Both take a scope: the whole organisation, or one region. A region's open points are those of its
people (a stay there that runs or ended within the last year: see `_scope`) plus the stays that
ended in its facilities and the postal addresses its facilities give. `_Scope` says this once for both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, case, exists, func, select, text, true
from sqlalchemy.orm import Session

from shelter_desk.domain.data_quality import (
    BIRTH_DATE_WITHIN,
    DESTINATION_LOOKBACK,
    ORIGIN_WITHIN,
    UNKNOWN_DESTINATIONS,
    QualityCheck,
    birth_date_still_approximate,
    consent_never_asked,
    destination_unreviewed,
    origin_overdue,
    postal_review_overdue,
)
from shelter_desk.domain.people import display_name
from shelter_desk.domain.person_details import Consent
from shelter_desk.domain.postal import PostalStatus
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.persistence.models import (
    OCCUPYING,
    PERSON_UNLISTED,
    BedNight,
    Facility,
    Person,
    PersonConsent,
    PostalAddress,
    Stay,
)
from shelter_desk.services.kernel.desk import Desk

ANONYMOUS = "geanonimiseerd"  # an anonymised record has nothing left to fix


@dataclass(frozen=True)
class QualityLine:
    check: QualityCheck
    person_id: int
    person: str
    detail: str  # "eerste nacht 02-10-2026", "Nachtopvang Assen, t/m 12-11-2026"

    @property
    def field(self) -> str:
        return self.check.field


class _Scope(NamedTuple):
    """Whose open points a list or count holds: conditions on the person, the stay and the address."""

    people: ColumnElement[bool]
    stays: ColumnElement[bool]
    addresses: ColumnElement[bool]


def _scope(region_id: int | None, today: date) -> _Scope:
    """The whole organisation (no region), or one region's people, ended stays and postal addresses.

    A region's people are those it shelters or sheltered lately: a stay in one of its facilities
    that runs, or ended within the last year (older stays are history, not work, as for the
    destination check). Someone who stayed in two regions this year is on both lists; someone
    whose last stay is older, or who never stayed, is on the organisation's list only. Read from
    an index on facility and last night (with outflow and person): the region's stays of one
    year, not the organisation's people."""
    if region_id is None:
        return _Scope(true(), true(), true())
    facilities = select(Facility.id).where(Facility.region_id == region_id)
    # Running and recently ended stays apart: each a range of the index (an OR of both is not).
    running, ended = (
        select(Stay.person_id).where(Stay.facility_id.in_(facilities), last_night)
        for last_night in (Stay.end_night.is_(None), Stay.end_night >= today - DESTINATION_LOOKBACK)
    )
    return _Scope(
        Person.id.in_(running.union_all(ended)),
        Stay.facility_id.in_(facilities),
        PostalAddress.facility_id.in_(facilities),
    )


def data_quality(desk: Desk, region_id: int | None = None) -> list[QualityLine]:
    """Every open point across people (of one region, or the whole organisation), by check and then
    by name (a coordinator's working list)."""
    desk.require(Permission.DECIDE)
    with desk.db.read() as session:
        return quality_lines(session, desk.today(), region_id)


def quality_counts(lines: list[QualityLine]) -> tuple[tuple[str, int], ...]:
    """Per check (all of them, in order) how many open points: the monitor's appendix."""
    counts = Counter(line.check for line in lines)
    return tuple((check.label, counts[check]) for check in QualityCheck)


def quality_totals(session: Session, today: date, region_id: int | None = None) -> tuple[tuple[str, int], ...]:
    """What `quality_counts(quality_lines(...))` gives, counted by the database: the work list
    reads every record and names it (seconds at 30 000 people), the monitor's appendix only counts.

    The same rules as the domain's, said in SQL: a first night six weeks or longer ago is a night on
    or before today minus six weeks; registered 30 days or longer ago (by the Amsterdam date) is
    created before the Amsterdam midnight after today minus 30 days."""
    scope = _scope(region_id, today)
    listed = (Person.merged_into_id.is_(None), Person.alias.is_distinct_from(ANONYMOUS))
    slept = exists().where(BedNight.person_id == Person.id, OCCUPYING)
    slept_long_ago = exists().where(BedNight.person_id == Person.id, OCCUPYING, BedNight.night <= today - ORIGIN_WITHIN)
    consents = exists().where(PersonConsent.person_id == Person.id)
    registered_before = datetime.combine(today - BIRTH_DATE_WITHIN + timedelta(days=1), time(), AMSTERDAM)
    origin, consent, birth = session.execute(
        select(
            func.count(case((Person.origin_municipality_code.is_(None) & slept_long_ago, 1))),
            func.count(case(((Person.consent == Consent.NOT_ASKED) & ~consents & slept, 1))),
            func.count(case((Person.date_of_birth_approximate.is_(True) & (Person.created_at < registered_before), 1))),
        ).where(*listed, scope.people)
    ).one()
    # Stays by their index alone, less those of the few unlisted people (found once, from their own
    # index: not a look-up of the person per stay). For the organisation by destination; for a
    # region its year of stays by facility (by destination would read every region's), the
    # destination tallied from the same index entry (in the WHERE, SQLite would choose the
    # destination index). Addresses past review are few.
    unlisted = Stay.person_id.in_(select(Person.id).where(text(PERSON_UNLISTED)))
    unknown = Stay.outflow.in_(list(UNKNOWN_DESTINATIONS))
    since = Stay.end_night >= today - DESTINATION_LOOKBACK
    if region_id is None:
        destination = session.scalar(select(func.count()).where(Stay.end_night.is_not(None), unknown, since, ~unlisted))
    else:
        destination = session.scalar(select(func.count(case((and_(unknown, ~unlisted), 1)))).where(since, scope.stays))
    postal = session.scalar(
        select(func.count()).where(
            PostalAddress.status == PostalStatus.ACTIVE,
            PostalAddress.review_date < today,
            PostalAddress.person_id.not_in(select(Person.id).where(text(PERSON_UNLISTED))),
            scope.addresses,
        )
    )
    counts = {
        QualityCheck.ORIGIN_UNKNOWN: origin,
        QualityCheck.CONSENT_NOT_ASKED: consent,
        QualityCheck.BIRTH_DATE_APPROXIMATE: birth,
        QualityCheck.DESTINATION_UNKNOWN: destination or 0,
        QualityCheck.POSTAL_REVIEW_OVERDUE: postal or 0,
    }
    return tuple((check.label, int(counts[check])) for check in QualityCheck)


def quality_lines(session: Session, today: date, region_id: int | None = None) -> list[QualityLine]:
    """The step behind the work list, inside the caller's transaction."""
    scope = _scope(region_id, today)
    first_nights = dict(
        session.execute(
            select(BedNight.person_id, func.min(BedNight.night)).where(OCCUPYING).group_by(BedNight.person_id)
        ).all()
    )
    with_consents = set(session.scalars(select(PersonConsent.person_id).distinct()))
    listed = (Person.merged_into_id.is_(None), Person.alias.is_distinct_from(ANONYMOUS))
    # A stay that ended in the region may be of someone who has moved on: named, not judged here.
    in_scope = set(session.scalars(select(Person.id).where(*listed, scope.people)))
    lines: list[QualityLine] = []
    names: dict[int, str] = {}
    for person in session.scalars(select(Person).where(*listed)):
        name = display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
        names[person.id] = name
        if person.id not in in_scope:
            continue
        first = first_nights.get(person.id)
        if origin_overdue(person.origin_municipality_code, first, today):
            assert first is not None
            lines.append(QualityLine(QualityCheck.ORIGIN_UNKNOWN, person.id, name, f"eerste nacht {first:%d-%m-%Y}"))
        if consent_never_asked(person.consent, person.id in with_consents, first):
            lines.append(QualityLine(QualityCheck.CONSENT_NOT_ASKED, person.id, name, "nog nooit gevraagd"))
        registered = person.created_at.astimezone(AMSTERDAM).date()
        if birth_date_still_approximate(person.date_of_birth_approximate, registered, today):
            lines.append(
                QualityLine(
                    QualityCheck.BIRTH_DATE_APPROXIMATE,
                    person.id,
                    name,
                    f"ingeschreven {registered:%d-%m-%Y}",
                )
            )
    for stay, facility in session.execute(
        select(Stay, Facility.name)
        .join(Facility, Facility.id == Stay.facility_id)
        .where(
            Stay.end_night.is_not(None),
            Stay.outflow.in_(list(UNKNOWN_DESTINATIONS)),
            Stay.end_night >= today - DESTINATION_LOOKBACK,
            scope.stays,
        )
        .order_by(Stay.end_night)
    ):
        if stay.person_id in names and destination_unreviewed(stay.outflow, stay.end_night, today):
            lines.append(
                QualityLine(
                    QualityCheck.DESTINATION_UNKNOWN,
                    stay.person_id,
                    names[stay.person_id],
                    f"{facility}, t/m {stay.end_night:%d-%m-%Y}",
                )
            )
    for address in session.scalars(
        select(PostalAddress).where(
            PostalAddress.status == PostalStatus.ACTIVE, PostalAddress.review_date < today, scope.addresses
        )
    ):
        if address.person_id in names and postal_review_overdue(address.status, address.review_date, today):
            lines.append(
                QualityLine(
                    QualityCheck.POSTAL_REVIEW_OVERDUE,
                    address.person_id,
                    names[address.person_id],
                    f"herziening was {address.review_date:%d-%m-%Y}",
                )
            )
    checks = list(QualityCheck)
    return sorted(lines, key=lambda line: (checks.index(line.check), line.person.lower(), line.person_id))
