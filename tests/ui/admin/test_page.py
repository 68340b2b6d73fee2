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
def test_the_chosen_bed_is_put_out_of_use_and_says_so_in_the_list(qtbot, page, desk):
    page.new_facility()
    qtbot.keyClicks(page.name, "De Breehof Nachtopvang")
    page.save_button.click()
    page.bed_count.setValue(2)
    page.findChild(type(page.save_button), "addBeds").click()
    page.beds.setCurrentRow(1)
    page.retire_button.click()
    assert page.notice.text() == "Bed 2 buiten gebruik gezet."
    assert [page.beds.text(row) for row in range(page.beds.count())] == ["Bed 1", "Bed 2 — buiten gebruik"]
    assert page.facilities.text(0) == "De Breehof Nachtopvang (Regio Assen)"


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


@pytest.mark.role(Role.ADMINISTRATOR)
def test_the_chosen_account_is_switched_off_and_the_list_says_so(qtbot, page, desk):
    from shelter_desk.services.trust.accounts import create_account

    create_account(desk, "beheer", "De Beheerder", Role.ADMINISTRATOR, "lang-genoeg-ook")  # the signed-in one (id 1)
    create_account(desk, "piet", "Piet Balie", Role.FRONT_DESK, "ook-lang-genoeg")
    page.tabs.setCurrentIndex(1)
    page.trust.load_users()
    row = next(r for r in range(page.trust.users.count()) if page.trust.users.text(r).startswith("piet"))
    page.trust.users.setCurrentRow(row)
    page.trust.toggle_user()
    assert page.trust.users.text(row) == "piet — Piet Balie (Baliemedewerker) — uitgeschakeld"


@pytest.mark.role(Role.COORDINATOR)
def test_the_chosen_people_beyond_the_retention_period_are_anonymised(qtbot, page, desk, db, region):
    from datetime import UTC, datetime

    from shelter_desk.domain.person_details import PersonDetails
    from shelter_desk.services.kernel import Desk
    from shelter_desk.services.people.records import register_person

    past = Desk(db, clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=UTC), user=desk.user)
    for name in ("Oud", "Ouder"):
        register_person(past, PersonDetails(first_name=name, last_name="Contact"))
    page.tabs.setCurrentIndex(1)
    page.trust.find_candidates()
    assert page.trust.candidates.count() == 2 and page.trust.candidates.text(0).startswith("Oud")
    first = page.trust.candidates.text(0)
    page.trust.candidates.setCurrentRow(1)  # only the second is chosen
    page.trust.anonymise_selected()
    assert page.trust.notice.text() == "1 personen buiten de bewaartermijn."  # the list read again
    assert [page.trust.candidates.text(row) for row in range(page.trust.candidates.count())] == [first]
