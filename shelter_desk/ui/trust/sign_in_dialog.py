"""Signing in at the desk, creating the first administrator, and the lock after idle time."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shelter_desk.domain.errors import DeskError
from shelter_desk.services.kernel import Desk
from shelter_desk.services.trust import create_first_administrator, sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.styles import error_label
from shelter_desk.ui.trust.sign_in_form import SignInForm, password_field


class SignInDialog(SignInForm):
    """Signing in on an open desk (also the lock screen)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *, hint: str = "", locked: bool = False) -> None:
        super().__init__(
            self._sign_in,
            parent,
            hint=hint,
            locked=locked,
            username=desk.user.username if (locked and desk.user) else "",
        )
        self._desk = desk

    def _sign_in(self, username: str, password: str) -> str | None:
        try:
            sign_in(self._desk, username, password)
        except DeskError as error:
            return error.message
        return None


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
        self.password, self.repeated = password_field("password"), password_field("repeated")
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
        if feedback.attempt(
            self.error,
            lambda: create_first_administrator(
                self._desk, self.username.text(), self.display_name.text(), self.password.text(), self.repeated.text()
            ),
        ):
            self.accept()
