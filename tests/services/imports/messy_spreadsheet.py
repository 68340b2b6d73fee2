"""A shelter's guest list as it is really kept: 500 rows, deterministic, and messy on purpose.

Names in one cell in both orders ("Jansen, Piet", "Piet van Dijk"), dates of birth in every shape
(03-04-1980, 3/4/1980, 1980-04-03, 03041980, a year alone, an Excel serial number), BSNs with
spaces and dots, municipality codes without their leading zero, accents (written as Windows-1252
or as UTF-8 with a byte order mark), and planted mistakes whose rows the import must refuse or
match. `python -m tests.services.imports.messy_spreadsheet FOLDER` writes the files.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

HEADERS = ["Naam", "Geb. datum", "BSN", "M/V", "Gemeente", "Tel"]
FIRST = (
    "Piet Jan Kees Henk Willem Gerrit Johan Bram Daan Sven Ömer Mohamed Youssef Tomasz Piotr José Ahmed Ruud "
    "Marco Dennis Erik Frank Hans Jeroen Karel Lars Maarten Niels Otto Paul Rob Stefan Thijs Vincent Wim "
    "Anna Chloë Fatima Ingrid Marieke Sanne Linda Petra Renée Yvonne Zoë Ilse Joke Greet"
).split()
LAST = (
    "Jansen|de Vries|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|"
    "van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs|"
    "de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|de Jong|Schouten|Willems|"
    "van Beek|Hoekstra|Koster|Prins|Huisman|Peeters|Kuipers|van Vliet|Postma|Müller|Yilmaz|Kowalski|"
    "El Amrani|Öztürk|Nowak|Groenewegen|Scholten|Post|Wolters|Timmermans|Verbeek|Sanders|Bosman|Kramer"
).split("|")
CODES = ("0106", "0114", "0109", "0119", "0118", "0106", "0106")  # Assen, Emmen, Coevorden, ...
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Planted:
    """A row made wrong (or a repeat) on purpose, and what the import must say of it."""

    row: int  # spreadsheet row number (the header is row 1)
    outcome: str  # "geweigerd" or "gekoppeld"
    reason: str  # a fragment of the Dutch reason


def valid_bsn(rng: random.Random, taken: set[str]) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        if digits[0] == 0:
            continue
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        bsn = "".join(map(str, digits)) + str(last)
        if last < 10 and bsn not in taken:
            taken.add(bsn)
            return bsn


def _birth_text(rng: random.Random, born: date) -> str:
    shape = rng.randrange(6)
    if shape == 0:
        return f"{born.day:02d}-{born.month:02d}-{born.year}"
    if shape == 1:
        return f"{born.day}/{born.month}/{born.year}"
    if shape == 2:
        return born.isoformat()
    if shape == 3:
        return f"{born.day:02d}{born.month:02d}{born.year}"
    if shape == 4:
        return str((born - EXCEL_EPOCH).days)  # a date cell that lost its format
    return f"{born.day}-{born.month}-{born.year}"


def _bsn_text(rng: random.Random, bsn: str) -> str:
    shape = rng.randrange(4)
    if shape == 0:
        return f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}"
    if shape == 1:
        return f"{bsn[:3]}.{bsn[3:5]}.{bsn[5:]}"
    return bsn


def _name_text(rng: random.Random, first: str, last: str) -> str:
    words = last.split()
    prefix, core = " ".join(words[:-1]), words[-1]
    if rng.random() < 0.5:
        return f"{core}, {first}{' ' + prefix if prefix else ''}"  # "Dijk, Piet van"
    return f"{first} {last}"


def messy_rows(count: int = 500, seed: int = 32) -> tuple[list[list[str]], list[Planted]]:
    """The rows (without header) and the rows planted to be refused or matched."""
    rng = random.Random(seed)
    pairs = [(f, last) for f in FIRST for last in LAST]
    rng.shuffle(pairs)
    taken: set[str] = set()
    rows: list[list[str]] = []
    planted: list[Planted] = []
    for index in range(count):
        number = index + 2
        first, last = pairs[index]
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 54))
        bsn = valid_bsn(rng, taken) if rng.random() < 0.8 else ""
        code = rng.choice(CODES)
        row = [
            _name_text(rng, first, last),
            _birth_text(rng, born),
            _bsn_text(rng, bsn) if bsn else "",
            rng.choice(("M", "V", "m", "v", "", "man", "vrouw")),
            code.lstrip("0") if rng.random() < 0.3 else code,
            rng.choice(("", "06-12345678", "0612345678", "+31 6 12345678")),
        ]
        mistake = index % 50
        if mistake == 7:  # a typing slip in the BSN: the elfproef fails
            good = bsn or valid_bsn(rng, taken)
            row[2] = good[:8] + str((int(good[8]) + 1) % 10)
            planted.append(Planted(number, "geweigerd", "elfproef"))
        elif mistake == 13:  # a municipality that does not exist
            row[4] = "9999"
            planted.append(Planted(number, "geweigerd", "9999"))
        elif mistake == 21 and index > 50:  # the same person twice: same BSN, other spelling and date shape
            earlier = rows[index - 40]
            planted.append(Planted(number, "gekoppeld", ""))
            if not earlier[2]:
                earlier[2] = _bsn_text(rng, valid_bsn(rng, taken))
            row = list(earlier)
            row[1] = earlier[1] if rng.random() < 0.5 else row[1]
            row[5] = "0699999999"
        elif mistake == 29:  # born in the future
            row[1] = "03-04-2031"
            planted.append(Planted(number, "geweigerd", "toekomst"))
        elif mistake == 37:  # a date that is no date
            row[1] = "31-02-1980"
            planted.append(Planted(number, "geweigerd", "geen bestaande datum"))
        rows.append(row)
    return rows, planted


def as_csv(rows: list[list[str]], encoding: str) -> bytes:
    """`encoding` 'cp1252' (Excel's plain CSV) or 'utf-8-sig' (Excel's CSV UTF-8, with BOM); `;` separated."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


def as_xlsx(rows: list[list[str]]) -> bytes:
    """The same list as a workbook: serial-number dates as numbers, BSNs as numbers where Excel made them so."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    for row in rows:
        cells: list[object] = list(row)
        if row[1].isdigit() and len(row[1]) == 5:
            cells[1] = int(row[1])
        if row[2].isdigit() and row[2][0] != "0":
            cells[2] = int(row[2])
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    folder.mkdir(parents=True, exist_ok=True)
    rows, _planted = messy_rows()
    (folder / "gasten-cp1252.csv").write_bytes(as_csv(rows, "cp1252"))
    (folder / "gasten-utf8-bom.csv").write_bytes(as_csv(rows, "utf-8-sig"))
    (folder / "gasten.xlsx").write_bytes(as_xlsx(rows))
    print(f"geschreven in {folder}")
