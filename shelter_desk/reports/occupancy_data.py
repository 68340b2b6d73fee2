"""The plain data an occupancy list or evacuation roll-call is printed from (no database here).

Services fill these from the bed board; the PDF layouts in `occupancy_pdf.py` only read them.
Data minimisation: only what the night staff need, nothing about health, justice or history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Presence(StrEnum):
    """Whether the person on a bed is in the building: what a roll-call is counted by."""

    INSIDE = "binnen"  # checked in and not checked out
    EXPECTED = "verwacht"  # reserved, not (yet) arrived
    LEFT = "uitgecheckt"  # checked in and out again this night


@dataclass(frozen=True)
class OccupancyRow:
    bed: str  # bed label, e.g. "B3" or "U1" (overflow)
    is_overflow: bool
    name: str  # name or alias exactly as registered, any script; "" for a free bed
    birth_year: str  # "1968", "ca. 1975" or "" when unknown / free bed
    check_in: str  # "21:14" or "" when not checked in
    remarks: str  # status words for the night staff: "gereserveerd", "uitgecheckt 07:10", ...
    safety_note: str  # active safety restriction or safety notes, else ""
    presence: Presence = Presence.INSIDE  # for an occupied bed; ignored for a free one
    # A free bed that waits for a regular until the no-show hour: for whom, and until when ("23:00").
    kept_for: str = ""
    kept_until: str = ""


@dataclass(frozen=True)
class OccupancyList:
    facility: str
    facility_kind: str  # Dutch label, e.g. "Nachtopvang"
    address: str
    night: date
    night_text: str  # "nacht van dinsdag 24 op woensdag 25 november 2026"
    printed_at: datetime  # timezone-aware
    printed_by: str
    rows: tuple[OccupancyRow, ...]
    capacity: int  # open beds this night
    is_demo: bool = False  # print a "DEMO — fictieve personen" mark on every page
    title: str = ""  # empty: the layout's own title ("Bezettingslijst"); the winter list sets its own
    notes: tuple[str, ...] = ()  # extra header lines, e.g. the winter phase and who keeps watch

    @property
    def occupied(self) -> int:
        return sum(1 for row in self.rows if row.name)

    @property
    def inside(self) -> tuple[OccupancyRow, ...]:
        return tuple(row for row in self.rows if row.name and row.presence is Presence.INSIDE)

    @property
    def not_inside(self) -> tuple[OccupancyRow, ...]:
        """Reserved and not arrived, or checked out again: on the list, not in the building."""
        return tuple(row for row in self.rows if row.name and row.presence is not Presence.INSIDE)

    @property
    def kept_rows(self) -> tuple[OccupancyRow, ...]:
        """Free beds that wait for a regular: not to be given to someone else before the no-show hour."""
        return tuple(row for row in self.rows if not row.name and row.kept_for)

    @property
    def free_rows(self) -> tuple[OccupancyRow, ...]:
        """Free beds nobody is waited for in."""
        return tuple(row for row in self.rows if not row.name and not row.kept_for)

    @property
    def free(self) -> int:
        return self.capacity - self.occupied
