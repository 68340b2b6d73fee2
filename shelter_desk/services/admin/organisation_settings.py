"""Beheer of the organisation settings every desk shares: list them, change one with validation."""

from __future__ import annotations

from dataclasses import dataclass

from shelter_desk.domain.organisation_settings import SETTINGS, definition_of
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.models import OrganisationSetting
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import stored_settings


@dataclass(frozen=True)
class SettingValue:
    key: str
    label: str
    description: str
    text: str
    is_default: bool


def list_settings(desk: Desk) -> list[SettingValue]:
    """Every setting of the catalogue with its current text, and whether it is still the default."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        stored = stored_settings(session)
    return [
        SettingValue(d.key, d.label, d.description, stored.get(d.key, d.default), d.key not in stored) for d in SETTINGS
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
