"""Stays: how far a short stay is towards its maximum, and where people go when it ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

WARNING_FRACTION = 0.8  # default of the organisation setting stay.warning_percentage (80 %)


class Outflow(StrEnum):
    """Where a person went when a stay ended (DOMAIN rule 7)."""

    OWN_HOME = "eigen_woning"
    SUPPORTED_HOUSING = "beschermd_wonen"
    FAMILY_FRIENDS = "familie_vrienden"
    OTHER_MUNICIPALITY_SHELTER = "opvang_andere_gemeente"
    INSTITUTION = "instelling"
    UNKNOWN = "onbekend"

    @property
    def label(self) -> str:
        return {
            "eigen_woning": "Eigen woning",
            "beschermd_wonen": "Beschermd / begeleid wonen",
            "familie_vrienden": "Familie of vrienden",
            "opvang_andere_gemeente": "Opvang in een andere gemeente",
            "instelling": "Instelling (gevangenis, ziekenhuis, GGZ)",
            "onbekend": "Onbekend",
        }[self]


class StayFlag(StrEnum):
    NONE = ""
    NEAR_MAXIMUM = "bijna maximum"
    OVER_MAXIMUM = "over maximum"


@dataclass(frozen=True)
class StayProgress:
    nights: int  # nights slept including `night`
    maximum: int | None
    flag: StayFlag

    def describe(self) -> str:
        if self.maximum is None:
            return f"{self.nights} nachten"
        return f"{self.nights} van {self.maximum} dagen" + (f" ({self.flag})" if self.flag else "")


def stay_progress(start_night: date, night: date, maximum_days: int | None,
                  warning_fraction: float = WARNING_FRACTION) -> StayProgress:
    nights = (night - start_night).days + 1
    if maximum_days is None:
        return StayProgress(nights, None, StayFlag.NONE)
    if nights > maximum_days:
        flag = StayFlag.OVER_MAXIMUM
    elif nights >= warning_fraction * maximum_days:
        flag = StayFlag.NEAR_MAXIMUM
    else:
        flag = StayFlag.NONE
    return StayProgress(nights, maximum_days, flag)


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
        return {"geen": "", "openstaand": "nog te betalen", "betaald": "betaald",
                "kwijtgescholden": "kwijtgescholden"}[self]


def format_euros(cents: int) -> str:
    """'€ 4,00' as the Dutch write it."""
    return f"€ {cents // 100},{cents % 100:02d}"
