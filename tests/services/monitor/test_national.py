"""The half-year figures for the country match a count by hand on the demo, small numbers masked as
the monitor masks them; the pseudonymised files of two providers count a shared person once and two
namesakes with different birth dates twice, and never carry the key."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from shelter_desk.cli import main
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.national import new_key, parse_half_year, read_key
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import Bed, Facility, OrganisationSetting
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.demo.loader import load_demo
from shelter_desk.services.kernel import open_and_prepare
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.monitor import monitor, monitor_pdf, national_csv, pseudonymised_csv
from shelter_desk.services.monitor.figures import monitor_document
from shelter_desk.services.people import register_person
from tests.conftest import _desk_as

pytestmark = pytest.mark.role(Role.COORDINATOR)
TONIGHT = date(2026, 11, 24)
H2_2026 = Period.of(PeriodKind.HALF_YEAR, 2026, 2)


def _figures(desk) -> dict[tuple[str, str, str], str]:
    lines = national_csv(desk, H2_2026).decode("utf-8-sig").splitlines()
    assert lines[0] == "periode;gebied;gemeentecode;figuur;categorie;waarde"
    rows = [line.split(";") for line in lines[1:]]
    assert {row[0] for row in rows} == {"2026-2"}
    return {(area, figure, category): value for _p, area, _code, figure, category, value in rows}


@pytest.fixture
def demo(db):
    load_demo(db, TONIGHT)


def test_the_demo_figures_match_a_count_by_hand(db, desk, demo):
    with db.write() as session:  # unmasked, to compare every number
        session.add(OrganisationSetting(key="reports.small_number_threshold", value="1"))
    f = _figures(desk)
    # Assen: night shelter 7 regulars + Marieke (stopped coming) + Mehmet (met on the street tonight),
    # youth 3, KDO Gerrit, Johan, Saskia and Krzysztof (moved out), trajectkamers Iulia and Lotte (Lotte since
    # 150 days: first half year, so no inflow).
    assert f[("Assen", "personen_in_opvang", "totaal")] == "18"
    assert f[("Assen", "instroom", "totaal")] == "17"
    # 18–22 on the first night: Anouk 20, Daan 20, Sem 19, Iulia 19; nobody 23–26; the other 13 older.
    assert [f[("Assen", "instroom_leeftijd", band)] for band in ("18-22", "23-26", "27+")] == ["4", "0", "13"]
    # Admission decisions: Jan slept outside, Łukasz on couches, Dima came from an institution.
    assert [f[("Assen", "instroom_slaapplek", s)] for s in ("buiten", "bank_passant", "instelling", "onbekend")] == [
        "1",
        "1",
        "1",
        "14",
    ]
    # Krzysztof's KDO stay, 130 to 12 nights ago, ended in a home via Weer Thuis: 119 nights, 119 days to a home.
    assert f[("Assen", "uitstroom", "eigen_woning")] == "1"
    assert f[("Assen", "uitstroom_woonprogramma", "Weer Thuis")] == "1"
    assert f[("Assen", "verblijfsduur_nachten", "mediaan")] == "119,0"
    assert f[("Assen", "dagen_tot_woning", "mediaan")] == "119,0"
    # KDO applications: Jan (admitted, waiting) and Łukasz (awaiting intake); nobody placed yet.
    assert f[("Assen", "aanmeldingen", "totaal")] == "2"
    assert f[("Assen", "besluiten", "toegelaten")] == "1"
    assert f[("Assen", "wachtlijst_dagen", "mediaan")] == ""
    # Emmen: night shelter 3 regulars + Tamara, KDO 2, crisis 1; the organisation is both.
    assert f[("Emmen", "personen_in_opvang", "totaal")] == "7"
    assert f[("organisatie", "personen_in_opvang", "totaal")] == "25"
    assert f[("organisatie", "instroom", "totaal")] == "24"
    assert "eigen_voorziening" not in {category for (_a, figure, category) in f if figure == "uitstroom"}


def test_small_numbers_are_masked_as_the_monitor_masks_them(desk, demo):
    f = _figures(desk)  # the default threshold: 5
    assert f[("Assen", "personen_in_opvang", "totaal")] == "18"
    assert f[("Assen", "instroom_slaapplek", "buiten")] == "<5"
    assert f[("Assen", "uitstroom", "beschermd_wonen")] == "0"
    assert f[("Assen", "dagen_tot_woning", "mediaan")] == "<5"  # a median of one person's days


def test_a_half_year_is_written_year_dash_one_or_two():
    assert parse_half_year("2026-2") == H2_2026
    with pytest.raises(DeskError, match="geen halfjaar"):
        parse_half_year("2026-3")


def test_a_key_shorter_than_32_bytes_is_refused():
    with pytest.raises(DeskError, match="te kort"):
        read_key(b"0123456789abcdef")
    assert len(read_key(new_key())) == 32


def _provider(db, desk, name: str, people: list[tuple[str, str, date]]) -> None:
    with db.write() as session:
        facility = Facility(region=ensure_region(session, "0106"), name=name, kind=FacilityKind.NIGHT_SHELTER)
        facility.beds = [Bed(label=str(n), position=n) for n in range(1, 4)]
        session.add(facility)
        session.flush()
        beds = [bed.id for bed in facility.beds]
    for (first, last, born), bed in zip(people, beds, strict=False):
        person = register_person(desk, PersonDetails(first_name=first, last_name=last, date_of_birth=DateOfBirth(born)))
        assign_bed(desk, person, bed, TONIGHT - timedelta(days=2))


def test_two_providers_count_a_shared_person_once_and_namesakes_with_other_birth_dates_twice(
    db, desk, tmp_path, migrated_template, capsys
):
    key_file = tmp_path / "regio.sleutel"
    assert main(["export", "new-key", str(key_file)]) == 0
    key = read_key(key_file.read_bytes())
    _provider(
        db, desk, "Leger des Heils Assen", [("Jan", "Berg", date(1968, 3, 4)), ("Piet", "Jansen", date(1980, 1, 1))]
    )
    shutil.copyfile(migrated_template, tmp_path / "b.sqlite")
    other_db = open_and_prepare(resolve_location(str(tmp_path / "b.sqlite"), plain=True))
    try:
        other = _desk_as(other_db, Role.COORDINATOR)
        # The same Jan (spelled with a capital and extra space at the other provider), another Piet Jansen.
        _provider(
            other_db, other, "Het Poortje", [("jan", "  Berg", date(1968, 3, 4)), ("Piet", "Jansen", date(1985, 5, 5))]
        )
        files = [tmp_path / "a.csv", tmp_path / "b.csv"]
        files[0].write_bytes(pseudonymised_csv(desk, H2_2026, key))
        files[1].write_bytes(pseudonymised_csv(other, H2_2026, key))
    finally:
        other_db.close()
    for file in files:
        content = file.read_bytes()
        assert key.hex().encode() not in content and key not in content
        assert b"Jan" not in content and b"Berg" not in content and b"1968-03-04" not in content
    capsys.readouterr()
    assert main(["count-unique", *map(str, files)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "3"


def test_a_key_file_is_never_overwritten(tmp_path, capsys):
    key_file = tmp_path / "regio.sleutel"
    key_file.write_text("bestaat al")
    assert main(["export", "new-key", str(key_file)]) == 1
    assert "nooit overschreven" in capsys.readouterr().err
    assert key_file.read_text() == "bestaat al"


def test_export_national_on_the_command_line_writes_the_csv(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert main(["--database", str(path), "--onversleuteld", "demo"]) == 0
    out = tmp_path / "landelijk.csv"
    assert (
        main(
            [
                "--database",
                str(path),
                "--onversleuteld",
                "export",
                "national",
                "--half-year",
                "2026-2",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().decode("utf-8-sig").startswith("periode;gebied;gemeentecode;figuur;categorie;waarde")
    assert (
        main(
            [
                "--database",
                str(path),
                "--onversleuteld",
                "export",
                "national",
                "--half-year",
                "2026-7",
                "--out",
                str(out),
            ]
        )
        == 1
    )
    assert "geen halfjaar" in capsys.readouterr().err


def test_the_monitor_of_a_region_carries_the_national_figures_masked(desk, demo):
    report = monitor(desk, H2_2026, centre_code="0106")
    section = monitor_document(desk, report).sections[-1]
    assert section.title.startswith("Landelijke uitvraag")
    rows = dict(section.rows)
    assert rows["personen in opvang: totaal"] == 18 and rows["dagen tot woning: mediaan"] == "<5"
    assert monitor_pdf(desk, report).startswith(b"%PDF")
