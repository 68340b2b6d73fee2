"""Merging two records of one person moves everything to the kept record; undo restores both exactly."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from shelter_desk.domain.cards import CardName
from shelter_desk.domain.consent import ConsentPurpose
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import Bed, BedNight, Facility, Person, Stay
from shelter_desk.services.cards import issue_card
from shelter_desk.services.dropin import register_visit, store_belongings
from shelter_desk.services.handover import write_entry
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.people.consents import record_consent
from shelter_desk.services.people.merge import merge_persons, merges_of, undo_merge
from shelter_desk.services.people.records import add_note, load_person, register_person, update_person
from shelter_desk.services.people.restrictions import add_restriction, restrictions_of
from shelter_desk.services.plans import start_plan
from shelter_desk.services.postal import register_postal_address
from shelter_desk.services.transfers import start_investigation

NIGHT = date(2026, 11, 24)


@pytest.fixture
def beds(db):
    with db.write() as session:
        facility = Facility(
            region=ensure_region(session, "0106"), name="Nachtopvang Assen", kind=FacilityKind.NIGHT_SHELTER
        )
        facility.beds = [Bed(label=f"B{n}", position=n) for n in range(1, 4)]
        session.add(facility)
        session.flush()
        return facility.id, [bed.id for bed in facility.beds]


def _sleep(db, beds, person_id, nights, bed=0):
    facility_id, bed_ids = beds
    with db.write() as session:
        stay = Stay(person_id=person_id, facility_id=facility_id, start_night=nights[0], end_night=nights[-1])
        session.add(stay)
        session.flush()
        session.add_all(BedNight(stay_id=stay.id, person_id=person_id, bed_id=bed_ids[bed], night=n) for n in nights)


def _table(db, model, person_id):
    with db.read() as session:
        return sorted(session.scalars(select(model.id).where(model.person_id == person_id)))


@pytest.fixture
def pair(desk, db, beds):
    kept = register_person(
        desk, PersonDetails(first_name="Jan", last_name="Berg", date_of_birth=DateOfBirth(date(1968, 3, 4)))
    )
    absorbed = register_person(
        desk,
        PersonDetails(
            alias="Jantje",
            first_name="Jan",
            last_name="Bergh",
            bsn="111222333",
            origin_municipality_code="0106",
            date_of_birth=DateOfBirth(date(1968, 1, 1), True),
        ),
        accept_similar=True,
    )
    _sleep(db, beds, kept, [NIGHT - timedelta(days=3)])
    _sleep(db, beds, absorbed, [NIGHT - timedelta(days=2), NIGHT - timedelta(days=1)], bed=1)
    add_note(desk, absorbed, "Kwam binnen met de politie.")
    add_restriction(desk, absorbed, RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=7), "Vechtpartij", True))
    return kept, absorbed


@pytest.mark.role(Role.COORDINATOR)
def test_a_merge_moves_stays_nights_notes_and_restrictions_to_the_kept_record(desk, db, pair):
    kept, absorbed = pair
    merge_persons(desk, kept, absorbed, "dubbel ingeschreven")
    record = load_person(desk, kept)
    assert len(record.stays) == 2 and [n.text for n in record.notes] == ["Kwam binnen met de politie."]
    assert len(_table(db, BedNight, kept)) == 3 and _table(db, BedNight, absorbed) == []
    assert [r.reason for r in restrictions_of(desk, kept)] == ["Vechtpartij"]


@pytest.mark.role(Role.COORDINATOR)
def test_a_merge_fills_the_kept_records_empty_fields_and_keeps_its_own(desk, pair):
    kept, absorbed = pair
    merge_persons(desk, kept, absorbed)
    details = load_person(desk, kept).details
    assert (details.bsn, details.origin_municipality_code, details.alias) == ("111222333", "0106", "Jantje")
    assert details.last_name == "Berg" and details.date_of_birth == DateOfBirth(date(1968, 3, 4))


@pytest.mark.role(Role.COORDINATOR)
def test_the_absorbed_record_is_no_longer_found_and_the_merge_is_recorded(desk, pair):
    kept, absorbed = pair
    merge_id = merge_persons(desk, kept, absorbed, "dubbel ingeschreven")
    assert [h.person_id for h in desk.search.search("Jantje", NIGHT)] == [kept]
    [merge] = merges_of(desk, kept)
    assert (merge.merge_id, merge.absorbed_name, merge.reason, merge.undone_at) == (
        merge_id,
        'Jan Bergh ("Jantje")',
        "dubbel ingeschreven",
        None,
    )


@pytest.mark.role(Role.COORDINATOR)
def test_undo_restores_both_records_exactly(desk, db, pair):
    kept, absorbed = pair
    before = {pid: (load_person(desk, pid), _table(db, BedNight, pid), restrictions_of(desk, pid)) for pid in pair}
    undo_merge(desk, merge_persons(desk, kept, absorbed))
    after = {pid: (load_person(desk, pid), _table(db, BedNight, pid), restrictions_of(desk, pid)) for pid in pair}
    assert after == before
    assert [h.person_id for h in desk.search.search("Jantje", NIGHT)] == [absorbed]


@pytest.mark.role(Role.COORDINATOR)
def test_what_was_added_to_the_kept_record_after_the_merge_stays_there_on_undo(desk, db, beds, pair):
    kept, absorbed = pair
    merge_id = merge_persons(desk, kept, absorbed)
    _sleep(db, beds, kept, [NIGHT])
    add_note(desk, kept, "Na de samenvoeging geschreven.")
    undo_merge(desk, merge_id)
    assert len(_table(db, BedNight, kept)) == 2 and len(_table(db, BedNight, absorbed)) == 2
    assert [n.text for n in load_person(desk, kept).notes] == ["Na de samenvoeging geschreven."]
    assert [n.text for n in load_person(desk, absorbed).notes] == ["Kwam binnen met de politie."]


@pytest.mark.role(Role.COORDINATOR)
def test_a_correction_typed_after_the_merge_survives_the_undo(desk, pair):
    kept, absorbed = pair
    merge_id = merge_persons(desk, kept, absorbed)
    corrected = load_person(desk, kept).details
    update_person(desk, kept, PersonDetails(**{**corrected.__dict__, "origin_municipality_code": "0114"}))
    undo_merge(desk, merge_id)
    assert load_person(desk, kept).details.origin_municipality_code == "0114"
    assert load_person(desk, absorbed).details.bsn == "111222333"


@pytest.mark.role(Role.COORDINATOR)
def test_a_record_cannot_be_merged_with_itself(desk, pair):
    with pytest.raises(DeskError, match="met zichzelf"):
        merge_persons(desk, pair[0], pair[0])


@pytest.mark.role(Role.COORDINATOR)
def test_two_records_that_slept_in_beds_on_the_same_night_are_not_merged(desk, db, beds, pair):
    kept, absorbed = pair
    _sleep(db, beds, kept, [NIGHT - timedelta(days=1)], bed=2)
    with pytest.raises(DeskError, match="niet dezelfde persoon"):
        merge_persons(desk, kept, absorbed)
    assert len(_table(db, BedNight, absorbed)) == 2


@pytest.mark.role(Role.COORDINATOR)
def test_two_records_with_different_bsns_are_not_merged(desk, pair):
    kept, absorbed = pair
    update_person(desk, kept, PersonDetails(first_name="Jan", last_name="Berg", bsn="123456782"))
    with pytest.raises(DeskError, match="verschillende BSN"):
        merge_persons(desk, kept, absorbed)


@pytest.mark.role(Role.COORDINATOR)
def test_a_merge_cannot_be_undone_twice(desk, pair):
    merge_id = merge_persons(desk, *pair)
    undo_merge(desk, merge_id)
    with pytest.raises(DeskError, match="al ongedaan"):
        undo_merge(desk, merge_id)


@pytest.mark.role(Role.COORDINATOR)
def test_an_absorbed_record_cannot_be_edited(desk, db, pair):
    kept, absorbed = pair
    merge_persons(desk, kept, absorbed)
    with pytest.raises(DeskError, match="samengevoegd"):
        update_person(desk, absorbed, PersonDetails(first_name="X"))
    with db.read() as session:
        assert session.get(Person, absorbed).merged_into_id == kept


@pytest.mark.role(Role.COORDINATOR)
def test_a_released_no_show_does_not_stop_a_merge(desk, db, beds, pair):
    kept, absorbed = pair
    night = NIGHT - timedelta(days=1)  # the absorbed record slept in bed 1 that night
    _sleep(db, beds, kept, [night], bed=2)
    with db.write() as session:
        session.execute(
            update(BedNight).where(BedNight.person_id == kept, BedNight.night == night).values(status="no_show")
        )
    merge_persons(desk, kept, absorbed)
    assert len(_table(db, BedNight, kept)) == 4


# What every feature may record about a person: one rule, checked by one step. The absorbed record
# only waits for a possible undo; whatever is new belongs on the kept record.
_RECORDS_ABOUT_A_PERSON = {
    "note": lambda desk, person, house: add_note(desk, person, "Nieuwe notitie."),
    "details": lambda desk, person, house: update_person(desk, person, PersonDetails(first_name="X")),
    "restriction": lambda desk, person, house: add_restriction(
        desk, person, RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=7), "Geweld", is_safety=True)
    ),
    "plan": lambda desk, person, house: start_plan(desk, person, "Yvonne", NIGHT + timedelta(days=60)),
    "card": lambda desk, person, house: issue_card(desk, person, CardName.ALIAS, house),
    "visit": lambda desk, person, house: register_visit(desk, house, person),
    "locker": lambda desk, person, house: store_belongings(desk, house, person, "7", "Tas", NIGHT + timedelta(days=7)),
    "handover": lambda desk, person, house: write_entry(desk, house, "Kwam langs.", [person]),
    "postal address": lambda desk, person, house: register_postal_address(desk, person, house, NIGHT, "Jan", NIGHT),
    "investigation": lambda desk, person, house: start_investigation(desk, person, NIGHT),
    "consent": lambda desk, person, house: record_consent(desk, person, ConsentPurpose.MUNICIPALITY, True, NIGHT),
}


@pytest.fixture
def drop_in_house(db):
    """A drop-in with a full address: it gives visits, lockers, cards, handovers and postal addresses."""
    with db.write() as session:
        house = Facility(
            region=ensure_region(session, "0106"),
            name="Inloop Assen",
            kind=FacilityKind.DROP_IN,
            street="Kerkplein 1",
            postcode="9401 AA",
            city="Assen",
        )
        session.add(house)
        session.flush()
        return house.id


@pytest.mark.role(Role.COORDINATOR)
@pytest.mark.parametrize("record", list(_RECORDS_ABOUT_A_PERSON.values()), ids=list(_RECORDS_ABOUT_A_PERSON))
def test_nothing_new_is_recorded_on_an_absorbed_record(desk, db, pair, drop_in_house, record):
    kept, absorbed = pair
    merge_persons(desk, kept, absorbed)
    merged = r'^Jan Bergh \("Jantje"\) is al samengevoegd met een ander record: .+ record\.$'
    with pytest.raises(DeskError, match=merged):
        record(desk, absorbed, drop_in_house)


@pytest.mark.role(Role.COUNSELLOR)  # the least role that may record all of them (the plan is a counsellor's)
@pytest.mark.parametrize("record", list(_RECORDS_ABOUT_A_PERSON.values()), ids=list(_RECORDS_ABOUT_A_PERSON))
def test_nothing_is_recorded_about_a_person_who_does_not_exist(desk, drop_in_house, record):
    with pytest.raises(DeskError, match=r"^Deze persoon bestaat niet \(meer\)\.$"):
        record(desk, 999_999, drop_in_house)
