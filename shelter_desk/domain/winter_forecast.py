"""Reading a saved weather file into nights: a Weerlive JSON response, a simple CSV, KNMI daily data.

Pure parsing: text in, nights out. Every line that cannot be read is reported in Dutch with its
line number and the reason; one unreadable line refuses the whole file, so nothing is ever
half-imported (the coordinator fixes the file, or types the nights by hand).

Which night a value belongs to: a night is named after its evening (the shelter night). Weerlive's
`min_temp` and KNMI's `TN` are the minimum of a calendar day, reached around dawn, so the minimum
of day d is the cold of the night that began on the evening of d − 1: both are moved back one day.
The CSV is the coordinator's own list and names the night (its evening) directly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from shelter_desk.domain.dutch_dates import parse_dutch_date
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.winter import WindUnit, felt_temperature, wind_in_kmh

MAX_PROBLEMS_SHOWN = 20  # a file of wrong lines would otherwise fill the screen


class ForecastSource(StrEnum):
    WEERLIVE = "Weerlive-verwachting (JSON)"
    CSV = "CSV-bestand"
    KNMI = "KNMI-daggegevens"


@dataclass(frozen=True)
class FileNight:
    night: date  # the evening the night begins
    temperature: float  # minimum air temperature, °C
    wind: float  # in the file's unit
    line: int  # where the night stood in the file


@dataclass(frozen=True)
class ForecastFile:
    source: ForecastSource
    unit: WindUnit
    nights: tuple[FileNight, ...]  # in order of night


@dataclass(frozen=True)
class LineProblem:
    line: int
    reason: str

    def describe(self) -> str:
        return f"Regel {self.line}: {self.reason}"


class UnreadableForecast(DeskError):
    """The file was refused; `problems` names every line that could not be read."""

    def __init__(self, problems: Sequence[LineProblem]) -> None:
        self.problems = tuple(problems)
        shown = [problem.describe() for problem in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"… en nog {len(self.problems) - MAX_PROBLEMS_SHOWN} regels.")
        super().__init__("Het bestand is niet ingelezen; er is niets overgenomen.\n" + "\n".join(shown))


def read_forecast_bytes(data: bytes) -> ForecastFile:
    """The nights in a saved file as read from disk: UTF-8, or Windows' own encoding (a CSV saved
    from Excel on a Dutch desk)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableForecast([LineProblem(1, "dit is geen tekstbestand (UTF-8 of Windows).")]) from None
    return read_forecast_file(text)


