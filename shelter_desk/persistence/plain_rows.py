"""Reads of hundreds of thousands of rows as the driver's own tuples (the person index's first load)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session


def streamed_rows(
    session: Session, statement: Select[*tuple[Any, ...]], batch: int = 2000
) -> Iterator[tuple[Any, ...]]:
    """The rows of `statement` in the session's transaction, as the database driver returns them,
    fetched a batch at a time while the caller turns them into something else (300 000 rows held
    at once cost more than the index made of them).

    No Row objects and no result processing: SQLite gives dates as ISO text (`types.stored_date`
    reads them) and booleans as 0/1, PostgreSQL gives dates and booleans. For 30 000 rows this
    takes half the time of `session.execute`. Only for statements whose values are constants of
    the code (a LIMIT, a status literal): they are written into the SQL, never user input.
    """
    return chain.from_iterable(_batches(session, statement, batch))  # no Python step per row


def _batches(session: Session, statement: Select[*tuple[Any, ...]], batch: int) -> Iterator[Sequence[Any]]:
    connection = session.connection()
    sql = str(statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows
    finally:
        cursor.close()
