"""Tonight across the region: counts per facility, who sees which region, reserving a bed at
another location with the own desk's rules, the change token the screen polls, the referral
slip, and the local encrypted copy of the roll-call for when the database is out of reach."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from cryptography.fernet import Fernet
from pypdf import PdfReader

from shelter_desk.domain.bed_assignment import AssignmentRefused
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.persistence.engine import Database, create_database_engine
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import Bed, Facility
from shelter_desk.persistence.snapshots import RollCallSnapshots
from shelter_desk.services.beds import (
    BedJustGone,
    DatabaseUnreachable,
    Layout,
    assign_bed,
    cancel_bed,
    check_in,
    occupancy_pdf,
    referral_slip_pdf,
    region_change_token,
    region_tonight,
    reserve_elsewhere,
    roll_call_from_snapshot,
)
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.reference_data import ensure_region

NIGHT = date(2026, 11, 24)
EVENING = datetime(2026, 11, 24, 20, 40, tzinfo=UTC)  # 21:40 in Assen


def _pdf_text(data: bytes) -> str:
    """The text of every page with line breaks as spaces (the layout wraps long names)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).split())


@pytest.fixture
def emmen(db, region) -> int:
    """A second region in the same database: De Breehof in Emmen, two night-shelter beds."""
    with db.write() as session:
        breehof = Facility(
            region=ensure_region(session, "0114"),
            name="De Breehof Nachtopvang Emmen",
            kind=FacilityKind.NIGHT_SHELTER,
            min_age=18,
            street="Breehof 3",
            postcode="7811 AA",
            city="Emmen",
            phone="0591 000 201",
        )
        breehof.beds = [Bed(label="1", position=1), Bed(label="2", position=2)]
        session.add(breehof)
        session.flush()
        return breehof.id


def _other_desk(db, role=Role.FRONT_DESK) -> Desk:
    """The desk at the other location: another worker on the same database."""
    return Desk(db, clock=lambda: EVENING, user=DeskUser(2, "emmen", "Balie Emmen", role), workstation="emmen-1")


def _facility(overview, facility_id):
    return next(f for f in overview.facilities if f.facility_id == facility_id)


def test_the_region_overview_counts_free_taken_and_closed_beds_per_facility(desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)
    overview = region_tonight(desk, NIGHT)
    night_shelter, youth, kdo = (_facility(overview, f) for f in (region.night_shelter, region.youth, region.kdo))
    assert (night_shelter.free, night_shelter.taken, night_shelter.closed) == (2, 1, 1)  # U1 is a closed extra bed
    assert (youth.free, youth.taken, youth.closed) == (2, 0, 0)
    assert (kdo.free, kdo.taken, kdo.closed) == (1, 1, 0)
    assert night_shelter.winter_places == 1 and night_shelter.ages.describe() == "vanaf 23 jaar"
    assert (overview.free, overview.taken, overview.closed) == (5, 2, 1)
    assert [f.name for f in overview.facilities] == ["Nachtopvang Assen", "Jongerenopvang Assen", "KDO Assen"]


def test_the_front_desk_starts_on_its_own_region_and_may_look_at_all_regions(desk, region, emmen):
    overview = region_tonight(desk, NIGHT)
    assert overview.scope == "Regio Assen" and overview.may_switch
    assert emmen not in {f.facility_id for f in overview.facilities}
    everywhere = region_tonight(desk, NIGHT, all_regions=True)  # a desk in Assen looks at Emmen
    assert emmen in {f.facility_id for f in everywhere.facilities}


def test_a_desk_set_to_another_region_sees_that_region(desk, region, emmen):
    overview = region_tonight(desk, NIGHT)
    desk.region_id = next(r.region_id for r in overview.regions if r.name == "Regio Emmen")
    emmen_overview = region_tonight(desk, NIGHT)
    assert [f.name for f in emmen_overview.facilities] == ["De Breehof Nachtopvang Emmen"]
    assert _facility(emmen_overview, emmen).phone == "0591 000 201"


@pytest.mark.role(Role.COORDINATOR)
def test_a_coordinator_sees_all_regions_or_any_one(desk, region, emmen):
    everything = region_tonight(desk, NIGHT, all_regions=True)
    assert everything.scope == "Alle regio's" and everything.may_switch
    assert {f.region for f in everything.facilities} == {"Regio Assen", "Regio Emmen"}
    emmen_region = _facility(everything, emmen).region_id
    only_emmen = region_tonight(desk, NIGHT, emmen_region)
    assert [f.facility_id for f in only_emmen.facilities] == [emmen]


def test_reserving_elsewhere_applies_the_same_age_refusal_as_the_own_desk(desk, region):
    with pytest.raises(AssignmentRefused) as at_own_desk:
        assign_bed(desk, region.people["sem"], region.beds["N1"], NIGHT)
    with pytest.raises(AssignmentRefused) as elsewhere:
        reserve_elsewhere(desk, region.people["sem"], region.beds["N1"], NIGHT)
    assert elsewhere.value.message == at_own_desk.value.message
    assert "Leeftijd 19" in elsewhere.value.message and elsewhere.value.overrulable


