"""A desk that gets killed: runs intake, bed assignment and check-out transactions in a loop.

`python -m tests.persistence.crash_worker DB FIRST LAST` prints `ready`, then after every commit
one line: `person <i> <id>`, `bed <i> <bed_night_id>`, `out <i> <bed_night_id>`.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from sqlalchemy import select

from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import Bed, Facility
from shelter_desk.services.beds.assignment import assign_bed, check_in, check_out
from shelter_desk.services.kernel.database_setup import open_and_prepare
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from shelter_desk.services.people.records import register_person

FIRST_NIGHT = date(2026, 1, 1)
BEDS = 10


def main(path: str, first: str, last: str) -> int:
    db = open_and_prepare(resolve_location(path, plain=True))
    desk = Desk(db, user=COMMAND_LINE)
    with db.read() as session:
        facility_id = session.scalar(select(Facility.id).where(Facility.name == "Crashtest"))
        beds = list(session.scalars(select(Bed.id).where(Bed.facility_id == facility_id).order_by(Bed.position)))
    print("ready", flush=True)
    for i in range(int(first), int(last)):
        person = register_person(desk, PersonDetails(first_name=f"Crash{i:03d}", last_name="Test"), accept_similar=True)
        print(f"person {i} {person}", flush=True)
        bed_night = assign_bed(desk, person, beds[i % BEDS], FIRST_NIGHT + timedelta(days=i // BEDS))
        print(f"bed {i} {bed_night}", flush=True)
        check_in(desk, bed_night)
        check_out(desk, bed_night)
        print(f"out {i} {bed_night}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
