"""The sign-in form itself, Qt only: it can show before the database layers are loaded.

Whoever shows it says how a name and password are checked (a callable giving the Dutch refusal,
or None when signed in): the lock screen on an open desk, or the start while the desk still opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shelter_desk.ui.styles import HINT_STYLE, error_label

Check = Callable[[str, str], "str | None"]  # (username, password) -> the refusal, None when signed in


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class SignInForm(QDialog):
    """Also the lock screen: the window behind keeps whatever was being typed."""

    def __init__(
        self,
        check: Check,
        parent: QWidget | None = None,
        *,
        hint: str = "",
        locked: bool = False,
        username: str = "",
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.setWindowTitle("Scherm vergrendeld — opnieuw aanmelden" if locked else "Aanmelden bij Shelter Desk")
        self.setMinimumWidth(480)  # wide enough for the wrapped hint lines
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = password_field("password")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("&Gebruikersnaam", self.username)
        form.addRow("&Wachtwoord", self.password)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("&Aanmelden", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.addButton("Stoppen" if not locked else "Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.attempt)
        buttons.rejected.connect(self.reject)
        self._layout = layout = QVBoxLayout(self)
        if locked:
            layout.addWidget(
                QLabel("Het scherm is vergrendeld na een tijd zonder activiteit. Wat u aan het doen was, staat er nog.")
            )
        self.hint = QLabel(hint)
        self.hint.setObjectName("signInHint")
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if self.username.text() else self.username).setFocus()

    def add_line(self, widget: QWidget) -> None:
        """A line of the form's own, above the buttons (where the refusals appear too)."""
        self._layout.insertWidget(self._layout.count() - 1, widget)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def attempt(self) -> None:
        self.error.hide()
        refused = self._check(self.username.text(), self.password.text())
        if refused is not None:
            self.error.setText(refused)
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
