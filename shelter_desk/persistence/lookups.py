"""Fetching one row by its key, or refusing in Dutch when it is not there (any more)."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.persistence.models import Person

Row = TypeVar("Row")


def get_or_refuse(session: Session, model: type[Row], key: object, message: str) -> Row:
    """The row of `model` with primary key `key`; a DeskError with `message` when there is none."""
    row = session.get(model, key)
    if row is None:
        raise DeskError(message)
    return row


def live_person(session: Session, person_id: int, use_kept: str = "werk verder op dat record") -> Person:
    """The person a step records something about: refused when there is no such person (any more) or
    when the record was merged into another one.

    Whatever is added after a merge belongs on the kept record, the one the search and the card
    open; the absorbed record only waits for a possible undo. `use_kept` tells the desk what to
    do on the kept record instead ("geef de kaart uit vanaf dat record").
    """
    person = session.get(Person, person_id)
    if person is None:
        raise DeskError("Deze persoon bestaat niet (meer).")
    if person.merged_into_id is not None:
        name = display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
        raise DeskError(f"{name} is al samengevoegd met een ander record: {use_kept}.")
    return person
