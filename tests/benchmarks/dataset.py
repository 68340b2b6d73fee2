"""A desk database like a large region after 10 years, reproducibly, at any size.

`generate_dataset(db, DatasetSize(...), seed)` fills an empty database (after `open_and_prepare`):

  - persons (`population.generate_people`, 30 000 at scale 1);
  - per region 12 facilities (`REGION_FACILITIES`: 310 regular beds plus 17 overflow beds), one
    region at scale 1 (Assen), 10 at scale 10 (copies under other centrumgemeenten);
  - 10 years of stays (`population.generate_stays(strict=True)`): night-shelter runs of 1-5
    nights, placements of 20-120 nights cut at the facility's maximum stay, ~90% of the beds
    taken: ~1 000 000 bed-nights and ~200 000 stays per region. Ages fit every night of a stay; a
    few short stays run over their maximum on purpose (still open on the last night, so the desk's
    `stays_to_review` shows them) and their ids are returned;
  - turnaways (most nights a few, at night shelters, some anonymous), restrictions (some safety,
    some in force on the last night), postal addresses (at most `POSTAL_SLOTS` at a time per
    address-giving location, one open address per person) with their mail, and regiobinding
    investigations with facts per municipality and warm transfers, in dates that follow each other;
  - one drop-in per region with ~25 visits a day (a fifth anonymous), their services and 30 lockers,
    and personal plans for one person in twelve with their goals, actions and assessments.

Everything is inserted with SQLAlchemy Core in batches and respects the schema's constraints (the
partial unique indexes on bed_night and postal_address, the check constraints). The last night is
`LAST_NIGHT` (24 November 2026); nothing lies after it.

    .venv/bin/python -m tests.benchmarks.dataset PATH [--scale 1|10] [--persons N] [--nights N] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from sqlalchemy import func, insert, select

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.postal import EndReason, SenderKind
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.domain.transfers import Factor
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import (
    Assessment,
    AssessmentScore,
    DropInHours,
    DropInService,
    DropInVisit,
    Facility,
    Investigation,
    InvestigationFact,
    LockerItem,
    MailItem,
    Municipality,
    Person,
    Plan,
    PlanAction,
    PlanGoal,
    PostalAddress,
    Region,
    Restriction,
    Transfer,
    Turnaway,
)
from tests.benchmarks.population import (
    LARGE_REGION,
    LARGE_REGION_CENTRE,
    RegionFacility,
    add_large_region,
    generate_people,
    generate_stays,
)

LAST_NIGHT = date(2026, 11, 24)
NIGHTLY_RUN = (1, 5)  # short night-shelter runs: ~200 000 stays for ~1 000 000 bed-nights
PLACEMENT_RUN = (20, 120)
OVERSTAY_SHARE = 0.05
BATCH = 10_000
POSTAL_SLOTS = 40  # addresses at a time per address-giving location (the setting's maximum is 150)

# The large region of `population` plus two night places: 12 facilities, 310 beds, 17 overflow.
REGION_FACILITIES: tuple[RegionFacility, ...] = LARGE_REGION + (
    RegionFacility(
        "Nachtopvang Hoogeveen (groot)",
        FacilityKind.NIGHT_SHELTER,
        15,
        overflow=2,
        street="Stationsstraat",
        city="Hoogeveen",
    ),
    RegionFacility(
        "Nachtopvang Jongeren Meppel (groot)",
        FacilityKind.YOUTH_SHELTER,
        10,
        min_age=18,
        max_age=22,
        street="Zuideinde",
        city="Meppel",
    ),
)
# The centrumgemeenten of the regions: Assen first; the others only at larger scales.
REGION_CENTRES = (
    LARGE_REGION_CENTRE,
    "0363",
    "0599",
    "0518",
    "0344",
    "0014",
    "0772",
    "0855",
    "0268",
    "0202",
    "0193",
    "0080",
    "0153",
    "0114",
)


@dataclass(frozen=True)
class DatasetSize:
    persons: int = 30_000
    nights: int = 3_650
    regions: int = 1
    overstay_share: float = OVERSTAY_SHARE

    @classmethod
    def scale(cls, factor: int) -> DatasetSize:
        """Scale 1: one large region after 10 years; scale N: N persons and N regions as many."""
        return cls(persons=30_000 * factor, regions=factor)


@dataclass
class DatasetSummary:
    persons: int = 0
    facilities: int = 0
    beds: int = 0
    bed_nights: int = 0
    stays: int = 0
    turnaways: int = 0
    restrictions: int = 0
    postal_addresses: int = 0
    mail_items: int = 0
    investigations: int = 0
    investigation_facts: int = 0
    transfers: int = 0
    dropin_visits: int = 0
    dropin_services: int = 0
    lockers: int = 0
    plans: int = 0
    assessments: int = 0
    first_night: date = LAST_NIGHT
    last_night: date = LAST_NIGHT
    overstays: list[int] = field(default_factory=list)  # short stays made over their maximum on purpose
    seconds: dict[str, float] = field(default_factory=dict)


def region_facilities(number: int) -> tuple[RegionFacility, ...]:
    """The facilities of region `number` (0: the Assen ones, with the names `population` uses)."""
    if number == 0:
        return REGION_FACILITIES
    return tuple(replace(spec, name=f"{spec.name} regio {number + 1}") for spec in REGION_FACILITIES)


def generate_dataset(db: Database, size: DatasetSize = DatasetSize(), seed: int = 1) -> DatasetSummary:
    """Fill an empty database (reference data loaded) with 10 years of a large region; what it made."""
    if size.regions > len(REGION_CENTRES):
        raise ValueError(f"at most {len(REGION_CENTRES)} regions")
    summary = DatasetSummary(first_night=LAST_NIGHT - timedelta(days=size.nights - 1))
    clock = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        summary.seconds[step] = now - clock
        clock = now

    generate_people(db, size.persons, seed, now=datetime.combine(LAST_NIGHT, clock_time(12), UTC))
    lap("persons")
    for number in range(size.regions):
        add_large_region(db, region_facilities(number), REGION_CENTRES[number])
    summary.bed_nights = generate_stays(
        db,
        size.nights,
        summary.first_night,
        seed,
        nightly_run=NIGHTLY_RUN,
        placement_run=PLACEMENT_RUN,
        strict=True,
        overstay_share=size.overstay_share,
        overstays=summary.overstays,
    )
    lap("stays")
    rng = random.Random(seed * 7919 + 17)
    context = _Context.read(db, summary.first_night)
    summary.turnaways = _turnaways(db, rng, context)
    summary.restrictions = _restrictions(db, rng, context)
    lap("turnaways and restrictions")
    summary.postal_addresses, summary.mail_items = _postal(db, rng, context)
    lap("postal addresses and mail")
    summary.investigations, summary.investigation_facts, summary.transfers = _investigations(db, rng, context)
    lap("investigations and transfers")
    summary.dropin_visits, summary.dropin_services, summary.lockers = _drop_in(db, rng, context)
    summary.plans, summary.assessments = _plans(db, rng, context)
    lap("drop-in and plans")
    with db.read() as session:
        from shelter_desk.persistence.models import Bed, Stay

        summary.persons = session.scalar(select(func.count()).select_from(Person)) or 0
        summary.facilities = session.scalar(select(func.count()).select_from(Facility)) or 0
        summary.beds = session.scalar(select(func.count()).select_from(Bed)) or 0
        summary.stays = session.scalar(select(func.count()).select_from(Stay)) or 0
    return summary


# -- what the extras draw from ----------------------------------------------------------------


@dataclass
class _Context:
    first_night: date
    person_ids: list[int]
    facilities: list[tuple[int, int, str, str]]  # (id, region id, kind, street)
    regions: dict[int, str]  # region id -> centre code
    municipalities: list[str]

    @classmethod
    def read(cls, db: Database, first_night: date) -> _Context:
        with db.read() as session:
            return cls(
                first_night=first_night,
                person_ids=list(
                    session.scalars(select(Person.id).where(Person.merged_into_id.is_(None)).order_by(Person.id))
                ),
                facilities=[
                    tuple(row)
                    for row in session.execute(  # type: ignore[misc]
                        select(Facility.id, Facility.region_id, Facility.kind, Facility.street).order_by(Facility.id)
                    )
                ],
                regions=dict(session.execute(select(Region.id, Region.centre_municipality_code)).all()),
                municipalities=sorted(session.scalars(select(Municipality.code))),
            )

    @property
    def nights(self) -> int:
        return (LAST_NIGHT - self.first_night).days + 1

    def night(self, rng: random.Random) -> date:
        return self.first_night + timedelta(days=rng.randrange(self.nights))

    def person(self, rng: random.Random) -> int:
        """Regulars come back: low ids more often (as the stays draw them)."""
        return self.person_ids[int(len(self.person_ids) * rng.random() ** 2.0)]


def _evening(night: date, rng: random.Random) -> datetime:
    return (datetime.combine(night, clock_time(19, 0), AMSTERDAM) + timedelta(minutes=rng.randint(0, 300))).astimezone(
        UTC
    )


def _insert_all(db: Database, table: Any, rows: list[dict[str, Any]]) -> None:
    statement = insert(table)
    for start in range(0, len(rows), BATCH):
        with db.write() as session:
            session.execute(statement, rows[start : start + BATCH])


TURNAWAY_REASONS = ("vol",) * 12 + ("leeftijd",) * 2 + ("beperking",) * 3 + ("anders",) * 3
REFERRALS = ("", "", "Leger des Heils", "Straatpastoraat", "Inloop De Kruik", "familie", "politie")


def _turnaways(db: Database, rng: random.Random, context: _Context) -> int:
    """Per region about 3 a night at its night and youth shelters, a tenth without a facility."""
    shelters = [
        (fid, region) for fid, region, kind, _street in context.facilities if FacilityKind(kind).allocated_per_night
    ]
    rows = []
    for index in range(context.nights):
        night = context.first_night + timedelta(days=index)
        for _ in range(rng.randint(0, 6) * len(context.regions)):
            reason = rng.choice(TURNAWAY_REASONS)
            anonymous = rng.random() < 0.3
            rows.append(
                {
                    "night": night,
                    "person_id": None if anonymous else context.person(rng),
                    "description": rng.choice(("man, ca. 40", "vrouw, ca. 30", "jonge man", "man, geen naam"))
                    if anonymous
                    else "",
                    "facility_id": None if rng.random() < 0.1 else rng.choice(shelters)[0],
                    "reason": reason,
                    "remark": "geen plek in de regio" if reason == "anders" else "",
                    "referred_to": rng.choice(REFERRALS),
                    "recorded_by": "balie",
                    "recorded_at": _evening(night, rng),
                }
            )
    _insert_all(db, Turnaway.__table__, rows)
    return len(rows)


def _restrictions(db: Database, rng: random.Random, context: _Context) -> int:
    """One for every ~10 persons: 1-12 weeks, a quarter safety bans, some still in force at the end."""
    facility_ids = [fid for fid, _region, _kind, _street in context.facilities]
    rows = []
    for _ in range(len(context.person_ids) // 10):
        starts = context.night(rng)
        if rng.random() < 0.02:  # in force on the last night (the board's and the search's marks)
            starts = LAST_NIGHT - timedelta(days=rng.randint(0, 30))
        facility = None if rng.random() < 0.2 else rng.choice(facility_ids)
        alternative = rng.choice([f for f in facility_ids if f != facility]) if rng.random() < 0.3 else None
        safety = rng.random() < 0.25
        rows.append(
            {
                "person_id": context.person(rng),
                "facility_id": facility,
                "starts_on": starts,
                "ends_on": starts + timedelta(days=rng.randint(7, 84)),
                "reason": "agressie tegen medewerkers"
                if safety
                else rng.choice(("drugs in de opvang", "diefstal", "herhaaldelijk huisregels overtreden")),
                "is_safety": safety,
                "alternative_facility_id": alternative,
                "lifted_at": _evening(starts + timedelta(days=3), rng) if rng.random() < 0.1 else None,
                "created_at": _evening(starts, rng),
            }
        )
    _insert_all(db, Restriction.__table__, rows)
    return len(rows)


def _postal(db: Database, rng: random.Random, context: _Context) -> tuple[int, int]:
    """Per address-giving location `POSTAL_SLOTS` addresses at a time, back to back, with their mail.

    An address runs 2-14 months; the ones still running on the last day stay open (active, or a
    few on the waiting list), each for a different person. Mail: about 1.5 items a month, handed
    over within three weeks or returned, the last fortnight's still waiting.
    """
    locations = [fid for fid, _region, _kind, street in context.facilities if street]
    senders = [kind.value for kind in SenderKind]
    reasons = [reason.value for reason in EndReason]
    today = LAST_NIGHT
    open_persons: set[int] = set()
    addresses: list[dict[str, Any]] = []
    for facility_id in locations:
        for slot in range(POSTAL_SLOTS + 5):
            waiting_list = slot >= POSTAL_SLOTS  # requests beyond the location's slots
            start = context.first_night + timedelta(days=rng.randint(0, 120))
            if waiting_list:
                start = today - timedelta(days=rng.randint(0, 20))
            while start <= today:
                length = rng.randint(60, 420)
                end = start + timedelta(days=length)
                person = context.person(rng)
                if end > today or waiting_list:  # open at the end: one per person
                    while person in open_persons:
                        person = context.person(rng)
                    open_persons.add(person)
                addresses.append(
                    {
                        "person_id": person,
                        "facility_id": facility_id,
                        "status": "aangevraagd" if waiting_list else ("actief" if end > today else "beeindigd"),
                        "start_date": start,
                        "review_date": start + timedelta(days=61),
                        "consent_by": "de persoon zelf",
                        "consent_on": start,
                        "end_date": None if end > today or waiting_list else end,
                        "end_reason": None if end > today or waiting_list else rng.choice(reasons),
                        "end_remark": "",
                        "created_at": _evening(start, rng),
                    }
                )
                if waiting_list:
                    break
                start = end + timedelta(days=rng.randint(1, 30))
    _insert_all(db, PostalAddress.__table__, addresses)
    with db.read() as session:
        stored = session.execute(
            select(
                PostalAddress.id,
                PostalAddress.person_id,
                PostalAddress.status,
                PostalAddress.start_date,
                PostalAddress.end_date,
            ).order_by(PostalAddress.id)
        ).all()
    mail = []
    for postal_id, person_id, status, start, end in stored:
        if status == "aangevraagd":
            continue
        last = min(end or today, today)
        for _ in range(int((last - start).days / 30 * 1.5 + rng.random())):
            received = start + timedelta(days=rng.randint(0, (last - start).days))
            picked: date | None = received + timedelta(days=rng.randint(0, 20))
            returned: date | None = None
            if rng.random() < 0.05:  # not collected: sent back after two to four weeks
                picked, returned = None, received + timedelta(days=rng.randint(14, 30))
            elif end is None and received > today - timedelta(days=14) and rng.random() < 0.7:
                picked = None  # still waiting at the desk
            limit = end or today  # nothing waits at an ended address: what was left went back at its end
            if picked is not None and picked > limit:
                picked, returned = None, (end if end is not None else None)
            if returned is not None and returned > limit:
                returned = end  # None for an open address: still waiting
            mail.append(
                {
                    "postal_address_id": postal_id,
                    "person_id": person_id,
                    "received_on": received,
                    "sender_kind": rng.choice(senders),
                    "sender": "",
                    "registered": rng.random() < 0.08,
                    "picked_up_on": picked,
                    "handed_by": "balie" if picked else "",
                    "id_checked": picked is not None,
                    "returned_on": returned,
                    "logged_by": "balie",
                }
            )
    _insert_all(db, MailItem.__table__, mail)
    return len(addresses), len(mail)


def _investigations(db: Database, rng: random.Random, context: _Context) -> tuple[int, int, int]:
    """One investigation for every ~7 persons, decided within six weeks mostly; a fifth of the
    decisions for another centrumgemeente lead to a warm transfer (requested, answered, moved)."""
    factors = [factor.value for factor in Factor]
    centres = sorted(set(context.regions.values()) | set(REGION_CENTRES))
    region_ids = list(context.regions)
    people = rng.sample(context.person_ids, k=len(context.person_ids) // 7)
    investigations, facts, transfers = [], [], []
    next_id = 1
    with db.read() as session:
        next_id = (session.scalar(select(func.max(Investigation.id))) or 0) + 1
    for person_id in people:
        reported = context.night(rng)
        region_id = rng.choice(region_ids)
        own_centre = context.regions[region_id]
        decided = reported + timedelta(days=rng.randint(5, 50))
        decided = decided if decided <= LAST_NIGHT and rng.random() < 0.9 else None
        centre = (own_centre if rng.random() < 0.75 else rng.choice(centres)) if decided else None
        investigation_id, next_id = next_id, next_id + 1
        investigations.append(
            {
                "id": investigation_id,
                "person_id": person_id,
                "region_id": region_id,
                "reported_on": reported,
                "provision_on": reported if rng.random() < 0.8 else None,
                "due_on": reported + timedelta(weeks=6),
                "decided_on": decided,
                "decided_centre_code": centre,
                "reasoning": "sterkste binding op grond van netwerk en inschrijving" if decided else "",
                "decided_by": "coordinator" if decided else "",
            }
        )
        for code in rng.sample(context.municipalities, k=rng.randint(1, 3)):
            facts.append(
                {
                    "investigation_id": investigation_id,
                    "municipality_code": code,
                    "factors": ",".join(rng.sample(factors, k=rng.randint(0, 3))),
                    "registration_years": rng.randint(0, 10),
                    "contra_indication": "",
                    "note": "",
                }
            )
        if decided and centre != own_centre and rng.random() < 0.5:
            requested = decided + timedelta(days=rng.randint(0, 7))
            if requested > LAST_NIGHT:
                continue
            answered = requested + timedelta(days=rng.randint(1, 14))
            status = rng.choice(("geaccepteerd", "geweigerd", "verhuisd", "verhuisd", "verhuisd"))
            if answered > LAST_NIGHT:
                answered, status = None, "aangevraagd"
            moved = answered + timedelta(days=rng.randint(0, 10)) if status == "verhuisd" and answered else None
            if moved is not None and moved > LAST_NIGHT:
                moved, status = None, "geaccepteerd"
            transfers.append(
                {
                    "person_id": person_id,
                    "investigation_id": investigation_id,
                    "to_centre_code": centre,
                    "contact": "centrale toegang",
                    "channel": "telefoon en beveiligde mail",
                    "consent_on": requested,
                    "status": status,
                    "requested_on": requested,
                    "answered_on": answered,
                    "refusal_reason": "geen binding aangetoond" if status == "geweigerd" else "",
                    "to_dispute_committee": status == "geweigerd" and rng.random() < 0.3,
                    "moved_on": moved,
                }
            )
    _insert_all(db, Investigation.__table__, investigations)
    _insert_all(db, InvestigationFact.__table__, facts)
    _insert_all(db, Transfer.__table__, transfers)
    return len(investigations), len(facts), len(transfers)


DROP_IN_NAMED, DROP_IN_ANONYMOUS = 20, 5  # "Hier en Nu": about 25 visitors a day
DROP_IN_SERVICES = ("Maaltijd", "Maaltijd", "Douche", "Was", "Kluisje", "Post opgehaald", "Spreekuur")
LOCKERS = 30


def _drop_in(db: Database, rng: random.Random, context: _Context) -> tuple[int, int, int]:
    """One drop-in per region, open every day, ~25 visits a day (a fifth anonymous), 1-2 services a
    visit, and 30 lockers: each used back to back for a week or two, the last ones still in use
    (a few of them past their keep-until date)."""
    with db.write() as session:
        drop_ins = []
        for number, region_id in enumerate(sorted(context.regions)):
            facility = Facility(
                region_id=region_id,
                name=f"Inloop regio {number + 1}",
                kind=FacilityKind.DROP_IN,
                city="Assen" if number == 0 else "",
            )
            session.add(facility)
            session.flush()
            session.add_all(
                DropInHours(facility_id=facility.id, weekday=day, opens=clock_time(10), closes=clock_time(16))
                for day in range(7)
            )
            drop_ins.append(facility.id)
        visit_id = (session.scalar(select(func.max(DropInVisit.id))) or 0) + 1
    visits, services, lockers = [], [], []
    for facility_id in drop_ins:
        for index in range(context.nights):
            day = context.first_night + timedelta(days=index)
            named = {context.person(rng) for _ in range(rng.randint(DROP_IN_NAMED - 6, DROP_IN_NAMED + 6))}
            guests: list[int | None] = [*named, *([None] * rng.randint(0, 2 * DROP_IN_ANONYMOUS))]
            for slot, person_id in enumerate(guests):
                arrived = (
                    datetime.combine(day, clock_time(10, 0), AMSTERDAM) + timedelta(minutes=10 * slot)
                ).astimezone(UTC)
                visits.append(
                    {
                        "id": visit_id,
                        "facility_id": facility_id,
                        "day": day,
                        "person_id": person_id,
                        "arrived_at": arrived,
                        "recorded_by": "balie",
                    }
                )
                for service in rng.sample(DROP_IN_SERVICES, k=rng.randint(1, 2)):
                    services.append(
                        {
                            "visit_id": visit_id,
                            "service": service,
                            "quantity": 1,
                            "given_at": arrived,
                            "given_by": "balie",
                        }
                    )
                visit_id += 1
        for label in range(1, LOCKERS + 1):
            stored = context.first_night + timedelta(days=rng.randint(0, 14))
            while stored <= LAST_NIGHT:
                keep = stored + timedelta(days=rng.choice((3, 7, 7, 14)))
                cleared = keep - timedelta(days=rng.randint(0, 3)) if rng.random() < 0.9 else keep + timedelta(days=3)
                still = cleared > LAST_NIGHT
                lockers.append(
                    {
                        "facility_id": facility_id,
                        "person_id": context.person(rng),
                        "label": str(label),
                        "description": rng.choice(("rugzak", "slaapzak", "koffer", "tas met kleren")),
                        "stored_on": stored,
                        "keep_until": keep,
                        "stored_by": "balie",
                        "cleared_on": None if still else max(cleared, stored),
                        "outcome": None if still else ("opgehaald" if cleared <= keep else "opgeruimd"),
                        "cleared_by": "" if still else "balie",
                    }
                )
                if still:
                    break
                stored = max(cleared, stored) + timedelta(days=rng.randint(1, 5))
    _insert_all(db, DropInVisit.__table__, visits)
    _insert_all(db, DropInService.__table__, services)
    _insert_all(db, LockerItem.__table__, lockers)
    return len(visits), len(services), len(lockers)


def _plans(db: Database, rng: random.Random, context: _Context) -> tuple[int, int]:
    """A plan for one person in twelve: reviewed every three months, the older ones closed; the
    open ones due for review around the last night; 1-6 assessments over the ten domains."""
    from shelter_desk.domain.plans import DEFAULT_DOMAINS

    plans, goals, actions, assessments, scores = [], [], [], [], []
    with db.read() as session:
        plan_id = (session.scalar(select(func.max(Plan.id))) or 0) + 1
        goal_id = (session.scalar(select(func.max(PlanGoal.id))) or 0) + 1
        assessment_id = (session.scalar(select(func.max(Assessment.id))) or 0) + 1
    for person_id in rng.sample(context.person_ids, k=len(context.person_ids) // 12):
        started = context.night(rng)
        still_open = started > LAST_NIGHT - timedelta(days=400) and rng.random() < 0.7
        review = started + timedelta(days=91)
        while still_open and review < LAST_NIGHT - timedelta(days=30):
            review += timedelta(days=91)  # reviewed on time, mostly; the rest is due or overdue now
        plans.append(
            {
                "id": plan_id,
                "person_id": person_id,
                "counsellor": rng.choice(("Mirjam", "Kees", "Fatma")),
                "started_on": started,
                "review_on": review,
                "reviewed_on": None,
                "closed_on": None if still_open else min(started + timedelta(days=rng.randint(60, 360)), LAST_NIGHT),
            }
        )
        for domain in rng.sample(DEFAULT_DOMAINS, k=rng.randint(1, 3)):
            goals.append(
                {
                    "id": goal_id,
                    "plan_id": plan_id,
                    "domain": domain,
                    "text": "doel",
                    "status": "open",
                    "created_on": started,
                }
            )
            actions.append(
                {
                    "goal_id": goal_id,
                    "text": "actie",
                    "owner": "de persoon zelf",
                    "due_on": started + timedelta(days=30),
                    "done_on": None,
                }
            )
            goal_id += 1
        level = [rng.randint(1, 3) for _ in DEFAULT_DOMAINS]
        assessed = started
        for _ in range(rng.randint(1, 6)):
            if assessed > LAST_NIGHT:
                break
            assessments.append(
                {
                    "id": assessment_id,
                    "person_id": person_id,
                    "assessed_on": assessed,
                    "assessed_by": "begeleider",
                    "note": "",
                }
            )
            scores += [
                {"assessment_id": assessment_id, "domain": domain, "score": value}
                for domain, value in zip(DEFAULT_DOMAINS, level, strict=True)
            ]
            level = [min(5, max(1, value + rng.choice((-1, 0, 0, 1, 1)))) for value in level]
            assessment_id += 1
            assessed += timedelta(days=91)
        plan_id += 1
    # One open plan per person: a person drawn twice keeps only the first open one.
    seen: set[int] = set()
    for plan in plans:
        if plan["closed_on"] is None:
            if plan["person_id"] in seen:
                plan["closed_on"] = plan["started_on"]
            seen.add(plan["person_id"])
    _insert_all(db, Plan.__table__, plans)
    _insert_all(db, PlanGoal.__table__, goals)
    _insert_all(db, PlanAction.__table__, actions)
    _insert_all(db, Assessment.__table__, assessments)
    _insert_all(db, AssessmentScore.__table__, scores)
    return len(plans), len(assessments)


def describe(summary: DatasetSummary) -> str:
    n = lambda value: f"{value:,}".replace(",", " ")  # noqa: E731
    took = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in summary.seconds.items())
    return (
        f"{n(summary.persons)} persons, {summary.facilities} facilities / {n(summary.beds)} beds, "
        f"{n(summary.bed_nights)} bed-nights and {n(summary.stays)} stays over "
        f"{summary.first_night} .. {summary.last_night}, {n(summary.turnaways)} turnaways, "
        f"{n(summary.restrictions)} restrictions, {n(summary.postal_addresses)} postal addresses with "
        f"{n(summary.mail_items)} mail items, {n(summary.investigations)} investigations "
        f"({n(summary.investigation_facts)} facts), {n(summary.transfers)} transfers, "
        f"{n(summary.dropin_visits)} drop-in visits with {n(summary.dropin_services)} services and "
        f"{n(summary.lockers)} lockers, {n(summary.plans)} plans with {n(summary.assessments)} assessments, "
        f"{len(summary.overstays)} deliberate overstays ({took})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.dataset", description=__doc__.split("\n")[0])
    parser.add_argument("path", help="SQLite file to create (must hold no persons yet)")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--persons", type=int, default=None)
    parser.add_argument("--nights", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)

    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.services.kernel.database_setup import open_and_prepare

    size = DatasetSize.scale(arguments.scale)
    size = replace(size, persons=arguments.persons or size.persons, nights=arguments.nights or size.nights)
    db = open_and_prepare(resolve_location(arguments.path, plain=True))
    try:
        print(describe(generate_dataset(db, size, arguments.seed)))
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
