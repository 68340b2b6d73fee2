"""What a row of a shelter's own spreadsheet means: its columns, its dates, its names, as desk values.

Shelters keep guests, postal addresses and residents in Excel lists. Their columns are named
their own way (mapped once and remembered), their dates come in every shape ("3-4-1990",
"1990-04-03", an Excel serial number such as 32966 when a date cell lost its format) and a name
may stand in one cell, "Jansen, Piet". This module turns one row into the same typed values the
intake form makes (`PersonDetails`), so the desk's own rules judge it; it decides nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from shelter_desk.domain.dutch_dates import DateOfBirth, parse_date_of_birth, parse_dutch_date
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.name_folding import PARTICLES
from shelter_desk.domain.person_details import Gender, PersonDetails


class ImportKind(StrEnum):
    PERSONS = "persons"
    POSTAL = "postal"
    STAYS = "stays"

    @property
    def label(self) -> str:
        return {"persons": "personen", "postal": "postadressen", "stays": "verblijven"}[self]


class RowOutcome(StrEnum):
    CREATED = "aangemaakt"
    MATCHED = "gekoppeld"
    REFUSED = "geweigerd"


@dataclass(frozen=True)
class Column:
    field: str  # the desk's name for it, and the template's header
    label: str  # Dutch, for the mapping step
    synonyms: tuple[str, ...] = ()  # other headers that mean it (folded: lowercase, no spaces or signs)


PERSON_COLUMNS = (
    Column("naam", "Volledige naam ('Jansen, Piet' of 'Piet Jansen')", ("volledigenaam", "naamclient", "client")),
    Column("voornaam", "Voornaam", ("voornamen", "firstname", "roepnaamvoornaam")),
    Column("tussenvoegsel", "Tussenvoegsel", ("tussenv", "voorvoegsel", "prefix")),
    Column("achternaam", "Achternaam", ("geslachtsnaam", "familienaam", "lastname", "surname")),
    Column("roepnaam", "Roepnaam / alias", ("alias", "bijnaam")),
    Column("geboortedatum", "Geboortedatum", ("geboren", "gebdatum", "gebdat", "dateofbirth", "dob")),
    Column("geslacht", "Geslacht (man / vrouw / anders)", ("gender", "mv")),
    Column("bsn", "BSN", ("burgerservicenummer", "sofinummer", "sofinr")),
    Column("nationaliteit", "Nationaliteit", ("nationality",)),
    Column("gemeentecode", "Gemeentecode van herkomst (4 cijfers)", ("herkomstgemeente", "gemeente", "cbscode")),
    Column("straat", "Straat en huisnummer van het laatste adres", ("adres", "laatsteadres")),
    Column("postcode", "Postcode van het laatste adres", ("pc",)),
    Column("woonplaats", "Woonplaats van het laatste adres", ("plaats",)),
    Column("telefoon", "Telefoonnummer", ("telefoonnummer", "tel", "mobiel")),
)
POSTAL_COLUMNS = (
    Column("locatie", "Locatie die het postadres geeft (naam zoals onder Beheer)", ("adresgever", "voorziening")),
    Column("begindatum", "Begindatum van het postadres", ("start", "ingang", "datumingang")),
    Column("controledatum", "Controledatum (leeg: de standaardtermijn)", ("herbeoordeling", "evaluatie")),
    Column("toestemming_door", "Toestemming gegeven door", ("toestemmingdoor", "akkoorddoor")),
    Column("toestemming_op", "Datum van de toestemming", ("toestemmingop", "datumtoestemming")),
)
STAY_COLUMNS = (
    Column("locatie", "Locatie (naam zoals onder Beheer)", ("voorziening", "opvang")),
    Column("eerste_nacht", "Eerste nacht", ("begindatum", "start", "inschrijfdatum", "opname")),
    Column("laatste_nacht", "Laatste nacht (leeg: verblijft er nog)", ("einddatum", "vertrek", "uitschrijfdatum")),
)
COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.PERSONS: PERSON_COLUMNS,
    ImportKind.POSTAL: PERSON_COLUMNS + POSTAL_COLUMNS,
    ImportKind.STAYS: PERSON_COLUMNS + STAY_COLUMNS,
}
TEMPLATE_EXAMPLE: dict[str, str] = {
    "naam": "",
    "voornaam": "Piet",
    "tussenvoegsel": "van",
    "achternaam": "Dijk",
    "roepnaam": "",
    "geboortedatum": "03-04-1980",
    "geslacht": "man",
    "bsn": "111222333",
    "nationaliteit": "Nederlandse",
    "gemeentecode": "0106",
    "straat": "",
    "postcode": "",
    "woonplaats": "",
    "telefoon": "",
    "locatie": "",
    "begindatum": "01-12-2026",
    "controledatum": "",
    "toestemming_door": "",
    "toestemming_op": "01-12-2026",
    "eerste_nacht": "01-12-2026",
    "laatste_nacht": "",
}

# Excel counts days from 30 December 1899 (its 1900 leap-year error included). Only five-digit
# whole numbers are taken as such serials (10000 = 18 May 1927, 99999 = 2173): a four-digit number
# in a birth-date column is a year ("1985": born about 1985), as the desk reads it.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:[.,]0+)?$")
_YEAR_FIRST_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_WITH_TIME = re.compile(r"^(\S+)[ T]0?0:00(?::00)?(?:\.0+)?$")


def fold_header(text: str) -> str:
    """A header as compared: lowercase, accents off, letters and digits only ('Geb. datum' -> 'gebdatum')."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]", "", plain)


