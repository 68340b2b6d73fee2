"""A spreadsheet row read as the desk reads it: names in one cell, dates in every shape, mapped columns."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.spreadsheet_import import (
    ImportKind,
    check_mapping,
    guess_mapping,
    parse_import_birth,
    parse_import_date,
    person_details_of,
    split_full_name,
)

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        ("Jansen, Piet", ("Piet", "", "Jansen")),
        ("Berg, Jan van der", ("Jan", "van der", "Berg")),
        ("Piet Jansen", ("Piet", "", "Jansen")),
        ("Jan van der  Berg", ("Jan", "van der", "Berg")),
        ("Kapitein", ("", "", "Kapitein")),
    ],
)
def test_a_name_in_one_cell_is_split_in_either_order(cell, parts):
    assert split_full_name(cell) == parts


@pytest.mark.parametrize(
    "cell",
    ["03-04-1980", "3/4/1980", "1980-04-03", "03041980", "29314", "29314.0", "1980/04/03", "1980-04-03 00:00:00"],
)
def test_every_usual_date_shape_and_an_excel_serial_number_read_as_the_same_day(cell):
    assert parse_import_date(cell, "De datum") == date(1980, 4, 3)


def test_a_year_alone_is_an_approximate_birth_year_not_an_excel_serial():
    assert parse_import_birth("1985", TODAY) == DateOfBirth(date(1985, 1, 1), approximate=True)


def test_a_date_that_is_no_date_is_refused_in_dutch():
    with pytest.raises(DeskError, match="niet te lezen als datum"):
        parse_import_date("gisteren", "De begindatum")


def test_a_row_gets_every_intake_rule_bsn_with_spaces_passes_the_elfproef():
    details = person_details_of({"naam": "Jansen, Piet", "bsn": "1112 22 333", "gemeentecode": "106"}, TODAY)
    assert (details.first_name, details.last_name, details.bsn) == ("Piet", "Jansen", "111222333")
    assert details.origin_municipality_code == "0106"


def test_every_problem_of_a_row_is_named_at_once():
    with pytest.raises(DeskError) as refused:
        person_details_of({"naam": "Piet\x07 Jansen", "bsn": "123", "geslacht": "?"}, TODAY)
    assert "stuurteken" in refused.value.message and "9 cijfers" in refused.value.message
    assert "Geslacht" in refused.value.message


def test_headers_are_mapped_by_name_synonym_or_the_remembered_choice():
    mapping = guess_mapping(
        ImportKind.PERSONS, ["Naam cliënt", "Geb. datum", "BSN", "Kolom X"], {"Kolom X": "telefoon"}
    )
    assert mapping == {"Naam cliënt": "naam", "Geb. datum": "geboortedatum", "BSN": "bsn", "Kolom X": "telefoon"}


def test_a_postal_mapping_needs_the_location_and_the_start():
    with pytest.raises(DeskError, match="locatie, begindatum"):
        check_mapping(ImportKind.POSTAL, {"Naam": "naam"})
