"""Opening a person's record from any page: the record window registers itself here.

The record (`ui.record.person_view`) composes panels of several features (plan, handover, card,
beds), so a feature's page cannot import it without the features importing each other. Pages ask
this module instead; the record registers its window when it is loaded, and the app registers an
opener that loads it when a record is first opened (the Balie takes keys without it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from shelter_desk.services.kernel import Desk


class RecordWindow(QDialog):
    """What a page may rely on of the record window: a dialog that says when it saved something."""

    changed = Signal()
    open_person = Signal(int)  # another person's record asked for from this one (a merge's other half)

    def record_consent(self) -> QDialog:
        """Open the consent dialog on the record (the list of consents ending renews from there)."""
        raise NotImplementedError

    def open_on(self, field: str) -> QDialog | None:
        """Bring the record's `field` to the front, to fix it (the data-quality list opens it there)."""
        raise NotImplementedError

    def show_plan(self) -> QWidget:
        """Bring the person's plan to the front (the plans list opens the record there); returns the plan's panel."""
        raise NotImplementedError


RecordOpener = Callable[[Desk, int, QWidget | None], RecordWindow]
_opener: list[RecordOpener] = []


def register_record_window(opener: RecordOpener) -> None:
    _opener[:] = [opener]


def record_window(desk: Desk, person_id: int, parent: QWidget | None) -> RecordWindow:
    """A new record window for `person_id`; the caller opens it."""
    if not _opener:
        raise RuntimeError("The person record is not loaded: import shelter_desk.ui.record first.")
    return _opener[0](desk, person_id, parent)