def read_forecast_file(text: str) -> ForecastFile:
    """The nights in a saved weather file of any of the three kinds, recognised by its content."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise UnreadableForecast([LineProblem(1, "het bestand is leeg.")])
    source = detect_source(text)
    if source is ForecastSource.WEERLIVE:
        return read_weerlive(text)
    if source is ForecastSource.KNMI:
        return read_knmi_daily(text)
    return read_forecast_csv(text)


def detect_source(text: str) -> ForecastSource:
    if text.lstrip().startswith("{"):
        return ForecastSource.WEERLIVE
    if any(_is_knmi_header(line) for line in text.splitlines()):
        return ForecastSource.KNMI
    return ForecastSource.CSV


class _Collector:
    """Gathers the nights and the problems of one file; refuses the file if any line was bad."""

    def __init__(self, source: ForecastSource) -> None:
        self.source = source
        self.nights: dict[date, FileNight] = {}
        self.problems: list[LineProblem] = []

    def refuse(self, line: int, reason: str) -> None:
        self.problems.append(LineProblem(line, reason))

    def add(self, line: int, night: date, temperature: float, wind: float, unit: WindUnit) -> None:
        try:  # the same checks the hand-typed forecast gets, so they are reported with their line
            felt_temperature(temperature, wind_in_kmh(wind, unit))
        except DeskError as error:
            self.refuse(line, _sentence(error.message))
            return
        if night in self.nights:
            self.refuse(line, f"de nacht van {night:%d-%m-%Y} staat al op regel {self.nights[night].line}.")
            return
        self.nights[night] = FileNight(night, temperature, wind, line)

    def result(self, unit: WindUnit) -> ForecastFile:
        if not self.problems and not self.nights:
            self.refuse(1, "er staat geen enkele nacht in dit bestand.")
        if self.problems:
            raise UnreadableForecast(sorted(self.problems, key=lambda problem: problem.line))
        return ForecastFile(self.source, unit, tuple(self.nights[night] for night in sorted(self.nights)))


def _sentence(message: str) -> str:
    """A Dutch error message as the reason after 'Regel n:' (lower-case start)."""
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message


def _number(text: str, what: str) -> float:
    cleaned = text.strip().replace("−", "-").replace(",", ".")
    if not cleaned:
        raise DeskError(f"{what} ontbreekt.")
    try:
        return float(cleaned)
    except ValueError:
        raise DeskError(f"{what} '{text.strip()}' is geen getal.") from None


# -- the coordinator's CSV ---------------------------------------------------------------------

_CSV_COLUMNS = "datum; minimumtemperatuur (°C); wind met de eenheid (km/h, m/s of Bft)"


def wind_unit_in_header(cell: str) -> WindUnit | None:
    """The wind unit named in a column header: 'wind (km/h)', 'wind_ms', 'Windkracht Bft'."""
    name = cell.lower().replace(" ", "")
    if "beaufort" in name or "bft" in name:
        return WindUnit.BEAUFORT
    if "km/h" in name or "kmh" in name or "km/u" in name or "kmpu" in name:
        return WindUnit.KMH
    if "m/s" in name or re.search(r"(^|[^a-z])ms($|[^a-z])", name) or "meterperseconde" in name:
        return WindUnit.MS
    return None


def read_forecast_csv(text: str) -> ForecastFile:
    """Lines of `date; minimum temperature; wind`, after one header naming the wind's unit.

    Separated by ';' (a Dutch spreadsheet, decimal comma allowed), ',' or a tab; lines starting
    with '#' are remarks. The date is the night's evening: 24-11-2026 or 2026-11-24.
    """
    found = _Collector(ForecastSource.CSV)
    separator, unit = "", WindUnit.KMH
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not separator:
            separator = ";" if ";" in line else "\t" if "\t" in line else ","
            header = [cell.strip() for cell in line.split(separator)]
            header_unit = wind_unit_in_header(header[-1]) if len(header) == 3 else None
            if len(header) != 3 or _looks_like_date(header[0]) or header_unit is None:
                found.refuse(number, f"de kopregel moet drie kolommen noemen: {_CSV_COLUMNS}.")
                return found.result(unit)
            unit = header_unit
            continue
        cells = [cell.strip() for cell in line.split(separator)]
        if len(cells) != 3:
            found.refuse(number, f"{len(cells)} velden in plaats van 3 ({_CSV_COLUMNS}).")
            continue
        try:
            night = _csv_date(cells[0])
            temperature = _number(cells[1], "De minimumtemperatuur")
            wind = _number(cells[2], "De wind")
        except DeskError as error:
            found.refuse(number, _sentence(error.message))
            continue
        found.add(number, night, temperature, wind, unit)
    if not separator:
        found.refuse(1, f"de kopregel ontbreekt: {_CSV_COLUMNS}.")
    return found.result(unit)


def _looks_like_date(text: str) -> bool:
    try:
        return parse_dutch_date(text) is not None
    except DeskError:
        return True


def _csv_date(text: str) -> date:
    if not text:
        raise DeskError("De datum ontbreekt.")
    day = parse_dutch_date(text)
    if day is None:
        raise DeskError(f"'{text}' is geen datum (schrijf 24-11-2026 of 2026-11-24).")
    return day


# -- KNMI daily station data (etmgeg) ----------------------------------------------------------


def _is_knmi_header(line: str) -> bool:
    names = [cell.strip().upper() for cell in line.lstrip("#").split(",")]
    return "STN" in names and "YYYYMMDD" in names


def read_knmi_daily(text: str) -> ForecastFile:
    """KNMI's daily station data: TN (minimum temperature) and FG (daily mean wind; FHX, the
    highest hourly mean, when FG is blank), both in 0.1 units. The lines above the column header
    are KNMI's description and are skipped; one file holds one station."""
    found = _Collector(ForecastSource.KNMI)
    columns: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not columns:
            if _is_knmi_header(raw):
                columns = [cell.strip().upper() for cell in raw.lstrip("#").split(",")]
                if "TN" not in columns or not {"FG", "FHX"} & set(columns):
                    found.refuse(number, "de kolommen TN en FG (of FHX) ontbreken; vraag ze mee op bij KNMI.")
                    return found.result(WindUnit.MS)
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = dict(zip(columns, (cell.strip() for cell in line.split(",")), strict=False))
        if len(line.split(",")) != len(columns):
            found.refuse(number, f"{len(line.split(','))} velden in plaats van {len(columns)}.")
            continue
        try:  # strptime alone would take 2026112 for 2 November
            if not re.fullmatch(r"\d{8}", cells["YYYYMMDD"]):
                raise ValueError
            day = datetime.strptime(cells["YYYYMMDD"], "%Y%m%d").date()
        except ValueError:
            found.refuse(number, f"'{cells['YYYYMMDD']}' is geen datum (JJJJMMDD).")
            continue
        tenths_wind = cells.get("FG") or cells.get("FHX") or ""
        if not cells["TN"]:
            found.refuse(number, f"geen minimumtemperatuur (TN) voor {day:%d-%m-%Y}.")
        elif not tenths_wind:
            found.refuse(number, f"geen windsnelheid (FG of FHX) voor {day:%d-%m-%Y}.")
        elif not _is_integer(cells["TN"]) or not _is_integer(tenths_wind):
            found.refuse(number, "TN en FG/FHX zijn hele getallen in tienden (−52 is −5,2 °C).")
        else:
            found.add(number, day - timedelta(days=1), int(cells["TN"]) / 10, int(tenths_wind) / 10, WindUnit.MS)
    return found.result(WindUnit.MS)


