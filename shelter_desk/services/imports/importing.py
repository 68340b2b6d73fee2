"""Importing a shelter's spreadsheet of persons, postal addresses or stays: a dry run, then for real.

Every row passes the desk's own rules: the intake's (`PersonDetails.validated`: names, BSN
elfproef, postcode, phone, text hygiene, dates of birth), the municipality list, the postal
registration's (a full address of the location, one address per person, the maximum with the
waiting list beyond it) and a stay's age limits. A person already known is matched, never made
twice: the same BSN, or the intake's duplicate check (a similar name with the same or a close
birth date, `domain.duplicates`), where a different BSN on both sides means a different person.

The real run writes every valid row in one transaction (a refused row is reported and left out)
and logs each created record as "import" in the access log; the dry run does the same work in a
transaction that is rolled back, so its report is exactly what the real run would do. Running
the same file again matches every row and creates nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import age_on_night
from shelter_desk.domain.duplicates import IdentityFacts, possible_duplicate
from shelter_desk.domain.dutch_dates import DateOfBirth, add_months, format_dutch_date
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange
from shelter_desk.domain.name_folding import name_tokens
from shelter_desk.domain.people import display_name
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.postal import PostalStatus, check_registration, missing_address_parts
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.spreadsheet_import import (
    ImportKind,
    RowOutcome,
    check_mapping,
    guess_mapping,
    parse_import_date,
    person_details_of,
)
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.models import Facility, ImportColumn, Person, PostalAddress, Stay
from shelter_desk.services.imports.spreadsheets import Table, read_table
from shelter_desk.services.kernel.access_log import Action, log_accesses
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.people.records import apply_details, check_municipality
from shelter_desk.services.postal.addresses import store_postal_address


@dataclass(frozen=True)
class RowReport:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    outcome: RowOutcome
    message: str

    def line(self) -> str:
        return f"rij {self.row}: {self.message}"


@dataclass(frozen=True)
class ImportReport:
    kind: ImportKind
    filename: str
    encoding: str
    dry_run: bool
    mapping: dict[str, str]
    rows: list[RowReport]
    ignored_columns: list[str] = field(default_factory=list)

    def count(self, outcome: RowOutcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def all_accepted(self) -> bool:
        return self.count(RowOutcome.REFUSED) == 0

    def summary(self) -> str:
        would = "zou worden " if self.dry_run else ""
        return (
            f"{'Proefrun' if self.dry_run else 'Import'} {self.kind.label} uit {self.filename} ({self.encoding}): "
            f"{len(self.rows)} rijen: {would}aangemaakt {self.count(RowOutcome.CREATED)}, "
            f"{would}gekoppeld aan wat al bekend is {self.count(RowOutcome.MATCHED)}, "
            f"geweigerd {self.count(RowOutcome.REFUSED)}." + (" Er is niets opgeslagen." if self.dry_run else "")
        )

    def lines(self) -> list[str]:
        """The summary, the columns left out, and one line per row."""
        out = [self.summary()]
        if self.ignored_columns:
            out.append(f"Niet gebruikte kolommen: {', '.join(self.ignored_columns)}.")
        out += [row.line() for row in self.rows]
        return out


class _DryRunDone(Exception):
    """Raised at the end of a dry run: the transaction rolls back, the report is handed out."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("proefrun")
        self.report = report


def remembered_mapping(desk: Desk, kind: ImportKind, headers: list[str]) -> dict[str, str]:
    """Header -> field for these headers: the organisation's remembered choices, else by name."""
    desk.require(Permission.DECIDE)
    with desk.db.read() as session:
        return guess_mapping(kind, headers, _remembered(session, kind))


def run_import(
    desk: Desk,
    kind: ImportKind,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
) -> ImportReport:
    """Import the file (or, `dry_run`, say per row what importing it would do); the report either way.

    `mapping` (header -> field) overrides the remembered one; a real run remembers what it used.
    """
    desk.require(Permission.DECIDE)
    table = read_table(data, filename)
    try:
        with desk.db.write() as session:
            used = mapping if mapping is not None else guess_mapping(kind, table.headers, _remembered(session, kind))
            check_mapping(kind, used)
            importer = _Importer(session, desk, kind)
            rows = [importer.import_row(number, _fields_of(table, cells, used)) for number, cells in table.rows]
            report = ImportReport(
                kind,
                filename,
                table.encoding,
                dry_run,
                used,
                rows,
                [header for header in table.headers if header and header not in used],
            )
            if dry_run:
                raise _DryRunDone(report)
            for action_detail, person_ids in importer.created.items():
                log_accesses(session, desk, Action.IMPORT, person_ids, f"{action_detail} uit een spreadsheet")
            _remember(session, kind, used)
            return report
    except _DryRunDone as done:
        return done.report


