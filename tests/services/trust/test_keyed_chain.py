"""The keyed, anchored chain: an edit with the chain recomputed, cut-off lines and dropped triggers all show.

A plain SHA-256 chain inside the database would not do: anyone with the file (and its key) could
edit a line and recompute the rest, or delete the newest lines, and the chain would still verify;
and a file without its append-only triggers must not open without a word.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC

import pytest
from sqlalchemy import select

from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.log_chain_keys import head_path
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.services.people import load_person, register_person
from shelter_desk.services.trust import chain_warning, verify_chain

pytestmark = pytest.mark.role(Role.COORDINATOR)


@pytest.fixture
def logged(desk):
    """A few lines in the log: registrations and readings."""
    people = [
        register_person(desk, PersonDetails(first_name=name, last_name="Berg")) for name in ("Jan", "Piet", "Kees")
    ]
    for person in people:
        load_person(desk, person)
    return people


def _raw(location):
    connection = sqlite3.connect(location.path)
    connection.execute("DROP TRIGGER IF EXISTS access_log_no_update")
    connection.execute("DROP TRIGGER IF EXISTS access_log_no_delete")
    return connection


def _restore_triggers(connection):
    connection.execute(
        "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'x'); END"
    )
    connection.execute(
        "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'x'); END"
    )


def _recompute_with_sha256(connection, from_id):
    """What an attacker with the database could do before: edit, then recompute every later hash."""
    rows = connection.execute(
        "SELECT id, at, username, workstation, person_id, action, fields, detail, previous_hash "
        "FROM access_log WHERE id >= ? ORDER BY id",
        (from_id,),
    ).fetchall()
    previous = rows[0][8]
    from datetime import datetime

    for entry_id, at, username, workstation, person_id, action, fields, detail, _ in rows:
        moment = datetime.fromisoformat(at).replace(tzinfo=UTC) if isinstance(at, str) else at
        text = "\x1f".join(
            (previous, moment.isoformat(), username, workstation, str(person_id), action, fields, detail)
        )
        digest = hashlib.sha256(text.encode()).hexdigest()
        connection.execute(
            "UPDATE access_log SET previous_hash = ?, hash = ? WHERE id = ?", (previous, digest, entry_id)
        )
        previous = digest


def test_an_intact_log_gives_no_warning_and_no_warning_line(desk, db, logged):
    assert chain_warning(desk) is None and verify_chain(desk) is None
    with db.read() as session:
        assert "waarschuwing logboek" not in session.scalars(select(AccessLogEntry.action)).all()


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_an_edited_line_with_the_later_hashes_recomputed_is_found(desk, db, logged, location):
    connection = _raw(location)
    connection.execute("UPDATE access_log SET username = 'iemand anders' WHERE id = 2")
    _recompute_with_sha256(connection, 2)
    _restore_triggers(connection)
    connection.commit()
    connection.close()
    assert verify_chain(desk) == 2


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_lines_cut_off_the_end_are_found_with_since_when(desk, db, logged, location):
    with db.read() as session:
        newest = session.scalar(select(AccessLogEntry.id).order_by(AccessLogEntry.id.desc()).limit(1))
    connection = _raw(location)
    connection.execute("DELETE FROM access_log WHERE id > ?", (newest - 2,))
    _restore_triggers(connection)
    connection.commit()
    connection.close()
    warning = chain_warning(desk)
    assert warning is not None and f"regel {newest}" in warning and "verdwenen" in warning
    assert "laatst aantoonbaar in orde op 24-11-2026 21:00" in warning
    assert verify_chain(desk) is not None


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_dropped_triggers_are_warned_about_and_the_warning_is_logged(desk, db, logged, location):
    connection = sqlite3.connect(location.path)
    connection.execute("DROP TRIGGER access_log_no_delete")
    connection.commit()
    connection.close()
    warning = chain_warning(desk)
    assert warning is not None and "access_log_no_delete" in warning and "Meld dit" in warning
    with db.read() as session:
        last = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1)).one()
    assert last.action == "waarschuwing logboek" and "triggers" in last.detail


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_a_forged_head_is_refused(desk, db, logged, location):
    path = head_path(location)
    head = json.loads(path.read_text())
    head["last_id"] -= 3  # roll the head back so that cut-off lines would not show
    path.write_text(json.dumps(head))
    warning = chain_warning(desk)
    assert warning is not None and "handtekening van de logkop" in warning


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_a_deleted_head_is_warned_about(desk, db, logged, location):
    head_path(location).unlink()
    warning = chain_warning(desk)
    assert warning is not None and "logkop" in warning and "ontbreekt" in warning


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_the_chain_key_is_not_in_the_database(desk, db, logged, location):
    from shelter_desk.persistence.log_chain_keys import chain_key

    key = chain_key(location).hex()
    raw = location.path.read_bytes()
    assert key.encode() not in raw and bytes.fromhex(key) not in raw
    with db.read() as session:
        first = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id).limit(1)).one()
    text = "\x1f".join(
        (
            "0" * 64,
            first.at.isoformat(),
            first.username,
            first.workstation,
            str(first.person_id),
            first.action,
            first.fields,
            first.detail,
        )
    )
    assert first.hash != hashlib.sha256(text.encode()).hexdigest()  # not recomputable without the key


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_the_warning_is_incremental_from_the_head(desk, db, logged, location, monkeypatch):
    from shelter_desk.services.kernel import access_log

    checked: list[int] = []
    real = access_log._text

    def counting(previous, at, *rest):
        checked.append(1)
        return real(previous, at, *rest)

    monkeypatch.setattr(access_log, "_text", counting)
    assert chain_warning(desk) is None
    assert len(checked) == 6  # the first check walks every line: three registrations, three readings
    checked.clear()
    assert chain_warning(desk) is None
    assert len(checked) == 0  # nothing written since: nothing to hash again
    load_person(desk, logged[0])
    checked.clear()
    assert chain_warning(desk) is None
    assert len(checked) == 1  # only the read logged since the last check


@pytest.mark.role(Role.ADMINISTRATOR)
@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_after_a_restore_the_head_describes_the_restored_log(desk, db, logged, tmp_path):
    from shelter_desk.services.trust import backup_now, restore

    copy = backup_now(desk, tmp_path / "b")
    register_person(desk, PersonDetails(first_name="Later"))
    restore(desk, copy)
    assert chain_warning(desk) is None and verify_chain(desk) is None


def test_every_spelling_of_a_servers_address_chains_with_the_same_region_key(tmp_path, monkeypatch):
    from shelter_desk.persistence import log_chain_keys
    from shelter_desk.persistence.location import resolve_location

    monkeypatch.setenv("SHELTER_DESK_LOG_KEY", "de-sleutel-van-de-regio")
    log_chain_keys.forget_cached_keys()
    keys = set()
    for desk_home, url in (
        ("balie-1", "postgresql+psycopg://balie:geheim@server/desk?sslmode=require"),
        ("balie-2", "postgresql://balie:geheim@127.0.0.1/desk"),
    ):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / desk_home))
        keys.add(log_chain_keys.chain_key(resolve_location(url)))
    assert len(keys) == 1 and None not in keys
    monkeypatch.delenv("SHELTER_DESK_LOG_KEY")
    log_chain_keys.forget_cached_keys()
    assert log_chain_keys.chain_key(resolve_location("postgresql://balie:geheim@server/desk")) is None
    log_chain_keys.forget_cached_keys()


def _legacy_database(location):
    """A database as the version before the keyed chain left it: SHA-256 lines, no boundary, no head."""
    connection = sqlite3.connect(location.path)
    connection.execute(
        "DELETE FROM database_info WHERE key IN ('access_log_keyed_after', 'access_log_keys', 'access_log_anchor')"
    )
    previous = "0" * 64
    for n in range(3):
        at = f"2026-11-2{n} 20:00:00.000000"
        text = "\x1f".join((previous, f"2026-11-2{n}T20:00:00+00:00", "oud", "balie-1", "None", "aanmelden", "", ""))
        digest = hashlib.sha256(text.encode()).hexdigest()
        connection.execute(
            "INSERT INTO access_log (at, username, workstation, person_id, action, fields, detail, "
            "previous_hash, hash) VALUES (?, 'oud', 'balie-1', NULL, 'aanmelden', '', '', ?, ?)",
            (at, previous, digest),
        )
        previous = digest
    connection.commit()
    connection.close()
    head_path(location).unlink(missing_ok=True)


@pytest.mark.sqlite_only("tampers with the SQLite file and the signed head kept beside it")
def test_a_log_from_before_the_keyed_chain_stays_verifiable_after_the_upgrade(location):
    from shelter_desk.domain.roles import DeskUser
    from shelter_desk.services.kernel import open_and_prepare
    from shelter_desk.services.kernel.desk import Desk
    from tests.conftest import EVENING

    _legacy_database(location)
    db = open_and_prepare(location)  # the upgrade: the boundary is set at the newest old line
    try:
        desk = Desk(db, clock=lambda: EVENING, user=DeskUser(1, "c", "C", Role.COORDINATOR))
        register_person(desk, PersonDetails(first_name="Nieuw"))
        assert verify_chain(desk) is None and chain_warning(desk) is None
        with sqlite3.connect(location.path) as connection:  # moving the boundary to hide keyed lines
            connection.execute("UPDATE database_info SET value = '99' WHERE key = 'access_log_keyed_after'")
        connection.close()
        warning = chain_warning(desk)
        assert warning is not None and "grens" in warning
    finally:
        db.close()


def _newest(db):
    with db.read() as session:
        return session.scalar(select(AccessLogEntry.id).order_by(AccessLogEntry.id.desc()).limit(1))


def _restart(db, location):
    """The desk closed and started again: a new database handle, the same records."""
    from shelter_desk.domain.roles import DeskUser
    from shelter_desk.services.kernel import open_and_prepare
    from shelter_desk.services.kernel.desk import Desk
    from tests.conftest import EVENING

    db.close()
    reopened = open_and_prepare(location)
    return reopened, Desk(reopened, clock=lambda: EVENING, user=DeskUser(1, "c", "C", Role.ADMINISTRATOR))


@pytest.mark.sqlite_only("tampers with the SQLite file and the records kept beside it")
def test_an_older_head_put_back_after_the_newest_lines_were_deleted_is_found(desk, db, logged, location):
    older_head = head_path(location).read_bytes()
    for person in logged:
        load_person(desk, person)
    newest = _newest(db)
    connection = _raw(location)
    connection.execute("DELETE FROM access_log WHERE id > ?", (newest - 3,))
    _restore_triggers(connection)
    connection.commit()
    connection.close()
    head_path(location).write_bytes(older_head)  # signed, and once true
    warning = chain_warning(desk)
    assert warning is not None and "teruggezet" in warning and "Meld dit" in warning
    assert verify_chain(desk) is not None


@pytest.mark.sqlite_only("tampers with the SQLite file and the records kept beside it")
def test_a_boundary_moved_to_the_newest_line_with_the_head_deleted_and_sha256_recomputed_is_found(
    desk, db, logged, location
):
    newest = _newest(db)
    connection = _raw(location)
    connection.execute("UPDATE database_info SET value = ? WHERE key = 'access_log_keyed_after'", (str(newest),))
    connection.execute("UPDATE access_log SET username = 'iemand anders' WHERE id = 2")
    _recompute_with_sha256(connection, 1)
    _restore_triggers(connection)
    connection.commit()
    connection.close()
    head_path(location).unlink()
    warning = chain_warning(desk)
    assert warning is not None and "Meld dit" in warning
    assert verify_chain(desk) is not None


def _recompute_with_the_key(connection, location, from_id):
    """What someone holding the database's own key can do: edit, then recompute the keyed chain."""
    from datetime import datetime

    from shelter_desk.persistence.log_chain_keys import chain_key, entry_mac

    key = chain_key(location)
    rows = connection.execute(
        "SELECT id, at, username, workstation, person_id, action, fields, detail, previous_hash "
        "FROM access_log WHERE id >= ? ORDER BY id",
        (from_id,),
    ).fetchall()
    previous = rows[0][8]
    for entry_id, at, username, workstation, person_id, action, fields, detail, _ in rows:
        moment = datetime.fromisoformat(at).replace(tzinfo=UTC)
        text = "\x1f".join(
            (previous, moment.isoformat(), username, workstation, str(person_id), action, fields, detail)
        )
        digest = entry_mac(key, text)
        connection.execute(
            "UPDATE access_log SET previous_hash = ?, hash = ? WHERE id = ?", (previous, digest, entry_id)
        )
        previous = digest


