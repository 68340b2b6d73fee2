"""What Regio vannacht shows: one row per facility tonight (the facility itself behind the row).

Narrow on purpose: the page stands beside the Balie on half a laptop screen, so the address and
phone are not columns but the chosen facility's line under the table (and the row's tooltip).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.services.beds import FacilityTonight
from shelter_desk.ui.styles import HINT_STYLE

COLUMNS = ("Voorziening", "Regio", "Leeftijd", "Vrij", "Vast", "Bezet", "Dicht", "Winter")
NUMBERS = ("Vrij", "Vast", "Bezet", "Dicht")
# What a short header means, on hover.
HEADER_TIPS = {
    "Vast": "Vrije bedden die tot het no-show-uur vastgehouden worden voor vaste gasten (niet te reserveren)",
    "Dicht": "Extra bedden en winterplekken die vannacht niet open zijn",
}
FREE_COLOUR = QColor("#dcfce7")  # the free tile's colour on the bed board

Index = QModelIndex | QPersistentModelIndex


def winter_text(facility: FacilityTonight) -> str:
    if not facility.winter_places:
        return "—"
    state = f"open (fase {facility.winter_phase})" if facility.winter_phase else "dicht"
    return f"{facility.winter_places} {state}"


def where_text(facility: FacilityTonight) -> str:
    """Kind, ages, address and phone of a facility, for the line under the table."""
    return (
        f"{facility.name} — {facility.kind.label}, {facility.ages.describe()}\n"
        f"{facility.address or 'adres onbekend'} · tel. {facility.phone or 'onbekend'}"
    )


def cells(facility: FacilityTonight) -> tuple[str, ...]:
    return (
        facility.name,
        facility.region,
        facility.ages.describe(),
        str(facility.free),
        # Kept beds are not free: a regular of last night is still expected until the no-show hour.
        str(facility.kept) if facility.kept else "",
        str(facility.taken),
        str(facility.closed),
        winter_text(facility),
    )


class RegionTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._facilities: list[FacilityTonight] = []

    def show(self, facilities: Sequence[FacilityTonight]) -> None:
        self.beginResetModel()
        self._facilities = list(facilities)
        self.endResetModel()

    def facility(self, row: int) -> FacilityTonight | None:
        return self._facilities[row] if 0 <= row < len(self._facilities) else None

    def row_of(self, facility_id: int | None) -> int:
        return next((row for row, f in enumerate(self._facilities) if f.facility_id == facility_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._facilities)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        facility = self.facility(index.row()) if index.isValid() else None
        if facility is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells(facility)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return where_text(facility)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == "Vrij" and facility.free:
            return FREE_COLOUR
        return None


class RegionView(QWidget):
    """What Regio vannacht shows: the night, the region (a choice for whoever may switch), the
    table, the chosen facility's address, the buttons and totals, and the page's status area."""

    def __init__(self, status_area: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._build_title_row())
        layout.addLayout(self._build_scope_row())
        layout.addWidget(self.status)
        layout.addWidget(self._build_table(), 1)
        layout.addWidget(self.where)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self.totals)
        layout.addWidget(status_area)
        layout.addWidget(self._build_hint())

    def _build_title_row(self) -> QHBoxLayout:
        self.title = QLabel("<h2>Regio vannacht</h2>")
        self.night_text = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addWidget(self.night_text, 1)
        return row

    def _build_scope_row(self) -> QHBoxLayout:
        """The region shown: a name for the front desk; a choice (Alt+G) for whoever may switch."""
        self.scope = QComboBox()
        self.scope.setObjectName("regionScope")
        self.scope.setToolTip("Coördinatoren en beheerders kunnen andere regio's of alle regio's bekijken.")
        self.scope_text = QLabel()
        self.scope_text.setObjectName("regionScopeText")
        self.scope_text.setBuddy(self.scope)
        self.make_home = QPushButton("Regio van deze balie maken")
        self.make_home.setObjectName("makeHomeRegion")
        self.status = QLabel()
        self.status.setObjectName("regionStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.scope_text)
        row.addWidget(self.scope, 1)
        row.addWidget(self.make_home)
        return row

    def _build_table(self) -> QTableView:
        self.model = RegionTableModel()
        self.table = QTableView()
        self.table.setObjectName("regionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The name takes what is left (shortened with "…", whole in the tooltip): never sideways scrolling.
        header.setSectionResizeMode(COLUMNS.index("Voorziening"), QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.where = QLabel()
        self.where.setObjectName("regionWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self.table

    def _build_buttons(self) -> QHBoxLayout:
        self.reserve_button = QPushButton("Vrij bed &reserveren…  (Ctrl+R)")
        self.reserve_button.setObjectName("reserveElsewhere")
        self.roll_call_button = QPushButton("&Appèllijst (PDF)")
        self.roll_call_button.setObjectName("regionRollCall")
        self.roll_call_button.setToolTip("Zonder verbinding met de database: uit de laatste lokale kopie.")
        self.totals = QLabel()
        self.totals.setObjectName("regionTotals")
        self.totals.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reserve_button)
        buttons.addWidget(self.roll_call_button)
        buttons.addStretch(1)
        return buttons

    def _build_hint(self) -> QLabel:
        hint = QLabel(
            "Kies een voorziening met pijltjes; Enter of Ctrl+R reserveert daar een vrij bed voor de "
            "persoon aan de balie, met dezelfde regels als bij de eigen balie. Deze lijst volgt andere "
            "balies vanzelf."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        return hint
