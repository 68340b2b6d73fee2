"""The Winterregeling section: forecast → felt temperature and phase → activation, and its aftermath.

The duty coordinator types the forecast of the coming nights, or reads it from a saved weather
file and corrects it by hand; the screen computes each night's felt temperature and phase and
recommends; activation, extension and early end are decisions
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
    QCheckBox,
    QComboBox,
    QFileDialog,
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
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.street_contacts import count_contacts
from shelter_desk.domain.winter import ActivationTerms, WindUnit, WinterPhase
from shelter_desk.services.beds import winter_night_list_pdf
from shelter_desk.services.kernel import Desk
from shelter_desk.services.outreach import street_contacts
from shelter_desk.services.winter import (
    FileForecast,
    ForecastNight,
    NightAssessment,
    activate_regions,
    activations,
    add_winter_location,
    assess_forecast,
    end_early,
    end_several,
    extend,
    extend_several,
    forecast_from_file,
    leftovers,
    recommendation,
    regions,
    season_report_pdf,
    set_staffing,
    staffing,
    winter_locations,
    winter_season,
)
from shelter_desk.ui.dialog_parts import date_edit, pydate, qdate
from shelter_desk.ui.permissions import may
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import HINT_STYLE, error_label
from shelter_desk.ui.winter.banner import winter_banner_text
from shelter_desk.ui.winter.street_dialog import StreetContactDialog

FORECAST_NIGHTS = 5
WEEKDAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
WINTER_BANNER_STYLE = "QLabel { background: #1e3a8a; color: white; padding: 6px; font-weight: bold; }"


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


class WinterPage(SectionPage):
    changed = Signal()  # an activation changed: the main window refreshes its banner

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, open_file: Callable[[Path], object] | None = None
    ) -> None:
        super().__init__(desk, parent, open_file)
        self.assessed: list[NightAssessment] = []
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._build_forecast_box())
        left.addWidget(self._build_decision_box())
        left.addStretch(1)
        right.addWidget(self._build_history_box())
        right.addWidget(self._build_locations_box())
        right.addWidget(self._build_street_box())
        right.addWidget(self._build_leftovers_box())
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Winterregeling</h2>"))
        layout.addWidget(self._build_banner())
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())
        self._connect()
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _build_banner(self) -> QWidget:
        self.banner = QLabel()
        self.banner.setObjectName("winterStatus")
        self.banner.setWordWrap(True)
        hint = QLabel(
            "Drempels (gevoelstemperatuur) staan onder Beheer; standaard Drenthe: fase 1 onder −5 °C, "
            "fase 2 vanaf −10 °C."
        )
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(hint)
        return host

    def _build_forecast_box(self) -> QGroupBox:
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
        self.forecast = QTableWidget(FORECAST_NIGHTS, 5)
        self.forecast.setObjectName("forecastTable")
        self.forecast.setHorizontalHeaderLabels(["Nacht", "Min. °C", "Wind", "Gevoel", "Fase"])
        self.forecast.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The phase column fits "geen winterregeling" whole; the number columns share the rest.
        self.forecast.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        self.forecast.verticalHeader().hide()
        self.forecast.verticalHeader().setDefaultSectionSize(26)
        self.forecast.setFixedHeight(26 * FORECAST_NIGHTS + 30)
        self.advice = QLabel()
        self.advice.setObjectName("winterAdvice")
        self.advice.setWordWrap(True)
        self.forecast_error = error_label()  # the forecast's own check, beside the table
        box = QGroupBox("1. Verwachting voor de komende nachten")
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel("Regio"))
        row.addWidget(self.region, 1)
        row.addWidget(QLabel("Wind in"))
        row.addWidget(self.unit)
        row.addWidget(self.file_button)
        layout.addLayout(row)
        layout.addWidget(self.forecast)
        layout.addWidget(self.forecast_error)
        layout.addWidget(self.advice)
        return box

    def _build_decision_box(self) -> QGroupBox:
        self.first_night, self.last_night = date_edit(self._desk.tonight()), date_edit(self._desk.tonight())
        self.phase = QComboBox()
        self.phase.setObjectName("winterPhase")
        for phase in (WinterPhase.ONE, WinterPhase.TWO):
            self.phase.addItem(phase.label, int(phase))
        self.remark = QLineEdit()
        self.remark.setObjectName("winterRemark")
        self.activate_button = QPushButton("&Activeren")
        self.activate_button.setObjectName("activateButton")
        self.region_checks: dict[str, QCheckBox] = {}
        self.province_button = QPushButton("Hele &provincie")
        self.province_button.setObjectName("wholeProvince")
        self.province_button.setToolTip(
            "Alle regio's aanvinken: de winterregeling geldt voor de hele provincie en "
            "wordt gecoördineerd vanuit het Meldpunt OGGZ"
        )
        regions_host = QWidget()
        self.region_checks_row = QHBoxLayout(regions_host)
        self.region_checks_row.setContentsMargins(0, 0, 0, 0)
        self.region_checks_row.addStretch(1)
        self.region_checks_row.addWidget(self.province_button)
        box = QGroupBox("2. Besluit")
        form = QFormLayout(box)
        form.addRow("Regio's", regions_host)
        form.addRow("Eerste nacht", self.first_night)
        form.addRow("Laatste nacht", self.last_night)
        form.addRow("Fase", self.phase)
        form.addRow("Opmerking", self.remark)
        form.addRow("", self.activate_button)
        return box

    def _build_history_box(self) -> QGroupBox:
        self.activation_list = QListWidget()
        self.activation_list.setObjectName("activationList")
        self.activation_list.setWordWrap(True)
        self.activation_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.activation_list.setToolTip("Ctrl+klik: meerdere regio's tegelijk verlengen of beëindigen")
        self.activation_list.setMaximumHeight(150)
        self.change_night = date_edit(self._desk.tonight())
        self.extend_button, self.end_button = QPushButton("&Verlengen tot en met"), QPushButton("Beëindigen &na")
        self.extend_button.setObjectName("extendButton")
        self.end_button.setObjectName("endButton")
        self.season_button = QPushButton("&Seizoensrapport (PDF)")
        self.season_button.setObjectName("printSeasonReport")
        self.checked_season_button = QPushButton("Seizoensrapport met KNMI-&waarnemingen…")
        self.checked_season_button.setObjectName("printCheckedSeasonReport")
        self.checked_season_button.setToolTip(
            "Kies KNMI-daggegevens (etmgeg) van een station in de regio: het rapport zet per nacht het besluit "
            "en de verwachting naast het gemeten weer"
        )
        box = QGroupBox("Activeringen en hun geschiedenis")
        layout = QVBoxLayout(box)
        layout.addWidget(self.activation_list)
        row = QHBoxLayout()
        row.addWidget(self.change_night)
        row.addWidget(self.extend_button)
        row.addWidget(self.end_button)
        layout.addLayout(row)
        seasons = QHBoxLayout()
        seasons.addWidget(self.season_button)
        seasons.addWidget(self.checked_season_button)
        layout.addLayout(seasons)
        return box

    def _build_locations_box(self) -> QGroupBox:
        self.locations = QComboBox()
        self.locations.setObjectName("winterLocations")
        self.new_location, self.new_places = QLineEdit(), QSpinBox()
        self.new_location.setPlaceholderText("Naam van de winterlocatie, bijv. Sporthal De Kolk")
        self.new_places.setRange(1, 200)
        self.new_places.setValue(10)
        self.add_location_button = QPushButton("Winterlocatie &toevoegen")
        self.security, self.waking_watch = QLineEdit(), QLineEdit()
        self.security.setObjectName("securityNames")
        self.waking_watch.setObjectName("wakingWatchNames")
        self.save_staff_button = QPushButton("Bezetting vannacht &opslaan")
        self.print_list_button = QPushButton("Winternacht&lijst (PDF)")
        self.print_list_button.setObjectName("printWinterList")
        self.paper_list_button = QPushButton("Afdru&kken…")
        self.paper_list_button.setObjectName("printWinterListPaper")
        self.paper_list_button.setToolTip("Winternachtlijst afdrukken")
        box = QGroupBox("Winterlocaties en wacht vannacht")
        form = QFormLayout(box)
        form.addRow("Locatie", self.locations)
        form.addRow("Beveiliging", self.security)
        form.addRow("Wakende wacht", self.waking_watch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_staff_button)
        buttons.addWidget(self.print_list_button)
        buttons.addWidget(self.paper_list_button)
        form.addRow("", buttons)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_location, 1)
        new_row.addWidget(self.new_places)
        new_row.addWidget(self.add_location_button)
        form.addRow("Nieuw", new_row)
        return box

    def _build_street_box(self) -> QGroupBox:
        self.street_list = QListWidget()
        self.street_list.setObjectName("streetContacts")
        self.street_list.setMaximumHeight(110)
        self.street_list.setToolTip("Enter of dubbelklik: de persoon openen")
        self.street_counts = QLabel()
        self.street_counts.setObjectName("streetCounts")
        self.street_button = QPushButton("St&raatcontact vastleggen…")
        self.street_button.setObjectName("recordStreetContact")
        self.street_button.setToolTip("Wie het straatwerk vannacht buiten trof, in de regio hierboven")
        box = QGroupBox("Straatcontacten vannacht (gekozen regio)")
        layout = QVBoxLayout(box)
        layout.addWidget(self.street_list)
        row = QHBoxLayout()
        row.addWidget(self.street_counts, 1)
        row.addWidget(self.street_button)
        layout.addLayout(row)
        return box

    def _build_leftovers_box(self) -> QGroupBox:
        self.leftover_list = QListWidget()
        self.leftover_list.setObjectName("leftoverList")
        self.leftover_list.setMaximumHeight(120)
        self.leftover_list.setToolTip("Enter of dubbelklik: de persoon openen")
        box = QGroupBox("Na de laatste winternacht nog in een winterplek")
        QVBoxLayout(box).addWidget(self.leftover_list)
        return box

    def _connect(self) -> None:
        self.forecast.itemChanged.connect(lambda _item: self.assess())
        self.unit.currentIndexChanged.connect(lambda _i: self.assess())
        self.file_button.clicked.connect(self.choose_forecast_file)
        self.region.currentIndexChanged.connect(lambda _i: self._check_only_chosen_region())
        self.province_button.clicked.connect(self.check_whole_province)
        self.activate_button.clicked.connect(self.activate)
        self.extend_button.clicked.connect(lambda: self._change(extend))
        self.end_button.clicked.connect(lambda: self._change(end_early))
        self.season_button.clicked.connect(lambda: self.print_season_report())
        self.checked_season_button.clicked.connect(self.choose_observed_file)
        self.add_location_button.clicked.connect(self.add_location)
        self.save_staff_button.clicked.connect(self.save_staffing)
        self.print_list_button.clicked.connect(self.print_night_list)
        self.paper_list_button.clicked.connect(self.print_night_list_on_paper)
        self.locations.currentIndexChanged.connect(lambda _i: self._show_staffing())
        self.leftover_list.itemActivated.connect(lambda item: self.open_person(item.data(Qt.ItemDataRole.UserRole)))
        self.street_button.clicked.connect(self.record_street_contact)
        self.street_list.itemActivated.connect(self._open_street_person)
        self.region.currentIndexChanged.connect(lambda _i: self._show_street_contacts())
        self.gate(
            Permission.DECIDE,
            self.activate_button,
            self.extend_button,
            self.end_button,
            self.add_location_button,
            self.province_button,
        )
        self.gate(Permission.EXPORT, self.season_button, self.checked_season_button)
        self.gate(Permission.STREET_WORK, self.street_button)

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        tonight = self._desk.tonight()
        chosen = self.region.currentData()
        known = regions(self._desk)
        self.region.blockSignals(True)  # refilling is no new choice: the ticked regions stay
        self.region.clear()
        for code, name in known:
            self.region.addItem(name, code)
        self.region.setCurrentIndex(max(self.region.findData(chosen), 0))
        self.region.blockSignals(False)
        if list(self.region_checks) != [code for code, _name in known]:
            self._rebuild_region_checks(known)
        self.forecast.blockSignals(True)
        for row in range(FORECAST_NIGHTS):
            night = tonight + timedelta(days=row)
            item = QTableWidgetItem(f"{WEEKDAYS[night.weekday()]} {night:%d-%m}")
            item.setToolTip(dutch_date(night))
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
            entry = QListWidgetItem(
                f"{view.region}: {dutch_date(view.first_night)} t/m {dutch_date(view.last_night)}, "
                f"{view.phase.label}"
                + (f" — {view.remark}" if view.remark else "")
                + "".join(f"\n    · {line}" for line in view.history)
            )
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
        self._show_street_contacts()
        self.leftover_list.clear()
        for night in (tonight - timedelta(days=1), tonight):
            for left in leftovers(self._desk, night):
                left_item = QListWidgetItem(
                    f"{left.person} — {left.facility}, bed {left.bed} (laatste winternacht {dutch_date(night)})"
                )
                left_item.setData(Qt.ItemDataRole.UserRole, left.person_id)
                self.leftover_list.addItem(left_item)

    def _rebuild_region_checks(self, known: list[tuple[str, str]]) -> None:
        for box in self.region_checks.values():
            self.region_checks_row.removeWidget(box)
            box.hide()  # gone at once, not only when the event loop deletes it
            box.deleteLater()
        self.region_checks = {}
        for position, (code, name) in enumerate(known):
            box = QCheckBox(name)
            box.setObjectName(f"activateRegion{code}")
            self.region_checks[code] = box
            self.region_checks_row.insertWidget(position, box)
        self._check_only_chosen_region()

    def check_whole_province(self) -> None:
        for box in self.region_checks.values():
            box.setChecked(True)

    def _check_only_chosen_region(self) -> None:
        """Choosing a region above ticks that one alone; more can be ticked for one joint act."""
        for code, box in self.region_checks.items():
            box.setChecked(code == self.region.currentData())

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
            for column, text in (
                (3, assessed.felt.describe() if assessed else ""),
                (4, assessed.phase.label if assessed else ""),
            ):
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

    def choose_forecast_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Weerbestand kiezen", "", "Weerbestanden (*.json *.csv *.txt);;Alle bestanden (*)"
        )
        if name:
            self.load_forecast_file(Path(name))

    def load_forecast_file(self, path: Path) -> bool:
        """Fill the coming nights from a saved weather file; a refused file changes nothing."""
        said: list[str] = []

        def run() -> None:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise DeskError(f"Kan '{path.name}' niet lezen: {error.strerror}.") from error
            said.append(self._fill_forecast(path.name, forecast_from_file(self._desk, data)))

        return self.attempt(run, done=lambda: said[0])

    def _fill_forecast(self, name: str, read: FileForecast) -> str:
        shown = [
            date.fromordinal(self._forecast_item(row, 0).data(Qt.ItemDataRole.UserRole))
            for row in range(FORECAST_NIGHTS)
        ]
        by_night = {night.night: night for night in read.nights}
        outside = [night.night for night in read.nights if night.night not in shown]
        if len(outside) == len(read.nights):
            raise DeskError(
                f"Geen van de nachten in {name} ({dutch_date(read.nights[0].night)} t/m "
                f"{dutch_date(read.nights[-1].night)}) valt in de komende {FORECAST_NIGHTS} nachten; "
                "er is niets ingevuld."
            )
        self.forecast.blockSignals(True)
        self.unit.blockSignals(True)
        self.unit.setCurrentIndex(self.unit.findData(read.unit.value))
        for row, night in enumerate(shown):
            # A night the file lacks is emptied: its typed wind may be in another unit than the file's.
            item = by_night.get(night)
            self._forecast_item(row, 1).setText(_shown_number(item.temperature) if item else "")
            self._forecast_item(row, 2).setText(_shown_number(item.wind) if item else "")
        self.unit.blockSignals(False)
        self.forecast.blockSignals(False)
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

    # -- deciding ------------------------------------------------------------------------------

    def activate(self) -> None:
        chosen = [
            a for a in self.assessed if pydate(self.first_night.date()) <= a.night <= pydate(self.last_night.date())
        ]
        terms = ActivationTerms(
            pydate(self.first_night.date()),
            pydate(self.last_night.date()),
            WinterPhase(self.phase.currentData()),
            self.remark.text(),
            max((a.temperature for a in chosen), default=None),
        )
        nights = f"{dutch_date(terms.first_night)} t/m {dutch_date(terms.last_night)}"
        codes = [code for code, box in self.region_checks.items() if box.isChecked()]
        if not codes:
            self.refuse("Vink minstens één regio aan.")
            return
        where = ", ".join(self.region_checks[code].text() for code in codes)
        if not self.confirm(
            "Winterregeling activeren",
            f"Winterregeling {terms.phase.label} activeren voor {where}, "
            f"nachten {nights}?\n\nAlle balies gaan dan extra bedden openen, er wordt geen eigen "
            "bijdrage gevraagd en niemand wordt weggestuurd. Het besluit wordt vastgelegd; daarna "
            "kan het alleen nog verlengd of eerder beëindigd worden.",
            "Winterregeling &activeren",
        ):
            return
        if self.attempt(
            lambda: activate_regions(self._desk, codes, terms, chosen),
            then=self.refresh,
            done=f"Winterregeling {terms.phase.label} geactiveerd voor {where}: {nights}.",
        ):
            self.remark.clear()
            self.changed.emit()

    def _change(self, action: Callable[[Desk, int, date], None]) -> None:
        """Extend or end the chosen activation, or several (one per region) in one act."""
        items = self.activation_list.selectedItems()
        if not items:
            self.refuse("Kies eerst een activering in de lijst.")
            return
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in items]
        night = pydate(self.change_night.date())
        which = "Activering" if len(ids) == 1 else f"{len(ids)} activeringen"
        done = (
            f"{which} verlengd tot en met {dutch_date(night)}."
            if action is extend
            else f"{which} beëindigd na {dutch_date(night)}."
        )
        if action is end_early and not self.confirm(
            "Winterregeling eerder beëindigen",
            "\n".join(item.text().splitlines()[0] for item in items)
            + f"\n\nDe winterregeling stopt na de nacht van {dutch_date(night)}; de extra bedden sluiten daarna.",
            "&Beëindigen",
        ):
            return
        several = extend_several if action is extend else end_several
        if self.attempt(
            lambda: action(self._desk, ids[0], night) if len(ids) == 1 else several(self._desk, ids, night),
            then=self.refresh,
            done=done,
        ):
            self.changed.emit()

    # -- street contacts -------------------------------------------------------------------------

    def _show_street_contacts(self) -> None:
        self.street_list.clear()
        code = self.region.currentData()
        if code is None or not may(self._desk, Permission.STREET_WORK):
            self.street_counts.setText("" if code is None else "Alleen voor coördinatoren (straatwerk).")
            return
        contacts = street_contacts(self._desk, code, self._desk.tonight())
        for contact in contacts:
            item = QListWidgetItem(
                f"{contact.seen_at:%H:%M} {contact.place} — {contact.who}: {contact.outcome.label}"
                + (f" → {contact.facility}" if contact.facility else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, contact.person_id)
            self.street_list.addItem(item)
        counts = count_contacts((c.bed_offered, c.outcome) for c in contacts)
        self.street_counts.setText(counts.describe().capitalize())

    def _open_street_person(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id is not None:
            self.open_person(person_id)

    def record_street_contact(self) -> StreetContactDialog | None:
        code = self.region.currentData()
        if code is None:
            self.refuse("Kies eerst de regio.")
            return None
        dialog = StreetContactDialog(self._desk, code, self._desk.tonight(), self)
        self.show_dialog(dialog, then=self._show_street_contacts, done="Straatcontact vastgelegd.")
        return dialog

    # -- locations -----------------------------------------------------------------------------

    def _show_staffing(self) -> None:
        facility_id = self.locations.currentData()
        security, watch = staffing(self._desk, facility_id, self._desk.tonight()) if facility_id else ("", "")
        self.security.setText(security)
        self.waking_watch.setText(watch)

    def add_location(self) -> None:
        name = self.new_location.text()
        if self.attempt(
            lambda: add_winter_location(self._desk, self.region.currentData(), name, self.new_places.value()),
            then=self.refresh,
            done=f"Winterlocatie {name} toegevoegd met {self.new_places.value()} plaatsen.",
        ):
            self.new_location.clear()

    def save_staffing(self) -> bool:
        facility_id = self.locations.currentData()
        if facility_id is None:
            self.refuse("Voeg eerst een winterlocatie toe.")
            return False
        return self.attempt(
            lambda: set_staffing(
                self._desk, facility_id, self._desk.tonight(), self.security.text(), self.waking_watch.text()
            ),
            done=f"Bezetting van {self.locations.currentText()} voor vannacht opgeslagen.",
        )

    def print_night_list(self) -> Path | None:
        facility_id = self.locations.currentData()
        if not self.save_staffing():
            return None
        night = self._desk.tonight()
        return self.save_and_open(
            f"winternachtlijst-{facility_id}-{night.isoformat()}.pdf",
            lambda: winter_night_list_pdf(self._desk, facility_id, night),
            "Winternachtlijst",
        )

    def print_night_list_on_paper(self) -> str | None:
        facility_id = self.locations.currentData()
        if not self.save_staffing():
            return None
        night = self._desk.tonight()
        return self.print_on_paper(
            lambda: winter_night_list_pdf(self._desk, facility_id, night),
            f"Winternachtlijst {self.locations.currentText()}",
        )

    def print_season_report(self, observed: Path | None = None) -> Path | None:
        """The season around tonight (1 October to 30 April) for the chosen region; with a KNMI
        file, each night's decision and forecast checked against the weather measured."""
        first, last = winter_season(self._desk.tonight())

        def make() -> bytes:
            data = None
            if observed is not None:
                try:
                    data = observed.read_bytes()
                except OSError as error:
                    raise DeskError(f"Kan '{observed.name}' niet lezen: {error.strerror}.") from error
            name = observed.name if observed is not None else ""
            return season_report_pdf(self._desk, self.region.currentData(), first, last, data, name)

        return self.save_and_open(
            f"seizoensrapport-winter-{first.year}-{last.year}" + ("-gecontroleerd" if observed else "") + ".pdf",
            make,
            "Seizoensrapport" + (" met KNMI-waarnemingen" if observed else ""),
        )

    def choose_observed_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "KNMI-daggegevens kiezen", "", "KNMI-daggegevens (*.txt *.csv);;Alle bestanden (*)"
        )
        if name:
            self.print_season_report(Path(name))
