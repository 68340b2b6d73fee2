"""Signing in at the desk, creating the first administrator, and the lock after idle time."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shelter_desk.domain.errors import DeskError
from shelter_desk.services.kernel import Desk
from shelter_desk.services.trust import create_first_administrator, sign_in
from shelter_desk.ui.styles import HINT_STYLE, error_label


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class SignInDialog(QDialog):
    """Also the lock screen: the window behind keeps whatever was being typed."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *, hint: str = "", locked: bool = False) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle("Scherm vergrendeld — opnieuw aanmelden" if locked else "Aanmelden bij Shelter Desk")
        self.setMinimumWidth(480)  # wide enough for the wrapped hint lines
        self.username = QLineEdit(desk.user.username if (locked and desk.user) else "")
        self.username.setObjectName("username")
        self.password = _password_field("password")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Gebruikersnaam", self.username)
        form.addRow("&Wachtwoord", self.password)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("&Aanmelden", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton("Stoppen" if not locked else "Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if locked:
            layout.addWidget(
                QLabel("Het scherm is vergrendeld na een tijd zonder activiteit. Wat u aan het doen was, staat er nog.")
            )
        if hint:
            note = QLabel(hint)
            note.setObjectName("signInHint")
            note.setStyleSheet(HINT_STYLE)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if self.username.text() else self.username).setFocus()

    def attempt(self) -> None:
        self.error.hide()
        try:
            sign_in(self._desk, self.username.text(), self.password.text())
        except DeskError as error:
            self.error.setText(error.message)
            self.error.show()
            self.password.clear()
            return
        self.accept()


class FirstAdministratorDialog(QDialog):
    """A new database has no accounts: whoever installs it becomes its first administrator."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle("Eerste beheerder aanmaken")
        self.setMinimumWidth(520)
        self.username, self.display_name = QLineEdit(), QLineEdit()
        self.username.setObjectName("username")
        self.display_name.setObjectName("displayName")
        self.password, self.repeated = _password_field("password"), _password_field("repeated")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Gebruikersnaam", self.username)
        form.addRow("&Naam", self.display_name)
        form.addRow("&Wachtwoord (min. 10 tekens)", self.password)
        form.addRow("&Herhaal wachtwoord", self.repeated)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("&Aanmaken en aanmelden", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton("Stoppen", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Deze database heeft nog geen gebruikers. Maak het account van de eerste beheerder; "
            "die maakt daarna de accounts van collega's aan onder Beheer."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def attempt(self) -> None:
        self.error.hide()
        try:
            create_first_administrator(
                self._desk, self.username.text(), self.display_name.text(), self.password.text(), self.repeated.text()
            )
        except DeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.accept()
