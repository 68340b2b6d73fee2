"""Pieces every desk dialog uses, built one way: the OK/Annuleren row and a Dutch date field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QPushButton


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


def ok_cancel(dialog: QDialog, ok_text: str, on_ok: Callable[[], object], cancel_text: str = "Annuleren",
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
