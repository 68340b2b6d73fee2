"""Importing spreadsheets: every row judged by the desk's rules, a dry run that saves nothing, one transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import AccessLogEntry, Facility, Person, PostalAddress, Stay
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.imports import (
    ImportKind,
    RowOutcome,
    import_template,
    read_table,
    remembered_mapping,
    run_import,
)
from tests.services.imports.messy_spreadsheet import as_csv, as_xlsx, messy_rows

pytestmark = pytest.mark.role(Role.COORDINATOR)

ROWS, PLANTED = messy_rows()
REFUSED = {p.row: p.reason for p in PLANTED if p.outcome == "geweigerd"}
MATCHED = {p.row for p in PLANTED if p.outcome == "gekoppeld"}


def _persons(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def _csv(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def test_a_dry_run_reports_every_row_and_saves_nothing(desk, db, region):
    before = _persons(db)
    report = run_import(desk, ImportKind.PERSONS, as_csv(ROWS, "cp1252"), "gasten.csv", dry_run=True)
    assert len(report.rows) == 500
    assert {r.row for r in report.rows if r.outcome is RowOutcome.REFUSED} == set(REFUSED)
    assert {r.row for r in report.rows if r.outcome is RowOutcome.MATCHED} == MATCHED
    assert report.count(RowOutcome.CREATED) == 500 - len(REFUSED) - len(MATCHED)
    assert _persons(db) == before


def test_each_refusal_names_its_row_and_the_desks_reason(desk, region):
    report = run_import(desk, ImportKind.PERSONS, as_csv(ROWS, "cp1252"), "gasten.csv", dry_run=True)
    refused = {r.row: r.line() for r in report.rows if r.outcome is RowOutcome.REFUSED}
    for row, reason in REFUSED.items():
        assert refused[row].startswith(f"rij {row}: geweigerd: ")
        assert reason in refused[row]


def test_a_bad_bsn_is_refused_by_the_elfproef_with_its_row_number(desk, region):
    data = _csv("Naam;BSN\nJansen, Piet;111222333\nBakker, Kees;1112 22 334\n")
    report = run_import(desk, ImportKind.PERSONS, data, "lijst.csv")
    assert [r.outcome for r in report.rows] == [RowOutcome.CREATED, RowOutcome.REFUSED]
    assert report.rows[1].line().startswith("rij 3: geweigerd: BSN '1112 22 334' klopt niet (de elfproef faalt)")


def test_the_real_run_imports_every_valid_row_in_one_transaction(desk, db, region):
    before = _persons(db)
    report = run_import(desk, ImportKind.PERSONS, as_csv(ROWS, "cp1252"), "gasten.csv")
    assert _persons(db) == before + report.count(RowOutcome.CREATED)
    assert not report.all_accepted


def test_running_the_same_file_again_creates_nothing(desk, db, region):
    run_import(desk, ImportKind.PERSONS, as_csv(ROWS, "utf-8-sig"), "gasten.csv")
    before = _persons(db)
    again = run_import(desk, ImportKind.PERSONS, as_csv(ROWS, "utf-8-sig"), "gasten.csv")
    assert again.count(RowOutcome.CREATED) == 0
    assert again.count(RowOutcome.MATCHED) == 500 - len(REFUSED)
    assert _persons(db) == before


def test_a_person_already_known_is_matched_not_made_twice(desk, db, region):
    data = _csv('Naam;Geboortedatum\n"Berg, Jan";04-03-1968\n')
    report = run_import(desk, ImportKind.PERSONS, data, "lijst.csv")
    assert report.rows[0].outcome is RowOutcome.MATCHED
    assert "Jan Berg" in report.rows[0].message


def test_each_created_record_is_logged_as_import(desk, db, region):
    report = run_import(desk, ImportKind.PERSONS, _csv("Naam\nPiet Jansen\nKees Bakker\n"), "lijst.csv")
    assert report.count(RowOutcome.CREATED) == 2
    with db.read() as session:
        logged = session.scalars(select(AccessLogEntry.detail).where(AccessLogEntry.action == "import")).all()
    assert logged == ["persoon geïmporteerd uit een spreadsheet"] * 2


def test_windows_1252_utf8_with_bom_and_xlsx_read_the_same_rows():
    tables = [
        read_table(as_csv(ROWS, "cp1252"), "a.csv"),
        read_table(as_csv(ROWS, "utf-8-sig"), "a.csv"),
        read_table(as_xlsx(ROWS), "a.xlsx"),
    ]
    assert [t.encoding for t in tables] == ["Windows-1252", "UTF-8 met BOM", "XLSX"]
    assert tables[0].rows == tables[1].rows
    assert [cells[0] for _n, cells in tables[2].rows] == [cells[0] for _n, cells in tables[0].rows]
    assert any("Chloë" in cells[0] for _n, cells in tables[0].rows)


def test_the_xlsx_imports_as_the_csv_does(desk, region):
    from_xlsx = run_import(desk, ImportKind.PERSONS, as_xlsx(ROWS), "gasten.xlsx", dry_run=True)
    from_csv = run_import(desk, ImportKind.PERSONS, as_csv(ROWS, "cp1252"), "gasten.csv", dry_run=True)
    assert [r.outcome for r in from_xlsx.rows] == [r.outcome for r in from_csv.rows]


def test_a_mapping_used_is_remembered_for_the_next_file(desk, region):
    data = _csv("Cliënt;Geboren op\nPiet Jansen;1980\n")
    mapping = {"Cliënt": "naam", "Geboren op": "geboortedatum"}
    run_import(desk, ImportKind.PERSONS, data, "lijst.csv", mapping=mapping)
    assert remembered_mapping(desk, ImportKind.PERSONS, ["Cliënt", "Geboren op", "Iets"]) == mapping


def test_a_mapping_without_any_name_is_refused_and_nothing_is_saved(desk, db, region):
    before = _persons(db)
    with pytest.raises(DeskError, match="naam"):
        run_import(desk, ImportKind.PERSONS, _csv("BSN\n111222333\n"), "lijst.csv")
    assert _persons(db) == before


def test_a_template_reads_back_as_its_own_columns():
    for xlsx in (False, True):
        table = read_table(import_template(ImportKind.POSTAL, xlsx=xlsx), "sjabloon.xlsx" if xlsx else "s.csv")
        assert "bsn" in table.headers and "locatie" in table.headers and len(table.rows) == 1


@pytest.fixture
def giving_location(db, region):
    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city = "Havenkade 1", "9401 AB", "Assen"
    return "Nachtopvang Assen"


def test_postal_rows_beyond_the_maximum_go_on_the_waiting_list(desk, admin_desk, db, region, giving_location):
    change_setting(admin_desk, "postal.max_per_location", "1")
    data = _csv(
        "Naam;Locatie;Begindatum\nPiet Jansen;Nachtopvang Assen;01-11-2026\nKees Bakker;nachtopvang assen;2026-11-02\n"
    )
    report = run_import(desk, ImportKind.POSTAL, data, "post.csv")
    assert [r.outcome for r in report.rows] == [RowOutcome.CREATED, RowOutcome.CREATED]
    assert "wachtlijst" in report.rows[1].message
    with db.read() as session:
        assert sorted(session.scalars(select(PostalAddress.status))) == ["aangevraagd", "actief"]


def test_a_postal_row_for_an_unknown_location_is_refused_and_makes_no_person(desk, db, region):
    before = _persons(db)
    report = run_import(
        desk, ImportKind.POSTAL, _csv("Naam;Locatie;Begindatum\nPiet Jansen;Nergens;01-11-2026\n"), "p.csv"
    )
    assert (
        report.rows[0].line() == "rij 2: geweigerd: Locatie 'Nergens' is onbekend; gebruik de naam zoals onder Beheer."
    )
    assert _persons(db) == before


def test_a_stay_outside_the_locations_ages_is_refused(desk, region):
    data = _csv("Naam;Geboortedatum;Locatie;Eerste nacht\nPiet Jansen;01-01-1960;Jongerenopvang Assen;01-11-2026\n")
    report = run_import(desk, ImportKind.STAYS, data, "v.csv")
    assert report.rows[0].outcome is RowOutcome.REFUSED
    assert "18 t/m 22 jaar" in report.rows[0].message and "66 jaar" in report.rows[0].message


def test_stays_are_imported_once_for_a_known_person(desk, db, region):
    data = _csv(
        "Naam;Geboortedatum;Locatie;Eerste nacht;Laatste nacht\n"
        "Jan Berg;4-3-1968;Nachtopvang Assen;1-10-2026;15-10-2026\n"
    )
    first = run_import(desk, ImportKind.STAYS, data, "v.csv")
    second = run_import(desk, ImportKind.STAYS, data, "v.csv")
    assert [first.rows[0].outcome, second.rows[0].outcome] == [RowOutcome.CREATED, RowOutcome.MATCHED]
    with db.read() as session:
        stay = session.scalars(select(Stay).where(Stay.person_id == region.people["jan"])).one()
    assert (stay.start_night, stay.end_night, stay.outflow) == (date(2026, 10, 1), date(2026, 10, 15), "onbekend")


def test_a_postal_file_imported_twice_gives_each_person_one_address(desk, db, region, giving_location):
    data = _csv("Naam;BSN;Locatie;Begindatum\nPiet Jansen;111222333;Nachtopvang Assen;01-11-2026\n")
    first = run_import(desk, ImportKind.POSTAL, data, "post.csv")
    second = run_import(desk, ImportKind.POSTAL, data, "post.csv")
    assert [first.rows[0].outcome, second.rows[0].outcome] == [RowOutcome.CREATED, RowOutcome.MATCHED]
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(PostalAddress)) == 1
