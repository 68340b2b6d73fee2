"""The Inloop section, the day drop-in: a visit in two keys from the search (or a scanned card), a head
count for who gives no name, services with one key each, belongings in a locker, today's list."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.dropin import DEFAULT_KEEP_DAYS, WEEKDAYS, LockerOutcome, OpeningHours
from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.domain.shelter_night import local_clock_text
from shelter_desk.services.dropin import (
    DayList,
    DropInLocation,
    LockerView,
    VisitRow,
    clear_locker,
    dropin_locations,
    give_service,
    lockers_in_use,
    offered_services,
    register_anonymous_visit,
    register_visit,
    remove_service,
    set_opening_hours,
    store_belongings,
    todays_visitors,
)
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import date_edit, ok_cancel, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import HINT_STYLE, RESTRICTION_RED, error_label

_VISIT_COLUMNS = ("Binnen", "Bezoeker", "Diensten", "Kluisje", "Sliep in opvang")
_LOCKER_COLUMNS = ("Kluisje", "Van", "Wat", "Sinds", "Bewaren tot")


class LockerDialog(QDialog):
    """Store a visitor's belongings: locker label, what it is, and until when (a week by default)."""

    def __init__(
        self, desk: Desk, facility_id: int, person_id: int, person: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._desk, self._facility_id, self._person_id = desk, facility_id, person_id
        self.setWindowTitle(f"Kluisje voor {person}")
        self.label = QLineEdit()
        self.label.setObjectName("lockerLabel")
        self.label.setPlaceholderText("nummer of label, bijv. 12")
        self.description = QLineEdit()
        self.description.setObjectName("lockerDescription")
        self.description.setPlaceholderText("wat er in ligt, bijv. blauwe rugzak")
        self.keep_until = date_edit(desk.today() + timedelta(days=DEFAULT_KEEP_DAYS))
        self.keep_until.setObjectName("lockerKeepUntil")
        self.error = error_label()
        box, self.ok = ok_cancel(self, "Opslaan", self.save)
        form = QFormLayout(self)
        form.addRow("Kluisje", self.label)
        form.addRow("Inhoud", self.description)
        form.addRow("Bewaren tot en met", self.keep_until)
        form.addRow(self.error)
        form.addRow(box)

    def save(self) -> None:
        if attempt(
            self.error,
            lambda: store_belongings(
                self._desk,
                self._facility_id,
                self._person_id,
                self.label.text(),
                self.description.text(),
                pydate(self.keep_until.date()),
            ),
        ):
            self.accept()


class OpeningHoursDialog(QDialog):
    """A coordinator sets the weekly opening hours: per day open or closed, from and until."""

    def __init__(self, desk: Desk, location: DropInLocation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._facility_id = desk, location.facility_id
        self.setWindowTitle(f"Openingstijden {location.name}")
        known = {h.weekday: h for h in location.hours}
        self.rows: list[tuple[QCheckBox, QTimeEdit, QTimeEdit]] = []
        form = QFormLayout(self)
        for day, name in enumerate(WEEKDAYS):
            hours = known.get(day)
            is_open = QCheckBox("open")
            is_open.setChecked(hours is not None)
            opens, closes = QTimeEdit(), QTimeEdit()
            for edit, value in (
                (opens, hours.opens if hours else time(10)),
                (closes, hours.closes if hours else time(16)),
            ):
                edit.setDisplayFormat("HH:mm")
                edit.setTime(QTime(value.hour, value.minute))
            line = QHBoxLayout()
            line.addWidget(is_open)
            line.addWidget(opens)
            line.addWidget(QLabel("tot"))
            line.addWidget(closes)
            form.addRow(name.capitalize(), line)
            self.rows.append((is_open, opens, closes))
        self.error = error_label()
        box, self.ok = ok_cancel(self, "Opslaan", self.save)
        form.addRow(self.error)
        form.addRow(box)

    def save(self) -> None:
        def hours() -> list[OpeningHours]:
            return [
                OpeningHours(
                    day,
                    time(opens.time().hour(), opens.time().minute()),
                    time(closes.time().hour(), closes.time().minute()),
                )
                for day, (is_open, opens, closes) in enumerate(self.rows)
                if is_open.isChecked()
            ]

        if attempt(self.error, lambda: set_opening_hours(self._desk, self._facility_id, hours())):
            self.accept()


class DropInPage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.day: DayList | None = None
        self.dialog: QDialog | None = None
        self.location = QComboBox()
        self.location.setObjectName("dropinLocation")
        self.location.currentIndexChanged.connect(lambda _index: self.refresh())
        self.hours_text = QLabel()
        self.hours_text.setObjectName("dropinHours")
        self.counts = QLabel()
        self.counts.setObjectName("dropinCounts")
        hours_button = QPushButton("Openingstijden…")
        hours_button.clicked.connect(self.edit_hours)

        self.picker = PersonPicker(desk)
        self.picker.setMinimumWidth(340)
        self.picker.chosen.connect(self.register)
        anonymous = QPushButton("Anoniem bezoek (Ctrl+Shift+A)")
        anonymous.setObjectName("anonymousVisitButton")
        anonymous.clicked.connect(self.register_anonymous)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.register_anonymous)
        hint = QLabel(
            "Typ een naam of scan de clientkaart; Enter schrijft het bezoek in. Wie geen naam geeft: anoniem bezoek."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)

        self.visits = QTableWidget(0, len(_VISIT_COLUMNS))
        self.visits.setObjectName("visitTable")
        self.visits.setHorizontalHeaderLabels(_VISIT_COLUMNS)
        self._table_style(self.visits, 2)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 20)
        self.quantity.setPrefix("aantal ")
        self.service_buttons: dict[str, QPushButton] = {}
        self._service_keys: list[QShortcut] = []
        self.services_row = QGridLayout()  # three a row: fits beside the search on a 1366 screen
        undo = QPushButton("Laatste dienst terugnemen")
        undo.clicked.connect(self.undo_last_service)
        locker = QPushButton("Kluisje… (Ctrl+L)")
        locker.setObjectName("lockerButton")
        locker.clicked.connect(self.store_locker)
        QShortcut(QKeySequence("Ctrl+L"), self, self.store_locker)

        self.lockers = QTableWidget(0, len(_LOCKER_COLUMNS))
        self.lockers.setObjectName("lockerTable")
        self.lockers.setHorizontalHeaderLabels(_LOCKER_COLUMNS)
        self._table_style(self.lockers, 2)
        self.overdue_only = QCheckBox("Alleen verlopen")
        self.overdue_only.setObjectName("overdueOnly")
        self.overdue_only.toggled.connect(lambda _on: self.refresh())
        picked_up = QPushButton("Opgehaald")
        picked_up.clicked.connect(lambda: self.clear_selected(LockerOutcome.PICKED_UP))
        cleared = QPushButton("Opgeruimd (na bewaardatum)")
        cleared.clicked.connect(lambda: self.clear_selected(LockerOutcome.CLEARED))
        self.error = error_label()

        # Two rows, so the header fits a 1366 px laptop at 150 % too.
        header = QVBoxLayout()
        first = QHBoxLayout()
        first.addWidget(QLabel("<h2>Inloop</h2>"))
        first.addWidget(self.location, 1)
        first.addWidget(hours_button)
        second = QHBoxLayout()
        self.hours_text.setWordWrap(True)
        second.addWidget(self.hours_text, 1)
        second.addWidget(self.counts)
        header.addLayout(first)
        header.addLayout(second)
        left = QVBoxLayout()
        left.addWidget(hint)
        left.addWidget(self.picker, 1)
        left.addWidget(anonymous)
        visits_box = QGroupBox("Bezoekers vandaag")
        visits_layout = QVBoxLayout(visits_box)
        visits_layout.addWidget(self.visits, 1)
        visits_layout.addWidget(QLabel("Dienst voor het gekozen bezoek:"))
        visits_layout.addLayout(self.services_row)
        actions = QHBoxLayout()
        actions.addWidget(self.quantity)
        actions.addWidget(undo)
        actions.addWidget(locker)
        actions.addStretch(1)
        visits_layout.addLayout(actions)
        lockers_box = QGroupBox("Kluisjes in gebruik (verlopen in rood)")
        lockers_layout = QVBoxLayout(lockers_box)
        lockers_layout.addWidget(self.lockers, 1)
        locker_actions = QHBoxLayout()
        locker_actions.addWidget(self.overdue_only)
        locker_actions.addStretch(1)
        locker_actions.addWidget(picked_up)
        locker_actions.addWidget(cleared)
        lockers_layout.addLayout(locker_actions)
        right = QVBoxLayout()
        right.addWidget(visits_box, 3)
        right.addWidget(lockers_box, 2)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)
        self.setFocusProxy(self.picker)
        follow(self, desk, self.refresh, refreshes_on_show=True)  # today's visitors of the other desks too

    @staticmethod
    def _table_style(table: QTableWidget, stretch: int) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        attempt(self.error, self.load_locations)

    # -- showing -------------------------------------------------------------------------------

    def load_locations(self) -> None:
        chosen = self.facility_id()
        self.locations = {location.facility_id: location for location in dropin_locations(self._desk)}
        self.location.blockSignals(True)
        self.location.clear()
        for location in self.locations.values():
            self.location.addItem(location.name, location.facility_id)
        if chosen is None:  # first look: the drop-in that is open today
            chosen = next(
                (place.facility_id for place in self.locations.values() if place.today.startswith("Vandaag open")), None
            )
        if chosen is not None and self.location.findData(chosen) >= 0:
            self.location.setCurrentIndex(self.location.findData(chosen))
        self.location.blockSignals(False)
        self._build_service_buttons()
        self.refresh()

    def _build_service_buttons(self) -> None:
        for button in self.service_buttons.values():
            self.services_row.removeWidget(button)
            button.deleteLater()
        for shortcut in self._service_keys:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.service_buttons, self._service_keys = {}, []
        for number, service in enumerate(offered_services(self._desk), start=1):
            button = QPushButton(f"{service} (Alt+{number})" if number <= 9 else service)
            button.setObjectName(f"service:{service}")
            button.clicked.connect(lambda _checked=False, s=service: self.give(s))
            self.services_row.addWidget(button, (number - 1) // 3, (number - 1) % 3)
            self.service_buttons[service] = button
            if number <= 9:
                # Alt+digit gives the service with one key while the cursor stays in the search field.
                self._service_keys.append(QShortcut(QKeySequence(f"Alt+{number}"), self, button.click))

    def facility_id(self) -> int | None:
        data = self.location.currentData()
        return data if isinstance(data, int) else None

    def refresh(self) -> None:
        facility_id = self.facility_id()
        if facility_id is None:
            self.hours_text.setText("Er is nog geen inloop ingesteld (Beheer → voorziening van soort Inloop).")
            self.visits.setRowCount(0)
            self.lockers.setRowCount(0)
            self.counts.setText("")
            return
        self.hours_text.setText(self.locations[facility_id].today)
        chosen = self.selected_visit()
        self.day = todays_visitors(self._desk, facility_id)
        self._fill_visits(self.day, chosen.visit_id if chosen else None)
        self._fill_lockers(lockers_in_use(self._desk, facility_id, overdue_only=self.overdue_only.isChecked()))

    def _fill_visits(self, day: DayList, keep: int | None) -> None:
        totals = ", ".join(f"{name} {count}" for name, count in day.service_totals())
        self.counts.setText(
            f"{len(day.visits)} bezoeken ({day.anonymous} anoniem)" + (f" — {totals}" if totals else "")
        )
        self.visits.setRowCount(len(day.visits))
        for row, visit in enumerate(day.visits):
            cells = (
                local_clock_text(visit.arrived_at),
                visit.name,
                visit.services_text,
                ", ".join(visit.lockers),
                "" if visit.person_id is None else ("ja" if visit.slept_in_shelter else "nooit"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, visit.visit_id)
                self.visits.setItem(row, column, item)
        self._select_visit(keep)

    def _fill_lockers(self, lockers: list[LockerView]) -> None:
        self.lockers.setRowCount(len(lockers))
        for row, locker in enumerate(lockers):
            cells = (
                locker.label,
                locker.person,
                locker.description,
                format_dutch_date(locker.stored_on),
                format_dutch_date(locker.keep_until) + (" — VERLOPEN" if locker.overdue else ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, locker.item_id)
                if locker.overdue:
                    item.setForeground(QColor(RESTRICTION_RED))
                self.lockers.setItem(row, column, item)

    def _select_visit(self, visit_id: int | None) -> None:
        if self.day is None:
            return
        for row, visit in enumerate(self.day.visits):
            if visit.visit_id == visit_id:
                self.visits.selectRow(row)
                return

    def selected_visit(self) -> VisitRow | None:
        if self.day is None:
            return None
        rows = self.visits.selectionModel().selectedRows()
        return self.day.visits[rows[0].row()] if rows and rows[0].row() < len(self.day.visits) else None

    def _need_visit(self) -> VisitRow | None:
        visit = self.selected_visit()
        if visit is None:
            self.error.setText("Kies eerst het bezoek in de lijst (of schrijf het bezoek in).")
            self.error.show()
        return visit

    # -- acting --------------------------------------------------------------------------------

    def register(self, person_id: int) -> None:
        facility_id = self.facility_id()
        if facility_id is None:
            return
        registered: list[int] = []
        if attempt(self.error, lambda: registered.append(register_visit(self._desk, facility_id, person_id))):
            self.picker.query.clear()
            self.refresh()
            self._select_visit(registered[0])
        self.picker.setFocus()

    def register_anonymous(self) -> None:
        facility_id = self.facility_id()
        registered: list[int] = []
        if facility_id is not None and attempt(
            self.error, lambda: registered.append(register_anonymous_visit(self._desk, facility_id))
        ):
            self.refresh()
            self._select_visit(registered[0])

    def give(self, service: str) -> None:
        visit = self._need_visit()
        if visit is not None and attempt(
            self.error, lambda: give_service(self._desk, visit.visit_id, service, self.quantity.value())
        ):
            self.quantity.setValue(1)
            self.refresh()

    def undo_last_service(self) -> None:
        visit = self._need_visit()
        if visit is not None and visit.services:
            attempt(self.error, lambda: remove_service(self._desk, visit.services[-1][0]))
            self.refresh()

    def store_locker(self) -> LockerDialog | None:
        visit = self._need_visit()
        facility_id = self.facility_id()
        if visit is None or facility_id is None:
            return None
        if visit.person_id is None:
            self.error.setText(
                "Spullen bewaren kan alleen voor iemand met een naam of alias: schrijf de "
                "bezoeker eerst in via de zoekbalk."
            )
            self.error.show()
            return None
        dialog = LockerDialog(self._desk, facility_id, visit.person_id, visit.name, self)
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    def clear_selected(self, outcome: LockerOutcome) -> None:
        rows = self.lockers.selectionModel().selectedRows()
        if not rows:
            self.error.setText("Kies eerst het kluisje in de lijst.")
            self.error.show()
            return
        cell = self.lockers.item(rows[0].row(), 0)
        item_id = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        if item_id is not None and attempt(self.error, lambda: clear_locker(self._desk, item_id, outcome)):
            self.refresh()

    def edit_hours(self) -> OpeningHoursDialog | None:
        facility_id = self.facility_id()
        if facility_id is None:
            return None
        dialog = OpeningHoursDialog(self._desk, self.locations[facility_id], self)
        dialog.accepted.connect(self.load_locations)
        self.dialog = dialog
        dialog.open()
        return dialog
