"""Shared fixtures: an offscreen Qt platform, fresh databases, and per-test workstation settings.

The persistence and service tests run twice: on SQLite (a copy of a migrated file) and on
PostgreSQL (a database holding exactly a migrated template's rows, on a throw-away server this
run starts, see `tests/pg_server.py`); their ids end in `[sqlite]` and `[postgresql]`. A test about SQLite
files themselves (encryption, file checks, file backups, crash safety) is marked
`@pytest.mark.sqlite_only("why")`; a generated check that is decided before any SQL runs (a
permission gate, an argument check) is marked `@pytest.mark.engine_independent("why")` and runs
once, on SQLite. Other tests (UI, reports, domain) use SQLite only.
Without the PostgreSQL programs the PostgreSQL variants are skipped with the reason, except in
CI (CI=true), where that fails the run.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile

# pytest-qt aborts the whole run without a display platform; set it before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Hypothesis keeps its caches outside the checkout (by default .hypothesis/ in the working folder).
# A database server's access log is keyed with the region's key (never the URL): the region of these
# tests has one, in every process a test starts too. A test of a desk without it removes it.
os.environ.setdefault("SHELTER_DESK_LOG_KEY", "regiosleutel-van-de-testregio")
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "shelter-desk-hypothesis"))

from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from shelter_desk.persistence.location import DatabaseLocation, resolve_location  # noqa: E402
from tests.small_disk import small_disk  # noqa: E402,F401 - the fixture: a small file system for one test


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data folder or pick up a developer's database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("SHELTER_DESK_DATABASE", raising=False)


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its production cost takes ~100 ms a hash on purpose; the rules around it do not
    depend on that cost, so tests hash with the smallest parameters argon2 allows."""
    from argon2 import PasswordHasher

    from shelter_desk.services.trust import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head with its reference data, made once per test run.

    Migrating costs about half a second; copying the finished file costs a millisecond, so each
    test gets a copy instead of running every revision again.
    """
    from shelter_desk.services.kernel import open_and_prepare

    path = tmp_path_factory.mktemp("template") / "desk.sqlite"
    open_and_prepare(resolve_location(str(path), plain=True)).close()
    assert not path.with_name(path.name + "-wal").exists(), "closing must checkpoint the write-ahead log"
    return path


ENGINES = ("sqlite", "postgresql")
_ON_BOTH_ENGINES = ("persistence", "services")  # folders under tests/ whose database tests run twice
_TESTS = Path(__file__).resolve().parent


def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Once a test's window started the desk's own threads, Python collects on the main thread
    only (`shelter_desk.ui.collector`); between tests that is here."""
    import gc

    if not gc.isenabled():
        from shelter_desk.ui.collector import collect_what_is_due

        collect_what_is_due()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" not in metafunc.fixturenames or any(
        metafunc.definition.get_closest_marker(once) for once in ("sqlite_only", "engine_independent")
    ):
        return
    if any(mark.args and "db_engine" in mark.args[0] for mark in metafunc.definition.iter_markers("parametrize")):
        return  # the test names its engine itself
    try:
        folder = Path(str(metafunc.definition.path)).resolve().relative_to(_TESTS).parts[0]
    except ValueError:
        return
    if folder in _ON_BOTH_ENGINES:
        metafunc.parametrize("db_engine", ENGINES, indirect=True)


