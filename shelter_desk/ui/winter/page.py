"""The Winterregeling section: forecast → felt temperature and phase → activation, and its aftermath.

The duty coordinator types the forecast of the coming nights; the screen computes each night's
felt temperature and phase and recommends; activation, extension and early end are decisions
recorded with a remark. Below: winter locations with tonight's watch, the winter night list, and
who is still in a winter place after the last winter night.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.winter import ActivationTerms, WindUnit, WinterPhase
from shelter_desk.services.desk import Desk
from shelter_desk.services.beds import winter_night_list_pdf
from shelter_desk.services.winter import (
    ForecastNight,
    NightAssessment,
    activate,
    activations,
    add_winter_location,
    assess_forecast,
    end_early,
    extend,
    forecast_text,
    leftovers,
    recommendation,
    regions,
    season_report,
    set_staffing,
    staffing,
    winter_locations,
    winter_tonight,
)
from shelter_desk.reports.season_report import render_season_report
from shelter_desk.ui.dialog_parts import pydate, qdate
from shelter_desk.ui.feedback import attempt, open_with_system, save_and_open
from shelter_desk.ui.styles import HINT_STYLE, error_label

FORECAST_NIGHTS = 5
WINTER_BANNER_STYLE = "QLabel { background: #1e3a8a; color: white; padding: 6px; font-weight: bold; }"


def _number(text: str) -> float | None:
    cleaned = text.strip().replace(",", ".").replace("−", "-")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise DeskError(f"'{text}' is geen getal.") from None


def winter_banner_text(desk: Desk) -> str:
    active = winter_tonight(desk, desk.tonight())
    if not active:
        return ""
    return "WINTERREGELING ACTIEF — " + ", ".join(f"{region}: {phase.label}" for region, phase in active) + \
        " — extra bedden open, geen eigen bijdrage, niemand wordt weggestuurd"


class WinterPage(QWidget):
    changed = Signal()  # an activation changed: the main window refreshes its banner

    def __init__(self, desk: Desk, parent: QWidget | None = None,
                 open_file: Callable[[Path], object] | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._open_file = open_file or open_with_system
        self.assessed: list[NightAssessment] = []
        self.last_saved: Path | None = None

        self.banner = QLabel()
        self.banner.setObjectName("winterStatus")
        self.banner.setWordWrap(True)
        self.region = QComboBox()
        self.region.setObjectName("winterRegion")
        self.unit = QComboBox()
        for unit in WindUnit:
            self.unit.addItem(unit.value, unit.value)
        self.forecast = QTableWidget(FORECAST_NIGHTS, 5)
        self.forecast.setObjectName("forecastTable")
        self.forecast.setHorizontalHeaderLabels(["Nacht", "Min. °C", "Wind", "Gevoel", "Fase"])
        self.forecast.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.forecast.verticalHeader().hide()
        self.forecast.setMaximumHeight(200)
        self.forecast.itemChanged.connect(lambda _item: self.assess())
        self.unit.currentIndexChanged.connect(lambda _i: self.assess())
        self.advice = QLabel()
        self.advice.setObjectName("winterAdvice")
        self.advice.setWordWrap(True)
        self.forecast_error = error_label()

        self.first_night, self.last_night = QDateEdit(), QDateEdit()
        for edit in (self.first_night, self.last_night):
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setCalendarPopup(True)
        self.phase = QComboBox()
        self.phase.setObjectName("winterPhase")
        for phase in (WinterPhase.ONE, WinterPhase.TWO):
            self.phase.addItem(phase.label, int(phase))
        self.remark = QLineEdit()
        self.remark.setObjectName("winterRemark")
        self.activate_button = QPushButton("&Activeren")
        self.activate_button.setObjectName("activateButton")
        self.activate_button.clicked.connect(self.activate)
        self.activation_error = error_label()

        self.activation_list = QListWidget()
        self.activation_list.setObjectName("activationList")
        self.activation_list.setWordWrap(True)
        self.change_night = QDateEdit()
        self.change_night.setDisplayFormat("dd-MM-yyyy")
        self.change_night.setCalendarPopup(True)
        extend_button, end_button = QPushButton("Verlengen tot en met"), QPushButton("Beëindigen na")
        extend_button.setObjectName("extendButton")
        end_button.setObjectName("endButton")
        extend_button.clicked.connect(lambda: self._change(extend))
        end_button.clicked.connect(lambda: self._change(end_early))

        self.locations = QComboBox()
        self.locations.setObjectName("winterLocations")
        self.new_location, self.new_places = QLineEdit(), QSpinBox()
        self.new_location.setPlaceholderText("Naam van de winterlocatie, bijv. Sporthal De Kolk")
        self.new_places.setRange(1, 200)
        self.new_places.setValue(10)
        add_location = QPushButton("Winterlocatie toevoegen")
        add_location.clicked.connect(self.add_location)
        self.security, self.waking_watch = QLineEdit(), QLineEdit()
        self.security.setObjectName("securityNames")
        self.waking_watch.setObjectName("wakingWatchNames")
        save_staff = QPushButton("Bezetting vannacht opslaan")
        save_staff.clicked.connect(self.save_staffing)
        season = QPushButton("Seizoensrapport (PDF)")
        season.setObjectName("printSeasonReport")
        season.clicked.connect(self.print_season_report)
        print_list = QPushButton("Winternachtlijst (PDF)")
        print_list.setObjectName("printWinterList")
        print_list.clicked.connect(self.print_night_list)
        self.locations.currentIndexChanged.connect(lambda _i: self._show_staffing())
        self.location_error = error_label()

        self.leftover_list = QListWidget()
        self.leftover_list.setObjectName("leftoverList")

        forecast_box = QGroupBox("1. Verwachting voor de komende nachten")
        forecast_layout = QVBoxLayout(forecast_box)
        row = QHBoxLayout()
        row.addWidget(QLabel("Regio"))
        row.addWidget(self.region, 1)
        row.addWidget(QLabel("Wind in"))
        row.addWidget(self.unit)
        forecast_layout.addLayout(row)
        forecast_layout.addWidget(self.forecast)
        forecast_layout.addWidget(self.forecast_error)
        forecast_layout.addWidget(self.advice)
        decision_box = QGroupBox("2. Besluit")
        decision = QFormLayout(decision_box)
        decision.addRow("Eerste nacht", self.first_night)
        decision.addRow("Laatste nacht", self.last_night)
        decision.addRow("Fase", self.phase)
        decision.addRow("Opmerking", self.remark)
        decision.addRow("", self.activate_button)
        decision.addRow("", self.activation_error)
        history_box = QGroupBox("Activeringen en hun geschiedenis")
        history = QVBoxLayout(history_box)
        history.addWidget(self.activation_list)
        change_row = QHBoxLayout()
        change_row.addWidget(self.change_night)
        change_row.addWidget(extend_button)
        change_row.addWidget(end_button)
        history.addLayout(change_row)
        history.addWidget(season)
        locations_box = QGroupBox("Winterlocaties en wacht vannacht")
        locations = QFormLayout(locations_box)
        locations.addRow("Locatie", self.locations)
        locations.addRow("Beveiliging", self.security)
        locations.addRow("Wakende wacht", self.waking_watch)
        buttons = QHBoxLayout()
        buttons.addWidget(save_staff)
        buttons.addWidget(print_list)
        locations.addRow("", buttons)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_location, 1)
        new_row.addWidget(self.new_places)
        new_row.addWidget(add_location)
        locations.addRow("Nieuw", new_row)
        locations.addRow("", self.location_error)
        leftovers_box = QGroupBox("Na de laatste winternacht nog in een winterplek")
        QVBoxLayout(leftovers_box).addWidget(self.leftover_list)

        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(forecast_box)
        left.addWidget(decision_box)
        right.addWidget(history_box)
        right.addWidget(locations_box)
        right.addWidget(leftovers_box)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        title = QLabel("<h2>Winterregeling</h2>")
        hint = QLabel("Drempels (gevoelstemperatuur) staan onder Beheer; standaard Drenthe: fase 1 onder −5 °C, "
                      "fase 2 vanaf −10 °C.")
        hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(title)
        layout.addWidget(self.banner)
        layout.addWidget(hint)
        layout.addLayout(columns, 1)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        tonight = self._desk.tonight()
        chosen = self.region.currentData()
        self.region.clear()
        for code, name in regions(self._desk):
            self.region.addItem(name, code)
        self.region.setCurrentIndex(max(self.region.findData(chosen), 0))
        self.forecast.blockSignals(True)
        for row in range(FORECAST_NIGHTS):
            night = tonight + timedelta(days=row)
            item = QTableWidgetItem(dutch_date(night))
            item.setData(Qt.ItemDataRole.UserRole, night.toordinal())
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.forecast.setItem(row, 0, item)
            for column in (1, 2):
                if self.forecast.item(row, column) is None:
                    self.forecast.setItem(row, column, QTableWidgetItem(""))
        self.forecast.blockSignals(False)
        for edit in (self.first_night, self.last_night, self.change_night):
            if pydate(edit.date()) < tonight:
                edit.setDate(qdate(tonight))
        banner = winter_banner_text(self._desk)
        self.banner.setText(banner or "Vannacht geen winterregeling.")
        self.banner.setStyleSheet(WINTER_BANNER_STYLE if banner else HINT_STYLE)
        self.activation_list.clear()
        for view in activations(self._desk):
            entry = QListWidgetItem(f"{view.region}: {dutch_date(view.first_night)} t/m {dutch_date(view.last_night)}, "
                                   f"{view.phase.label}" + (f" — {view.remark}" if view.remark else "")
                                   + "".join(f"\n    · {line}" for line in view.history))
            entry.setData(Qt.ItemDataRole.UserRole, view.activation_id)
            self.activation_list.addItem(entry)
        if self.activation_list.count():
            self.activation_list.setCurrentRow(0)
        chosen_location = self.locations.currentData()
        self.locations.blockSignals(True)
        self.locations.clear()
        for facility_id, name, region in winter_locations(self._desk):
            self.locations.addItem(f"{name} ({region})", facility_id)
        self.locations.setCurrentIndex(max(self.locations.findData(chosen_location), 0))
        self.locations.blockSignals(False)
        self._show_staffing()
        self.leftover_list.clear()
        for night in (tonight - timedelta(days=1), tonight):
            for left in leftovers(self._desk, night):
                self.leftover_list.addItem(f"{left.person} — {left.facility}, bed {left.bed} "
                                           f"(laatste winternacht {dutch_date(night)})")

    def _forecast_item(self, row: int, column: int) -> QTableWidgetItem:
        """A cell of the forecast table (refresh fills every cell)."""
        item = self.forecast.item(row, column)
        assert item is not None
        return item

    def assess(self) -> None:
        self.forecast_error.hide()
        forecast, problems = [], []
        for row in range(FORECAST_NIGHTS):
            night = date.fromordinal(self._forecast_item(row, 0).data(Qt.ItemDataRole.UserRole))
            try:
                temperature = _number(self._forecast_item(row, 1).text())
                wind = _number(self._forecast_item(row, 2).text())
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
        self.forecast.blockSignals(True)
        by_night = {a.night: a for a in self.assessed}
        for row in range(FORECAST_NIGHTS):
            night = date.fromordinal(self._forecast_item(row, 0).data(Qt.ItemDataRole.UserRole))
            assessed = by_night.get(night)
            for column, text in ((3, assessed.felt.describe() if assessed else ""),
                                 (4, assessed.phase.label if assessed else "")):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if assessed and assessed.phase is not WinterPhase.NONE:
                    item.setForeground(Qt.GlobalColor.darkBlue)
                self.forecast.setItem(row, column, item)
        self.forecast.blockSignals(False)
        if problems:
            self.forecast_error.setText("\n".join(problems))
            self.forecast_error.show()
        phase, text = recommendation(self.assessed)
        self.advice.setText(text if self.assessed else "")
        cold = [a.night for a in self.assessed if a.phase is not WinterPhase.NONE]
        if cold:
            self.first_night.setDate(qdate(min(cold)))
            self.last_night.setDate(qdate(max(cold)))
            self.phase.setCurrentIndex(self.phase.findData(int(phase)))

    # -- deciding ------------------------------------------------------------------------------

    def activate(self) -> None:
        self.activation_error.hide()
        chosen = [a for a in self.assessed if pydate(self.first_night.date()) <= a.night <= pydate(self.last_night.date())]
        terms = ActivationTerms(pydate(self.first_night.date()), pydate(self.last_night.date()),
                                WinterPhase(self.phase.currentData()), self.remark.text(),
                                max((a.temperature for a in chosen), default=None))
        try:
            activate(self._desk, self.region.currentData(), terms, forecast_text(chosen))
        except DeskError as error:
            self.activation_error.setText(error.message)
            self.activation_error.show()
            return
        self.remark.clear()
        self.refresh()
        self.changed.emit()

    def _change(self, action: Callable[[Desk, int, date], None]) -> None:
        item = self.activation_list.currentItem()
        self.activation_error.hide()
        if item is None:
            return
        try:
            action(self._desk, item.data(Qt.ItemDataRole.UserRole), pydate(self.change_night.date()))
        except DeskError as error:
            self.activation_error.setText(error.message)
            self.activation_error.show()
            return
        self.refresh()
        self.changed.emit()

    # -- locations -----------------------------------------------------------------------------

    def _show_staffing(self) -> None:
        facility_id = self.locations.currentData()
        security, watch = staffing(self._desk, facility_id, self._desk.tonight()) if facility_id else ("", "")
        self.security.setText(security)
        self.waking_watch.setText(watch)

    def _attempt(self, action: Callable[[], object]) -> bool:
        return attempt(self.location_error, action)

    def add_location(self) -> None:
        if self._attempt(lambda: add_winter_location(self._desk, self.region.currentData(), self.new_location.text(),
                                                     self.new_places.value())):
            self.new_location.clear()
            self.refresh()

    def save_staffing(self) -> None:
        facility_id = self.locations.currentData()
        if facility_id is not None:
            self._attempt(lambda: set_staffing(self._desk, facility_id, self._desk.tonight(), self.security.text(),
                                               self.waking_watch.text()))

    def print_night_list(self) -> Path | None:
        facility_id = self.locations.currentData()
        if facility_id is None:
            self.location_error.setText("Voeg eerst een winterlocatie toe.")
            self.location_error.show()
            return None
        self.save_staffing()
        night = self._desk.tonight()
        path = save_and_open(f"winternachtlijst-{facility_id}-{night.isoformat()}.pdf",
                             lambda: winter_night_list_pdf(self._desk, facility_id, night),
                             self.location_error, self._open_file)
        self.last_saved = path or self.last_saved
        return path

    def print_season_report(self) -> Path | None:
        """The season around tonight: 1 October to 30 April, for the chosen region."""
        tonight = self._desk.tonight()
        start_year = tonight.year if tonight.month >= 7 else tonight.year - 1
        first, last = date(start_year, 10, 1), date(start_year + 1, 4, 30)
        path = save_and_open(
            f"seizoensrapport-winter-{start_year}-{start_year + 1}.pdf",
            lambda: render_season_report(season_report(self._desk, self.region.currentData(), first, last)),
            self.activation_error, self._open_file)
        self.last_saved = path or self.last_saved
        return path
