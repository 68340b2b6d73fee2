"""Rapportages: the national half-year figures are exported from the page for a half year only."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.monitor import PeriodKind
from shelter_desk.domain.roles import Role
from shelter_desk.services.beds import assign_bed
from shelter_desk.ui import feedback
from shelter_desk.ui.monitor.page import ReportsPage

pytestmark = pytest.mark.role(Role.COORDINATOR)


@pytest.fixture
def page(qtbot, desk, region, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    assign_bed(desk, region.people["jan"], region.beds["N1"], date(2026, 11, 24))
    opened: list = []
    widget = ReportsPage(desk, open_file=opened.append)
    widget.opened = opened
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_national_figures_of_the_half_year_are_saved_and_opened(page):
    path = page.export_national()
    assert page.opened == [path]
    text = path.read_text(encoding="utf-8-sig")
    assert "2026-2;organisatie;;personen_in_opvang;totaal;<5" in text
    page.grab().save("/tmp/i24_reports.png")


def test_another_period_than_a_half_year_is_refused_in_red(page):
    page.kind.setCurrentIndex(page.kind.findData(PeriodKind.MONTH.value))
    assert page.export_national() is None
    assert "halfjaar" in page.error.text() and page.opened == []
