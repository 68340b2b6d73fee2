"""Merging a duplicate into the record that is open: find the other record, say why, confirm."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from shelter_desk.domain.errors import DeskError
from shelter_desk.services.kernel import Desk
from shelter_desk.services.people import merge_persons
from shelter_desk.ui.dialog_parts import fit_to_screen, ok_cancel
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import error_label


class MergeDialog(QDialog):
    merged = Signal(int)

    def __init__(self, desk: Desk, keep_id: int, keep_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._keep_id = desk, keep_id
        self.setWindowTitle(f"Samenvoegen met {keep_name}")
        fit_to_screen(self, 720, 460)
        explanation = QLabel(
            f"Zoek het dubbele record van <b>{keep_name}</b>. Verblijven, notities en beperkingen van dat "
            "record gaan naar dit record; lege velden hier worden aangevuld. De samenvoeging wordt "
            "vastgelegd en kan later ongedaan worden gemaakt."
        )
        explanation.setWordWrap(True)
        self.picker = PersonPicker(desk, exclude=keep_id)
        self.reason = QLineEdit()
        self.picker.chosen.connect(lambda _pid: self.reason.setFocus())
        self.reason.setObjectName("mergeReason")
        self.reason.setPlaceholderText("Reden, bijvoorbeeld: dubbel ingeschreven, zelfde BSN op ID-bewijs")
        self.error = error_label()
        buttons, self.merge_button = ok_cancel(self, "&Samenvoegen", self._merge)
        self.reason.returnPressed.connect(self._merge)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.picker.setFocus()

    def _merge(self) -> None:
        absorbed = self.picker.selected_person()
        if absorbed is None:
            self.error.setText("Kies eerst het dubbele record in de lijst.")
            self.error.show()
            return
        try:
            merge_id = merge_persons(self._desk, self._keep_id, absorbed, self.reason.text())
        except DeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.merged.emit(merge_id)
        self.accept()
