"""The benchmark's 10-year generator, at a small size: what it writes keeps the desk's invariants."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from shelter_desk.domain.stays import StayFlag
from shelter_desk.persistence.location import resolve_location
from shelter_desk.services.beds.board import stays_to_review
from shelter_desk.services.kernel.database_setup import open_and_prepare
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from tests.benchmarks.dataset import LAST_NIGHT, DatasetSize, DatasetSummary, generate_dataset

# Small: about 40 000 bed-nights in the 12 facilities of one region, a second to build.
SIZE = DatasetSize(persons=2_000, nights=150, regions=1, overstay_share=0.5)
EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    db = open_and_prepare(resolve_location(str(tmp_path_factory.mktemp("dataset") / "g.sqlite"), plain=True))
    summary = generate_dataset(db, SIZE, seed=3)
    yield db, summary
    db.close()


def _rows(db, sql: str, **parameters) -> list[tuple]:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return [tuple(row) for row in session.execute(text(sql), parameters)]


def _age(born: date, night: date) -> int:
    return night.year - born.year - ((night.month, night.day) < (born.month, born.day))


def test_it_fills_every_table_it_promises(generated) -> None:  # type: ignore[no-untyped-def]
    db, summary = generated
    assert summary.persons == SIZE.persons and summary.facilities == 13  # 12 with beds and a drop-in
    assert summary.bed_nights > 30_000 and summary.stays > 5_000
    assert summary.bed_nights / summary.stays < 8  # short night-shelter runs: many stays
    for count in (
        summary.turnaways,
        summary.restrictions,
        summary.postal_addresses,
        summary.mail_items,
        summary.investigations,
        summary.investigation_facts,
        summary.transfers,
        summary.dropin_visits,
        summary.dropin_services,
        summary.lockers,
        summary.plans,
        summary.assessments,
    ):
        assert count > 0
    assert _rows(db, "SELECT min(night), max(night), count(*) FROM bed_night") == [
        (str(summary.first_night), str(LAST_NIGHT), summary.bed_nights)
    ]


def test_no_bed_and_no_person_is_booked_twice_a_night(generated) -> None:  # type: ignore[no-untyped-def]
    db, _summary = generated
    for column in ("bed_id", "person_id"):
        assert (
            _rows(
                db,
                f"SELECT {column}, night FROM bed_night WHERE status <> 'no_show' "
                f"GROUP BY {column}, night HAVING count(*) > 1",
            )
            == []
        )


def test_ages_fit_the_facility_on_every_night(generated) -> None:  # type: ignore[no-untyped-def]
    db, _summary = generated
    rows = _rows(
        db,
        "SELECT bn.night, p.date_of_birth, f.min_age, f.max_age FROM bed_night bn "
        "JOIN person p ON p.id = bn.person_id JOIN bed b ON b.id = bn.bed_id "
        "JOIN facility f ON f.id = b.facility_id",
    )
    wrong = []
    for night, born, minimum, maximum in rows:
        night = date.fromisoformat(night)
        if born is None:
            fits = maximum is None  # an unknown age: adult facilities only
        else:
            age = _age(date.fromisoformat(born), night)
            fits = (minimum is None or age >= minimum) and (maximum is None or age <= maximum)
        if not fits:
            wrong.append((night, born, minimum, maximum))
    assert wrong == []
    assert any(maximum is not None for _n, _b, _min, maximum in rows)  # youth places were filled


def test_every_bed_night_belongs_to_its_stays_person_facility_and_nights(generated) -> None:  # type: ignore[no-untyped-def]
    db, _summary = generated
    assert (
        _rows(
            db,
            "SELECT bn.id FROM bed_night bn JOIN stay s ON s.id = bn.stay_id JOIN bed b ON b.id = bn.bed_id "
            "WHERE bn.person_id <> s.person_id OR b.facility_id <> s.facility_id "
            "OR bn.night < s.start_night OR bn.night > coalesce(s.end_night, :last)",
            last=str(LAST_NIGHT),
        )
        == []
    )
    # A stay is one unbroken run: as many bed-nights as nights from its start to its end.
    assert (
        _rows(
            db,
            "SELECT s.id FROM stay s JOIN bed_night bn ON bn.stay_id = s.id GROUP BY s.id "
            "HAVING count(*) <> julianday(coalesce(s.end_night, :last)) - julianday(s.start_night) + 1",
            last=str(LAST_NIGHT),
        )
        == []
    )
    assert (
        _rows(db, "SELECT s.id FROM stay s WHERE NOT EXISTS (SELECT 1 FROM bed_night bn WHERE bn.stay_id = s.id)") == []
    )
    # Only stays running on the last night are open.
    assert _rows(
        db,
        "SELECT count(*) FROM stay WHERE end_night IS NULL AND id NOT IN "
        "(SELECT stay_id FROM bed_night WHERE night = :last)",
        last=str(LAST_NIGHT),
    ) == [(0,)]


def test_short_stays_keep_their_maximum_unless_deliberately_over_and_flagged(generated) -> None:  # type: ignore[no-untyped-def]
    db, summary = generated
    over = _rows(
        db,
        "SELECT s.id, s.end_night FROM stay s JOIN facility f ON f.id = s.facility_id "
        "WHERE f.max_stay_length IS NOT NULL AND f.max_stay_unit = 'dagen' "
        "AND julianday(coalesce(s.end_night, :last)) - julianday(s.start_night) + 1 > f.max_stay_length",
        last=str(LAST_NIGHT),
    )
    assert summary.overstays, "the generator made no overstay to check: raise overstay_share or the nights"
    assert sorted(stay_id for stay_id, _end in over) == sorted(summary.overstays)
    assert all(end is None for _stay_id, end in over)  # still running, so the desk sees them
    desk = Desk(db, clock=lambda: EVENING, user=COMMAND_LINE)
    flagged = {review.stay_id for review in stays_to_review(desk, LAST_NIGHT) if review.flag is StayFlag.OVER_MAXIMUM}
    assert flagged == set(summary.overstays)


def test_one_open_postal_address_per_person_and_mail_within_its_address(generated) -> None:  # type: ignore[no-untyped-def]
    db, _summary = generated
    assert (
        _rows(
            db,
            "SELECT person_id FROM postal_address WHERE status <> 'beeindigd' GROUP BY person_id HAVING count(*) > 1",
        )
        == []
    )
    active = Counter(
        facility for (facility,) in _rows(db, "SELECT facility_id FROM postal_address WHERE status = 'actief'")
    )
    assert active and max(active.values()) <= 150  # postal.max_per_location
    assert _rows(
        db, "SELECT count(*) FROM postal_address p JOIN facility f ON f.id = p.facility_id WHERE f.street = ''"
    ) == [(0,)]
    assert (
        _rows(
            db,
            "SELECT m.id FROM mail_item m JOIN postal_address p ON p.id = m.postal_address_id "
            "WHERE m.person_id <> p.person_id OR m.received_on < p.start_date "
            "OR m.received_on > coalesce(p.end_date, :last) "
            "OR m.picked_up_on > coalesce(p.end_date, :last) OR m.returned_on > coalesce(p.end_date, :last) "
            "OR (p.end_date IS NOT NULL AND m.picked_up_on IS NULL AND m.returned_on IS NULL)",
            last=str(LAST_NIGHT),
        )
        == []
    )


def test_other_records_keep_their_dates_in_order_and_in_the_past(generated) -> None:  # type: ignore[no-untyped-def]
    db, _summary = generated
    last = str(LAST_NIGHT)
    assert _rows(
        db, "SELECT count(*) FROM turnaway WHERE night > :last OR (person_id IS NULL AND description = '')", last=last
    ) == [(0,)]
    assert _rows(db, "SELECT count(*) FROM restriction WHERE starts_on > :last", last=last) == [(0,)]
    assert _rows(
        db,
        "SELECT count(*) FROM investigation WHERE decided_on < reported_on OR decided_on > :last "
        "OR (decided_on IS NULL) <> (decided_centre_code IS NULL)",
        last=last,
    ) == [(0,)]
    assert _rows(
        db,
        "SELECT count(*) FROM transfer t JOIN investigation i ON i.id = t.investigation_id "
        "WHERE t.person_id <> i.person_id OR t.requested_on < i.decided_on "
        "OR t.answered_on < t.requested_on OR t.moved_on < t.answered_on OR t.moved_on > :last "
        "OR (t.status = 'verhuisd') <> (t.moved_on IS NOT NULL)",
        last=last,
    ) == [(0,)]


def _digest(summary: DatasetSummary, db) -> str:  # type: ignore[no-untyped-def]
    digest = hashlib.sha256(repr(summary.overstays).encode())
    for table in (
        "person",
        "stay",
        "bed_night",
        "turnaway",
        "restriction",
        "postal_address",
        "mail_item",
        "investigation",
        "transfer",
    ):
        columns = "*" if table != "person" else "id, first_name, last_name, alias, date_of_birth, bsn"
        for row in _rows(db, f"SELECT {columns} FROM {table} ORDER BY id"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def test_the_same_seed_gives_the_same_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    size = DatasetSize(persons=300, nights=40)
    digests = []
    for name in ("a", "b"):
        db = open_and_prepare(resolve_location(str(tmp_path / f"{name}.sqlite"), plain=True))
        try:
            digests.append(_digest(generate_dataset(db, size, seed=5), db))
        finally:
            db.close()
    assert digests[0] == digests[1]


def test_the_drop_in_has_todays_visitors_and_lockers_in_use(generated) -> None:  # type: ignore[no-untyped-def]
    from shelter_desk.services.dropin import dropin_locations, lockers_in_use, todays_visitors
    from shelter_desk.services.plans import plans_due

    db, _summary = generated
    desk = Desk(db, user=COMMAND_LINE, clock=lambda: EVENING)
    [drop_in] = dropin_locations(desk)
    assert 14 <= len(todays_visitors(desk, drop_in.facility_id).visits) <= 40
    assert 0 < len(lockers_in_use(desk, drop_in.facility_id)) <= 30  # one label, one item at a time
    assert drop_in.today == "Vandaag open 10:00–16:00."
    assert plans_due(desk)
