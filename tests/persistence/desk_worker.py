"""One desk in the two-desk tests on a shared database (run as a separate process).

`python -m tests.persistence.desk_worker DATABASE TASK GO_FILE OUT_FILE`, TASK one of:
- `open-records`: open every person record in turn (each opening appends to the access log);
- `refresh-board`: night after night (the desk's clock moving on), run the daily step that keeps
  running short stays holding their beds, then read the board, as a desk open for weeks does.
Writes one line per action done; any error ends the process with its traceback and exit code 1.
"""

from __future__ import annotations

import sys
import time as clock
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import Person
from shelter_desk.services.admin.database_setup import open_and_prepare
from shelter_desk.services.beds.assignment import keep_stays_running
from shelter_desk.services.beds.board import bed_board
from shelter_desk.services.desk import COMMAND_LINE, Desk
from shelter_desk.services.people.records import load_person

FIRST_NIGHT = date(2026, 1, 1)
BOARD_NIGHTS = 60


def main(database: str, task: str, go_file: str, out_file: str) -> int:
    db = open_and_prepare(resolve_location(database, plain=True))
    desk = Desk(db, user=COMMAND_LINE)
    with db.read() as session:
        people = list(session.scalars(select(Person.id).order_by(Person.id)))
    while not Path(go_file).exists():
        clock.sleep(0.01)
    with open(out_file, "w", encoding="utf-8") as out:
        if task == "open-records":
            for person_id in people:
                load_person(desk, person_id)
                out.write(f"opened {person_id}\n")
        elif task == "refresh-board":
            for offset in range(BOARD_NIGHTS):
                night = FIRST_NIGHT + timedelta(days=offset)
                desk.clock = lambda night=night: datetime.combine(night, time(20), timezone.utc)
                keep_stays_running(desk)
                taken = sum(board.occupied for board in bed_board(desk, night))
                out.write(f"board {night} {taken}\n")
        else:
            raise SystemExit(f"unknown task {task}")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
