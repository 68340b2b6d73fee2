"""Keep apart: two persons who must not be placed together are warned about at every bed action.

Jan Berg and Henk Bakker fought last week; a coordinator recorded that they must not sleep in the
same facility. Jan has bed 1 at Nachtopvang Assen tonight.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.bed_assignment import AssignmentRefused, RefusalKind
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.safety import KeepApartScope, KeepApartTerms
from shelter_desk.persistence.models import BedNight
from shelter_desk.services.beds import assign_bed, bed_board, move_bed
from shelter_desk.services.beds.tonight import propose_bed
from shelter_desk.services.safety import end_keep_apart, keep_apart, keep_aparts_of

NIGHT = date(2026, 11, 24)


@pytest.fixture
def apart(coordinator_desk, region):
    """Jan and Henk kept apart (same facility) for two weeks; Jan in bed 1 tonight."""
    jan, henk = region.people["jan"], region.people["henk"]
    keep_id = keep_apart(
        coordinator_desk,
        KeepApartTerms(
            jan,
            henk,
            KeepApartScope.FACILITY,
            "Vechtpartij 17-11",
            NIGHT - timedelta(days=7),
            NIGHT + timedelta(days=7),
        ),
    )
    assign_bed(coordinator_desk, jan, region.beds["N1"], NIGHT)
    return keep_id


def test_the_front_desk_is_warned_without_being_told_who_the_other_person_is(desk, region, apart):
    with pytest.raises(AssignmentRefused) as refused:
        assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT)
    assert [r.kind for r in refused.value.refused] == [RefusalKind.KEEP_APART]
    assert refused.value.overrulable
    assert "Uit elkaar houden" in refused.value.message and "coördinator" in refused.value.message
    assert "Jan" not in refused.value.message and "Vechtpartij" not in refused.value.message


def test_a_coordinator_is_told_who_and_why(coordinator_desk, region, apart):
    with pytest.raises(AssignmentRefused, match="Jan Berg heeft deze nacht een bed in Nachtopvang Assen"):
        assign_bed(coordinator_desk, region.people["henk"], region.beds["N2"], NIGHT)


def test_a_refused_bed_saves_nothing(desk, db, region, apart):
    with pytest.raises(AssignmentRefused):
        assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT)
    with db.read() as session:
        assert session.scalars(select(BedNight).where(BedNight.person_id == region.people["henk"])).all() == []


def test_a_coordinator_overrules_with_a_reason_which_is_kept_on_the_bed_night(coordinator_desk, db, region, apart):
    bed_night = assign_bed(
        coordinator_desk, region.people["henk"], region.beds["N2"], NIGHT, overrule_reason="Vriest; beide rustig"
    )
    with db.read() as session:
        assert session.get(BedNight, bed_night).override_reason == "Vriest; beide rustig"


def test_the_front_desk_cannot_overrule(desk, region, apart):
    with pytest.raises(DeskError, match="is de rol"):
        assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT, overrule_reason="toch maar")


def test_the_board_marks_both_beds_once_they_are_placed_together(coordinator_desk, desk, region, apart):
    assign_bed(coordinator_desk, region.people["henk"], region.beds["N2"], NIGHT, overrule_reason="Vriest")
    [shelter] = [b for b in bed_board(desk, NIGHT) if b.facility_id == region.night_shelter]
    marked = {cell.occupant for cell in shelter.beds if cell.keep_apart}
    assert marked == {"Jan Berg", "Henk Bakker"}
    assert all("Jan" not in cell.keep_apart and "Henk" not in cell.keep_apart for cell in shelter.beds)


def test_another_facility_is_fine_when_only_the_same_facility_is_forbidden(desk, region, apart):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)


def test_the_same_night_anywhere_forbids_any_facility(coordinator_desk, desk, region, apart):
    end_keep_apart(coordinator_desk, apart)
    keep_apart(
        coordinator_desk,
        KeepApartTerms(region.people["henk"], region.people["jan"], KeepApartScope.ANYWHERE, "Dreiging", NIGHT, NIGHT),
    )
    with pytest.raises(AssignmentRefused, match="op dezelfde nacht"):
        assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)


def test_moving_into_the_other_persons_facility_warns(desk, region, apart):
    bed_night = assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)
    with pytest.raises(AssignmentRefused, match="Uit elkaar houden"):
        move_bed(desk, bed_night, region.beds["N2"])


def test_a_proposal_in_the_other_persons_facility_carries_the_warning(desk, region, apart):
    offer = propose_bed(desk, region.people["henk"], NIGHT)
    assert offer is not None and offer.facility_id == region.night_shelter
    assert "Uit elkaar houden" in offer.why and "Jan" not in offer.why


def test_an_ended_or_expired_keep_apart_no_longer_warns(coordinator_desk, desk, region, apart):
    end_keep_apart(coordinator_desk, apart)
    assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT)
    with pytest.raises(DeskError, match="al beëindigd"):
        end_keep_apart(coordinator_desk, apart)


def test_the_record_shows_a_keep_apart_but_names_the_other_only_to_coordinators(coordinator_desk, desk, region, apart):
    [seen_by_desk] = keep_aparts_of(desk, region.people["henk"])
    assert "Jan" not in seen_by_desk.other and seen_by_desk.reason == "" and seen_by_desk.holds_on(NIGHT)
    [seen_by_coordinator] = keep_aparts_of(coordinator_desk, region.people["henk"])
    assert seen_by_coordinator.other == "Jan Berg" and seen_by_coordinator.reason == "Vechtpartij 17-11"


def test_a_keep_apart_needs_two_persons_a_reason_and_an_end_after_its_start(coordinator_desk, region):
    jan, henk = region.people["jan"], region.people["henk"]
    with pytest.raises(DeskError, match="twee verschillende"):
        keep_apart(coordinator_desk, KeepApartTerms(jan, jan, KeepApartScope.FACILITY, "x", NIGHT, NIGHT))
    with pytest.raises(DeskError, match="reden"):
        keep_apart(coordinator_desk, KeepApartTerms(jan, henk, KeepApartScope.FACILITY, " ", NIGHT, NIGHT))
    with pytest.raises(DeskError, match="vóór de begindatum"):
        keep_apart(
            coordinator_desk, KeepApartTerms(jan, henk, KeepApartScope.FACILITY, "x", NIGHT, NIGHT - timedelta(days=1))
        )
