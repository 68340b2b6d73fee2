"""Printing a printout on paper: Qt's print dialog with this workstation's last printer chosen,
each PDF page drawn at the printer's resolution (pypdfium2 renders the pages we made with reportlab);
and `print_document`, the one print path every document takes (saved first, printed or opened,
and the worker told where it went)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from shelter_desk.domain.errors import DeskError
from shelter_desk.ui.feedback import OpenFile, open_with_system, opened, write_printout

LAST_PRINTER_KEY = "printing/last_printer"
# The most a page is rendered at: enough for any office printer, not a 1200 dpi memory hog.
MAX_DPI = 300

ChoosePrinter = Callable[[QPrinter, QWidget | None], bool]


def workstation_settings() -> QSettings:
    """This workstation's settings (organisation and application names are set at start-up)."""
    return QSettings()


def last_printer(settings: QSettings) -> str:
    value = settings.value(LAST_PRINTER_KEY, "")
    return value if isinstance(value, str) else ""


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """Qt's own print dialog (printer, copies, pages); False when the worker cancels."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Afdrukken")
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_pdf(
    data: bytes, title: str, parent: QWidget | None, settings: QSettings, choose: ChoosePrinter = ask_printer
) -> str | None:
    """Print `data` (a PDF) on the printer the worker chooses, starting from the last one used at
    this workstation; returns the printer's name, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    remembered = last_printer(settings)
    if remembered and remembered in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(remembered)
    if not choose(printer, parent):
        return None
    render_pages(data, printer)
    name = printer.printerName()
    if name:
        settings.setValue(LAST_PRINTER_KEY, name)
        settings.sync()
    return name or printer.outputFileName()


def render_pages(data: bytes, printer: QPrinter) -> int:
    """Draw every page of the PDF on `printer`, scaled to fit the printable area; returns the count."""
    import pypdfium2  # loads when something is printed, not at the start

    document = pypdfium2.PdfDocument(data)
    painter = QPainter(printer)
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for index in range(len(document)):
            if index:
                printer.newPage()
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
            )
            area = painter.viewport()
            fitted = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), fitted), image)
        return len(document)
    finally:
        painter.end()
        document.close()


# --- the one print path ----------------------------------------------------------------------------

Say = Callable[[str], None]


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def print_document(
    parent: QWidget | None,
    name: str,
    make: Callable[[], bytes],
    what: str,
    *,
    say: Say,
    refuse: Say,
    open_file: OpenFile = open_with_system,
    choose: ChoosePrinter = ask_printer,
    printers: Callable[[], list[str]] = available_printers,
    to_paper: bool = True,
) -> Path | None:
    """The one way every document reaches paper, and the worker always hears where it went.

    The PDF is made (a refusal goes to `refuse`) and first saved in the documents folder (or the
    fallback folder), so a copy exists whatever the printer does. With a printer on this computer,
    Qt's print dialog opens with this workstation's last printer chosen; the worker prints or
    cancels. Without one, the PDF opens in the system's viewer to print from there; with no viewer
    either, `say` names the folder and the file, in Dutch. Returns where the PDF was saved.
    `to_paper` False is "Opslaan als PDF": saved and opened, never the print dialog.
    """
    made: list[bytes] = []
    try:
        made.append(make())
        path = write_printout(name, made[0])
    except DeskError as refusal:
        refuse(refusal.message)
        return None
    if to_paper and printers():
        try:
            printer = print_pdf(made[0], what, parent, workstation_settings(), choose)
        except Exception as problem:  # a printer driver's failure must not lose the evening's work
            refuse(f"Afdrukken van {what.lower()} lukte niet ({problem}). De PDF staat in {path}: druk die af.")
            return path
        if printer is None:
            say(f"{what}: afdrukken geannuleerd. De PDF staat in {path}.")
        else:
            say(f"{what} afgedrukt op {printer}. De PDF staat ook in {path}.")
        return path
    if not to_paper:
        shown = opened(open_file(path))
        say(f"{what} opgeslagen als PDF in {path}" + ("." if shown else "; openen lukte niet: open het bestand zelf."))
    elif opened(open_file(path)):
        say(f"Geen printer gevonden: {what} is geopend in het PDF-programma om af te drukken. Opgeslagen in {path}.")
    else:
        say(
            f"Er is op deze computer geen printer en geen programma om PDF's te openen. {what} is opgeslagen in "
            f"de map {path.parent} als {path.name}: open of kopieer het bestand daar om het af te drukken."
        )
    return path
