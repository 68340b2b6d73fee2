"""The monitor's rules: report periods, age groups, occupancy rate, and small-number masking.

Periods follow the calendar (month, quarter, half year, year); a period's nights are the
evenings from its first to its last day. Counts under the threshold (setting, default 5) are
shown as "<5" in anything that leaves the organisation, so nobody can be recognised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from shelter_desk.domain.dutch_dates import add_months
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import DUTCH_MONTHS


class PeriodKind(StrEnum):
    MONTH = "maand"
    QUARTER = "kwartaal"
    HALF_YEAR = "halfjaar"
    YEAR = "jaar"


_MONTHS_IN = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6, PeriodKind.YEAR: 12}


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first: date
    last: date

    @classmethod
    def of(cls, kind: PeriodKind, year: int, number: int = 1) -> Period:
        """Month 1–12, quarter 1–4, half year 1–2, or the year (number ignored)."""
        count = 12 // _MONTHS_IN[kind]
        if not 1 <= number <= count and kind is not PeriodKind.YEAR:
            raise DeskError(f"Een {kind.value} heeft nummer 1 tot en met {count}.")
        if not 2000 <= year <= 2100:
            raise DeskError(f"Jaar {year} valt buiten het bereik.")
        start = date(year, 1 + (0 if kind is PeriodKind.YEAR else (number - 1) * _MONTHS_IN[kind]), 1)
        return cls(kind, start, add_months(start, _MONTHS_IN[kind]) - timedelta(days=1))

    @property
    def nights(self) -> int:
        return (self.last - self.first).days + 1

    def describe(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{DUTCH_MONTHS[self.first.month - 1]} {self.first.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"{(self.first.month - 1) // 3 + 1}e kwartaal {self.first.year}"
        if self.kind is PeriodKind.HALF_YEAR:
            return f"{'1e' if self.first.month == 1 else '2e'} halfjaar {self.first.year}"
        return str(self.first.year)


AGE_GROUPS = (
    (0, 17, "jonger dan 18"),
    (18, 22, "18–22"),
    (23, 29, "23–29"),
    (30, 39, "30–39"),
    (40, 49, "40–49"),
    (50, 64, "50–64"),
    (65, 200, "65 en ouder"),
)


def age_group(age: int | None) -> str:
    if age is None:
        return "onbekend"
    return next(label for low, high, label in AGE_GROUPS if low <= age <= high)


def occupancy_rate(bed_nights: int, bed_capacity_nights: int) -> float:
    return 0.0 if bed_capacity_nights <= 0 else bed_nights / bed_capacity_nights


def masked(count: int, threshold: int) -> str:
    """'<5' for 1–4 when the threshold is 5; zero stays 0 (nobody to recognise)."""
    return f"<{threshold}" if 0 < count < threshold else str(count)


HIDDEN = "verborgen"  # a figure that would give a hidden count away (shown as such, not as a number)


@dataclass(frozen=True)
class Derived:
    """A share, average or difference computed from counts: hidden wherever one of its counts is.

    "Aandeel met een actueel plan 12 %" of 25 people says 3 people: with 3 hidden as "<5", the
    share must go too.
    """

    text: str
    basis: tuple[int, ...]  # the counts it is computed from


FigureValue = str | int | Derived


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def masked_values(values: Sequence[FigureValue], threshold: int, *, parts: bool = False) -> list[str]:
    """The values as they may leave the organisation.

    A count under the threshold is '<5'; a derived figure with such a count in its basis is
    'verborgen'. With `parts` the counts are the parts of a total published elsewhere (reasons of
    the turnaways, persons by gender...): when the hidden parts together are still under the
    threshold, the total minus the shown parts would give them away, so the smallest shown parts
    are hidden as well ('verborgen') until the hidden ones add up to the threshold.
    """
    shown = [masked(v, threshold) if isinstance(v, int) else v if isinstance(v, str) else "" for v in values]
    also_hidden: set[int] = set()  # counts hidden only to protect others (a figure of theirs must go too)
    if parts:
        counts = [(v, i) for i, v in enumerate(values) if isinstance(v, int)]
        hidden = sum(v for v, _i in counts if is_small(v, threshold))
        visible = sorted((v, i) for v, i in counts if v >= threshold)
        while 0 < hidden < threshold and visible:
            count, index = visible.pop(0)
            shown[index] = HIDDEN
            also_hidden.add(count)
            hidden += count
    for index, value in enumerate(values):
        if isinstance(value, Derived):
            gives_away = any(is_small(b, threshold) or b in also_hidden for b in value.basis)
            shown[index] = HIDDEN if gives_away else value.text
    return shown
