"""The season checked afterwards: each night's decision set against what the weather really did.

Per night: the phase activated (none when not activated), the forecast felt temperature and phase
the decision rested on, and the felt temperature and phase observed (KNMI daily station data,
assessed by the same formula, rounding rule and thresholds). Two kinds of night matter: activated
nights that turned out milder than the phase activated, and nights not activated whose observed
felt temperature reached a phase (below the phase-1 threshold, the arrangement's own rule).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from shelter_desk.domain.winter import WinterPhase


class Verdict(StrEnum):
    RIGHT = "juist"
    MILDER = "milder dan geactiveerd"
    COLDER = "kouder dan geactiveerd"
    COLD_NOT_ACTIVATED = "koud, niet geactiveerd"
    MILD = "niet nodig"  # not activated, and rightly so


@dataclass(frozen=True)
class CheckedNight:
    night: date
    activated: WinterPhase  # NONE: the arrangement did not hold that night
    forecast_felt: float | None  # None: no forecast was kept for this night
    forecast_phase: WinterPhase | None
    observed_felt: float
    observed_phase: WinterPhase

    @property
    def verdict(self) -> Verdict:
        if self.activated is WinterPhase.NONE:
            return Verdict.MILD if self.observed_phase is WinterPhase.NONE else Verdict.COLD_NOT_ACTIVATED
        if self.observed_phase < self.activated:
            return Verdict.MILDER
        if self.observed_phase > self.activated:
            return Verdict.COLDER
        return Verdict.RIGHT


@dataclass(frozen=True)
class SeasonCheck:
    source: str  # where the observations came from (the file's name)
    nights: tuple[CheckedNight, ...]  # the observed nights of the period, in order
    activated_without_observation: tuple[date, ...]  # activated nights the file has no value for

    def count(self, verdict: Verdict) -> int:
        return sum(1 for night in self.nights if night.verdict is verdict)


def check_season(
    source: str,
    activated: Mapping[date, WinterPhase],
    forecast: Mapping[date, tuple[float, WinterPhase]],
    observed: Mapping[date, tuple[float, WinterPhase]],
) -> SeasonCheck:
    """Every observed night with its decision and forecast; activated nights without an observation apart."""
    nights = tuple(
        CheckedNight(
            night,
            activated.get(night, WinterPhase.NONE),
            forecast[night][0] if night in forecast else None,
            forecast[night][1] if night in forecast else None,
            felt,
            phase,
        )
        for night, (felt, phase) in sorted(observed.items())
    )
    return SeasonCheck(source, nights, tuple(sorted(night for night in activated if night not in observed)))
