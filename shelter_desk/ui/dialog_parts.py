"""Pieces every desk dialog uses, built one way: the OK/Annuleren row, a Dutch date field, a size
that fits the screen, long names shortened for a line with the full name on hover, and the one
question asked before something that cannot be taken back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# Room left for the window frame and the taskbar around a dialog.
SCREEN_MARGIN = 40


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    """The Python date of a QDate (typed, unlike QDate.toPython)."""
    return date(day.year(), day.month(), day.day())


def date_edit(day: date) -> QDateEdit:
    """A dd-MM-yyyy field with a calendar popup."""
    edit = QDateEdit(qdate(day))
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    return edit


def form_dialog(
    dialog: QDialog, form: QFormLayout, error: QLabel, ok_text: str, on_ok: Callable[[], object]
) -> QPushButton:
    """Lay `dialog` out as a form, its Dutch error line and the button row; returns the OK button."""
    buttons, ok = ok_cancel(dialog, ok_text, on_ok)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return ok


def ok_cancel(
    dialog: QDialog,
    ok_text: str,
    on_ok: Callable[[], object],
    cancel_text: str = "Annuleren",
) -> tuple[QDialogButtonBox, QPushButton]:
    """The button row: Enter presses `ok_text` (named okButton for tests), Escape cancels."""
    box = QDialogButtonBox()
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setObjectName("okButton")
    ok.setDefault(True)
    box.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(on_ok)
    box.rejected.connect(dialog.reject)
    return box, ok


def fit_to_screen(dialog: QWidget, width: int, height: int) -> None:
    """Resize to `width`×`height`, or to what the screen offers (a 1366×768 laptop at 150 %)."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - SCREEN_MARGIN), min(height, room.height() - SCREEN_MARGIN)
    dialog.resize(width, height)


def elided(label: QLabel, text: str, width: int) -> str:
    """`text` shortened with … to `width` pixels in `label`'s font; the full text goes in its tooltip."""
    short = QFontMetrics(label.font()).elidedText(text, Qt.TextElideMode.ElideRight, width)
    label.setToolTip(text if short != text else "")
    return short


def search_field(name: str, placeholder: str) -> QLineEdit:
    """The filter line above a list: a hint of what it searches, and a button to clear it."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    return field


def confirm(parent: QWidget, title: str, question: str, yes: str) -> bool:
    """Ask once before something that cannot be taken back; `question` names what will happen."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stop)  # Enter by habit must not do the irreversible thing
    box.setEscapeButton(stop)
    box.exec()
    return box.clickedButton() is go
