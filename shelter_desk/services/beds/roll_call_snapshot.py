"""Tonight's roll-call from this computer's last copy, for when the database cannot be reached.

`region_tonight` hands every successful read to `keep_in_snapshot`, which merges it per facility
into the encrypted store (`persistence/snapshots.py`), each facility with the moment it was read.
`roll_call_from_snapshot` prints the appèllijst from that copy without touching the database,
with "Stand van <tijd>" on it, so nobody mistakes it for the live list. The printout cannot be
written to the access log while the database is away; the log line says so on the next read.

Each row keeps the person's presence (binnen, verwacht, uitgecheckt), so the copy's roll-call has
the same "Binnen" and "Verwacht / niet binnen" sections and counts as the live one. A copy saved
before presence was kept loads with every person as expected ("niet bevestigd"): an evacuation
must never count someone inside who may not be there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import AMSTERDAM, dutch_night
from shelter_desk.persistence.snapshots import RollCallSnapshots
from shelter_desk.reports.occupancy_data import OccupancyList, OccupancyRow, Presence
from shelter_desk.services.kernel.desk import Desk

LOG = logging.getLogger("shelter_desk")

# bed label, overflow?, name, birth year, check-in, remarks, safety note, presence (Presence's value)
Row = tuple[str, bool, str, str, str, str, str, str]
UNCONFIRMED = "niet bevestigd"  # the remark on a person of an old copy, whose presence was not kept


@dataclass(frozen=True)
class RollCallEntry:
    facility_id: int
    facility: str
    facility_kind: str
    address: str
    rows: tuple[Row, ...]
    capacity: int


@dataclass(frozen=True)
class SnapshotFacility:
    facility_id: int
    facility: str
    night: date
    taken_at: datetime


def copy_row(row: OccupancyRow) -> Row:
    """A row of the live list as the copy keeps it (plain JSON values)."""
    return (
        row.bed,
        row.is_overflow,
        row.name,
        row.birth_year,
        row.check_in,
        row.remarks,
        row.safety_note,
        row.presence.value,
    )


def _row_from_copy(saved: list[Any]) -> OccupancyRow:
    """A kept row back; one without a (known) presence counts as expected, never as inside."""
    bed, is_overflow, name, birth_year, check_in, remarks, safety_note = saved[:7]
    try:
        presence = Presence(saved[7])
    except (IndexError, ValueError):
        presence = Presence.EXPECTED
        if name:
            remarks = f"{remarks}, {UNCONFIRMED}" if remarks else UNCONFIRMED
    return OccupancyRow(
        str(bed), bool(is_overflow), str(name), str(birth_year), str(check_in), str(remarks), str(safety_note), presence
    )


def stand_van(moment: datetime) -> str:
    """'Stand van 24-11-2026 21:40': the time the copy was read, Amsterdam time."""
    return f"Stand van {moment.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}"


def keep_in_snapshot(
    store: RollCallSnapshots | None, night: date, entries: list[RollCallEntry], taken_at: datetime, *, is_demo: bool
) -> None:
    """Merge these facilities into the local copy (a step of a read use case, not a use case).

    A copy that cannot be written must not stop the desk: it is logged, and the screen goes on.
    """
    if store is None or not entries:
        return
    document = store.load()
    kept = {
        key: value for key, value in document.get("facilities", {}).items() if value.get("night") == night.isoformat()
    }
    for entry in entries:
        kept[str(entry.facility_id)] = {
            "night": night.isoformat(),
            "taken_at": taken_at.isoformat(),
            "facility": entry.facility,
            "facility_kind": entry.facility_kind,
            "address": entry.address,
            "capacity": entry.capacity,
            "is_demo": is_demo,
            "rows": [list(row) for row in entry.rows],
        }
    try:
        store.save({"facilities": kept})
    except OSError as problem:
        LOG.warning("Lokale kopie van de appèllijst niet opgeslagen: %s", problem)


def snapshot_facilities(desk: Desk) -> list[SnapshotFacility]:
    """Which facilities the local copy holds, and from when (no database needed)."""
    desk.require(Permission.DESK_WORK)
    document = desk.snapshots.load() if desk.snapshots is not None else {}
    found = [
        SnapshotFacility(
            int(key), value["facility"], date.fromisoformat(value["night"]), datetime.fromisoformat(value["taken_at"])
        )
        for key, value in document.get("facilities", {}).items()
    ]
    return sorted(found, key=lambda item: item.facility)


def roll_call_from_snapshot(desk: Desk, facility_id: int) -> bytes:
    """The appèllijst of one facility from the local copy, marked with the time of that copy."""
    desk.require(Permission.DESK_WORK)
    document = desk.snapshots.load() if desk.snapshots is not None else {}
    saved = document.get("facilities", {}).get(str(facility_id))
    if saved is None:
        raise DeskError(
            "Er is op deze computer geen lokale kopie van de appèllijst van deze voorziening. "
            "Gebruik de laatste papieren bezettingslijst."
        )
    taken_at = datetime.fromisoformat(saved["taken_at"])
    night = date.fromisoformat(saved["night"])
    data = OccupancyList(
        facility=saved["facility"],
        facility_kind=saved["facility_kind"],
        address=saved["address"],
        night=night,
        night_text=dutch_night(night),
        printed_at=desk.now(),
        printed_by=desk.worker or "balie",
        rows=tuple(_row_from_copy(row) for row in saved["rows"]),
        capacity=int(saved["capacity"]),
        is_demo=bool(saved["is_demo"]),
        notes=(
            f"{stand_van(taken_at)} — laatste lokale kopie; de database was niet bereikbaar.",
            *(
                ()
                if all(len(row) > 7 for row in saved["rows"])
                else (
                    "Deze kopie weet niet wie binnen was: iedereen staat onder 'Verwacht / niet binnen' "
                    f"({UNCONFIRMED}).",
                )
            ),
        ),
    )
    from shelter_desk.reports.occupancy_pdf import render_roll_call  # reportlab loads when printing

    return render_roll_call(data)
