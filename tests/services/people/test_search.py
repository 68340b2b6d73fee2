"""Search as you type: by name in any spelling the desk uses, by birth date, by BSN."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.services.people.records import register_person, update_person

NIGHT = date(2026, 11, 24)


@pytest.fixture
def people(desk):
    def add(**fields):
        return register_person(desk, PersonDetails(**fields), accept_similar=True)

    return {
        "berg": add(
            first_name="Jan",
            name_prefix="van der",
            last_name="Berg",
            date_of_birth=DateOfBirth(date(1990, 4, 3)),
            bsn="111222333",
            origin_municipality_code="0106",
        ),
        "muller": add(first_name="Kees", last_name="Müller", date_of_birth=DateOfBirth(date(1959, 8, 8))),
        "dijk": add(first_name="Piet", name_prefix="van", last_name="Dijk"),
        "sjors": add(alias="Sjors", date_of_birth=DateOfBirth(date(1975, 1, 1), approximate=True)),
        "ivanov": add(first_name="Дмитрий", last_name="Иванов"),
        "bergman": add(first_name="Anna", last_name="Bergman"),
    }


def _names(desk, text):
    return [hit.name for hit in desk.search.search(text, NIGHT)]


@pytest.mark.parametrize("typed", ["van der Berg", "Berg, van der", "vd Berg", "BERG", "jan berg"])
def test_a_name_is_found_with_or_without_particles_in_any_order(desk, people, typed):
    assert _names(desk, typed)[0] == "Jan van der Berg"


def test_a_name_without_its_accents_finds_the_accented_name(desk, people):
    assert _names(desk, "Muller") == ["Kees Müller"]


def test_y_finds_ij(desk, people):
    assert _names(desk, "Dyk") == ["Piet van Dijk"]


def test_a_latin_spelling_finds_a_cyrillic_name(desk, people):
    assert _names(desk, "Ivanov") == ["Дмитрий Иванов"]


def test_an_alias_is_found(desk, people):
    assert _names(desk, "sjo") == ["Sjors"]


def test_the_first_letters_find_a_person(desk, people):
    assert "Anna Bergman" in _names(desk, "ber")


def test_an_exact_name_ranks_above_a_longer_name_that_starts_with_it(desk, people):
    assert _names(desk, "berg")[:2] == ["Jan van der Berg", "Anna Bergman"]


def test_a_typo_still_finds_the_person_ranked_lower(desk, people):
    hits = desk.search.search("Bregman", NIGHT)
    assert [h.name for h in hits] == ["Anna Bergman"]
    assert hits[0].close_match


@pytest.mark.parametrize("typed", ["3-4-1990", "03041990", "03-04-1990"])
def test_a_date_of_birth_finds_the_person_however_it_is_typed(desk, people, typed):
    assert _names(desk, typed) == ["Jan van der Berg"]


def test_a_year_together_with_a_name_narrows_the_search(desk, people):
    assert _names(desk, "berg 1990") == ["Jan van der Berg"]


def test_a_bsn_finds_its_person(desk, people):
    assert _names(desk, "111222333") == ["Jan van der Berg"]


def test_a_result_shows_enough_to_tell_people_apart(desk, people):
    hit = desk.search.search("van der berg", NIGHT)[0]
    assert (hit.born, hit.age, hit.origin) == ("03-04-1990", "36 jaar", "Assen")


def test_an_approximate_birth_year_shows_as_such(desk, people):
    hit = desk.search.search("Sjors", NIGHT)[0]
    assert (hit.born, hit.age) == ("ca. 1975", "ca. 51 jaar")


def test_a_change_is_found_at_the_next_search(desk, people):
    update_person(desk, people["dijk"], PersonDetails(first_name="Piet", name_prefix="van", last_name="Dam"))
    assert _names(desk, "Dam") == ["Piet van Dam"]
    assert _names(desk, "Dijk") == []


def test_a_registration_by_another_desk_is_found_without_a_restart(desk, people, db):
    from shelter_desk.services.kernel.desk import Desk

    other_desk = Desk(db, clock=desk.clock, user=desk.user)
    register_person(other_desk, PersonDetails(first_name="Bram", last_name="Post"))
    assert _names(desk, "Post") == ["Bram Post"]


def test_nothing_typed_finds_nobody(desk, people):
    assert _names(desk, "  ") == []


def test_search_never_loses_a_person_whatever_the_clock_of_the_desk_that_saved(desk, people, monkeypatch):
    from datetime import timedelta

    from shelter_desk.persistence import types

    real = types.datetime

    class DayAhead(real):  # a desk PC whose clock runs a day ahead
        @classmethod
        def now(cls, tz=None):
            return real.now(tz) + timedelta(days=1)

    assert _names(desk, "jan berg")  # the index is loaded
    monkeypatch.setattr(types, "datetime", DayAhead)
    register_person(desk, PersonDetails(first_name="Zeger", last_name="Vooruit"))
    assert _names(desk, "zeger") == ["Zeger Vooruit"]  # found at once by the desk with the wrong clock

    monkeypatch.setattr(types, "datetime", real)  # the other desks keep the right time
    register_person(desk, PersonDetails(first_name="Noor", last_name="Nadien"))
    assert _names(desk, "noor") == ["Noor Nadien"]
    update_person(desk, people["dijk"], PersonDetails(first_name="Pieter", name_prefix="van", last_name="Dijk"))
    assert _names(desk, "pieter") == ["Pieter van Dijk"]


@pytest.fixture
def held_build(desk, people, monkeypatch):
    """A desk that just opened: its index builds in the background, held until the test lets it finish."""
    import threading

    from shelter_desk.services.kernel.person_index import PersonSearch

    release = threading.Event()
    build = PersonSearch._build

    def held(self):
        release.wait(timeout=30)
        build(self)

    monkeypatch.setattr(PersonSearch, "_build", held)
    desk.search = PersonSearch(desk.db)
    desk.search.build_in_background()
    yield release
    release.set()
    desk.search.wait_until_built()


def test_while_the_index_builds_a_search_asks_the_database_and_ranks_exact_names_first(desk, held_build):
    assert desk.search.building
    assert _names(desk, "berg")[:2] == ["Jan van der Berg", "Anna Bergman"]
    assert _names(desk, "111222333") == ["Jan van der Berg"]
    assert _names(desk, "03-04-1990") == ["Jan van der Berg"]
    assert desk.search.building  # the database answered; the index did not have to be built for it


def test_once_the_background_build_is_done_the_index_answers_with_typo_tolerance(desk, held_build):
    held_build.set()
    desk.search.wait_until_built()
    assert not desk.search.building
    assert _names(desk, "Bregman") == ["Anna Bergman"]  # a typo: only the index finds it


def test_once_the_names_are_in_the_index_answers_while_the_last_stays_are_still_read(desk, people, monkeypatch):
    import threading

    from shelter_desk.services.kernel.person_index import PersonSearch

    names_in, release = threading.Event(), threading.Event()
    last_nights = PersonSearch._everyones_last_night

    def held(session):
        names_in.set()  # the names were taken over just before the last stays are read
        release.wait(timeout=30)
        return last_nights(session)

    monkeypatch.setattr(PersonSearch, "_everyones_last_night", staticmethod(held))
    desk.search = PersonSearch(desk.db)
    desk.search.build_in_background()
    try:
        assert names_in.wait(timeout=30)
        assert desk.search.building
        assert _names(desk, "Bregman") == ["Anna Bergman"]  # a typo: the index answered, not the database
    finally:
        release.set()
        desk.search.wait_until_built()


# -- last stays in a freshly built index (the desk's first load) ---------------------------------


def _fresh_index(desk):
    from shelter_desk.services.kernel.person_index import PersonSearch

    desk.search = PersonSearch(desk.db)
    return desk.search


@pytest.fixture
def evening(db):
    """A desk at 23:30 on NIGHT: past the no-show hour, so unclaimed beds can be released."""
    from datetime import datetime

    from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk

    return Desk(db, clock=lambda: datetime(2026, 11, 24, 22, 30, tzinfo=UTC), user=COMMAND_LINE)


def test_a_fresh_index_shows_the_last_night_and_the_facility_of_its_bed(evening, region):
    from shelter_desk.services.beds.assignment import assign_bed

    jan = region.people["jan"]
    assign_bed(evening, jan, region.beds["N1"], date(2026, 11, 20))
    assign_bed(evening, jan, region.beds["N2"], date(2026, 11, 22))
    assign_bed(evening, jan, region.beds["K2"], date(2026, 11, 23))  # a short stay: its bed is held ahead
    hit = _fresh_index(evening).search("Jan Berg", NIGHT)[0]
    assert (hit.person_id, hit.last_stay) == (jan, "KDO Assen, t/m 21 februari 2027")
    assert _fresh_index(evening).describe(jan, NIGHT).last_stay == "KDO Assen, t/m 21 februari 2027"


def test_a_released_no_show_is_not_the_last_night(evening, region):
    from shelter_desk.services.beds.assignment import assign_bed, release_no_shows

    henk, half_past_eleven = region.people["henk"], evening.clock
    evening.clock = lambda: half_past_eleven() - timedelta(hours=3, minutes=30)  # reserved at 20:00
    assign_bed(evening, henk, region.beds["N2"], date(2026, 11, 23))
    assign_bed(evening, henk, region.beds["N2"], NIGHT)
    evening.clock = half_past_eleven
    assert release_no_shows(evening, NIGHT) == 1  # he did not come tonight
    assert _fresh_index(evening).search("Henk Bakker", NIGHT)[0].last_stay == "Nachtopvang Assen, 23 november 2026"


def test_a_fresh_index_ranks_who_slept_here_most_recently_first_among_equal_names(evening, region):
    from shelter_desk.services.beds.assignment import assign_bed

    other_jan = register_person(evening, PersonDetails(first_name="Jan", last_name="Berg"), accept_similar=True)
    never_here = register_person(evening, PersonDetails(first_name="Jan", last_name="Berg"), accept_similar=True)
    assign_bed(evening, region.people["jan"], region.beds["N1"], date(2026, 11, 10))
    assign_bed(evening, other_jan, region.beds["N1"], date(2026, 11, 21))
    hits = _fresh_index(evening).search("Jan Berg", NIGHT)
    assert [hit.person_id for hit in hits] == [other_jan, region.people["jan"], never_here]
    assert [hit.last_stay for hit in hits] == [
        "Nachtopvang Assen, 21 november 2026",
        "Nachtopvang Assen, 10 november 2026",
        "",
    ]


def test_a_stay_booked_after_a_search_moves_the_person_up_among_equal_names(evening, region):
    from shelter_desk.services.beds.assignment import assign_bed

    other_jan = register_person(evening, PersonDetails(first_name="Jan", last_name="Berg"), accept_similar=True)
    assign_bed(evening, region.people["jan"], region.beds["N1"], date(2026, 11, 10))
    search = _fresh_index(evening)
    assert [hit.person_id for hit in search.search("Jan Berg", NIGHT)] == [region.people["jan"], other_jan]
    assign_bed(evening, other_jan, region.beds["N1"], date(2026, 11, 21))
    assert [hit.person_id for hit in search.search("Jan Berg", NIGHT)] == [other_jan, region.people["jan"]]
    assert [hit.person_id for hit in search.search("Jan Be", NIGHT)] == [other_jan, region.people["jan"]]


@pytest.mark.role(Role.COORDINATOR)
def test_a_fresh_index_leads_a_merged_records_names_to_the_kept_record(desk, region):
    from shelter_desk.services.people import merge_persons

    alias = register_person(desk, PersonDetails(first_name="Ferdinand", last_name="Vogelaar"), accept_similar=True)
    merge_persons(desk, region.people["anon"], alias)
    assert [hit.person_id for hit in _fresh_index(desk).search("Vogelaar", NIGHT)] == [region.people["anon"]]


def test_the_background_build_says_when_the_whole_index_is_built(desk, people):
    import threading

    from shelter_desk.services.kernel.person_index import PersonSearch

    built = threading.Event()
    desk.search = PersonSearch(desk.db)
    desk.search.build_in_background(then=built.set)
    assert built.wait(timeout=30)
    desk.search.wait_until_built()
    assert _names(desk, "Bregman") == ["Anna Bergman"]  # the index answers (typo tolerance)


def test_an_index_build_that_loses_the_database_is_logged_and_searches_go_on_asking_it(desk, monkeypatch, caplog):
    import logging

    from shelter_desk.domain.errors import DatabaseUnreachable

    search = desk.search

    def lost() -> None:
        raise DatabaseUnreachable("De databaseserver is niet bereikbaar.")

    monkeypatch.setattr(search, "_build", lost)
    with caplog.at_level(logging.WARNING, logger="shelter_desk"):
        search.build_in_background()
        search._building.join(5)
    assert "Zoekindex niet opgebouwd: De databaseserver is niet bereikbaar." in caplog.text
    assert not search._loaded
