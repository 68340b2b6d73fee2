"""The transfers page's decision box: the coordinator's centre municipality and reasoning."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QPlainTextEdit, QPushButton

from shelter_desk.services.kernel import MunicipalityChoice


class DecisionBox(QGroupBox):
    """Which centre municipality the coordinator decides on, and why."""

    def __init__(self, municipalities: list[MunicipalityChoice]) -> None:
        super().__init__("Besluit van de coördinator")
        self.centre = QComboBox()
        self.centre.setObjectName("decisionCentre")
        for choice in municipalities:
            self.centre.addItem(choice.name, choice.code)
        self.reasoning = QPlainTextEdit()
        self.reasoning.setObjectName("reasoning")
        self.reasoning.setFixedHeight(60)
        self.button = QPushButton("&Besluiten")
        self.button.setObjectName("decideButton")
        form = QFormLayout(self)
        form.addRow("Centrumgemeente", self.centre)
        form.addRow("Afweging", self.reasoning)
        form.addRow("", self.button)
