"""A bed kept for a regular is kept everywhere until the no-show hour.

Jan Berg slept in Nachtopvang Assen bed 1 last night and has no bed yet tonight: until 23:00
that bed waits for him in every path that gives, moves or proposes a bed, and on the occupancy
list; a coordinator may still give it with a reason (logged as every overrule).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.bed_assignment import AssignmentRefused, RefusalKind
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import AccessLogEntry, BedNight
from shelter_desk.services.beds import (
    BedJustGone,
    assign_bed,
    check_in,
    fitting_free_beds,
    move_bed,
    move_targets,
    person_tonight,
    reserve_elsewhere,
)
from shelter_desk.services.beds.occupancy import occupancy_data
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from shelter_desk.services.people.records import register_person

NIGHT = date(2026, 11, 24)  # the `desk` fixture's clock: 21:00 in Assen, before the 23:00 no-show hour
AT_2330 = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
KEPT_FOR_JAN = "Bed 1 wordt tot 23:00 vastgehouden voor Jan Berg, die hier gisteren sliep."


@pytest.fixture
def jan_slept_in_bed_1(desk, region):
    check_in(desk, assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1)))
    return region.people["jan"]


def _newcomer(desk, first="Piet", last="Nieuw"):
    return register_person(
        desk, PersonDetails(first_name=first, last_name=last, date_of_birth=DateOfBirth(date(1980, 5, 5)))
    )


def _coordinator(db, clock=lambda: datetime(2026, 11, 24, 20, 0, tzinfo=UTC)):
    from shelter_desk.domain.roles import DeskUser

    return Desk(db, clock=clock, user=DeskUser(2, "coordinator", "test-coördinator", Role.COORDINATOR))


def test_giving_a_kept_bed_to_someone_else_is_refused_naming_the_regular_and_the_hour(desk, region, jan_slept_in_bed_1):
    with pytest.raises(AssignmentRefused) as refused:
        assign_bed(desk, _newcomer(desk), region.beds["N1"], NIGHT)
    assert [r.kind for r in refused.value.refused] == [RefusalKind.KEPT_BED]
    assert KEPT_FOR_JAN in refused.value.message and refused.value.overrulable


def test_the_regular_himself_gets_his_kept_bed(desk, region, jan_slept_in_bed_1):
    assert assign_bed(desk, jan_slept_in_bed_1, region.beds["N1"], NIGHT)


def test_a_regular_who_has_another_bed_tonight_keeps_none(desk, region, jan_slept_in_bed_1):
    assign_bed(desk, jan_slept_in_bed_1, region.beds["N2"], NIGHT)
    assert assign_bed(desk, _newcomer(desk), region.beds["N1"], NIGHT)


def test_after_the_no_show_hour_the_kept_bed_may_be_given(db, region, jan_slept_in_bed_1):
    late = Desk(db, clock=lambda: AT_2330, user=COMMAND_LINE)
    assert assign_bed(late, _newcomer(late), region.beds["N1"], NIGHT)


def test_moving_someone_into_a_kept_bed_is_refused_and_the_move_saves_nothing(desk, db, region, jan_slept_in_bed_1):
    piet = _newcomer(desk)
    reserved = assign_bed(desk, piet, region.beds["N2"], NIGHT)
    with pytest.raises(AssignmentRefused, match="vastgehouden voor Jan Berg"):
        move_bed(desk, reserved, region.beds["N1"])
    with db.read() as session:
        assert session.get(BedNight, reserved).bed_id == region.beds["N2"]


def test_a_front_desk_worker_cannot_overrule_a_kept_bed(desk, region, jan_slept_in_bed_1):
    with pytest.raises(DeskError):
        assign_bed(desk, _newcomer(desk), region.beds["N1"], NIGHT, "Jan belde af")
    assert desk.user.role is Role.FRONT_DESK


def test_a_coordinator_gives_a_kept_bed_with_a_reason_and_the_overrule_is_logged(db, desk, region, jan_slept_in_bed_1):
    coordinator = _coordinator(db)
    piet = _newcomer(desk)
    bed_night = assign_bed(coordinator, piet, region.beds["N1"], NIGHT, "Jan belde af: hij slaapt bij zijn zus")
    with db.read() as session:
        assert session.get(BedNight, bed_night).override_reason == "Jan belde af: hij slaapt bij zijn zus"
        fields = list(session.scalars(select(AccessLogEntry.fields).where(AccessLogEntry.person_id == piet)))
    assert "bed,besluit ondanks weigering" in fields


def test_a_coordinator_moves_into_a_kept_bed_only_with_a_reason(db, desk, region, jan_slept_in_bed_1):
    coordinator = _coordinator(db)
    reserved = assign_bed(desk, _newcomer(desk), region.beds["N2"], NIGHT)
    with pytest.raises(AssignmentRefused):
        move_bed(coordinator, reserved, region.beds["N1"])
    moved = move_bed(coordinator, reserved, region.beds["N1"], "Jan zit vannacht in de kliniek")
    with db.read() as session:
        assert session.get(BedNight, moved).override_reason == "Jan zit vannacht in de kliniek"


def test_reserving_a_kept_bed_from_the_region_overview_is_refused(desk, region, jan_slept_in_bed_1):
    with pytest.raises(AssignmentRefused, match="vastgehouden voor Jan Berg"):
        reserve_elsewhere(desk, _newcomer(desk), region.beds["N1"], NIGHT)


def test_the_next_bed_offered_when_a_bed_just_went_is_never_a_kept_bed(db, desk, region, jan_slept_in_bed_1):
    assign_bed(
        desk,
        register_person(
            desk, PersonDetails(first_name="Kees", last_name="Vos", date_of_birth=DateOfBirth(date(1970, 1, 1)))
        ),
        region.beds["N2"],
        NIGHT,
    )
    with pytest.raises(BedJustGone) as gone:
        reserve_elsewhere(desk, _newcomer(desk), region.beds["N2"], NIGHT)
    assert gone.value.next_bed is not None and gone.value.next_bed.bed_id == region.beds["N3"]


def test_proposals_never_offer_a_kept_bed(desk, region, jan_slept_in_bed_1):
    piet = _newcomer(desk)
    assert all(s.bed_id != region.beds["N1"] for s in fitting_free_beds(desk, piet, NIGHT))
    offer = person_tonight(desk, piet, NIGHT).offer
    assert offer is not None and offer.bed_id != region.beds["N1"]


def test_the_move_targets_of_the_front_desk_leave_out_kept_beds_and_beds_of_the_wrong_age(
    desk, region, jan_slept_in_bed_1
):
    reserved = assign_bed(desk, _newcomer(desk), region.beds["N2"], NIGHT)
    offered = {target.bed_id for target in move_targets(desk, reserved)}
    # Not bed 1 (kept for Jan) nor the youth beds (18 to 22 years); the KDO's beds fit a 46-year-old.
    assert offered == {region.beds["N3"], region.beds["K1"], region.beds["K2"]}


def test_a_coordinator_sees_a_kept_bed_among_the_move_targets_marked_as_needing_a_reason(
    db, desk, region, jan_slept_in_bed_1
):
    reserved = assign_bed(desk, _newcomer(desk), region.beds["N2"], NIGHT)
    kept = next(t for t in move_targets(_coordinator(db), reserved) if t.bed_id == region.beds["N1"])
    assert kept.needs_reason == "wacht tot 23:00 op Jan Berg"
    assert kept.text == "Nachtopvang Assen, bed 1 — alleen met reden: wacht tot 23:00 op Jan Berg"


def test_the_occupancy_list_prints_a_kept_bed_as_kept_for_whom_and_until_when(desk, region, jan_slept_in_bed_1):
    data = occupancy_data(desk, region.night_shelter, NIGHT)
    [kept] = data.kept_rows
    assert (kept.bed, kept.kept_for, kept.kept_until) == ("1", "Jan Berg", "23:00")
    assert kept not in data.free_rows and data.free == 3


def test_each_facilitys_list_names_only_the_regulars_its_own_beds_wait_for(desk, region, jan_slept_in_bed_1):
    check_in(desk, assign_bed(desk, region.people["sem"], region.beds["J1"], NIGHT - timedelta(days=1)))
    [kept_at_the_shelter] = occupancy_data(desk, region.night_shelter, NIGHT).kept_rows
    [kept_for_youth] = occupancy_data(desk, region.youth, NIGHT).kept_rows
    assert (kept_at_the_shelter.bed, kept_at_the_shelter.kept_for) == ("1", "Jan Berg")
    assert (kept_for_youth.bed, kept_for_youth.kept_for) == ("1", "Sem Leeuwen")


def test_a_bed_nobody_slept_in_last_night_waits_for_no_one_on_the_list(desk, region):
    assert occupancy_data(desk, region.night_shelter, NIGHT).kept_rows == ()


def test_after_the_no_show_hour_the_occupancy_list_shows_the_bed_free(db, region, jan_slept_in_bed_1):
    late = Desk(db, clock=lambda: AT_2330, user=COMMAND_LINE)
    assert occupancy_data(late, region.night_shelter, NIGHT).kept_rows == ()


def test_a_kept_youth_bed_is_kept_too(db, desk, region):
    sem = region.people["sem"]
    check_in(desk, assign_bed(desk, sem, region.beds["J1"], NIGHT - timedelta(days=1)))
    other = register_person(
        desk, PersonDetails(first_name="Lisa", last_name="Jong", date_of_birth=DateOfBirth(date(2006, 2, 2)))
    )
    with pytest.raises(AssignmentRefused, match="vastgehouden voor Sem Leeuwen"):
        assign_bed(desk, other, region.beds["J1"], NIGHT)


def test_the_printed_occupancy_list_says_whom_the_kept_bed_waits_for(desk, region, jan_slept_in_bed_1):
    from io import BytesIO

    from pypdf import PdfReader

    from shelter_desk.services.beds import occupancy_pdf

    text = PdfReader(BytesIO(occupancy_pdf(desk, region.night_shelter, NIGHT))).pages[0].extract_text()
    assert "1\nwacht op Jan Berg\ntot 23:00" in text and "— vrij —" in text  # beds 2 and 3 are plainly free


def test_a_bed_is_kept_only_on_the_night_that_is_running_not_for_a_night_ahead(desk, region):
    # Jan has bed 1 tonight; tomorrow's bed 1 may be planned for someone else (he has not slept yet).
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    assert assign_bed(desk, _newcomer(desk), region.beds["N1"], NIGHT + timedelta(days=1))


def test_regio_vannacht_does_not_count_or_offer_a_kept_bed_as_free(desk, region, jan_slept_in_bed_1):
    from shelter_desk.services.beds import region_tonight

    [assen] = [f for f in region_tonight(desk, NIGHT).facilities if f.name == "Nachtopvang Assen"]
    assert assen.kept == 1
    assert region.beds["N1"] not in {bed.bed_id for bed in assen.free_beds}
    assert assen.free == len(assen.free_beds)


def test_after_the_no_show_hour_regio_vannacht_offers_the_bed_again(desk, region, jan_slept_in_bed_1):
    from shelter_desk.services.beds import region_tonight

    desk.clock = lambda: AT_2330
    [assen] = [f for f in region_tonight(desk, NIGHT).facilities if f.name == "Nachtopvang Assen"]
    assert assen.kept == 0
    assert region.beds["N1"] in {bed.bed_id for bed in assen.free_beds}