# The inner loop of a change (`pytest -m fast`, README "Tests"): the rules every change must keep,
# on SQLite: the pure domain, the printouts, the architecture (use case shape, permissions, input
# checks, logged events), the import contracts, the lint and what the start imports. Well under 90 s; a
# change adds the folder of its own feature (`pytest tests/services/beds -k "not postgresql"`).
_FAST = (
    "domain",
    "reports",
    "services/test_use_case_shape.py",
    "services/test_no_service_without_sign_in.py",
    "services/test_input_hygiene.py",
    "services/trust/test_logged_events.py",
    "test_import_contracts.py",
    "test_start_imports.py",
    "test_shipped_files.py",
    "test_lint.py",
    "ui/test_page_shape.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        try:
            where = Path(str(item.path)).resolve().relative_to(_TESTS).as_posix()
        except ValueError:
            continue
        if where.startswith(_FAST) and "[postgresql" not in item.nodeid:
            item.add_marker(pytest.mark.fast)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    """The engine of this test's database: "sqlite", or "postgresql" for the second run of a
    persistence or service test."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def postgres_cluster():
    """A PostgreSQL server of this test run only, stopped and deleted at its end."""
    from tests.pg_server import ServerUnavailable, start_cluster

    try:
        import psycopg  # noqa: F401

        cluster = start_cluster()
    except (ServerUnavailable, ImportError) as error:
        reason = f"the PostgreSQL test server does not start: {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                f"{reason}. In CI the PostgreSQL tests must run (bash .ci/setup installs postgresql and psycopg).",
                pytrace=False,
            )
        pytest.skip(reason)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_admin(postgres_cluster):
    """An autocommit connection of the superuser, for CREATE and DROP DATABASE."""
    import psycopg

    connection = psycopg.connect(
        host=postgres_cluster.socket_folder, user="postgres", dbname="postgres", autocommit=True
    )
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster, postgres_admin) -> str:
    """A database migrated to head with its reference data, copied for each PostgreSQL test."""
    from shelter_desk.services.kernel import open_and_prepare

    postgres_admin.execute("CREATE DATABASE desk_template")
    open_and_prepare(resolve_location(postgres_cluster.url("desk_template"))).close()
    return "desk_template"


# A fingerprint of what a test could change in a database besides its rows: tables, columns,
# constraints, triggers (and whether they are enabled), functions, and the grants on them.
_SCHEMA_FINGERPRINT = """
SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
  SELECT 'c' || c.relname || c.relkind::text || coalesce(array_to_string(c.relacl, ';'), '')
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'a' || c.relname || '.' || a.attname || a.atttypid::text || a.attnotnull::text || a.attisdropped::text
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND a.attnum > 0
  UNION ALL
  SELECT 't' || t.tgname || t.tgenabled::text
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'k' || k.conname FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'p' || p.proname || md5(p.prosrc)
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'd' || coalesce(array_to_string(datacl, ';'), '') FROM pg_database WHERE datname = current_database()
) AS parts(x)
"""


class _TemplateRows:
    """What the migrated template holds (its rows, its sequences, its schema's fingerprint), read once,
    so that a used database can be put back to exactly that instead of being copied anew."""

    def __init__(self, connection) -> None:  # type: ignore[no-untyped-def]
        self.tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        self.rows: dict[str, bytes] = {}
        for table in self.tables:
            if connection.execute(f'SELECT EXISTS (SELECT FROM "{table}")').fetchone()[0]:
                with connection.cursor().copy(f'COPY "{table}" TO STDOUT') as copy:
                    self.rows[table] = b"".join(bytes(block) for block in copy)
        self.sequences = connection.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall()
        self.fingerprint = connection.execute(_SCHEMA_FINGERPRINT).fetchone()[0]

    def put_back(self, connection) -> bool:  # type: ignore[no-untyped-def]
        """Every table emptied and the template's rows written back, in one transaction; False (and
        nothing done) when the test changed the schema, so the database is dropped instead."""
        if connection.execute(_SCHEMA_FINGERPRINT).fetchone()[0] != self.fingerprint:
            return False
        with connection.transaction():
            # As replica, no trigger fires: the access log's append-only guard and the foreign keys
            # (whose order would matter) stay out of the way of emptying the tables.
            connection.execute("SET LOCAL session_replication_role = replica")
            for table in self.tables:
                connection.execute(f'DELETE FROM "{table}"')
            for table, rows in self.rows.items():
                with connection.cursor().copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(rows)
            for sequence, last_value in self.sequences:
                if last_value is None:
                    connection.execute("SELECT setval(%s, 1, false)", (sequence,))
                else:
                    connection.execute("SELECT setval(%s, %s, true)", (sequence, last_value))
        return True


class _DatabasePool:
    """Databases made from the template ahead, and used ones put back, by a thread of its own.

    CREATE DATABASE copies the template's files (~0.6 s on a busy 2-core machine); putting a used
    database back to the template's rows costs a few dozen milliseconds. So a test's database is
    one a previous test used, emptied and refilled with exactly the template's rows and sequence
    values; one whose schema a test changed (a dropped column, a disabled trigger, a grant) is
    dropped and a fresh copy made. Other connections to a database given back are ended first.
    """

    AHEAD = 2

    def __init__(self, cluster, template: str) -> None:  # type: ignore[no-untyped-def]
        import queue
        import threading

        self._cluster, self._template = cluster, template
        self._ready: queue.Queue[str | BaseException] = queue.Queue()
        self._orders: queue.Queue[str | None] = queue.Queue()
        self._numbers = itertools.count(1)
        self._thread = threading.Thread(target=self._work, name="postgres-database-pool", daemon=True)
        self._thread.start()

    def _connect(self, database: str):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(host=self._cluster.socket_folder, user="postgres", dbname=database, autocommit=True)

    def _work(self) -> None:
        try:
            admin = self._connect("postgres")
            with self._connect(self._template) as template:
                rows = _TemplateRows(template)
        except BaseException as error:  # noqa: BLE001 - handed to the test that waits
            self._ready.put(error)
            return
        own: dict[str, object] = {}  # a connection of this thread to each database, for putting it back

        def fresh() -> str:
            name = f"desk_{next(self._numbers)}"
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {self._template} STRATEGY FILE_COPY")
            return name

        try:
            for _ in range(self.AHEAD):
                self._ready.put(fresh())
            while (name := self._orders.get()) is not None:
                try:
                    connection = own.get(name)
                    if connection is None or connection.closed:  # type: ignore[attr-defined]
                        connection = own[name] = self._connect(name)
                    admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                        (name, connection.info.backend_pid),
                    )  # type: ignore[attr-defined]
                    if rows.put_back(connection):
                        self._ready.put(name)
                        continue
                    connection.close()  # type: ignore[attr-defined]
                    del own[name]
                    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                    self._ready.put(fresh())
                except BaseException as error:  # noqa: BLE001 - handed to the test that waits
                    self._ready.put(error)
        finally:
            for connection in own.values():
                connection.close()  # type: ignore[attr-defined]
            admin.close()

    def take(self) -> str:
        ready = self._ready.get(timeout=120)
        if isinstance(ready, BaseException):
            raise ready
        return ready

    def give_back(self, name: str) -> None:
        self._orders.put(name)

    def close(self) -> None:
        self._orders.put(None)
        self._thread.join(timeout=60)


@pytest.fixture(scope="session")
def postgres_databases(postgres_cluster, postgres_template):
    pool = _DatabasePool(postgres_cluster, postgres_template)
    yield pool
    pool.close()


@pytest.fixture
def location(db_engine: str, tmp_path: Path, request: pytest.FixtureRequest):
    """A migrated database of this test's own: a copy of the session's template file, or on
    PostgreSQL a database holding exactly the template database's rows (see `_DatabasePool`)."""
    if db_engine == "postgresql":
        cluster, databases = request.getfixturevalue("postgres_cluster"), request.getfixturevalue("postgres_databases")
        name = databases.take()
        yield resolve_location(cluster.url(name))
        databases.give_back(name)
        return
    migrated_template = request.getfixturevalue("migrated_template")
    target = tmp_path / "desk.sqlite"
    shutil.copyfile(migrated_template, target)
    checked = migrated_template.with_name(migrated_template.name + ".gecontroleerd")
    if checked.exists():
        shutil.copyfile(checked, target.with_name(target.name + ".gecontroleerd"))
    yield resolve_location(str(target), plain=True)


