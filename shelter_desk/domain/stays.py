"""Stays: how far a short stay is towards its maximum, and where people go when it ends."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from shelter_desk.domain.dutch_dates import add_months
from shelter_desk.domain.errors import DeskError

WARNING_FRACTION = 0.8  # default of the organisation setting stay.warning_percentage (80 %)


class Outflow(StrEnum):
    """Where a person went when a stay ended: every ended stay records one."""

    OWN_HOME = "eigen_woning"
    SUPPORTED_HOUSING = "beschermd_wonen"
    FAMILY_FRIENDS = "familie_vrienden"
    OTHER_MUNICIPALITY_SHELTER = "opvang_andere_gemeente"
    INSTITUTION = "instelling"
    UNKNOWN = "onbekend"
    # Set by the desk itself, never chosen: the person stopped coming (or came back after a gap)
    # without saying where they went. Listed for a coordinator, who can correct it.
    LEFT_UNANNOUNCED = "vertrokken_onbekend"
    # Through-flow, not outflow: the person went on to another of the organisation's own places.
    OWN_FACILITY = "eigen_voorziening"

    @property
    def label(self) -> str:
        return {
            "eigen_woning": "Eigen woning",
            "beschermd_wonen": "Beschermd / begeleid wonen",
            "familie_vrienden": "Familie of vrienden",
            "opvang_andere_gemeente": "Opvang in een andere gemeente",
            "instelling": "Instelling (gevangenis, ziekenhuis, GGZ)",
            "onbekend": "Onbekend",
            "vertrokken_onbekend": "Vertrokken, bestemming onbekend",
            "eigen_voorziening": "Doorgestroomd naar een eigen voorziening",
        }[self]

    @property
    def chosen_by_hand(self) -> bool:
        """The destinations a worker picks when ending a stay (the others the desk sets itself)."""
        return self not in (Outflow.LEFT_UNANNOUNCED, Outflow.OWN_FACILITY)


class BedNightStatus(StrEnum):
    """Where a bed-night stands: reserved, the person inside, gone again, or never came (released)."""

    RESERVED = "gereserveerd"
    CHECKED_IN = "ingecheckt"
    CHECKED_OUT = "uitgecheckt"
    NO_SHOW = "no_show"


class BedState(StrEnum):
    """What the board shows of a bed on a night: the status of the bed-night that occupies it, or
    free, or closed (an overflow bed not opened). The occupying states are the bed-night's own."""

    FREE = "vrij"
    RESERVED = BedNightStatus.RESERVED.value
    CHECKED_IN = BedNightStatus.CHECKED_IN.value
    CHECKED_OUT = BedNightStatus.CHECKED_OUT.value
    CLOSED = "gesloten"

    @classmethod
    def of_night(cls, status: BedNightStatus) -> BedState:
        """The state a bed shows for its bed-night; a no-show leaves the bed free."""
        return cls.FREE if status is BedNightStatus.NO_SHOW else cls(status.value)


class StayUnit(StrEnum):
    """The unit a facility's maximum stay is written in."""

    DAYS = "dagen"
    WEEKS = "weken"
    MONTHS = "maanden"

    def word(self, length: int) -> str:
        singular = {"dagen": "dag", "weken": "week", "maanden": "maand"}[self]
        return singular if length == 1 else self.value


_PERIOD = re.compile(r"^(\d+)\s*([a-z.]*)$")
_UNIT_WORDS = {
    "": StayUnit.DAYS,
    "d": StayUnit.DAYS,
    "dag": StayUnit.DAYS,
    "dagen": StayUnit.DAYS,
    "w": StayUnit.WEEKS,
    "wk": StayUnit.WEEKS,
    "week": StayUnit.WEEKS,
    "weken": StayUnit.WEEKS,
    "m": StayUnit.MONTHS,
    "mnd": StayUnit.MONTHS,
    "mnd.": StayUnit.MONTHS,
    "maand": StayUnit.MONTHS,
    "maanden": StayUnit.MONTHS,
}


@dataclass(frozen=True)
class StayPeriod:
    """A maximum stay as the policy writes it: "3 maanden", "6 weken", "90 dagen".

    Months and weeks are calendar arithmetic: the last night is the same date that many months
    (or weeks) after the first, a day the month lacks becoming its last day (31 January + 3
    months = 30 April; 30 November + 3 months = 28 February, 29 in a leap year). Days count
    nights, the first night being night 1, as the desk always counted them: a facility's
    maximum of 91 days keeps ending on the 91st night.
    """

    length: int
    unit: StayUnit

    def __post_init__(self) -> None:
        if self.length <= 0:
            raise DeskError("De maximale verblijfsduur moet minstens 1 zijn (of leeg: geen maximum).")

    def last_night(self, start: date) -> date:
        if self.unit is StayUnit.MONTHS:
            return add_months(start, self.length)
        if self.unit is StayUnit.WEEKS:
            return start + timedelta(weeks=self.length)
        return start + timedelta(days=self.length - 1)

    def nights(self, start: date) -> int:
        return (self.last_night(start) - start).days + 1

    def describe(self) -> str:
        return f"{self.length} {self.unit.word(self.length)}"


