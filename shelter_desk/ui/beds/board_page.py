"""The Bedden section: one facility's beds for one night as tiles, with the actions of the night.

A tile's colour says its state (free, reserved, checked in, checked out, closed overflow); the
panel beside the grid offers only what fits the chosen bed. Printing the occupancy list or the
roll-call is one click: the PDF is saved in the documents folder and opened for printing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.domain.stays import FeeStatus, StayFlag, format_euros
from shelter_desk.domain.errors import DeskError
from shelter_desk.services.beds import (
    NoShowRelease,
    cancel_bed,
    carry_placements_forward,
    check_in,
    check_out,
    end_stays_of_people_who_stopped_coming,
    no_shows_due,
    release_no_shows,
    set_fee_status,
    stays_left_unannounced,
    undo_no_show_release,
)
from shelter_desk.services.beds import (
    BedCell,
    BedState,
    FacilityBoard,
    bed_board,
    beds_kept_for_regulars,
    stays_to_review,
)
from shelter_desk.services.desk import Desk
from shelter_desk.services.beds import Layout, occupancy_pdf
from shelter_desk.services.beds import open_overflow
from shelter_desk.services.beds import turnaways_of_night
from shelter_desk.ui.beds.dialogs import (
    AssignDialog,
    EndStayDialog,
    MoveDialog,
    ReleaseNoShowsDialog,
    TurnawayDialog,
)
from shelter_desk.ui.dialog_parts import pydate
from shelter_desk.ui.feedback import attempt, open_with_system, save_and_open
from shelter_desk.ui.styles import error_label

TILE_COLOURS = {
    BedState.FREE: "#dcfce7",
    BedState.RESERVED: "#fef9c3",
    BedState.CHECKED_IN: "#bfdbfe",
    BedState.CHECKED_OUT: "#e5e7eb",
    BedState.CLOSED: "#f3f4f6",
}
TILES_PER_ROW = 4
LEFT_LIST_DAYS = 30  # the coordinator's list of people who stopped coming reaches this far back


def tile_text(cell: BedCell, kept_for: str = "") -> str:
    lines = [f"Bed {cell.label}" + (" (extra)" if cell.is_overflow else ""), cell.occupant or cell.state.value]
    if kept_for and cell.state is BedState.FREE:
        # Two short lines: a tile must stay narrow enough for four across on a 1366 px screen.
        lines += ["wacht op vaste gast:", kept_for if len(kept_for) <= 22 else kept_for[:21] + "…"]
    if cell.occupant:
        status = cell.state.value + (f" {cell.check_in}" if cell.check_in else "")
        lines.append(status)
        if cell.fee is FeeStatus.OWED:
            lines.append(f"bijdrage {format_euros(cell.fee_cents)} open")
        if cell.stay_note:
            lines.append(cell.stay_note.split(" (")[0])
        if cell.stay_flag is not StayFlag.NONE:
            lines.append(f"⚠ {cell.stay_flag.value}")
        if cell.safety:
            lines.append("⚠ veiligheid")
    return "\n".join(lines)


class BedBoardPage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None,
                 open_file: Callable[[Path], object] | None = None,
                 remember_region: Callable[[int], object] | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._open_file = open_file or open_with_system
        self._remember_region = remember_region
        self.dialog: QDialog | None = None
        self.boards: list[FacilityBoard] = []
        self.kept: dict[int, str] = {}
        self.selected: BedCell | None = None
        self.last_saved: Path | None = None

        self.night_edit = QDateEdit()
        self.night_edit.setObjectName("nightEdit")
        self.night_edit.setDisplayFormat("dd-MM-yyyy")
        self.night_edit.setCalendarPopup(True)
        self.night_text = QLabel()
        previous, today, following = (QPushButton(t) for t in ("◀ Vorige nacht", "Vannacht", "Volgende nacht ▶"))
        previous.clicked.connect(lambda: self.set_night(self.night - timedelta(days=1)))
        following.clicked.connect(lambda: self.set_night(self.night + timedelta(days=1)))
        today.clicked.connect(lambda: self.set_night(self._desk.tonight()))
        self.facility = QComboBox()
        self.facility.setObjectName("facilityChoice")
        self.counters = QLabel()
        self.counters.setObjectName("boardCounters")

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tiles = QButtonGroup(self)
        self.tiles.setExclusive(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)

        self.selection_text = QLabel("Kies een bed.")
        self.selection_text.setWordWrap(True)
        self.error = error_label()
        # Shadows QWidget.actions() (nothing calls that on a page); the tests press buttons by key.
        self.actions: dict[str, QPushButton] = {}  # type: ignore[assignment]
        actions_box = QGroupBox("Bed")
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.addWidget(self.selection_text)
        handler: Callable[[], object]
        for key, text, handler in (
            ("assign", "Persoon &toewijzen…", self.assign),
            ("check_in", "&Inchecken", self.check_in),
            ("check_out", "&Uitchecken", self.check_out),
            ("paid", "Bijdrage &betaald", self.mark_paid),
            ("move", "&Verplaatsen…", self.move),
            ("cancel", "Reservering intrekken", self.cancel),
            ("end_stay", "Verblijf &beëindigen…", self.end_stay),
            ("open_overflow", "Extra bedden &openen…", self.open_overflow),
        ):
            button = QPushButton(text)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(handler)
            actions_layout.addWidget(button)
            self.actions[key] = button
        actions_layout.addWidget(self.error)
        night_box = QGroupBox("Deze nacht")
        night_layout = QVBoxLayout(night_box)
        for text, handler, name in (("Bezettingslijst (PDF)", lambda: self.print_list(Layout.OCCUPANCY), "printList"),
                                    ("Appèllijst (PDF)", lambda: self.print_list(Layout.ROLL_CALL), "printRollCall"),
                                    ("Geen bed: afwijzing…", self.turnaway, "turnawayButton"),
                                    ("No-shows vrijgeven…", self.release, "releaseButton"),
                                    ("Vrijgeven ongedaan maken", self.undo_release, "undoReleaseButton")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(handler)
            night_layout.addWidget(button)
        self.saved_text = QLabel()
        self.saved_text.setWordWrap(True)
        night_layout.addWidget(self.saved_text)
        self.reviews = QListWidget()
        self.reviews.setObjectName("stayReviews")
        self.reviews.setWordWrap(True)
        # Two lists for the coordinator: stays near or over their maximum, and stays the desk ended
        # because the person stopped coming (the destination to check and correct).
        self.left_unannounced = QListWidget()
        self.left_unannounced.setObjectName("leftUnannounced")
        self.left_unannounced.setWordWrap(True)
        correct = QPushButton("Bestemming &verbeteren…")
        correct.setObjectName("correctOutflow")
        correct.clicked.connect(self.correct_outflow)
        left_host = QWidget()
        left_layout = QVBoxLayout(left_host)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.left_unannounced)
        left_layout.addWidget(correct)
        self.review_tabs = QTabWidget()
        self.review_tabs.setObjectName("reviewTabs")
        self.review_tabs.addTab(self.reviews, "Ter controle (≥ 80 % of over maximum)")
        self.review_tabs.addTab(left_host, "Gestopt met komen")
        review_box = QGroupBox("Verblijven")
        QVBoxLayout(review_box).addWidget(self.review_tabs)
        # Tonight's turnaways: when a no-show frees a bed, it goes to someone on this list first.
        self.turned_away = QListWidget()
        self.turned_away.setObjectName("turnawaysTonight")
        give = QPushButton("Gekozen vrij bed geven aan gekozen persoon")
        give.setObjectName("giveToTurnedAway")
        give.clicked.connect(self.give_to_turned_away)
        turnaway_box = QGroupBox("Afgewezen deze nacht")
        turnaway_layout = QVBoxLayout(turnaway_box)
        turnaway_layout.addWidget(self.turned_away)
        turnaway_layout.addWidget(give)

        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Bedden</h2>"))
        top.addWidget(previous)
        top.addWidget(self.night_edit)
        top.addWidget(today)
        top.addWidget(following)
        top.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.facility, 1)
        second.addWidget(self.counters)
        side = QVBoxLayout()
        side.addWidget(actions_box)
        side.addWidget(night_box)
        side.addStretch(1)
        middle = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(scroll, 3)
        lists = QHBoxLayout()
        lists.addWidget(review_box, 1)
        lists.addWidget(turnaway_box, 1)
        left.addLayout(lists, 1)
        middle.addLayout(left, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.night_text)
        layout.addLayout(second)
        layout.addLayout(middle, 1)

        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.print_list(Layout.OCCUPANCY))
        self.facility.currentIndexChanged.connect(lambda _i: self._facility_chosen())
        self.night_edit.dateChanged.connect(lambda qdate: self.set_night(pydate(qdate)))
        self.night: date = date.min
        self.set_night(desk.tonight())
        self.setFocusProxy(self.facility)

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Other sections and other desks change beds: show the board as it is now.
        super().showEvent(event)
        self.refresh()

    def set_night(self, night: date) -> None:
        if night == self.night:
            return
        self.night = night
        self.night_edit.blockSignals(True)
        self.night_edit.setDate(QDate(night.year, night.month, night.day))
        self.night_edit.blockSignals(False)
        self.night_text.setText(dutch_night(night).capitalize())
        self.refresh()

    def refresh(self) -> None:
        if self.night <= self._desk.tonight():
            carry_placements_forward(self._desk, self.night)
        chosen = self.facility.currentData()
        self.boards = bed_board(self._desk, self.night)
        # Until the no-show hour a regular's bed of last night waits for him (scenario 1).
        self.kept = beds_kept_for_regulars(self._desk, self.night)
        self.facility.blockSignals(True)
        self.facility.clear()
        for board in self.boards:
            self.facility.addItem(f"{board.name} — {board.free} vrij van {board.capacity}", board.facility_id)
        index = self.facility.findData(chosen)
        if index < 0 and self._desk.region_id is not None:
            # First look at the board on this desk: start at a facility of the desk's own region.
            index = next((i for i, b in enumerate(self.boards) if b.region_id == self._desk.region_id), -1)
        self.facility.setCurrentIndex(max(index, 0))
        self.facility.blockSignals(False)
        self._show_facility()
        self.turned_away.clear()
        for turnaway in turnaways_of_night(self._desk, self.night):
            item = QListWidgetItem(f"{turnaway.who} — {turnaway.reason.label}"
                                   + (f", verwezen naar {turnaway.referred_to}" if turnaway.referred_to else ""))
            item.setData(Qt.ItemDataRole.UserRole, turnaway.person_id)
            self.turned_away.addItem(item)
        self.reviews.clear()
        for review in stays_to_review(self._desk, self.night):
            marker = "OVER MAXIMUM" if review.flag is StayFlag.OVER_MAXIMUM else "bijna maximum"
            self.reviews.addItem(f"{marker}: {review.person}, {review.facility} — {review.description}")
        self.left_unannounced.clear()
        for ended in stays_left_unannounced(self._desk, self.night - timedelta(days=LEFT_LIST_DAYS)):
            item = QListWidgetItem(f"{ended.person}, {ended.facility} — laatste nacht "
                                   f"{ended.end_night:%d-%m-%Y}: {ended.outflow.label.lower()}")
            item.setData(Qt.ItemDataRole.UserRole, ended)
            self.left_unannounced.addItem(item)
        self.review_tabs.setTabText(1, f"Gestopt met komen ({self.left_unannounced.count()})")

    def _facility_chosen(self) -> None:
        """The worker chose a facility: its region becomes this desk's own (kept for this workstation)."""
        board = self.board()
        if board is not None:
            self._desk.region_id = board.region_id
            if self._remember_region is not None:
                self._remember_region(board.region_id)
        self._show_facility()

    def board(self) -> FacilityBoard | None:
        facility_id = self.facility.currentData()
        return next((b for b in self.boards if b.facility_id == facility_id), None)

    def _show_facility(self) -> None:
        selected_bed = self.selected.bed_id if self.selected else None
        for button in self.tiles.buttons():
            self.tiles.removeButton(button)
            button.deleteLater()
        board = self.board()
        self.selected = None
        if board is None:
            self.counters.setText("Geen voorzieningen. Voeg ze toe onder Beheer.")
            self._update_actions()
            return
        self.counters.setText(f"Vrij {board.free} · Bezet {board.occupied} · Capaciteit {board.capacity} · "
                              f"{board.kind.label}, {board.ages.describe()}"
                              + (f" · ❄ winterregeling fase {board.winter_phase}" if board.winter_phase else ""))
        for position, cell in enumerate(board.beds):
            winter_place = board.winter_phase and (cell.is_overflow or board.kind is FacilityKind.WINTER)
            tile = QPushButton(tile_text(cell, self.kept.get(cell.bed_id, ""))
                               + ("\n❄ winterplek" if winter_place else ""))
            tile.setObjectName(f"bed_{cell.label}")
            tile.setCheckable(True)
            tile.setMinimumSize(170, 96)
            border = "3px solid #b91c1c" if cell.safety else "1px solid #9ca3af"
            tile.setStyleSheet(f"QPushButton {{ background: {TILE_COLOURS[cell.state]}; text-align: left; "
                               f"padding: 6px; border: {border}; }} QPushButton:checked {{ border: 3px solid #1d4ed8; }}")
            tile.clicked.connect(lambda _checked=False, c=cell: self.select(c))
            self.tiles.addButton(tile)
            self.grid.addWidget(tile, position // TILES_PER_ROW, position % TILES_PER_ROW)
            if cell.bed_id == selected_bed:
                tile.setChecked(True)
                self.selected = cell
        self._update_actions()

    def tile(self, label: str) -> QPushButton:
        # The tiles shown now (replaced ones wait for deleteLater and must not be found).
        found = next((b for b in self.tiles.buttons() if b.objectName() == f"bed_{label}"), None)
        assert isinstance(found, QPushButton), label
        return found

    def select(self, cell: BedCell) -> None:
        self.selected = cell
        self.error.hide()
        self._update_actions()

    def select_bed(self, label: str) -> None:
        self.tile(label).setChecked(True)
        board = self.board()
        assert board is not None
        self.select(next(cell for cell in board.beds if cell.label == label))

    def _update_actions(self) -> None:
        cell = self.selected
        state = cell.state if cell else None
        occupied = cell is not None and cell.person_id is not None
        enabled = {
            "assign": state is BedState.FREE,
            "check_in": state is BedState.RESERVED,
            "check_out": state is BedState.CHECKED_IN,
            "paid": cell is not None and occupied and cell.fee is FeeStatus.OWED,
            "move": state in (BedState.RESERVED, BedState.CHECKED_IN),
            "cancel": state is BedState.RESERVED,
            "end_stay": occupied,
            "open_overflow": state is BedState.CLOSED,
        }
        for key, button in self.actions.items():
            button.setEnabled(enabled[key])
        if cell is None:
            self.selection_text.setText("Kies een bed.")
        else:
            details = [f"Bed {cell.label}: {cell.state.value}"]
            if cell.occupant:
                details.append(cell.occupant)
            if cell.safety:
                details.append(f"Veiligheid: {cell.safety}")
            self.selection_text.setText("\n".join(details))

    # -- acting --------------------------------------------------------------------------------

    def _attempt(self, action: Callable[[], object]) -> None:
        if attempt(self.error, action):
            self.refresh()

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def assign(self) -> None:
        if self.selected is not None and self.selected.state is BedState.FREE:
            self._open(AssignDialog(self._desk, self.selected.bed_id, self.selected.label, self.night, self))

    def give_to_turned_away(self) -> None:
        item = self.turned_away.currentItem()
        if self.selected is None or self.selected.state is not BedState.FREE:
            self.error.setText("Kies eerst een vrij bed op het bord.")
            self.error.show()
            return
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            self.error.setText("Kies een afgewezen persoon met een naam (een anonieme afwijzing kan via Persoon toewijzen).")
            self.error.show()
            return
        dialog = self._open(AssignDialog(self._desk, self.selected.bed_id, self.selected.label, self.night, self,
                                         person_id=item.data(Qt.ItemDataRole.UserRole)))
        ok = dialog.findChild(QPushButton, "okButton")
        assert ok is not None  # every dialog's OK button is named so (dialog_parts.ok_cancel)
        ok.click()  # the person is known: give the bed now

    def check_in(self) -> None:
        bed_night_id = self.selected.bed_night_id if self.selected else None
        if bed_night_id:
            self._attempt(lambda: check_in(self._desk, bed_night_id))

    def check_out(self) -> None:
        bed_night_id = self.selected.bed_night_id if self.selected else None
        if bed_night_id:
            self._attempt(lambda: check_out(self._desk, bed_night_id))

    def mark_paid(self) -> None:
        bed_night_id = self.selected.bed_night_id if self.selected else None
        if bed_night_id:
            self._attempt(lambda: set_fee_status(self._desk, bed_night_id, FeeStatus.PAID))

    def cancel(self) -> None:
        bed_night_id = self.selected.bed_night_id if self.selected else None
        if bed_night_id:
            self._attempt(lambda: cancel_bed(self._desk, bed_night_id))

    # Overrides QWidget.move(x, y) in name only: the "Verplaatsen" button's handler; nothing moves
    # this page by coordinates (a rename would be the real fix, left for a quieter moment).
    def move(self) -> None:  # type: ignore[override]
        if self.selected and self.selected.bed_night_id:
            self._open(MoveDialog(self._desk, self.selected.bed_night_id, self.night, self))

    def end_stay(self) -> None:
        if self.selected and self.selected.stay_id:
            self._open(EndStayDialog(self._desk, self.selected.stay_id, self.selected.occupant, self.night, self))

    def open_overflow(self) -> None:
        board = self.board()
        if board is None:
            return
        reason, ok = QInputDialog.getText(self, "Extra bedden openen", "Reden (bijvoorbeeld: vorst, vol):")
        if ok:
            self._attempt(lambda: open_overflow(self._desk, board.facility_id, self.night, reason))

    def turnaway(self) -> None:
        board = self.board()
        self._open(TurnawayDialog(self._desk, self.night, board.facility_id if board else None, self))

    def release(self) -> None:
        """Shows the names first; one confirmation releases exactly those (scenario 2)."""
        self.error.hide()
        try:
            preview = no_shows_due(self._desk, self.night)
        except DeskError as error:
            self._show_error(error.message)
            return
        if not preview.hour_passed:
            self._show_error(f"Het is nog geen {preview.hour:%H:%M}: de bedden van de {dutch_night(self.night)} "
                             "blijven gereserveerd.")
            return
        if not preview.due:
            self.saved_text.setText("Geen reserveringen om vrij te geven"
                                    + (f" ({len(preview.kept)} gereserveerd na {preview.hour:%H:%M} blijven staan)."
                                       if preview.kept else "."))
            return
        dialog = ReleaseNoShowsDialog(preview, self)
        dialog.accepted.connect(lambda: self._release([n.bed_night_id for n in preview.due], preview))
        self._open(dialog)

    def _release(self, bed_night_ids: list[int], preview: NoShowRelease) -> None:
        def run() -> None:
            count = release_no_shows(self._desk, self.night, bed_night_ids)
            # The evening's step about who did not come: stays of people absent for nights end too.
            ended = end_stays_of_people_who_stopped_coming(self._desk)
            names = ", ".join(n.person for n in preview.due)
            self.saved_text.setText(f"{count} niet-opgehaalde bedden vrijgegeven: {names}."
                                    + (f" {len(ended)} verblijven beëindigd: gestopt met komen." if ended else ""))
        self._attempt(run)

    def undo_release(self) -> None:
        def run() -> None:
            back, not_back = undo_no_show_release(self._desk, self.night)
            self.saved_text.setText(f"{back} reserveringen teruggezet."
                                    + (f" Niet terug (bed of persoon inmiddels elders): {', '.join(not_back)}."
                                       if not_back else ""))
        self._attempt(run)

    def correct_outflow(self) -> None:
        item = self.left_unannounced.currentItem()
        if item is None:
            self._show_error("Kies eerst een verblijf in de lijst 'Gestopt met komen'.")
            return
        ended = item.data(Qt.ItemDataRole.UserRole)
        self._open(EndStayDialog(self._desk, ended.stay_id, ended.person, ended.end_night, self, correcting=True))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def print_list(self, layout: Layout) -> Path | None:
        board = self.board()
        if board is None:
            return None
        kind = "appellijst" if layout is Layout.ROLL_CALL else "bezettingslijst"
        name = f"{kind}-{board.name.replace(' ', '-').lower()}-{self.night.isoformat()}.pdf"
        path = save_and_open(name, lambda: occupancy_pdf(self._desk, board.facility_id, self.night, layout),
                             self.error, self._open_file)
        if path is not None:
            self.last_saved = path
            self.saved_text.setText(f"Opgeslagen en geopend: {path}")
        return path
