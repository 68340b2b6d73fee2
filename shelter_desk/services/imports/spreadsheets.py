"""Reading a shelter's spreadsheet: CSV in whatever encoding and separator it came in, or XLSX.

CSV: a UTF-8 byte order mark means UTF-8 (Excel's "CSV UTF-8"); text that is valid UTF-8 is
UTF-8; anything else is Windows-1252 (Excel's plain "CSV" on a Dutch Windows PC, where 'é' is
one byte 0xE9, which is never valid UTF-8 on its own). The separator is the one of `;`, `,` and
tab that the header line holds most (Dutch Excel writes `;`). XLSX is read with openpyxl, first
sheet, values only: a date cell becomes its date, a whole number its digits.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook, load_workbook

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.spreadsheet_import import COLUMNS, TEMPLATE_EXAMPLE, ImportKind

MAX_ROWS = 20000
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, the cells)
    encoding: str  # "UTF-8", "UTF-8 met BOM", "Windows-1252" or "XLSX"


def read_table(data: bytes, filename: str) -> Table:
    """The header and the rows of the file; a file that is neither CSV nor XLSX is refused in Dutch."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    text, encoding = decode_csv(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise DeskError("Het bestand is leeg of heeft geen kopregel met kolomnamen.")
    separator = max((";", ",", "\t"), key=lines[0].count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    return _table(rows, encoding)


def decode_csv(data: bytes) -> tuple[str, str]:
    if data.startswith(_BOM):
        return data[len(_BOM) :].decode("utf-8", errors="replace"), "UTF-8 met BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _read_xlsx(data: bytes) -> Table:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DeskError("Dit Excel-bestand is niet te lezen (beschadigd of geen .xlsx).") from None
    sheet = book.worksheets[0]
    rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return _table(rows, "XLSX")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(rows: list[list[str]], encoding: str) -> Table:
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DeskError("Het bestand is leeg of heeft geen kopregel met kolomnamen.")
    if len(rows) > MAX_ROWS + 1:
        raise DeskError(f"Het bestand heeft {len(rows) - 1} rijen; lees er hoogstens {MAX_ROWS} tegelijk in.")
    headers = [cell.strip() for cell in rows[0]]
    body = [(number, cells) for number, cells in enumerate(rows[1:], start=2) if any(c.strip() for c in cells)]
    return Table(headers, body, encoding)


def import_template(kind: ImportKind, xlsx: bool = False) -> bytes:
    """An empty list to fill in: the columns of `kind` with one example row (CSV with `;`, UTF-8 BOM)."""
    fields = [column.field for column in COLUMNS[kind]]
    example = [TEMPLATE_EXAMPLE.get(field, "") for field in fields]
    if xlsx:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = kind.label
        sheet.append(fields)
        sheet.append(example)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerow(example)
    return _BOM + text.getvalue().encode("utf-8")
