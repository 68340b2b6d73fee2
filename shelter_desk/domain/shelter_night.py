"""The shelter night: which evening a moment belongs to, and how a night is written in Dutch.

A night is keyed by the date of its evening. A moment before the day boundary (default 12:00,
an organisation setting) still belongs to the previous evening: someone checking out at 08:00 on
Wednesday ends the night of Tuesday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shelter_desk.domain.errors import DeskError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_DAY_BOUNDARY = time(12, 0)

_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def shelter_night_of(moment: datetime, day_boundary: time = DEFAULT_DAY_BOUNDARY) -> date:
    """The evening date of the shelter night that `moment` (timezone-aware) falls in."""
    if moment.tzinfo is None:
        raise ValueError("shelter_night_of needs a timezone-aware moment")
    local = moment.astimezone(AMSTERDAM)
    if local.time() < day_boundary:
        return local.date() - timedelta(days=1)
    return local.date()


def parse_day_boundary(text: str) -> time:
    """Parse an organisation setting such as '12:00' into a time, with a Dutch refusal."""
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except (ValueError, AttributeError):
        raise DeskError(
            f"De dagovergang '{text}' is geen geldige tijd; schrijf die als UU:MM, bijvoorbeeld 12:00."
        ) from None


def dutch_date(day: date) -> str:
    """'25 november 2026'."""
    return f"{day.day} {DUTCH_MONTHS[day.month - 1]} {day.year}"


def dutch_night(night: date) -> str:
    """'nacht van dinsdag 24 op woensdag 25 november 2026' for the evening of the 24th."""
    morning = night + timedelta(days=1)
    first = f"{_WEEKDAYS[night.weekday()]} {night.day}"
    if night.month != morning.month:
        first += f" {DUTCH_MONTHS[night.month - 1]}"
    if night.year != morning.year:
        first += f" {night.year}"
    return f"nacht van {first} op {_WEEKDAYS[morning.weekday()]} {dutch_date(morning)}"


def local_time_text(moment: datetime) -> str:
    """A stored (aware) moment as the desk reads it: '25-11-2026 21:04' in Amsterdam time."""
    return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def local_clock_text(moment: datetime) -> str:
    """Only the time, '21:04', for lists of one night."""
    return moment.astimezone(AMSTERDAM).strftime("%H:%M")


def no_show_moment(night: date, hour: time) -> datetime:
    """The no-show hour of a shelter night as a moment (23:00 that evening; 01:00 the morning after)."""
    return datetime.combine(night if hour >= time(12) else night + timedelta(days=1), hour, AMSTERDAM)
