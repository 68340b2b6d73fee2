"""Beheer: facilities with their rules, regular and overflow beds, retiring a bed safely."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange, FacilityKind, FacilityTerms, parse_euro_cents
from shelter_desk.domain.roles import Role
from shelter_desk.services.admin.facilities import add_beds, facility_details, retire_bed, save_facility
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.beds.board import bed_board

HAVENKADE = FacilityTerms(
    "Nachtopvang Havenkade",
    FacilityKind.NIGHT_SHELTER,
    "0106",
    AgeRange(23, None),
    None,
    "Leger des Heils",
    "Havenkade 1",
    "9401ab",
    "Assen",
    400,
)


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_facility_is_created_with_its_rules_and_region(desk):
    facility_id = save_facility(desk, HAVENKADE)
    [details] = facility_details(desk)
    assert (details.facility_id, details.region, details.terms.postcode) == (facility_id, "Regio Assen", "9401 AB")


@pytest.mark.role(Role.ADMINISTRATOR)
def test_beds_are_numbered_on_and_overflow_beds_are_called_u(desk):
    facility_id = save_facility(desk, HAVENKADE)
    assert add_beds(desk, facility_id, 8) == [str(n) for n in range(1, 9)]
    assert add_beds(desk, facility_id, 2, overflow=True) == ["U1", "U2"]
    assert add_beds(desk, facility_id, 1) == ["9"]


@pytest.mark.role(Role.ADMINISTRATOR)
def test_two_facilities_cannot_share_a_name(desk):
    save_facility(desk, HAVENKADE)
    with pytest.raises(DeskError, match="al een voorziening"):
        save_facility(desk, HAVENKADE)


def test_an_age_range_ending_before_it_starts_is_refused():
    with pytest.raises(DeskError, match="maximumleeftijd"):
        AgeRange(23, 18)


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_wrong_postcode_is_refused_and_nothing_saved(desk):
    from dataclasses import replace

    with pytest.raises(DeskError) as refused:
        save_facility(desk, replace(HAVENKADE, postcode="1234"))
    assert "postcode" in refused.value.message.lower()
    assert facility_details(desk) == []


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_bed_in_use_tonight_cannot_be_retired(desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], date(2026, 11, 24))
    with pytest.raises(DeskError, match="nog vergeven"):
        retire_bed(desk, region.beds["N1"])
    retire_bed(desk, region.beds["N2"])
    night_shelter = next(b for b in bed_board(desk, date(2026, 11, 24)) if b.name == "Nachtopvang Assen")
    assert [cell.label for cell in night_shelter.beds] == ["1", "3", "U1"]


def test_amounts_are_typed_with_a_dutch_comma():
    assert parse_euro_cents("€ 4,50") == 450 and parse_euro_cents("") is None
    with pytest.raises(DeskError, match="geen bedrag"):
        parse_euro_cents("vier")


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_drop_in_is_a_facility_without_beds(desk):
    from dataclasses import replace

    drop_in = save_facility(
        desk,
        replace(
            HAVENKADE,
            name="Inloop Havenkade",
            kind=FacilityKind.DROP_IN,
            ages=AgeRange(None, None),
            night_fee_cents=None,
        ),
    )
    with pytest.raises(DeskError, match="heeft geen bedden"):
        add_beds(desk, drop_in, 3)
    assert all(board.facility_id != drop_in for board in bed_board(desk, date(2026, 11, 24)))
