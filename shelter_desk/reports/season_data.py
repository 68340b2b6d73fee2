"""A winter season's figures as plain data (the renderer is in season_report)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from shelter_desk.domain.season_check import SeasonCheck
from shelter_desk.domain.street_contacts import StreetCounts


@dataclass(frozen=True)
class SeasonReport:
    region: str
    first_night: date
    last_night: date
    nights_phase_one: int  # activated nights that have come (up to the night of printing)
    nights_phase_two: int
    persons_in_winter_places: int
    bed_nights_in_winter_places: int
    persons_on_winter_nights: int
    new_persons: int  # whose first night ever fell on a winter night
    turnaways_on_winter_nights: int
    turnaway_reasons: tuple[str, ...]  # "12-12-2026: vol — weigerde de winterlocatie"
    printed_at: datetime
    is_demo: bool = False
    nights_planned: int = 0  # activated nights of the period still ahead: not in the figures above
    street_by_night: tuple[tuple[date, StreetCounts], ...] = ()  # winter nights with street contacts
    check: SeasonCheck | None = None  # forecast and decision against the weather observed (KNMI)

    @property
    def street_total(self) -> StreetCounts:
        counts = [c for _night, c in self.street_by_night]
        return StreetCounts(
            sum(c.seen for c in counts),
            sum(c.offered for c in counts),
            sum(c.placed for c in counts),
            sum(c.refused for c in counts),
        )
