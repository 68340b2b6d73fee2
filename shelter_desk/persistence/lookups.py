"""Fetching one row by its key, or refusing in Dutch when it is not there (any more)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError

Row = TypeVar("Row")


def get_or_refuse(session: Session, model: type[Row], key: object, message: str) -> Row:
    """The row of `model` with primary key `key`; a DeskError with `message` when there is none."""
    row = session.get(model, key)
    if row is None:
        raise DeskError(message)
    return row
