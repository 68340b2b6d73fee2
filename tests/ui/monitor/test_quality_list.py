"""The data-quality work list: each open point opens the record on the field to fix."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from shelter_desk.domain.roles import Role
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.ui.monitor.quality_list import QualityListDialog
from shelter_desk.ui.shared.person_form import PersonFormDialog

pytestmark = pytest.mark.role(Role.COORDINATOR)
SEVEN_WEEKS_AGO = date(2026, 11, 24) - timedelta(weeks=7)


@pytest.fixture
def work_list(qtbot, desk, db, region):
    past = Desk(db, clock=lambda: datetime(2026, 10, 6, 20, 0, tzinfo=UTC), user=desk.user)
    assign_bed(past, region.people["jan"], region.beds["N1"], SEVEN_WEEKS_AGO)
    dialog = QualityListDialog(desk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_list_shows_each_point_with_the_person(work_list):
    rows = [tuple(work_list.table.item(r, c).text() for c in range(2)) for r in range(work_list.table.rowCount())]
    assert ("Gemeente van herkomst onbekend na zes weken", "Jan Berg") in rows
    assert ("Toestemming gegevens delen nooit gevraagd", "Jan Berg") in rows
    work_list.grab().save("/tmp/i25_quality_list.png")


def test_a_line_opens_the_record_with_the_field_to_fix_in_focus(qtbot, work_list):
    row = next(r for r, line in enumerate(work_list.lines) if line.field == "origin")
    person = work_list.open_row(row)
    form = person.child
    assert isinstance(form, PersonFormDialog)
    qtbot.waitExposed(form)
    assert form.focusWidget() is form.municipality


def test_consents_ending_within_thirty_days_are_listed_to_ask_again(qtbot, desk, region):
    from shelter_desk.domain.consent import ConsentPurpose
    from shelter_desk.services.people import record_consent

    record_consent(
        desk, region.people["henk"], ConsentPurpose.CARE_PARTNERS, True, date(2025, 1, 1), date(2026, 12, 10)
    )
    dialog = QualityListDialog(desk)
    qtbot.addWidget(dialog)
    assert [dialog.ending.item(0, c).text() for c in range(3)] == [
        "gegevens delen met zorgpartners",
        "Henk Bakker",
        "t/m 10-12-2026",
    ]
