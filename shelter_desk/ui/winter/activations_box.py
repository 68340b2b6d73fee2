"""The winter page's activations: each region's activation with its history, extending or ending
one or several at once, and the season report (also checked against KNMI observations)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.winter import (
    activations,
    end_early,
    end_several,
    extend,
    extend_several,
    season_report_pdf,
    winter_season,
)
from shelter_desk.ui.dialog_parts import date_edit, pydate, qdate
from shelter_desk.ui.section_page import SectionPage


class ActivationsBox(QGroupBox):
    """ "Activeringen en hun geschiedenis", for the region the page has chosen."""

    changed = Signal()  # an activation was extended or ended

    def __init__(self, page: SectionPage, desk: Desk, region: QComboBox) -> None:
        super().__init__("Activeringen en hun geschiedenis")
        self._page, self._desk, self._region = page, desk, region
        self.list = QListWidget()
        self.list.setObjectName("activationList")
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setToolTip("Ctrl+klik: meerdere regio's tegelijk verlengen of beëindigen")
        self.list.setMaximumHeight(150)
        self.change_night = date_edit(desk.tonight())
        self.extend_button, self.end_button = QPushButton("&Verlengen tot en met"), QPushButton("Beëindigen &na")
        self.extend_button.setObjectName("extendButton")
        self.end_button.setObjectName("endButton")
        self.season_button = QPushButton("&Seizoensrapport (PDF)")
        self.season_button.setObjectName("printSeasonReport")
        self.paper_season_button = QPushButton("Seizoensrapport af&drukken…")
        self.paper_season_button.setObjectName("paperSeasonReport")
        self.checked_season_button = QPushButton("Seizoensrapport met KNMI-&waarnemingen…")
        self.checked_season_button.setObjectName("printCheckedSeasonReport")
        self.checked_season_button.setToolTip(
            "Kies KNMI-daggegevens (etmgeg) van een station in de regio: het rapport zet per nacht het besluit "
            "en de verwachting naast het gemeten weer"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.change_night)
        row.addWidget(self.extend_button)
        row.addWidget(self.end_button)
        layout.addLayout(row)
        seasons = QHBoxLayout()
        seasons.addWidget(self.season_button)
        seasons.addWidget(self.paper_season_button)
        seasons.addWidget(self.checked_season_button)
        layout.addLayout(seasons)
        self.extend_button.clicked.connect(lambda: self.change(extend))
        self.end_button.clicked.connect(lambda: self.change(end_early))
        self.season_button.clicked.connect(lambda: self.print_season_report())
        self.paper_season_button.clicked.connect(lambda: self.print_season_report(on_paper=True))
        self.checked_season_button.clicked.connect(self.choose_observed_file)

    def show_activations(self, tonight: date) -> None:
        if pydate(self.change_night.date()) < tonight:
            self.change_night.setDate(qdate(tonight))
        self.list.clear()
        for view in activations(self._desk):
            entry = QListWidgetItem(
                f"{view.region}: {dutch_date(view.first_night)} t/m {dutch_date(view.last_night)}, "
                f"{view.phase.label}"
                + (f" — {view.remark}" if view.remark else "")
                + "".join(f"\n    · {line}" for line in view.history)
            )
            entry.setData(Qt.ItemDataRole.UserRole, view.activation_id)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(0)

    def change(self, action: Callable[[Desk, int, date], None]) -> None:
        """Extend or end the chosen activation, or several (one per region) in one act."""
        items = self.list.selectedItems()
        if not items:
            self._page.refuse("Kies eerst een activering in de lijst.")
            return
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in items]
        night = pydate(self.change_night.date())
        which = "Activering" if len(ids) == 1 else f"{len(ids)} activeringen"
        done = (
            f"{which} verlengd tot en met {dutch_date(night)}."
            if action is extend
            else f"{which} beëindigd na {dutch_date(night)}."
        )
        if action is end_early and not self._page.confirm(
            "Winterregeling eerder beëindigen",
            "\n".join(item.text().splitlines()[0] for item in items)
            + f"\n\nDe winterregeling stopt na de nacht van {dutch_date(night)}; de extra bedden sluiten daarna.",
            "&Beëindigen",
        ):
            return
        several = extend_several if action is extend else end_several
        if self._page.attempt(
            lambda: action(self._desk, ids[0], night) if len(ids) == 1 else several(self._desk, ids, night),
            then=self._page.refresh,
            done=done,
        ):
            self.changed.emit()

    def print_season_report(self, observed: Path | None = None, on_paper: bool = False) -> Path | None:
        """The season around tonight (1 October to 30 April) for the chosen region; with a KNMI
        file, each night's decision and forecast checked against the weather measured. Saved and
        opened, or `on_paper` through the one print path."""
        first, last = winter_season(self._desk.tonight())

        def make() -> bytes:
            data = None
            if observed is not None:
                try:
                    data = observed.read_bytes()
                except OSError as error:
                    raise DeskError(f"Kan '{observed.name}' niet lezen: {error.strerror}.") from error
            name = observed.name if observed is not None else ""
            return season_report_pdf(self._desk, self._region.currentData(), first, last, data, name)

        name = f"seizoensrapport-winter-{first.year}-{last.year}" + ("-gecontroleerd" if observed else "") + ".pdf"
        what = "Seizoensrapport" + (" met KNMI-waarnemingen" if observed else "")
        if on_paper:
            return self._page.print_on_paper(make, what, name)
        return self._page.save_and_open(name, make, what)

    def choose_observed_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "KNMI-daggegevens kiezen", "", "KNMI-daggegevens (*.txt *.csv);;Alle bestanden (*)"
        )
        if name:
            self.print_season_report(Path(name))
