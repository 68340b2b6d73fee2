"""The monitor as PDF (with reportlab charts) and CSV, from the monitor's figures, masked.

Both leave the organisation (council, municipality): every count under the small-number
threshold is printed as "<5", and every figure that would give one away (a share, an average, a
part of a published total) as "verborgen" (`domain.monitor.masked_values`). The screen shows the
exact figures and says which ones the exports hide.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.monitor import masked_values
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.reports import fonts
from shelter_desk.reports.monitor_data import MonitorDocument
from shelter_desk.reports.printable import printable


def _masked_nights(nightly: tuple[tuple[date, int], ...], threshold: int) -> list[tuple[date, str]]:
    """The nights' counts as they leave the organisation: parts of the period's bed-nights."""
    values = masked_values([count for _night, count in nightly], threshold, parts=True)
    return [(night, value) for (night, _count), value in zip(nightly, values, strict=True)]


def _occupancy_chart(nightly: tuple[tuple[date, int], ...], threshold: int) -> Drawing:
    drawing = Drawing(170 * mm, 55 * mm)
    # A hidden night is drawn as 0, as the outflow chart draws its small numbers.
    shown = _masked_nights(nightly, threshold)
    nightly = tuple((night, int(value) if value.isdigit() else 0) for night, value in shown)
    hidden = any(not value.isdigit() for _night, value in shown)
    title = "Bezetting per nacht (personen)" + (f"; nachten met minder dan {threshold} als 0" if hidden else "")
    drawing.add(String(0, 52 * mm, title, fontName=fonts.BOLD, fontSize=9))
    if nightly and not any(count for _night, count in nightly):
        # Every night is small (or hidden): a flat line at 0 would look like an empty shelter.
        drawing.contents[0].y = 10 * mm
        drawing.add(
            String(
                0,
                3 * mm,
                f"Te weinig om te tonen: elk aantal ligt onder {threshold} (bescherming van kleine aantallen).",
                fontName=fonts.REGULAR,
                fontSize=9,
            )
        )
        drawing.height = 14 * mm
        return drawing
    if not nightly:
        drawing.add(String(0, 25 * mm, "Geen nachten in deze periode.", fontName=fonts.REGULAR, fontSize=9))
        return drawing
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 12 * mm, 8 * mm, 150 * mm, 40 * mm
    first = nightly[0][0].toordinal()
    plot.data = [[(night.toordinal() - first, count) for night, count in nightly]]
    plot.lines[0].strokeColor = colors.HexColor("#1d4ed8")
    plot.lines[0].strokeWidth = 1.2
    plot.xValueAxis.labels.fontName = plot.yValueAxis.labels.fontName = fonts.REGULAR
    plot.xValueAxis.labels.fontSize = plot.yValueAxis.labels.fontSize = 7
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(1, nightly[-1][0].toordinal() - first)
    plot.xValueAxis.labelTextFormat = lambda offset: date.fromordinal(first + int(offset)).strftime("%d-%m")
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.labelTextFormat = "%d"
    drawing.add(plot)
    return drawing


def _outflow_chart(outflow: tuple[tuple[str, int], ...], threshold: int) -> Drawing:
    drawing = Drawing(170 * mm, 60 * mm)
    drawing.add(String(0, 57 * mm, "Uitstroom naar bestemming (afgeronde verblijven)", fontName=fonts.BOLD, fontSize=9))
    if not any(count >= threshold for _label, count in outflow):
        # Every number is small (or there is none): an empty frame would look like an error.
        drawing.height = 14 * mm
        drawing.contents[0].y = 10 * mm
        drawing.add(
            String(
                0,
                3 * mm,
                f"Te weinig om te tonen: elk aantal ligt onder {threshold} (bescherming van kleine aantallen).",
                fontName=fonts.REGULAR,
                fontSize=9,
            )
        )
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 62 * mm, 4 * mm, 100 * mm, 48 * mm
    # Small numbers are drawn as 0 in the chart, like their "<5" in the tables.
    chart.data = [[count if count >= threshold else 0 for _label, count in outflow]]
    chart.categoryAxis.categoryNames = [label for label, _count in outflow]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    highest = max(chart.data[0], default=0)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, max(threshold, highest)
    chart.valueAxis.valueStep = max(1, max(threshold, highest) // 5)
    chart.valueAxis.labelTextFormat = "%d"
    chart.bars[0].fillColor = colors.HexColor("#0f766e")
    drawing.add(chart)
    return drawing


def render_monitor_pdf(doc_data: MonitorDocument) -> bytes:
    fonts.register_fonts()
    title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=15, leading=19)
    head = ParagraphStyle("head", fontName=fonts.BOLD, fontSize=11, leading=14, spaceBefore=4 * mm)
    small = ParagraphStyle("small", fontName=fonts.REGULAR, fontSize=8.5, leading=11)
    red = ParagraphStyle("red", parent=small, textColor=colors.HexColor("#b91c1c"), fontName=fonts.BOLD)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{doc_data.title} — {doc_data.period}",
        author="Shelter Desk",
        creator="Shelter Desk",
    )
    story = [
        Paragraph(printable(doc_data.title), title),
        Paragraph(
            printable(
                f"Periode: {doc_data.period} — afgedrukt op {doc_data.printed_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}"
            ),
            small,
        ),
        Paragraph(
            printable(
                f"Aantallen onder {doc_data.threshold} staan als '<{doc_data.threshold}', en cijfers waaruit ze "
                "terug te rekenen zijn (aandelen, gemiddelden, delen van een totaal) als 'verborgen' "
                "(bescherming van kleine aantallen)."
            ),
            small,
        ),
    ]
    if doc_data.is_demo:
        story.append(Paragraph("DEMO — fictieve gegevens", red))
    story += [
        Spacer(1, 3 * mm),
        _occupancy_chart(doc_data.nightly, doc_data.threshold),
        _outflow_chart(doc_data.outflow, doc_data.threshold),
    ]
    for section in doc_data.sections:
        story.append(Paragraph(printable(section.title), head))
        table = Table(
            [[Paragraph(printable(label), small), value] for label, value in section.masked(doc_data.threshold)]
            or [["—", ""]],
            colWidths=[120 * mm, 50 * mm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                    ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ]
            )
        )
        story.append(table)
    doc.build(story)
    return buffer.getvalue()


def render_monitor_csv(doc_data: MonitorDocument) -> bytes:
    """Semicolon-separated, UTF-8 with BOM (Dutch Excel), small numbers masked."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["onderdeel", "omschrijving", "waarde"])
    writer.writerow(["periode", doc_data.period, ""])
    for section in doc_data.sections:
        for label, value in section.masked(doc_data.threshold):
            writer.writerow([section.title, label, value])
    for night, value in _masked_nights(doc_data.nightly, doc_data.threshold):
        writer.writerow(["bezetting per nacht", night.isoformat(), value])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
