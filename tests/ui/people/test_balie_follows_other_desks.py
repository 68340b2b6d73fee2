"""The Balie follows the other desks by itself: the shift handover beside the search, the open
person window (tonight's bed, without logging another look at the record) and the results."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.persistence.engine import Database, create_database_engine
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.handover import write_entry
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people import register_person
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from tests.ui.waiting import searched

NIGHT = date(2026, 11, 24)
WAIT_MS = 15_000


@pytest.fixture
def balie(qtbot, desk, region):
    page = FrontDeskPage(desk)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    page.show()
    qtbot.waitExposed(page)
    page.handover.location.setCurrentIndex(page.handover.location.findData(region.night_shelter))
    assert desk.db.changes.watching.wait(WAIT_MS / 1000)
    return page


@pytest.fixture
def other_desk(desk):
    database = Database(create_database_engine(desk.db.location), desk.db.location)
    yield Desk(
        database, clock=desk.clock, user=DeskUser(2, "emmen", "Balie Emmen", Role.FRONT_DESK), workstation="emmen-1"
    )
    database.close()


def _reads_of(db, person_id: int) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(AccessLogEntry)
                .where(AccessLogEntry.person_id == person_id, AccessLogEntry.action == "inzien")
            )
            or 0
        )


def test_another_desks_handover_entry_shows_beside_the_search(qtbot, balie, other_desk, region):
    write_entry(other_desk, region.night_shelter, "Henk komt later vanavond.", [region.people["henk"]])
    qtbot.waitUntil(
        lambda: any("Henk komt later" in balie.handover.list.text(row) for row in range(balie.handover.list.count())),
        timeout=WAIT_MS,
    )


def test_the_open_person_window_shows_a_bed_given_elsewhere_without_logging_another_look(
    qtbot, balie, desk, other_desk, region
):
    person = balie.open_person(region.people["jan"])
    qtbot.waitExposed(person)
    looked = _reads_of(desk.db, region.people["jan"])
    assign_bed(other_desk, region.people["jan"], region.beds["N1"], NIGHT)
    qtbot.waitUntil(lambda: "Nachtopvang Assen" in person.tonight_text.text(), timeout=WAIT_MS)
    assert _reads_of(desk.db, region.people["jan"]) == looked


def test_a_person_registered_elsewhere_appears_in_the_open_results(qtbot, balie, other_desk):
    qtbot.keyClicks(balie.picker.query, "Zwaluw")
    searched(balie.picker)
    assert balie.picker.model.rowCount() == 0
    register_person(other_desk, PersonDetails(alias="Zwaluw"))
    qtbot.waitUntil(lambda: balie.picker.model.rowCount() == 1, timeout=WAIT_MS)
