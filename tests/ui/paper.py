"""A printer for window tests: the print dialog answered with a PDF file standing in for the paper."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def print_to_file(widget: Any, paper: Path, printer_name: str = "Kantoor") -> None:
    """Make `widget`'s print path find one printer and print on `paper` (a PDF file) when asked."""

    def choose(printer: Any, parent: Any) -> bool:
        printer.setOutputFileName(str(paper))
        return True

    widget.choose_printer = choose
    widget.printers = lambda: [printer_name]
