"""Organisation settings live in the database, so every desk sees the same values."""

from dataclasses import fields
from datetime import time
from decimal import Decimal

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.organisation_settings import SETTINGS, OrganisationSettings
from shelter_desk.domain.roles import Role
from shelter_desk.services.admin.organisation_settings import change_setting, list_settings
from shelter_desk.services.kernel.settings import read_settings


def test_an_unchanged_setting_reads_its_default(db, desk):
    assert read_settings(db).night_default_fee == Decimal("4.00")


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_changed_setting_is_seen_by_the_next_read(db, desk):
    change_setting(desk, "night.day_boundary", "11:30")
    assert read_settings(db).night_day_boundary == time(11, 30)
    listed = {s.key: s for s in list_settings(desk)}
    assert listed["night.day_boundary"].text == "11:30" and not listed["night.day_boundary"].is_default


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_bad_value_is_refused_and_the_old_value_stays(db, desk):
    change_setting(desk, "postal.mail_waiting_days", "21")
    with pytest.raises(DeskError):
        change_setting(desk, "postal.mail_waiting_days", "drie weken")
    assert read_settings(db).postal_mail_waiting_days == 21


def test_the_typed_settings_hold_every_setting_of_the_catalogue_by_its_key():
    assert [f.name for f in fields(OrganisationSettings)] == [d.key.replace(".", "_") for d in SETTINGS]
    defaults = OrganisationSettings.from_stored({})
    for definition in SETTINGS:
        assert getattr(defaults, definition.key.replace(".", "_")) == definition.read(None)


def test_the_settings_are_read_in_a_running_transaction_too(db):
    with db.read() as session:
        assert read_settings(session).stay_warning_percentage == 80