def test_reserving_elsewhere_gives_the_bed_as_at_the_own_desk(desk, region):
    bed_night = reserve_elsewhere(desk, region.people["jan"], region.beds["N2"], NIGHT)
    overview = region_tonight(desk, NIGHT)
    assert bed_night > 0 and _facility(overview, region.night_shelter).taken == 1


def test_a_bed_just_taken_at_another_desk_says_net_vergeven_and_offers_the_next_fitting_bed(desk, region):
    free_on_screen = _facility(region_tonight(desk, NIGHT), region.night_shelter).free_beds[0]
    assign_bed(_other_desk(desk.db), region.people["henk"], free_on_screen.bed_id, NIGHT)  # Emmen was quicker
    with pytest.raises(BedJustGone) as gone:
        reserve_elsewhere(desk, region.people["jan"], free_on_screen.bed_id, NIGHT)
    assert "Nachtopvang Assen, bed 1 is net vergeven" in gone.value.message
    assert "Henk" not in gone.value.message  # who got it is the other location's business
    assert gone.value.next_bed is not None and gone.value.next_bed.bed_id == region.beds["N2"]
    assert "Het volgende passende bed: Nachtopvang Assen, bed 2" in gone.value.message


def test_the_next_fitting_bed_skips_facilities_whose_rules_refuse_the_person(desk, region):
    for bed in ("N1", "N2", "N3"):
        assign_bed(
            _other_desk(desk.db), region.people[{"N1": "henk", "N2": "anon", "N3": "jan"}[bed]], region.beds[bed], NIGHT
        )
    with pytest.raises(BedJustGone) as gone:
        reserve_elsewhere(desk, region.people["sem"], region.beds["N1"], NIGHT)
    assert gone.value.next_bed is not None and gone.value.next_bed.facility == "Jongerenopvang Assen"


def test_the_change_token_changes_after_another_desks_assignment(desk, region):
    before = region_change_token(desk, NIGHT)
    assert region_change_token(desk, NIGHT) == before  # nothing happened: nothing to reload
    other = _other_desk(desk.db)
    bed_night = assign_bed(other, region.people["henk"], region.beds["N1"], NIGHT)
    after_assignment = region_change_token(desk, NIGHT)
    assert after_assignment != before
    cancel_bed(other, bed_night)
    assign_bed(other, region.people["jan"], region.beds["N2"], NIGHT)  # same count, another bed
    assert region_change_token(desk, NIGHT) not in (before, after_assignment)


def test_the_change_token_changes_when_a_facility_gets_a_phone_number(desk, db, region):
    before = region_change_token(desk, NIGHT)
    with db.write() as session:
        session.get(Facility, region.youth).phone = "0592 000 102"
    assert region_change_token(desk, NIGHT) != before


def test_the_referral_slip_names_person_night_facility_address_phone_bed_and_who_referred(desk, region, emmen):
    bed_night = reserve_elsewhere(desk, region.people["jan"], _first_bed(desk.db, emmen), NIGHT)
    text = _pdf_text(referral_slip_pdf(desk, bed_night))
    for expected in (
        "Verwijsbrief",
        "Jan Berg",
        "Nacht van dinsdag 24 op woensdag 25 november 2026",
        "De Breehof Nachtopvang Emmen",
        "Breehof 3, 7811 AA Emmen",
        "0591 000 201",
        "1 (gereserveerd)",
        "Verwezen door: test-balie (Regio Assen)",
        "vóór 23:00",
    ):
        assert expected in text, expected
    assert "DEMO" not in text


def _first_bed(db, facility_id) -> int:
    with db.read() as session:
        facility = session.get(Facility, facility_id)
        return facility.beds[0].id


# -- the local copy for an evacuation without network -----------------------------------------


@pytest.fixture
def snapshots(tmp_path) -> RollCallSnapshots:
    return RollCallSnapshots(tmp_path / "kopie" / "appel.bin", Fernet.generate_key())


def test_the_roll_call_prints_from_the_local_copy_with_its_time_when_the_database_is_unreachable(
    desk, db, region, snapshots, tmp_path
):
    desk.snapshots = snapshots
    desk.clock = lambda: EVENING
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    region_tonight(desk, NIGHT)  # a successful read keeps the copy
    db.close()
    if db.location.path is not None:
        db.location.path.rename(tmp_path / "weg.sqlite")  # the database is gone from this desk
    gone = resolve_location(str(tmp_path / "geen-map" / "desk.sqlite"), plain=True)
    offline = Desk(
        Database(create_database_engine(gone), gone),
        clock=lambda: datetime(2026, 11, 24, 21, 15, tzinfo=UTC),
        user=desk.user,
        snapshots=snapshots,
    )
    with pytest.raises(DatabaseUnreachable, match="niet bereikbaar"):
        region_tonight(offline, NIGHT)
    text = _pdf_text(roll_call_from_snapshot(offline, region.night_shelter))
    assert "Stand van 24-11-2026 21:40" in text  # the time of the copy, not of printing (22:15)
    assert "Appèllijst ontruiming" in text and "Jan Berg" in text and "Nachtopvang Assen" in text


