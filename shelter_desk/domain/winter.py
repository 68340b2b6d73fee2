"""The winter arrangement's rules: felt temperature (KNMI's JAG/TI wind chill), phases, activations.

Felt temperature: G = 13.12 + 0.6215·T − 11.37·W^0.16 + 0.3965·T·W^0.16, T in °C, W the wind at
10 m in km/h. Valid for T from −46 to +10 °C and wind from 1.3 to 49 m/s; outside that range the
air temperature is the felt temperature (and the result says the formula did not apply).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import IntEnum, StrEnum

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.text_input import clean_text

MIN_VALID_TEMPERATURE, MAX_VALID_TEMPERATURE = -46.0, 10.0
MIN_VALID_WIND_MS, MAX_VALID_WIND_MS = 1.3, 49.0
MAX_PLAUSIBLE_WIND_KMH = 200.0

# Mean wind speed (m/s) of each Beaufort number, as in the KNMI/WMO Beaufort table.
BEAUFORT_MS = (0.0, 0.9, 2.45, 4.4, 6.7, 9.35, 12.3, 15.5, 18.95, 22.6, 26.45, 30.55, 34.0)


class WindUnit(StrEnum):
    KMH = "km/h"
    MS = "m/s"
    BEAUFORT = "Bft"


def wind_in_kmh(value: float, unit: WindUnit) -> float:
    """A forecast wind in km/h; refuses negative or absurd values in Dutch."""
    if value < 0:
        raise DeskError("Windsnelheid kan niet negatief zijn.")
    if unit is WindUnit.BEAUFORT:
        if value != int(value) or value > 12:
            raise DeskError("Windkracht in Beaufort is een heel getal van 0 tot en met 12.")
        kmh = BEAUFORT_MS[int(value)] * 3.6
    else:
        kmh = value * 3.6 if unit is WindUnit.MS else value
    if kmh > MAX_PLAUSIBLE_WIND_KMH:
        raise DeskError(f"Een wind van {kmh:.0f} km/h is niet aannemelijk; controleer de eenheid.")
    return kmh


@dataclass(frozen=True)
class FeltTemperature:
    value: float
    formula_applied: bool  # False: outside the formula's range, the air temperature is given

    def describe(self) -> str:
        text = f"{self.value:.1f}".replace(".", ",").replace("-", "−") + " °C"
        return text if self.formula_applied else text + " (luchttemperatuur; formule niet van toepassing)"


def felt_temperature(temperature_c: float, wind_kmh: float) -> FeltTemperature:
    if not -90 <= temperature_c <= 60:
        shown = f"{temperature_c:g}".replace(".", ",").replace("-", "−")
        raise DeskError(f"Een temperatuur van {shown} °C is niet aannemelijk.")
    wind_ms = wind_kmh / 3.6
    if not (
        MIN_VALID_TEMPERATURE <= temperature_c <= MAX_VALID_TEMPERATURE
        and MIN_VALID_WIND_MS <= wind_ms <= MAX_VALID_WIND_MS
    ):
        return FeltTemperature(temperature_c, formula_applied=False)
    factor = wind_kmh**0.16
    value = 13.12 + 0.6215 * temperature_c - 11.37 * factor + 0.3965 * temperature_c * factor
    return FeltTemperature(felt_as_shown(value), formula_applied=True)


FELT_DECIMALS = 1


def felt_as_shown(raw: float) -> float:
    """The rounding rule: the felt temperature is rounded to 0.1 °C, and the phase is decided on
    that rounded value, never on the raw one.

    The phase must follow the number the coordinator sees: a raw −5.014 shows as "−5,0" and so is
    no winter arrangement (phase 1 starts below −5); a raw −4.96 also shows and decides as −5,0; a
    raw −9.984 shows as "−10,0" and is phase 2. `FeltTemperature.describe` formats this same value.
    """
    return round(raw, FELT_DECIMALS) + 0.0  # + 0.0: a rounded −0.04 is shown as 0,0, not −0,0


class WinterPhase(IntEnum):
    NONE = 0
    ONE = 1
    TWO = 2

    @property
    def label(self) -> str:
        return ("geen winterregeling", "fase 1", "fase 2")[self]


def phase_for(felt: float, phase1_below: Decimal | float, phase2_at_or_below: Decimal | float) -> WinterPhase:
    """Drenthe by default: phase 1 below −5 °C, phase 2 at −10 °C or colder (settings per region)."""
    if felt <= float(phase2_at_or_below):
        return WinterPhase.TWO
    if felt < float(phase1_below):
        return WinterPhase.ONE
    return WinterPhase.NONE


@dataclass(frozen=True)
class ActivationTerms:
    first_night: date
    last_night: date
    phase: WinterPhase
    remark: str = ""
    warmest_forecast: float | None = None  # the warmest forecast air temperature of these nights

    def validated(self) -> ActivationTerms:
        problems = []
        try:
            remark = clean_text(self.remark, "De opmerking")
        except DeskError as error:
            problems.append(error.message)
            remark = ""
        if self.last_night < self.first_night:
            problems.append("De laatste nacht ligt vóór de eerste nacht.")
        elif (self.last_night - self.first_night).days >= 31:
            problems.append("Activeer voor hoogstens 31 nachten tegelijk; verleng daarna zo nodig.")
        if self.phase is WinterPhase.NONE:
            problems.append("Kies fase 1 of fase 2.")
        if self.warmest_forecast is not None and self.warmest_forecast > MAX_VALID_TEMPERATURE and not remark:
            problems.append("De verwachting is warmer dan +10 °C: activeren kan alleen met een reden in de opmerking.")
        if problems:
            raise DeskError("\n".join(problems))
        return replace(self, remark=remark)

    def nights(self) -> list[date]:
        return [self.first_night + timedelta(days=n) for n in range((self.last_night - self.first_night).days + 1)]


def covers(first_night: date, last_night: date, night: date) -> bool:
    return first_night <= night <= last_night


def overlaps(a_first: date, a_last: date, b_first: date, b_last: date) -> bool:
    return a_first <= b_last and b_first <= a_last


class ActivationChange(StrEnum):
    """What happened to an activation, in its history."""

    ACTIVATED = "geactiveerd"
    EXTENDED = "verlengd"
    ENDED_EARLY = "vroegtijdig beëindigd"
