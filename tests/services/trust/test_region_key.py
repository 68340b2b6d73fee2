"""A region's access log is keyed with the region key, never with the text of the connection.

Every spelling of the server's address verifies the same chain; a desk without the key (or with
another) is told it lacks the key, which is no sign of tampering; a line edited by the database's
owner is tampering. Changing the key is logged, and the lines before it stay verifiable.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.persistence import log_chain_keys
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.services.kernel import open_and_prepare
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people import load_person, register_person
from shelter_desk.services.trust import adopt_region_key, chain_warning, verify_chain
from tests.conftest import EVENING

pytestmark = [
    pytest.mark.role(Role.ADMINISTRATOR),
    pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True),
]


@pytest.fixture(autouse=True)
def _fresh_keys():
    log_chain_keys.forget_cached_keys()
    yield
    log_chain_keys.forget_cached_keys()


def _open(url):
    db = open_and_prepare(resolve_location(url))
    return db, Desk(db, clock=lambda: EVENING, user=DeskUser(1, "c", "C", Role.ADMINISTRATOR), workstation="balie-2")


def _spellings(location, postgres_cluster):
    plain = location.url.replace("postgresql+psycopg://", "postgresql://")
    return [
        location.url,
        plain,
        f"{plain}&connect_timeout=7&application_name=cron-taak",
        location.url.replace(f"host={postgres_cluster.socket_folder}", f"host={postgres_cluster.socket_folder}/"),
    ]


def test_every_spelling_of_the_servers_address_verifies_the_same_chain(desk, db, location, postgres_cluster):
    register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    for n, url in enumerate(_spellings(location, postgres_cluster)):
        other, other_desk = _open(url)
        try:
            register_person(other_desk, PersonDetails(first_name=f"Piet{'je' * n}", last_name=f"Spelling{n}"))
            assert chain_warning(other_desk) is None and verify_chain(other_desk) is None
        finally:
            other.close()
    assert chain_warning(desk) is None and verify_chain(desk) is None


def test_a_desk_without_the_region_key_is_told_it_lacks_the_key_not_that_the_log_was_tampered_with(
    desk, db, monkeypatch
):
    register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    monkeypatch.delenv(log_chain_keys.LOG_KEY_ENV)
    log_chain_keys.forget_cached_keys()
    warning = chain_warning(desk)
    assert warning is not None and "heeft niet de logsleutel van deze regio" in warning
    assert "geen teken van een datalek" in warning and "AVG" not in warning
    with pytest.raises(DeskError, match="heeft niet de logsleutel"):
        verify_chain(desk)


def test_a_desk_without_the_region_key_saves_nothing_rather_than_an_unverifiable_line(desk, db, monkeypatch):
    monkeypatch.delenv(log_chain_keys.LOG_KEY_ENV)
    log_chain_keys.forget_cached_keys()
    with pytest.raises(DeskError, match="heeft niet de logsleutel.*niets opgeslagen"):
        register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AccessLogEntry)) == 0


def test_a_desk_with_another_region_key_is_told_which_key_it_has(desk, db, monkeypatch):
    register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    monkeypatch.setenv(log_chain_keys.LOG_KEY_ENV, "een-andere-sleutel")
    log_chain_keys.forget_cached_keys()
    warning = chain_warning(desk)
    assert warning is not None and "andere sleutel" in warning and "datalek" in warning and "AVG" not in warning


def test_a_line_edited_by_the_database_owner_is_tampering(desk, db, location, postgres_cluster):
    import psycopg
    from sqlalchemy.engine import make_url

    person = register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    load_person(desk, person)
    load_person(desk, person)
    assert chain_warning(desk) is None
    with psycopg.connect(
        host=postgres_cluster.socket_folder, user="postgres", dbname=make_url(location.url).database, autocommit=True
    ) as owner:
        first = owner.execute("SELECT min(id) FROM access_log").fetchone()[0]
        owner.execute("ALTER TABLE access_log DISABLE TRIGGER access_log_append_only")
        owner.execute("UPDATE access_log SET username = 'iemand anders' WHERE id = %s", (first + 1,))
        owner.execute("ALTER TABLE access_log ENABLE TRIGGER access_log_append_only")
    assert verify_chain(desk) == first + 1
    warning = chain_warning(desk)
    assert warning is not None and "niet meer betrouwbaar" in warning and "AVG art. 33" in warning


def test_changing_the_region_key_is_logged_and_the_lines_before_stay_verifiable(desk, db, monkeypatch, tmp_path):
    register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    key_file = tmp_path / "regio.logsleutel"
    key_file.write_text("regiosleutel-van-de-testregio\n")
    monkeypatch.delenv(log_chain_keys.LOG_KEY_ENV)
    monkeypatch.setenv(log_chain_keys.LOG_KEY_FILE_ENV, str(key_file))
    log_chain_keys.store_region_secret("de-nieuwe-sleutel-van-de-regio")
    assert key_file.stat().st_mode & 0o777 == 0o600
    new_print = adopt_region_key(desk, "de-nieuwe-sleutel-van-de-regio")
    assert new_print == log_chain_keys.show_fingerprint(
        log_chain_keys.region_fingerprint("de-nieuwe-sleutel-van-de-regio")
    )
    with db.read() as session:
        last = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1)).one()
    assert last.action == "logsleutel gewisseld" and new_print in last.detail
    register_person(desk, PersonDetails(first_name="Piet", last_name="Berg"))
    assert chain_warning(desk) is None and verify_chain(desk) is None
    key_file.write_text("de-nieuwe-sleutel-van-de-regio\n")  # a desk given only the new key
    log_chain_keys.forget_cached_keys()
    assert chain_warning(desk) is None and verify_chain(desk) is None
    register_person(desk, PersonDetails(first_name="Kees", last_name="Berg"))


def _forget_the_key_segments(location, postgres_cluster):
    """As the version before the region key left a database: no key segments, no signed anchor."""
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(
        host=postgres_cluster.socket_folder, user="postgres", dbname=make_url(location.url).database, autocommit=True
    ) as owner:
        owner.execute("DELETE FROM database_info WHERE key IN ('access_log_keys', 'access_log_anchor')")


def test_a_region_from_before_the_region_key_takes_it_without_an_alarm(location, monkeypatch, postgres_cluster):
    _forget_the_key_segments(location, postgres_cluster)
    monkeypatch.setenv(log_chain_keys.LOG_KEY_ENV, "postgresql+psycopg://zoals-de-vorige-versie-de-url-gebruikte")
    log_chain_keys.forget_cached_keys()
    old, old_desk = _open(location.url)
    try:
        register_person(old_desk, PersonDetails(first_name="Jan", last_name="Berg"))
    finally:
        old.close()
    _forget_the_key_segments(location, postgres_cluster)
    monkeypatch.setenv(log_chain_keys.LOG_KEY_ENV, "regiosleutel-van-de-testregio")
    log_chain_keys.forget_cached_keys()
    db, desk = _open(_spellings(location, postgres_cluster)[1])
    try:
        assert chain_warning(desk) is None and verify_chain(desk) is None
        register_person(desk, PersonDetails(first_name="Piet", last_name="Berg"))
        assert chain_warning(desk) is None and verify_chain(desk) is None
    finally:
        db.close()


def test_region_key_install_puts_the_key_in_the_owner_only_key_file_and_names_its_fingerprint(
    db, location, monkeypatch, tmp_path, capsys
):
    import io

    from shelter_desk.cli import main

    key_file = tmp_path / "balie" / "regio.logsleutel"
    monkeypatch.delenv(log_chain_keys.LOG_KEY_ENV)
    monkeypatch.setenv(log_chain_keys.LOG_KEY_FILE_ENV, str(key_file))
    monkeypatch.setattr("sys.stdin", io.StringIO("regiosleutel-van-de-testregio\n"))
    assert main(["--database", location.url, "region", "key", "install"]) == 0
    assert key_file.read_text().split() == ["regiosleutel-van-de-testregio"]
    assert key_file.stat().st_mode & 0o777 == 0o600
    shown = log_chain_keys.show_fingerprint(log_chain_keys.region_fingerprint("regiosleutel-van-de-testregio"))
    assert shown in capsys.readouterr().out


def test_a_region_key_change_asks_for_an_administrator_at_a_terminal(db, location, capsys):
    from shelter_desk.cli import main

    assert main(["--database", location.url, "region", "key", "new"]) == 1
    assert "beheerder" in capsys.readouterr().err