@pytest.fixture
def db(location: DatabaseLocation):
    from shelter_desk.services.kernel.database_setup import open_and_prepare

    database = open_and_prepare(location)
    yield database
    database.close()


# 21:00 on Tuesday 24 November 2026, Amsterdam time: the evening of the night of the 24th.
EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


def _desk_as(db, role):
    from shelter_desk.domain.roles import DeskUser
    from shelter_desk.services.kernel.desk import Desk

    return Desk(db, clock=lambda: EVENING, user=DeskUser(1, role.value, f"test-{role.value}", role))


@pytest.fixture
def desk(db, request: pytest.FixtureRequest):
    """Signed in as the least role the test's rule needs: the front desk (balie), unless the test
    (or its module) is marked `@pytest.mark.role(Role.COORDINATOR)` or `Role.ADMINISTRATOR`."""
    from shelter_desk.domain.roles import Role

    marker = request.node.get_closest_marker("role")
    role = Role(os.environ.get("SHELTER_DESK_TEST_ROLE") or (marker.args[0] if marker else Role.FRONT_DESK))
    return _desk_as(db, role)


@pytest.fixture
def coordinator_desk(db):
    from shelter_desk.domain.roles import Role

    return _desk_as(db, Role.COORDINATOR)


@pytest.fixture
def admin_desk(db):
    from shelter_desk.domain.roles import Role

    return _desk_as(db, Role.ADMINISTRATOR)