def _fields_of(table: Table, cells: list[str], mapping: dict[str, str]) -> dict[str, str]:
    row: dict[str, str] = {}
    for index, header in enumerate(table.headers):
        field_name = mapping.get(header)
        if field_name is not None and index < len(cells):
            row[field_name] = cells[index]
    return row


def _remembered(session: Session, kind: ImportKind) -> dict[str, str]:
    return {c.header: c.field for c in session.scalars(select(ImportColumn).where(ImportColumn.kind == kind))}


def _remember(session: Session, kind: ImportKind, mapping: dict[str, str]) -> None:
    session.execute(delete(ImportColumn).where(ImportColumn.kind == kind, ImportColumn.header.in_(list(mapping))))
    session.add_all(ImportColumn(kind=kind, header=header[:120], field=name) for header, name in mapping.items())


@dataclass
class _Known:
    person_id: int
    name: str
    facts: IdentityFacts
    bsn: str


class _Importer:
    """The rows of one file, in order, inside one transaction: later rows see the earlier ones."""

    def __init__(self, session: Session, desk: Desk, kind: ImportKind) -> None:
        self.session, self.desk, self.kind = session, desk, kind
        self.today = desk.today()
        self.tonight = desk.tonight(session)
        self.settings = read_settings(session)
        self.created: dict[str, list[int]] = {}
        self.people: list[_Known] = [
            self._known(p) for p in session.scalars(select(Person).where(Person.merged_into_id.is_(None)))
        ]
        self.facilities = {f.name.casefold(): f for f in session.scalars(select(Facility))}

    @staticmethod
    def _known(person: Person) -> _Known:
        born = DateOfBirth(person.date_of_birth, person.date_of_birth_approximate) if person.date_of_birth else None
        tokens = tuple(name_tokens(person.first_name, person.name_prefix, person.last_name, person.alias))
        return _Known(
            person.id,
            display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
            IdentityFacts(tokens, born),
            person.bsn or "",
        )

    def import_row(self, number: int, row: dict[str, str]) -> RowReport:
        try:
            details = person_details_of(row, self.today)
            check_municipality(self.session, details.origin_municipality_code)
            if self.kind is ImportKind.POSTAL:
                return self._postal_row(number, row, details)
            if self.kind is ImportKind.STAYS:
                return self._stay_row(number, row, details)
            known = self._match(details)
            if known is not None:
                return RowReport(number, RowOutcome.MATCHED, f"gekoppeld aan bestaande persoon {known.name}")
            person_id = self._create_person(details)
            return RowReport(number, RowOutcome.CREATED, f"nieuw: persoon {self._name(person_id)}")
        except DeskError as error:
            return RowReport(number, RowOutcome.REFUSED, "geweigerd: " + error.message.replace("\n", " "))

    def _name(self, person_id: int) -> str:
        return next(k.name for k in self.people if k.person_id == person_id)

    def _match(self, details: PersonDetails) -> _Known | None:
        """The known person this row is: the same BSN, else the intake's duplicate check."""
        if details.bsn:
            for known in self.people:
                if known.bsn == details.bsn:
                    return known
        tokens = tuple(name_tokens(details.first_name, details.name_prefix, details.last_name, details.alias))
        new = IdentityFacts(tokens, details.date_of_birth)
        best: tuple[float, _Known] | None = None
        for known in self.people:
            if details.bsn and known.bsn and known.bsn != details.bsn:
                continue  # two different BSNs are two people, however alike their names
            likeness = possible_duplicate(new, known.facts)
            if likeness is not None and (best is None or likeness > best[0]):
                best = (likeness, known)
        return best[1] if best else None

    def _create_person(self, details: PersonDetails) -> int:
        person = Person(created_at=self.desk.now())
        apply_details(person, details)
        self.session.add(person)
        self.session.flush()
        self.people.append(self._known(person))
        self.created.setdefault("persoon geïmporteerd", []).append(person.id)
        return person.id

    def _person_for(self, details: PersonDetails) -> tuple[int, str]:
        """The row's person, matched or created, and how that went in words."""
        known = self._match(details)
        if known is not None:
            return known.person_id, f"bestaande persoon {known.name}"
        person_id = self._create_person(details)
        return person_id, f"nieuwe persoon {self._name(person_id)}"

    def _facility(self, row: dict[str, str]) -> Facility:
        name = " ".join(row.get("locatie", "").split())
        facility = self.facilities.get(name.casefold())
        if facility is None:
            raise DeskError(f"Locatie '{name}' is onbekend; gebruik de naam zoals onder Beheer.")
        return facility

    def _postal_row(self, number: int, row: dict[str, str], details: PersonDetails) -> RowReport:
        facility = self._facility(row)
        start = parse_import_date(row.get("begindatum", ""), "De begindatum")
        if start is None:
            raise DeskError("De begindatum ontbreekt.")
        check_night(start, self.today, "De begindatum")
        consent_on = parse_import_date(row.get("toestemming_op", ""), "De datum van de toestemming") or start
        check_night(consent_on, self.today, "De datum van de toestemming")
        review = parse_import_date(row.get("controledatum", ""), "De controledatum")
        if review is None:
            # An address kept for years has passed its first review: the next is one period from today.
            review = add_months(start, self.settings.postal_review_months)
            if review < self.today:
                review = add_months(self.today, self.settings.postal_review_months)
        consent_by = row.get("toestemming_door", "").strip() or "overgenomen uit de eigen administratie"
        known = self._match(details)
        if known is not None:
            existing = self.session.scalar(
                select(PostalAddress).where(
                    PostalAddress.person_id == known.person_id, PostalAddress.status != PostalStatus.ENDED.value
                )
            )
            if existing is not None and existing.facility_id == facility.id and existing.start_date == start:
                return RowReport(number, RowOutcome.MATCHED, f"postadres van {known.name} bestaat al")
        # The registration's own checks first, so a refused row never leaves a new person behind.
        check_registration(start, review, self.today, consent_by)
        missing = missing_address_parts(facility.street, facility.postcode, facility.city)
        if missing:
            raise DeskError(f"Het adres van {facility.name} is niet volledig: {', '.join(missing)} ontbreekt.")
        person_id, who = self._person_for(details)
        address = store_postal_address(
            self.session, self.desk, person_id, facility.id, start, consent_by, consent_on, review
        )
        self.created.setdefault("postadres geïmporteerd", []).append(person_id)
        waiting = (
            " (op de wachtlijst: de locatie zit aan haar maximum)"
            if address.status == PostalStatus.REQUESTED.value
            else ""
        )
        return RowReport(number, RowOutcome.CREATED, f"nieuw: postadres bij {facility.name} voor {who}{waiting}")

    def _stay_row(self, number: int, row: dict[str, str], details: PersonDetails) -> RowReport:
        facility = self._facility(row)
        if not facility.kind.has_beds:
            raise DeskError(f"{facility.name} heeft geen bedden; een verblijf hoort bij een opvang met bedden.")
        first = parse_import_date(row.get("eerste_nacht", ""), "De eerste nacht")
        if first is None:
            raise DeskError("De eerste nacht ontbreekt.")
        check_night(first, self.today, "De eerste nacht")
        last = parse_import_date(row.get("laatste_nacht", ""), "De laatste nacht")
        if first > self.tonight:
            raise DeskError(f"De eerste nacht ({format_dutch_date(first)}) ligt na vannacht.")
        if last is not None and last < first:
            raise DeskError("De laatste nacht ligt vóór de eerste nacht.")
        if last is not None and last > self.tonight:
            raise DeskError("Een verblijf kan niet in de toekomst eindigen.")
        ages = AgeRange(facility.min_age, facility.max_age)
        if facility.min_age is not None or facility.max_age is not None:
            if details.date_of_birth is None:
                raise DeskError(f"{facility.name} is voor {ages.describe()}; de geboortedatum ontbreekt.")
            age = age_on_night(details.date_of_birth, first)
            if not ages.admits(age):
                raise DeskError(f"{facility.name} is voor {ages.describe()}; deze persoon was toen {age} jaar.")
        known = self._match(details)
        if known is not None:
            same = self.session.scalar(
                select(Stay.id).where(
                    Stay.person_id == known.person_id, Stay.facility_id == facility.id, Stay.start_night == first
                )
            )
            if same is not None:
                return RowReport(number, RowOutcome.MATCHED, f"verblijf van {known.name} bestaat al")
            self._refuse_overlap(known.person_id, first, last)
        person_id, who = self._person_for(details)
        self.session.add(
            Stay(
                person_id=person_id,
                facility_id=facility.id,
                start_night=first,
                end_night=last,
                outflow=Outflow.UNKNOWN if last is not None else None,
            )
        )
        self.session.flush()
        self.created.setdefault("verblijf geïmporteerd", []).append(person_id)
        until = f" t/m {format_dutch_date(last)}" if last else " (loopt nog)"
        return RowReport(
            number,
            RowOutcome.CREATED,
            f"nieuw: verblijf in {facility.name} vanaf {format_dutch_date(first)}{until} voor {who}",
        )

    def _refuse_overlap(self, person_id: int, first: date, last: date | None) -> None:
        far = date.max
        overlapping = self.session.execute(
            select(Facility.name, Stay.start_night)
            .join(Facility, Facility.id == Stay.facility_id)
            .where(
                Stay.person_id == person_id,
                Stay.start_night <= (last or far),
                func.coalesce(Stay.end_night, far) >= first,
            )
        ).first()
        if overlapping is not None:
            raise DeskError(
                f"Deze persoon verblijft in die periode al in {overlapping[0]} "
                f"(vanaf {format_dutch_date(overlapping[1])})."
            )
