"""Revision 0009 keeps what a database held: day maxima stay days, ended stays get a destination."""

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


def test_existing_day_maxima_migrate_as_days_and_ended_stays_without_destination_get_one(tmp_path):
    path = tmp_path / "old.sqlite"
    _alembic(path, "upgrade", "0007")
    with sqlite3.connect(path) as old:
        old.execute(
            "INSERT INTO municipality (code, name, province_code, province_name) "
            "VALUES ('0106', 'Assen', '22', 'Drenthe')"
        )
        old.execute("INSERT INTO region (id, name, centre_municipality_code) VALUES (1, 'Assen', '0106')")
        old.execute(
            "INSERT INTO facility (id, region_id, name, kind, min_age, max_age, max_stay_days, provider, "
            "street, postcode, city, active) VALUES (1, 1, 'KDO', 'kortdurende_opvang', 23, NULL, 91, '', "
            "'', '', '', 1), (2, 1, 'Nachtopvang', 'nachtopvang', NULL, NULL, NULL, '', '', '', '', 1)"
        )
        old.execute(
            "INSERT INTO person (id, alias, date_of_birth_approximate, safety_notes, last_street, "
            "last_postcode, last_city, phone, homelessness_route, consent, created_at, updated_at) "
            "VALUES (1, 'Vogel', 0, '', '', '', '', '', 'onbekend', 'niet_gevraagd', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        old.execute(
            "INSERT INTO stay (id, person_id, facility_id, start_night, end_night, outflow, "
            "outflow_to_origin, created_at) VALUES (1, 1, 2, '2026-11-01', '2026-11-03', NULL, 0, "
            "'2026-11-01 00:00:00'), (2, 1, 2, '2026-11-10', '2026-11-12', 'eigen_woning', 0, "
            "'2026-11-10 00:00:00'), (3, 1, 2, '2026-11-20', NULL, NULL, 0, '2026-11-20 00:00:00')"
        )
    _alembic(path, "upgrade", "head")
    with sqlite3.connect(path) as new:
        maxima = new.execute("SELECT id, max_stay_length, max_stay_unit FROM facility ORDER BY id").fetchall()
        outflows = new.execute("SELECT id, outflow FROM stay ORDER BY id").fetchall()
    assert maxima == [(1, 91, "dagen"), (2, None, None)]
    assert outflows == [(1, "vertrokken_onbekend"), (2, "eigen_woning"), (3, None)]


def test_a_night_before_its_stays_start_moves_the_start_back_and_nothing_is_lost(tmp_path):
    path = tmp_path / "old.sqlite"
    _alembic(path, "upgrade", "0010")
    with sqlite3.connect(path) as old:
        old.execute(
            "INSERT INTO municipality (code, name, province_code, province_name) "
            "VALUES ('0106', 'Assen', '22', 'Drenthe')"
        )
        old.execute("INSERT INTO region (id, name, centre_municipality_code) VALUES (1, 'Assen', '0106')")
        old.execute(
            "INSERT INTO facility (id, region_id, name, kind, provider, street, postcode, city, phone, "
            "active) VALUES (1, 1, 'Nachtopvang', 'nachtopvang', '', '', '', '', '', 1)"
        )
        old.execute(
            "INSERT INTO bed (id, facility_id, label, position, is_overflow, active) VALUES (1, 1, '1', 1, 0, 1)"
        )
        old.execute(
            "INSERT INTO person (id, alias, date_of_birth_approximate, safety_notes, last_street, "
            "last_postcode, last_city, phone, homelessness_route, consent, created_at, updated_at) "
            "VALUES (1, 'Vogel', 0, '', '', '', '', '', 'onbekend', 'niet_gevraagd', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        old.execute(
            "INSERT INTO stay (id, person_id, facility_id, start_night, end_night, outflow, "
            "outflow_to_origin, created_at) VALUES (1, 1, 1, '2026-11-26', NULL, NULL, 0, "
            "'2026-11-24 00:00:00')"
        )
        old.execute(
            "INSERT INTO bed_night (id, stay_id, person_id, bed_id, night, status, fee_cents, fee_status, "
            "override_reason) VALUES (1, 1, 1, 1, '2026-11-25', 'gereserveerd', 0, 'geen', ''), "
            "(2, 1, 1, 1, '2026-11-26', 'gereserveerd', 0, 'geen', '')"
        )
    _alembic(path, "upgrade", "head")
    with sqlite3.connect(path) as new:
        assert new.execute("SELECT start_night FROM stay").fetchall() == [("2026-11-25",)]
        assert new.execute("SELECT count(*) FROM bed_night").fetchall() == [(2,)]
