"""The Bedden section: one facility's beds for one night as tiles, with the actions of the night.

A tile's colour says its state (free, reserved, checked in, checked out, closed overflow); the
panel beside the grid offers only what fits the chosen bed. Printing the occupancy list or the
roll-call is one click: the PDF is saved in the documents folder and opened for printing.

The board follows the other desks by itself (`ui.changes`): a change anywhere is read again on
the database worker (`ui.background`), as are another night and the section being opened, so the
window keeps answering ("Bezig…" after 300 ms) and the keyboard stays on its bed. After the desk's
own action the board reads at once, on the window's thread.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.domain.stays import FeeStatus, StayFlag, format_euros
from shelter_desk.services.beds import (
    BedCell,
    BedState,
    DatabaseUnreachable,
    EndedStay,
    FacilityBoard,
    Layout,
    NoShowRelease,
    StayReview,
    TurnawayView,
    bed_board,
    beds_kept_for_regulars,
    cancel_bed,
    check_in,
    check_out,
    end_stays_of_people_who_stopped_coming,
    no_shows_due,
    occupancy_pdf,
    open_overflow,
    release_no_shows,
    roll_call_from_snapshot,
    set_fee_status,
    stays_left_unannounced,
    stays_to_review,
    turnaways_of_night,
    undo_no_show_release,
)
from shelter_desk.services.desk import Desk
from shelter_desk.ui.background import BUSY_TEXT, BackgroundReader
from shelter_desk.ui.beds.dialogs import (
    AssignDialog,
    EndStayDialog,
    MoveDialog,
    ReleaseNoShowsDialog,
    TurnawayDialog,
)
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import pydate
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import HINT_STYLE

TILE_COLOURS = {
    BedState.FREE: "#dcfce7",
    BedState.RESERVED: "#fef9c3",
    BedState.CHECKED_IN: "#bfdbfe",
    BedState.CHECKED_OUT: "#e5e7eb",
    BedState.CLOSED: "#f3f4f6",
}
TILES_PER_ROW = 4
SIDE_PANEL_WIDTH = 250
LEFT_LIST_DAYS = 30  # the coordinator's list of people who stopped coming reaches this far back
LIST_HEIGHT = 96  # the lists under the board: a few lines each, the board keeps the height


# One marker per fact, so a safety ban never looks like a medical note (the legend explains them).
SAFETY_BAN, RESTRICTION, MEDICAL, OVER_MAXIMUM, FEE_OPEN, WINTER_PLACE = "✖", "⚠", "✚", "▲", "€", "❄"
KEEP_APART = "⇹"
LEGEND = (
    f"{SAFETY_BAN} veiligheidsbeperking   {RESTRICTION} andere beperking   {MEDICAL} medisch/aandacht   "
    f"{OVER_MAXIMUM} over maximum   {FEE_OPEN} bijdrage open   {WINTER_PLACE} winterplek   "
    f"{KEEP_APART} uit elkaar houden"
)
COMPACT_TILES_PER_ROW = 5
COMPACT_NAME = 20  # characters of a name on a compact tile; the full name is in its tooltip


def markers(cell: BedCell, winter_place: bool = False) -> str:
    marks = [
        SAFETY_BAN if cell.safety_ban else "",
        KEEP_APART if cell.keep_apart else "",
        RESTRICTION if cell.restriction else "",
        MEDICAL if cell.medical else "",
        OVER_MAXIMUM if cell.stay_flag is StayFlag.OVER_MAXIMUM else "",
        FEE_OPEN if cell.fee is FeeStatus.OWED else "",
        WINTER_PLACE if winter_place else "",
    ]
    return " ".join(mark for mark in marks if mark)


def tile_text(cell: BedCell, winter_place: bool = False, compact: bool = False, kept_for: str = "") -> str:
    head = f"Bed {cell.label}" + (" (extra)" if cell.is_overflow else "")
    marks = markers(cell, winter_place)
    lines = [f"{head}   {marks}" if marks else head]
    name = cell.occupant
    if compact and len(name) > COMPACT_NAME:
        name = name[: COMPACT_NAME - 1] + "…"
    lines.append(name or cell.state.value)
    if kept_for and cell.state is BedState.FREE:
        # Two short lines: a tile must stay narrow enough for four across on a 1366 px screen.
        lines += ["wacht op vaste gast:", kept_for if len(kept_for) <= 22 else kept_for[:21] + "…"]
    if cell.occupant:
        if cell.held:  # "verblijft" and its last night on two lines: a tile is narrow
            lines += cell.held.split(", ")
        else:
            lines.append(cell.state.value + (f" {cell.check_in}" if cell.check_in else ""))
        if not compact:
            if cell.fee is FeeStatus.OWED:
                lines.append(f"bijdrage {format_euros(cell.fee_cents)} open")
            if cell.stay_note:
                lines.append(cell.stay_note.split(" (")[0])
    return "\n".join(lines)


def tile_tooltip(cell: BedCell, winter_place: bool) -> str:
    """Everything the markers stand for, in words."""
    lines = [f"Bed {cell.label}: {cell.state.value}" + (f" — {cell.occupant}" if cell.occupant else "")]
    for mark, text in (
        (SAFETY_BAN, cell.safety_ban and f"Veiligheidsbeperking: {cell.safety_ban}"),
        (KEEP_APART, cell.keep_apart and f"Uit elkaar houden: {cell.keep_apart}"),
        (RESTRICTION, cell.restriction and f"Beperking: {cell.restriction}"),
        (MEDICAL, cell.medical and f"Aandacht: {cell.medical}"),
        (OVER_MAXIMUM, cell.stay_flag is StayFlag.OVER_MAXIMUM and f"Over maximum: {cell.stay_note}"),
        (FEE_OPEN, cell.fee is FeeStatus.OWED and f"Bijdrage {format_euros(cell.fee_cents)} open"),
        (WINTER_PLACE, winter_place and "Winterplek (winterregeling actief)"),
    ):
        if text:
            lines.append(f"{mark} {text}")
    return "\n".join(lines)


def tile_border(cell: BedCell) -> str:
    if cell.safety_ban:
        return "3px solid #b91c1c"
    if cell.restriction or cell.keep_apart:
        return "2px dashed #c2410c"
    return "1px solid #9ca3af"


@dataclass(frozen=True)
class BoardRead:
    """What one refresh of the board read (on the database worker or the window's thread)."""

    night: date
    boards: list[FacilityBoard]
    kept: dict[int, str]
    turnaways: list[TurnawayView]
    reviews: list[StayReview]
    left: list[EndedStay]


class BedBoardPage(SectionPage):
    keys = (
        ("Pijltjestoetsen", "Van bed naar bed op het bord (het bed wordt gekozen)"),
        ("Enter op een bed", "De acties voor dat bed"),
        ("Ctrl+P", "Bezettingslijst van deze nacht afdrukken (de laatst gebruikte printer staat klaar)"),
    )

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        open_file: Callable[[Path], object] | None = None,
        remember_region: Callable[[int], object] | None = None,
    ) -> None:
        super().__init__(desk, parent, open_file)
        self._remember_region = remember_region
        self.boards: list[FacilityBoard] = []
        self.kept: dict[int, str] = {}
        self.selected: BedCell | None = None
        self.night: date = date.min
        self.shown_night: date | None = None  # the night whose beds the tiles show
        self._tile_cells: list[tuple[QPushButton, BedCell, int]] = []
        self.bed_menu: QMenu | None = None
        self._per_row = TILES_PER_ROW

        self.side_panel = side_panel = QWidget()
        side_panel.setObjectName("sidePanel")
        side_panel.setFixedWidth(SIDE_PANEL_WIDTH)  # a message appearing must not move the buttons
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self._build_actions_box())
        side.addWidget(self._build_night_box())
        side.addStretch(1)
        lists = QHBoxLayout()
        lists.addWidget(self._build_review_box(), 1)
        lists.addWidget(self._build_turnaway_box(), 1)
        left = QVBoxLayout()
        left.addWidget(self._build_grid(), 3)
        left.addLayout(lists, 1)
        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addWidget(side_panel)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_night_row())
        layout.addWidget(self.night_text)
        layout.addLayout(self._build_facility_row())
        layout.addWidget(self.legend)
        layout.addLayout(middle, 1)
        self._connect()
        self.reader = BackgroundReader(self)
        self.reader.busy.connect(self._show_busy)
        # The first read too runs on the database worker: opening the section never waits for
        # the database. Until it arrives there is no night to step from and no bed to act on.
        self._set_current(False)
        self._set_night_row_enabled(False)
        self.refresh_in_background()
        self.setFocusProxy(self.facility)
        # Other desks' reservations, check-ins and moves show without touching the board; a
        # hidden board reads nothing (it reads anew whenever it is shown).
        self.follower = follow(self, desk, self.refresh_in_background, refreshes_on_show=True)

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.busy_text.setText(BUSY_TEXT)
        self.busy_text.setVisible(busy)

    # -- building ------------------------------------------------------------------------------

    def _build_night_row(self) -> QHBoxLayout:
        self.night_edit = QDateEdit()
        self.night_edit.setObjectName("nightEdit")
        self.night_edit.setDisplayFormat("dd-MM-yyyy")
        self.night_edit.setCalendarPopup(True)
        self.night_text = QLabel()
        self.previous_button, self.today_button, self.next_button = (
            QPushButton(t) for t in ("◀ Vori&ge nacht", "Vannac&ht", "Vo&lgende nacht ▶")
        )
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Bedden</h2>"))
        for widget in (self.previous_button, self.night_edit, self.today_button, self.next_button):
            top.addWidget(widget)
        top.addStretch(1)
        # "Bezig…" while a read takes long, or why the board could not follow: on the night's row,
        # so that its appearing moves nothing the worker is about to click.
        self.busy_text = QLabel()
        self.busy_text.setObjectName("boardBusy")
        self.busy_text.setStyleSheet(HINT_STYLE)
        self.busy_text.setWordWrap(True)
        self.busy_text.hide()
        top.addWidget(self.busy_text, 1)
        return top

    def _build_facility_row(self) -> QHBoxLayout:
        self.facility = QComboBox()
        self.facility.setObjectName("facilityChoice")
        # Long facility names must not set the page's width on a small screen.
        self.facility.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.facility.setMinimumContentsLength(22)
        self.counters = QLabel()
        self.counters.setObjectName("boardCounters")
        self.all_facilities = QCheckBox("Alle voorzieningen &samen")
        self.all_facilities.setObjectName("allFacilities")
        self.all_facilities.setToolTip("Alle voorzieningen tegelijk op het bord, met kleinere tegels")
        self.all_facilities.setChecked(True)
        self.legend = QLabel(LEGEND)
        self.legend.setObjectName("boardLegend")
        self.legend.setStyleSheet("QLabel { color: #374151; }")
        self.legend.setWordWrap(True)  # on a narrow (scaled) screen it wraps instead of widening the page
        self.counters.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.facility, 1)
        row.addWidget(self.all_facilities)
        row.addWidget(self.counters)
        return row

    def _build_grid(self) -> QScrollArea:
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tiles = QButtonGroup(self)
        self.tiles.setExclusive(True)
        self.grid_scroll = QScrollArea()
        self.grid_scroll.setWidgetResizable(True)
        self.grid_scroll.setWidget(self.grid_host)
        return self.grid_scroll

    def _build_actions_box(self) -> QGroupBox:
        self.selection_text = QLabel("Kies een bed.")
        self.selection_text.setWordWrap(True)
        # Shadows QWidget.actions() (nothing calls that on a page); the tests press buttons by key.
        self.actions: dict[str, QPushButton] = {}  # type: ignore[assignment]
        box = QGroupBox("Bed")
        layout = QVBoxLayout(box)
        layout.addWidget(self.selection_text)
        for key, text in (
            ("assign", "Persoon &toewijzen…"),
            ("check_in", "&Inchecken"),
            ("check_out", "&Uitchecken"),
            ("paid", "Bijdrage &betaald"),
            ("move", "&Verplaatsen…"),
            ("cancel", "&Reservering intrekken"),
            ("end_stay", "Verblijf b&eëindigen…"),
            ("open_overflow", "Extra bedden &openen…"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"action_{key}")
            layout.addWidget(button)
            self.actions[key] = button
        layout.addWidget(self.status_area())
        return box

    def _build_night_box(self) -> QGroupBox:
        self.night_buttons: dict[str, QPushButton] = {}
        box = QGroupBox("Deze nacht")
        layout = QVBoxLayout(box)
        # Each list as a PDF to keep or straight to a printer (Ctrl+P, then Enter: two keys).
        lists = QGridLayout()
        for row, (name, text, paper, paper_text, tip) in enumerate(
            (
                (
                    "printList",
                    "Be&zettingslijst PDF",
                    "printListPaper",
                    "Af&drukken…",
                    "Bezettingslijst afdrukken (Ctrl+P)",
                ),
                ("printRollCall", "&Appèllijst PDF", "printRollCallPaper", "Afdru&kken…", "Appèllijst afdrukken"),
            )
        ):
            for column, (key, label) in enumerate(((name, text), (paper, paper_text))):
                button = QPushButton(label)
                button.setObjectName(key)
                if column:
                    button.setToolTip(tip)
                lists.addWidget(button, row, column)
                self.night_buttons[key] = button
        layout.addLayout(lists)
        for name, text in (
            ("turnawayButton", "Geen bed: af&wijzing…"),
            ("releaseButton", "&No-shows vrijgeven"),
            ("undoReleaseButton", "Vrijgeven ongedaan &maken"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            layout.addWidget(button)
            self.night_buttons[name] = button
        return box

    def _build_review_box(self) -> QGroupBox:
        self.reviews = QListWidget()
        self.reviews.setObjectName("stayReviews")
        self.reviews.setWordWrap(True)
        self.reviews.setMaximumHeight(LIST_HEIGHT)
        self.reviews.setToolTip("Enter of dubbelklik: de persoon openen")
        # A second list for the coordinator: stays the desk ended because the person stopped coming
        # (the destination to check and correct).
        self.left_unannounced = QListWidget()
        self.left_unannounced.setObjectName("leftUnannounced")
        self.left_unannounced.setWordWrap(True)
        self.left_unannounced.setMaximumHeight(LIST_HEIGHT)
        self.correct_button = QPushButton("Bestemming &verbeteren…")
        self.correct_button.setObjectName("correctOutflow")
        left_host = QWidget()
        left_layout = QVBoxLayout(left_host)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.left_unannounced)
        left_layout.addWidget(self.correct_button)
        self.review_tabs = QTabWidget()
        self.review_tabs.setObjectName("reviewTabs")
        self.review_tabs.addTab(self.reviews, "Ter controle (≥ 80 % of over maximum)")
        self.review_tabs.addTab(left_host, "Gestopt met komen")
        box = QGroupBox("Verblijven")
        box.setToolTip("Verblijven op of boven 80 % van de maximale duur of erover, en wie gestopt is met komen")
        QVBoxLayout(box).addWidget(self.review_tabs)
        return box

    def _build_turnaway_box(self) -> QGroupBox:
        # Tonight's turnaways: when a no-show frees a bed, it goes to someone on this list first.
        self.turned_away = QListWidget()
        self.turned_away.setObjectName("turnawaysTonight")
        self.turned_away.setMaximumHeight(LIST_HEIGHT)
        self.turned_away.setToolTip("Kies eerst een vrij bed op het bord; Enter geeft het aan de gekozen persoon")
        self.give_button = QPushButton("Vrij bed geven aan &persoon")
        self.give_button.setObjectName("giveToTurnedAway")
        self.give_button.setToolTip("Het gekozen vrije bed op het bord geven aan de gekozen persoon in deze lijst")
        box = QGroupBox("Afgewezen deze nacht")
        layout = QVBoxLayout(box)
        layout.addWidget(self.turned_away)
        layout.addWidget(self.give_button)
        return box

    def _connect(self) -> None:
        self.previous_button.clicked.connect(lambda: self.set_night(self.night - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.set_night(self.night + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.set_night(self._desk.tonight()))
        handlers: dict[str, Callable[[], object]] = {
            "assign": self.assign,
            "check_in": self.check_in,
            "check_out": self.check_out,
            "paid": self.mark_paid,
            "move": self.move,
            "cancel": self.cancel,
            "end_stay": self.end_stay,
            "open_overflow": self.open_overflow,
        }
        for key, handler in handlers.items():
            self.actions[key].clicked.connect(handler)
        night_handlers: dict[str, Callable[[], object]] = {
            "printList": lambda: self.print_list(Layout.OCCUPANCY),
            "printRollCall": lambda: self.print_list(Layout.ROLL_CALL),
            "printListPaper": lambda: self.print_list_on_paper(Layout.OCCUPANCY),
            "printRollCallPaper": lambda: self.print_list_on_paper(Layout.ROLL_CALL),
            "turnawayButton": self.turnaway,
            "releaseButton": self.release,
            "undoReleaseButton": self.undo_release,
        }
        for name, handler in night_handlers.items():
            self.night_buttons[name].clicked.connect(handler)
        self.give_button.clicked.connect(self.give_to_turned_away)
        self.correct_button.clicked.connect(self.correct_outflow)
        self.reviews.itemActivated.connect(lambda item: self.open_person(item.data(Qt.ItemDataRole.UserRole)))
        self.turned_away.itemActivated.connect(lambda _item: self.give_to_turned_away())
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: self.print_list_on_paper(Layout.OCCUPANCY))
        self.facility.currentIndexChanged.connect(lambda _i: self._facility_chosen())
        self.all_facilities.toggled.connect(lambda _on: self._show_facility())
        self.night_edit.dateChanged.connect(lambda qdate: self.set_night(pydate(qdate)))

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Other sections and other desks change beds: show the board as it is now (read on the
        # database worker: opening the section never waits for the database).
        super().showEvent(event)
        self.refresh_in_background()

    def set_night(self, night: date) -> None:
        if night == self.night:
            return
        self._show_night(night)
        self.refresh_in_background()  # another night: the window keeps answering meanwhile

    def _show_night(self, night: date) -> None:
        self.night = night
        self.clear_messages()
        self.night_edit.blockSignals(True)
        self.night_edit.setDate(QDate(night.year, night.month, night.day))
        self.night_edit.blockSignals(False)
        self.night_text.setText(dutch_night(night).capitalize())

    def _set_night_row_enabled(self, enabled: bool) -> None:
        for widget in (self.previous_button, self.night_edit, self.today_button, self.next_button):
            widget.setEnabled(enabled)

    def refresh(self) -> None:
        """Read and show the board now, on this thread (after the desk's own action)."""
        self.reader.forget()
        if self.shown_night is None and self.night == date.min:
            self._show_night(self._desk.tonight())
        self._show_read(self._read(self.night))

    def refresh_in_background(self) -> None:
        """The same read as `refresh`, on the database worker: another desk changed something.

        The window keeps answering meanwhile ("Bezig…" after a moment); a read for a night no
        longer shown, or overtaken by a newer one, is dropped.
        """
        night = self.night if self.night != date.min else None  # None: tonight, first asked of the database
        self._set_current(night is not None and night == self.shown_night)

        def read() -> BoardRead:
            with self._desk.in_background():
                return self._read(night if night is not None else self._desk.tonight())

        self.reader.run(read, self._arrived, self._read_failed)

    def _arrived(self, read: BoardRead) -> None:
        if self.night == date.min:  # the first read: it brought tonight
            self._show_night(read.night)
        if read.night == self.night:
            self._show_read(read)

    def _read_failed(self, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            raise error
        # The board keeps what it shows and says why it could not follow; an unreachable
        # database is the window's offline banner too (classified in persistence).
        self.busy_text.setText(f"Niet bijgewerkt: {error.message}")
        self.busy_text.show()
        self._set_current(self.night == self.shown_night)

    def _set_current(self, current: bool) -> None:
        """While the tiles show another night than the one chosen, no bed can be acted on."""
        self.grid_host.setEnabled(current)
        self.side_panel.setEnabled(current)

    def _read(self, night: date) -> BoardRead:
        """Everything the board shows for `night`, read through the services (any thread)."""
        return BoardRead(
            night,
            bed_board(self._desk, night),
            # Until the no-show hour a regular's bed of last night waits for him.
            beds_kept_for_regulars(self._desk, night),
            turnaways_of_night(self._desk, night),
            stays_to_review(self._desk, night),
            stays_left_unannounced(self._desk, night - timedelta(days=LEFT_LIST_DAYS)),
        )

    def _show_read(self, read: BoardRead) -> None:
        self.busy_text.hide()
        self.shown_night = read.night
        self._set_current(True)
        self._set_night_row_enabled(True)
        chosen = self.facility.currentData()
        self.boards = read.boards
        self.kept = read.kept
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
        for turnaway in read.turnaways:
            item = QListWidgetItem(
                f"{turnaway.who} — {turnaway.reason.label}"
                + (f", verwezen naar {turnaway.referred_to}" if turnaway.referred_to else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, turnaway.person_id)
            self.turned_away.addItem(item)
        self.reviews.clear()
        for review in read.reviews:
            marker = "OVER MAXIMUM" if review.flag is StayFlag.OVER_MAXIMUM else "bijna maximum"
            item = QListWidgetItem(f"{marker}: {review.person}, {review.facility} — {review.description}")
            item.setData(Qt.ItemDataRole.UserRole, review.person_id)
            self.reviews.addItem(item)
        self.left_unannounced.clear()
        for ended in read.left:
            item = QListWidgetItem(
                f"{ended.person}, {ended.facility} — laatste nacht "
                f"{ended.end_night:%d-%m-%Y}: {ended.outflow.label.lower()}"
            )
            item.setData(Qt.ItemDataRole.UserRole, ended)
            self.left_unannounced.addItem(item)
        self.review_tabs.setTabText(1, f"Gestopt met komen ({self.left_unannounced.count()})")

    def _facility_chosen(self) -> None:
        """The worker chose a facility: its region becomes this desk's own (kept for this workstation)."""
        self.clear_messages()  # a refusal about another facility's bed no longer applies
        board = self.board()
        if board is not None:
            self._desk.region_id = board.region_id
            if self._remember_region is not None:
                self._remember_region(board.region_id)
        self._show_facility()
        first = next(
            (tile for tile, _cell, facility in self._tile_cells if facility == self.facility.currentData()), None
        )
        if first is not None:  # on the overview: bring the chosen facility into view
            self.grid_scroll.ensureWidgetVisible(first)

    def board(self) -> FacilityBoard | None:
        facility_id = self.facility.currentData()
        return next((b for b in self.boards if b.facility_id == facility_id), None)

    def _show_facility(self) -> None:
        selected_bed = self.selected.bed_id if self.selected else None
        # A refresh after another desk's change must not take the keyboard away from the worker.
        focus = self.window().focusWidget()  # (also while another window is active)
        focused_bed = next((cell.bed_id for tile, cell, _f in self._tile_cells if tile is focus), None)
        for button in self.tiles.buttons():
            self.tiles.removeButton(button)
            button.deleteLater()
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._tile_cells.clear()
        board = self.board()
        self.selected = None
        if board is None:
            self.counters.setText("Geen voorzieningen. Voeg ze toe onder Beheer.")
            self._update_actions()
            return
        compact = self.all_facilities.isChecked()
        shown = self.boards if compact else [board]
        if compact:
            self.counters.setText(
                f"Alle voorzieningen: vrij {sum(b.free for b in shown)} · bezet "
                f"{sum(b.occupied for b in shown)} · capaciteit {sum(b.capacity for b in shown)}"
            )
        else:
            self.counters.setText(
                f"Vrij {board.free} · Bezet {board.occupied} · Capaciteit {board.capacity} · "
                f"{board.kind.label}, {board.ages.describe()}"
                + (f" · ❄ winterregeling fase {board.winter_phase}" if board.winter_phase else "")
            )
        per_row = self._per_row = self._tiles_per_row(compact)
        row = 0
        for shown_board in shown:
            if compact:
                header = QLabel(
                    f"<b>{html.escape(shown_board.name)}</b> — {shown_board.free} vrij van "
                    f"{shown_board.capacity}"
                    + (f" · ❄ winterregeling fase {shown_board.winter_phase}" if shown_board.winter_phase else "")
                )
                self.grid.addWidget(header, row, 0, 1, per_row)
                row += 1
            for position, cell in enumerate(shown_board.beds):
                tile = self._tile(shown_board, cell, compact)
                self.grid.addWidget(tile, row + position // per_row, position % per_row)
                # Shown now, not at the next turn of the event loop: a Tab pressed in between (a
                # refresh after another desk's change) must land on the board's tab stop.
                tile.show()
                if cell.bed_id == selected_bed:
                    tile.setChecked(True)
                    self.selected = cell
            row += (len(shown_board.beds) + per_row - 1) // per_row
        chosen_tile = next((tile for tile, cell, _f in self._tile_cells if cell is self.selected), None)
        self._set_tab_stop(
            chosen_tile
            or next((tile for tile, _c, facility in self._tile_cells if facility == board.facility_id), None)
        )
        refocus = next((tile for tile, cell, _f in self._tile_cells if cell.bed_id == focused_bed), None)
        if refocus is not None:
            refocus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()

    def _tiles_per_row(self, compact: bool) -> int:
        """As many tiles per row as the board's width holds (fewer on a small or scaled screen)."""
        most = COMPACT_TILES_PER_ROW if compact else TILES_PER_ROW
        tile_width = (150 if compact else 170) + self.grid.horizontalSpacing() + 2
        room = self.grid_scroll.viewport().width() - 2 * self.grid.contentsMargins().left()
        return max(2, min(most, room // tile_width)) if room > 0 else most

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._tile_cells and self._tiles_per_row(self.all_facilities.isChecked()) != self._per_row:
            QTimer.singleShot(0, self._show_facility)  # lay the tiles out again for the new width

    def _set_tab_stop(self, tile: QPushButton | None) -> None:
        """One tile is in the Tab chain (right after the facility row, before the bed's actions);
        the arrow keys go from there, so Tab never walks through every bed."""
        for other, _cell, _facility in self._tile_cells:
            other.setFocusPolicy(Qt.FocusPolicy.StrongFocus if other is tile else Qt.FocusPolicy.ClickFocus)
        if tile is not None:
            QWidget.setTabOrder(self.all_facilities, tile)
            QWidget.setTabOrder(tile, self.actions["assign"])

    def _tile(self, board: FacilityBoard, cell: BedCell, compact: bool) -> QPushButton:
        winter_place = bool(board.winter_phase and (cell.is_overflow or board.kind is FacilityKind.WINTER))
        # "&&": an ampersand in a name is text, not an Alt+letter.
        kept_for = self.kept.get(cell.bed_id, "")
        tile = QPushButton(tile_text(cell, winter_place, compact, kept_for).replace("&", "&&"))
        tile.setToolTip(tile_tooltip(cell, winter_place))
        tile.installEventFilter(self)
        tile.setObjectName(f"bed_{cell.label}")
        tile.setCheckable(True)
        tile.setMinimumSize(*((150, 62) if compact else (170, 96)))
        tile.setStyleSheet(
            f"QPushButton {{ background: {TILE_COLOURS[cell.state]}; text-align: left; "
            f"padding: 4px; border: {tile_border(cell)}; }} "
            "QPushButton:checked { border: 3px solid #1d4ed8; }"
        )
        tile.clicked.connect(lambda _checked=False, c=cell, f=board.facility_id: self.select(c, f))
        self.tiles.addButton(tile)
        self._tile_cells.append((tile, cell, board.facility_id))
        return tile

    # -- keyboard over the tiles ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move over the tiles (and choose the bed); Enter opens the bed's actions."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        here = next((entry for entry in self._tile_cells if entry[0] is watched), None)
        if here is None:
            return False
        # Within the tile's own facility, row by row as the tiles stand.
        group = [entry for entry in self._tile_cells if entry[2] == here[2]]
        index = group.index(here)
        per_row = self._per_row
        key = event.key()
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -per_row, Qt.Key.Key_Down: per_row}.get(
            Qt.Key(key)
        )
        if step is not None:
            target = index + step
            if 0 <= target < len(group):
                tile, cell, facility_id = group[target]
                self._set_tab_stop(tile)
                tile.setFocus(Qt.FocusReason.TabFocusReason)
                tile.setChecked(True)
                self.select(cell, facility_id)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            tile, cell, facility_id = here
            tile.setChecked(True)
            self.select(cell, facility_id)
            self.open_bed_menu(tile)
            return True
        return False

    def open_bed_menu(self, tile: QPushButton) -> QMenu:
        """The chosen bed's possible actions beside its tile, for the keyboard (Enter on a tile)."""
        menu = QMenu(self)
        menu.setObjectName("bedMenu")
        for button in self.actions.values():
            if button.isEnabled():
                menu.addAction(button.text(), button.click)
        if menu.isEmpty():
            menu.addAction("Niets te doen met dit bed").setEnabled(False)
        self.bed_menu = menu
        menu.popup(tile.mapToGlobal(QPoint(tile.width() // 2, tile.height() // 2)))
        return menu

    def tile(self, label: str) -> QPushButton:
        """The tile of bed `label` in the chosen facility."""
        facility_id = self.facility.currentData()
        return next(
            tile for tile, cell, facility in self._tile_cells if cell.label == label and facility == facility_id
        )

    def select(self, cell: BedCell, facility_id: int | None = None) -> None:
        if facility_id is not None and facility_id != self.facility.currentData():
            # A bed of another facility on the overview: that facility becomes the chosen one.
            self.facility.blockSignals(True)
            self.facility.setCurrentIndex(self.facility.findData(facility_id))
            self.facility.blockSignals(False)
        self.selected = cell
        self.clear_messages()
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
        # Opening extra beds is a coordinator's decision: say so on the button, not after the click.
        gate(self.actions["open_overflow"], self._desk, Permission.DECIDE, enabled["open_overflow"])
        if cell is None:
            self.selection_text.setText("Kies een bed.")
        else:
            board = self.board()
            self.selection_text.setText((f"{board.name}\n" if board else "") + tile_tooltip(cell, False))

    # -- acting --------------------------------------------------------------------------------

    def assign(self) -> None:
        if self.selected is not None and self.selected.state is BedState.FREE:
            label = self.selected.label
            dialog = AssignDialog(self._desk, self.selected.bed_id, label, self.night, self)
            self.show_dialog(
                dialog,
                done=lambda: (
                    f"Bed gereserveerd: {dialog.chosen_elsewhere}."
                    if dialog.chosen_elsewhere
                    else f"Bed {label} toegewezen."
                ),
            )

    def give_to_turned_away(self) -> None:
        item = self.turned_away.currentItem()
        if self.selected is None or self.selected.state is not BedState.FREE:
            self.refuse("Kies eerst een vrij bed op het bord.")
            return
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            self.refuse("Kies een afgewezen persoon met een naam (een anonieme afwijzing kan via Persoon toewijzen).")
            return
        dialog = self.show_dialog(
            AssignDialog(
                self._desk,
                self.selected.bed_id,
                self.selected.label,
                self.night,
                self,
                person_id=item.data(Qt.ItemDataRole.UserRole),
            )
        )
        ok = dialog.findChild(QPushButton, "okButton")
        assert ok is not None  # every dialog's OK button is named so (dialog_parts.ok_cancel)
        ok.click()  # the person is known: give the bed now

    def _on_bed(self, action: Callable[[int], object], done: str) -> None:
        """Run `action` on the chosen bed's night; confirm with `done` (`{who}` and `{bed}` filled in)."""
        cell = self.selected
        if cell is None or not cell.bed_night_id:
            return
        bed_night_id = cell.bed_night_id
        self.attempt(
            lambda: action(bed_night_id),
            then=self.refresh,
            done=done.format(who=cell.occupant or "Anoniem", bed=cell.label),
        )

    def check_in(self) -> None:
        self._on_bed(lambda bed_night: check_in(self._desk, bed_night), "{who} ingecheckt in bed {bed}.")

    def check_out(self) -> None:
        self._on_bed(lambda bed_night: check_out(self._desk, bed_night), "{who} uitgecheckt uit bed {bed}.")

    def mark_paid(self) -> None:
        self._on_bed(
            lambda bed_night: set_fee_status(self._desk, bed_night, FeeStatus.PAID),
            "Bijdrage van {who} (bed {bed}) als betaald vastgelegd.",
        )

    def cancel(self) -> None:
        self._on_bed(
            lambda bed_night: cancel_bed(self._desk, bed_night),
            "Reservering van {who} voor bed {bed} ingetrokken; het bed is vrij.",
        )

    # Overrides QWidget.move(x, y) in name only: the "Verplaatsen" button's handler; nothing moves
    # this page by coordinates (a rename would be the real fix, left for a quieter moment).
    def move(self) -> None:  # type: ignore[override]
        if self.selected and self.selected.bed_night_id:
            self.show_dialog(
                MoveDialog(self._desk, self.selected.bed_night_id, self.night, self),
                done=f"{self.selected.occupant or 'Persoon'} verplaatst.",
            )

    def end_stay(self) -> None:
        if self.selected and self.selected.stay_id:
            self.show_dialog(
                EndStayDialog(self._desk, self.selected.stay_id, self.selected.occupant, self.night, self),
                done=f"Verblijf van {self.selected.occupant or 'de persoon'} beëindigd.",
            )

    def open_overflow(self) -> None:
        board = self.board()
        if board is None:
            return
        reason, ok = QInputDialog.getText(self, "Extra bedden openen", "Reden (bijvoorbeeld: vorst, vol):")
        if ok:
            self.attempt(
                lambda: open_overflow(self._desk, board.facility_id, self.night, reason),
                then=self.refresh,
                done=f"Extra bedden in {board.name} geopend voor deze nacht.",
            )

    def turnaway(self) -> None:
        board = self.board()
        dialog = TurnawayDialog(self._desk, self.night, board.facility_id if board else None, self)
        self.show_dialog(
            dialog,
            done=lambda: (
                f"Geen afwijzing: bed gereserveerd in {dialog.reserved}."
                if dialog.reserved
                else "Afwijzing vastgelegd."
            ),
        )

    def _bulk_scope(self) -> list[int] | None:
        """What a bulk action of the night acts on: with "Alle voorzieningen samen", this desk's own
        places (the service knows them: its region's); else only the facility the worker chose."""
        if self.all_facilities.isChecked():
            return None
        board = self.board()
        return [board.facility_id] if board is not None else None

    def release(self) -> None:
        """Shows the names and places first; one confirmation releases exactly those."""
        self.clear_messages()
        scope = self._bulk_scope()
        try:
            preview = no_shows_due(self._desk, self.night, scope)
        except DeskError as error:
            self.refuse(error.message)
            return
        if not preview.hour_passed:
            self.refuse(
                f"Het is nog geen {preview.hour:%H:%M}: de bedden van de {dutch_night(self.night)} "
                "blijven gereserveerd."
            )
            return
        if not preview.due:
            self.tell(
                f"Geen reserveringen om vrij te geven in {', '.join(preview.facilities) or 'de eigen regio'}"
                + (
                    f" ({len(preview.kept)} gereserveerd na {preview.hour:%H:%M} blijven staan)."
                    if preview.kept
                    else "."
                )
            )
            return
        self.show_dialog(
            ReleaseNoShowsDialog(preview, self),
            then=lambda: self._release([n.bed_night_id for n in preview.due], preview, scope),
        )

    def _release(self, bed_night_ids: list[int], preview: NoShowRelease, scope: list[int] | None) -> None:
        said: list[str] = []

        def run() -> None:
            count = release_no_shows(self._desk, self.night, bed_night_ids, scope)
            # The evening's step about who did not come: stays of people absent for nights end too.
            ended = end_stays_of_people_who_stopped_coming(self._desk)
            said.append(
                f"{count} niet-opgehaalde bedden vrijgegeven: {', '.join(n.person for n in preview.due)}."
                + (f" {len(ended)} verblijven beëindigd: gestopt met komen." if ended else "")
            )

        self.attempt(run, then=self.refresh, done=lambda: said[0])

    def undo_release(self) -> None:
        said: list[str] = []

        def run() -> None:
            scope = self._bulk_scope()
            back, not_back = undo_no_show_release(self._desk, self.night, scope)
            board = self.board()
            where = board.name if scope is not None and board is not None else "de eigen regio"
            said.append(
                f"{back} reserveringen teruggezet in {where}."
                + (f" Niet terug (bed of persoon inmiddels elders): {', '.join(not_back)}." if not_back else "")
            )

        self.attempt(run, then=self.refresh, done=lambda: said[0])

    def correct_outflow(self) -> None:
        item = self.left_unannounced.currentItem()
        if item is None:
            self.refuse("Kies eerst een verblijf in de lijst 'Gestopt met komen'.")
            return
        ended = item.data(Qt.ItemDataRole.UserRole)
        self.show_dialog(
            EndStayDialog(self._desk, ended.stay_id, ended.person, ended.end_night, self, correcting=True),
            then=self.refresh,
        )

    def print_list(self, layout: Layout) -> Path | None:
        board = self.board()
        if board is None:
            return None
        kind = "appellijst" if layout is Layout.ROLL_CALL else "bezettingslijst"
        name = f"{kind}-{board.name.replace(' ', '-').lower()}-{self.night.isoformat()}.pdf"
        what = "Appèllijst" if layout is Layout.ROLL_CALL else "Bezettingslijst"
        return self.save_and_open(name, lambda: self._list_pdf(board.facility_id, layout), what)

    def print_list_on_paper(self, layout: Layout) -> str | None:
        board = self.board()
        if board is None:
            self.refuse("Kies eerst een voorziening.")
            return None
        what = "Appèllijst" if layout is Layout.ROLL_CALL else "Bezettingslijst"
        return self.print_on_paper(lambda: self._list_pdf(board.facility_id, layout), f"{what} {board.name}")

    def _list_pdf(self, facility_id: int, layout: Layout) -> bytes:
        """The list from the database; an evacuation never waits for it: without the database the
        roll-call comes from this computer's local copy, with the time of that copy on it."""
        try:
            return occupancy_pdf(self._desk, facility_id, self.night, layout)
        except DatabaseUnreachable:
            if layout is not Layout.ROLL_CALL:
                raise
        return roll_call_from_snapshot(self._desk, facility_id)
