"""The winter season report: figures in, a one-page A4 PDF out (no database here).

What the council and the GGD ask after a winter: how many nights under which phase, how many
people and bed-nights in winter places, turnaways on winter nights (the goal is zero), and how
many of the people were new to the shelter.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.season_check import SeasonCheck, Verdict
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.domain.winter import WinterPhase
from shelter_desk.reports import fonts
from shelter_desk.reports.printable import printable
from shelter_desk.reports.season_data import SeasonReport


def render_season_report(report: SeasonReport) -> bytes:
    fonts.register_fonts()
    title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=16, leading=20)
    normal = ParagraphStyle("normal", fontName=fonts.REGULAR, fontSize=10, leading=13)
    red = ParagraphStyle("red", parent=normal, textColor=colors.HexColor("#b91c1c"), fontName=fonts.BOLD)
    heading = ParagraphStyle("heading", parent=normal, fontName=fonts.BOLD, fontSize=12, leading=16)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Seizoensrapport winterregeling — {report.region}",
        author="Shelter Desk",
        creator="Shelter Desk",
    )
    period = f"{report.first_night:%d-%m-%Y} t/m {report.last_night:%d-%m-%Y}"
    story = [
        Paragraph("Seizoensrapport winterregeling", title),
        Paragraph(printable(f"{report.region} — {period}"), normal),
    ]
    if report.is_demo:
        story.append(Paragraph("DEMO — fictieve personen", red))
    story.append(Paragraph(f"Afgedrukt op {report.printed_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}", normal))
    story.append(Spacer(1, 6 * mm))
    rows = [
        ("Nachten winterregeling fase 1", report.nights_phase_one),
        ("Nachten winterregeling fase 2", report.nights_phase_two),
        ("Personen met een nacht in een winterplek", report.persons_in_winter_places),
        ("Bednachten in winterplekken", report.bed_nights_in_winter_places),
        ("Personen opgevangen in winternachten", report.persons_on_winter_nights),
        ("   waarvan nieuw in de opvang", report.new_persons),
        ("Afwijzingen in winternachten (doel: 0)", report.turnaways_on_winter_nights),
        ("Nachten gepland (nog niet geweest; niet meegeteld)", report.nights_planned),
    ]
    table = Table(
        [[Paragraph(printable(label), normal), Paragraph(str(value), normal)] for label, value in rows],
        colWidths=[120 * mm, 40 * mm],
    )
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR)]
    if report.turnaways_on_winter_nights:
        style.append(("BACKGROUND", (0, 6), (-1, 6), colors.HexColor("#fee2e2")))
    table.setStyle(TableStyle(style))
    story.append(table)
    if report.turnaway_reasons:
        story.append(Spacer(1, 5 * mm))
        story.append(Paragraph("Afwijzingen tijdens de winterregeling:", red))
        story.extend(Paragraph(printable(line), red) for line in report.turnaway_reasons)
    story.append(Spacer(1, 6 * mm))
    story.extend(_street_section(report, normal, heading))
    if report.check is not None:
        story.append(Spacer(1, 6 * mm))
        story.extend(_check_section(report.check, normal, heading))
    doc.build(story)
    return buffer.getvalue()


def _street_section(report: SeasonReport, normal: ParagraphStyle, heading: ParagraphStyle) -> list[Flowable]:
    """Street contacts per winter night: seen, offered a bed, placed, refused (the arrangement's aim)."""
    story: list[Flowable] = [Paragraph(printable(f"Straatcontacten per nacht — {report.region}"), heading)]
    if not report.street_by_night:
        story.append(Paragraph("Geen straatcontacten vastgelegd in de winternachten van deze periode.", normal))
        return story
    total = report.street_total
    rows = [["Nacht", "Gezien", "Bed aangeboden", "Geplaatst", "Geweigerd"]]
    rows += [
        [f"{night:%d-%m-%Y}", str(c.seen), str(c.offered), str(c.placed), str(c.refused)]
        for night, c in report.street_by_night
    ]
    rows.append(["Totaal", str(total.seen), str(total.offered), str(total.placed), str(total.refused)])
    table = Table(rows, colWidths=[35 * mm, 28 * mm, 40 * mm, 30 * mm, 30 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
                ("FONTNAME", (0, -1), (-1, -1), fonts.BOLD),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
            ]
        )
    )
    story.append(table)
    return story


