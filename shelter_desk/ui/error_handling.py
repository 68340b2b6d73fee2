"""What the user sees when something goes wrong, and the log a developer reads afterwards.

Expected refusals (DeskError) are shown as they are. Anything else gets a short Dutch dialog with
a reference number that also stands in the rotating log beside the traceback. The hook never
closes a window, so whatever the user was typing stays where it was.

A database that cannot be reached is never a dialog: the main window's offline banner says it
(the persistence layer records the outage as it classifies the error), and the hook only puts
the message in the status bar. Work that runs by itself (a timer) goes through `quietly`,
which logs what failed and opens nothing: a box nobody asked for steals the next key press.
"""

from __future__ import annotations

import logging
import secrets
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from shelter_desk.domain.errors import DatabaseUnreachable, DeskError

LOG = logging.getLogger("shelter_desk")
LOG_FILE_NAME = "shelter-desk.log"


class DeskLogHandler(RotatingFileHandler):
    """The rotating log file; a line that cannot be written (a full disk) is said once, not per line.

    logging's own handler prints a traceback to stderr for every line it could not write; on a
    full disk that is every line, and nobody at the desk reads stderr. The folder notice at start
    and the "schijf vol" refusals tell the user; here one Dutch line goes to stderr for support.
    """

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if not self.failed:
            self.failed = True
            print(
                f"Shelter Desk: het logboek {self.baseFilename} kan niet worden geschreven "
                f"({sys.exc_info()[1]}); verdere fouten hiermee worden niet gemeld.",
                file=sys.stderr,
            )

    def close(self) -> None:
        try:
            super().close()
        except OSError:  # the last lines could not be flushed to a full disk: the file is closed anyway
            pass


def configure_logging(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE_NAME
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in LOG.handlers):
        handler = DeskLogHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        LOG.addHandler(handler)
        LOG.setLevel(logging.INFO)
    return path


def new_reference() -> str:
    return f"SD-{datetime.now():%Y%m%d}-{secrets.token_hex(3).upper()}"


def show_error(parent: QWidget | None, text: str, title: str = "Shelter Desk") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()


def report_unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    """Log the traceback under a new reference and tell the user; return the reference."""
    if isinstance(error, DatabaseUnreachable):
        LOG.info("Niet uitgevoerd, database niet bereikbaar: %s", error.message)
        _in_status_bar(error.message)
        return ""
    if isinstance(error, DeskError):
        show_error(QApplication.activeWindow(), error.message)
        return ""
    reference = new_reference()
    LOG.error("Onverwachte fout %s\n%s", reference, "".join(traceback.format_exception(kind, error, trace)))
    show_error(
        QApplication.activeWindow(),
        "Er ging iets onverwachts mis. Wat u aan het invullen was, staat er nog.\n\n"
        f"Referentienummer: {reference}\n\n"
        "Noem dit nummer als u de fout meldt bij de beheerder.",
        title="Onverwachte fout",
    )
    return reference


def install_exception_hook() -> None:
    sys.excepthook = report_unexpected


def _in_status_bar(text: str) -> None:
    """The message in the status bar of the desk's main window (the offline banner says the rest)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            say = getattr(widget, "say", None)  # the desk's window shows it wrapped, never cut off
            if callable(say):
                say(text)
            else:
                widget.statusBar().showMessage(text, 20_000)


def quietly(what: str, action: Callable[[], object]) -> Callable[[], None]:
    """`action` for a timer: whatever it raises is logged under `what`, never shown in a dialog.

    An unreachable database is already the window's offline state; a refusal (signed out, locked)
    has nobody to read it; anything else is logged with a reference, as the hook would.
    """

    def run() -> None:
        try:
            action()
        except DatabaseUnreachable:
            LOG.debug("%s overgeslagen: database niet bereikbaar", what)
        except DeskError as refusal:
            LOG.info("%s niet gelukt: %s", what, refusal.message)
        except Exception:  # noqa: BLE001 - a background task must never open a dialog by itself
            LOG.exception("%s: onverwachte fout %s", what, new_reference())

    return run
