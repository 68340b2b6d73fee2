"""Rapportages: the monitor on screen for a period and scope, and its exports."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QPushButton

from shelter_desk.domain.roles import Role
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.ui import feedback
from shelter_desk.ui.monitor.page import ReportsPage


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


def test_the_half_year_for_the_region_is_shown_on_screen(page):
    page.scope.setCurrentIndex(page.scope.findText("Regio Assen"))
    page.findChild(QPushButton, "computeMonitor").click()
    first = page.figures.topLevelItem(0)
    assert first.text(0) == "Instroom en doorstroom" and first.child(0).text(1) == "1"
    assert "2e halfjaar 2026" in page.figures.headerItem().text(0)


@pytest.mark.role(Role.COORDINATOR)
def test_the_exports_are_saved_and_opened(page):
    page.compute()
    pdf, csv_path = page.export_pdf(), page.export_csv()
    assert page.opened == [pdf, csv_path] and "<5" in csv_path.read_text(encoding="utf-8-sig")


def test_the_charts_show_the_period_on_screen(page, tmp_path):
    page.compute()
    assert page.nightly_chart.nightly == page.report.nightly
    assert page.outflow_chart.outflow == tuple((label, count) for label, count in page.report.outflow if count)
    page.resize(1186, 640)
    image = page.nightly_chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert "#ffffff" in colours and len(colours) > 2  # something is drawn on the white
