"""The Winterregeling section: forecast → felt temperature and phase → activation, and its aftermath.

The duty coordinator types the forecast of the coming nights, or reads it from a saved weather
file and corrects it by hand; the screen computes each night's felt temperature and phase and
recommends; activation, extension and early end are decisions
recorded with a remark. Below: winter locations with tonight's watch, the winter night list, and
who is still in a winter place after the last winter night.

The page keeps the banner, the layout and the activation itself; the boxes are their own widgets:
the forecast (`forecast_box`), the decision (`decision_box`), the activations and season report
(`activations_box`), the winter locations (`locations_box`), tonight's street contacts
(`street_box`) and the leftovers (`leftovers_box`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.winter import ActivationTerms, WinterPhase
from shelter_desk.services.kernel import Desk
from shelter_desk.services.winter import activate_regions, regions
from shelter_desk.ui.dialog_parts import pydate
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import HINT_STYLE
from shelter_desk.ui.winter.activations_box import ActivationsBox
from shelter_desk.ui.winter.banner import winter_banner_text
from shelter_desk.ui.winter.decision_box import WinterDecisionBox
from shelter_desk.ui.winter.forecast_box import ForecastBox
from shelter_desk.ui.winter.leftovers_box import LeftoversBox
from shelter_desk.ui.winter.locations_box import WinterLocationsBox
from shelter_desk.ui.winter.street_box import StreetContactsBox

WINTER_BANNER_STYLE = "QLabel { background: #1e3a8a; color: white; padding: 6px; font-weight: bold; }"


class WinterPage(SectionPage):
    """The winter arrangement: from the forecast to the decision, and what follows from it."""

    changed = Signal()  # an activation changed: the main window refreshes its banner

    def __init__(
        self, desk: Desk, parent: QWidget | None = None, open_file: Callable[[Path], object] | None = None
    ) -> None:
        super().__init__(desk, parent, open_file)
        self.forecast = ForecastBox(self, desk)
        self.decision = WinterDecisionBox(desk)
        left, right = QVBoxLayout(), QVBoxLayout()
        self.activations = ActivationsBox(self, desk, self.forecast.region)
        self.locations = WinterLocationsBox(self, desk, self.forecast.region)
        self.street = StreetContactsBox(self, desk, self.forecast.region)
        self.leftovers = LeftoversBox(self, desk)
        # Two columns of about equal height, so the page fits a laptop with a message on screen.
        for shown in (self.forecast, self.decision, self.leftovers):
            left.addWidget(shown)
        left.addStretch(1)
        for placed in (self.activations, self.locations, self.street):
            right.addWidget(placed)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Winterregeling</h2>"))
        layout.addWidget(self._build_banner())
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())
        self._connect()
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _build_banner(self) -> QWidget:
        self.banner = QLabel()
        self.banner.setObjectName("winterStatus")
        self.banner.setWordWrap(True)
        hint = QLabel(
            "Drempels (gevoelstemperatuur) staan onder Beheer; standaard Drenthe: fase 1 onder −5 °C, "
            "fase 2 vanaf −10 °C."
        )
        hint.setStyleSheet(HINT_STYLE)
        hint.setWordWrap(True)
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(hint)
        return host

    def _connect(self) -> None:
        region = self.forecast.region
        region.currentIndexChanged.connect(lambda _i: self.decision.check_only(region.currentData()))
        self.forecast.recommends.connect(self.decision.propose)
        self.decision.activate_button.clicked.connect(self.activate)
        self.activations.changed.connect(self.changed)
        self.gate(
            Permission.DECIDE,
            self.decision.activate_button,
            self.activations.extend_button,
            self.activations.end_button,
            self.locations.add_button,
            self.decision.province_button,
        )
        self.gate(Permission.EXPORT, self.activations.season_button, self.activations.checked_season_button)

    # -- showing -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        tonight = self._desk.tonight()
        known = regions(self._desk)
        self.forecast.show_regions(known)
        self.decision.show_regions(known, self.forecast.region.currentData())
        self.forecast.show_nights(tonight)
        self.decision.keep_from(tonight)
        banner = winter_banner_text(self._desk)
        self.banner.setText(banner or "Vannacht geen winterregeling.")
        self.banner.setStyleSheet(WINTER_BANNER_STYLE if banner else HINT_STYLE)
        self.activations.show_activations(tonight)
        self.locations.show_locations()
        self.street.show_contacts()
        self.leftovers.show_leftovers(tonight)

    # -- deciding ------------------------------------------------------------------------------

    def activate(self) -> None:
        decision = self.decision
        first, last = pydate(decision.first_night.date()), pydate(decision.last_night.date())
        chosen = [a for a in self.forecast.assessed if first <= a.night <= last]
        terms = ActivationTerms(
            first,
            last,
            WinterPhase(decision.phase.currentData()),
            decision.remark.text(),
            max((a.temperature for a in chosen), default=None),
        )
        nights = f"{dutch_date(terms.first_night)} t/m {dutch_date(terms.last_night)}"
        codes = decision.ticked()
        if not codes:
            self.refuse("Vink minstens één regio aan.")
            return
        where = ", ".join(decision.region_checks[code].text() for code in codes)
        if not self.confirm(
            "Winterregeling activeren",
            f"Winterregeling {terms.phase.label} activeren voor {where}, "
            f"nachten {nights}?\n\nAlle balies gaan dan extra bedden openen, er wordt geen eigen "
            "bijdrage gevraagd en niemand wordt weggestuurd. Het besluit wordt vastgelegd; daarna "
            "kan het alleen nog verlengd of eerder beëindigd worden.",
            "Winterregeling &activeren",
        ):
            return
        if self.attempt(
            lambda: activate_regions(self._desk, codes, terms, chosen),
            then=self.refresh,
            done=f"Winterregeling {terms.phase.label} geactiveerd voor {where}: {nights}.",
        ):
            decision.remark.clear()
            self.changed.emit()
