"""Dates as the desk types and counts them: 3-4-1990, 03-04-1990, 03041990, 3/4/1990, 1990-04-03.

Also the rules for a date of birth: not in the future, not before 1900, and an approximate
year ("1985" or "ca. 1985") for people who give no exact date; and the calendar arithmetic the
rules share (a stay's maximum in months, a review date, a reporting period, a keeping time).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from shelter_desk.domain.errors import DeskError

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_YEAR = re.compile(r"^(?:ca\.?\s*|circa\s+|±\s*)?(\d{4})$", re.IGNORECASE)

EARLIEST_BIRTH_YEAR = 1900


def parse_dutch_date(text: str) -> date | None:
    """The date in `text`, or None when it is not written as a date at all.

    A text shaped like a date that names no real day (31-02-1990) raises a Dutch DeskError.
    """
    cleaned = text.strip()
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_COMPACT, "dmy"), (_ISO, "ymd")):
        match = pattern.match(cleaned)
        if match:
            numbers = dict(zip(order, (int(group) for group in match.groups()), strict=True))
            try:
                return date(numbers["y"], numbers["m"], numbers["d"])
            except ValueError:
                raise DeskError(f"'{cleaned}' is geen bestaande datum.") from None
    return None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative); the 31st becomes the month's last day
    when it has fewer, and 29 February the 28th in a year without it."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def format_dutch_date(day: date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year}"


@dataclass(frozen=True)
class DateOfBirth:
    """An exact date, or an approximate year stored as 1 January of that year."""

    value: date
    approximate: bool = False

    def describe(self) -> str:
        return f"ca. {self.value.year}" if self.approximate else format_dutch_date(self.value)


def parse_date_of_birth(text: str, today: date) -> DateOfBirth | None:
    """Read a date of birth as typed; empty means unknown. Refuses impossible dates in Dutch."""
    cleaned = text.strip()
    if not cleaned:
        return None
    year_only = _YEAR.match(cleaned)
    if year_only:
        born = DateOfBirth(date(int(year_only.group(1)), 1, 1), approximate=True)
    else:
        exact = parse_dutch_date(cleaned)
        if exact is None:
            raise DeskError(
                f"Geboortedatum '{cleaned}' is niet te lezen. Typ bijvoorbeeld 03-04-1990, "
                "03041990, of alleen een jaar (1985) als de precieze datum onbekend is."
            )
        born = DateOfBirth(exact)
    check_date_of_birth(born, today)
    return born


def check_date_of_birth(born: DateOfBirth, today: date) -> None:
    if born.value.year < EARLIEST_BIRTH_YEAR:
        raise DeskError(f"Een geboortedatum vóór {EARLIEST_BIRTH_YEAR} kan niet kloppen.")
    if born.value > today or (born.approximate and born.value.year > today.year):
        raise DeskError("De geboortedatum ligt in de toekomst.")
