"""Beheer: an administrator creates a facility with beds and changes a shared setting."""

from __future__ import annotations

import pytest

from shelter_desk.domain.roles import Role
from shelter_desk.services.admin.facilities import facility_details
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.ui.admin.page import AdminPage


@pytest.fixture
def page(qtbot, desk):
    widget = AdminPage(desk)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_new_facility_with_beds_and_overflow_beds(qtbot, page, desk):
    page.new_facility()
    qtbot.keyClicks(page.name, "De Breehof Nachtopvang")
    page.kind.setCurrentIndex(page.kind.findData("nachtopvang"))
    page.centre.setCurrentIndex(page.centre.findText("Emmen"))
    qtbot.keyClicks(page.min_age, "23")
    qtbot.keyClicks(page.fee, "4,00")
    page.save_button.click()
    page.bed_count.setValue(6)
    page.findChild(type(page.save_button), "addBeds").click()
    page.bed_count.setValue(2)
    page.findChild(type(page.save_button), "addOverflowBeds").click()
    [details] = facility_details(desk)
    assert (details.terms.name, details.region, details.terms.night_fee_cents) == (
        "De Breehof Nachtopvang",
        "Regio Emmen",
        400,
    )
    assert [b.label for b in details.beds] == ["1", "2", "3", "4", "5", "6", "U1", "U2"]


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_bad_age_is_explained_and_nothing_is_saved(qtbot, page, desk):
    page.new_facility()
    qtbot.keyClicks(page.name, "Test")
    qtbot.keyClicks(page.min_age, "achttien")
    page.save_button.click()
    assert "heel getal" in page.error.text()
    assert facility_details(desk) == []


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_setting_changed_here_is_read_by_every_desk(page, desk):
    row = next(r for r in range(page.settings.rowCount()) if page.settings.item(r, 1).data(256) == "night.no_show_hour")
    page.settings.item(row, 1).setText("22:30")
    assert read_settings(desk.db).night_no_show_hour.strftime("%H:%M") == "22:30"


def test_a_bad_setting_value_is_refused_in_dutch(page, desk):
    row = next(
        r for r in range(page.settings.rowCount()) if page.settings.item(r, 1).data(256) == "stay.warning_percentage"
    )
    page.settings.item(row, 1).setText("tachtig")
    assert page.settings_error.isVisible()
    assert read_settings(desk.db).stay_warning_percentage == 80


@pytest.mark.role(Role.ADMINISTRATOR)
def test_an_administrator_adds_a_front_desk_account(qtbot, page, desk):
    from shelter_desk.services.trust.accounts import list_accounts

    page.tabs.setCurrentIndex(1)
    trust = page.trust
    trust.username.setText("piet")
    trust.display_name.setText("Piet Balie")
    trust.role.setCurrentIndex(trust.role.findData("balie"))
    trust.password.setText("ook-lang-genoeg")
    trust.findChild(type(page.save_button), "addUser").click()
    assert [(a.username, a.role.value) for a in list_accounts(desk)] == [("piet", "balie")]


@pytest.mark.role(Role.COORDINATOR)
def test_a_backup_is_made_from_beheer(qtbot, page, desk):
    page.tabs.setCurrentIndex(1)
    page.trust.make_backup()
    assert "Back-up gemaakt" in page.trust.notice.text()


@pytest.mark.role(Role.COORDINATOR)
def test_beheer_shows_the_age_of_the_last_good_backup_and_the_last_failure(qtbot, page, desk, tmp_path):
    from shelter_desk.services.trust.backups import default_backup_folder

    page.tabs.setCurrentIndex(1)
    assert "Nog geen goede back-up" in page.trust.backup_state.text()
    page.trust.make_backup()
    assert "Laatste goede back-up: 24-11-2026 21:00 (0 minuten oud)" in page.trust.backup_state.text()
    folder = default_backup_folder(desk.db)
    for copy in folder.iterdir():
        copy.unlink()
    folder.rmdir()
    folder.write_text("geen map")  # the backup folder's name taken by a file: the next backup fails
    page.trust.make_backup()
    assert "Laatste poging mislukt op 24-11-2026 21:00" in page.trust.backup_state.text()
    page.grab().save("/tmp/beheer-backup.png")


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_mapping_import_is_previewed_before_it_is_applied(qtbot, page, desk, tmp_path):
    from shelter_desk.services.admin.reference_import import centre_of, preview_mapping_import

    mapping = tmp_path / "koppeling.csv"
    mapping.write_text("gemeentecode;centrumgemeentecode\n0193;0193\n", encoding="utf-8")
    page.tabs.setCurrentIndex(2)
    panel = page.reference
    panel.preview_file(mapping, preview_mapping_import)
    assert "Zwolle" in panel.preview_text.toPlainText() and centre_of(desk, "0193") is None
    panel.apply_button.click()
    assert centre_of(desk, "0193") == "0193"
