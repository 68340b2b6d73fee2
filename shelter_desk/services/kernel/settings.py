"""Organisation settings shared by every desk, read typed and with their defaults (Beheer changes them)."""

from __future__ import annotations

from sqlalchemy import ScalarSelect, select
from sqlalchemy.orm import Session

from shelter_desk.domain.organisation_settings import OrganisationSettings, definition_of
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
    return dict(cached(session, "settings", lambda: dict(session.execute(_STORED).all())))


# Two plain columns, not the mapped objects: the board asks at every refresh. Built once.
_STORED = select(OrganisationSetting.key, OrganisationSetting.value)


def stored_setting(key: str) -> ScalarSelect[str]:
    """One setting's stored text as a column of another read (NULL when nobody changed it), for a
    read repeated at every refresh that should not cost a round trip more; `setting_value` types it."""
    return select(OrganisationSetting.value).where(OrganisationSetting.key == key).scalar_subquery()


def setting_value(key: str, stored: str | None) -> object:
    """The typed value of `stored_setting(key)`'s text, or the setting's default."""
    return definition_of(key).read(stored)
