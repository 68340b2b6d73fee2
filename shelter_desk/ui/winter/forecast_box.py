"""The winter page's forecast box: the coming nights' minimum temperature and wind, typed or read
from a saved weather file, with each night's felt temperature, phase and the recommendation."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.winter import WindUnit, WinterPhase
from shelter_desk.services.kernel import Desk
from shelter_desk.services.winter import (
    FileForecast,
    ForecastNight,
    NightAssessment,
    assess_forecast,
    forecast_from_file,
    recommendation,
)
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import error_label

FORECAST_NIGHTS = 5
WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def _number(text: str) -> float | None:
    cleaned = text.strip().replace(",", ".").replace("−", "-")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise DeskError(f"'{text}' is geen getal.") from None


def _shown_number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class ForecastBox(QGroupBox):
    """ "1. Verwachting": the region, the wind's unit, the nights' table and the advice."""

    # The cold nights of the forecast (first, last) and the phase recommended for them.
    recommends = Signal(object, object, object)

    def __init__(self, page: SectionPage, desk: Desk) -> None:
        super().__init__("1. Verwachting voor de komende nachten")
        self._page, self._desk = page, desk
        self.assessed: list[NightAssessment] = []
        self.region = QComboBox()
        self.region.setObjectName("winterRegion")
        self.unit = QComboBox()
        for unit in WindUnit:
            self.unit.addItem(unit.value, unit.value)
        self.file_button = QPushButton("Verwachting uit &bestand…")
        self.file_button.setObjectName("forecastFromFile")
        self.file_button.setToolTip(
            "Een opgeslagen Weerlive-antwoord (JSON), een CSV-bestand (datum; "
            "minimumtemperatuur; wind met eenheid in de kop) of KNMI-daggegevens inlezen"
        )
        self.table = QTableWidget(FORECAST_NIGHTS, 5)
        self.table.setObjectName("forecastTable")
        self.table.setHorizontalHeaderLabels(["Nacht", "Min. °C", "Wind", "Gevoel", "Fase"])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The phase column fits "geen winterregeling" whole; the number columns share the rest.
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setFixedHeight(26 * FORECAST_NIGHTS + 30)
        # Typing in a cell replaces its number (no double click or F2 first); Tab goes along the row.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.advice = QLabel()
        self.advice.setObjectName("winterAdvice")
        self.advice.setWordWrap(True)
        self.error = error_label()  # the forecast's own check, beside the table
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Regio"))
        row.addWidget(self.region, 1)
        row.addWidget(QLabel("Wind in"))
        row.addWidget(self.unit)
        row.addWidget(self.file_button)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(self.advice)
        self.table.itemChanged.connect(lambda _item: self.assess())
        self.unit.currentIndexChanged.connect(lambda _i: self.assess())
        self.file_button.clicked.connect(self.choose_file)

    def show_regions(self, known: list[tuple[str, str]]) -> None:
        """Refill the regions; refilling is no new choice: the chosen region stays."""
        chosen = self.region.currentData()
        self.region.blockSignals(True)
        self.region.clear()
        for code, name in known:
            self.region.addItem(name, code)
        self.region.setCurrentIndex(max(self.region.findData(chosen), 0))
        self.region.blockSignals(False)

    def show_nights(self, tonight: date) -> None:
        """The coming nights from `tonight`; what was typed for them stays."""
        self.table.blockSignals(True)
        for row in range(FORECAST_NIGHTS):
            night = tonight + timedelta(days=row)
            item = QTableWidgetItem(f"{WEEKDAYS[night.weekday()]} {night:%d-%m}")
            item.setToolTip(dutch_date(night))
            item.setData(Qt.ItemDataRole.UserRole, night.toordinal())
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, item)
            for column in (1, 2):
                if self.table.item(row, column) is None:
                    self.table.setItem(row, column, QTableWidgetItem(""))
        self.table.blockSignals(False)
        if self.table.currentColumn() not in (1, 2):
            self.table.setCurrentCell(0, 1)  # Tab into the table lands where a number is typed

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        """A cell of the forecast table (`show_nights` fills every cell)."""
        item = self.table.item(row, column)
        assert item is not None
        return item

    def _night(self, row: int) -> date:
        return date.fromordinal(self._item(row, 0).data(Qt.ItemDataRole.UserRole))

    def assess(self) -> None:
        self.error.hide()
        forecast, problems = [], []
        for row in range(FORECAST_NIGHTS):
            night = self._night(row)
            try:
                temperature = _number(self._item(row, 1).text())
                wind = _number(self._item(row, 2).text())
            except DeskError as error:
                problems.append(f"{dutch_date(night)}: {error.message}")
                continue
            if temperature is not None:
                forecast.append(ForecastNight(night, temperature, wind or 0.0, WindUnit(self.unit.currentData())))
        try:
            self.assessed = assess_forecast(self._desk, forecast)
        except DeskError as error:
            problems.append(error.message)
            self.assessed = []
        self.table.blockSignals(True)
        by_night = {a.night: a for a in self.assessed}
        for row in range(FORECAST_NIGHTS):
            assessed = by_night.get(self._night(row))
            for column, text in (
                (3, assessed.felt.describe() if assessed else ""),
                (4, assessed.phase.label if assessed else ""),
            ):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if assessed and assessed.phase is not WinterPhase.NONE:
                    item.setForeground(Qt.GlobalColor.darkBlue)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        if problems:
            self.error.setText("\n".join(problems))
            self.error.show()
        phase, text = recommendation(self.assessed)
        self.advice.setText(text if self.assessed else "")
        cold = [a.night for a in self.assessed if a.phase is not WinterPhase.NONE]
        if cold:
            self.recommends.emit(min(cold), max(cold), phase)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Weerbestand kiezen", "", "Weerbestanden (*.json *.csv *.txt);;Alle bestanden (*)"
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        """Fill the coming nights from a saved weather file; a refused file changes nothing."""
        said: list[str] = []

        def run() -> None:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise DeskError(f"Kan '{path.name}' niet lezen: {error.strerror}.") from error
            said.append(self._fill(path.name, forecast_from_file(self._desk, data)))

        return self._page.attempt(run, done=lambda: said[0])

    def _fill(self, name: str, read: FileForecast) -> str:
        shown = [self._night(row) for row in range(FORECAST_NIGHTS)]
        by_night = {night.night: night for night in read.nights}
        outside = [night.night for night in read.nights if night.night not in shown]
        if len(outside) == len(read.nights):
            raise DeskError(
                f"Geen van de nachten in {name} ({dutch_date(read.nights[0].night)} t/m "
                f"{dutch_date(read.nights[-1].night)}) valt in de komende {FORECAST_NIGHTS} nachten; "
                "er is niets ingevuld."
            )
        self.table.blockSignals(True)
        self.unit.blockSignals(True)
        self.unit.setCurrentIndex(self.unit.findData(read.unit.value))
        for row, night in enumerate(shown):
            # A night the file lacks is emptied: its typed wind may be in another unit than the file's.
            item = by_night.get(night)
            self._item(row, 1).setText(_shown_number(item.temperature) if item else "")
            self._item(row, 2).setText(_shown_number(item.wind) if item else "")
        self.unit.blockSignals(False)
        self.table.blockSignals(False)
        self.assess()
        filled = len(read.nights) - len(outside)
        return (
            f"{filled} {'nacht' if filled == 1 else 'nachten'} ingevuld uit {name} — {read.source}; controleer ze "
            "en pas ze zo nodig aan vóór het besluit."
            + (
                f" Niet overgenomen (buiten de komende {FORECAST_NIGHTS} nachten): "
                f"{', '.join(dutch_date(night) for night in outside)}."
                if outside
                else ""
            )
        )