def guess_mapping(kind: ImportKind, headers: list[str], remembered: dict[str, str]) -> dict[str, str]:
    """Header -> field for the headers that can be placed: remembered first, then names and synonyms."""
    fields = {column.field for column in COLUMNS[kind]}
    known: dict[str, str] = {}
    for column in COLUMNS[kind]:
        for name in (column.field, column.label, *column.synonyms):
            known.setdefault(fold_header(name), column.field)
    mapping: dict[str, str] = {}
    for header in headers:
        field = remembered.get(header)
        if field not in fields:
            field = known.get(fold_header(header))
        if field is not None and field not in mapping.values():
            mapping[header] = field
    return mapping


def check_mapping(kind: ImportKind, mapping: dict[str, str]) -> None:
    """A mapping names only this kind's fields, each once, and some name of the person."""
    fields = {column.field for column in COLUMNS[kind]}
    unknown = sorted(set(mapping.values()) - fields)
    if unknown:
        raise DeskError(f"Onbekende velden in de koppeling: {', '.join(unknown)}.")
    doubles = sorted({f for f in mapping.values() if list(mapping.values()).count(f) > 1})
    if doubles:
        raise DeskError(f"Meer dan één kolom is gekoppeld aan: {', '.join(doubles)}.")
    if not {"naam", "voornaam", "achternaam", "roepnaam"} & set(mapping.values()):
        raise DeskError("Koppel ten minste één kolom aan een naam (naam, voornaam, achternaam of roepnaam).")
    needed = {ImportKind.POSTAL: ("locatie", "begindatum"), ImportKind.STAYS: ("locatie", "eerste_nacht")}
    missing = [field for field in needed.get(kind, ()) if field not in mapping.values()]
    if missing:
        raise DeskError(f"Koppel ook een kolom aan: {', '.join(missing)}.")


def excel_serial_date(text: str) -> date | None:
    """The date of an Excel serial number written as text ('32966', '32966.0'), else None."""
    match = _EXCEL_SERIAL.match(text.strip())
    return _EXCEL_EPOCH + timedelta(days=int(match.group(1))) if match else None


def parse_import_date(text: str, label: str) -> date | None:
    """A date from a spreadsheet cell in any of its usual shapes; None when empty; refused in Dutch."""
    cleaned = text.strip()
    if not cleaned:
        return None
    with_time = _WITH_TIME.match(cleaned)
    if with_time:
        cleaned = with_time.group(1)
    serial = excel_serial_date(cleaned)
    if serial is not None:
        return serial
    slashed = _YEAR_FIRST_SLASHED.match(cleaned)
    if slashed:
        cleaned = "-".join(slashed.groups())
    parsed = parse_dutch_date(cleaned)
    if parsed is None:
        raise DeskError(f"{label} '{text.strip()}' is niet te lezen als datum (bijvoorbeeld 03-04-2026).")
    return parsed


