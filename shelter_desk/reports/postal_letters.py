"""The postal-address letters (A4, Dutch) and the overview for the municipality.

Plain data in, PDF or CSV bytes out: the consent declaration for the BRP registration and for
benefits and insurance, the notice that a postal address ended, and the list of active addresses.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.shelter_night import AMSTERDAM, dutch_date
from shelter_desk.reports import fonts
from shelter_desk.reports.letter_data import Letter, OverviewRow
from shelter_desk.reports.printable import printable


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    return {
        "head": ParagraphStyle("head", fontName=fonts.BOLD, fontSize=12, leading=15),
        "small": ParagraphStyle("small", fontName=fonts.REGULAR, fontSize=9, leading=12, textColor=colors.grey),
        "title": ParagraphStyle("title", fontName=fonts.BOLD, fontSize=15, leading=19, spaceBefore=8 * mm),
        "body": ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10.5, leading=15, spaceBefore=3 * mm),
        "demo": ParagraphStyle("demo", fontName=fonts.BOLD, fontSize=10, textColor=colors.HexColor("#b91c1c")),
    }


def render_letter(letter: Letter) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=letter.title,
        author="Shelter Desk",
        creator="Shelter Desk",
    )
    story = [
        Paragraph(printable(letter.letterhead.provider), styles["head"]),
        Paragraph(printable(letter.letterhead.location), styles["small"]),
        Paragraph(printable(letter.letterhead.address), styles["small"]),
    ]
    if letter.is_demo:
        story.append(Paragraph("DEMO — fictieve gegevens, niet geldig", styles["demo"]))
    story.append(Paragraph(printable(letter.title), styles["title"]))
    story.extend(Paragraph(printable(text, 4000), styles["body"]) for text in letter.paragraphs)
    story.append(Spacer(1, 4 * mm))
    facts = Table(
        [
            [Paragraph(printable(label), styles["body"]), Paragraph(printable(value), styles["body"])]
            for label, value in letter.facts
        ],
        colWidths=[55 * mm, 110 * mm],
    )
    facts.setStyle(
        TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story.append(facts)
    story.append(Paragraph(printable(f"Plaats en datum: {letter.place}, {dutch_date(letter.dated)}"), styles["body"]))
    signature_rows = [
        [Paragraph(printable(who), styles["body"]) for who in letter.signatures],
        ["" for _ in letter.signatures],
        ["Handtekening: ______________________" for _ in letter.signatures],
    ]
    story.append(Spacer(1, 10 * mm))
    story.append(Table(signature_rows, colWidths=[82 * mm] * len(letter.signatures), rowHeights=[None, 14 * mm, None]))
    doc.build(story)
    return buffer.getvalue()


def render_overview_pdf(rows: list[OverviewRow], printed_at: datetime, is_demo: bool = False) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title="Overzicht postadressen",
        author="Shelter Desk",
        creator="Shelter Desk",
    )
    story = [
        Paragraph("Overzicht actieve postadressen", styles["title"]),
        Paragraph(
            printable(f"Afgedrukt op {printed_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M} — {len(rows)} postadres(sen)"),
            styles["small"],
        ),
    ]
    if is_demo:
        story.append(Paragraph("DEMO — fictieve gegevens", styles["demo"]))
    data = [["Locatie", "Naam", "Geboren", "Sinds", "Controle", "Status"]] + [
        [
            Paragraph(printable(r.location), styles["small"]),
            Paragraph(printable(r.person), styles["small"]),
            r.born,
            f"{r.start:%d-%m-%Y}",
            f"{r.review:%d-%m-%Y}",
            r.status,
        ]
        for r in rows
    ]
    table = Table(data, colWidths=[45 * mm, 50 * mm, 22 * mm, 22 * mm, 22 * mm, 19 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
            ]
        )
    )
    story.append(Spacer(1, 4 * mm))
    story.append(table)
    doc.build(story)
    return buffer.getvalue()


def render_overview_csv(rows: list[OverviewRow]) -> bytes:
    """Semicolon-separated UTF-8 with BOM, as Dutch Excel opens it directly."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["locatie", "naam", "geboren", "sinds", "controledatum", "status"])
    for r in rows:
        writer.writerow([r.location, r.person, r.born, r.start.isoformat(), r.review.isoformat(), r.status])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
