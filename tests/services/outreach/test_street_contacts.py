"""Street contacts on an activated winter night: recorded, placed where the person was taken, counted."""

from __future__ import annotations

from datetime import date, time, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.roles import Role
from shelter_desk.domain.street_contacts import StreetContactTerms, StreetCounts, StreetOutcome
from shelter_desk.domain.winter import ActivationTerms, WinterPhase
from shelter_desk.persistence.models import StreetContact
from shelter_desk.services.beds.board import BedState, bed_board
from shelter_desk.services.beds.occupancy import winter_night_list_pdf
from shelter_desk.services.monitor.figures import monitor
from shelter_desk.services.outreach import record_street_contact, street_contacts
from shelter_desk.services.trust.access_log_reading import log_of_person
from shelter_desk.services.winter import activate, season_report

pytestmark = pytest.mark.role(Role.COORDINATOR)

NIGHT = date(2026, 11, 24)  # tonight at the fixtures' clock
ASSEN = "0106"


@pytest.fixture
def winter(desk, region):
    return activate(desk, ASSEN, ActivationTerms(NIGHT - timedelta(days=1), NIGHT, WinterPhase.TWO, "vorst"))


def _placed(region, night=NIGHT, **changes):
    terms = {
        "night": night,
        "seen_at": time(23, 40),
        "place": "Portiek Kerkplein",
        "outcome": StreetOutcome.ACCEPTED,
        "bed_offered": True,
        "person_id": region.people["henk"],
        "facility_id": region.night_shelter,
    }
    return StreetContactTerms(**{**terms, **changes})


def _refused(night=NIGHT):
    return StreetContactTerms(
        night, time(1, 15), "Stationsplein", StreetOutcome.REFUSED, True, description="man, ca. 50, groene jas"
    )


def _contacts(db):
    with db.read() as session:
        return session.scalar(select(func.count(StreetContact.id)))


def test_a_person_taken_to_a_facility_is_expected_on_its_board(desk, region, winter):
    record_street_contact(desk, ASSEN, _placed(region))
    shelter = bed_board(desk, NIGHT, {region.night_shelter})[0]
    expected = [bed for bed in shelter.beds if bed.person_id == region.people["henk"]]
    assert [bed.state for bed in expected] == [BedState.RESERVED]


def test_a_refused_bed_is_recorded_with_the_description_and_reserves_nothing(desk, region, winter):
    record_street_contact(desk, ASSEN, _refused())
    [view] = street_contacts(desk, ASSEN, NIGHT)
    assert (view.who, view.outcome, view.facility) == ("man, ca. 50, groene jas", StreetOutcome.REFUSED, "")
    assert all(bed.person_id is None for board in bed_board(desk, NIGHT) for bed in board.beds)


def test_contacts_after_midnight_are_listed_after_those_of_the_evening(desk, region, winter):
    record_street_contact(desk, ASSEN, _refused())
    record_street_contact(desk, ASSEN, _placed(region))
    assert [view.seen_at for view in street_contacts(desk, ASSEN, NIGHT)] == [time(23, 40), time(1, 15)]


def test_no_street_contact_on_a_night_without_the_arrangement(desk, region, winter):
    with pytest.raises(DeskError, match="niet actief"):
        record_street_contact(desk, ASSEN, _refused(NIGHT - timedelta(days=2)))
    assert _contacts(desk.db) == 0


def test_no_street_contact_for_a_night_still_ahead(desk, region):
    activate(desk, ASSEN, ActivationTerms(NIGHT, NIGHT + timedelta(days=2), WinterPhase.ONE))
    with pytest.raises(DeskError, match="niet vooruit"):
        record_street_contact(desk, ASSEN, _refused(NIGHT + timedelta(days=1)))


def test_an_accepted_bed_needs_a_person_on_record(desk, region, winter):
    with pytest.raises(DeskError, match="twee sleutels"):
        record_street_contact(desk, ASSEN, _placed(region, person_id=None, description="vrouw, ca. 30"))
    assert _contacts(desk.db) == 0


def test_a_wrong_postcode_is_refused_in_dutch(desk, region, winter):
    with pytest.raises(DeskError, match="geen Nederlandse postcode"):
        record_street_contact(desk, ASSEN, _placed(region, postcode="94O1"))
    record_street_contact(desk, ASSEN, _placed(region, postcode="9401ab"))
    assert street_contacts(desk, ASSEN, NIGHT)[0].place == "Portiek Kerkplein (9401 AB)"


def test_a_facility_without_a_fitting_free_bed_refuses_the_placement_and_nothing_is_recorded(desk, region, winter):
    with pytest.raises(DeskError, match="geen passend vrij bed"):
        # Sem (19) does not fit the night shelter (23+)
        record_street_contact(desk, ASSEN, _placed(region, person_id=region.people["sem"]))
    assert _contacts(desk.db) == 0
    assert all(bed.person_id is None for board in bed_board(desk, NIGHT) for bed in board.beds)


def test_a_front_desk_worker_cannot_record_street_contacts(db, region, winter):
    from tests.conftest import _desk_as

    with pytest.raises(DeskError, match="coördinator"):
        record_street_contact(_desk_as(db, Role.FRONT_DESK), ASSEN, _refused())


def test_a_street_contact_with_a_person_is_in_their_access_log(desk, region, winter):
    record_street_contact(desk, ASSEN, _placed(region))
    assert any("straatcontact" in entry.detail for entry in log_of_person(desk, region.people["henk"]))


def test_the_winter_night_list_counts_the_nights_street_contacts(desk, region, winter):
    record_street_contact(desk, ASSEN, _placed(region))
    record_street_contact(desk, ASSEN, _refused())
    text = PdfReader(BytesIO(winter_night_list_pdf(desk, region.night_shelter, NIGHT))).pages[0].extract_text()
    assert "gezien 2 · bed aangeboden 2 · geplaatst 1 · geweigerd 1" in " ".join(text.split())


def test_the_season_report_counts_street_contacts_per_night(desk, region, winter):
    record_street_contact(desk, ASSEN, _placed(region))
    record_street_contact(desk, ASSEN, _refused())
    record_street_contact(desk, ASSEN, _refused(NIGHT - timedelta(days=1)))
    report = season_report(desk, ASSEN, NIGHT - timedelta(days=10), NIGHT)
    assert report.street_by_night == (
        (NIGHT - timedelta(days=1), StreetCounts(1, 1, 0, 1)),
        (NIGHT, StreetCounts(2, 2, 1, 1)),
    )


def test_the_monitor_counts_street_contacts_on_winter_nights(desk, region, winter):
    record_street_contact(desk, ASSEN, _placed(region))
    record_street_contact(desk, ASSEN, _refused())
    figures = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11))
    assert figures.street == StreetCounts(2, 2, 1, 1)
