"""One desk in the double-booking contention test: tries every (bed, night) slot for its people.

Run as `python -m tests.persistence.contention_worker DB SIDE GO_FILE OUT_FILE`. Writes one line per
attempt: `ok <bed_id> <night> <bed_night_id>` or `refused <bed_id> <night>`; any other outcome
ends the process with a non-zero exit code.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import Bed, Facility, Person
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.kernel.database_setup import open_and_prepare
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk

FIRST_NIGHT = date(2026, 1, 1)
NIGHTS = 50  # 10 beds x 50 nights: 500 conflicting assignments per desk


def main(path: str, side: str, go_file: str, out_file: str) -> int:
    db = open_and_prepare(resolve_location(path, plain=True))
    desk = Desk(db, user=COMMAND_LINE)
    with db.read() as session:
        facility = session.scalar(select(Facility).where(Facility.name == "Contentie"))
        beds = [
            bed.id for bed in session.scalars(select(Bed).where(Bed.facility_id == facility.id).order_by(Bed.position))
        ]
        people = [
            p.id for p in session.scalars(select(Person).where(Person.alias.like(f"{side}-%")).order_by(Person.alias))
        ]
    while not Path(go_file).exists():
        time.sleep(0.01)
    with open(out_file, "w", encoding="utf-8") as out:
        for offset in range(NIGHTS):
            night = FIRST_NIGHT + timedelta(days=offset)
            for bed_id, person_id in zip(beds, people, strict=True):
                try:
                    bed_night = assign_bed(desk, person_id, bed_id, night)
                except DeskError as error:
                    if "bed is net vergeven" not in error.message:
                        print(f"unexpected refusal: {error.message}", file=sys.stderr)
                        return 3
                    out.write(f"refused {bed_id} {night}\n")
                else:
                    out.write(f"ok {bed_id} {night} {bed_night}\n")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