def parse_stay_period(text: str) -> StayPeriod | None:
    """'3 maanden', '3 mnd', '6 weken', '90 dagen' or '90' (days); empty: no maximum."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return None
    match = _PERIOD.match(cleaned)
    unit = _UNIT_WORDS.get(match.group(2)) if match else None
    if match is None or unit is None:
        raise DeskError(f"'{text.strip()}' is geen verblijfsduur; schrijf bijvoorbeeld 3 maanden, 6 weken of 90 dagen.")
    return StayPeriod(int(match.group(1)), unit)


class StayFlag(StrEnum):
    NONE = ""
    NEAR_MAXIMUM = "bijna maximum"
    OVER_MAXIMUM = "over maximum"


@dataclass(frozen=True)
class StayProgress:
    nights: int  # nights slept including `night`
    maximum: int | None  # the nights of the maximum period from this stay's start
    flag: StayFlag
    period: StayPeriod | None = None
    last_night: date | None = None  # the last night the maximum allows

    def describe(self) -> str:
        if self.maximum is None or self.period is None or self.last_night is None:
            return f"{self.nights} nachten"
        return (
            f"{self.nights} van {self.maximum} nachten (max. {self.period.describe()}, "
            f"t/m {self.last_night:%d-%m-%Y})" + (f" ({self.flag})" if self.flag else "")
        )


def stay_progress(
    start_night: date, night: date, maximum: StayPeriod | None, warning_fraction: float = WARNING_FRACTION
) -> StayProgress:
    """How far a stay is on `night`: near the maximum from `warning_fraction` of its nights, over after its last."""
    nights = (night - start_night).days + 1
    if maximum is None:
        return StayProgress(nights, None, StayFlag.NONE)
    last = maximum.last_night(start_night)
    allowed = (last - start_night).days + 1  # maximum.nights(start_night), without working out `last` again
    if night > last:
        flag = StayFlag.OVER_MAXIMUM
    elif nights >= warning_fraction * allowed:
        flag = StayFlag.NEAR_MAXIMUM
    else:
        flag = StayFlag.NONE
    return StayProgress(nights, allowed, flag, maximum, last)


# A running short stay holds its bed on every night until it is ended. Its bed-nights are written
# ahead by the write that creates the stay and by the desk's daily step, up to its planned end and
# never fewer than this many nights past tonight (an open-ended or overrunning stay).
HOLD_AHEAD_NIGHTS = 28


def held_through(start_night: date, planned_end_night: date | None, tonight: date) -> date:
    """The last night a running short stay's bed-nights are written up to."""
    return max(planned_end_night or start_night, start_night, tonight + timedelta(days=HOLD_AHEAD_NIGHTS))


def check_check_in(night: date, tonight: date) -> None:
    """Checking in is saying the person is inside now: never for a night that has not begun."""
    if night > tonight:
        raise DeskError(
            f"Inchecken kan pas op de avond zelf: deze reservering is voor de nacht van "
            f"{night:%d-%m-%Y}, het is nu de nacht van {tonight:%d-%m-%Y}."
        )


def check_end_keeps_present_nights(last_night: date, present_nights: list[date], paid_nights: list[date]) -> None:
    """A stay cannot end before a night the person was there, nor before a night they paid for:
    ending it would erase what happened. The nights are named so the desk can choose a later end."""
    lost = sorted({night for night in present_nights + paid_nights if night > last_night})
    if lost:
        named = ", ".join(f"{night:%d-%m-%Y}" for night in lost[:5]) + (" …" if len(lost) > 5 else "")
        raise DeskError(
            f"De persoon was na {last_night:%d-%m-%Y} nog aanwezig of heeft betaald (nacht {named}); "
            f"kies als laatste nacht {lost[-1]:%d-%m-%Y} of later."
        )


class TurnawayReason(StrEnum):
    FULL = "vol"
    AGE = "leeftijd"
    RESTRICTION = "beperking"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return {"vol": "Vol", "leeftijd": "Leeftijd past niet", "beperking": "Beperking", "anders": "Anders"}[self]


class FeeStatus(StrEnum):
    NONE = "geen"
    OWED = "openstaand"
    PAID = "betaald"
    WAIVED = "kwijtgescholden"

    @property
    def label(self) -> str:
        return {"geen": "", "openstaand": "nog te betalen", "betaald": "betaald", "kwijtgescholden": "kwijtgescholden"}[
            self
        ]


def format_euros(cents: int) -> str:
    """'€ 4,00' as the Dutch write it."""
    return f"€ {cents // 100},{cents % 100:02d}"
