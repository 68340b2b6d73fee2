"""The demo holds the facilities of regions Assen and Emmen and ~30 fictitious people, loaded once,
never into real data."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange
from shelter_desk.domain.people import age_on
from shelter_desk.persistence.models import Bed, BedNight, Facility, Person, Stay
from shelter_desk.services.demo.loader import load_demo
from shelter_desk.services.kernel.database_setup import summarise

TONIGHT = date(2026, 11, 25)


def test_the_demo_holds_the_facilities_of_both_regions_with_their_beds(db):
    load_demo(db, TONIGHT)
    with db.read() as session:
        beds = dict(
            session.execute(
                select(Facility.name, func.count(Bed.id)).join(Bed).where(~Bed.is_overflow).group_by(Facility.name)
            ).all()
        )
        overflow = session.scalar(select(func.count()).select_from(Bed).where(Bed.is_overflow))
    assert beds == {
        "Nachtopvang Havenkade Assen": 8,
        "Nachtopvang Jongeren Havenkade Assen": 6,
        "Kortdurende Opvang Assen": 12,
        "Trajectkamers Jongeren Assen": 6,
        "De Breehof Nachtopvang Emmen": 6,
        "De Breehof Kortdurende Opvang Emmen": 20,
        "De Breehof Crisisopvang Emmen": 15,
    }
    assert overflow == 2  # Havenkade: 8 beds with overflow to 10


def test_the_demo_marks_the_database_and_has_about_thirty_people(db):
    load_demo(db, TONIGHT)
    summary = summarise(db)
    assert summary.is_demo
    assert 25 <= summary.persons <= 35


def test_loading_the_demo_twice_adds_nothing(db):
    assert load_demo(db, TONIGHT) is True
    assert load_demo(db, TONIGHT) is False
    assert summarise(db).persons == 30


def test_demo_data_are_never_mixed_into_a_database_with_real_people(db):
    with db.write() as session:
        session.add(Person(first_name="Echte", last_name="Persoon"))
    with pytest.raises(DeskError, match="al echte persoonsgegevens"):
        load_demo(db, TONIGHT)
    assert not summarise(db).is_demo


def test_every_demo_stay_fits_the_age_range_of_its_facility_on_each_night(db):
    load_demo(db, TONIGHT)
    with db.read() as session:
        rows = session.execute(
            select(Person.date_of_birth, BedNight.night, Facility.min_age, Facility.max_age, Facility.name)
            .join(BedNight, BedNight.person_id == Person.id)
            .join(Stay, Stay.id == BedNight.stay_id)
            .join(Facility, Facility.id == Stay.facility_id)
        ).all()
    assert rows
    misfits = [r for r in rows if not AgeRange(r.min_age, r.max_age).admits(age_on(r.date_of_birth, r.night))]
    assert misfits == []


def test_tonight_the_demo_board_has_people_in_beds(db):
    load_demo(db, TONIGHT)
    with db.read() as session:
        tonight = session.scalar(select(func.count()).select_from(BedNight).where(BedNight.night == TONIGHT))
    assert tonight >= 15


def test_the_demo_card_number_in_the_readme_opens_henk(db):
    from datetime import date, datetime

    from shelter_desk.domain.roles import DeskUser, Role
    from shelter_desk.services.cards import person_for_card
    from shelter_desk.services.demo.loader import load_demo
    from shelter_desk.services.kernel.desk import Desk
    from shelter_desk.services.people import load_person

    load_demo(db, date(2026, 11, 24))
    desk = Desk(
        db, clock=lambda: datetime(2026, 11, 24, 20, tzinfo=UTC), user=DeskUser(1, "balie", "Balie", Role.FRONT_DESK)
    )
    assert load_person(desk, person_for_card(desk, "4829 1037 55")).name == 'Henk Bakker ("Kapitein")'


def test_the_demos_winter_night_shows_two_street_contacts_and_the_man_placed_is_expected_at_havenkade(db):
    from datetime import datetime, timedelta
    from io import BytesIO

    from pypdf import PdfReader

    from shelter_desk.domain.roles import DeskUser, Role
    from shelter_desk.domain.street_contacts import StreetCounts
    from shelter_desk.services.beds import bed_board
    from shelter_desk.services.beds.occupancy import winter_night_list_pdf
    from shelter_desk.services.kernel.desk import Desk
    from shelter_desk.services.winter import season_report

    tonight = date(2026, 11, 24)
    load_demo(db, tonight)
    desk = Desk(db, clock=lambda: datetime(2026, 11, 24, 20, tzinfo=UTC), user=DeskUser(1, "c", "C", Role.COORDINATOR))
    havenkade = next(board for board in bed_board(desk, tonight) if board.name == "Nachtopvang Havenkade Assen")
    assert [(bed.occupant, bed.state.value) for bed in havenkade.beds if bed.is_overflow and bed.person_id] == [
        ("Mehmet Çelik", "gereserveerd")
    ]
    text = PdfReader(BytesIO(winter_night_list_pdf(desk, havenkade.facility_id, tonight))).pages[0].extract_text()
    assert "gezien 2 · bed aangeboden 2 · geplaatst 1 · geweigerd 1" in " ".join(text.split())
    assert "Winterregeling fase 2 — verwachting: −9 °C, wind 22 km/h" in " ".join(text.split())
    report = season_report(desk, "0106", tonight - timedelta(days=30), tonight)
    assert report.street_by_night == ((tonight, StreetCounts(2, 2, 1, 1)),)
