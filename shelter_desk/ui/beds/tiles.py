"""The bed board's view: one tile per bed, its colour the bed's state, walked with the arrow keys.

The tiles of every facility stand in one grid (the overview) or those of the chosen facility
only. One tile is in the Tab chain; the arrows go from there, over the facility headers into the
next facility, and choose the bed they land on. Enter on a tile asks the page for the bed's menu.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QLabel, QPushButton, QScrollArea, QWidget

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.stays import FeeStatus, StayFlag, format_euros
from shelter_desk.services.beds import BedCell, BedState, FacilityBoard

TILE_COLOURS = {
    BedState.FREE: "#dcfce7",
    BedState.RESERVED: "#fef9c3",
    BedState.CHECKED_IN: "#bfdbfe",
    BedState.CHECKED_OUT: "#e5e7eb",
    BedState.CLOSED: "#f3f4f6",
}
TILES_PER_ROW = 4
COMPACT_TILES_PER_ROW = 5
COMPACT_NAME = 20  # characters of a name on a compact tile; the full name is in its tooltip

# One marker per fact, so a safety ban never looks like a medical note (the legend explains them).
SAFETY_BAN, RESTRICTION, MEDICAL, OVER_MAXIMUM, FEE_OPEN, WINTER_PLACE = "✖", "⚠", "✚", "▲", "€", "❄"
KEEP_APART = "⇹"
LEGEND = (
    f"{SAFETY_BAN} veiligheidsbeperking   {RESTRICTION} andere beperking   {MEDICAL} medisch/aandacht   "
    f"{OVER_MAXIMUM} over maximum   {FEE_OPEN} bijdrage open   {WINTER_PLACE} winterplek   "
    f"{KEEP_APART} uit elkaar houden"
)


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
class Tile:
    """One tile on the grid: its button, its bed, its facility, and where it stands (headers not counted)."""

    button: QPushButton
    cell: BedCell
    facility_id: int
    row: int
    column: int


class BoardView(QScrollArea):
    """The tiles of one night, in a scroll area; says which bed the worker reached and when he pressed Enter."""

    chosen = Signal(object, int)  # (BedCell, facility_id): a tile clicked or reached by an arrow
    opened = Signal(QPushButton)  # Enter on a tile: the page opens the bed's actions beside it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = QWidget()
        self.grid = QGridLayout(self.host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        self.setWidgetResizable(True)
        self.setWidget(self.host)
        self.tiles: list[Tile] = []
        self.per_row = TILES_PER_ROW
        self.compact = False
        self._tab_between: tuple[QWidget, QWidget] | None = None

    def tab_between(self, before: QWidget, after: QWidget) -> None:
        """The board's one tab stop stands between these two controls."""
        self._tab_between = (before, after)

    def show_boards(self, shown: list[FacilityBoard], kept: dict[int, str], compact: bool) -> None:
        """Lay out the tiles of `shown` (with a header per facility on the overview)."""
        self._clear()
        self.compact = compact
        per_row = self.per_row = self.tiles_per_row(compact)
        row = tile_row = 0
        for board in shown:
            if compact:
                header = QLabel(
                    f"<b>{html.escape(board.name)}</b> — {board.free} vrij van {board.capacity}"
                    + (f" · ❄ winterregeling fase {board.winter_phase}" if board.winter_phase else "")
                )
                self.grid.addWidget(header, row, 0, 1, per_row)
                row += 1
            for position, cell in enumerate(board.beds):
                button = self._button(board, cell, compact, kept.get(cell.bed_id, ""))
                self.grid.addWidget(button, row + position // per_row, position % per_row)
                self.tiles.append(
                    Tile(button, cell, board.facility_id, tile_row + position // per_row, position % per_row)
                )
                # Shown now, not at the next turn of the event loop: a Tab pressed in between (a
                # refresh after another desk's change) must land on the board's tab stop.
                button.show()
            rows = (len(board.beds) + per_row - 1) // per_row
            row += rows
            tile_row += rows

    def _clear(self) -> None:
        """Take the old tiles and headers off the board now (deleted at the next turn of the event
        loop): until then nothing that looks for the board's buttons finds a tile that is going."""
        for button in self.buttons.buttons():
            self.buttons.removeButton(button)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.tiles.clear()

    def _button(self, board: FacilityBoard, cell: BedCell, compact: bool, kept_for: str) -> QPushButton:
        winter_place = bool(board.winter_phase and (cell.is_overflow or board.kind is FacilityKind.WINTER))
        # "&&": an ampersand in a name is text, not an Alt+letter.
        button = QPushButton(tile_text(cell, winter_place, compact, kept_for).replace("&", "&&"))
        button.setToolTip(tile_tooltip(cell, winter_place))
        button.installEventFilter(self)
        button.setObjectName(f"bed_{cell.label}")
        button.setCheckable(True)
        button.setMinimumSize(*((150, 62) if compact else (170, 96)))
        button.setStyleSheet(
            f"QPushButton {{ background: {TILE_COLOURS[cell.state]}; text-align: left; "
            f"padding: 4px; border: {tile_border(cell)}; }} "
            "QPushButton:checked { border: 3px solid #1d4ed8; }"
        )
        button.clicked.connect(lambda _checked=False, c=cell, f=board.facility_id: self.chosen.emit(c, f))
        self.buttons.addButton(button)
        return button

    def tiles_per_row(self, compact: bool) -> int:
        """As many tiles per row as the board's width holds (fewer on a small or scaled screen)."""
        most = COMPACT_TILES_PER_ROW if compact else TILES_PER_ROW
        tile_width = (150 if compact else 170) + self.grid.horizontalSpacing() + 2
        room = self.viewport().width() - 2 * self.grid.contentsMargins().left()
        return max(2, min(most, room // tile_width)) if room > 0 else most

    def needs_new_rows(self) -> bool:
        """The width changed so that another number of tiles fits on a row."""
        return bool(self.tiles) and self.tiles_per_row(self.compact) != self.per_row

    # -- finding tiles ----------------------------------------------------------------------------

    def tile_where(
        self, *, bed_id: int | None = None, facility_id: int | None = None, label: str | None = None
    ) -> Tile | None:
        """The first tile matching every given fact."""
        return next(
            (
                tile
                for tile in self.tiles
                if (bed_id is None or tile.cell.bed_id == bed_id)
                and (facility_id is None or tile.facility_id == facility_id)
                and (label is None or tile.cell.label == label)
            ),
            None,
        )

    def focused(self) -> Tile | None:
        """The tile that has the keyboard in its window (also while another window is active)."""
        focus = self.window().focusWidget()
        return next((tile for tile in self.tiles if tile.button is focus), None)

    def set_tab_stop(self, tile: Tile | None) -> None:
        """One tile is in the Tab chain (right after the facility row, before the bed's actions);
        the arrow keys go from there, so Tab never walks through every bed."""
        for other in self.tiles:
            policy = Qt.FocusPolicy.StrongFocus if other is tile else Qt.FocusPolicy.ClickFocus
            other.button.setFocusPolicy(policy)
        if tile is not None and self._tab_between is not None:
            before, after = self._tab_between
            QWidget.setTabOrder(before, tile.button)
            QWidget.setTabOrder(tile.button, after)

    def focus_bed(self, bed_id: int | None) -> None:
        """The keyboard on the tile of bed `bed_id` (when it is on the board)."""
        tile = self.tile_where(bed_id=bed_id) if bed_id is not None else None
        if tile is not None:
            self.set_tab_stop(tile)
            tile.button.setFocus(Qt.FocusReason.OtherFocusReason)

    def reach(self, tile: Tile) -> None:
        """Put the keyboard on `tile` and choose its bed."""
        self.set_tab_stop(tile)
        tile.button.setFocus(Qt.FocusReason.TabFocusReason)
        tile.button.setChecked(True)
        self.ensureWidgetVisible(tile.button)
        self.chosen.emit(tile.cell, tile.facility_id)

    # -- the keyboard -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys move over the tiles (and choose the bed); Enter opens the bed's actions."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        here = next((tile for tile in self.tiles if tile.button is watched), None)
        if here is None:
            return False
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            target = self._neighbour(here, key)
            if target is not None:
                self.reach(target)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            here.button.setChecked(True)
            self.chosen.emit(here.cell, here.facility_id)
            self.opened.emit(here.button)
            return True
        return False

    def _neighbour(self, here: Tile, key: Qt.Key) -> Tile | None:
        """The tile an arrow leads to: left and right in reading order (into the next facility at the
        end of one), up and down to the row above or below, the nearest tile if that row is shorter."""
        index = self.tiles.index(here)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            target = index + (1 if key is Qt.Key.Key_Right else -1)
            return self.tiles[target] if 0 <= target < len(self.tiles) else None
        row = here.row + (1 if key is Qt.Key.Key_Down else -1)
        in_row = [tile for tile in self.tiles if tile.row == row]
        if not in_row:
            return None
        return min(in_row, key=lambda tile: abs(tile.column - here.column))
