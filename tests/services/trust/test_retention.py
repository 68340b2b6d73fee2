"""Retention: after the period without contact a coordinator lists and anonymises; counts stay."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import BedNight
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.records import load_person, register_person
from shelter_desk.services.trust.retention import anonymise, retention_candidates


@pytest.fixture
def old_and_recent(db, region, desk):
    """Someone last seen in 2014, someone seen this week (region fixture people are recent)."""
    past = Desk(db, clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=UTC), user=desk.user)
    old = register_person(
        past,
        PersonDetails(
            first_name="Oud",
            last_name="Contact",
            bsn="111222333",
            date_of_birth=DateOfBirth(date(1950, 6, 1)),
            phone="0612345678",
        ),
    )
    assign_bed(past, old, region.beds["N1"], date(2014, 3, 1))
    assign_bed(desk, region.people["jan"], region.beds["N1"], date(2026, 11, 20))
    return old


@pytest.mark.role(Role.COORDINATOR)
def test_only_people_without_contact_for_ten_years_are_listed(desk, old_and_recent):
    assert [c.person_id for c in retention_candidates(desk)] == [old_and_recent]


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_removes_identity_and_keeps_the_counts(desk, db, old_and_recent):
    anonymise(desk, [old_and_recent])
    details = load_person(desk, old_and_recent).details
    assert (details.first_name, details.last_name, details.alias, details.bsn, details.phone) == (
        "",
        "",
        "geanonimiseerd",
        "",
        "",
    )
    assert details.date_of_birth == DateOfBirth(date(1950, 1, 1), approximate=True)
    with db.read() as session:
        assert (
            session.scalar(select(func.count()).select_from(BedNight).where(BedNight.person_id == old_and_recent)) == 1
        )


@pytest.mark.role(Role.COORDINATOR)
def test_someone_with_recent_contact_is_not_anonymised(desk, region, old_and_recent):
    with pytest.raises(DeskError, match="niets geanonimiseerd"):
        anonymise(desk, [old_and_recent, region.people["jan"]])
    assert load_person(desk, old_and_recent).details.first_name == "Oud"


# --- anonymisation leaves nothing: a scan of every text in the database ---------------------------------

NEEDLES = (
    "zwaantje",
    "kwakkelstein",
    "kwakkelstijn",
    "pluimpje",
    "111222333",
    "111 222 333",
    "1112.22.333",
    "1957-08-13",
    "13-08-1957",
    "13-8-1957",
    "13/08/1957",
    "13 augustus 1957",
)
# How a desk writes about her in other people's records: every form of her identifiers.
MENTION = (
    "Ruzie met Zwaantje Kwakkelstein (Pluimpje), bsn 111 222 333 of 1112.22.333, "
    "geb. 13-8-1957 of 13/08/1957 of 13 augustus 1957."
)
PAST_NIGHT = date(2014, 3, 1)


def _everything_about_zwaantje(db, region):
    """One person, written about everywhere a desk can write about a person, in 2014."""
    from shelter_desk.domain.person_details import Consent
    from shelter_desk.domain.postal import EndReason, SenderKind
    from shelter_desk.domain.restrictions import RestrictionTerms
    from shelter_desk.domain.roles import DeskUser
    from shelter_desk.domain.safety import (
        EscalationTerms,
        IncidentKind,
        IncidentTerms,
        KeepApartScope,
        KeepApartTerms,
        SafetyNetwork,
    )
    from shelter_desk.domain.stays import TurnawayReason
    from shelter_desk.domain.street_contacts import StreetContactTerms, StreetOutcome
    from shelter_desk.domain.transfers import Factor
    from shelter_desk.domain.winter import ActivationTerms, WinterPhase
    from shelter_desk.persistence.models import Facility
    from shelter_desk.services.beds import record_turnaway
    from shelter_desk.services.handover import write_entry
    from shelter_desk.services.imports import ImportKind, RowOutcome, run_import
    from shelter_desk.services.outreach import record_street_contact
    from shelter_desk.services.people import add_note, add_restriction, merge_persons, update_person
    from shelter_desk.services.postal import end_postal_address, hand_out, log_mail, register_postal_address
    from shelter_desk.services.safety import escalate, keep_apart, record_incident, restriction_from_incident
    from shelter_desk.services.transfers import (
        answer_transfer,
        decide,
        record_facts,
        request_transfer,
        start_investigation,
    )
    from shelter_desk.services.transfers.investigations import FactInput
    from shelter_desk.services.trust import inzage
    from shelter_desk.services.winter import activate

    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city, facility.provider = (
            "Havenkade 1",
            "9401 AB",
            "Assen",
            "Leger des Heils",
        )
    past = Desk(
        db,
        clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=UTC),
        user=DeskUser(1, "coordinator", "Coördinator", Role.COORDINATOR),
    )
    born = DateOfBirth(date(1957, 8, 13))
    story = "Zwaantje Kwakkelstein (Pluimpje), BSN 111222333, geboren 13-08-1957 / 1957-08-13"
    person = register_person(
        past,
        PersonDetails(
            first_name="Zwaantje",
            last_name="Kwakkelstein",
            alias="Pluimpje",
            bsn="111222333",
            date_of_birth=born,
            phone="0612345678",
            safety_notes=story,
        ),
    )
    twin = register_person(
        past,
        PersonDetails(
            first_name="Zwaantje", last_name="Kwakkelstijn", date_of_birth=born, last_city="Kwakkelstein-dorp"
        ),
        accept_similar=True,
    )
    merge_persons(past, person, twin, reason=story)
    update_person(
        past,
        person,
        PersonDetails(
            first_name="Zwaantje",
            last_name="Kwakkelstein",
            alias="Pluimpje",
            bsn="111222333",
            date_of_birth=born,
            origin_municipality_code="0114",
            consent=Consent.GIVEN,
            consent_date=PAST_NIGHT,
            safety_notes=story,
        ),
    )
    add_note(past, person, story)
    add_restriction(past, person, RestrictionTerms(region.night_shelter, PAST_NIGHT, PAST_NIGHT, story, False))
    assign_bed(past, person, region.beds["N1"], PAST_NIGHT, overrule_reason=story)
    imported = run_import(
        past,
        ImportKind.STAYS,
        "Naam;Geboortedatum;BSN;Locatie;Eerste nacht;Laatste nacht\r\n"
        "Kwakkelstein, Zwaantje;13-08-1957;111 22 2333;Nachtopvang Assen;01-02-2014;10-02-2014\r\n".encode("cp1252"),
        "kwakkelstein.csv",
    )
    assert imported.count(RowOutcome.CREATED) == 1  # a stay of the known person, from a spreadsheet
    inzage(past, person)  # given to the person: logged, and nothing of it may outlive the anonymisation
    record_turnaway(
        past,
        PAST_NIGHT,
        TurnawayReason.OTHER,
        person_id=person,
        description="Zwaantje K., ca. 56",
        referred_to="zus van Kwakkelstein",
        remark=story,
    )
    activate(past, "0106", ActivationTerms(PAST_NIGHT, PAST_NIGHT, WinterPhase.TWO, "vorst"))
    record_street_contact(
        past,
        "0106",
        StreetContactTerms(
            PAST_NIGHT,
            time(23, 0),
            story,
            StreetOutcome.REFUSED,
            True,
            person_id=person,
            description="Zwaantje K., ca. 56",
            remark=story,
        ),
    )
    investigation = start_investigation(past, person, PAST_NIGHT, PAST_NIGHT)
    record_facts(past, investigation, [FactInput("0114", frozenset({Factor.SOCIAL_NETWORK}), 2, story, story)])
    decide(past, investigation, "0114", story)
    transfer = request_transfer(past, investigation, "Kwakkelstein via Pluimpje", story[:200])
    answer_transfer(past, transfer, False, PAST_NIGHT, story)
    postal = register_postal_address(
        past, person, region.night_shelter, PAST_NIGHT, "Zwaantje Kwakkelstein", PAST_NIGHT
    )
    mail = log_mail(past, person, PAST_NIGHT, SenderKind.MUNICIPALITY, sender="Kwakkelstein sr.")
    hand_out(past, person, [mail], "Pluimpje zelf", True)
    end_postal_address(past, postal, PAST_NIGHT, EndReason.OTHER, remark=story)
    _on_the_way_to_a_home(past, person, region, story)
    incident = record_incident(
        past,
        IncidentTerms(
            datetime(2014, 3, 1, 19, 0, tzinfo=UTC),
            region.night_shelter,
            IncidentKind.THREAT,
            story,
            (person,),
            unknown_person=story,
            what_was_done=story,
        ),
    )
    restriction_from_incident(
        past, incident, person, RestrictionTerms(region.night_shelter, PAST_NIGHT, PAST_NIGHT, story, True)
    )
    keep_apart(
        past,
        KeepApartTerms(person, region.people["jan"], KeepApartScope.FACILITY, story, PAST_NIGHT, PAST_NIGHT),
    )
    escalate(
        past,
        EscalationTerms(person, SafetyNetwork.MELDPUNT_OGGZ, PAST_NIGHT, story[:120], "0612345678", story, story),
    )
    # Other people's records naming her: Jan's note, a handover entry and an incident about Jan only.
    jan = region.people["jan"]
    add_note(past, jan, MENTION)
    write_entry(past, region.night_shelter, MENTION, [jan])
    record_incident(
        past,
        IncidentTerms(
            datetime(2014, 3, 1, 19, 30, tzinfo=UTC), region.night_shelter, IncidentKind.NUISANCE, MENTION, (jan,)
        ),
    )
    return person


def _on_the_way_to_a_home(past, person, region, story):
    """The admission decision, an application for the KDO and a housing referral, each with the story."""
    from shelter_desk.domain.trajectory import (
        AdmissionOutcome,
        AdmissionReason,
        ApplicationDecision,
        Referrer,
        SleepingSituation,
    )
    from shelter_desk.services.trajectory import (
        apply_for_place,
        decide_application,
        record_admission,
        record_intake,
        refer_to_housing,
    )

    record_admission(
        past,
        person,
        region.night_shelter,
        PAST_NIGHT,
        AdmissionOutcome.ADMITTED,
        AdmissionReason.FIRST_SHELTER.value,
        SleepingSituation.OUTSIDE,
        story,
    )
    application = apply_for_place(past, person, region.kdo, Referrer.OGGZ, PAST_NIGHT, story)
    record_intake(past, application, PAST_NIGHT, story)
    decide_application(past, application, ApplicationDecision.REFUSED, PAST_NIGHT, story)
    refer_to_housing(past, person, "Weer Thuis", PAST_NIGHT, story)


def _texts_in_database(db) -> dict[str, list[str]]:
    """Every value of every column of every table, as text: found by reflecting the file, not from a list."""
    from sqlalchemy import MetaData, String, cast

    reflected = MetaData()
    with db.read() as session:
        reflected.reflect(bind=session.connection())
        found: dict[str, list[str]] = {}
        for table in reflected.sorted_tables:
            for column in table.columns:
                values = session.scalars(select(cast(column, String)).where(column.is_not(None))).all()
                found[f"{table.name}.{column.name}"] = [value.lower() for value in values]
    return found


def _traces(db) -> list[str]:
    return sorted(
        {
            f"{where}: {needle}"
            for where, values in _texts_in_database(db).items()
            for value in values
            for needle in NEEDLES
            if needle in value
        }
    )


@pytest.mark.role(Role.COORDINATOR)
def test_the_scan_finds_the_person_everywhere_before_anonymising(desk, db, region):
    _everything_about_zwaantje(db, region)
    places = {trace.split(":")[0] for trace in _traces(db)}
    assert {
        "person.first_name",
        "person_note.text",
        "person_merge.absorbed_before",
        "turnaway.description",
        "street_contact.place",
        "street_contact.description",
        "street_contact.remark",
        "bed_night.override_reason",
        "investigation_fact.note",
        "transfer.refusal_reason",
        "postal_address.consent_by",
        "mail_item.sender",
        "person.date_of_birth",
        "admission_decision.remark",
        "place_application.motivation",
        "place_application.decision_reason",
        "housing_referral.remark",
        "incident.what_happened",
        "incident.unknown_person",
        "keep_apart.reason",
        "escalation.desk_instruction",
    } <= places


@pytest.mark.role(Role.COORDINATOR)
def test_after_anonymising_no_text_in_the_database_holds_the_name_alias_birth_date_or_bsn(desk, db, region):
    person = _everything_about_zwaantje(db, region)
    assert person in {c.person_id for c in retention_candidates(desk)}
    anonymise(desk, [person])
    assert _traces(db) == []


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_keeps_the_counts_the_monitor_needs(desk, db, region):
    from shelter_desk.persistence.models import Person, Turnaway

    person = _everything_about_zwaantje(db, region)
    anonymise(desk, [person])
    with db.read() as session:
        kept = session.get(Person, person)
        assert kept.date_of_birth == date(1957, 1, 1) and kept.origin_municipality_code == "0114"
        assert session.scalar(select(func.count()).select_from(Turnaway).where(Turnaway.person_id == person)) == 1
        assert session.scalar(select(func.count()).select_from(BedNight).where(BedNight.person_id == person)) == 1


def test_every_text_column_next_to_a_person_is_either_scrubbed_or_kept_on_purpose():
    from sqlalchemy import String, Text

    from shelter_desk.persistence.models import Base
    from shelter_desk.persistence.types import StoredEnum
    from shelter_desk.services.trust.retention import FREE_TEXT, KEPT

    for table in Base.metadata.sorted_tables:
        points_at_person = any(fk.column.table.name == "person" for fk in table.foreign_keys)
        if table.name == "person" or not (points_at_person or table.name == "investigation_fact"):
            continue
        texts = {c.name for c in table.columns if isinstance(c.type, (String, Text, StoredEnum))}
        decided = set(FREE_TEXT.get(table.name, ())) | set(KEPT.get(table.name, ()))
        assert texts == decided, table.name


@pytest.mark.role(Role.COORDINATOR)
def test_a_mention_in_another_persons_record_is_replaced_and_the_rest_of_the_text_stays(desk, db, region):
    from shelter_desk.persistence.models import HandoverEntry, Incident, PersonNote

    person = _everything_about_zwaantje(db, region)
    anonymise(desk, [person])
    expected = (
        "Ruzie met [geanonimiseerd] ([geanonimiseerd]), bsn [geanonimiseerd] of [geanonimiseerd], "
        "geb. [geanonimiseerd] of [geanonimiseerd] of [geanonimiseerd]."
    )
    with db.read() as session:
        jan = region.people["jan"]
        assert session.scalars(select(PersonNote.text).where(PersonNote.person_id == jan)).all() == [expected]
        assert expected in session.scalars(select(HandoverEntry.text)).all()
        assert expected in session.scalars(select(Incident.what_happened)).all()


@pytest.mark.role(Role.COORDINATOR)
@pytest.mark.sqlite_only("reads the bytes of the SQLite file and its side files")
def test_right_after_anonymising_with_the_desk_still_open_no_file_holds_any_identifier(desk, db, region, location):
    person = _everything_about_zwaantje(db, region)
    load_person(desk, region.people["jan"])  # the desk keeps reading: its connections stay open
    anonymise(desk, [person])
    files = sorted(p for p in location.path.parent.iterdir() if p.name.startswith(location.path.name))
    assert location.path in files
    found = {
        f"{path.name}: {needle}" for path in files for needle in NEEDLES if needle.encode() in path.read_bytes().lower()
    }
    assert sorted(found) == []


@pytest.mark.role(Role.COORDINATOR)
@pytest.mark.sqlite_only("reads the bytes of the SQLite file")
def test_after_anonymising_not_even_the_file_bytes_hold_the_name_or_bsn(desk, db, region, location):
    person = _everything_about_zwaantje(db, region)
    anonymise(desk, [person])
    db.close()  # checkpoints the write-ahead log into the file
    raw = location.path.read_bytes().lower()
    assert [needle for needle in NEEDLES if needle.encode() in raw] == []


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_withdraws_the_persons_client_card(desk, db, region, old_and_recent):
    from shelter_desk.domain.cards import CardName
    from shelter_desk.services.cards import issue_card, person_for_card

    past = Desk(db, clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=UTC), user=desk.user)
    card = issue_card(past, old_and_recent, CardName.FIRST_NAME, region.night_shelter)
    anonymise(desk, [old_and_recent])
    with pytest.raises(DeskError, match="niet meer geldig: ingetrokken"):
        person_for_card(desk, card.number)
