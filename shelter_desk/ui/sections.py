"""The sections of the main window, with their shortcuts, and the page for a section still to come."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from shelter_desk.domain.roles import Permission


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    shortcut: str  # "" for a section reached from the list only
    purpose: str
    permission: Permission = Permission.DESK_WORK  # the least a worker needs to open it

    @property
    def caption(self) -> str:
        return f"{self.title}   ({self.shortcut})" if self.shortcut else self.title


SECTIONS: tuple[Section, ...] = (
    Section("balie", "Balie", "Ctrl+1", "Personen zoeken en inschrijven, een bed toewijzen, in- en uitchecken."),
    Section("bedden", "Bedden", "Ctrl+2", "Het beddenbord per nacht, verblijven, afwijzingen en de bezettingslijst."),
    Section(
        "winter", "Winterregeling", "Ctrl+3", "Gevoelstemperatuur, activering van de winterregeling en de extra bedden."
    ),
    Section("postadressen", "Postadressen", "Ctrl+4", "Postadressen, binnengekomen en opgehaalde post, en de brieven."),
    Section("overdrachten", "Overdrachten", "Ctrl+5", "Gemeente van herkomst, regiobinding en warme overdrachten."),
    Section(
        "rapportages", "Rapportages", "Ctrl+6", "In-, door- en uitstroomcijfers per maand en halfjaar, als PDF en CSV."
    ),
    Section(
        "beheer",
        "Beheer",
        "Ctrl+7",
        "Voorzieningen, bedden, gebruikers en organisatie-instellingen.",
        Permission.DECIDE,
    ),
    Section(
        "regio",
        "Regio vannacht",
        "Ctrl+8",
        "Vrije, bezette en gesloten bedden van elke voorziening in de regio, wie te bellen, "
        "een bed elders reserveren met verwijsbrief.",
    ),
    Section(
        "inloop",
        "Inloop",
        "Ctrl+9",
        "Dagopvang: bezoeken, diensten (maaltijd, douche, was...), kluisjes en de bezoekers van vandaag.",
    ),
    Section(
        "plannen",
        "Plannen",
        "Ctrl+0",
        "Persoonlijke plannen: evaluaties die aan de beurt zijn en wie nog geen plan heeft.",
    ),
)


class PlaceholderPage(QWidget):
    """Says plainly that a section is not built yet, and what it will hold."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>{section.title}</h2>")
        notice = QLabel(f"Dit onderdeel is nog niet gebouwd.<br><br>Hier komt straks: {section.purpose}")
        notice.setWordWrap(True)
        notice.setObjectName("placeholderNotice")
        layout.addWidget(title)
        layout.addWidget(notice)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
