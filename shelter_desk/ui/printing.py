"""Printing a printout on paper: Qt's print dialog with this workstation's last printer chosen,
each PDF page drawn at the printer's resolution (pypdfium2 renders the pages we made with reportlab)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

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
