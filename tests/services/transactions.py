"""Counting the transactions a piece of code opens, at the engine: every BEGIN on any connection.

Listens to the engine's `begin` event, which SQLAlchemy fires when a connection starts a
transaction (a session starts one lazily, at its first statement), so a read or write unit of
work that runs no SQL is not counted, and one opened by a helper behind the use case's back is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event

from shelter_desk.persistence.engine import Database


@dataclass
class Opened:
    count: int = 0


@contextmanager
def transactions_opened(db: Database) -> Iterator[Opened]:
    opened = Opened()

    def _on_begin(connection: Any) -> None:
        opened.count += 1

    event.listen(db.engine, "begin", _on_begin)
    try:
        yield opened
    finally:
        event.remove(db.engine, "begin", _on_begin)
