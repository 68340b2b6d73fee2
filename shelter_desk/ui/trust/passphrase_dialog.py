"""Asking for the database's passphrase where the computer has no keyring (e.g. headless Linux)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shelter_desk.services.kernel import MIN_PASSPHRASE
from shelter_desk.ui.styles import error_label


class PassphraseDialog(QDialog):
    def __init__(self, is_new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._is_new = is_new
        self.setWindowTitle("Nieuwe versleutelde database" if is_new else "Database ontgrendelen")
        self.setMinimumWidth(520)
        self.passphrase, self.repeated = QLineEdit(), QLineEdit()
        for field, name in ((self.passphrase, "passphrase"), (self.repeated, "repeated")):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setObjectName(name)
        self.error = error_label()
        text = (
            "De database wordt versleuteld opgeslagen. Deze computer heeft geen sleutelbos: kies een "
            f"wachtwoordzin van minstens {MIN_PASSPHRASE} tekens. Zonder deze zin zijn de gegevens niet te lezen; "
            "bewaar hem veilig bij de beheerder."
            if is_new
            else "De database is versleuteld. Geef de wachtwoordzin van de database."
        )
        intro = QLabel(text)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Wachtwoordzin", self.passphrase)
        if is_new:
            form.addRow("&Herhaal", self.repeated)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("&Openen", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton("Stoppen", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def attempt(self) -> None:
        if self._is_new and len(self.passphrase.text()) < MIN_PASSPHRASE:
            self.error.setText(f"Kies een wachtwoordzin van minstens {MIN_PASSPHRASE} tekens.")
        elif self._is_new and self.repeated.text() != self.passphrase.text():
            self.error.setText("De twee wachtwoordzinnen zijn niet gelijk.")
        elif not self.passphrase.text():
            self.error.setText("Geef de wachtwoordzin.")
        else:
            self.accept()
            return
        self.error.show()


def ask_passphrase(is_new: bool) -> str | None:
    dialog = PassphraseDialog(is_new)
    return dialog.passphrase.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
