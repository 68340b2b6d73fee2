"""The panel beside the bed board: what can be done with the chosen bed, and with the whole night.

Only what fits the chosen bed is enabled; a control a role cannot use says why on hover. The
panel has a fixed width, so a message appearing in its status area never moves a button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import FeeStatus
from shelter_desk.services.beds import BedCell, BedState, FacilityBoard
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.beds.tiles import tile_tooltip
from shelter_desk.ui.permissions import gate

SIDE_PANEL_WIDTH = 250

# The chosen bed's actions: (key, button text), in the order of the panel and of the bed's menu.
BED_ACTIONS = (
    ("assign", "Persoon &toewijzen…"),
    ("check_in", "&Inchecken"),
    ("check_out", "&Uitchecken"),
    ("paid", "Bijdrage &betaald"),
    ("move", "&Verplaatsen…"),
    ("cancel", "&Reservering intrekken"),
    ("end_stay", "Verblijf b&eëindigen…"),
    ("open_overflow", "Extra bedden &openen…"),
    ("waiting_list", "Wachtli&jst…"),
)
# The night's lists, each as a PDF to keep or straight to a printer (Ctrl+P, then Enter: two keys).
PRINTED_LISTS = (
    ("printList", "Be&zettingslijst PDF", "printListPaper", "Af&drukken…", "Bezettingslijst afdrukken (Ctrl+P)"),
    ("printRollCall", "&Appèllijst PDF", "printRollCallPaper", "Afdru&kken…", "Appèllijst afdrukken"),
)
NIGHT_ACTIONS = (
    ("turnawayButton", "Geen bed: af&wijzing…"),
    ("releaseButton", "&No-shows vrijgeven"),
    ("undoReleaseButton", "Vrijgeven ongedaan &maken"),
)


def possible(cell: BedCell | None, by_decision: bool = False) -> dict[str, bool]:
    """Which of the bed's actions fit its state (and its facility: a place given by decision, such
    as the KDO or a trajectkamer, has a waiting list)."""
    state = cell.state if cell else None
    occupied = cell is not None and cell.person_id is not None
    return {
        "assign": state is BedState.FREE,
        "check_in": state is BedState.RESERVED,
        "check_out": state is BedState.CHECKED_IN,
        "paid": cell is not None and occupied and cell.fee is FeeStatus.OWED,
        "move": state in (BedState.RESERVED, BedState.CHECKED_IN),
        "cancel": state is BedState.RESERVED,
        "end_stay": occupied,
        "open_overflow": state is BedState.CLOSED,
        "waiting_list": cell is not None and by_decision,
    }


def bed_menu(parent: QWidget, gifts: list[tuple[str, Callable[[], object]]], buttons: Iterable[QPushButton]) -> QMenu:
    """The bed's menu: give it to one of tonight's turnaways (`gifts`: name and action), then the
    panel's enabled bed buttons."""
    menu = QMenu(parent)
    menu.setObjectName("bedMenu")
    for who, give in gifts:
        menu.addAction(f"Geven aan {who} (afgewezen)".replace("&", "&&"), give)
    for button in buttons:
        if button.isEnabled():
            menu.addAction(button.text(), button.click)
    if menu.isEmpty():
        menu.addAction("Niets te doen met dit bed").setEnabled(False)
    return menu


class SidePanel(QWidget):
    """The "Bed" box (the chosen bed and its actions) and "Deze nacht"."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setObjectName("sidePanel")
        self.setFixedWidth(SIDE_PANEL_WIDTH)  # a message appearing must not move the buttons
        self.selection_text = QLabel("Kies een bed.")
        self.selection_text.setWordWrap(True)
        self.bed_buttons: dict[str, QPushButton] = {}
        self.night_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_bed_box())
        layout.addWidget(self._build_night_box())
        layout.addStretch(1)

    def _build_bed_box(self) -> QGroupBox:
        box = QGroupBox("Bed")
        layout = QVBoxLayout(box)
        layout.addWidget(self.selection_text)
        for key, text in BED_ACTIONS:
            button = QPushButton(text)
            button.setObjectName(f"action_{key}")
            layout.addWidget(button)
            self.bed_buttons[key] = button
        return box

    def _build_night_box(self) -> QGroupBox:
        box = QGroupBox("Deze nacht")
        layout = QVBoxLayout(box)
        lists = QGridLayout()
        for row, (name, text, paper, paper_text, tip) in enumerate(PRINTED_LISTS):
            for column, (key, label) in enumerate(((name, text), (paper, paper_text))):
                button = QPushButton(label)
                button.setObjectName(key)
                if column:
                    button.setToolTip(tip)
                lists.addWidget(button, row, column)
                self.night_buttons[key] = button
        layout.addLayout(lists)
        for name, text in NIGHT_ACTIONS:
            button = QPushButton(text)
            button.setObjectName(name)
            layout.addWidget(button)
            self.night_buttons[name] = button
        return box

    def show_bed(self, cell: BedCell | None, board: FacilityBoard | None) -> None:
        """Enable what fits the chosen bed and describe it."""
        facility = board.name if board else ""
        enabled = possible(cell, board is not None and not board.kind.allocated_per_night)
        for key, button in self.bed_buttons.items():
            button.setEnabled(enabled[key])
        # Opening extra beds is a coordinator's decision: say so on the button, not after the click.
        gate(self.bed_buttons["open_overflow"], self._desk, Permission.DECIDE, enabled["open_overflow"])
        if cell is None:
            self.selection_text.setText("Kies een bed.")
        else:
            self.selection_text.setText((f"{facility}\n" if facility else "") + tile_tooltip(cell, False))
