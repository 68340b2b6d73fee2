"""Opening a desk's database: create or upgrade it, load the reference data, say what it holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.migrations import open_database
from shelter_desk.persistence.models import DatabaseInfo, Facility, Person
from shelter_desk.persistence.types import utc_now
from shelter_desk.services.reference_data import load_reference_data

DEMO_KEY = "demo"
CREATED_KEY = "created_at"


@dataclass(frozen=True)
class DatabaseSummary:
    label: str
    is_demo: bool
    facilities: int
    persons: int


def open_and_prepare(location: DatabaseLocation) -> Database:
    """Open the database (refusing bad files untouched) and make sure reference data are there."""
    db = open_database(location)
    try:
        with db.write() as session:
            if session.get(DatabaseInfo, CREATED_KEY) is None:
                session.add(DatabaseInfo(key=CREATED_KEY, value=utc_now().isoformat()))
            load_reference_data(session)
    except BaseException:
        db.close()
        raise
    return db


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return session.get(DatabaseInfo, DEMO_KEY) is not None


def summarise(db: Database) -> DatabaseSummary:
    with db.read() as session:
        return DatabaseSummary(
            label=db.location.label,
            is_demo=session.get(DatabaseInfo, DEMO_KEY) is not None,
            facilities=session.scalar(select(func.count()).select_from(Facility)) or 0,
            persons=session.scalar(select(func.count()).select_from(Person)) or 0,
        )
