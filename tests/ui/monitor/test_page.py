"""Rapportages: the monitor on screen for a period and scope, and its exports."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton

from shelter_desk.domain.roles import Role
from shelter_desk.domain.safety import EscalationTerms, SafetyNetwork
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.safety import close_escalation, escalate
from shelter_desk.ui import feedback
from shelter_desk.ui.monitor import page as page_module
from shelter_desk.ui.monitor.page import ReportsPage
from tests.ui.paper import print_to_file
from tests.ui.waiting import computed


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
    computed(page)
    first = page.figures.topLevelItem(0)
    assert first.text(0) == "Instroom en doorstroom" and first.child(0).text(1) == "1"
    assert "2e halfjaar 2026" in page.figures.headerItem().text(0)


@pytest.mark.role(Role.COORDINATOR)
def test_the_work_list_opened_beside_a_regions_report_is_that_regions(page):
    page.scope.setCurrentIndex(page.scope.findText("Regio Assen"))
    page.findChild(QPushButton, "computeMonitor").click()
    computed(page)
    titles = [page.figures.topLevelItem(i).text(0) for i in range(page.figures.topLevelItemCount())]
    assert "Bijlage: datakwaliteit, open punten (stand van vandaag, regio Assen)" in titles
    dialog = page.open_quality_list()
    assert dialog.windowTitle() == "Datakwaliteit: open punten (regio Assen)"
    assert dialog._region_id == page.report.data_quality_region_id is not None
    page.figures.scrollToBottom()
    page.grab().save("/tmp/mon31_monitor_region.png")
    dialog.close()


@pytest.mark.role(Role.COORDINATOR)
def test_the_exports_are_saved_and_opened(page):
    page.compute()
    computed(page)
    pdf, csv_path = page.export_pdf(), page.export_csv()
    assert page.opened == [pdf, csv_path] and "<5" in csv_path.read_text(encoding="utf-8-sig")


def test_the_charts_show_the_period_on_screen(page, tmp_path):
    page.compute()
    computed(page)
    assert page.nightly_chart.nightly == page.report.nightly
    assert page.outflow_chart.outflow == tuple((label, count) for label, count in page.report.outflow if count)
    page.resize(1186, 640)
    image = page.nightly_chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert "#ffffff" in colours and len(colours) > 2  # something is drawn on the white


def _escalation(region, started: date) -> EscalationTerms:  # type: ignore[no-untyped-def]
    return EscalationTerms(
        region.people["henk"], SafetyNetwork.MELDPUNT_OGGZ, started, "Petra Smit", "", "", "Bel Petra Smit."
    )


def _figures(page: ReportsPage, title: str) -> list[tuple[str, str]]:
    for index in range(page.figures.topLevelItemCount()):
        item = page.figures.topLevelItem(index)
        if item.text(0).startswith(title):
            return [(item.child(row).text(0), item.child(row).text(1)) for row in range(item.childCount())]
    return []


@pytest.mark.role(Role.COORDINATOR)
def test_a_coordinator_reads_the_escalations_started_and_closed_per_quarter_of_the_period(page, desk, region):
    first = escalate(desk, _escalation(region, date(2026, 8, 3)))
    escalate(desk, _escalation(region, date(2026, 10, 12)))
    close_escalation(desk, first, date(2026, 11, 2), "Opgenomen in een kliniek.")
    page.compute()  # the second half of 2026
    computed(page)
    assert _figures(page, "Veiligheidsnetwerk") == [
        ("3e kwartaal 2026", "1 gemeld, 0 afgesloten"),
        ("4e kwartaal 2026", "1 gemeld, 1 afgesloten"),
    ]
    page.resize(1186, 640)
    network = page.figures.findItems("Veiligheidsnetwerk", Qt.MatchFlag.MatchStartsWith)[0]
    page.figures.scrollToItem(network.child(1), QAbstractItemView.ScrollHint.PositionAtCenter)
    page.grab().save("/tmp/ui25_monitor_network.png")


def test_the_front_desk_reads_no_safety_network_figures(page, coordinator_desk, region):
    escalate(coordinator_desk, _escalation(region, date(2026, 10, 12)))
    page.compute()
    computed(page)
    assert page.figures.topLevelItemCount() > 0 and _figures(page, "Veiligheidsnetwerk") == []


@pytest.mark.role(Role.COORDINATOR)
def test_the_monitor_prints_on_the_chosen_printer_and_keeps_the_pdf(page, tmp_path):
    paper = tmp_path / "printer.pdf"

    print_to_file(page, paper)
    page.findChild(QPushButton, "printMonitor").click()
    computed(page)  # no report on screen yet: computed first, then printed
    assert paper.exists() and len(PdfReader(str(paper)).pages) >= 1
    assert page.notice.text().startswith("Monitor alle regio's, 2e halfjaar 2026 afgedrukt op")
    assert page.last_saved is not None and page.last_saved.exists()


def test_the_monitor_is_computed_on_the_database_worker_while_the_window_keeps_answering(page, monkeypatch):
    computed_on: list[str] = []
    real_monitor = page_module.monitor

    def monitor(*args, **kwargs):  # type: ignore[no-untyped-def]
        computed_on.append(threading.current_thread().name)
        return real_monitor(*args, **kwargs)

    monkeypatch.setattr(page_module, "monitor", monitor)
    page.compute()
    assert page.computing and page.figures.topLevelItemCount() == 0  # back at once, the report on its way
    computed(page)
    assert page.figures.topLevelItemCount() > 0
    assert computed_on and threading.main_thread().name not in computed_on


@pytest.mark.role(Role.COORDINATOR)
def test_an_export_asked_before_the_report_came_is_saved_once_it_is_computed(page):
    page.compute()
    assert page.export_csv() is None  # the report is still on its way: the export waits for it
    computed(page)
    assert len(page.opened) == 1 and page.opened[0].suffix == ".csv"
    assert "<5" in page.opened[0].read_text(encoding="utf-8-sig")
