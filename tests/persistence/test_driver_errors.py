"""The drivers' errors are classified once, in persistence, for both engines.

A database that cannot be reached (a server that refuses, is gone, closed the connection, a
socket with no server behind it, a database file that cannot be opened) is `DatabaseUnreachable`
with a Dutch message, and the database's reachability says since when; a lock held too long
stays the "bezet" message; a statement's own failure stays what it was. The outage tests run
against real servers: a closed port, an empty socket folder, and a throw-away cluster of their
own that they stop and start again (never the session's shared one).
"""

from __future__ import annotations

import socket
from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from shelter_desk.domain.errors import DatabaseUnreachable, DeskError
from shelter_desk.persistence.engine import LOCKED_MESSAGE, Database, create_database_engine
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import OrganisationSetting


def _database(given: str, busy_timeout_ms: int = 10_000) -> Database:
    location = resolve_location(given, plain=True)
    return Database(create_database_engine(location, busy_timeout_ms), location)


def _read(db: Database) -> object:
    with db.read() as session:
        return session.execute(text("SELECT 1")).scalar()


def _write(db: Database) -> None:
    with db.write() as session:
        session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the probe closes: nobody listens there


# -- SQLite -----------------------------------------------------------------------------------


def test_a_sqlite_file_that_cannot_be_opened_is_unreachable_in_dutch(tmp_path):
    db = _database(str(tmp_path / "netwerkmap-weg" / "desk.sqlite"))
    with pytest.raises(DatabaseUnreachable) as unreachable:
        _read(db)
    assert "Het databasebestand" in unreachable.value.message and "niet bereikbaar" in unreachable.value.message
    assert isinstance(unreachable.value.__cause__, DBAPIError)
    assert db.reachability.lost_since is not None


def test_a_write_to_an_unreachable_sqlite_file_says_nothing_was_saved(tmp_path):
    db = _database(str(tmp_path / "netwerkmap-weg" / "desk.sqlite"))
    with pytest.raises(DatabaseUnreachable) as unreachable:
        _write(db)
    assert unreachable.value.writing and unreachable.value.message.startswith("Niet opgeslagen")


@pytest.mark.sqlite_only("SQLite's busy timeout")
def test_a_sqlite_lock_held_too_long_is_busy_not_an_outage(db):
    other = _database(str(db.location.path), busy_timeout_ms=200)
    try:
        with db.write() as session:
            session.add(OrganisationSetting(key="night.default_fee", value="3.00"))
            session.flush()
            with pytest.raises(DeskError) as refused:
                _write(other)
        assert refused.value.message == LOCKED_MESSAGE and not isinstance(refused.value, DatabaseUnreachable)
        assert other.reachability.lost_since is None
    finally:
        other.close()


# -- both engines ------------------------------------------------------------------------------


def test_a_statements_own_error_is_no_outage_and_goes_on_unchanged(db):
    with pytest.raises(DBAPIError) as failed:
        with db.read() as session:
            session.execute(text("SELECT * FROM geen_tabel"))
    assert not isinstance(failed.value, DeskError)
    assert db.reachability.lost_since is None


def test_a_database_that_answers_again_is_reachable_again_and_listeners_hear_both(db, tmp_path):
    heard: list[datetime | None] = []
    db.reachability.listen(heard.append)
    db.reachability.lost()
    db.reachability.lost()  # a second failure of the same outage is no news
    assert _read(db) == 1
    assert len(heard) == 2 and heard[0] is not None and heard[1] is None
    assert db.reachability.lost_since is None


# -- PostgreSQL: real servers that do not answer ----------------------------------------------


@pytest.fixture(scope="module")
def own_cluster():
    """A PostgreSQL server of this module only: the tests stop and start it."""
    pytest.importorskip("psycopg")
    from tests.pg_server import ServerUnavailable, start_cluster

    try:
        cluster = start_cluster()
    except ServerUnavailable as error:
        pytest.skip(f"the PostgreSQL test server does not start: {error}")
    cluster.psql("CREATE DATABASE uitval")
    yield cluster
    cluster.stop()


@pytest.fixture
def running(own_cluster):
    yield own_cluster
    if not own_cluster.is_running():
        own_cluster.resume()


def test_a_server_port_where_nobody_listens_is_unreachable_and_names_the_server(postgres_cluster):
    port = _closed_port()
    db = _database(f"postgresql://desk:geheim@127.0.0.1:{port}/regio")
    with pytest.raises(DatabaseUnreachable) as unreachable:
        _read(db)
    message = unreachable.value.message
    assert f"De databaseserver 127.0.0.1:{port} is niet bereikbaar" in message and "geheim" not in message
    assert db.reachability.lost_since is not None


def test_a_socket_folder_without_a_server_is_unreachable(postgres_cluster, tmp_path):
    db = _database(f"postgresql+psycopg://postgres@/regio?host={tmp_path}")
    with pytest.raises(DatabaseUnreachable, match="niet bereikbaar"):
        _read(db)


