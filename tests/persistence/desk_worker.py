"""One desk in the two-desk tests on a shared database (run as a separate process).

`python -m tests.persistence.desk_worker DATABASE TASK GO_FILE OUT_FILE`, TASK one of:
- `open-records`: open every person record in turn (each opening appends to the access log);
- `refresh-board`: night after night (the desk's clock moving on), run the daily step that keeps
  running short stays holding their beds, then read the board, as a desk open for weeks does;
- `assign-on-request`: tonight, give bed n of the facility "Volgen" to person n of the people
  called "Volger …" as soon as the file GO_FILE.n appears (n = 1, 2, …), and write the time of
  each commit (`time.time()`), for the tests and the benchmark of following other desks.
Writes one line per action done; any error ends the process with its traceback and exit code 1.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import Bed, Facility, Person
from shelter_desk.services.beds.assignment import assign_bed, keep_stays_running
from shelter_desk.services.beds.board import bed_board
from shelter_desk.services.kernel.database_setup import open_and_prepare
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from shelter_desk.services.people.records import load_person

FIRST_NIGHT = date(2026, 1, 1)
BOARD_NIGHTS = 60


def main(database: str, task: str, go_file: str, out_file: str) -> int:
    db = open_and_prepare(resolve_location(database, plain=True))
    desk = Desk(db, user=COMMAND_LINE)
    with db.read() as session:
        people = list(session.scalars(select(Person.id).order_by(Person.id)))
    while not Path(go_file).exists():
        time.sleep(0.01)
    with open(out_file, "w", encoding="utf-8") as out:
        if task == "open-records":
            for person_id in people:
                load_person(desk, person_id)
                out.write(f"opened {person_id}\n")
        elif task == "refresh-board":
            for offset in range(BOARD_NIGHTS):
                night = FIRST_NIGHT + timedelta(days=offset)
                desk.clock = lambda night=night: datetime(night.year, night.month, night.day, 20, tzinfo=UTC)
                keep_stays_running(desk)
                taken = sum(board.occupied for board in bed_board(desk, night))
                out.write(f"board {night} {taken}\n")
        elif task == "assign-on-request":
            _assign_on_request(desk, go_file, out)
        else:
            raise SystemExit(f"unknown task {task}")
    db.close()
    return 0


def _assign_on_request(desk: Desk, go_file: str, out) -> None:  # type: ignore[no-untyped-def]
    with desk.db.read() as session:
        beds = list(
            session.scalars(select(Bed.id).join(Facility).where(Facility.name == "Volgen").order_by(Bed.position))
        )
        people = list(session.scalars(select(Person.id).where(Person.alias.like("Volger%")).order_by(Person.id)))
    night = desk.tonight()
    for n, (person_id, bed_id) in enumerate(zip(people, beds, strict=False), start=1):
        request = Path(f"{go_file}.{n}")
        while not request.exists():
            time.sleep(0.002)
        assign_bed(desk, person_id, bed_id, night)
        out.write(f"assigned {n} {time.time():.6f}\n")
        out.flush()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
