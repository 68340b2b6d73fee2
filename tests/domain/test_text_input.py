"""The one gate for typed text: trimmed, within the column's length, no hidden characters; nights in a sane window."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import LINE_FIELDS, TEXT_FIELDS, PersonDetails
from shelter_desk.domain.text_input import FREE_TEXT_LIMIT, check_night, clean_line, clean_text

TODAY = date(2026, 11, 24)


def test_a_name_is_trimmed_and_inner_spaces_become_one():
    assert PersonDetails(first_name="  Jan   Willem ", last_name=" Berg").validated(TODAY).first_name == "Jan Willem"


def test_a_ten_thousand_character_name_is_refused_naming_the_limit():
    with pytest.raises(DeskError, match="De voornaam is te lang: hoogstens 80 tekens"):
        PersonDetails(first_name="A" * 10_000).validated(TODAY)


def test_a_name_of_exactly_the_limit_is_kept():
    assert PersonDetails(first_name="A" * 80).validated(TODAY).first_name == "A" * 80


@pytest.mark.parametrize("hidden", ["\x00", "\x07", "\x1b", "\x7f", "\u0085"])
def test_a_control_character_in_a_name_is_refused(hidden):
    with pytest.raises(DeskError, match="stuurteken"):
        PersonDetails(first_name=f"Jan{hidden}", last_name="Berg").validated(TODAY)


@pytest.mark.parametrize("override", ["\u202e", "\u202d", "\u2066", "\u2069"])
def test_a_direction_override_in_a_name_or_note_is_refused(override):
    with pytest.raises(DeskError, match="leesrichting"):
        PersonDetails(alias=f"Vogel{override}legoV").validated(TODAY)
    with pytest.raises(DeskError, match="leesrichting"):
        PersonDetails(alias="Vogel", safety_notes=f"let op {override}").validated(TODAY)


def test_a_lone_surrogate_is_refused_in_dutch():
    with pytest.raises(DeskError, match="losse surrogaat"):
        PersonDetails(last_name="Berg\udc80").validated(TODAY)


def test_every_problem_is_listed_at_once():
    with pytest.raises(DeskError) as refused:
        PersonDetails(first_name="J\x00", last_name="B" * 200, alias="\u202e").validated(TODAY)
    assert refused.value.message.count("\n") == 2


def test_a_note_keeps_its_line_breaks_but_not_a_nul():
    assert clean_text("  eerste regel\r\ntweede\tregel  ", "De notitie") == "eerste regel\ntweede\tregel"
    with pytest.raises(DeskError, match="stuurteken"):
        clean_text("regel\x00", "De notitie")


def test_free_text_has_a_limit_too():
    with pytest.raises(DeskError, match=f"hoogstens {FREE_TEXT_LIMIT} tekens"):
        clean_text("x" * (FREE_TEXT_LIMIT + 1), "De notitie")


def test_a_line_may_not_hold_a_line_break():
    assert clean_line("Jan\nBerg", "De naam", 80) == "Jan Berg"  # whitespace, folded


def test_a_pasted_identifier_is_refused_before_its_own_check():
    with pytest.raises(DeskError, match="Het BSN is te lang"):
        PersonDetails(alias="Vogel", bsn="1" * 10_000).validated(TODAY)


def test_the_domain_limits_are_the_lengths_the_columns_declare():
    from shelter_desk.persistence.models import Person

    for field, (_label, limit) in LINE_FIELDS.items():
        assert Person.__table__.c[field].type.length == limit, field
    for field in TEXT_FIELDS:
        assert Person.__table__.c[field].type.length is None, field


@pytest.mark.parametrize("night", [date(1900, 1, 1), date(1989, 12, 31), date(9999, 12, 31), date(2027, 11, 26)])
def test_a_night_outside_1990_to_a_year_ahead_is_refused(night):
    with pytest.raises(DeskError, match="buiten wat de balie kan bedoelen"):
        check_night(night, TODAY)


@pytest.mark.parametrize("night", [date(1990, 1, 1), TODAY, date(2027, 11, 25)])
def test_a_night_inside_the_window_is_accepted(night):
    assert check_night(night, TODAY) == night


def test_a_birth_date_is_not_a_night():
    # People born before 1990 are registered every evening: the night window is not for birth dates.
    details = PersonDetails(alias="Vogel", date_of_birth=DateOfBirth(date(1950, 1, 1))).validated(TODAY)
    assert details.date_of_birth is not None
