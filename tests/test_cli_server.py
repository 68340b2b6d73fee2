"""The command line on a PostgreSQL server: init, demo, print and backup work; a missing driver, an
unknown kind of database, a wrong password, a missing database and an unreachable server are one
Dutch sentence (which server, what to try) and exit code 1, never a traceback."""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from shelter_desk.cli import main
from tests.pg_server import PASSWORD, PASSWORD_ROLE

REPO = Path(__file__).resolve().parents[1]
_numbers = itertools.count(1)


@pytest.fixture
def server_database(postgres_cluster, postgres_admin):
    """An empty database on the test server, as a region's administrator would create it."""
    name = f"cli_{next(_numbers)}"
    postgres_admin.execute(f"CREATE DATABASE {name}")
    yield name
    postgres_admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the probe closes: nobody listens there


def test_init_demo_print_and_backup_work_against_a_fresh_server_database(
    postgres_cluster, server_database, tmp_path, capsys
):
    url = postgres_cluster.url(server_database).replace("postgresql+psycopg://", "postgresql://")
    assert main(["--database", url, "init"]) == 0
    assert main(["--database", url, "demo"]) == 0
    out = tmp_path / "lijst.pdf"
    assert (
        main(["--database", url, "print", "occupancy", "--facility", "Nachtopvang Havenkade", "--out", str(out)]) == 0
    )
    assert out.read_bytes()[:4] == b"%PDF"
    assert main(["--database", url, "backup"]) == 0  # no --folder: the user's data folder
    printed = capsys.readouterr().out
    assert "Database gereed" in printed and "personen: 30" in printed
    assert "Back-up gemaakt:" in printed and ".dump" in printed


def test_a_wrong_password_names_the_server_and_the_user(postgres_cluster, server_database, capsys):
    url = postgres_cluster.url(server_database, user=PASSWORD_ROLE, password="fout-" + PASSWORD)
    assert main(["--database", url, "init"]) == 1
    err = capsys.readouterr().err
    assert f"weigert gebruiker '{PASSWORD_ROLE}'" in err and "wachtwoord klopt niet" in err
    assert postgres_cluster.socket_folder in err and "fout-" not in err and "Traceback" not in err


def test_a_database_that_does_not_exist_is_named(postgres_cluster, capsys):
    assert main(["--database", postgres_cluster.url("bestaat_niet"), "init"]) == 1
    err = capsys.readouterr().err
    assert "bestaat geen database 'bestaat_niet'" in err and "Traceback" not in err


def test_a_missing_driver_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    assert main(["--database", "postgresql://desk@192.0.2.1/regio", "init"]) == 1
    err = capsys.readouterr().err
    assert "stuurprogramma" in err and "psycopg" in err and "pip install" in err and "Traceback" not in err


@pytest.mark.parametrize("url", ["mysql://desk@localhost/regio", "oracle+cx://a@b/c", "onzin://x"])
def test_an_unknown_kind_of_database_is_refused(url, capsys):
    assert main(["--database", url, "init"]) == 1
    assert "geen databasesoort die Shelter Desk kent" in capsys.readouterr().err


def test_an_unreachable_server_is_one_dutch_sentence_and_exit_code_1_without_traceback():
    port = _closed_port()
    for command in (["init"], ["demo"], ["print", "occupancy", "--facility", "x", "--out", "x.pdf"]):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "shelter_desk",
                "--database",
                f"postgresql://desk:geheim@127.0.0.1:{port}/regio",
                *command,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1, result.stderr
        assert f"De databaseserver 127.0.0.1:{port} is niet bereikbaar" in result.stderr
        assert "Traceback" not in result.stderr and "geheim" not in result.stderr
