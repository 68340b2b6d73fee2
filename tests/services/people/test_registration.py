"""Registering a person: every bad input refused in Dutch with nothing saved; never twice."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import Consent, Gender, HomelessnessRoute, PersonDetails
from shelter_desk.services.kernel.database_setup import summarise
from shelter_desk.services.people.records import (
    DuplicateBsn,
    PossibleDuplicates,
    add_note,
    load_person,
    register_person,
    update_person,
)

JAN = PersonDetails(
    first_name="Jan",
    name_prefix="van der",
    last_name="Berg",
    date_of_birth=DateOfBirth(date(1968, 3, 4)),
    bsn="111222333",
)


def _persons(db) -> int:
    return summarise(db).persons


def test_a_full_record_is_stored_and_read_back_unchanged(desk):
    details = PersonDetails(
        first_name="Marieke",
        name_prefix="de",
        last_name="Vries",
        date_of_birth=DateOfBirth(date(1994, 2, 14)),
        gender=Gender.VROUW,
        bsn="123456782",
        nationality="Nederlandse",
        origin_municipality_code="1681",
        last_street="Kerkstraat 1",
        last_postcode="9401 AB",
        last_city="Assen",
        phone="06 12345678",
        homelessness_route=HomelessnessRoute.EVICTION,
        consent=Consent.GIVEN,
        consent_date=date(2026, 11, 24),
        safety_notes="Bang voor honden",
    )
    record = load_person(desk, register_person(desk, details))
    assert record.details == details
    assert record.origin == "Borger-Odoorn"
    assert record.missing == []


def test_a_newcomer_with_only_an_alias_and_a_year_is_registered_and_told_what_is_missing(desk):
    record = load_person(
        desk, register_person(desk, PersonDetails(alias="Sjors", date_of_birth=DateOfBirth(date(1975, 1, 1), True)))
    )
    assert record.name == "Sjors" and record.age == "ca. 51 jaar"
    assert "gemeente van herkomst" in record.missing


@pytest.mark.parametrize("bsn", ["111222334", "11122233", "1112223334", "11122233A"])
def test_a_wrong_bsn_is_refused_and_nothing_is_saved(desk, db, bsn):
    with pytest.raises(DeskError):
        register_person(desk, PersonDetails(first_name="Jan", bsn=bsn))
    assert _persons(db) == 0


@pytest.mark.parametrize("born", [date(2027, 1, 1), date(1899, 12, 31)])
def test_an_impossible_date_of_birth_is_refused_and_nothing_is_saved(desk, db, born):
    with pytest.raises(DeskError):
        register_person(desk, PersonDetails(first_name="Jan", date_of_birth=DateOfBirth(born)))
    assert _persons(db) == 0


def test_no_name_and_no_alias_is_refused_and_nothing_is_saved(desk, db):
    with pytest.raises(DeskError, match="naam of een roepnaam"):
        register_person(desk, PersonDetails(first_name="", alias=""))
    assert _persons(db) == 0


@pytest.mark.parametrize("postcode", ["1234", "ABCD 12"])
def test_a_wrong_postcode_is_refused_and_nothing_is_saved(desk, db, postcode):
    with pytest.raises(DeskError, match="postcode"):
        register_person(desk, PersonDetails(first_name="Jan", last_postcode=postcode))
    assert _persons(db) == 0


def test_an_unknown_municipality_code_is_refused(desk, db):
    with pytest.raises(DeskError, match="gemeentelijst"):
        register_person(desk, PersonDetails(first_name="Jan", origin_municipality_code="9999"))
    assert _persons(db) == 0


def test_the_same_bsn_twice_is_a_hard_stop_naming_the_existing_record(desk, db):
    first = register_person(desk, JAN)
    with pytest.raises(DuplicateBsn) as refused:
        register_person(
            desk, PersonDetails(first_name="Johannes", last_name="Anders", bsn="111222333"), accept_similar=True
        )
    assert refused.value.existing_id == first
    assert "Jan van der Berg" in refused.value.message
    assert _persons(db) == 1


def test_a_similar_name_with_the_same_birth_date_is_a_warning_listing_the_candidates(desk, db):
    register_person(desk, JAN)
    with pytest.raises(PossibleDuplicates) as warned:
        register_person(
            desk, PersonDetails(first_name="Jan", last_name="Bergh", date_of_birth=DateOfBirth(date(1968, 3, 4)))
        )
    assert [c.name for c in warned.value.candidates] == ["Jan van der Berg"]
    assert _persons(db) == 1


def test_the_desk_may_save_anyway_after_looking_at_the_candidates(desk, db):
    register_person(desk, JAN)
    register_person(
        desk,
        PersonDetails(first_name="Jan", last_name="Bergh", date_of_birth=DateOfBirth(date(1968, 3, 4))),
        accept_similar=True,
    )
    assert _persons(db) == 2


def test_a_different_person_with_a_common_name_is_not_a_duplicate(desk):
    register_person(desk, JAN)
    register_person(
        desk, PersonDetails(first_name="Jan", last_name="Berg", date_of_birth=DateOfBirth(date(1999, 9, 9)))
    )


def test_an_update_cannot_take_a_bsn_that_someone_else_holds(desk):
    register_person(desk, JAN)
    other = register_person(desk, PersonDetails(first_name="Piet", last_name="Dijk"))
    with pytest.raises(DuplicateBsn):
        update_person(desk, other, PersonDetails(first_name="Piet", last_name="Dijk", bsn="111222333"))
    assert load_person(desk, other).details.bsn == ""


def test_a_note_is_kept_with_its_author(desk):
    person = register_person(desk, JAN)
    add_note(desk, person, "Heeft een afspraak bij de GGD op maandag.")
    assert [(n.written_by, n.text) for n in load_person(desk, person).notes] == [
        ("test-balie", "Heeft een afspraak bij de GGD op maandag.")
    ]


def test_an_empty_note_is_refused(desk):
    person = register_person(desk, JAN)
    with pytest.raises(DeskError, match="lege notitie"):
        add_note(desk, person, "   ")
