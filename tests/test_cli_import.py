"""`shelter-desk import`: a dry run, then for real; 'rij N: reason' per refused row; exit 1 when any was refused."""

from __future__ import annotations

import pytest

from shelter_desk.cli import main
from tests.services.imports.messy_spreadsheet import as_csv, messy_rows


@pytest.fixture
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("SHELTER_DESK_KEY", "een-lange-wachtwoordzin")
    path = tmp_path / "regio.sqlite"
    assert main(["--database", str(path), "init"]) == 0
    return str(path)


def test_a_dry_run_prints_every_row_and_exits_1_for_a_refused_row(database, tmp_path, capsys):
    rows, _planted = messy_rows(60)
    (tmp_path / "gasten.csv").write_bytes(as_csv(rows, "cp1252"))
    capsys.readouterr()
    assert main(["--database", database, "import", "persons", str(tmp_path / "gasten.csv"), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "Proefrun personen uit gasten.csv (Windows-1252): 60 rijen" in out
    assert "rij 9: geweigerd: BSN" in out and "Er is niets opgeslagen." in out
    assert main(["--database", database, "init"]) == 0
    assert "personen: 0" in capsys.readouterr().out


def test_a_file_whose_rows_are_all_created_or_matched_exits_0_and_a_second_run_creates_nothing(
    database, tmp_path, capsys
):
    (tmp_path / "lijst.csv").write_bytes("Naam;BSN\r\nJansen, Piet;1112 22 333\r\n".encode("utf-8-sig"))
    assert main(["--database", database, "import", "persons", str(tmp_path / "lijst.csv")]) == 0
    assert main(["--database", database, "import", "persons", str(tmp_path / "lijst.csv")]) == 0
    out = capsys.readouterr().out
    assert "rij 2: nieuw: persoon Piet Jansen" in out
    assert "rij 2: gekoppeld aan bestaande persoon Piet Jansen" in out


def test_a_template_is_written_for_each_kind(database, tmp_path):
    for kind in ("persons", "postal", "stays"):
        out = tmp_path / f"{kind}.xlsx"
        assert main(["--database", database, "import", kind, str(out), "--template"]) == 0
        assert out.read_bytes()[:2] == b"PK"