def test_a_wrong_password_is_a_refusal_not_an_outage(postgres_cluster):
    from tests.pg_server import PASSWORD_ROLE

    db = _database(postgres_cluster.url("postgres", user=PASSWORD_ROLE, password="fout"))
    with pytest.raises(DeskError) as refused:
        _read(db)
    assert not isinstance(refused.value, DatabaseUnreachable) and "weigert gebruiker" in refused.value.message
    assert db.reachability.lost_since is None


def test_a_stopped_server_is_unreachable_for_reads_and_writes_and_the_desk_resumes_when_it_is_back(running):
    from tests.pg_server import Cluster

    cluster: Cluster = running
    db = _database(cluster.url("uitval"))
    try:
        assert _read(db) == 1  # a connection is waiting in the pool when the server goes
        cluster.halt()
        with pytest.raises(DatabaseUnreachable) as unreachable:
            _read(db)
        assert "niet bereikbaar" in unreachable.value.message and not unreachable.value.writing
        with pytest.raises(DatabaseUnreachable) as unsaved:
            with db.write() as session:
                session.execute(text("SELECT 1"))
        assert unsaved.value.writing and unsaved.value.message.startswith("Niet opgeslagen")
        assert db.reachability.lost_since is not None
        cluster.resume()
        assert _read(db) == 1
        assert db.reachability.lost_since is None
    finally:
        db.close()


@pytest.mark.parametrize("mode", ["fast", "immediate"])  # shut down, or as if it crashed
def test_a_server_that_stops_in_the_middle_of_a_transaction_is_unreachable(running, mode):
    cluster = running
    db = _database(cluster.url("uitval"))
    try:
        with pytest.raises(DatabaseUnreachable):
            with db.read() as session:
                session.execute(text("SELECT 1"))
                cluster.halt(mode)  # "terminating connection…" / "server closed the connection"
                session.execute(text("SELECT 1"))
    finally:
        db.close()


# -- a server that refuses this desk: each cause its own sentence ------------------------------


def _refusal(given: str) -> DeskError:
    db = _database(given)
    with pytest.raises(DeskError) as refused:
        _read(db)
    return refused.value


def test_a_database_name_the_server_does_not_have_is_named_not_called_an_ssl_problem(postgres_cluster):
    refused = _refusal(postgres_cluster.url("opvnag") + "&sslmode=prefer")
    assert "bestaat geen database 'opvnag'" in refused.message and "SSL" not in refused.message
    assert not isinstance(refused, DatabaseUnreachable)


def test_a_role_the_server_does_not_have_is_named_with_the_user_to_put_in_the_address(postgres_cluster):
    refused = _refusal(postgres_cluster.url("postgres", user="root"))
    assert "bestaat geen gebruiker (rol) 'root'" in refused.message and "root" in refused.message
    assert not isinstance(refused, DatabaseUnreachable)


def test_a_refusal_by_the_servers_access_rules_names_pg_hba_not_ssl(postgres_cluster):
    hba = postgres_cluster.folder / "data" / "pg_hba.conf"
    rules = hba.read_text()
    hba.write_text("local buiten_het_netwerk all reject\n" + rules)
    postgres_cluster.psql("SELECT pg_reload_conf()")
    try:
        refused = _refusal(postgres_cluster.url("buiten_het_netwerk"))
    finally:
        hba.write_text(rules)
        postgres_cluster.psql("SELECT pg_reload_conf()")
    assert "toegangsregels van de server, pg_hba.conf" in refused.message and "SSL" not in refused.message
    assert not isinstance(refused, DatabaseUnreachable)


def _silent_server():
    """A port that accepts connections and never answers (a server that hangs, a firewall that swallows)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    return listener


def test_a_server_that_does_not_answer_in_time_says_so_and_is_an_outage(postgres_cluster):
    listener = _silent_server()
    try:
        db = _database(f"postgresql://desk@127.0.0.1:{listener.getsockname()[1]}/regio?connect_timeout=1")
        with pytest.raises(DatabaseUnreachable) as unreachable:
            _read(db)
    finally:
        listener.close()
    assert "antwoordde niet binnen" in unreachable.value.message


def test_a_certificate_that_cannot_be_checked_is_a_certificate_problem(postgres_cluster, tmp_path):
    import threading

    listener = _silent_server()

    def agree_to_tls() -> None:  # answers the TLS request as a server would; the client then checks the CA
        connection, _ = listener.accept()
        connection.recv(8)
        connection.sendall(b"S")
        connection.recv(1024)
        connection.close()

    threading.Thread(target=agree_to_tls, daemon=True).start()
    try:
        refused = _refusal(
            f"postgresql://desk@127.0.0.1:{listener.getsockname()[1]}/regio?sslmode=verify-full"
            f"&sslrootcert={tmp_path / 'regio-ca.crt'}&connect_timeout=3"
        )
    finally:
        listener.close()
    assert "certificaat" in refused.message and not isinstance(refused, DatabaseUnreachable)
