"""The bed board marks two persons placed together who must be kept apart (⇹), never saying who."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.safety import KeepApartScope, KeepApartTerms
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.safety import keep_apart
from shelter_desk.ui.beds.board_page import BedBoardPage
from shelter_desk.ui.beds.tiles import KEEP_APART

NIGHT = date(2026, 11, 24)


@pytest.fixture
def board(qtbot, desk):
    page = BedBoardPage(desk, open_file=lambda path: None)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.shown_night is not None)  # read on the database worker
    return page


def test_both_beds_are_marked_once_a_coordinator_placed_them_together(board, coordinator_desk, region):
    jan, henk = region.people["jan"], region.people["henk"]
    keep_apart(coordinator_desk, KeepApartTerms(jan, henk, KeepApartScope.FACILITY, "Vechtpartij", NIGHT, NIGHT))
    assign_bed(coordinator_desk, jan, region.beds["N1"], NIGHT)
    assign_bed(coordinator_desk, henk, region.beds["N2"], NIGHT, overrule_reason="Vriest; beiden rustig")
    board.refresh()
    assert KEEP_APART in board.tile("1").text() and KEEP_APART in board.tile("2").text()
    assert KEEP_APART not in board.tile("3").text()
    keep_line = next(line for line in board.tile("2").toolTip().splitlines() if "Uit elkaar houden" in line)
    assert "Jan" not in keep_line  # the board tells the desk to ask the coordinator, not who it is
