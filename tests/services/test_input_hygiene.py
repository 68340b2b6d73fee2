"""Input that goes in checked: every night a use case accepts lies in the window, every text passes the gate."""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.domain.stays import TurnawayReason
from shelter_desk.persistence.models import Person, PersonNote, Turnaway
from shelter_desk.services.kernel.desk import Desk
from tests.conftest import EVENING
from tests.services.transactions import transactions_opened
from tests.services.use_cases import USE_CASES

NIGHT_PARAMETERS = {
    "night",
    "first_night",
    "last_night",
    "on",
    "start",
    "end",
    "received_on",
    "reported_on",
    "provision_on",
    "consent_on",
}
TAKES_A_NIGHT = sorted(
    name for name, function in USE_CASES.items() if NIGHT_PARAMETERS & set(inspect.signature(function).parameters)
)


def test_the_use_cases_that_take_a_night_are_found():
    assert {
        "beds.assign_bed",
        "beds.record_turnaway",
        "beds.occupancy_pdf",
        "beds.bed_board",
        "beds.end_stay",
        "postal.log_mail",
    } <= set(TAKES_A_NIGHT)


@pytest.mark.engine_independent("a night outside the window is refused before any SQL")
@pytest.mark.parametrize("night", [date(9999, 12, 31), date(1900, 1, 1)])
@pytest.mark.parametrize("name", TAKES_A_NIGHT)
def test_a_use_case_refuses_a_night_outside_the_window(db, name, night):
    function = USE_CASES[name]
    admin = Desk(db, clock=lambda: EVENING, user=DeskUser(1, "beheerder", "Test", Role.ADMINISTRATOR))
    arguments: dict[str, object] = {}
    for parameter, spec in list(inspect.signature(function).parameters.items())[1:]:
        if parameter in NIGHT_PARAMETERS:
            arguments[parameter] = night
        elif spec.default is inspect.Parameter.empty:
            arguments[parameter] = None
    with transactions_opened(db) as opened, pytest.raises(DeskError, match="buiten wat de balie kan bedoelen"):
        function(admin, **arguments)
    assert opened.count == 0, f"{name} opened {opened.count} transaction(s) before refusing the night"


def test_a_winter_activation_in_9999_is_refused(db):
    from shelter_desk.domain.winter import ActivationTerms, WinterPhase
    from shelter_desk.services.winter import activate

    coordinator = Desk(db, clock=lambda: EVENING, user=DeskUser(1, "c", "C", Role.COORDINATOR))
    with pytest.raises(DeskError, match="buiten wat de balie kan bedoelen"):
        activate(coordinator, "0106", ActivationTerms(date(9999, 1, 1), date(9999, 1, 2), WinterPhase.ONE))


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_note_with_a_direction_override_is_refused_and_nothing_is_stored(db, desk, region):
    from shelter_desk.services.people import add_note

    with pytest.raises(DeskError, match="leesrichting"):
        add_note(desk, region.people["jan"], "betaald\u202e0001")
    assert _count(db, PersonNote) == 0


def test_a_lone_surrogate_in_a_name_is_refused_in_dutch_not_with_a_traceback(db, desk):
    from shelter_desk.services.people import register_person

    with pytest.raises(DeskError, match="losse surrogaat"):
        register_person(desk, PersonDetails(first_name="Jan\ud800", last_name="Berg"))
    assert _count(db, Person) == 0


def test_a_ten_thousand_character_name_is_refused_at_registration(db, desk):
    from shelter_desk.services.people import register_person

    with pytest.raises(DeskError, match="hoogstens 80 tekens"):
        register_person(desk, PersonDetails(first_name="A" * 10_000))
    assert _count(db, Person) == 0


def test_a_turnaway_description_is_held_to_its_column(db, desk):
    from shelter_desk.services.beds import record_turnaway

    with pytest.raises(DeskError, match="hoogstens 200 tekens"):
        record_turnaway(desk, EVENING.date(), TurnawayReason.FULL, description="man " * 1000)
    with pytest.raises(DeskError, match="stuurteken"):
        record_turnaway(desk, EVENING.date(), TurnawayReason.FULL, description="man\x1b[31m")
    assert _count(db, Turnaway) == 0


def test_an_overrule_reason_with_a_nul_is_refused(db, region):
    from shelter_desk.services.beds import assign_bed

    coordinator = Desk(db, clock=lambda: EVENING, user=DeskUser(1, "c", "C", Role.COORDINATOR))
    with pytest.raises(DeskError, match="stuurteken"):
        assign_bed(coordinator, region.people["jan"], region.beds["N1"], EVENING.date(), "akkoord\x00")
