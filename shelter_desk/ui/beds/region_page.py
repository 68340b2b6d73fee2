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

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
from shelter_desk.ui.beds.region_view import COLUMNS, RegionView, where_text
from shelter_desk.ui.changes import changes_of
from shelter_desk.ui.feedback import OpenFile, open_with_system
from shelter_desk.ui.printing import print_document
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import ERROR_STYLE, HINT_STYLE, error_label

LOG = logging.getLogger("shelter_desk")
# While hidden the page reads nothing, except that a change elsewhere still renews the local copy
# of the roll-call when it is older than this (an evacuation prints from it without a server).
REFRESH_COPY_S = 60
OWN, ALL = "eigen", "alle"


def _file_name(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


class RegionTonightPage(SectionPage):
    keys = (
        ("Enter of Ctrl+R", "Een vrij bed reserveren bij de gekozen voorziening"),
        ("Alt+G", "Andere regio kiezen (coördinatoren en beheerders), dan pijltjes"),
    )

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        open_file: OpenFile | None = None,
        remember_region: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(desk, parent, open_file or open_with_system)
        self._remember_region = remember_region
        self.overview: RegionTonight | None = None
        self.offline = False
        self._token: tuple[object, ...] | None = None
        self._read_at = 0.0  # time.monotonic() of the last full read
        self.night = date.min
        self.view = view = RegionView(self.status_area())
        self.table, self.model, self.scope, self.scope_text = view.table, view.model, view.scope, view.scope_text
        self.make_home, self.status, self.where, self.totals = view.make_home, view.status, view.where, view.totals
        self.reserve_button, self.roll_call_button = view.reserve_button, view.roll_call_button
        self.night_text = view.night_text
        QVBoxLayout(self).addWidget(view)
        self.setFocusProxy(self.table)
        self._connect()
        # No read here: the first one comes when the section is shown, so the desk's start does
        # not wait for it (nor for deriving the local copy's key).
        self._set_night(desk.tonight())

    def _connect(self) -> None:
        self.make_home.clicked.connect(self.set_home_region)
        self.table.doubleClicked.connect(lambda _index: self.reserve())
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_where())
        self.reserve_button.clicked.connect(self.reserve)
        self.roll_call_button.clicked.connect(self.print_roll_call)
        QShortcut(QKeySequence("Ctrl+R"), self, self.reserve)
        self.scope.currentIndexChanged.connect(lambda _i: self.reload())
        self.reader = BackgroundReader(self)
        self.reader.busy.connect(lambda busy: self.status.setText(BUSY_TEXT) if busy else None)
        changes = changes_of(self._desk)
        changes.changed.connect(self.follow_change)
        changes.reachable.connect(self._reachable)

    # -- reading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def _set_night(self, night: date) -> None:
        if night != self.night:
            self.night = night
            self.night_text.setText(dutch_night(night).capitalize())
            self._token = None

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

    def refresh(self) -> None:
        self.reload()

    def _read(self, *, everything: bool) -> None:
        night, known, offline = self.night, self._token, self.offline
        chosen = self.scope.currentData()
        region_id = chosen if isinstance(chosen, int) else None

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
                return tonight, token, region_tonight(self._desk, tonight, region_id, all_regions=chosen == ALL)

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
        # Plain red text: the window's offline banner is the one banner; this says what it means here.
        self.status.setText(message + offline_text(self._desk, self.overview))
        self.status.setStyleSheet(ERROR_STYLE)

    def _show(self, overview: RegionTonight) -> None:
        self.overview = overview
        self._show_read_time()
        self._fill_scope(overview)
        chosen = self.selected_facility()
        self.model.show(overview.facilities)
        self.table.setColumnHidden(COLUMNS.index("Regio"), overview.region_id is not None)
        row = self.model.row_of(chosen.facility_id if chosen else None)
        if row >= 0 or overview.facilities:
            self.table.selectRow(max(row, 0))
        self._show_where()
        self.totals.setText(
            f"{overview.scope}: vrij {overview.free} · bezet {overview.taken} · gesloten {overview.closed}"
        )

    def _show_where(self) -> None:
        chosen = self.selected_facility()
        self.where.setText(where_text(chosen) if chosen else "")

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
        self.scope_text.setText("Re&gio:" if overview.may_switch else overview.scope)
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
        rows = self.table.selectionModel().selectedRows()
        return self.model.facility(rows[0].row()) if rows else None

    def select_facility(self, name: str) -> None:
        for row in range(self.model.rowCount()):
            facility = self.model.facility(row)
            if facility is not None and facility.name == name:
                self.table.selectRow(row)
                return
        raise LookupError(name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
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
            self.refuse("Kies eerst één regio; die wordt de regio van deze balie.")
            return
        self._desk.region_id = chosen
        self._remember_region(chosen)
        self.scope.blockSignals(True)
        self.scope.clear()  # refilled by the reload: "Eigen regio (…)" names the new region
        self.scope.blockSignals(False)
        self.reload()

    def reserve(self) -> None:
        self.clear_messages()
        facility = self.selected_facility()
        refusal = reserve_refusal(facility, self.offline)
        if refusal or facility is None:
            self.refuse(refusal)
            return
        dialog = ReserveElsewhereDialog(self._desk, facility, self.night, self, open_file=self._open_file)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._after_reservation(dialog))
        dialog.open()

    def _after_reservation(self, dialog: ReserveElsewhereDialog) -> None:
        self.reload()
        if dialog.print_message:
            self.tell(dialog.print_message)

    def print_roll_call(self) -> Path | None:
        facility = self.selected_facility()
        if facility is None:
            self.refuse("Kies eerst een voorziening.")
            return None
        name = f"appellijst-{_file_name(facility.name)}-{self.night.isoformat()}.pdf"
        return self.print_on_paper(lambda: self._roll_call(facility.facility_id), "De appèllijst", name)

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


