"""Opening a desk's database: create or upgrade it, load the reference data, say what it holds."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError, DiskFull
from shelter_desk.persistence.disk_faults import FREE_UP
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.keys import keyring_available, new_key, store_key, stored_key
from shelter_desk.persistence.location import DatabaseLocation, with_key
from shelter_desk.persistence.migrations import open_database
from shelter_desk.persistence.models import DatabaseInfo, Facility, Person
from shelter_desk.persistence.sqlite_files import is_plain_demo, is_plain_sqlite
from shelter_desk.persistence.types import utc_now
from shelter_desk.services.kernel.access_log import anchor_keyed_chain
from shelter_desk.services.kernel.reference_data import load_reference_data

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
            anchor_keyed_chain(session, location)
    except DiskFull as full:
        db.close()
        # Nothing was being filled in: said as what it is at the start, not as an unsaved form.
        raise DiskFull(
            f"Shelter Desk kan de database niet openen: de schijf van de map '{full.folder}' is vol. " + FREE_UP,
            folder=full.folder,
        ) from full
    except BaseException:
        db.close()
        raise
    return db


def is_demo(db: Database) -> bool:
    with db.read() as session:
        return demo_marked(session)


def demo_marked(session: Session) -> bool:
    """Whether this database is the demo (its printouts say so), inside the caller's transaction."""
    return session.get(DatabaseInfo, DEMO_KEY) is not None


def summarise(db: Database) -> DatabaseSummary:
    with db.read() as session:
        return DatabaseSummary(
            label=db.location.label,
            is_demo=session.get(DatabaseInfo, DEMO_KEY) is not None,
            facilities=session.scalar(select(func.count()).select_from(Facility)) or 0,
            persons=session.scalar(select(func.count()).select_from(Person)) or 0,
        )


KEY_ENV = "SHELTER_DESK_KEY"
AskPassphrase = Callable[[bool], "str | None"]  # argument: True when the database is new


def unlock(location: DatabaseLocation, ask_passphrase: AskPassphrase) -> DatabaseLocation | None:
    """Add the key of an encrypted database: environment, keyring, or the user's passphrase.

    A new database gets a random key kept in the keyring; without a keyring the user chooses a
    passphrase. None when the user gives none.
    """
    if not location.encrypted or location.key:
        return location
    assert location.path is not None
    if is_plain_demo(location.path):
        return replace(location, encrypted=False)  # a demo holds fictitious people only
    if is_plain_sqlite(location.path):
        raise DeskError(
            f"'{location.path}' is een onversleutelde database (zonder sleutel). Open die met "
            "--onversleuteld, of kies een versleutelde database. Het bestand is niet gewijzigd."
        )
    is_new = not location.path.exists() or (location.path.is_file() and location.path.stat().st_size == 0)
    key = os.environ.get(KEY_ENV) or stored_key(location.path)
    if key:
        if is_new and len(key) < MIN_PASSPHRASE:
            raise DeskError(
                f"De sleutel in {KEY_ENV} is te kort voor een nieuwe versleutelde database: kies er "
                f"een van minstens {MIN_PASSPHRASE} tekens. Er is niets aangemaakt."
            )
        return with_key(location, key)
    if is_new and keyring_available():
        key = new_key()
        if store_key(location.path, key):
            return with_key(location, key)
    passphrase = ask_passphrase(is_new)
    if not passphrase:
        return None
    if is_new and len(passphrase) < MIN_PASSPHRASE:
        raise DeskError(f"Kies een wachtwoordzin van minstens {MIN_PASSPHRASE} tekens voor de database.")
    return with_key(location, passphrase)


MIN_PASSPHRASE = 12
