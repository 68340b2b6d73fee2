"""The base of every section page: the desk, one status area (red refusal or plain confirmation),
one `attempt`, a `refresh` hook, saving printouts with an honest message, and opening dialogs.

A page's constructor reads as a table of contents: it calls one `_build_<box>()` per group box,
lays them out, and calls `_connect()` once (as qutebrowser's MainWindow and vorta's tabs do).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from shelter_desk.domain.roles import Permission
from shelter_desk.services.kernel import Desk
from shelter_desk.ui import dialog_parts, feedback, printing
from shelter_desk.ui.feedback import OpenFile, open_with_system
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.shared.records import record_window
from shelter_desk.ui.styles import NOTICE_STYLE, error_label

Done = str | Callable[[], str] | None


class SectionPage(QWidget):
    """A page of the main window working on one `Desk`."""

    # A confirmation or refusal for the main window's status bar, so the worker sees it anywhere.
    said = Signal(str)
    # This page's own keys (beyond Alt+letters), for the F1 overview: (key, what it does).
    keys: tuple[tuple[str, str], ...] = ()
    # How a printer is chosen: Qt's print dialog (tests put a PDF file "printer" in its place).
    choose_printer: printing.ChoosePrinter = staticmethod(printing.ask_printer)
    # Which printers this computer has (tests name one, or none).
    printers: Callable[[], list[str]] = staticmethod(printing.available_printers)

    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._open_file = open_file or open_with_system
        self.dialog: QDialog | None = None  # the dialog opened last, for the tests and for focus
        self.last_saved: Path | None = None
        self.error = error_label()
        self.notice = QLabel("")
        self.notice.setObjectName("pageNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self._gates: list[tuple[QWidget, Permission]] = []

    # -- roles ------------------------------------------------------------------------------------

    def gate(self, permission: Permission, *widgets: QWidget) -> None:
        """These controls need `permission`: disabled, with the reason on hover, for other roles."""
        self._gates.extend((widget, permission) for widget in widgets)

    def apply_role(self) -> None:
        """Show the signed-in worker's role on the controls (after sign-in or a switch of worker)."""
        for widget, permission in self._gates:
            gate(widget, self._desk, permission)

    def showEvent(self, event: QShowEvent) -> None:
        self.apply_role()
        super().showEvent(event)

    # -- the status area ------------------------------------------------------------------------

    def status_area(self) -> QWidget:
        """The red refusal line and the confirmation line, for the bottom of the page's layout."""
        area = QWidget()
        area.setObjectName("statusArea")
        layout = QVBoxLayout(area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        return area

    def tell(self, text: str) -> None:
        """Confirm what was done (and where a file went) in the page's status area."""
        self.error.hide()
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        if text:
            self.said.emit(text)

    def refuse(self, text: str) -> None:
        """Say in red why nothing happened."""
        self.notice.hide()
        self.error.setText(text)
        self.error.show()
        self.said.emit(text)

    def clear_messages(self) -> None:
        """The context changed (another bed, facility, record): old messages no longer apply."""
        self.error.hide()
        self.notice.hide()

    def attempt(
        self, action: Callable[[], object], *, then: Callable[[], object] | None = None, done: Done = None
    ) -> bool:
        """Run `action`; a refusal goes to the red line; on success run `then` and confirm `done`."""
        self.notice.hide()
        if not feedback.attempt(self.error, action):
            self.said.emit(self.error.text())
            return False
        if then is not None:
            then()
        if done is not None:
            self.tell(done if isinstance(done, str) else done())
        return True

    def refresh(self) -> None:
        """Show the data as they are now; each page fills this in."""

    # -- printouts and dialogs ------------------------------------------------------------------

    def save_and_open(self, name: str, make: Callable[[], bytes], what: str) -> Path | None:
        """Save `what` in the documents folder, open it, and say honestly whether it opened."""
        self.notice.hide()
        path = feedback.save_file(name, make, self.error)
        if path is None:
            self.said.emit(self.error.text())
            return None
        self.last_saved = path
        if feedback.opened(self._open_file(path)):
            self.tell(f"{what} opgeslagen en geopend: {path}")
        else:
            self.tell(f"{what} opgeslagen in {path}, maar openen lukte niet: open het bestand zelf.")
        return path

    def print_on_paper(self, make: Callable[[], bytes], what: str, name: str = "") -> Path | None:
        """Print `what` through the one print path (`printing.print_document`): saved first (as
        `name`, else a name made of `what`), then Qt's print dialog with this workstation's last
        printer, or the viewer without a printer; the status area says where it went, also when
        there is neither."""
        self.clear_messages()
        name = name or "".join(char if char.isalnum() else "-" for char in what.lower()).strip("-") + ".pdf"
        path = printing.print_document(
            self,
            name,
            make,
            what,
            say=self.tell,
            refuse=self.refuse,
            open_file=self._open_file,
            choose=self.choose_printer,
            printers=self.printers,
        )
        if path is not None:
            self.last_saved = path
        return path

    def show_dialog(self, dialog: QDialog, *, then: Callable[[], object] | None = None, done: Done = None) -> QDialog:
        """Open `dialog` window-modal; when accepted, run `then` (the page's refresh by default)
        and confirm `done` in the status area."""
        self.dialog = dialog
        self.clear_messages()
        dialog.accepted.connect(then or self.refresh)
        if done is not None:
            dialog.accepted.connect(lambda: self.tell(done if isinstance(done, str) else done()))
        dialog.open()
        return dialog

    def open_person(self, person_id: int) -> QDialog:
        """Open a person's record from a list on this page (act where you read)."""
        dialog = record_window(self._desk, person_id, self)
        dialog.changed.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    def confirm(self, title: str, question: str, yes: str) -> bool:
        """Ask once before something that cannot be taken back; `question` names what will happen."""
        return dialog_parts.confirm(self, title, question, yes)
