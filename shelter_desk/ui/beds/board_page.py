"""The Bedden section: one facility's beds for one night as tiles, with the actions of the night.

The page puts together the night's row, the board view (`tiles`), the lists under it
(`board_lists`) and the side panel (`side_panel`); what the buttons do is in `acting`. A tile's
colour says its state; the panel offers only what fits the chosen bed. Printing the occupancy
list or the roll-call is one click.

The board follows the other desks by itself (`ui.changes`): a change anywhere is read again on
the database worker (`ui.background`), as are another night and the section being opened, so the
window keeps answering ("Bezig…" after 300 ms) and the keyboard stays on its bed. After the desk's
own action the board reads at once, on the window's thread, and the keyboard goes back to the bed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QPoint, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.services.beds import (
    BedCell,
    BedState,
    EndedStay,
    FacilityBoard,
    Layout,
    StayReview,
    TurnawayView,
    bed_board,
    beds_kept_for_regulars,
    stays_left_unannounced,
    stays_to_review,
    turnaways_of_night,
)
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.background import BUSY_TEXT, BackgroundReader
from shelter_desk.ui.beds.acting import BedActions, NightActions
from shelter_desk.ui.beds.board_lists import BoardLists
from shelter_desk.ui.beds.side_panel import BED_ACTIONS, SidePanel, bed_menu
from shelter_desk.ui.beds.tiles import LEGEND, BoardView
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import pydate
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import HINT_STYLE

LEFT_LIST_DAYS = 30  # the coordinator's list of people who stopped coming reaches this far back


@dataclass(frozen=True)
class BoardRead:
    """What one refresh of the board read (on the database worker or the window's thread)."""

    night: date
    boards: list[FacilityBoard]
    kept: dict[int, str]
    turnaways: list[TurnawayView]
    reviews: list[StayReview]
    left: list[EndedStay]


def read_board(desk: Desk, night: date) -> BoardRead:
    """Everything the board shows for `night`, read through the services (any thread)."""
    return BoardRead(
        night,
        bed_board(desk, night),
        # Until the no-show hour a regular's bed of last night waits for him.
        beds_kept_for_regulars(desk, night),
        turnaways_of_night(desk, night),
        stays_to_review(desk, night),
        stays_left_unannounced(desk, night - timedelta(days=LEFT_LIST_DAYS)),
    )


def counters_text(board: FacilityBoard, overview: list[FacilityBoard] | None) -> str:
    """The counters beside the facility: of all facilities on the overview, else of the chosen one."""
    if overview is not None:
        return (
            f"Alle voorzieningen: vrij {sum(b.free for b in overview)} · bezet "
            f"{sum(b.occupied for b in overview)} · capaciteit {sum(b.capacity for b in overview)}"
        )
    return (
        f"Vrij {board.free} · Bezet {board.occupied} · Capaciteit {board.capacity} · "
        f"{board.kind.label}, {board.ages.describe()}"
        + (f" · ❄ winterregeling fase {board.winter_phase}" if board.winter_phase else "")
    )


class NightRow(QWidget):
    """ "Bedden", the night and its steps, and "Bezig…" or why the board could not follow."""

    stepped = Signal(object)  # the night the worker chose (a date)

    def __init__(self, tonight: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.night = date.min
        self.edit = QDateEdit()
        self.edit.setObjectName("nightEdit")
        self.edit.setDisplayFormat("dd-MM-yyyy")
        self.edit.setCalendarPopup(True)
        self.previous_button, self.today_button, self.next_button = (
            QPushButton(t) for t in ("◀ Vori&ge nacht", "Vannac&ht", "Vo&lgende nacht ▶")
        )
        # On the night's row, so that its appearing moves nothing the worker is about to click.
        self.busy_text = QLabel()
        self.busy_text.setObjectName("boardBusy")
        self.busy_text.setStyleSheet(HINT_STYLE)
        self.busy_text.setWordWrap(True)
        self.busy_text.hide()
        self.night_text = QLabel()  # the night in words, on a line of its own
        row = QHBoxLayout()
        row.addWidget(QLabel("<h2>Bedden</h2>"))
        for widget in (self.previous_button, self.edit, self.today_button, self.next_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.busy_text, 1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(row)
        rows.addWidget(self.night_text)
        self.previous_button.clicked.connect(lambda: self.stepped.emit(self.night - timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.stepped.emit(self.night + timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.stepped.emit(tonight()))
        self.edit.dateChanged.connect(lambda qdate: self.stepped.emit(pydate(qdate)))

    def show_night(self, night: date) -> None:
        self.night = night
        self.edit.blockSignals(True)
        self.edit.setDate(QDate(night.year, night.month, night.day))
        self.edit.blockSignals(False)
        self.night_text.setText(dutch_night(night).capitalize())

    def set_steps_enabled(self, enabled: bool) -> None:
        for widget in (self.previous_button, self.edit, self.today_button, self.next_button):
            widget.setEnabled(enabled)

    def say(self, text: str) -> None:
        """ "Bezig…" or why the board could not follow; "" hides it."""
        self.busy_text.setText(text)
        self.busy_text.setVisible(bool(text))


BOARD_KEYS = (
    ("Pijltjestoetsen", "Van bed naar bed op het bord, ook naar de volgende voorziening (het bed wordt gekozen)"),
    ("Enter op een bed", "De acties voor dat bed (de eerste staat klaar)"),
    ("Ctrl+P", "Bezettingslijst van deze nacht afdrukken (de laatst gebruikte printer staat klaar)"),
)


class FacilityRow(QWidget):
    """The chosen facility, "Alle voorzieningen samen" and the counters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facility = QComboBox()
        self.facility.setObjectName("facilityChoice")
        # Long facility names must not set the page's width on a small screen.
        self.facility.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.facility.setMinimumContentsLength(22)
        self.counters = QLabel()
        self.counters.setObjectName("boardCounters")
        self.counters.setWordWrap(True)
        self.all_facilities = QCheckBox("Alle voorzieningen &samen")
        self.all_facilities.setObjectName("allFacilities")
        self.all_facilities.setToolTip("Alle voorzieningen tegelijk op het bord, met kleinere tegels")
        self.all_facilities.setChecked(True)
        self.legend = QLabel(LEGEND)  # on its own row, under this one
        self.legend.setObjectName("boardLegend")
        self.legend.setStyleSheet("QLabel { color: #374151; }")
        self.legend.setWordWrap(True)  # on a narrow (scaled) screen it wraps instead of widening the page
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.facility, 1)
        row.addWidget(self.all_facilities)
        row.addWidget(self.counters)


class BedBoardPage(SectionPage):
    keys = BOARD_KEYS

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
        self._shown_read: BoardRead | None = None
        self.bed_menu: QMenu | None = None
        self.night_row = NightRow(desk.tonight)
        self.view = BoardView()
        self.lists = BoardLists()
        self.side_panel = SidePanel(desk)
        self.bed_actions = BedActions(self, desk, self)
        self.night_actions = NightActions(self, desk, self)
        body, left = QHBoxLayout(), QVBoxLayout()
        # Messages under the lists, board-wide: two lines, not seven, and no button of the panel moves.
        for part, stretch in ((self.view, 3), (self.lists, 1), (self.status_area(), 0)):
            left.addWidget(part, stretch)
        body.addLayout(left, 1)
        body.addWidget(self.side_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.night_row)
        facility_row = FacilityRow()
        self.facility, self.all_facilities = facility_row.facility, facility_row.all_facilities
        self.counters, self.legend = facility_row.counters, facility_row.legend
        layout.addWidget(facility_row)
        layout.addWidget(self.legend)
        layout.addLayout(body, 1)
        self._connect()
        self.reader = BackgroundReader(self)
        self.reader.busy.connect(lambda busy: self.night_row.say(BUSY_TEXT if busy else ""))
        # The first read too runs on the database worker: opening the section never waits for
        # the database. Until it arrives there is no night to step from and no bed to act on.
        self._set_current(False)
        self.night_row.set_steps_enabled(False)
        self.refresh_in_background()
        self.setFocusProxy(self.facility)
        # Other desks' reservations, check-ins and moves show without touching the board; a
        # hidden board reads nothing (it reads anew whenever it is shown).
        self.follower = follow(self, desk, self.refresh_in_background, refreshes_on_show=True)

    def _connect(self) -> None:
        self.night_row.stepped.connect(self.set_night)
        for key, handler in self.bed_actions.handlers().items():
            self.side_panel.bed_buttons[key].clicked.connect(handler)
        night = self.night_actions
        for name, handler in night.handlers().items():
            self.side_panel.night_buttons[name].clicked.connect(handler)
        lists = self.lists
        lists.give_button.clicked.connect(lambda: self.bed_actions.give_to(lists.chosen_turnaway()))
        lists.turned_away.record_activated.connect(lambda _record: self.bed_actions.give_to(lists.chosen_turnaway()))
        lists.correct_button.clicked.connect(lambda: night.correct_outflow(lists.chosen_ended_stay()))
        lists.reviews.record_activated.connect(lambda review: self.open_person(review.person_id))
        QShortcut(QKeySequence("Ctrl+P"), self, lambda: night.print_list_on_paper(Layout.OCCUPANCY))
        self.facility.currentIndexChanged.connect(lambda _i: self._facility_chosen())
        self.all_facilities.toggled.connect(lambda _on: self._show_facility())
        self.view.chosen.connect(self.select)
        self.view.opened.connect(self.open_bed_menu)
        self.view.tab_between(self.all_facilities, self.side_panel.bed_buttons[BED_ACTIONS[0][0]])

    # -- reading and showing --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Other sections and other desks change beds: show the board as it is now (read on the
        # database worker: opening the section never waits for the database).
        super().showEvent(event)
        self.refresh_in_background()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.view.needs_new_rows():
            QTimer.singleShot(0, self._show_facility)  # lay the tiles out again for the new width

    def set_night(self, night: date) -> None:
        if night == self.night:
            return
        self._show_night(night)
        self.refresh_in_background()  # another night: the window keeps answering meanwhile

    def _show_night(self, night: date) -> None:
        self.night = night
        self.clear_messages()
        self.night_row.show_night(night)

    def refresh(self) -> None:
        """Read and show the board now, on this thread (after the desk's own action)."""
        self.reader.forget()
        if self.shown_night is None and self.night == date.min:
            self._show_night(self._desk.tonight())
        self._show_read(read_board(self._desk, self.night))

    def refresh_in_background(self) -> None:
        """The same read as `refresh`, on the database worker: another desk changed something.

        The window keeps answering meanwhile ("Bezig…" after a moment); a read for a night no
        longer shown, or overtaken by a newer one, is dropped.
        """
        night = self.night if self.night != date.min else None  # None: tonight, first asked of the database
        self._set_current(night is not None and night == self.shown_night)

        def read() -> BoardRead:
            with self._desk.in_background():
                return read_board(self._desk, night if night is not None else self._desk.tonight())

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
        self.night_row.say(f"Niet bijgewerkt: {error.message}")
        self._set_current(self.night == self.shown_night)

    def _set_current(self, current: bool) -> None:
        """While the tiles show another night than the one chosen, no bed can be acted on."""
        self.view.host.setEnabled(current)
        self.side_panel.setEnabled(current)

    def _show_read(self, read: BoardRead, focus_bed: int | None = None) -> None:
        self.night_row.say("")
        self.shown_night = read.night
        self._set_current(True)
        self.night_row.set_steps_enabled(True)
        if read == self._shown_read:  # nothing changed: the tiles stay, and the keyboard on them
            self.view.focus_bed(focus_bed)
            return
        self._shown_read = read
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
        self._show_facility(focus_bed=focus_bed)
        self.lists.show_lists(read.turnaways, read.reviews, read.left)

    def _facility_chosen(self) -> None:
        """The worker chose a facility: its region becomes this desk's own (kept for this workstation)."""
        self.clear_messages()  # a refusal about another facility's bed no longer applies
        board = self.board()
        if board is not None:
            self._desk.region_id = board.region_id
            if self._remember_region is not None:
                self._remember_region(board.region_id)
        self._show_facility()
        first = self.view.tile_where(facility_id=self.facility.currentData())
        if first is not None:  # on the overview: bring the chosen facility into view
            self.view.ensureWidgetVisible(first.button)

    def board(self) -> FacilityBoard | None:
        facility_id = self.facility.currentData()
        return next((b for b in self.boards if b.facility_id == facility_id), None)

    def whole_region(self) -> bool:
        """The night's bulk actions act on the desk's whole region ("Alle voorzieningen samen")."""
        return self.all_facilities.isChecked()

    def _show_facility(self, *, focus_bed: int | None = None) -> None:
        """Lay out the tiles again; the chosen bed stays chosen, and the keyboard stays on its bed
        (a refresh after another desk's change must not take it away from the worker)."""
        selected_bed = self.selected.bed_id if self.selected else None
        focused = self.view.focused()
        focus_bed = focus_bed if focus_bed is not None else (focused.cell.bed_id if focused else None)
        board = self.board()
        self.selected = None
        if board is None:
            self.view.show_boards([], {}, False)
            self.counters.setText("Geen voorzieningen. Voeg ze toe onder Beheer.")
            self.side_panel.show_bed(None, None)
            return
        compact = self.all_facilities.isChecked()
        shown = self.boards if compact else [board]
        self.counters.setText(counters_text(board, self.boards if compact else None))
        self.view.show_boards(shown, self.kept, compact)
        chosen = self.view.tile_where(bed_id=selected_bed) if selected_bed is not None else None
        if chosen is not None:
            chosen.button.setChecked(True)
            self.selected = chosen.cell
        self.view.set_tab_stop(chosen or self.view.tile_where(facility_id=board.facility_id))
        self.view.focus_bed(focus_bed)
        self.side_panel.show_bed(self.selected, board)

    # -- the chosen bed -------------------------------------------------------------------------

    def select(self, cell: BedCell, facility_id: int | None = None) -> None:
        if facility_id is not None and facility_id != self.facility.currentData():
            # A bed of another facility on the overview: that facility becomes the chosen one.
            self.facility.blockSignals(True)
            self.facility.setCurrentIndex(self.facility.findData(facility_id))
            self.facility.blockSignals(False)
        self.selected = cell
        self.clear_messages()
        board = self.board()
        self.side_panel.show_bed(cell, board)

    def tile(self, label: str) -> QPushButton:
        """The tile of bed `label` in the chosen facility."""
        found = self.view.tile_where(facility_id=self.facility.currentData(), label=label)
        assert found is not None, f"no bed {label} in the chosen facility"
        return found.button

    def select_bed(self, label: str) -> None:
        """Choose bed `label` of the chosen facility, as a click on its tile does."""
        self.tile(label).click()

    def open_bed_menu(self, tile: QPushButton) -> QMenu:
        """The chosen bed's possible actions beside its tile, the first one ready for Enter.

        A free bed is offered first to tonight's named turnaways who have no bed yet (two keys:
        Enter on the tile, Enter on the name)."""
        free = self.selected is not None and self.selected.state is BedState.FREE
        gifts: list[tuple[str, Callable[[], object]]] = [
            (turnaway.who, partial(self.bed_actions.give_to, turnaway)) for turnaway in self.lists.waiting()
        ]
        self.bed_menu = bed_menu(self, gifts if free else [], self.side_panel.bed_buttons.values())
        self.bed_menu.popup(tile.mapToGlobal(QPoint(tile.width() // 2, tile.height() // 2)))
        first = next((action for action in self.bed_menu.actions() if action.isEnabled()), None)
        if first is not None:
            self.bed_menu.setActiveAction(first)
        return self.bed_menu

    def after_action(self) -> None:
        """The board as it is after the desk's own action, the keyboard back on the worker's bed."""
        self.reader.forget()
        self._show_read(read_board(self._desk, self.night), self.selected.bed_id if self.selected else None)