def _is_integer(text: str) -> bool:
    return re.fullmatch(r"-?\d+", text) is not None


# -- Weerlive JSON (its five-day forecast) -----------------------------------------------------

_WEERLIVE_WIND = (("windkmh", WindUnit.KMH), ("windms", WindUnit.MS), ("windbft", WindUnit.BEAUFORT))


def read_weerlive(text: str) -> ForecastFile:
    """A response saved from the Weerlive feed (v2): each day of `wk_verw` with its `dag`,
    `min_temp` and wind (windkmh, else windms, else windbft)."""
    found = _Collector(ForecastSource.WEERLIVE)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        found.refuse(error.lineno, f"geen geldige JSON ({error.msg}, kolom {error.colno}).")
        return found.result(WindUnit.KMH)
    live = data.get("liveweer") if isinstance(data, dict) else None
    if isinstance(live, list) and live and isinstance(live[0], dict) and live[0].get("fout"):
        found.refuse(1, f"Weerlive meldt een fout: {live[0]['fout']}")
        return found.result(WindUnit.KMH)
    days = data.get("wk_verw") if isinstance(data, dict) else None
    if not isinstance(days, list) or not days:
        found.refuse(1, "geen vijfdaagse verwachting ('wk_verw') in dit bestand; is het een Weerlive-antwoord?")
        return found.result(WindUnit.KMH)
    key, unit = next(
        ((key, unit) for key, unit in _WEERLIVE_WIND if isinstance(days[0], dict) and key in days[0]), _WEERLIVE_WIND[0]
    )
    for number, day in zip(_item_lines(text, "wk_verw", len(days)), days, strict=True):
        if not isinstance(day, dict):
            found.refuse(number, "geen dagverwachting.")
            continue
        try:
            evening = _weerlive_date(day.get("dag")) - timedelta(days=1)
            temperature = _number(_text(day.get("min_temp")), "De minimumtemperatuur ('min_temp')")
            wind = _number(_text(day.get(key)), f"De wind ('{key}')")
        except DeskError as error:
            found.refuse(number, _sentence(error.message))
            continue
        found.add(number, evening, temperature, wind, unit)
    return found.result(unit)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _weerlive_date(value: Any) -> date:
    if not value:
        raise DeskError("De datum ('dag') ontbreekt.")
    try:
        return datetime.strptime(str(value), "%d-%m-%Y").date()
    except ValueError:
        raise DeskError(f"'{value}' is geen datum (DD-MM-JJJJ).") from None


def _item_lines(text: str, key: str, count: int) -> list[int]:
    """The line on which each element of the array `key` begins, to name it in a refusal."""
    decoder = json.JSONDecoder()
    match = re.search(rf'"{re.escape(key)}"\s*:\s*\[', text)
    lines: list[int] = []
    position = match.end() if match else len(text)
    while match and len(lines) < count:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            break
        lines.append(text.count("\n", 0, position) + 1)
        try:
            _value, position = decoder.raw_decode(text, position)
        except ValueError:
            break
    return lines + [lines[-1] if lines else 1] * (count - len(lines))