@pytest.mark.role(Role.ADMINISTRATOR)
@pytest.mark.sqlite_only("tampers with the SQLite file and the records kept beside it")
def test_a_break_stays_reported_after_its_own_warning_line_later_lines_and_a_restart(desk, db, logged, location):
    assert chain_warning(desk) is None  # a coordinator's sign-in checked the log as it was
    connection = _raw(location)
    connection.execute("UPDATE access_log SET username = 'iemand anders' WHERE id = 2")
    _recompute_with_the_key(connection, location, 2)
    _restore_triggers(connection)
    connection.commit()
    connection.close()
    first = chain_warning(desk)
    assert first is not None and "Meld dit" in first
    second = chain_warning(desk)  # the first warning's own line moved the head onto the forged chain
    assert second is not None and "gebroken sinds regel" in second and "gevonden op" in second
    assert verify_chain(desk) is not None
    db, desk = _restart(db, location)
    try:
        load_person(desk, logged[0])
        warning = chain_warning(desk)
        assert warning is not None and "gebroken sinds regel" in warning
        assert verify_chain(desk) is not None
    finally:
        db.close()


@pytest.mark.role(Role.ADMINISTRATOR)
@pytest.mark.sqlite_only("tampers with the SQLite file and the records kept beside it")
def test_an_administrator_acknowledges_a_break_with_a_reason_and_that_is_logged(desk, db, logged, location):
    from shelter_desk.domain.errors import DeskError
    from shelter_desk.services.trust import acknowledge_chain_break

    assert chain_warning(desk) is None
    connection = _raw(location)
    connection.execute("UPDATE access_log SET username = 'iemand anders' WHERE id = 2")
    _recompute_with_the_key(connection, location, 2)
    _restore_triggers(connection)
    connection.commit()
    connection.close()
    assert chain_warning(desk) is not None
    with pytest.raises(DeskError, match="Geef een reden"):
        acknowledge_chain_break(desk, " ")
    assert chain_warning(desk) is not None
    acknowledge_chain_break(desk, "Onderzocht door de FG: testbestand, melding AP niet nodig")
    assert chain_warning(desk) is None and verify_chain(desk) is None
    with db.read() as session:
        actions = session.scalars(select(AccessLogEntry.action).order_by(AccessLogEntry.id)).all()
        last = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1)).one()
    assert actions.count("waarschuwing logboek") == 2
    assert last.action == "breuk logboek erkend" and "melding AP niet nodig" in last.detail
