"""Inzage: everything held about a person and every access-log line of their record, as PDF and JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import BytesIO

import jsonschema
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import Consent, PersonDetails
from shelter_desk.domain.plans import DEFAULT_DOMAINS
from shelter_desk.domain.postal import SenderKind
from shelter_desk.domain.roles import Role
from shelter_desk.domain.transfers import Factor
from shelter_desk.persistence.models import AccessLogEntry, Base, Facility
from shelter_desk.reports.inzage_data import INZAGE_SCHEMA
from shelter_desk.services.beds import assign_bed, check_in
from shelter_desk.services.handover import write_entry
from shelter_desk.services.people import add_note, load_person, update_person
from shelter_desk.services.plans import add_goal, start_plan
from shelter_desk.services.postal import log_mail, register_postal_address
from shelter_desk.services.transfers import decide, record_facts, request_transfer, start_investigation
from shelter_desk.services.transfers.investigations import FactInput
from shelter_desk.services.trust import inzage
from shelter_desk.services.trust.subject_access import NOT_SECTIONS, OTHER_PERSON, SECTIONS

pytestmark = pytest.mark.role(Role.COORDINATOR)
NIGHT = date(2026, 11, 24)


@pytest.fixture
def jan(desk, db, region):
    """Jan Berg with two nights, a postal address with mail, a decided investigation and transfer,
    a plan with a goal, a note, and a handover entry that also names Henk Bakker."""
    person = region.people["jan"]
    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city = "Havenkade 1", "9401 AB", "Assen"
    for night in (NIGHT - timedelta(days=1), NIGHT):
        check_in(desk, assign_bed(desk, person, region.beds["N1"], night))
    register_postal_address(desk, person, region.night_shelter, NIGHT, "Marieke", NIGHT)
    log_mail(desk, person, NIGHT, SenderKind.BENEFITS, sender="UWV Groningen")
    update_person(
        desk,
        person,
        PersonDetails(
            first_name="Jan",
            last_name="Berg",
            date_of_birth=DateOfBirth(date(1968, 3, 4)),
            consent=Consent.GIVEN,
            consent_date=NIGHT,
        ),
    )
    investigation = start_investigation(desk, person, NIGHT, NIGHT)
    record_facts(desk, investigation, [FactInput("0114", frozenset({Factor.SOCIAL_NETWORK}), 2, "", "zus")])
    decide(desk, investigation, "0114", "Netwerk en zorg zijn in Emmen.")
    request_transfer(desk, investigation, "mw. De Boer, Emmen", "telefoon")
    plan = start_plan(desk, person, "Mirjam", NIGHT + timedelta(days=60))
    add_goal(desk, plan, DEFAULT_DOMAINS[0], "Een eigen kamer")
    add_note(desk, person, "Vraagt naar werk bij de kringloop.")
    write_entry(
        desk,
        region.night_shelter,
        "Jan Berg en Henk Bakker hadden ruzie; Henk ging om 23:00 weg.",
        [
            person,
            region.people["henk"],
        ],
    )
    load_person(desk, person)
    return person


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_every_table_that_points_at_a_person_is_in_the_inzage():
    pointing = {
        table.name
        for table in Base.metadata.sorted_tables
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "person" and table.name != "person"
    }
    assert pointing - {part.table for part in SECTIONS} - set(NOT_SECTIONS) == set()


def test_the_json_validates_against_its_published_schema(desk, jan):
    files = inzage(desk, jan)
    document = json.loads(files.json)
    jsonschema.validate(document, INZAGE_SCHEMA)
    parts = {part["sleutel"]: part["rijen"] for part in document["onderdelen"]}
    assert len(parts["bed_night"]) == 2 and parts["mail_item"][0]["sender"] == "UWV Groningen"
    assert parts["transfer"] and parts["plan_goal"][0]["text"] == "Een eigen kamer"
    assert parts["person"][0]["date_of_birth"] == "1968-03-04"


def test_the_pdf_lists_every_access_log_line_of_the_record_with_the_chain_check(desk, db, jan):
    with db.read() as session:
        before = session.scalars(select(AccessLogEntry).where(AccessLogEntry.person_id == jan)).all()
    files = inzage(desk, jan)
    text = _pdf_text(files.pdf)
    document = json.loads(files.json)
    assert [line["regel"] for line in document["toegangslog"]["regels"]] == [entry.id for entry in before]
    assert document["toegangslog"]["keten_in_orde"] is True
    assert "de beveiligde keten klopt" in text.replace("\n", " ")
    assert f"alle {len(before)} regels over u" in text.replace("\n", " ")
    for entry in before:
        assert entry.at.astimezone().strftime("%d-%m-%Y") in text


def test_making_the_inzage_is_itself_logged(desk, db, jan):
    inzage(desk, jan)
    with db.read() as session:
        newest = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1)).one()
    assert (newest.person_id, newest.action) == (jan, "gegevens verstrekt")


def test_other_persons_names_in_a_shared_handover_entry_are_redacted(desk, jan):
    document = json.loads(inzage(desk, jan).json)
    entry = next(p for p in document["onderdelen"] if p["sleutel"] == "handover_entry")["rijen"][0]
    assert entry["text"] == f"Jan Berg en {OTHER_PERSON} hadden ruzie; {OTHER_PERSON} ging om 23:00 weg."


def test_the_front_desk_cannot_make_an_inzage(db, jan):
    from tests.conftest import _desk_as

    with pytest.raises(DeskError, match="coördinator"):
        inzage(_desk_as(db, Role.FRONT_DESK), jan)


@pytest.mark.role(Role.COORDINATOR)
def test_other_clients_in_an_incident_are_redacted_and_a_keep_apart_does_not_say_with_whom(desk, jan, region):
    from datetime import UTC, datetime

    from shelter_desk.domain.safety import IncidentKind, IncidentTerms, KeepApartScope, KeepApartTerms
    from shelter_desk.services.safety import keep_apart, record_incident

    henk = region.people["henk"]
    record_incident(
        desk,
        IncidentTerms(
            datetime(2026, 11, 24, 19, 0, tzinfo=UTC),
            region.night_shelter,
            IncidentKind.THREAT,
            "Henk Bakker bedreigde Jan Berg bij de deur.",
            (jan, henk),
        ),
    )
    keep_apart(desk, KeepApartTerms(jan, henk, KeepApartScope.FACILITY, "ruzie bij de deur", NIGHT, NIGHT))
    parts = json.loads(inzage(desk, jan).json)["onderdelen"]
    [incident] = [row for part in parts if part["sleutel"] == "incident" for row in part["rijen"]]
    assert incident["what_happened"] == f"{OTHER_PERSON} bedreigde Jan Berg bij de deur."
    [kept_apart] = [row for part in parts if part["sleutel"] == "keep_apart" for row in part["rijen"]]
    assert kept_apart["reason"] == "ruzie bij de deur" and "other_person_id" not in kept_apart
