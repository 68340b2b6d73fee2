"""Client documents follow the person's document language: chosen at intake or later, Dutch by default."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.persistence.models import AccessLogEntry, Facility
from shelter_desk.services.documents import house_rules_pdf, postal_consent_pdf
from shelter_desk.services.people import load_person, register_person, update_person
from shelter_desk.services.postal import register_postal_address


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return " ".join(out.split())


def test_a_new_person_gets_dutch_documents(desk):
    person = register_person(desk, PersonDetails(first_name="Kees", last_name="Smit"))
    assert load_person(desk, person).details.document_language == "nl"


def test_the_language_chosen_at_intake_is_stored(desk):
    person = register_person(desk, PersonDetails(first_name="Łukasz", last_name="Nowak", document_language="pl"))
    assert load_person(desk, person).details.document_language == "pl"


def test_the_language_can_be_changed_on_the_record(desk):
    person = register_person(desk, PersonDetails(first_name="Ahmed", last_name="Hassan"))
    update_person(desk, person, PersonDetails(first_name="Ahmed", last_name="Hassan", document_language="ar"))
    assert load_person(desk, person).details.document_language == "ar"


def test_a_language_without_texts_is_refused_and_the_record_stays(desk):
    person = register_person(desk, PersonDetails(first_name="Ahmed", last_name="Hassan", document_language="ar"))
    with pytest.raises(DeskError, match="Voor de taal 'xx' zijn geen documentteksten"):
        update_person(desk, person, PersonDetails(first_name="Ahmed", last_name="Hassan", document_language="xx"))
    assert load_person(desk, person).details.document_language == "ar"


def test_the_house_rules_print_in_the_persons_language_with_the_name(desk, region):
    person = register_person(desk, PersonDetails(first_name="Łukasz", last_name="Wiśniewski", document_language="pl"))
    text = _text(house_rules_pdf(desk, person))
    assert "Regulamin" in text and "Imię i nazwisko: Łukasz Wiśniewski" in text
    assert "Zakaz alkoholu i narkotyków w budynku." in text


def test_a_language_asked_for_wins_over_the_persons(desk, region):
    person = register_person(desk, PersonDetails(first_name="Łukasz", last_name="Wiśniewski", document_language="pl"))
    assert "Вътрешен правилник" in _text(house_rules_pdf(desk, person, "bg"))


def test_printing_a_persons_document_is_logged(db, desk, region):
    person = register_person(desk, PersonDetails(first_name="Ion", last_name="Pop", document_language="ro"))
    house_rules_pdf(desk, person)
    with db.read() as session:
        details = session.scalars(select(AccessLogEntry.detail).where(AccessLogEntry.person_id == person)).all()
    assert "huisregels (ro)" in details


def test_the_postal_consent_names_the_person_in_their_language(db, desk, region):
    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city, facility.provider = "Havenkade 1", "9401 AB", "Assen", "LdH"
    person = register_person(desk, PersonDetails(first_name="Ion", last_name="Pop", document_language="ro"))
    register_postal_address(desk, person, region.night_shelter, desk.today(), "J. de Vries", desk.today())
    text = _text(postal_consent_pdf(desk, person))
    assert "Acord pentru o adresă de corespondență" in text and "Ion Pop" in text
    assert "Toestemming voor een briefadres" in text  # the Dutch text at the foot


def test_a_postal_consent_without_a_postal_address_is_refused(desk, region):
    person = register_person(desk, PersonDetails(first_name="Ion", last_name="Pop"))
    with pytest.raises(DeskError, match="geen \\(aangevraagd of actief\\) postadres"):
        postal_consent_pdf(desk, person)


def test_the_blank_house_rules_print_without_a_person(desk, region):
    assert "House rules" in _text(house_rules_pdf(desk, None, "en"))