def reserve_refusal(facility: FacilityTonight | None, offline: bool) -> str:
    """Why no bed can be reserved at `facility` now ("" when it can)."""
    if facility is None:
        return "Kies eerst een voorziening."
    if offline:
        return (
            "Zonder verbinding met de database kan er niet worden gereserveerd. "
            "Bel de voorziening: " + (facility.phone or "telefoonnummer onbekend") + "."
        )
    if not facility.free_beds:
        kept = (
            f" ({facility.kept} bed{'den' if facility.kept > 1 else ''} vastgehouden voor vaste gasten)"
            if facility.kept
            else ""
        )
        return f"{facility.name} heeft vannacht geen vrij bed{kept}. Kies een voorziening met vrije bedden."
    return ""


def offline_text(desk: Desk, overview: RegionTonight | None) -> str:
    """What the page can still offer without the database: the table's last state, the local copy."""
    try:
        kept = snapshot_facilities(desk)
    except DeskError:
        kept = []
    if kept:
        oldest = min(entry.taken_at for entry in kept)
        copy = f" De appèllijst komt nu uit de lokale kopie: {len(kept)} voorziening(en), {stand_van(oldest).lower()}."
    else:
        copy = " Er is op deze computer geen lokale kopie van de appèllijst."
    stale = (
        f" De tabel toont de stand van {overview.read_at.astimezone(AMSTERDAM):%H:%M:%S}."
        if overview is not None
        else ""
    )
    return stale + copy


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
        self.print_message = ""  # where the slip went, for the page's status line
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
        bed_label = QLabel("&Bed:")
        bed_label.setBuddy(self.bed)
        bed_row = QHBoxLayout()
        bed_row.addWidget(bed_label)
        bed_row.addWidget(self.bed, 1)
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
        self.error.hide()
        path = print_document(
            self,
            name,
            lambda: referral_slip_pdf(self._desk, bed_night_id),
            "De verwijsbrief",
            say=self._printed,
            refuse=self._refuse,
            open_file=self._open_file,
        )
        if path is not None:
            self.slip_path = path
            self.accept()
        return path

    def _printed(self, text: str) -> None:
        self.print_message = text

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
