"""Beheer of the reference data: a newer CBS municipality list, a centrumgemeente mapping, one entry.

Every import takes two steps. `preview_*` reads the file and reports what it would change and
what is wrong with it; `apply_*` applies that preview in one write transaction, and only when
nothing is wrong and the database still is what the preview was made against. A municipality
that drops out of the CBS list is kept (people refer to it) and reported as "niet meer in de
lijst". The system never guesses a centrumgemeente: a municipality has none until a file or an
administrator states one, and `municipalities_without_centre` shows which have none.

A centrumgemeente is a municipality whose own centrumgemeente is itself; a mapping file or
`set_centre` declares a new one by pointing a municipality at itself. After every change each
municipality with a centrumgemeente points at such a centre.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.models import Municipality
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk

UNKNOWN = "onbekend"
NOT_IN_LIST = "niet meer in de lijst"

_FOUR_DIGITS = re.compile(r"\d{4}")
_TWO_DIGITS = re.compile(r"\d{2}")
_NAME_LENGTH = 100  # Municipality.name
_PROVINCE_NAME_LENGTH = 50  # Municipality.province_name

# Canonical column -> the header names accepted for it, first match wins. CBS's own download
# ("Gemeenten alfabetisch") calls gm_code "GemeentecodeGM"; the shipped Drenthe file uses
# gm_code / mo_centrumgemeente_gm, so it can be imported as a mapping as it is.
_MUNICIPALITY_COLUMNS = {
    "gemeentecode": ("gemeentecode",),
    "gm_code": ("gm_code", "gemeentecodegm"),
    "gemeentenaam": ("gemeentenaam",),
    "provinciecode": ("provinciecode",),
    "provincienaam": ("provincienaam",),
}
_MUNICIPALITY_REQUIRED = ("gemeentecode", "gemeentenaam", "provinciecode", "provincienaam")
_MAPPING_COLUMNS = {
    "gemeentecode": ("gemeentecode", "gm_code"),
    "centrumgemeentecode": ("centrumgemeentecode", "centrumgemeente_code", "mo_centrumgemeente_gm"),
}
_MAPPING_REQUIRED = ("gemeentecode", "centrumgemeentecode")


class ImportKind(StrEnum):
    MUNICIPALITIES = "gemeentelijst"
    MAPPING = "centrumgemeenten"


@dataclass(frozen=True)
class MunicipalityRow:
    line: int
    code: str
    name: str
    province_code: str
    province_name: str


@dataclass(frozen=True)
class MappingRow:
    line: int
    code: str
    centre_code: str


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, in Dutch lines for the administrator to read before applying.

    `problems` block applying. For a municipality list: `added`, `renamed`, `province_changed`
    and `missing` (kept, never deleted). For a mapping: `changes` ("Coevorden: Emmen → Assen").
    `unchanged` counts the rows that change nothing; `rows` are the parsed, valid rows.
    """

    kind: ImportKind
    problems: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    renamed: tuple[str, ...] = ()
    province_changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    unchanged: int = 0
    rows: tuple[MunicipalityRow, ...] | tuple[MappingRow, ...] = ()

    @property
    def can_apply(self) -> bool:
        return not self.problems

    @property
    def change_count(self) -> int:
        return len(self.added) + len(self.renamed) + len(self.province_changed) + len(self.changes)


# -- reading a CSV file ---------------------------------------------------------------------


def _normal_code(raw: str) -> str | None:
    """A CBS code as 4 digits, from '0106' or 'GM0106'; None when it is neither."""
    text = raw.strip()
    if text[:2].upper() == "GM":
        text = text[2:]
    return text if _FOUR_DIGITS.fullmatch(text) else None


def _code_problem(what: str, raw: str) -> str:
    hint = ""
    if raw.strip().isdigit() and len(raw.strip()) < 4:
        hint = f" Zijn de voorloopnullen weggevallen? Schrijf bijvoorbeeld {raw.strip().zfill(4)}."
    shown = f"'{raw.strip()}'" if raw.strip() else "(leeg)"
    return f"{what} {shown} is geen code van 4 cijfers (zoals 0106 of GM0106).{hint}"


