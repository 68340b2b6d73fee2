"""The monitor PDF: its outflow chart says plainly when every number is too small to show."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from pypdf import PdfReader

from shelter_desk.reports.monitor_data import MonitorDocument, MonitorSection
from shelter_desk.reports.monitor_report import render_monitor_pdf


def _text(outflow):
    document = MonitorDocument(
        "Monitor maatschappelijke opvang — Regio Assen",
        "1e halfjaar 2026",
        (MonitorSection("Instroom", (("Nieuwe personen", 3),)),),
        ((date(2026, 1, 1), 7), (date(2026, 1, 2), 6)),
        outflow,
        datetime(2026, 7, 1, 9, tzinfo=UTC),
        threshold=5,
    )
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(render_monitor_pdf(document))).pages)


def test_an_outflow_of_only_small_numbers_says_too_few_to_show_instead_of_an_empty_chart():
    assert "Te weinig om te tonen" in _text((("Eigen woning", 2), ("Onbekend", 1)))


def test_an_outflow_with_a_number_above_the_threshold_is_drawn():
    text = _text((("Eigen woning", 12), ("Onbekend", 1)))
    assert "Te weinig om te tonen" not in text and "Eigen woning" in text
