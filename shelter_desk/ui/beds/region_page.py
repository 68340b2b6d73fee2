"""The "Regio vannacht" section: every facility of the region tonight, and a bed elsewhere.

One row per facility: free, taken and closed beds, age range, kind, winter places, address and
phone. The page follows the database's changes (`ui.changes`: the whole desk's one watch, no
timer of its own): after a change anywhere it asks whether tonight's region changed (a cheap
change token) and reloads only then, on the database worker, so another desk's reservation shows
within a second or two. Hidden, it reads nothing; shown, it reads anew. From the table a desk
worker reserves a free bed at another location for the person in front of them (the own desk's
rules and refusals) and prints the referral slip. When the database cannot be reached the page
says so in Dutch and prints the roll-call from this computer's last copy.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import nullcontext
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.bed_assignment import AssignmentRefused
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import AMSTERDAM, dutch_night
from shelter_desk.services.beds import (
    BedJustGone,
    DatabaseUnreachable,
    FacilityTonight,
    FreeBed,
    Layout,
    RegionTonight,
    occupancy_pdf,
    referral_slip_pdf,
    region_change_token,
    region_tonight,
    reserve_elsewhere,
    roll_call_from_snapshot,
    snapshot_facilities,
    stand_van,
)
from shelter_desk.services.kernel import Desk, offline_since
from shelter_desk.ui.background import BUSY_TEXT, BackgroundReader
from shelter_desk.ui.changes import changes_of
from shelter_desk.ui.feedback import OpenFile, open_with_system, save_and_open
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import ERROR_STYLE, HINT_STYLE, error_label

LOG = logging.getLogger("shelter_desk")
# While hidden the page reads nothing, except that a change elsewhere still renews the local copy
# of the roll-call when it is older than this (an evacuation prints from it without a server).
REFRESH_COPY_S = 60
COLUMNS = (
    "Voorziening",
    "Regio",
    "Soort",
    "Leeftijd",
    "Vrij",
    "Bezet",
    "Gesloten",
    "Winterplekken",
    "Adres",
    "Telefoon",
)
OWN, ALL = "eigen", "alle"
FREE_COLOUR = QColor("#dcfce7")  # the free tile's colour on the bed board


def _file_name(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def winter_text(facility: FacilityTonight) -> str:
    if not facility.winter_places:
        return "—"
    state = f"open (fase {facility.winter_phase})" if facility.winter_phase else "dicht"
    return f"{facility.winter_places} {state}"


class RegionTonightPage(QWidget):
    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        open_file: OpenFile | None = None,
        remember_region: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._open_file = open_file or open_with_system
        self._remember_region = remember_region
        self.overview: RegionTonight | None = None
        self.dialog: ReserveElsewhereDialog | None = None
        self.offline = False
        self.last_saved: Path | None = None
        self._token: tuple[object, ...] | None = None
        self._read_at = 0.0  # time.monotonic() of the last full read
        self.night = date.min

        self.title = QLabel("<h2>Regio vannacht</h2>")
        self.night_text = QLabel()
        self.scope = QComboBox()
        self.scope.setObjectName("regionScope")
        self.scope.setToolTip("Coördinatoren en beheerders kunnen andere regio's of alle regio's bekijken.")
        self.scope_text = QLabel()
        self.scope_text.setObjectName("regionScopeText")
        self.make_home = QPushButton("Regio van deze balie maken")
        self.make_home.setObjectName("makeHomeRegion")
        self.make_home.clicked.connect(self.set_home_region)
        self.status = QLabel()
        self.status.setObjectName("regionStatus")
        self.status.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setObjectName("regionTotals")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("regionTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Adres"), QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.reserve())

        self.reserve_button = QPushButton("Vrij bed &reserveren…  (Ctrl+R)")
        self.reserve_button.setObjectName("reserveElsewhere")
        self.reserve_button.clicked.connect(self.reserve)
        self.roll_call_button = QPushButton("&Appèllijst (PDF)")
        self.roll_call_button.setObjectName("regionRollCall")
        self.roll_call_button.setToolTip("Zonder verbinding met de database: uit de laatste lokale kopie.")
        self.roll_call_button.clicked.connect(self.print_roll_call)
        self.saved_text = QLabel()
        self.saved_text.setObjectName("regionSaved")
        self.saved_text.setWordWrap(True)
        self.error = error_label()
        hint = QLabel(
            "Kies een voorziening met pijltjes; Enter of Ctrl+R reserveert daar een vrij bed voor de "
            "persoon aan de balie, met dezelfde regels als bij de eigen balie. Deze lijst volgt andere "
            "balies vanzelf."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.night_text)
        top.addStretch(1)
        top.addWidget(self.scope_text)
        top.addWidget(self.scope)
        top.addWidget(self.make_home)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reserve_button)
        buttons.addWidget(self.roll_call_button)
        buttons.addStretch(1)
        buttons.addWidget(self.totals)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.saved_text)
        layout.addWidget(hint)
        self.setFocusProxy(self.table)

        QShortcut(QKeySequence("Ctrl+R"), self, self.reserve)
        self.table.installEventFilter(self)
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.reader = BackgroundReader(self)
        self.reader.busy.connect(lambda busy: self.status.setText(BUSY_TEXT) if busy else None)
        # No read here: the first one comes when the section is shown, so the desk's start does
        # not wait for it (nor for deriving the local copy's key).
        self._set_night(desk.tonight())
        changes = changes_of(desk)
        changes.changed.connect(self.follow_change)
        changes.reachable.connect(self._reachable)

    # -- reading -------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self.reload()

    def _set_night(self, night: date) -> None:
        if night != self.night:
            self.night = night
            self.night_text.setText(dutch_night(night).capitalize())
            self._token = None

    def _scope_arguments(self) -> dict[str, object]:
        chosen = self.scope.currentData()
        if chosen == ALL:
            return {"all_regions": True}
        if isinstance(chosen, int):
            return {"region_id": chosen}
        return {}

    def follow_change(self) -> None:
        """A desk changed the database: read again on the worker, only if tonight's region changed.

        Hidden, the page reads only to renew the local roll-call copy it keeps since it was first
        shown, at most once a minute.
        """
        if not self.isVisible() and (self.overview is None or time.monotonic() - self._read_at < REFRESH_COPY_S):
            return
        self._read(everything=False)

    def reload(self) -> None:
        """Read tonight's region anew, on the database worker: the page shown, another scope
        chosen, a reservation made. The window keeps answering meanwhile ("Bezig…" after 300 ms)."""
        self._read(everything=True)

    def _read(self, *, everything: bool) -> None:
        night, scope, known, offline = self.night, self._scope_arguments(), self._token, self.offline

        def read() -> tuple[date, tuple[object, ...], RegionTonight | None]:
            # A read after a change elsewhere is background work: it keeps no idle desk signed in.
            with nullcontext() if everything else self._desk.in_background():
                tonight = night
                if everything:
                    try:
                        tonight = self._desk.tonight()  # past the day boundary: the next night
                    except Exception:  # noqa: BLE001 - no database: the read below says why
                        LOG.info("Nacht niet opnieuw bepaald: database niet bereikbaar")
                token = region_change_token(self._desk, tonight)
                if not everything and token == known and not offline:
                    return tonight, token, None  # a change elsewhere, not in tonight's beds of the region
                return tonight, token, region_tonight(self._desk, tonight, **scope)  # type: ignore[arg-type]

        self.reader.run(read, lambda outcome: self._deliver(*outcome), self._read_failed)

    def _deliver(self, night: date, token: tuple[object, ...], overview: RegionTonight | None) -> None:
        self._set_night(night)
        if overview is None:
            self._show_read_time()
            return
        self._token, self.offline, self._read_at = token, False, time.monotonic()
        self._show(overview)

    def _read_failed(self, error: BaseException) -> None:
        if isinstance(error, DatabaseUnreachable):
            self._show_offline(error.message)
        elif isinstance(error, DeskError):
            self.status.setText(error.message)  # signed out or locked: nothing to show until sign-in
        else:
            raise error

    def _reachable(self, reachable: bool) -> None:
        """The desk's change watch lost or regained the database (the hook the offline banner uses)."""
        if reachable:
            self.follow_change()
        elif self.isVisible():
            self._show_offline("De database is niet bereikbaar. Er is niets opgeslagen.")

    def _show_offline(self, message: str) -> None:
        self.offline = True
        try:
            kept = snapshot_facilities(self._desk)
        except DeskError:
            kept = []
        if kept:
            oldest = min(entry.taken_at for entry in kept)
            copy = (
                f" De appèllijst komt nu uit de lokale kopie: {len(kept)} voorziening(en), {stand_van(oldest).lower()}."
            )
        else:
            copy = " Er is op deze computer geen lokale kopie van de appèllijst."
        stale = (
            f" De tabel toont de stand van {self.overview.read_at.astimezone(AMSTERDAM):%H:%M:%S}."
            if self.overview is not None
            else ""
        )
        # Plain red text: the window's offline banner is the one banner; this says what it means here.
        self.status.setText(message + stale + copy)
        self.status.setStyleSheet(ERROR_STYLE)

    def _show(self, overview: RegionTonight) -> None:
        self.overview = overview
        self._show_read_time()
        self._fill_scope(overview)
        chosen = self.selected_facility()
        chosen_id = chosen.facility_id if chosen else None
        self.table.setRowCount(len(overview.facilities))
        for row, facility in enumerate(overview.facilities):
            values = (
                facility.name,
                facility.region,
                facility.kind.label,
                facility.ages.describe(),
                # Kept beds are not free: a regular of last night is still expected until the no-show hour.
                f"{facility.free} (+{facility.kept} vastgehouden)" if facility.kept else str(facility.free),
                str(facility.taken),
                str(facility.closed),
                winter_text(facility),
                facility.address or "—",
                facility.phone or "onbekend",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if COLUMNS[column] in ("Vrij", "Bezet", "Gesloten"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if COLUMNS[column] == "Vrij" and facility.free:
                    item.setBackground(FREE_COLOUR)
                item.setData(Qt.ItemDataRole.UserRole, facility.facility_id)
                self.table.setItem(row, column, item)
        self.table.setColumnHidden(COLUMNS.index("Regio"), overview.region_id is not None)
        rows = [i for i, f in enumerate(overview.facilities) if f.facility_id == chosen_id]
        if rows or overview.facilities:
            self.table.selectRow(rows[0] if rows else 0)
        self.totals.setText(
            f"{overview.scope}: vrij {overview.free} · bezet {overview.taken} · gesloten {overview.closed}"
        )

    def _show_read_time(self) -> None:
        if self.overview is None:
            return
        self.status.setStyleSheet(HINT_STYLE)
        self.status.setText(
            f"Bijgewerkt om {self.overview.read_at.astimezone(AMSTERDAM):%H:%M:%S} — volgt andere balies vanzelf."
        )

    def _fill_scope(self, overview: RegionTonight) -> None:
        self.scope.setVisible(overview.may_switch)
        self.make_home.setVisible(overview.may_switch and self._remember_region is not None)
        self.scope_text.setText("Regio:" if overview.may_switch else overview.scope)
        if not overview.may_switch or self.scope.count():
            return
        self.scope.blockSignals(True)
        home = next((r.name for r in overview.regions if r.region_id == overview.home_region_id), "geen")
        self.scope.addItem(f"Eigen regio ({home})", OWN)
        for choice in overview.regions:
            self.scope.addItem(choice.name, choice.region_id)
        self.scope.addItem("Alle regio's", ALL)
        self.scope.blockSignals(False)

    def selected_facility(self) -> FacilityTonight | None:
        if self.overview is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        facility_id = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        return next((f for f in self.overview.facilities if f.facility_id == facility_id), None)

    def select_facility(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            if cell is not None and cell.text() == name:
                self.table.selectRow(row)
                return
        raise LookupError(name)

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.reserve()
            return True
        return False

    # -- acting --------------------------------------------------------------------------------

    def set_home_region(self) -> None:
        chosen = self.scope.currentData()
        if not isinstance(chosen, int) or self._remember_region is None:
            self.error.setText("Kies eerst één regio; die wordt de regio van deze balie.")
            self.error.show()
            return
        self._desk.region_id = chosen
        self._remember_region(chosen)
        self.scope.blockSignals(True)
        self.scope.clear()  # refilled by the reload: "Eigen regio (…)" names the new region
        self.scope.blockSignals(False)
        self.reload()

    def reserve(self) -> None:
        self.error.hide()
        facility = self.selected_facility()
        if facility is None:
            self.error.setText("Kies eerst een voorziening.")
            self.error.show()
            return
        if self.offline:
            self.error.setText(
                "Zonder verbinding met de database kan er niet worden gereserveerd. "
                "Bel de voorziening: " + (facility.phone or "telefoonnummer onbekend") + "."
            )
            self.error.show()
            return
        if not facility.free_beds:
            kept = (
                f" ({facility.kept} bed{'den' if facility.kept > 1 else ''} vastgehouden voor vaste gasten)"
                if facility.kept
                else ""
            )
            self.error.setText(
                f"{facility.name} heeft vannacht geen vrij bed{kept}. Kies een voorziening met vrije bedden."
            )
            self.error.show()
            return
        self.dialog = ReserveElsewhereDialog(self._desk, facility, self.night, self, open_file=self._open_file)
        self.dialog.finished.connect(lambda _result: self.reload())
        self.dialog.open()

    def print_roll_call(self) -> Path | None:
        facility = self.selected_facility()
        if facility is None:
            self.error.setText("Kies eerst een voorziening.")
            self.error.show()
            return None
        name = f"appellijst-{_file_name(facility.name)}-{self.night.isoformat()}.pdf"
        path = save_and_open(name, lambda: self._roll_call(facility.facility_id), self.error, self._open_file)
        if path is not None:
            self.last_saved = path
            self.saved_text.setText(f"Opgeslagen en geopend: {path}")
        return path

    def _roll_call(self, facility_id: int) -> bytes:
        """Live from the database; without it, from this computer's last copy (with its time).

        While the desk is offline (the banner shows) the copy comes at once: no wait for a server
        that did not answer a moment ago."""
        if not self.offline and offline_since(self._desk) is None:
            try:
                return occupancy_pdf(self._desk, facility_id, self.night, Layout.ROLL_CALL)
            except DatabaseUnreachable as unreachable:
                self._show_offline(unreachable.message)
            except DeskError:
                raise
            except Exception:  # noqa: BLE001 - an evacuation never waits: any database failure → the copy
                LOG.exception("Appèllijst uit de database mislukt; de lokale kopie wordt gebruikt")
                self.offline = True
        return roll_call_from_snapshot(self._desk, facility_id)


class ReserveElsewhereDialog(QDialog):
    """Find the person, reserve the chosen free bed, then print the referral slip (Enter, Enter)."""

    def __init__(
        self,
        desk: Desk,
        facility: FacilityTonight,
        night: date,
        parent: QWidget | None = None,
        open_file: OpenFile | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._night, self._facility = desk, night, facility
        self._open_file = open_file or open_with_system
        self.bed_night_id: int | None = None
        self.reserved: FreeBed | None = None
        self.slip_path: Path | None = None
        self.setWindowTitle(f"Bed reserveren bij {facility.name} — {dutch_night(night)}")
        self.resize(760, 520)
        where = QLabel(
            f"<b>{facility.name}</b> — {facility.kind.label}, {facility.ages.describe()}<br>"
            f"{facility.address or 'adres onbekend'} · tel. {facility.phone or 'onbekend'}"
        )
        where.setWordWrap(True)
        self.bed = QComboBox()
        self.bed.setObjectName("bedChoice")
        self._beds: dict[int, FreeBed] = {}
        for free in facility.free_beds:
            self._add_bed(free)
        self.picker = PersonPicker(desk)
        self.picker.chosen.connect(lambda _pid: self._reserve())
        self.reason_label = QLabel("Reden om toch toe te wijzen (coördinator):")
        self.reason = QLineEdit()
        self.reason.setObjectName("overruleReason")
        self.reason.returnPressed.connect(self._reserve)
        self.reason_label.hide()
        self.reason.hide()
        self.error = error_label()
        self.outcome = QLabel()
        self.outcome.setObjectName("reservationResult")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("Bed &reserveren", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("okButton")
        self.ok.setDefault(True)
        self.print_button = self.buttons.addButton("&Verwijsbrief afdrukken", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printReferral")
        self.print_button.hide()
        self.close_button = self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._reserve)
        self.print_button.clicked.connect(self.print_slip)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        bed_row = QHBoxLayout()
        bed_row.addWidget(QLabel("&Bed:"))
        bed_row.addWidget(self.bed, 1)
        bed_row.itemAt(0).widget().setBuddy(self.bed)  # type: ignore[union-attr]
        layout.addLayout(bed_row)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.picker.setFocus()

    def _add_bed(self, free: FreeBed) -> None:
        self._beds[free.bed_id] = free
        self.bed.addItem(
            free.text
            if free.facility != self._facility.name
            else f"Bed {free.label}" + (" (extra)" if free.is_overflow else ""),
            free.bed_id,
        )

    def _show(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _reserve(self) -> None:
        if self.bed_night_id is not None:
            self.print_slip()  # Enter after the reservation prints the slip
            return
        person_id = self.picker.required_person(self.error)
        if person_id is None:
            return
        bed_id = self.bed.currentData()
        try:
            self.bed_night_id = reserve_elsewhere(self._desk, person_id, bed_id, self._night, self.reason.text())
        except BedJustGone as gone:
            self._show(gone.message)
            self.bed.removeItem(self.bed.findData(bed_id))  # that bed is gone
            if gone.next_bed is not None:
                if self.bed.findData(gone.next_bed.bed_id) < 0:
                    self._add_bed(gone.next_bed)
                self.bed.setCurrentIndex(self.bed.findData(gone.next_bed.bed_id))
                self.ok.setText("Dit bed &reserveren")
            return
        except AssignmentRefused as refused:
            self._show(refused.message)
            self.reason_label.setVisible(refused.overrulable)
            self.reason.setVisible(refused.overrulable)
            return
        except DeskError as error:
            self._show(error.message)
            return
        self.error.hide()
        self.picker.setEnabled(False)
        self.bed.setEnabled(False)
        self.reason.hide()
        self.reason_label.hide()
        self.reserved = self._beds[bed_id]
        self.outcome.setText(f"Gereserveerd: {self.reserved.text}. Druk op Enter om de verwijsbrief af te drukken.")
        self.outcome.show()
        self.ok.hide()
        self.print_button.show()
        self.print_button.setDefault(True)
        self.print_button.setFocus()
        self.close_button.setText("Sluiten")

    def print_slip(self) -> Path | None:
        if self.bed_night_id is None:
            return None
        bed_night_id = self.bed_night_id
        where = self.reserved.facility if self.reserved else self._facility.name
        name = f"verwijsbrief-{_file_name(where)}-{self._night.isoformat()}-{bed_night_id}.pdf"
        path = save_and_open(name, lambda: referral_slip_pdf(self._desk, bed_night_id), self.error, self._open_file)
        if path is not None:
            self.slip_path = path
            self.accept()
        return path
