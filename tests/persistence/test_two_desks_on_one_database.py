"""Two desks (processes) on one database at once: the access-log chain stays one chain, and
keeping running stays in their beds together never fails (on PostgreSQL too, where writers run side by side)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.domain.stays import HOLD_AHEAD_NIGHTS, StayUnit
from shelter_desk.persistence.models import AccessLogEntry, Bed, BedNight, Facility, Person, Stay
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.trust.access_log_reading import verify_chain

from .desk_worker import BOARD_NIGHTS, FIRST_NIGHT

REPO = Path(__file__).resolve().parents[2]
RECORDS = 300
SHORT_STAYS = 12


def _run_two_desks(location, task: str, folder: Path) -> list[list[str]]:  # type: ignore[no-untyped-def]
    go = folder / "go"
    outputs = [folder / f"{task}-{side}.txt" for side in "AB"]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.persistence.desk_worker", location.url, task, str(go), str(out)],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outputs
    ]
    go.touch()
    for worker in workers:
        _out, errors = worker.communicate(timeout=600)
        assert worker.returncode == 0, errors
    return [out.read_text().splitlines() for out in outputs]


def test_two_desks_opening_300_records_each_keep_one_unbroken_access_log_chain(db, location, tmp_path):
    with db.write() as session:
        session.add_all(Person(alias=f"Persoon {n:03d}") for n in range(RECORDS))
    lines = _run_two_desks(location, "open-records", tmp_path)
    assert [len(side) for side in lines] == [RECORDS, RECORDS]
    administrator = Desk(db, user=DeskUser(1, "beheer", "Beheer", Role.ADMINISTRATOR))
    assert verify_chain(administrator) is None  # not forked: every entry covers the one before it
    with db.read() as session:
        opened = session.scalar(
            select(func.count()).select_from(AccessLogEntry).where(AccessLogEntry.action == "inzien")
        )
        forks = session.execute(
            select(AccessLogEntry.previous_hash).group_by(AccessLogEntry.previous_hash).having(func.count() > 1)
        ).all()
    assert opened == 2 * RECORDS
    assert forks == []


def test_two_desks_keeping_stays_running_together_never_fail_and_write_each_night_once(db, location, tmp_path):
    with db.write() as session:
        facility = Facility(
            region=ensure_region(session, "0106"),
            name="KDO Contentie",
            kind=FacilityKind.SHORT_STAY,
            max_stay_length=365,
            max_stay_unit=StayUnit.DAYS,
        )
        facility.beds = [Bed(label=str(n), position=n) for n in range(SHORT_STAYS)]
        session.add(facility)
        session.flush()
        for n, bed in enumerate(facility.beds):
            person = Person(alias=f"Kort {n:02d}", date_of_birth=date(1970, 1, 1))
            session.add(person)
            session.flush()
            stay = Stay(person_id=person.id, facility_id=facility.id, start_night=FIRST_NIGHT)
            session.add(stay)
            session.flush()
            session.add(
                BedNight(stay_id=stay.id, person_id=person.id, bed_id=bed.id, night=FIRST_NIGHT, status="ingecheckt")
            )
    lines = _run_two_desks(location, "refresh-board", tmp_path)
    assert [len(side) for side in lines] == [BOARD_NIGHTS, BOARD_NIGHTS]
    # Held four weeks past the last night the desks reached.
    last = FIRST_NIGHT + timedelta(days=BOARD_NIGHTS - 1 + HOLD_AHEAD_NIGHTS)
    for side in lines:  # each desk saw every short stay in its bed on every night it showed
        assert all(line.split()[2] == str(SHORT_STAYS) for line in side)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(BedNight)) == SHORT_STAYS * (
            BOARD_NIGHTS + HOLD_AHEAD_NIGHTS
        )
        assert session.scalar(select(func.max(BedNight.night))) == last
