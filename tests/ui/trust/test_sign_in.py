"""Signing in: a wrong password is explained and cleared; the right one opens the desk."""

from __future__ import annotations

from PySide6.QtCore import Qt

from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.trust.accounts import create_demo_accounts
from shelter_desk.ui.trust.sign_in_dialog import FirstAdministratorDialog, SignInDialog


def test_a_wrong_password_is_explained_and_the_field_cleared(qtbot, db):
    create_demo_accounts(db, "demo-wachtwoord")
    desk = Desk(db)
    dialog = SignInDialog(desk, hint="Demodatabase")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "balie")
    qtbot.keyClicks(dialog.password, "fout-fout-fout")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "klopt niet" in dialog.error.text() and dialog.password.text() == "" and desk.user is None
    qtbot.keyClicks(dialog.password, "demo-wachtwoord")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and desk.user.username == "balie"


def test_the_first_administrator_is_made_from_the_dialog(qtbot, db):
    desk = Desk(db)
    dialog = FirstAdministratorDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    for field, text in (
        (dialog.username, "anja"),
        (dialog.display_name, "Anja Meijer"),
        (dialog.password, "lang-genoeg-1"),
        (dialog.repeated, "lang-genoeg-2"),
    ):
        qtbot.keyClicks(field, text)
    qtbot.keyClick(dialog.repeated, Qt.Key.Key_Return)
    assert "niet gelijk" in dialog.error.text()
    dialog.repeated.clear()
    qtbot.keyClicks(dialog.repeated, "lang-genoeg-1")
    qtbot.keyClick(dialog.repeated, Qt.Key.Key_Return)
    assert desk.user is not None and desk.user.role.value == "beheerder"
