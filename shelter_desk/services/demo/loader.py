"""Demo data: the facilities of regions Assen and Emmen (Drenthe) and ~30 fictitious people.

Loaded once into a database that is empty of people; the database is then marked as demo so that
every window says so. Dates are relative to the night of loading, so the board is never stale on
the first evening. All persons are invented; names are chosen to exercise accents and scripts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.cards import CardName, new_card_number
from shelter_desk.domain.dropin import LockerOutcome
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.plans import DEFAULT_DOMAINS, GoalStatus
from shelter_desk.domain.safety import IncidentKind, KeepApartScope, SafetyNetwork
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.domain.stays import BedNightStatus, FeeStatus, Outflow, StayPeriod, StayUnit, held_through
from shelter_desk.domain.street_contacts import StreetOutcome
from shelter_desk.domain.trajectory import (
    AdmissionOutcome,
    AdmissionReason,
    ApplicationDecision,
    ApplicationStatus,
    HousingStatus,
    Referrer,
    SleepingSituation,
)
from shelter_desk.domain.transfers import investigation_due
from shelter_desk.domain.winter import ActivationChange, WinterPhase, felt_temperature, phase_for
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import (
    AdmissionDecision,
    Assessment,
    AssessmentScore,
    Bed,
    BedNight,
    ClientCard,
    DatabaseInfo,
    DropInHours,
    DropInService,
    DropInVisit,
    Escalation,
    Facility,
    HandoverEntry,
    HandoverPerson,
    HandoverRead,
    HousingReferral,
    Incident,
    IncidentPerson,
    IncidentRestriction,
    KeepApart,
    LockerItem,
    Person,
    PlaceApplication,
    Plan,
    PlanAction,
    PlanGoal,
    Restriction,
    Stay,
    StreetContact,
    WinterActivation,
    WinterActivationChange,
    WinterForecastNight,
)
from shelter_desk.persistence.types import utc_now
from shelter_desk.services.kernel.database_setup import DEMO_KEY
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.trust.accounts import create_demo_accounts

ASSEN = "0106"
EMMEN = "0114"


@dataclass(frozen=True)
class DemoFacility:
    centre: str
    name: str
    kind: FacilityKind
    beds: int
    overflow: int = 0
    min_age: int | None = 18
    max_age: int | None = None
    max_stay: StayPeriod | None = None
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""


THREE_MONTHS = StayPeriod(3, StayUnit.MONTHS)  # a short stay (KDO) lasts 3 months at most

# The places the two regions' facilities have. Youth is 18 up to 23, adults from 23.
# House numbers and postcodes are made up (demo only): postal addresses need a full address.
# Phone numbers are fictitious too: a subscriber number starting with 0 reaches nobody in NL.
DEMO_FACILITIES = (
    DemoFacility(
        ASSEN,
        "Nachtopvang Havenkade Assen",
        FacilityKind.NIGHT_SHELTER,
        8,
        overflow=2,
        min_age=23,
        street="Havenkade 12",
        postcode="9401 BA",
        city="Assen",
        phone="0592 000 101",
    ),
    DemoFacility(
        ASSEN,
        "Nachtopvang Jongeren Havenkade Assen",
        FacilityKind.YOUTH_SHELTER,
        6,
        min_age=18,
        max_age=22,
        street="Havenkade",
        city="Assen",
        phone="0592 000 102",
    ),
    DemoFacility(
        ASSEN,
        "Kortdurende Opvang Assen",
        FacilityKind.SHORT_STAY,
        12,
        min_age=23,
        max_stay=THREE_MONTHS,
        street="Havenkade",
        city="Assen",
        phone="0592 000 103",
    ),
    DemoFacility(
        ASSEN,
        "Trajectkamers Jongeren Assen",
        FacilityKind.TRAJECTORY_ROOM,
        6,
        min_age=18,
        max_age=22,
        city="Assen",
        phone="0592 000 104",
    ),
    DemoFacility(
        EMMEN,
        "De Breehof Nachtopvang Emmen",
        FacilityKind.NIGHT_SHELTER,
        6,
        street="Breehof 3",
        postcode="7811 AA",
        city="Emmen",
        phone="0591 000 201",
    ),
    DemoFacility(
        EMMEN,
        "De Breehof Kortdurende Opvang Emmen",
        FacilityKind.SHORT_STAY,
        20,
        max_stay=THREE_MONTHS,
        street="Breehof 3",
        postcode="7811 AA",
        city="Emmen",
        phone="0591 000 202",
    ),
    DemoFacility(
        EMMEN,
        "De Breehof Crisisopvang Emmen",
        FacilityKind.CRISIS,
        15,
        street="Breehof 3",
        postcode="7811 AA",
        city="Emmen",
        phone="0591 000 203",
    ),
    DemoFacility(EMMEN, "Inloop Hier en Nu Emmen", FacilityKind.DROP_IN, 0, min_age=None, city="Emmen"),
    DemoFacility(
        ASSEN,
        "Inloop Havenkade Assen",
        FacilityKind.DROP_IN,
        0,
        min_age=None,
        street="Havenkade 12",
        postcode="9401 BA",
        city="Assen",
    ),
)
_EMMEN_DROP_IN, _ASSEN_DROP_IN = 7, 8
# The demo's client card (Henk, "Kapitein"): type or scan 4829 1037 55 in any search field.
DEMO_CARD_BODY = "482910375"

# first name, prefix, last name, alias, birth year, month, day, approximate?, gender, nationality, origin
_PEOPLE = (
    ("Jan", "van der", "Berg", None, 1968, 3, 4, False, "man", "Nederlandse", ASSEN),
    ("Henk", None, "Bakker", "Kapitein", 1961, 11, 25, False, "man", "Nederlandse", ASSEN),
    ("Łukasz", None, "Wiśniewski", None, 1987, 6, 12, False, "man", "Poolse", None),
    ("Ştefan", None, "Popescu", None, 1979, 1, 30, False, "man", "Roemeense", None),
    ("Ayşe", None, "Yılmaz", None, 1990, 9, 2, False, "vrouw", "Turkse", EMMEN),
    ("Дмитрий", None, "Иванов", "Dima", 1983, 5, 17, False, "man", "Oekraïense", None),
    (None, None, None, "Sjors", 1975, 1, 1, True, "man", None, None),
    ("Marieke", "de", "Vries", None, 1994, 2, 14, False, "vrouw", "Nederlandse", "1681"),
    ("Kees", None, "Müller", None, 1959, 8, 8, False, "man", "Nederlandse", "0118"),
    ("Fatima", "el", "Amrani", None, 1998, 12, 1, False, "vrouw", "Nederlandse", "0193"),
    ("Piet", "van", "Dijk", None, 1971, 4, 21, False, "man", "Nederlandse", "1690"),
    ("Gerrit", None, "Smit", None, 1966, 7, 7, False, "man", "Nederlandse", "0109"),
    ("Bogdan", None, "Kowalczyk", None, 1992, 3, 3, False, "man", "Poolse", None),
    ("Iulia", None, "Dumitrescu", None, 2007, 10, 10, False, "vrouw", "Roemeense", None),
    ("Mehmet", None, "Çelik", None, 1985, 2, 28, False, "man", "Turkse", ASSEN),
    ("Anouk", None, "Jansen", None, 2006, 5, 5, False, "vrouw", "Nederlandse", ASSEN),
    ("Daan", None, "Visser", None, 2005, 11, 25, False, "man", "Nederlandse", "1730"),
    ("Sem", "van", "Leeuwen", None, 2007, 1, 19, False, "man", "Nederlandse", "0114"),
    ("Lotte", None, "Mulder", None, 2004, 8, 30, False, "vrouw", "Nederlandse", "1699"),
    (None, None, None, "Vogel", 1980, 1, 1, True, "man", None, None),
    ("Johan", None, "Hoekstra", None, 1963, 6, 1, False, "man", "Nederlandse", "0119"),
    ("Saskia", None, "Brouwer", None, 1977, 9, 9, False, "vrouw", "Nederlandse", "0106"),
    ("Ruud", "de", "Graaf", None, 1970, 12, 12, False, "man", "Nederlandse", "0114"),
    ("Ahmed", None, "Hassan", None, 1988, 4, 4, False, "man", "Syrische", None),
    ("Krzysztof", None, "Nowak", None, 1982, 7, 15, False, "man", "Poolse", None),
    ("Yvonne", None, "Kuipers", None, 1972, 3, 23, False, "vrouw", "Nederlandse", "0109"),
    ("Bram", None, "Post", None, 1999, 10, 31, False, "man", "Nederlandse", "1731"),
    ("Ольга", None, "Петренко", "Olga", 1986, 2, 2, False, "vrouw", "Oekraïense", None),
    ("Wim", "ten", "Cate", None, 1958, 5, 20, False, "man", "Nederlandse", "0114"),
    ("Tamara", None, "Oosting", None, 1996, 6, 6, False, "vrouw", "Nederlandse", "1701"),
)

# Demo databases get one account per role (balie, begeleider, coordinator, beheerder), all with this password.
DEMO_PASSWORD = "demo-wachtwoord"
_NOT_YET_TONIGHT = frozenset({1, 3, 8, 16, 22})  # Henk, Ştefan, Kees, Daan, Ruud
DEMO_FEE_CENTS = 400  # the nightly contribution of the seeds' night shelters (about €4)

# Night-shelter regulars of the last week: (person index, facility name, bed position).
_NIGHT_REGULARS = (
    (0, 0, 0),
    (1, 0, 1),
    (2, 0, 2),
    (3, 0, 3),
    (5, 0, 4),
    (6, 0, 5),
    (8, 0, 6),
    (15, 1, 0),
    (16, 1, 1),
    (17, 1, 2),
    (10, 4, 0),
    (22, 4, 1),
    (28, 4, 2),
)
# People who came for a while and then stopped coming, their stays still open as an older desk
# left them: (person index, facility, bed position, first night and last night, in days before
# tonight). The desk's stopped-coming sweep ends these at start-up and lists them for the
# coordinator (Marieke de Vries, Tamara Oosting).
_STOPPED_COMING = ((7, 0, 7, 12, 8), (29, 4, 3, 10, 5))
# A safety ban at the Assen night shelter with Crisisopvang Emmen as the alternative location, so the
# desk sees a ban in red before any bed: (person index, banned facility, alternative facility, reason).
_SAFETY_BAN = (12, 0, 6, "Agressie tegen een medewerker")

# Short-stay placements: (person index, facility, bed position, days since start).
_PLACEMENTS = (
    (11, 2, 0, 20),
    (20, 2, 1, 75),
    (21, 2, 2, 98),
    (13, 3, 0, 40),
    (18, 3, 1, 150),
    (23, 5, 0, 10),
    (25, 5, 1, 80),
    (4, 6, 0, 3),
)


def load_demo(db: Database, tonight: date) -> bool:
    """Load the demo into a database without people; False when it is a demo already."""
    with db.write() as session:
        if session.get(DatabaseInfo, DEMO_KEY) is not None:
            return False
        if session.scalar(select(func.count()).select_from(Person)):
            raise DeskError(
                "Deze database bevat al echte persoonsgegevens; demogegevens worden alleen in een "
                "lege database geladen. Kies een ander databasebestand voor de demo."
            )
        facilities = _add_facilities(session)
        people = _add_people(session)
        _add_night_regulars(session, facilities, people, tonight)
        _add_placements(session, facilities, people, tonight)
        _add_stopped_coming(session, facilities, people, tonight)
        _add_safety_ban(session, facilities, people, tonight)
        _add_safety_records(session, facilities, people, tonight)
        _add_drop_in(session, facilities, people, tonight)
        _add_handover(session, facilities, people, tonight)
        _add_plans(session, people, tonight)
        _add_way_to_a_home(session, facilities, people, tonight)
        _add_winter_street(session, facilities, people, tonight)
        session.add(DatabaseInfo(key=DEMO_KEY, value=utc_now().isoformat()))
    create_demo_accounts(db, DEMO_PASSWORD)
    return True


def _add_facilities(session: Session) -> list[Facility]:
    facilities = []
    for spec in DEMO_FACILITIES:
        facility = Facility(
            region=ensure_region(session, spec.centre),
            name=spec.name,
            kind=spec.kind,
            min_age=spec.min_age,
            max_age=spec.max_age,
            max_stay_length=spec.max_stay.length if spec.max_stay else None,
            max_stay_unit=spec.max_stay.unit if spec.max_stay else None,
            provider="Leger des Heils",
            street=spec.street,
            postcode=spec.postcode,
            city=spec.city,
            phone=spec.phone or None,
        )
        for position in range(spec.beds + spec.overflow):
            overflow = position >= spec.beds
            label = f"U{position - spec.beds + 1}" if overflow else str(position + 1)
            facility.beds.append(Bed(label=label, position=position, is_overflow=overflow))
        session.add(facility)
        facilities.append(facility)
    session.flush()
    return facilities


_DOCUMENT_LANGUAGES = {"Poolse": "pl", "Roemeense": "ro", "Oekraïense": "uk", "Syrische": "ar"}


def _add_people(session: Session) -> list[Person]:
    people = []
    for first, prefix, last, alias, year, month, day, approximate, gender, nationality, origin in _PEOPLE:
        person = Person(
            first_name=first,
            name_prefix=prefix,
            last_name=last,
            alias=alias,
            date_of_birth=date(year, month, day),
            date_of_birth_approximate=approximate,
            gender=gender,
            nationality=nationality,
            origin_municipality_code=origin,
        )
        session.add(person)
        people.append(person)
    people[5].safety_notes = "Epilepsie: medicatie in kluis bij de balie."
    for person in people:  # the guests' own languages for their documents (house rules, letters, card)
        person.document_language = _DOCUMENT_LANGUAGES.get(person.nationality or "", "nl")
    session.flush()
    return people


def _add_night_regulars(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    first_night = tonight - timedelta(days=6)
    for person_index, facility_index, bed_position in _NIGHT_REGULARS:
        person, facility = people[person_index], facilities[facility_index]
        bed = facility.beds[bed_position]
        stay = Stay(person_id=person.id, facility_id=facility.id, start_night=first_night)
        # Half of the regulars already hold tonight's bed; the others are still to come to the desk.
        nights = 6 if person_index in _NOT_YET_TONIGHT else 7
        for offset in range(nights):
            night = first_night + timedelta(days=offset)
            fee_status = "openstaand" if night == tonight or (person_index == 2 and offset == 3) else "betaald"
            stay.nights.append(
                BedNight(
                    person_id=person.id,
                    bed_id=bed.id,
                    night=night,
                    status=BedNightStatus.RESERVED if night == tonight else BedNightStatus.CHECKED_OUT,
                    fee_cents=DEMO_FEE_CENTS,
                    fee_status=fee_status,
                )
            )
        session.add(stay)


def _add_placements(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    for person_index, facility_index, bed_position, days in _PLACEMENTS:
        person, facility = people[person_index], facilities[facility_index]
        start = tonight - timedelta(days=days)
        planned = facility.max_stay.last_night(start) if facility.max_stay else None
        stay = Stay(person_id=person.id, facility_id=facility.id, start_night=start, planned_end_night=planned)
        bed = facility.beds[bed_position]
        for offset in range(days + 1):
            night = start + timedelta(days=offset)
            stay.nights.append(
                BedNight(
                    person_id=person.id,
                    bed_id=bed.id,
                    night=night,
                    status=BedNightStatus.CHECKED_IN if night == tonight else BedNightStatus.CHECKED_OUT,
                )
            )
        # A running stay holds its bed on the nights ahead too, as a placement given at the desk does.
        night = tonight + timedelta(days=1)
        while night <= held_through(start, planned, tonight):
            stay.nights.append(
                BedNight(person_id=person.id, bed_id=bed.id, night=night, status=BedNightStatus.RESERVED)
            )
            night += timedelta(days=1)
        session.add(stay)


def _add_stopped_coming(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    for person_index, facility_index, bed_position, first, last in _STOPPED_COMING:
        person, facility = people[person_index], facilities[facility_index]
        stay = Stay(person_id=person.id, facility_id=facility.id, start_night=tonight - timedelta(days=first))
        for days in range(first, last - 1, -1):
            stay.nights.append(
                BedNight(
                    person_id=person.id,
                    bed_id=facility.beds[bed_position].id,
                    night=tonight - timedelta(days=days),
                    status=BedNightStatus.CHECKED_OUT,
                    fee_cents=DEMO_FEE_CENTS,
                    fee_status="betaald",
                )
            )
        session.add(stay)


def _add_safety_ban(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    person_index, banned, alternative, reason = _SAFETY_BAN
    session.add(
        Restriction(
            person_id=people[person_index].id,
            facility_id=facilities[banned].id,
            starts_on=tonight - timedelta(days=3),
            ends_on=tonight + timedelta(days=11),
            reason=reason,
            is_safety=True,
            alternative_facility_id=facilities[alternative].id,
        )
    )


def _add_safety_records(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    """What lies behind the safety ban, so the record's Veiligheid tab has something to show: the
    incident the ban was made from, who must be kept apart since, the case in the safety network
    with its instruction for the desk, and an earlier medical incident."""
    banned_person, banned_facility = people[_SAFETY_BAN[0]], facilities[_SAFETY_BAN[1]]
    other = people[11]  # Gerrit Smit, in the fight
    session.flush()  # the ban's id
    ban = session.scalars(select(Restriction).where(Restriction.person_id == banned_person.id)).one()
    fight = Incident(
        occurred_at=datetime.combine(tonight - timedelta(days=3), time(22, 40), AMSTERDAM),
        facility_id=banned_facility.id,
        kind=IncidentKind.AGGRESSION,
        what_happened="Duwde een medewerker bij de deur na een ruzie in de slaapzaal (demo).",
        what_was_done="Politie gebeld; de gast is voor twee weken geweerd, met Crisisopvang Emmen als uitwijk.",
        staff_involved="Avonddienst (demo)",
        police_called=True,
        recorded_by="Coördinator (demo)",
    )
    fight.persons = [IncidentPerson(person_id=banned_person.id), IncidentPerson(person_id=other.id)]
    illness = Incident(
        occurred_at=datetime.combine(tonight - timedelta(days=9), time(2, 15), AMSTERDAM),
        facility_id=banned_facility.id,
        kind=IncidentKind.MEDICAL,
        what_happened="Onwel geworden in de douche (demo).",
        what_was_done="Ambulance gebeld, mee naar de SEH; de volgende avond weer binnen.",
        ambulance_called=True,
        recorded_by="Avonddienst (demo)",
    )
    illness.persons = [IncidentPerson(person_id=people[8].id)]
    session.add_all([fight, illness])
    session.flush()
    session.add(IncidentRestriction(incident_id=fight.id, restriction_id=ban.id))
    session.add(
        KeepApart(
            person_id=banned_person.id,
            other_person_id=other.id,
            scope=KeepApartScope.FACILITY,
            reason="Vechtpartij in de slaapzaal (demo)",
            starts_on=tonight - timedelta(days=3),
            ends_on=tonight + timedelta(days=90),
            recorded_by="Coördinator (demo)",
        )
    )
    session.add(
        Escalation(
            person_id=banned_person.id,
            network=SafetyNetwork.ZORG_EN_VEILIGHEID,
            started_on=tonight - timedelta(days=2),
            case_manager="Anne de Vries (demo)",
            phone="0592 000 199",
            next_step="Casusoverleg vrijdag; woonplek zoeken samen met de GGZ.",
            desk_instruction="Bel Anne de Vries (0592 000 199) als Bogdan zich meldt, ook 's avonds.",
            recorded_by="Coördinator (demo)",
        )
    )


def _add_drop_in(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    """Two weeks of the drop-ins (Emmen's "Hier en Nu" about 25 visitors a day, Assen smaller), with
    services, lockers (one overdue) and Henk's client card."""
    chance = random.Random(18)  # the same demo every time
    services = ("Maaltijd", "Douche", "Was", "Kluisje", "Post opgehaald", "Spreekuur")
    for facility_index, weekdays, regulars, anonymous in (
        (_EMMEN_DROP_IN, range(7), range(0, 30), 6),
        (_ASSEN_DROP_IN, range(5), range(0, 16), 2),
    ):
        facility = facilities[facility_index]
        session.add_all(
            DropInHours(facility_id=facility.id, weekday=day, opens=time(10), closes=time(16)) for day in weekdays
        )
        for offset in range(13, -1, -1):
            day = tonight - timedelta(days=offset)
            if day.weekday() not in weekdays:
                continue
            visitors = chance.sample(
                list(regulars), k=min(len(regulars), 18 if facility_index == _EMMEN_DROP_IN else 8)
            )
            for slot, who in enumerate([people[i] for i in visitors] + [None] * anonymous):
                arrived = datetime.combine(day, time(10, 5), AMSTERDAM) + timedelta(minutes=11 * slot)
                visit = DropInVisit(
                    facility_id=facility.id,
                    day=day,
                    person_id=who.id if who else None,
                    arrived_at=arrived,
                    recorded_by="Demo",
                )
                for service in chance.sample(services[:3], k=chance.randint(1, 2)):
                    visit.services.append(DropInService(service=service, quantity=1, given_at=arrived, given_by="Demo"))
                if chance.random() < 0.1:
                    visit.services.append(
                        DropInService(service="Spreekuur", quantity=1, given_at=arrived, given_by="Demo")
                    )
                session.add(visit)
    emmen = facilities[_EMMEN_DROP_IN]
    for person, label, description, stored_days_ago, keep_days in (
        (people[4], "3", "rode koffer", 2, 7),
        (people[27], "7", "slaapzak en tas", 12, 7),
        (people[10], "12", "blauwe rugzak", 0, 4),
    ):
        stored = tonight - timedelta(days=stored_days_ago)
        session.add(
            LockerItem(
                facility_id=emmen.id,
                person_id=person.id,
                label=label,
                description=description,
                stored_on=stored,
                keep_until=stored + timedelta(days=keep_days),
                stored_by="Demo",
            )
        )
    session.add(
        LockerItem(
            facility_id=emmen.id,
            person_id=people[22].id,
            label="5",
            description="jas",
            stored_on=tonight - timedelta(days=20),
            keep_until=tonight - timedelta(days=13),
            stored_by="Demo",
            cleared_on=tonight - timedelta(days=15),
            outcome=LockerOutcome.PICKED_UP,
            cleared_by="Demo",
        )
    )
    session.add(
        ClientCard(
            person_id=people[1].id,
            number=new_card_number(lambda _count: DEMO_CARD_BODY),
            name_choice=CardName.ALIAS,
            facility_id=facilities[0].id,
            issued_by="Demo",
        )
    )


# (days before tonight, local time, facility index, writer, text, person indexes, must read, read by the night?)
_HANDOVER = (
    (
        2,
        time(8, 15),
        0,
        "Nachtdienst",
        "Rustige nacht. Bed 4 lekt bij de radiator, technische dienst gebeld.",
        (),
        False,
        True,
    ),
    (
        1,
        time(16, 30),
        7,
        "Dagdienst Hier en Nu",
        "Dima had vandaag een epileptische aanval in de inloop; na 10 minuten "
        "hersteld, wil geen huisarts. Let vannacht op hem.",
        (5,),
        True,
        True,
    ),
    (
        1,
        time(23, 10),
        0,
        "Nachtdienst",
        "Łukasz kwam om 23:05 binnen, onder invloed maar rustig. Bijdrage nog open.",
        (2,),
        False,
        True,
    ),
    (
        0,
        time(16, 30),
        0,
        "Dagdienst",
        "Henk (Kapitein) heeft morgen om 9:00 een afspraak in het Wilhelmina Ziekenhuis: "
        "om 7:30 wekken en de buskaart meegeven (ligt in de la van de balie).",
        (1,),
        True,
        False,
    ),
    (
        0,
        time(17, 45),
        0,
        "Dagdienst",
        "Ştefan belde: komt later, rond 22:30. Bed vasthouden tot de no-show-tijd.",
        (3,),
        False,
        False,
    ),
)


def _add_handover(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    for days_ago, at, facility_index, writer, text, person_indexes, must_read, read in _HANDOVER:
        written = datetime.combine(tonight - timedelta(days=days_ago), at, AMSTERDAM)
        entry = HandoverEntry(
            facility_id=facilities[facility_index].id,
            written_at=written,
            written_by=writer,
            text=text,
            must_read=must_read,
        )
        entry.persons = [HandoverPerson(person_id=people[i].id) for i in person_indexes]
        if read:
            entry.reads = [
                HandoverRead(username="demo-nacht", display_name="Nachtdienst", read_at=written + timedelta(hours=4))
            ]
        session.add(entry)


# Plans in the short-stay places: (person index, counsellor, started days ago, review in days (negative: overdue),
# assessments as (days ago, ten scores in DEFAULT_DOMAINS order, 0 = not scored), goals).
_PLANS = (
    (
        20,
        "Mirjam Bos",
        60,
        30,
        ((58, (1, 2, 2, 3, 2, 2, 3, 2, 2, 4)), (8, (2, 3, 2, 3, 3, 2, 3, 3, 2, 4))),
        (
            (
                "Huisvesting",
                "Binnen drie maanden een eigen kamer",
                GoalStatus.OPEN,
                (
                    ("Inschrijven als woningzoekende bij Woonservice Drenthe", "Johan zelf", -20, -25),
                    ("Urgentieaanvraag met de begeleider invullen", "Mirjam Bos", 10, None),
                ),
            ),
            (
                "Inkomen en schulden",
                "Schulden in beeld en een budgetplan",
                GoalStatus.OPEN,
                (
                    ("Afspraak bij de schuldhulpverlening van de gemeente", "Mirjam Bos", 5, None),
                    ("Alle post met rekeningen meenemen naar het gesprek", "Johan zelf", 4, None),
                ),
            ),
            (
                "Dagbesteding",
                "Twee dagen per week vrijwilligerswerk",
                GoalStatus.REACHED,
                (("Kennismaken bij de kringloopwinkel", "Johan zelf", -40, -45),),
            ),
        ),
    ),
    (
        21,
        "Kees Smit",
        95,
        -5,
        ((93, (1, 1, 2, 2, 2, 1, 2, 2, 2, 3)), (40, (1, 2, 2, 2, 2, 2, 2, 2, 2, 3))),
        (
            (
                "Verslaving",
                "Minder drinken: niet meer voor 17:00",
                GoalStatus.OPEN,
                (("Intake bij Verslavingszorg Noord Nederland", "Kees Smit", -30, -33),),
            ),
            (
                "Huisvesting",
                "Doorstroom naar beschermd wonen",
                GoalStatus.OPEN,
                (("Aanmelding bij de toegang beschermd wonen", "Kees Smit", -2, None),),
            ),
        ),
    ),
    (
        18,
        "Mirjam Bos",
        140,
        9,
        (
            (138, (2, 2, 1, 4, 3, 3, 3, 2, 2, 5)),
            (75, (2, 3, 2, 4, 3, 3, 3, 3, 2, 5)),
            (12, (3, 3, 3, 4, 4, 3, 4, 3, 3, 5)),
        ),
        (
            (
                "Dagbesteding",
                "Opleiding MBO niveau 2 afmaken",
                GoalStatus.OPEN,
                (("Aanmelden bij het Drenthe College", "Lotte zelf", 14, None),),
            ),
        ),
    ),
    (
        25,
        "Kees Smit",
        70,
        6,
        ((68, (1, 2, 3, 3, 2, 4, 3, 2, 3, 4)),),
        (
            (
                "Sociaal netwerk",
                "Contact met haar zus herstellen",
                GoalStatus.OPEN,
                (("Samen een brief schrijven", "Yvonne zelf", 7, None),),
            ),
        ),
    ),
)


def _add_plans(session: Session, people: list[Person], tonight: date) -> None:
    for person_index, counsellor, started, review_in, assessments, goals in _PLANS:
        person = people[person_index]
        plan = Plan(
            person_id=person.id,
            counsellor=counsellor,
            started_on=tonight - timedelta(days=started),
            review_on=tonight + timedelta(days=review_in),
        )
        for domain, text, status, actions in goals:
            goal = PlanGoal(domain=domain, text=text, status=status, created_on=plan.started_on)
            goal.actions = [
                PlanAction(
                    text=what,
                    owner=who,
                    due_on=tonight + timedelta(days=due),
                    done_on=tonight + timedelta(days=done) if done is not None else None,
                )
                for what, who, due, done in actions
            ]
            plan.goals.append(goal)
        session.add(plan)
        for days_ago, scores in assessments:
            assessment = Assessment(
                person_id=person.id, assessed_on=tonight - timedelta(days=days_ago), assessed_by=counsellor
            )
            assessment.scores = [
                AssessmentScore(domain=domain, score=score)
                for domain, score in zip(DEFAULT_DOMAINS, scores, strict=True)
                if score
            ]
            session.add(assessment)


# The way to a home: admission decisions of night regulars, (person index, days ago, where they slept).
_ADMISSIONS = (
    (0, 6, SleepingSituation.OUTSIDE),
    (2, 6, SleepingSituation.COUCH_OR_PASSANT),
    (5, 6, SleepingSituation.INSTITUTION),
)
_KDO_ASSEN = 2
# Krzysztof Nowak moved into a home through Weer Thuis after a KDO stay: first and last night, in days
# before tonight.
_MOVED_HOME = (24, 130, 12)


def _add_way_to_a_home(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    """Admissions, an application for the KDO at Assen on its waiting list, one waiting for its intake,
    a housing referral under way and one person who moved into a home via Weer Thuis."""
    night_shelter, kdo = facilities[0], facilities[_KDO_ASSEN]
    for person_index, days, slept in _ADMISSIONS:
        asked = tonight - timedelta(days=days)
        session.add(
            AdmissionDecision(
                person_id=people[person_index].id,
                facility_id=night_shelter.id,
                requested_on=asked,
                outcome=AdmissionOutcome.ADMITTED,
                reason=AdmissionReason.FIRST_SHELTER,
                sleeping_situation=slept,
                investigation_due=investigation_due(asked),
                decided_by="Demo Balie",
            )
        )
    session.add(
        PlaceApplication(
            person_id=people[0].id,
            facility_id=kdo.id,
            referrer=Referrer.NIGHT_SHELTER,
            applied_on=tonight - timedelta(days=14),
            motivation="Komt al weken elke nacht, wil werken aan een eigen plek.",
            intake_on=tonight - timedelta(days=10),
            intake_note="Gemotiveerd; schulden in beeld bij de gemeente.",
            decision=ApplicationDecision.ADMITTED,
            decided_on=tonight - timedelta(days=8),
            decided_by="Demo Coördinator",
            status=ApplicationStatus.WAITING,
            created_by="Demo Balie",
        )
    )
    session.add(
        PlaceApplication(
            person_id=people[2].id,
            facility_id=kdo.id,
            referrer=Referrer.ADDICTION_CARE,
            applied_on=tonight - timedelta(days=3),
            motivation="Na detox: rust en begeleiding nodig.",
            status=ApplicationStatus.APPLIED,
            created_by="Demo Balie",
        )
    )
    session.add(
        HousingReferral(
            person_id=people[21].id,
            programme="Weer Thuis",
            status=HousingStatus.OFFERED,
            requested_on=tonight - timedelta(days=60),
            urgency_on=tonight - timedelta(days=30),
            offered_on=tonight - timedelta(days=5),
            created_by="Demo Balie",
        )
    )
    person_index, first, last = _MOVED_HOME
    person, bed = people[person_index], kdo.beds[3]
    stay = Stay(
        person_id=person.id,
        facility_id=kdo.id,
        start_night=tonight - timedelta(days=first),
        end_night=tonight - timedelta(days=last),
        outflow=Outflow.OWN_HOME,
    )
    for offset in range(first - last + 1):
        stay.nights.append(
            BedNight(
                person_id=person.id,
                bed_id=bed.id,
                night=stay.start_night + timedelta(days=offset),
                status=BedNightStatus.CHECKED_OUT,
            )
        )
    session.add(stay)
    session.flush()
    session.add(
        HousingReferral(
            person_id=person.id,
            programme="Weer Thuis",
            status=HousingStatus.MOVED,
            requested_on=tonight - timedelta(days=90),
            urgency_on=tonight - timedelta(days=60),
            offered_on=tonight - timedelta(days=25),
            moved_on=tonight - timedelta(days=last - 1),
            stay_id=stay.id,
            created_by="Demo Balie",
        )
    )


# A cold spell in Assen: the arrangement holds last night and tonight (phase 2), and the street
# outreach met two people tonight: Mehmet Çelik took a bed at Havenkade (an extra bed, open on a
# winter night), where he is expected; a man by the Vaart refused.
_STREET_PLACED = 14  # Mehmet Çelik: no bed of his own in the demo


def _add_winter_street(session: Session, facilities: list[Facility], people: list[Person], tonight: date) -> None:
    havenkade = facilities[0]
    activation = WinterActivation(
        region_id=havenkade.region_id,
        first_night=tonight - timedelta(days=1),
        last_night=tonight,
        phase=WinterPhase.TWO,
        remark="Strenge vorst (demo)",
        decided_by="Coördinator (demo)",
    )
    # The forecast it rested on (Drenthe's thresholds: phase 1 below −5 °C, phase 2 from −10 °C).
    for offset, temperature, wind_kmh in ((-1, -7.0, 18.0), (0, -9.0, 22.0)):
        felt = felt_temperature(temperature, wind_kmh).value
        activation.forecast.append(
            WinterForecastNight(
                night=tonight + timedelta(days=offset),
                temperature=temperature,
                wind_kmh=wind_kmh,
                felt=felt,
                phase=phase_for(felt, -5, -10),
            )
        )
    session.add(activation)
    session.flush()
    session.add(
        WinterActivationChange(
            activation_id=activation.id,
            by="Coördinator (demo)",
            action=ActivationChange.ACTIVATED,
            detail="fase 2: Strenge vorst (demo)",
        )
    )
    # As activating does: the contributions of the region's winter nights are waived.
    assen = [facility for facility in facilities if facility.region_id == havenkade.region_id]
    assen_beds = {bed.id for facility in assen for bed in facility.beds}
    for bed_night in session.scalars(
        select(BedNight).where(BedNight.night >= activation.first_night, BedNight.night <= activation.last_night)
    ):
        if bed_night.bed_id in assen_beds and bed_night.fee_status == FeeStatus.OWED.value:
            bed_night.fee_status = FeeStatus.WAIVED
    person = people[_STREET_PLACED]
    extra_bed = next(bed for bed in havenkade.beds if bed.is_overflow)
    stay = Stay(person_id=person.id, facility_id=havenkade.id, start_night=tonight)
    stay.nights.append(
        BedNight(
            person_id=person.id,
            bed_id=extra_bed.id,
            night=tonight,
            status=BedNightStatus.RESERVED,
            fee_cents=DEMO_FEE_CENTS,
            fee_status=FeeStatus.WAIVED,
        )
    )
    session.add(stay)
    session.add_all(
        [
            StreetContact(
                region_id=havenkade.region_id,
                night=tonight,
                seen_at=time(22, 50),
                place="Portiek Kerkplein",
                postcode="9401 GH",
                person_id=person.id,
                bed_offered=True,
                outcome=StreetOutcome.ACCEPTED,
                facility_id=havenkade.id,
                recorded_by="Coördinator (demo)",
            ),
            StreetContact(
                region_id=havenkade.region_id,
                night=tonight,
                seen_at=time(0, 40),
                place="Bankje aan de Vaart, zuidzijde",
                description="man, ca. 60, blauwe slaapzak",
                bed_offered=True,
                outcome=StreetOutcome.REFUSED,
                remark="Wil niet naar binnen; morgen opnieuw langs.",
                recorded_by="Coördinator (demo)",
            ),
        ]
    )
