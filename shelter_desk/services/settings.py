"""Organisation settings shared by every desk: read with defaults, change with validation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.organisation_settings import SETTINGS, OrganisationSettings, definition_of
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import OrganisationSetting

if TYPE_CHECKING:  # the desk module itself reads settings: import it for the type only
    from shelter_desk.services.desk import Desk


@dataclass(frozen=True)
class SettingValue:
    key: str
    label: str
    description: str
    text: str
    is_default: bool


def read_settings(source: Database | Session) -> OrganisationSettings:
    """Every setting, typed (defaults where nobody changed one), in one query.

    Give the session when inside a transaction, so the settings are read in the same one.
    """
    if isinstance(source, Session):
        return OrganisationSettings.from_stored(_stored(source))
    with source.read() as session:
        return OrganisationSettings.from_stored(_stored(session))


def _stored(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(OrganisationSetting))}


def list_settings(db: Database) -> list[SettingValue]:
    with db.read() as session:
        stored = {row.key: row.value for row in session.scalars(select(OrganisationSetting))}
    return [
        SettingValue(d.key, d.label, d.description, stored.get(d.key, d.default), d.key not in stored)
        for d in SETTINGS
    ]


def change_setting(desk: Desk, key: str, text: str) -> str:
    """Validate and store a new value (administrators only); a bad value stores nothing."""
    desk.require(Permission.ADMINISTER)
    value = definition_of(key).validate(text)
    with desk.db.write() as session:
        row = session.get(OrganisationSetting, key)
        if row is None:
            session.add(OrganisationSetting(key=key, value=value))
        else:
            row.value = value
    return value