def _read_csv(
    csv_bytes: bytes,
    columns: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The data rows as (line number, {canonical column: stripped text}), and what is wrong."""
    try:
        text = csv_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], ["Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8' en probeer het opnieuw."]
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        return [], ["Het bestand is leeg."]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    positions: dict[str, int] = {}
    try:
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue
            if header is None:
                header = [field.strip().strip('"').lower() for field in fields]
                for canonical, names in columns.items():
                    found = next((name for name in names if name in header), None)
                    if found is not None:
                        positions[canonical] = header.index(found)
                absent = [name for name in required if name not in positions]
                if absent:
                    expected = ", ".join(required)
                    lacking = "Kolommen ontbreken" if len(absent) > 1 else "Kolom ontbreekt"
                    return [], [
                        (
                            f"{lacking}: {', '.join(absent)}. De eerste regel moet de kolomnamen "
                            f"geven: {expected} (gescheiden door ; of ,)."
                        )
                    ]
                continue
            while len(fields) > len(header) and not fields[-1].strip():
                fields = fields[:-1]  # spreadsheet programs add empty trailing fields
            if len(fields) != len(header):
                problems.append(
                    f"Regel {reader.line_num}: {len(fields)} velden, maar de kopregel heeft er "
                    f"{len(header)}. Staat er een '{delimiter}' in een naam zonder aanhalingstekens?"
                )
                continue
            rows.append((reader.line_num, {name: fields[at].strip() for name, at in positions.items()}))
    except csv.Error as error:
        return [], [f"Het bestand is geen leesbare CSV (regel {reader.line_num}): {error}."]
    return rows, problems


def _duplicates(seen: dict[str, list[int]], describe: Mapping[str, str]) -> list[str]:
    return [
        f"Gemeentecode {code}{describe.get(code, '')} staat meer dan eens in het bestand "
        f"(regels {', '.join(map(str, lines))})."
        for code, lines in seen.items()
        if len(lines) > 1
    ]


# -- the municipality list ------------------------------------------------------------------


def _parse_municipalities(csv_bytes: bytes) -> tuple[list[MunicipalityRow], list[str]]:
    raw_rows, problems = _read_csv(csv_bytes, _MUNICIPALITY_COLUMNS, _MUNICIPALITY_REQUIRED)
    rows: list[MunicipalityRow] = []
    seen: dict[str, list[int]] = {}
    for line, raw in raw_rows:
        code = _normal_code(raw["gemeentecode"])
        if code is None:
            problems.append(f"Regel {line}: " + _code_problem("gemeentecode", raw["gemeentecode"]))
            continue
        seen.setdefault(code, []).append(line)
        name, province_name = raw["gemeentenaam"], raw["provincienaam"]
        province_code = raw["provinciecode"].removeprefix("PV").removeprefix("pv")
        row_problems = []
        gm_code = raw.get("gm_code", "")
        if gm_code and _normal_code(gm_code) != code:
            row_problems.append(f"gm_code '{gm_code}' past niet bij gemeentecode {code}")
        if not name:
            row_problems.append(f"de gemeentenaam is leeg (gemeentecode {code})")
        elif len(name) > _NAME_LENGTH:
            row_problems.append(f"de gemeentenaam is langer dan {_NAME_LENGTH} tekens")
        if not _TWO_DIGITS.fullmatch(province_code):
            row_problems.append(f"provinciecode '{raw['provinciecode']}' is geen code van 2 cijfers")
        if not province_name:
            row_problems.append(f"de provincienaam is leeg (gemeentecode {code})")
        elif len(province_name) > _PROVINCE_NAME_LENGTH:
            row_problems.append(f"de provincienaam is langer dan {_PROVINCE_NAME_LENGTH} tekens")
        if row_problems:
            problems.append(f"Regel {line}: {'; '.join(row_problems)}.")
            continue
        rows.append(MunicipalityRow(line, code, name, province_code, province_name))
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row.code, f" ({row.name})")
    problems.extend(_duplicates(seen, names))
    duplicated = {code for code, lines in seen.items() if len(lines) > 1}
    if not raw_rows and not problems:
        problems.append("Het bestand bevat geen gemeenten.")
    return [row for row in rows if row.code not in duplicated], problems


@dataclass(frozen=True)
class _ListDiff:
    added: tuple[str, ...]
    renamed: tuple[str, ...]
    province_changed: tuple[str, ...]
    missing: tuple[str, ...]
    unchanged: int


def _municipality_diff(session: Session, rows: tuple[MunicipalityRow, ...]) -> _ListDiff:
    current = {m.code: m for m in session.scalars(select(Municipality))}
    listed = {row.code for row in rows}
    added, renamed, moved, unchanged = [], [], [], 0
    for row in sorted(rows, key=lambda r: (r.name.lower(), r.code)):
        known = current.get(row.code)
        if known is None:
            added.append(f"{row.code} {row.name} ({row.province_name}), centrumgemeente {UNKNOWN}")
            continue
        same = True
        if known.name != row.name:
            renamed.append(f"{row.code}: {known.name} → {row.name}")
            same = False
        if (known.province_code, known.province_name) != (row.province_code, row.province_name):
            moved.append(
                f"{row.code} {row.name}: provincie {known.province_name} ({known.province_code}) → "
                f"{row.province_name} ({row.province_code})"
            )
            same = False
        unchanged += same
    missing = [
        f"{m.code} {m.name}: {NOT_IN_LIST}"
        for m in sorted(current.values(), key=lambda m: (m.name.lower(), m.code))
        if m.code not in listed
    ]
    return _ListDiff(tuple(added), tuple(renamed), tuple(moved), tuple(missing), unchanged)


def preview_municipality_import(desk: Desk, csv_bytes: bytes) -> ImportPreview:
    """Read a CBS municipality list (columns as gemeenten_2025.csv) and report what it would change."""
    desk.require(Permission.ADMINISTER)
    rows, problems = _parse_municipalities(csv_bytes)
    with desk.db.read() as session:
        diff = _municipality_diff(session, tuple(rows))
    return ImportPreview(
        ImportKind.MUNICIPALITIES,
        tuple(problems),
        diff.added,
        diff.renamed,
        diff.province_changed,
        diff.missing,
        (),
        diff.unchanged,
        tuple(rows),
    )


def _refuse_unless_applicable(preview: ImportPreview, kind: ImportKind) -> None:
    if preview.kind is not kind:
        raise DeskError(
            f"Dit voorbeeld hoort bij een import van de {preview.kind.value}, "
            f"niet van de {kind.value}. Er is niets gewijzigd."
        )
    if preview.problems:
        count = len(preview.problems)
        raise DeskError(
            f"Het bestand heeft {count} probleem{'' if count == 1 else 'en'}; er is niets gewijzigd. "
            f"Verbeter het bestand en bekijk het voorbeeld opnieuw."
        )


STALE_MESSAGE = (
    "De gegevens zijn veranderd sinds het voorbeeld (door een andere beheerder?). "
    "Er is niets gewijzigd; bekijk het voorbeeld opnieuw."
)


def apply_municipality_import(desk: Desk, preview: ImportPreview) -> int:
    """Add the new municipalities and update the changed ones; return how many. Nothing is deleted."""
    desk.require(Permission.ADMINISTER)
    _refuse_unless_applicable(preview, ImportKind.MUNICIPALITIES)
    rows = tuple(row for row in preview.rows if isinstance(row, MunicipalityRow))
    with desk.db.write() as session:
        diff = _municipality_diff(session, rows)
        if (diff.added, diff.renamed, diff.province_changed, diff.missing) != (
            preview.added,
            preview.renamed,
            preview.province_changed,
            preview.missing,
        ):
            raise DeskError(STALE_MESSAGE)
        changed = 0
        for row in rows:
            known = session.get(Municipality, row.code)
            if known is None:
                session.add(
                    Municipality(
                        code=row.code, name=row.name, province_code=row.province_code, province_name=row.province_name
                    )
                )
                changed += 1
            elif (known.name, known.province_code, known.province_name) != (
                row.name,
                row.province_code,
                row.province_name,
            ):
                known.name, known.province_code, known.province_name = row.name, row.province_code, row.province_name
                changed += 1
        if changed:
            session.flush()
            log_access(
                session,
                desk,
                Action.UPDATE,
                detail=(
                    f"gemeentelijst geïmporteerd: {len(diff.added)} nieuw, {len(diff.renamed)} hernoemd, "
                    f"{len(diff.province_changed)} andere provincie, {len(diff.missing)} {NOT_IN_LIST} (bewaard)"
                ),
            )
    if changed:
        desk.search.forget_facilities()  # also reloads the cached municipality names
    return changed


# -- centrumgemeenten -----------------------------------------------------------------------


def _label(names: Mapping[str, str], code: str | None) -> str:
    return UNKNOWN if code is None else names.get(code, code)


def _demoted(
    current: Mapping[str, str | None], final: Mapping[str, str | None], updated: set[str]
) -> dict[str, list[str]]:
    """Centres that stop being one while municipalities outside `updated` still point at them."""
    left: dict[str, list[str]] = {}
    for code, centre in current.items():
        if code not in updated and centre is not None and centre != code and final.get(centre) != centre:
            left.setdefault(centre, []).append(code)
    return left


def _demoted_problem(names: Mapping[str, str], centre: str, dependants: list[str]) -> str:
    listed = ", ".join(sorted(names.get(code, code) for code in dependants))
    return (
        f"{_label(names, centre)} ({centre}) is dan geen centrumgemeente meer, maar "
        f"{listed} {'valt' if len(dependants) == 1 else 'vallen'} er nog onder. "
        f"Wijs die eerst een andere centrumgemeente toe."
    )


def _not_a_centre_problem(names: Mapping[str, str], centre: str) -> str:
    return (
        f"{_label(names, centre)} ({centre}) is geen centrumgemeente. Een centrumgemeente verwijst naar "
        f"zichzelf; wijs eerst {_label(names, centre)} aan als centrumgemeente ({centre};{centre})."
    )


def _parse_mapping(csv_bytes: bytes) -> tuple[list[MappingRow], list[str]]:
    raw_rows, problems = _read_csv(csv_bytes, _MAPPING_COLUMNS, _MAPPING_REQUIRED)
    rows: list[MappingRow] = []
    for line, raw in raw_rows:
        code, centre = _normal_code(raw["gemeentecode"]), _normal_code(raw["centrumgemeentecode"])
        row_problems = []
        if code is None:
            row_problems.append(_code_problem("gemeentecode", raw["gemeentecode"]))
        if not raw["centrumgemeentecode"]:
            row_problems.append(
                "de centrumgemeentecode is leeg. Laat de regel weg; een gemeente zonder "
                "bekende centrumgemeente stelt u per gemeente in."
            )
        elif centre is None:
            row_problems.append(_code_problem("centrumgemeentecode", raw["centrumgemeentecode"]))
        if row_problems:
            problems.append(f"Regel {line}: {' '.join(row_problems)}")
            continue
        assert code is not None and centre is not None
        rows.append(MappingRow(line, code, centre))
    if not raw_rows and not problems:
        problems.append("Het bestand bevat geen regels.")
    return rows, problems


def _mapping_check(session: Session, rows: tuple[MappingRow, ...]) -> tuple[list[str], list[str], int]:
    """Problems, change lines and the unchanged count of applying these rows to the database."""
    current: dict[str, str | None] = {}
    names: dict[str, str] = {}
    for code, name, centre in session.execute(
        select(Municipality.code, Municipality.name, Municipality.centre_municipality_code)
    ):
        current[code], names[code] = centre, name
    problems: list[str] = []
    wanted: dict[str, MappingRow] = {}
    conflicts: dict[str, list[int]] = {}
    for row in rows:
        unknown = [
            f"{what} {code} staat niet in de gemeentelijst"
            for what, code in (("gemeentecode", row.code), ("centrumgemeentecode", row.centre_code))
            if code not in current
        ]
        if unknown:
            problems.append(f"Regel {row.line}: {'; '.join(unknown)}.")
            continue
        earlier = wanted.get(row.code)
        if earlier is None:
            wanted[row.code] = row
        elif earlier.centre_code != row.centre_code:
            conflicts.setdefault(row.code, [earlier.line]).append(row.line)
    for code, lines in conflicts.items():
        problems.append(
            f"{names[code]} ({code}) staat meer dan eens in het bestand met verschillende "
            f"centrumgemeenten (regels {', '.join(map(str, lines))})."
        )
        del wanted[code]
    final = dict(current) | {code: row.centre_code for code, row in wanted.items()}
    for row in sorted(wanted.values(), key=lambda r: r.line):
        if final.get(row.centre_code) != row.centre_code:
            problems.append(f"Regel {row.line}: {names[row.code]} → {_not_a_centre_problem(names, row.centre_code)}")
    for centre, dependants in _demoted(current, final, set(wanted) | set(conflicts)).items():
        problems.append(_demoted_problem(names, centre, dependants))
    changes = [
        f"{names[code]}: {_label(names, current[code])} → {_label(names, row.centre_code)}"
        for code, row in sorted(wanted.items(), key=lambda item: (names[item[0]].lower(), item[0]))
        if current[code] != row.centre_code
    ]
    return problems, changes, len(wanted) - len(changes)


def preview_mapping_import(desk: Desk, csv_bytes: bytes) -> ImportPreview:
    """Read a mapping (gemeentecode;centrumgemeentecode) and report what it would change.

    Municipalities not in the file keep their centrumgemeente. A row mapping a code to itself makes
    that municipality a centrumgemeente.
    """
    desk.require(Permission.ADMINISTER)
    rows, problems = _parse_mapping(csv_bytes)
    with desk.db.read() as session:
        found, changes, unchanged = _mapping_check(session, tuple(rows))
    return ImportPreview(
        ImportKind.MAPPING, tuple(problems + found), changes=tuple(changes), unchanged=unchanged, rows=tuple(rows)
    )


def apply_mapping_import(desk: Desk, preview: ImportPreview) -> int:
    """Set the centrumgemeenten of the preview in one transaction; return how many changed."""
    desk.require(Permission.ADMINISTER)
    _refuse_unless_applicable(preview, ImportKind.MAPPING)
    rows = tuple(row for row in preview.rows if isinstance(row, MappingRow))
    with desk.db.write() as session:
        problems, changes, _unchanged = _mapping_check(session, rows)
        if problems or tuple(changes) != preview.changes:
            raise DeskError(STALE_MESSAGE)
        if not changes:
            return 0
        for row in rows:
            municipality = session.get(Municipality, row.code)
            assert municipality is not None
            municipality.centre_municipality_code = row.centre_code
        session.flush()
        log_access(
            session,
            desk,
            Action.UPDATE,
            detail=f"centrumgemeenten geïmporteerd ({len(changes)} gewijzigd): " + "; ".join(changes),
        )
    return len(changes)


def set_centre(desk: Desk, municipality_code: str, centre_code: str | None) -> None:
    """Set (or with None: forget) one municipality's centrumgemeente, validated as an import is."""
    desk.require(Permission.ADMINISTER)
    code = _normal_code(municipality_code)
    if code is None:
        raise DeskError(_code_problem("Gemeentecode", municipality_code))
    centre = None
    if centre_code is not None:
        centre = _normal_code(centre_code)
        if centre is None:
            raise DeskError(_code_problem("Centrumgemeentecode", centre_code))
    with desk.db.write() as session:
        current: dict[str, str | None] = {}
        names: dict[str, str] = {}
        for known, name, known_centre in session.execute(
            select(Municipality.code, Municipality.name, Municipality.centre_municipality_code)
        ):
            current[known], names[known] = known_centre, name
        for what, value in (("Gemeentecode", code), ("Centrumgemeentecode", centre)):
            if value is not None and value not in current:
                raise DeskError(f"{what} {value} staat niet in de gemeentelijst.")
        if current[code] == centre:
            return
        final = current | {code: centre}
        if centre is not None and final[centre] != centre:
            raise DeskError(_not_a_centre_problem(names, centre))
        demoted = _demoted(current, final, {code})
        if demoted:
            raise DeskError(" ".join(_demoted_problem(names, c, d) for c, d in demoted.items()))
        municipality = session.get(Municipality, code)
        assert municipality is not None
        municipality.centre_municipality_code = centre
        session.flush()
        log_access(
            session,
            desk,
            Action.UPDATE,
            detail=(
                f"centrumgemeente van {names[code]} ({code}): {_label(names, current[code])} → {_label(names, centre)}"
            ),
        )


def centre_of(desk: Desk, municipality_code: str) -> str | None:
    """The code of a municipality's centrumgemeente, or None when it is not known (never guessed)."""
    desk.require(Permission.DESK_WORK)
    code = _normal_code(municipality_code)
    if code is None:
        raise DeskError(_code_problem("Gemeentecode", municipality_code))
    with desk.db.read() as session:
        municipality = session.get(Municipality, code)
        if municipality is None:
            raise DeskError(f"Gemeentecode {code} staat niet in de gemeentelijst.")
        return municipality.centre_municipality_code


def municipalities_without_centre(desk: Desk) -> list[tuple[str, str]]:
    """(code, name) of every municipality without a known centrumgemeente, by name."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.execute(
            select(Municipality.code, Municipality.name)
            .where(Municipality.centre_municipality_code.is_(None))
            .order_by(Municipality.name, Municipality.code)
        ).all()
    return [(code, name) for code, name in rows]
