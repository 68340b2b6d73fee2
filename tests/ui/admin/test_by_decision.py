"""Beheer: an administrator marks a facility as one whose places are given by decision; a KDO always is."""

from __future__ import annotations

import pytest

from shelter_desk.domain.roles import Role
from shelter_desk.services.trajectory import decision_facilities
from shelter_desk.ui.admin.page import AdminPage

pytestmark = pytest.mark.role(Role.ADMINISTRATOR)


@pytest.fixture
def page(qtbot, desk, region):
    widget = AdminPage(desk)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _select(page, name: str) -> None:
    page.facilities.setCurrentRow(next(i for i, d in enumerate(page.details) if d.terms.name == name))


def test_a_youth_shelter_is_marked_to_give_its_places_by_decision(page, desk, region):
    assert [name for _id, name in decision_facilities(desk)] == ["KDO Assen"]
    _select(page, "Jongerenopvang Assen")
    assert not page.by_decision.isChecked()
    page.by_decision.click()
    assert "geeft nu plaatsen na een besluit" in page.notice.text()
    assert [name for _id, name in decision_facilities(desk)] == ["Jongerenopvang Assen", "KDO Assen"]


def test_a_kdo_cannot_be_unmarked(page, desk, region):
    _select(page, "KDO Assen")
    assert page.by_decision.isChecked()
    page.by_decision.click()
    assert "altijd na een besluit" in page.error.text() and page.by_decision.isChecked()
