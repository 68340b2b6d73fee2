"""Organisation settings live in the database, so every desk sees the same values."""

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.services.settings import change_setting, list_settings, read_setting
from shelter_desk.domain.roles import Role


def test_an_unchanged_setting_reads_its_default(db, desk):
    assert str(read_setting(db, "night.default_fee")) == "4.00"


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_changed_setting_is_seen_by_the_next_read(db, desk):
    change_setting(desk, "night.day_boundary", "11:30")
    assert read_setting(db, "night.day_boundary").strftime("%H:%M") == "11:30"
    listed = {s.key: s for s in list_settings(db)}
    assert listed["night.day_boundary"].text == "11:30" and not listed["night.day_boundary"].is_default


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_bad_value_is_refused_and_the_old_value_stays(db, desk):
    change_setting(desk, "postal.mail_waiting_days", "21")
    with pytest.raises(DeskError):
        change_setting(desk, "postal.mail_waiting_days", "drie weken")
    assert read_setting(db, "postal.mail_waiting_days") == 21
