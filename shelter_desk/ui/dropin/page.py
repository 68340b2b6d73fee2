"""The Inloop section, the day drop-in: a visit in two keys from the search (or a scanned card), a head
count for who gives no name, services with one key each, belongings in a locker, today's list.

Today's list and the lockers are read on the database worker (`ui.background`): after a visit is
registered (the write itself runs on the window's thread, one short transaction) the window keeps
answering while the list is read. A service key or the locker pressed before the list arrived acts
once it has arrived, on the visit then chosen (the one just registered), never on an earlier one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import time, timedelta
from functools import partial

from PySide6.QtCore import QTime
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.dropin import DEFAULT_KEEP_DAYS, WEEKDAYS, LockerOutcome, OpeningHours
from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.domain.errors import DeskError
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
from shelter_desk.ui.background import BackgroundReader
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import date_edit, ok_cancel, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.record_list import RecordTableModel, record_table
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import HINT_STYLE, RESTRICTION_RED, error_label

_VISIT_COLUMNS = ("Binnen", "Bezoeker", "Diensten", "Kluisje", "Sliep in opvang")
_LOCKER_COLUMNS = ("Kluisje", "Van", "Wat", "Sinds", "Bewaren tot")
LOG = logging.getLogger("shelter_desk")


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


def visit_cells(visit: VisitRow) -> tuple[str, ...]:
    return (
        local_clock_text(visit.arrived_at),
        visit.name,
        visit.services_text,
        ", ".join(visit.lockers),
        "" if visit.person_id is None else ("ja" if visit.slept_in_shelter else "nooit"),
    )


def locker_cells(locker: LockerView) -> tuple[str, ...]:
    return (
        locker.label,
        locker.person,
        locker.description,
        format_dutch_date(locker.stored_on),
        format_dutch_date(locker.keep_until) + (" — VERLOPEN" if locker.overdue else ""),
    )


class VisitBox(QGroupBox):
    """Today's visitors and what can be given to the chosen visit: a button (and Alt+digit) per service."""

    def __init__(self, visits: QTableView, keys_on: QWidget) -> None:
        super().__init__("Bezoekers vandaag")
        self.visits, self._keys_on = visits, keys_on
        self.service_buttons: dict[str, QPushButton] = {}
        self._service_keys: list[QShortcut] = []
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 20)
        self.quantity.setPrefix("aantal ")
        self.services_row = QGridLayout()  # three a row: fits beside the search on a 1366 screen
        self.undo_button = QPushButton("Laatste dienst terugnemen")
        self.locker_button = QPushButton("Kluisje… (Ctrl+L)")
        self.locker_button.setObjectName("lockerButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.visits, 1)
        layout.addWidget(QLabel("Dienst voor het gekozen bezoek:"))
        layout.addLayout(self.services_row)
        actions = QHBoxLayout()
        actions.addWidget(self.quantity)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.locker_button)
        actions.addStretch(1)
        layout.addLayout(actions)

    def show_services(self, services: Sequence[str], give: Callable[[str], object]) -> None:
        for button in self.service_buttons.values():
            self.services_row.removeWidget(button)
            button.deleteLater()
        for shortcut in self._service_keys:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.service_buttons.clear()  # the page holds this same dictionary
        self._service_keys = []
        for number, service in enumerate(services, start=1):
            button = QPushButton(f"{service} (Alt+{number})" if number <= 9 else service)
            button.setObjectName(f"service:{service}")
            button.clicked.connect(lambda _checked=False, s=service: give(s))
            self.services_row.addWidget(button, (number - 1) // 3, (number - 1) % 3)
            self.service_buttons[service] = button
            if number <= 9:
                # Alt+digit gives the service with one key while the cursor stays in the search field.
                self._service_keys.append(QShortcut(QKeySequence(f"Alt+{number}"), self._keys_on, button.click))


class DropInHeader(QVBoxLayout):
    """Two rows, so the header fits a 1366 px laptop at 150 % too."""

    def __init__(self) -> None:
        super().__init__()
        self.location = QComboBox()
        self.location.setObjectName("dropinLocation")
        self.hours_text = QLabel()
        self.hours_text.setObjectName("dropinHours")
        self.hours_text.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("dropinCounts")
        self.hours_button = QPushButton("Openingstijden…")
        first = QHBoxLayout()
        first.addWidget(QLabel("<h2>Inloop</h2>"))
        first.addWidget(self.location, 1)
        first.addWidget(self.hours_button)
        second = QHBoxLayout()
        second.addWidget(self.hours_text, 1)
        second.addWidget(self.counts)
        self.addLayout(first)
        self.addLayout(second)


class SearchColumn(QVBoxLayout):
    """The search (or a scanned card) that registers a visit, and the anonymous visit."""

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.picker = PersonPicker(desk)
        self.picker.setMinimumWidth(340)
        self.anonymous = QPushButton("Anoniem bezoek (Ctrl+Shift+A)")
        self.anonymous.setObjectName("anonymousVisitButton")
        hint = QLabel(
            "Typ een naam of scan de clientkaart; Enter schrijft het bezoek in. Wie geen naam geeft: anoniem bezoek."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.addWidget(hint)
        self.addWidget(self.picker, 1)
        self.addWidget(self.anonymous)


class LockersBox(QGroupBox):
    """The lockers in use, and what ends their use."""

    def __init__(self, lockers: QTableView) -> None:
        super().__init__("Kluisjes in gebruik (verlopen in rood)")
        self.overdue_only = QCheckBox("Alleen verlopen")
        self.overdue_only.setObjectName("overdueOnly")
        self.picked_up_button = QPushButton("Opgehaald")
        self.cleared_button = QPushButton("Opgeruimd (na bewaardatum)")
        layout = QVBoxLayout(self)
        layout.addWidget(lockers, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.overdue_only)
        actions.addStretch(1)
        actions.addWidget(self.picked_up_button)
        actions.addWidget(self.cleared_button)
        layout.addLayout(actions)


class DropInPage(SectionPage):
    keys = (
        ("Enter in de zoekbalk", "Het bezoek inschrijven"),
        ("Alt+1 … Alt+9", "Een dienst geven aan het gekozen bezoek"),
        ("Ctrl+Shift+A", "Anoniem bezoek"),
        ("Ctrl+L", "Kluisje voor het gekozen bezoek"),
    )

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.day: DayList | None = None
        self.locations: dict[int, DropInLocation] = {}
        self.visits_model = RecordTableModel(_VISIT_COLUMNS, visit_cells)
        self.lockers_model = RecordTableModel(
            _LOCKER_COLUMNS, locker_cells, lambda locker: RESTRICTION_RED if locker.overdue else ""
        )
        self.visit_box = VisitBox(record_table(self.visits_model, "visitTable", stretch=2), self)
        self.visits, self.quantity = self.visit_box.visits, self.visit_box.quantity
        self.service_buttons = self.visit_box.service_buttons
        self.lockers = record_table(self.lockers_model, "lockerTable", stretch=2)
        lockers_box, search, header = LockersBox(self.lockers), SearchColumn(desk), DropInHeader()
        self.overdue_only, self.picked_up_button = lockers_box.overdue_only, lockers_box.picked_up_button
        self.cleared_button, self.picker, self.anonymous = lockers_box.cleared_button, search.picker, search.anonymous
        self.location, self.hours_text, self.counts = header.location, header.hours_text, header.counts
        self.hours_button = header.hours_button
        right = QVBoxLayout()
        right.addWidget(self.visit_box, 3)
        right.addWidget(lockers_box, 2)
        columns = QHBoxLayout()
        columns.addLayout(search, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())
        self.setFocusProxy(self.picker)
        self._connect()
        self.reader = BackgroundReader(self)
        self._select_after: int | None = None  # the visit to choose once the list arrives
        self._then: list[Callable[[], object]] = []  # keys pressed before the list arrived, in order
        follow(self, desk, lambda: self.refresh(in_background=True), refreshes_on_show=True)  # other desks' visits

    def _connect(self) -> None:
        self.location.currentIndexChanged.connect(lambda _index: self.attempt(self.refresh))
        self.hours_button.clicked.connect(self.edit_hours)
        self.picker.chosen.connect(self.register)
        self.anonymous.clicked.connect(self.register_anonymous)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.register_anonymous)
        self.visit_box.undo_button.clicked.connect(self.undo_last_service)
        self.visit_box.locker_button.clicked.connect(self.store_locker)
        QShortcut(QKeySequence("Ctrl+L"), self, self.store_locker)
        self.overdue_only.toggled.connect(lambda _on: self.attempt(self.refresh))
        self.picked_up_button.clicked.connect(lambda: self.clear_selected(LockerOutcome.PICKED_UP))
        self.cleared_button.clicked.connect(lambda: self.clear_selected(LockerOutcome.CLEARED))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.attempt(self.load_locations)

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
        self.visit_box.show_services(offered_services(self._desk), self.give)
        self.refresh()

    def facility_id(self) -> int | None:
        data = self.location.currentData()
        return data if isinstance(data, int) else None

    @property
    def reading(self) -> bool:
        """True while today's list is on its way from the database worker."""
        return self.reader.is_reading()

    def refresh(self, *, in_background: bool = False) -> None:
        """Read today's list and the lockers on the database worker; the latest read wins. With
        `in_background` (another desk changed something): no activity here, a refusal only logged."""
        facility_id = self.facility_id()
        if facility_id is None:
            self.reader.forget()
            self.hours_text.setText("Er is nog geen inloop ingesteld (Beheer → voorziening van soort Inloop).")
            self.visits_model.show([])
            self.lockers_model.show([])
            self.counts.setText("")
            self._settle()
            return
        self.hours_text.setText(self.locations[facility_id].today)
        desk, overdue_only = self._desk, self.overdue_only.isChecked()

        def read() -> tuple[DayList, list[LockerView]]:
            with desk.in_background() if in_background else nullcontext():
                day = todays_visitors(desk, facility_id)
                return day, lockers_in_use(desk, facility_id, overdue_only=overdue_only)

        self.reader.run(read, self._show_day, partial(self._read_failed, in_background))

    def _show_day(self, read: tuple[DayList, list[LockerView]]) -> None:
        day, lockers = read
        chosen = self.selected_visit()
        keep = self._select_after if self._select_after is not None else (chosen.visit_id if chosen else None)
        self.day = day
        totals = ", ".join(f"{name} {count}" for name, count in day.service_totals())
        self.counts.setText(
            f"{len(day.visits)} bezoeken ({day.anonymous} anoniem)" + (f" — {totals}" if totals else "")
        )
        self.visits_model.show(day.visits)
        self._select_visit(keep)
        self.lockers_model.show(lockers)
        self._settle()

    def _read_failed(self, in_background: bool, error: BaseException) -> None:
        """Signed out, locked or the database out of reach: the list on screen stays as it was."""
        if not isinstance(error, DeskError):
            raise error  # a fault, not a refusal: the window's error handling reports it
        self._select_after = None
        self._then.clear()  # the keys were for a list that did not come
        if in_background:
            LOG.info("Verversen na een wijziging elders lukte niet: %s", error.message)
        else:
            self.refuse(error.message)

    def _settle(self) -> None:
        self._select_after = None
        while self._then and not self.reading:  # an action that reads anew leaves the rest waiting
            self._then.pop(0)()

    def _when_read(self, action: Callable[[], object], *, on_what_is_shown: bool = False) -> bool:
        """While the visit just registered is not chosen yet (its list on its way), `action` waits
        for the list (True); otherwise it runs now (False). With `on_what_is_shown` (the action
        reads more of the chosen visit than who it is) it waits for any list on its way."""
        if not self.reading or (self._select_after is None and not on_what_is_shown):
            return False
        self._then.append(action)
        return True

    def _select_visit(self, visit_id: int | None) -> None:
        if self.day is None:
            return
        for row, visit in enumerate(self.day.visits):
            if visit.visit_id == visit_id:
                self.visits.selectRow(row)
                return

    def selected_visit(self) -> VisitRow | None:
        rows = self.visits.selectionModel().selectedRows()
        chosen = self.visits_model.record(rows[0].row()) if rows else None
        return chosen if isinstance(chosen, VisitRow) else None

    def _need_visit(self) -> VisitRow | None:
        visit = self.selected_visit()
        if visit is None:
            self.refuse("Kies eerst het bezoek in de lijst (of schrijf het bezoek in).")
        return visit

    # -- acting --------------------------------------------------------------------------------

    def register(self, person_id: int) -> None:
        facility_id = self.facility_id()
        if facility_id is None:
            return
        registered: list[int] = []
        if self.attempt(lambda: registered.append(register_visit(self._desk, facility_id, person_id))):
            self.picker.query.clear()
            self._select_after = registered[0]  # chosen once the list arrives: Alt+1…9 gives to it
            self.refresh()
        else:
            # Already in today (the card scanned twice): their visit is chosen, so Alt+1…9 gives
            # the service at once; the scanned text is selected for the next scan to replace.
            earlier = [v.visit_id for v in (self.day.visits if self.day else ()) if v.person_id == person_id]
            if earlier:
                self._select_visit(earlier[0])
            self.picker.query.selectAll()
        self.picker.setFocus()

    def register_anonymous(self) -> None:
        facility_id = self.facility_id()
        registered: list[int] = []
        if facility_id is not None and self.attempt(
            lambda: registered.append(register_anonymous_visit(self._desk, facility_id))
        ):
            self._select_after = registered[0]
            self.refresh()

    def give(self, service: str) -> None:
        if self._when_read(partial(self.give, service)):
            return
        visit = self._need_visit()
        if visit is not None and self.attempt(
            lambda: give_service(self._desk, visit.visit_id, service, self.quantity.value())
        ):
            self.quantity.setValue(1)
            self.refresh()

    def undo_last_service(self) -> None:
        if self._when_read(self.undo_last_service, on_what_is_shown=True):  # the last service as read
            return
        visit = self._need_visit()
        if visit is not None and visit.services:
            self.attempt(lambda: remove_service(self._desk, visit.services[-1][0]))
            self.refresh()

    def store_locker(self) -> LockerDialog | None:
        if self._when_read(self.store_locker):
            return None
        visit = self._need_visit()
        facility_id = self.facility_id()
        if visit is None or facility_id is None:
            return None
        if visit.person_id is None:
            self.refuse(
                "Spullen bewaren kan alleen voor iemand met een naam of alias: schrijf de "
                "bezoeker eerst in via de zoekbalk."
            )
            return None
        dialog = LockerDialog(self._desk, facility_id, visit.person_id, visit.name, self)
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    def clear_selected(self, outcome: LockerOutcome) -> None:
        rows = self.lockers.selectionModel().selectedRows()
        locker = self.lockers_model.record(rows[0].row()) if rows else None
        if not isinstance(locker, LockerView):
            self.refuse("Kies eerst het kluisje in de lijst.")
            return
        self.attempt(lambda: clear_locker(self._desk, locker.item_id, outcome), then=self.refresh)

    def edit_hours(self) -> OpeningHoursDialog | None:
        facility_id = self.facility_id()
        if facility_id is None:
            return None
        dialog = OpeningHoursDialog(self._desk, self.locations[facility_id], self)
        dialog.accepted.connect(self.load_locations)
        self.dialog = dialog
        dialog.open()
        return dialog
