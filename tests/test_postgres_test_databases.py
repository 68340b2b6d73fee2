"""The PostgreSQL test databases: one a previous test used comes back holding exactly the template's rows.

The pool in `conftest.py` puts a used database back instead of copying the template again; a test
that finds another test's rows, a sequence past the template's, or a changed schema would test
something else than it says.
"""

from __future__ import annotations

import psycopg
import pytest

from tests.conftest import _TemplateRows


def _connect(cluster, name: str) -> psycopg.Connection:
    return psycopg.connect(host=cluster.socket_folder, user="postgres", dbname=name, autocommit=True)


@pytest.fixture
def used(postgres_cluster, postgres_databases, postgres_template):
    """A database from the pool, with the template's rows read beside it."""
    name = postgres_databases.take()
    with _connect(postgres_cluster, postgres_template) as template:
        rows = _TemplateRows(template)
    connection = _connect(postgres_cluster, name)
    yield connection, rows
    connection.close()
    postgres_databases.give_back(name)


def _contents(connection: psycopg.Connection, rows: _TemplateRows) -> dict[str, str | None]:
    """Every table's rows, as one digest per table."""
    return {
        table: connection.execute(
            f"SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM \"{table}\" t"
        ).fetchone()[0]
        for table in rows.tables
    }


def test_a_used_database_is_put_back_to_the_templates_rows_and_sequences(used):
    connection, rows = used
    before = _contents(connection, rows)
    connection.execute("INSERT INTO region (name, centre_municipality_code) VALUES ('Proefregio', '0106')")
    connection.execute("UPDATE municipality SET name = 'Anders' WHERE code = '0114'")
    assert rows.put_back(connection)
    assert _contents(connection, rows) == before
    assert connection.execute("SELECT nextval('region_id_seq')").fetchone()[0] == 1


def test_a_used_database_whose_schema_changed_is_not_put_back(used):
    connection, rows = used
    connection.execute("ALTER TABLE access_log DISABLE TRIGGER access_log_append_only")
    assert not rows.put_back(connection)