def parse_import_birth(text: str, today: date) -> DateOfBirth | None:
    """A date of birth as the desk reads it (a year alone is approximate), or an Excel serial number."""
    cleaned = text.strip()
    with_time = _WITH_TIME.match(cleaned)
    if with_time:
        cleaned = with_time.group(1)
    serial = excel_serial_date(cleaned)
    if serial is not None:
        return DateOfBirth(serial)
    slashed = _YEAR_FIRST_SLASHED.match(cleaned)
    if slashed:
        cleaned = "-".join(slashed.groups())
    return parse_date_of_birth(cleaned, today)


def split_full_name(text: str) -> tuple[str, str, str]:
    """(first name, prefix, last name) of a name in one cell.

    'Jansen, Piet' and 'Berg, Jan van der' put the last name first; 'Piet Jansen' and
    'Jan van der Berg' put it last, with the particles before it as the prefix.
    """
    cleaned = " ".join(text.split())
    if "," in cleaned:
        last, _, rest = (part.strip() for part in cleaned.partition(","))
        words = rest.split()
        prefix_start = len(words)
        while prefix_start > 1 and words[prefix_start - 1].casefold().strip(".'") in PARTICLES:
            prefix_start -= 1
        return " ".join(words[:prefix_start]), " ".join(words[prefix_start:]), last
    words = cleaned.split()
    if len(words) < 2:
        return "", "", cleaned
    prefix_start = len(words) - 1
    while prefix_start > 1 and words[prefix_start - 1].casefold().strip(".'") in PARTICLES:
        prefix_start -= 1
    return " ".join(words[:prefix_start]), " ".join(words[prefix_start:-1]), words[-1]


_GENDERS = {
    "m": Gender.MAN,
    "man": Gender.MAN,
    "male": Gender.MAN,
    "v": Gender.VROUW,
    "vrouw": Gender.VROUW,
    "f": Gender.VROUW,
    "female": Gender.VROUW,
    "x": Gender.ANDERS,
    "anders": Gender.ANDERS,
    "": Gender.ONBEKEND,
    "onbekend": Gender.ONBEKEND,
    "o": Gender.ONBEKEND,
}


def person_details_of(row: dict[str, str], today: date) -> PersonDetails:
    """The intake's values of one row (not yet validated: `PersonDetails.validated` judges them).

    Every problem of the row is named at once, as the intake form names them.
    """
    problems: list[str] = []
    first, prefix, last = row.get("voornaam", ""), row.get("tussenvoegsel", ""), row.get("achternaam", "")
    if row.get("naam", "").strip() and not (first.strip() or last.strip()):
        first, prefix, last = split_full_name(row["naam"])
    born = None
    try:
        born = parse_import_birth(row.get("geboortedatum", ""), today)
    except DeskError as error:
        problems.append(error.message)
    gender = _GENDERS.get(row.get("geslacht", "").strip().casefold())
    if gender is None:
        problems.append(f"Geslacht '{row['geslacht'].strip()}' is niet te lezen (man, vrouw, anders of leeg).")
        gender = Gender.ONBEKEND
    code = row.get("gemeentecode", "").strip()
    if code.isdigit() and len(code) < 4:
        code = code.zfill(4)  # a spreadsheet drops the leading zeros of '0106'
    postcode = row.get("postcode", "")
    details = PersonDetails(
        first_name=first,
        name_prefix=prefix,
        last_name=last,
        alias=row.get("roepnaam", ""),
        date_of_birth=born,
        gender=gender,
        bsn=row.get("bsn", ""),
        nationality=row.get("nationaliteit", ""),
        origin_municipality_code=code or None,
        last_street=row.get("straat", ""),
        last_postcode=postcode,
        last_city=row.get("woonplaats", ""),
        last_address_abroad=bool(postcode.strip()) and not re.match(r"^\s*\d{4}\s*[A-Za-z]{2}\s*$", postcode),
        phone=row.get("telefoon", ""),
    )
    try:
        details = details.validated(today)
    except DeskError as error:
        problems.append(error.message)
    if problems:
        raise DeskError(" ".join(problem.replace("\n", " ") for problem in problems))
    return details