_MILDER = colors.HexColor("#fef3c7")  # activated, milder than decided: worth a second look
_COLD = colors.HexColor("#fee2e2")  # cold without the arrangement: the night that matters most


def _felt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",").replace("-", "−")


def _phase(phase: WinterPhase | None) -> str:
    return "—" if phase is None else ("geen", "fase 1", "fase 2")[phase]


def _check_section(check: SeasonCheck, normal: ParagraphStyle, heading: ParagraphStyle) -> list[Flowable]:
    """Each observed night: activated phase, forecast and observed felt temperature and phase."""
    small = ParagraphStyle("small", parent=normal, fontSize=8, leading=10)
    story: list[Flowable] = [
        Paragraph("Verwachting en waarneming", heading),
        Paragraph(
            printable(
                f"Waarneming: {check.source}. Gevoelstemperatuur en fase volgens dezelfde formule, afronding "
                "en drempels als bij het besluit; de datum is de avond waarop de nacht begint."
            ),
            small,
        ),
        Spacer(1, 2 * mm),
    ]
    summary = [
        ("Geactiveerd en milder uitgevallen", check.count(Verdict.MILDER)),
        (
            "Niet geactiveerd en toch onder de drempel (fase 1 of 2 waargenomen)",
            check.count(Verdict.COLD_NOT_ACTIVATED),
        ),
        ("Geactiveerd en kouder uitgevallen", check.count(Verdict.COLDER)),
        ("Geactiveerd in de waargenomen fase", check.count(Verdict.RIGHT)),
        ("Geactiveerde nachten zonder waarneming in het bestand", len(check.activated_without_observation)),
    ]
    counts = Table(
        [[Paragraph(printable(label), normal), str(value)] for label, value in summary], colWidths=[140 * mm, 25 * mm]
    )
    counts.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("BACKGROUND", (0, 0), (-1, 0), _MILDER),
                ("BACKGROUND", (0, 1), (-1, 1), _COLD),
            ]
        )
    )
    story += [counts, Spacer(1, 4 * mm)]
    head = ParagraphStyle("head", parent=small, fontName=fonts.BOLD)
    # "Besluit": the phase activated; "gemeten": the KNMI station's values, assessed like a forecast.
    headers = ("Nacht", "Besluit", "Verwacht gevoel °C", "Verwachte fase", "Gemeten gevoel °C", "Gemeten fase")
    rows: list[list[Any]] = [[Paragraph(text, head) for text in (*headers, "Oordeel")]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"),
        ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
    ]
    for row, night in enumerate(check.nights, start=1):
        rows.append(
            [
                f"{night.night:%d-%m-%Y}",
                _phase(night.activated),
                _felt(night.forecast_felt),
                _phase(night.forecast_phase),
                _felt(night.observed_felt),
                _phase(night.observed_phase),
                str(night.verdict),
            ]
        )
        if night.verdict is Verdict.MILDER:
            style.append(("BACKGROUND", (0, row), (-1, row), _MILDER))
        elif night.verdict is Verdict.COLD_NOT_ACTIVATED:
            style.append(("BACKGROUND", (0, row), (-1, row), _COLD))
    table = Table(rows, colWidths=[20 * mm, 17 * mm, 21 * mm, 22 * mm, 21 * mm, 20 * mm, 42 * mm], repeatRows=1)
    table.setStyle(TableStyle(style))
    story.append(table)
    if check.activated_without_observation:
        story.append(
            Paragraph(
                printable(
                    "Zonder waarneming: "
                    + ", ".join(f"{night:%d-%m-%Y}" for night in check.activated_without_observation)
                ),
                small,
            )
        )
    return story