from dataclasses import dataclass  # noqa: E402
from datetime import date  # noqa: E402

from shelter_desk.domain.dutch_dates import DateOfBirth  # noqa: E402
from shelter_desk.domain.facilities import FacilityKind  # noqa: E402
from shelter_desk.domain.person_details import PersonDetails  # noqa: E402
from shelter_desk.domain.stays import StayUnit  # noqa: E402
from shelter_desk.persistence.models import Bed, Facility  # noqa: E402
from shelter_desk.services.kernel.reference_data import ensure_region  # noqa: E402
from shelter_desk.services.people.records import register_person  # noqa: E402

# A small region for the bed tests: night shelter with an overflow bed, youth shelter, KDO.


@dataclass
class Region:
    night_shelter: int
    youth: int
    kdo: int
    beds: dict[str, int]  # "N1", "N2", "N3", "NU1", "J1", "J2", "K1", "K2"
    people: dict[str, int]


@pytest.fixture
def region(db, desk) -> Region:
    with db.write() as session:
        assen = ensure_region(session, "0106")
        specs = (
            ("Nachtopvang Assen", FacilityKind.NIGHT_SHELTER, 23, None, None, "N", 3, 1, 400),
            ("Jongerenopvang Assen", FacilityKind.YOUTH_SHELTER, 18, 22, None, "J", 2, 0, 0),
            ("KDO Assen", FacilityKind.SHORT_STAY, 23, None, 91, "K", 2, 0, None),
        )
        ids, beds = [], {}
        for name, kind, low, high, max_days, prefix, regular, overflow, fee in specs:
            facility = Facility(
                region=assen,
                name=name,
                kind=kind,
                min_age=low,
                max_age=high,
                max_stay_length=max_days,
                max_stay_unit=StayUnit.DAYS if max_days else None,
                night_fee_cents=fee,
            )
            facility.beds = [Bed(label=f"{n}", position=n) for n in range(1, regular + 1)]
            facility.beds += [Bed(label=f"U{n}", position=10 + n, is_overflow=True) for n in range(1, overflow + 1)]
            session.add(facility)
            session.flush()
            ids.append(facility.id)
            beds.update({f"{prefix}{b.label}": b.id for b in facility.beds})
    people = {
        "jan": register_person(
            desk, PersonDetails(first_name="Jan", last_name="Berg", date_of_birth=DateOfBirth(date(1968, 3, 4)))
        ),
        "henk": register_person(
            desk, PersonDetails(first_name="Henk", last_name="Bakker", date_of_birth=DateOfBirth(date(1961, 11, 25)))
        ),
        "sem": register_person(
            desk, PersonDetails(first_name="Sem", last_name="Leeuwen", date_of_birth=DateOfBirth(date(2007, 1, 19)))
        ),
        "anon": register_person(desk, PersonDetails(alias="Vogel")),
    }
    return Region(*ids, beds, people)
