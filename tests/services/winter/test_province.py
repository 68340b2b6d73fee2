"""One act for the province: the arrangement activated, extended or ended in several regions at once."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Role
from shelter_desk.domain.winter import ActivationTerms, WinterPhase
from shelter_desk.services.beds.occupancy import winter_night_list_pdf
from shelter_desk.services.winter import (
    activate,
    activate_regions,
    activations,
    add_winter_location,
    end_several,
    extend,
    extend_several,
)

pytestmark = pytest.mark.role(Role.COORDINATOR)

NIGHT = date(2026, 11, 24)
TOMORROW = NIGHT + timedelta(days=1)
ASSEN, EMMEN = "0106", "0114"


@pytest.fixture
def locations(desk, region):
    """A winter location in Assen and one in Emmen (which makes Emmen a region of the desk)."""
    return (
        add_winter_location(desk, ASSEN, "Winteropvang Assen", 4),
        add_winter_location(desk, EMMEN, "Winteropvang Emmen", 4),
    )


def _by_region(desk):
    return {view.region: (view.first_night, view.last_night, view.phase, view.remark) for view in activations(desk)}


def test_one_act_activates_assen_and_emmen_for_the_same_nights_with_one_reason(desk, locations):
    activate_regions(desk, [ASSEN, EMMEN], ActivationTerms(NIGHT, TOMORROW, WinterPhase.TWO, "vorst, Meldpunt OGGZ"))
    assert _by_region(desk) == {
        "Regio Assen": (NIGHT, TOMORROW, WinterPhase.TWO, "vorst, Meldpunt OGGZ"),
        "Regio Emmen": (NIGHT, TOMORROW, WinterPhase.TWO, "vorst, Meldpunt OGGZ"),
    }
    assert all("in één besluit voor Regio Assen, Regio Emmen" in view.history[0] for view in activations(desk))


def test_the_winter_night_lists_of_both_regions_show_the_one_activation(desk, locations):
    activate_regions(desk, [ASSEN, EMMEN], ActivationTerms(NIGHT, TOMORROW, WinterPhase.TWO, "vorst"))
    for location in locations:
        text = PdfReader(BytesIO(winter_night_list_pdf(desk, location, TOMORROW))).pages[0].extract_text()
        assert "Winterregeling fase 2" in text


def test_when_one_region_already_has_those_nights_no_region_is_activated(desk, locations):
    activate(desk, EMMEN, ActivationTerms(TOMORROW, TOMORROW, WinterPhase.ONE))
    with pytest.raises(DeskError) as refused:
        activate_regions(desk, [ASSEN, EMMEN], ActivationTerms(NIGHT, TOMORROW, WinterPhase.TWO))
    assert "Regio Emmen: 25 november 2026 tot en met 25 november 2026" in refused.value.message
    assert set(_by_region(desk)) == {"Regio Emmen"}


def test_a_region_can_still_be_extended_on_its_own_after_a_joint_act(desk, locations):
    ids = activate_regions(desk, [ASSEN, EMMEN], ActivationTerms(NIGHT, TOMORROW, WinterPhase.ONE))
    extend(desk, ids[1], TOMORROW + timedelta(days=2))
    assert {region: last for region, (_f, last, _p, _r) in _by_region(desk).items()} == {
        "Regio Assen": TOMORROW,
        "Regio Emmen": TOMORROW + timedelta(days=2),
    }


def test_several_regions_are_extended_and_ended_in_one_act(desk, locations):
    ids = activate_regions(desk, [ASSEN, EMMEN], ActivationTerms(NIGHT, TOMORROW, WinterPhase.ONE))
    extend_several(desk, ids, NIGHT + timedelta(days=4), "kou houdt aan")
    assert {last for _f, last, _p, _r in _by_region(desk).values()} == {NIGHT + timedelta(days=4)}
    end_several(desk, ids, TOMORROW, "dooi")
    assert {last for _f, last, _p, _r in _by_region(desk).values()} == {TOMORROW}


def test_a_joint_extension_that_one_region_cannot_take_changes_no_region(desk, locations):
    ids = activate_regions(desk, [ASSEN, EMMEN], ActivationTerms(NIGHT, TOMORROW, WinterPhase.ONE))
    extend(desk, ids[1], NIGHT + timedelta(days=5))
    with pytest.raises(DeskError, match="die van Regio Emmen loopt al tot en met 29 november 2026"):
        extend_several(desk, ids, NIGHT + timedelta(days=3))
    assert _by_region(desk)["Regio Assen"][1] == TOMORROW


def test_a_joint_act_needs_at_least_one_region(desk, locations):
    with pytest.raises(DeskError, match="minstens één regio"):
        activate_regions(desk, [], ActivationTerms(NIGHT, TOMORROW, WinterPhase.ONE))


@pytest.mark.role(Role.FRONT_DESK)
def test_the_front_desk_cannot_activate_the_province(desk, db, region):
    with pytest.raises(DeskError):
        activate_regions(desk, [ASSEN], ActivationTerms(NIGHT, TOMORROW, WinterPhase.ONE))
