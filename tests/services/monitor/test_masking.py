"""Masking that holds over every figure of the monitor, in the screen's view, the PDF and the CSV.

On the hand-built November of `test_figures.py` (four people, small numbers everywhere) with an
incident and a plan added.
"""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader

from shelter_desk.domain.monitor import HIDDEN, Derived, is_small
from shelter_desk.domain.roles import Role
from shelter_desk.services.monitor import monitor_sections
from shelter_desk.services.monitor.figures import monitor_csv, monitor_pdf
from tests.services.monitor.test_figures import report  # noqa: F401  (the hand-built month)

pytestmark = pytest.mark.role(Role.COORDINATOR)
THRESHOLD = 5


def _published_totals(report) -> dict[str, int]:  # noqa: F811
    """Each section whose counts are parts, with the total the monitor shows elsewhere."""
    return {
        "Bezetting per voorziening": report.bed_nights,
        "Afwijzingen naar reden": report.turnaway_total,
        "Incidenten per voorziening en soort": sum(count for _label, count in report.incidents),
        "Gemeente van herkomst": report.unique_persons,
        "Provincie van herkomst": report.unique_persons,
        "Leeftijdsgroep (aan het eind van de periode)": report.unique_persons,
        "Geslacht": report.unique_persons,
    }


def test_every_figure_is_a_count_or_a_figure_derived_from_named_counts(report):  # noqa: F811
    for section in monitor_sections(report):
        for label, value in section.rows:
            plan_change = section.title.startswith("Persoonlijk plan: gemiddelde")
            assert isinstance(value, (int, Derived)) or plan_change, (section.title, label, value)
            assert not re.search(r"\d+ (bednachten|personen|nachten)", label), (section.title, label)


def test_every_derived_figure_of_a_hidden_count_is_hidden(report):  # noqa: F811
    for section in monitor_sections(report):
        masked = section.masked(THRESHOLD)
        hidden_counts = {
            value for (_l, value), (_m, shown) in zip(section.rows, masked, strict=True) if shown == HIDDEN
        }
        for (label, value), (_label, shown) in zip(section.rows, masked, strict=True):
            if isinstance(value, Derived) and any(is_small(b, THRESHOLD) or b in hidden_counts for b in value.basis):
                assert shown == HIDDEN, (section.title, label, shown)
            elif isinstance(value, Derived):
                assert shown == value.text, (section.title, label, shown)


def test_no_published_total_gives_a_hidden_part_away_by_subtraction(report):  # noqa: F811
    totals = _published_totals(report)
    sections = [section for section in monitor_sections(report) if section.parts]
    assert {section.title for section in sections} == set(totals)
    for section in sections:
        counts = [value for _label, value in section.rows if isinstance(value, int)]
        shown = [v for _l, v in section.masked(THRESHOLD) if v.isdigit()]
        if is_small(totals[section.title], THRESHOLD):
            continue  # the total itself is hidden
        assert sum(counts) == totals[section.title], section.title
        left = totals[section.title] - sum(int(v) for v in shown)
        assert left == 0 or left >= THRESHOLD, (section.title, left)


def test_a_share_with_a_current_plan_of_three_in_twenty_five_is_hidden_in_pdf_csv_and_marked_on_screen(
    desk,
    report,  # noqa: F811
):
    twenty_five = replace(report, unique_persons=25, plans=replace(report.plans, persons=25, with_current_plan=3))
    section = next(s for s in monitor_sections(twenty_five) if s.title == "Persoonlijk plan")
    assert dict(section.masked(THRESHOLD)) == {
        "Personen met een actueel plan": "<5",
        "Aandeel met een actueel plan": HIDDEN,
    }
    assert dict(section.exact())["Aandeel met een actueel plan"] == "12 %"
    csv_rows = monitor_csv(desk, twenty_five).decode("utf-8-sig").splitlines()
    assert "Persoonlijk plan;Aandeel met een actueel plan;verborgen" in csv_rows
    assert "12 %" not in "\n".join(csv_rows)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(monitor_pdf(desk, twenty_five))).pages)
    assert "12 %" not in text and HIDDEN in text


def test_the_csv_hides_a_gender_that_the_total_would_give_away(desk, report):  # noqa: F811
    many = replace(report, unique_persons=23, by_gender=(("Man", 20), ("Vrouw", 3)))
    rows = monitor_csv(desk, many).decode("utf-8-sig").splitlines()
    assert "Geslacht;Man;verborgen" in rows and "Geslacht;Vrouw;<5" in rows
