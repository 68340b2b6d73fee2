"""The command line answers in Dutch and calls the same services as the window."""

from __future__ import annotations

import pytest

from shelter_desk import __version__
from shelter_desk.cli import main


def test_version_prints_the_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_an_unknown_argument_is_refused_in_dutch_with_a_nonzero_exit(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--onzin"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "onbekende argumenten: --onzin" in err and "gebruik:" in err


def test_init_creates_an_empty_database_at_the_given_path(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SHELTER_DESK_KEY", "een-lange-wachtwoordzin")
    path = tmp_path / "regio.sqlite"
    assert main(["--database", str(path), "init"]) == 0
    assert path.exists()
    out = capsys.readouterr().out
    assert "Database gereed" in out and "personen: 0" in out and "demo" not in out


def test_demo_loads_the_demo_once(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    assert main(["--database", str(path), "demo"]) == 0
    assert main(["--database", str(path), "demo"]) == 0
    out = capsys.readouterr().out
    assert "Demogegevens geladen." in out and "bevat de demogegevens al" in out and "personen: 30" in out


def test_the_environment_variable_chooses_the_database(tmp_path, monkeypatch):
    path = tmp_path / "uit-omgeving.sqlite"
    monkeypatch.setenv("SHELTER_DESK_DATABASE", str(path))
    monkeypatch.setenv("SHELTER_DESK_KEY", "een-lange-wachtwoordzin")
    assert main(["init"]) == 0
    assert path.exists()


def test_a_corrupt_database_is_a_dutch_error_and_exit_code_1(tmp_path, capsys):
    path = tmp_path / "kapot.sqlite"
    path.write_text("geen database")
    assert main(["--database", str(path), "--onversleuteld", "init"]) == 1
    err = capsys.readouterr().err
    assert "Fout: Het bestand" in err and "niet gewijzigd" in err


def test_an_encrypted_database_without_its_key_is_refused_in_dutch(tmp_path, capsys, monkeypatch):
    path = tmp_path / "regio.sqlite"
    monkeypatch.setenv("SHELTER_DESK_KEY", "een-lange-wachtwoordzin")
    assert main(["--database", str(path), "init"]) == 0
    before = path.read_bytes()
    monkeypatch.setenv("SHELTER_DESK_KEY", "een-verkeerde-wachtwoordzin")
    assert main(["--database", str(path), "init"]) == 1
    assert "sleutel of het wachtwoord klopt niet" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_print_occupancy_writes_tonights_list_of_a_facility(tmp_path, capsys):
    from io import BytesIO

    from pypdf import PdfReader

    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    out = tmp_path / "lijst.pdf"
    assert (
        main(["--database", str(path), "print", "occupancy", "--facility", "Nachtopvang Havenkade", "--out", str(out)])
        == 0
    )
    text = PdfReader(BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "Bezettingslijst" in text and "Łukasz Wiśniewski" in text and "Дмитрий Иванов" in text


def test_print_roll_call_lists_only_the_people_present(tmp_path):
    from io import BytesIO

    from pypdf import PdfReader

    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    out = tmp_path / "appel.pdf"
    assert (
        main(
            ["--database", str(path), "print", "roll-call", "--facility", "Kortdurende Opvang Assen", "--out", str(out)]
        )
        == 0
    )
    text = PdfReader(BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "Appèllijst" in text and "vrij" not in text


def test_print_with_an_ambiguous_facility_names_the_candidates(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    assert (
        main(
            ["--database", str(path), "print", "occupancy", "--facility", "Havenkade", "--out", str(tmp_path / "x.pdf")]
        )
        == 1
    )
    assert "past bij meerdere voorzieningen" in capsys.readouterr().err


def test_print_with_an_impossible_night_is_refused_in_dutch(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["print", "occupancy", "--facility", "x", "--night", "2026-02-31", "--out", "x.pdf"])
    assert stop.value.code == 2
    assert "geen datum" in capsys.readouterr().err


def test_backup_and_restore_from_the_command_line(tmp_path, capsys, monkeypatch):
    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    assert main(["--database", str(path), "backup", "--folder", str(tmp_path / "b")]) == 0
    copy = next((tmp_path / "b").glob("shelter-desk-*.sqlite"))
    _at_a_terminal(monkeypatch)
    monkeypatch.setattr("builtins.input", lambda prompt: "beheerder")
    monkeypatch.setattr("getpass.getpass", lambda prompt: "demo-wachtwoord")
    assert main(["--database", str(path), "restore", str(copy)]) == 0
    assert "Back-up teruggezet" in capsys.readouterr().out


def test_restoring_a_file_that_is_no_backup_fails_with_exit_code_1(tmp_path, capsys, monkeypatch):
    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    fake = tmp_path / "nep.sqlite"
    fake.write_text("geen database")
    _at_a_terminal(monkeypatch)
    monkeypatch.setattr("builtins.input", lambda prompt: "beheerder")
    monkeypatch.setattr("getpass.getpass", lambda prompt: "demo-wachtwoord")
    assert main(["--database", str(path), "restore", str(fake)]) == 1
    assert "niets teruggezet" in capsys.readouterr().err


class _Terminal:
    def isatty(self) -> bool:
        return True


def _at_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal())


# --- opening files: every failure a Dutch sentence and exit code 1 --------------------------


def test_restore_without_a_terminal_says_it_needs_one(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    assert main(["--database", str(path), "restore", str(path)]) == 1
    assert "in een terminal" in capsys.readouterr().err


def _read_only(monkeypatch, read_only) -> None:
    """Permissions as the operating system reports them (the tests may run as root, who may write anywhere)."""
    import os

    real_access = os.access
    monkeypatch.setattr(
        "shelter_desk.persistence.migrations.os.access",
        lambda path, mode: False if str(path) == str(read_only) else real_access(path, mode),
    )


def test_a_read_only_folder_is_a_dutch_error(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    _read_only(monkeypatch, folder)
    assert main(["--database", str(folder / "desk.sqlite"), "--onversleuteld", "init"]) == 1
    assert "mag dit account niet schrijven" in capsys.readouterr().err


def test_a_read_only_file_is_a_dutch_error(tmp_path, capsys, monkeypatch):
    path = tmp_path / "desk.sqlite"
    assert main(["--database", str(path), "--onversleuteld", "init"]) == 0
    _read_only(monkeypatch, path)
    assert main(["--database", str(path), "--onversleuteld", "init"]) == 1
    assert "alleen-lezen" in capsys.readouterr().err


def test_dev_null_is_no_database(capsys):
    assert main(["--database", "/dev/null", "--onversleuteld", "init"]) == 1
    assert "geen gewoon bestand" in capsys.readouterr().err


def test_an_unknown_url_scheme_is_a_dutch_error(capsys):
    assert main(["--database", "mongodb://server/desk", "init"]) == 1
    assert "geen databasesoort die Shelter Desk kent" in capsys.readouterr().err


def test_a_postgresql_url_without_its_driver_is_a_dutch_error(capsys, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_psycopg(name, *args, **kwargs):
        if name.startswith("psycopg"):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    assert main(["--database", "postgresql+psycopg://u:p@localhost/desk", "init"]) == 1
    assert "stuurprogramma" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["vraag?teken.sqlite", "honderd%25procent.sqlite", "hekje#.sqlite"])
def test_a_path_with_url_characters_writes_exactly_the_file_named(tmp_path, name):
    path = tmp_path / name
    assert main(["--database", str(path), "--onversleuteld", "init"]) == 0
    assert path.is_file() and path.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite") == [name]


def test_a_new_encrypted_database_refuses_a_short_key(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SHELTER_DESK_KEY", "kort")
    path = tmp_path / "geheim.sqlite"
    assert main(["--database", str(path), "init"]) == 1
    assert "minstens 12 tekens" in capsys.readouterr().err and not path.exists()


def test_a_plain_file_opened_without_a_key_is_not_called_encrypted(tmp_path, capsys):
    path = tmp_path / "gewoon.sqlite"
    assert main(["--database", str(path), "--onversleuteld", "init"]) == 0
    assert main(["--database", str(path), "init"]) == 1
    err = capsys.readouterr().err
    assert "onversleutelde database" in err and "is versleuteld" not in err


def test_a_file_changed_after_todays_check_is_checked_again(tmp_path):
    from shelter_desk.persistence.check_marker import checked_today

    path = tmp_path / "desk.sqlite"
    for _ in range(2):  # made, then opened again: the second opening checks the whole file
        assert main(["--database", str(path), "--onversleuteld", "init"]) == 0
    assert checked_today(path)  # checked, and the desk's own writes renewed the marker
    with path.open("r+b") as handle:  # something else changes the file after the check
        handle.seek(200)
        handle.write(b"\x00")
    assert not checked_today(path)


def test_winter_forecast_prints_each_night_with_its_felt_temperature_and_phase(tmp_path, capsys):
    from shelter_desk.paths import resource

    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    capsys.readouterr()
    assert (
        main(
            [
                "--database",
                str(path),
                "winter",
                "forecast",
                "--file",
                str(resource("winter", "voorbeeld-weerlive.json")),
                "--region",
                "Assen",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Weerlive-verwachting (JSON) uit voorbeeld-weerlive.json, wind in km/h; Regio Assen")
    assert lines[1:] == [
        "ma 23-11-2026  -0,9 °C  geen winterregeling",
        "di 24-11-2026  -9,8 °C  fase 1",
        "wo 25-11-2026  -14,3 °C  fase 2",
        "do 26-11-2026  -8,4 °C  fase 1",
        "vr 27-11-2026  -3,7 °C  geen winterregeling",
    ]


def test_winter_forecast_refuses_a_file_with_a_bad_line_naming_each_line_in_dutch(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    capsys.readouterr()
    bad = tmp_path / "verwachting.csv"
    bad.write_text("datum;min;wind (Bft)\n;-3;4\n25-11-2026;-3;13\n26-11-2026;-3;4\n", encoding="utf-8")
    assert main(["--database", str(path), "winter", "forecast", "--file", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "Fout: Het bestand is niet ingelezen; er is niets overgenomen.",
        "Regel 2: de datum ontbreekt.",
        "Regel 3: windkracht in Beaufort is een heel getal van 0 tot en met 12.",
    ]


def test_winter_forecast_names_the_regions_when_the_region_is_unknown(tmp_path, capsys):
    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    assert main(["--database", str(path), "winter", "forecast", "--file", str(path), "--region", "Zwolle"]) == 1
    assert "Onbekende regio 'Zwolle'. Kies uit: Regio Assen, Regio Emmen." in capsys.readouterr().err


def test_winter_season_saves_the_report_checked_against_a_knmi_file(tmp_path, capsys):
    from io import BytesIO

    from pypdf import PdfReader

    from shelter_desk.paths import resource

    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    capsys.readouterr()
    out = tmp_path / "seizoen.pdf"
    knmi = resource("winter", "voorbeeld-knmi-etmgeg.txt")
    arguments = ["winter", "season", "--region", "Assen", "--from", "2026-11-01", "--to", "2027-04-30"]
    assert main(["--database", str(path), *arguments, "--observed", str(knmi), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Seizoensrapport 01-11-2026 t/m 30-04-2027 opgeslagen:")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(out.read_bytes())).pages).split())
    assert "Verwachting en waarneming" in text and "Straatcontacten per nacht — Regio Assen" in text


def test_winter_season_refuses_a_forecast_as_observation_and_writes_nothing(tmp_path, capsys):
    from shelter_desk.paths import resource

    path = tmp_path / "demo.sqlite"
    main(["--database", str(path), "demo"])
    out = tmp_path / "seizoen.pdf"
    weerlive = resource("winter", "voorbeeld-weerlive.json")
    arguments = ["winter", "season", "--region", "Assen", "--observed", str(weerlive), "--out", str(out)]
    assert main(["--database", str(path), *arguments]) == 1
    assert "geen waarneming" in capsys.readouterr().err and not out.exists()
