"""A desk acts on its own location and region.

The Assen desk's no-show release and its undo leave Emmen's reservations alone unless the worker
chooses Emmen; the confirmation names the places. A proposal stays in the desk's region when it
can, and a bed elsewhere or of another kind says why.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.stays import BedState
from shelter_desk.persistence.models import Bed, Facility
from shelter_desk.services.beds import (
    assign_bed,
    no_shows_due,
    person_tonight,
    release_no_shows,
    undo_no_show_release,
)
from shelter_desk.services.beds.board import bed_board
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.people.records import register_person

NIGHT = date(2026, 11, 24)
AT_2000 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)  # 20:00 in Assen
AT_2330 = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)


@pytest.fixture
def emmen(db, region):
    """Emmen's night shelter, in the region of Emmen (the `region` fixture is Assen's)."""
    with db.write() as session:
        facility = Facility(
            region=ensure_region(session, "0114"),
            name="Nachtopvang Emmen",
            kind=FacilityKind.NIGHT_SHELTER,
            min_age=23,
            city="Emmen",
        )
        facility.beds = [Bed(label=str(n), position=n) for n in range(1, 4)]
        session.add(facility)
        session.flush()
        return facility.id, {b.label: b.id for b in facility.beds}, facility.region_id


def _person(desk, first, last="Gast", born=date(1980, 5, 5)):
    return register_person(
        desk, PersonDetails(first_name=first, last_name=last, date_of_birth=DateOfBirth(born) if born else None)
    )


@pytest.fixture
def reserved_in_both(db, region, emmen):
    """At 20:00 Jan reserved in Assen, Kees in Emmen; at 23:30 neither has come."""
    evening = Desk(db, clock=lambda: AT_2000, user=COMMAND_LINE)
    assign_bed(evening, region.people["jan"], region.beds["N1"], NIGHT)
    assign_bed(evening, _person(evening, "Kees", "Vos"), emmen[1]["1"], NIGHT)
    return Desk(db, clock=lambda: AT_2330, user=COMMAND_LINE)


def _state(desk, bed_id):
    return next(c.state for b in bed_board(desk, NIGHT) for c in b.beds if c.bed_id == bed_id)


def test_the_no_show_release_of_the_assen_desk_leaves_emmens_reservations(reserved_in_both, region, emmen):
    late = reserved_in_both
    assert release_no_shows(late, NIGHT) == 1
    assert _state(late, region.beds["N1"]) is BedState.FREE
    assert _state(late, emmen[1]["1"]) is BedState.RESERVED


def test_the_confirmation_names_the_desks_own_places_and_only_their_no_shows(reserved_in_both):
    preview = no_shows_due(reserved_in_both, NIGHT)
    assert preview.facilities == ("Jongerenopvang Assen", "Nachtopvang Assen")
    assert [n.person for n in preview.due] == ["Jan Berg"]


def test_a_desk_set_to_emmen_releases_emmens_no_shows(reserved_in_both, region, emmen):
    late = reserved_in_both
    late.region_id = emmen[2]
    assert [n.person for n in no_shows_due(late, NIGHT).due] == ["Kees Vos"]
    assert release_no_shows(late, NIGHT) == 1
    assert _state(late, region.beds["N1"]) is BedState.RESERVED


def test_a_worker_who_chooses_emmen_releases_there_and_the_confirmation_says_so(reserved_in_both, region, emmen):
    late = reserved_in_both
    preview = no_shows_due(late, NIGHT, [emmen[0]])
    assert preview.facilities == ("Nachtopvang Emmen",) and [n.person for n in preview.due] == ["Kees Vos"]
    assert release_no_shows(late, NIGHT, facility_ids=[emmen[0]]) == 1
    assert _state(late, emmen[1]["1"]) is BedState.FREE and _state(late, region.beds["N1"]) is BedState.RESERVED


def test_a_confirmed_name_of_another_region_is_not_released_by_the_own_desk(reserved_in_both, region, emmen):
    late = reserved_in_both
    kees = no_shows_due(late, NIGHT, [emmen[0]]).due[0].bed_night_id
    assert release_no_shows(late, NIGHT, [kees]) == 0
    assert _state(late, emmen[1]["1"]) is BedState.RESERVED


def test_undo_gives_back_only_the_own_places_releases(db, reserved_in_both, region, emmen):
    late = reserved_in_both
    release_no_shows(late, NIGHT)
    release_no_shows(late, NIGHT, facility_ids=[emmen[0]])
    # The night is still tonight at 23:30: the undo may run.
    assert undo_no_show_release(late, NIGHT) == (1, [])
    assert _state(late, region.beds["N1"]) is BedState.RESERVED
    assert _state(late, emmen[1]["1"]) is BedState.FREE
    assert undo_no_show_release(late, NIGHT, [emmen[0]]) == (1, [])
    assert _state(late, emmen[1]["1"]) is BedState.RESERVED


def _fill_assen_night_shelter(desk, region):
    for (first, last, year), label in zip(
        (("Anna", "Smit", 1971), ("Bram", "Mulder", 1983), ("Cor", "Dekker", 1959)), ("N1", "N2", "N3"), strict=True
    ):
        assign_bed(desk, _person(desk, first, last, date(year, 2, 3)), region.beds[label], NIGHT)


def test_a_newcomer_is_proposed_a_bed_in_the_desks_own_region_first(desk, region, emmen):
    offer = person_tonight(desk, _person(desk, "Piet"), NIGHT).offer
    assert offer is not None and offer.facility == "Nachtopvang Assen" and offer.why == ""


def test_a_bed_in_another_region_says_the_own_region_is_full(desk, region, emmen):
    _fill_assen_night_shelter(desk, region)
    offer = person_tonight(desk, _person(desk, "Piet"), NIGHT).offer
    assert offer is not None and offer.facility == "Nachtopvang Emmen"
    assert offer.why == "Emmen: Assen is vol"


def test_a_desk_in_emmen_is_proposed_emmen_first(desk, region, emmen):
    desk.region_id = emmen[2]
    offer = person_tonight(desk, _person(desk, "Piet"), NIGHT).offer
    assert offer is not None and offer.facility == "Nachtopvang Emmen" and offer.why == ""


def test_a_youth_bed_says_it_is_a_youth_bed_and_the_persons_age(desk, region):
    offer = person_tonight(desk, region.people["sem"], NIGHT).offer
    assert offer is not None and offer.facility == "Jongerenopvang Assen"
    assert offer.why == "jongerenbed: 19 jaar"


def test_a_crisis_bed_says_the_night_shelter_is_full(db, desk, region):
    with db.write() as session:
        facility = Facility(
            region=ensure_region(session, "0106"), name="Crisisopvang Assen", kind=FacilityKind.CRISIS, min_age=18
        )
        facility.beds = [Bed(label="C1", position=1)]
        session.add(facility)
    _fill_assen_night_shelter(desk, region)
    offer = person_tonight(desk, _person(desk, "Piet"), NIGHT).offer
    assert offer is not None and offer.facility == "Crisisopvang Assen"
    assert offer.why == "crisisopvang: de nachtopvang is vol"


def test_a_bed_elsewhere_says_the_own_free_beds_wait_for_regulars(desk, region, emmen):
    from datetime import timedelta

    from shelter_desk.services.beds import check_in

    check_in(desk, assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1)))
    for (first, last, year), label in zip(
        (("Bram", "Mulder", 1983), ("Cor", "Dekker", 1959)), ("N2", "N3"), strict=True
    ):
        assign_bed(desk, _person(desk, first, last, date(year, 2, 3)), region.beds[label], NIGHT)
    offer = person_tonight(desk, _person(desk, "Piet"), NIGHT).offer
    assert offer is not None and offer.why == "Emmen: Assen is vol (de vrije bedden wachten op vaste gasten)"


def test_the_fitting_free_beds_list_the_own_region_first_and_say_where_another_bed_is(desk, region, emmen):
    from shelter_desk.services.beds import fitting_free_beds

    suggestions = fitting_free_beds(desk, _person(desk, "Piet"), NIGHT)
    assert [(s.facility, s.why) for s in suggestions] == [
        ("Nachtopvang Assen", ""),
        ("Nachtopvang Emmen", "andere regio: Regio Emmen"),
    ]


def test_a_youth_bed_among_the_fitting_free_beds_says_the_persons_age(desk, region):
    from shelter_desk.services.beds import fitting_free_beds

    [youth] = fitting_free_beds(desk, region.people["sem"], NIGHT)
    assert (youth.facility, youth.why) == ("Jongerenopvang Assen", "jongerenbed: 19 jaar")