def _counts(roll_call: bytes) -> tuple[str, str]:
    """The roll-call's two section counts as printed: (Binnen, Verwacht / niet binnen)."""
    text = _pdf_text(roll_call)
    inside = re.search(r"Binnen \(ingecheckt\): (\d+)", text)
    expected = re.search(r"Verwacht / niet binnen \([^)]*\): (\d+)", text)
    assert inside and expected, text
    return inside.group(1), expected.group(1)


def test_the_local_copys_roll_call_counts_who_is_inside_as_the_live_roll_call_does(desk, region, snapshots):
    desk.snapshots = snapshots
    desk.clock = lambda: EVENING
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)  # reserved, not arrived
    assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT)  # reserved, not arrived
    check_in(desk, assign_bed(desk, region.people["anon"], region.beds["N3"], NIGHT))  # inside
    region_tonight(desk, NIGHT)  # keeps the copy
    live = _counts(occupancy_pdf(desk, region.night_shelter, NIGHT, Layout.ROLL_CALL))
    copy = _counts(roll_call_from_snapshot(desk, region.night_shelter))
    assert live == ("1", "2")
    assert copy == live


def test_a_copy_saved_without_presence_counts_nobody_inside(desk, region, snapshots):
    desk.snapshots = snapshots
    desk.clock = lambda: EVENING
    check_in(desk, assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT))
    region_tonight(desk, NIGHT)
    document = snapshots.load()
    kept = document["facilities"][str(region.night_shelter)]
    kept["rows"] = [row[:7] for row in kept["rows"]]  # as a desk before presence was kept saved it
    snapshots.save(document)
    text = _pdf_text(roll_call_from_snapshot(desk, region.night_shelter))
    assert _counts(roll_call_from_snapshot(desk, region.night_shelter)) == ("0", "1")
    assert "Jan Berg" in text and "niet bevestigd" in text


def test_the_local_copy_is_encrypted_at_rest_and_unreadable_with_another_key(desk, region, snapshots):
    desk.snapshots = snapshots
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    region_tonight(desk, NIGHT)
    raw = snapshots.path.read_bytes()
    assert b"Berg" not in raw and b"Nachtopvang" not in raw
    assert RollCallSnapshots(snapshots.path, Fernet.generate_key()).load() == {}
    assert snapshots.load()["facilities"][str(region.night_shelter)]["rows"][0][2] == "Jan Berg"


def test_without_a_local_copy_the_desk_hears_what_to_use_instead(desk, region, snapshots):
    desk.snapshots = snapshots
    with pytest.raises(DeskError, match="geen lokale kopie"):
        roll_call_from_snapshot(desk, region.night_shelter)


def test_polling_in_the_background_does_not_keep_an_idle_desk_open(desk, region):
    from datetime import timedelta

    desk.idle_limit = timedelta(minutes=15)
    desk.clock = lambda: EVENING
    desk.sign_in(desk.user)
    expires = desk.user.expires_at
    desk.clock = lambda: EVENING + timedelta(minutes=10)
    with desk.in_background():
        region_change_token(desk, NIGHT)
    assert desk.user.expires_at == expires
    region_tonight(desk, NIGHT)  # a worker's own action does count as activity
    assert desk.user.expires_at > expires


def test_the_copys_key_is_derived_from_the_database_key_without_a_keyring(tmp_path, monkeypatch):
    from shelter_desk.persistence import snapshots as module
    from shelter_desk.persistence.location import with_key

    monkeypatch.setattr(module, "keyring_available", lambda: False)
    location = with_key(resolve_location(str(tmp_path / "echt.sqlite")), "een geheime sleutel van de database")
    store = module.snapshot_store_for(location)
    assert store.available and store.save({"facilities": {}})
    assert module.snapshot_store_for(location).load() == {"facilities": {}, "version": 1}  # same key next start
    plain = resolve_location(str(tmp_path / "demo.sqlite"), plain=True)
    assert not module.snapshot_store_for(plain).available  # no secret, no keyring: no copy at all
    assert module.snapshot_store_for(plain).save({"facilities": {"1": {}}}) is False


def test_a_day_drop_in_has_no_beds_and_is_not_in_the_overview(desk, db, region):
    from shelter_desk.domain.facilities import FacilityKind
    from shelter_desk.persistence.models import Facility
    from shelter_desk.services.kernel.reference_data import ensure_region

    with db.write() as session:
        session.add(Facility(region=ensure_region(session, "0106"), name="Inloop Assen", kind=FacilityKind.DROP_IN))
    assert "Inloop Assen" not in {f.name for f in region_tonight(desk, NIGHT).facilities}
