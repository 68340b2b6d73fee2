"""Beheer → Importeren: choose a file, map its columns, a dry run first, then import; the report stays."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import Person
from shelter_desk.ui.admin.page import AdminPage
from tests.services.imports.messy_spreadsheet import as_xlsx, messy_rows

pytestmark = pytest.mark.role(Role.ADMINISTRATOR)


@pytest.fixture
def panel(qtbot, desk):
    page = AdminPage(desk)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.imports)
    return page.imports


def _persons(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Person)) or 0


def test_import_is_offered_only_after_a_dry_run_that_saved_nothing(panel, db, tmp_path):
    rows, _planted = messy_rows(40)
    path = tmp_path / "gasten.xlsx"
    path.write_bytes(as_xlsx(rows))
    panel.load_file(path)
    assert panel.chosen_mapping()["Geb. datum"] == "geboortedatum"
    assert not panel.import_button.isEnabled()
    before = _persons(db)
    panel.dry_run_button.click()
    assert "rij 9: geweigerd: BSN" in panel.report.toPlainText() and _persons(db) == before
    panel.grab().save("/tmp/i32_import_panel.png")
    panel.import_button.click()
    assert _persons(db) > before and "Import personen" in panel.report.toPlainText()
    assert not panel.import_button.isEnabled()


def test_a_changed_column_choice_asks_for_a_new_dry_run(panel, tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_bytes(b"Naam;Tel\r\nPiet Jansen;0612345678\r\n")
    panel.load_file(path)
    panel.dry_run_button.click()
    assert panel.import_button.isEnabled()
    panel.mapping.cellWidget(1, 1).setCurrentIndex(0)
    assert not panel.import_button.isEnabled()
