"""Revision 0015 turns the joined forecast text of each activation into typed rows, losing nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _alembic(path: Path, *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "alembic", "-c", str(REPO / "db" / "alembic.ini"), "-x", f"database={path}", *arguments],
        check=True,
        cwd=REPO,
        capture_output=True,
    )


def _with_activations(path: Path, *forecasts: tuple[int, str, str]) -> None:
    _alembic(path, "upgrade", "0011")
    with sqlite3.connect(path) as old:
        old.execute(
            "INSERT INTO municipality (code, name, province_code, province_name) "
            "VALUES ('0106', 'Assen', '22', 'Drenthe')"
        )
        old.execute("INSERT INTO region (id, name, centre_municipality_code) VALUES (1, 'Assen', '0106')")
        for activation_id, remark, text in forecasts:
            old.execute(
                "INSERT INTO winter_activation (id, region_id, first_night, last_night, phase, remark, forecast, "
                "decided_by, decided_at) VALUES (?, 1, '2026-12-08', '2026-12-09', 2, ?, ?, 'c', "
                "'2026-12-08 12:00:00')",
                (activation_id, remark, text),
            )
    _alembic(path, "upgrade", "head")


def test_each_night_of_the_joined_forecast_becomes_a_typed_row(tmp_path):
    path = tmp_path / "old.sqlite"
    _with_activations(
        path,
        (
            1,
            "vorst",
            "2026-12-08: -6 °C, wind 20 km/h, gevoel -11.3 °C (fase 2); "
            "2026-12-09: -3.5 °C, wind 15 km/h, gevoel -7.9 °C (fase 1); "
            "2026-12-10: 2 °C, wind 10 km/h, gevoel 0.4 °C (geen winterregeling)",
        ),
        (2, "", ""),
    )
    with sqlite3.connect(path) as new:
        rows = new.execute(
            "SELECT activation_id, night, temperature, wind_kmh, felt, phase FROM winter_forecast_night ORDER BY night"
        ).fetchall()
        remarks = new.execute("SELECT remark FROM winter_activation ORDER BY id").fetchall()
    assert rows == [
        (1, "2026-12-08", -6.0, 20.0, -11.3, 2),
        (1, "2026-12-09", -3.5, 15.0, -7.9, 1),
        (1, "2026-12-10", 2.0, 10.0, 0.4, 0),
    ]
    assert remarks == [("vorst",), ("",)]


def test_a_part_that_does_not_read_is_kept_in_the_remark_not_guessed(tmp_path):
    path = tmp_path / "old.sqlite"
    _with_activations(path, (1, "vorst", "2026-12-08: -6 °C, wind 20 km/h, gevoel -11.3 °C (fase 2); zie KNMI"))
    with sqlite3.connect(path) as new:
        nights = new.execute("SELECT night FROM winter_forecast_night").fetchall()
        remark = new.execute("SELECT remark FROM winter_activation").fetchone()[0]
    assert nights == [("2026-12-08",)]
    assert remark == "vorst\nVerwachting (tekst): zie KNMI"
