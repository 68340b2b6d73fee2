"""Organisation settings shared by every desk, read typed and with their defaults (Beheer changes them)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.organisation_settings import OrganisationSettings
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import OrganisationSetting
from shelter_desk.persistence.transaction_cache import cached


def read_settings(source: Database | Session) -> OrganisationSettings:
    """Every setting, typed (defaults where nobody changed one), in one query.

    Give the session when inside a transaction, so the settings are read in the same one.
    """
    if isinstance(source, Session):
        return OrganisationSettings.from_stored(stored_settings(source))
    with source.read() as session:
        return OrganisationSettings.from_stored(stored_settings(session))


def stored_settings(session: Session) -> dict[str, str]:
    """The stored settings; read once per unit of work until it writes (a use case asks several times)."""
    return dict(
        cached(
            session, "settings", lambda: {row.key: row.value for row in session.scalars(select(OrganisationSetting))}
        )
    )
