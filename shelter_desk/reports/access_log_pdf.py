"""The access log of one person as a PDF, for an AVG access request (inzageverzoek)."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.reports import fonts
from shelter_desk.reports.access_log_data import AccessLogRow
from shelter_desk.reports.printable import printable


def render_access_log(
    person: str, person_id: int, rows: list[AccessLogRow], printed_at: datetime, printed_by: str, chain_intact: bool
) -> bytes:
    fonts.register_fonts()
    normal = ParagraphStyle("n", fontName=fonts.REGULAR, fontSize=8, leading=10)
    title = ParagraphStyle("t", fontName=fonts.BOLD, fontSize=14, leading=18)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"Toegangslogboek persoon {person_id}",
        author="Shelter Desk",
        creator="Shelter Desk",
    )
    story = [
        Paragraph("Toegangslogboek (NEN 7513) — inzage persoonsgegevens", title),
        Paragraph(printable(f"Persoon: {person} (nummer {person_id})"), normal),
        Paragraph(
            printable(
                f"Afgedrukt op {printed_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M} door {printed_by}. "
                + (
                    "De hashketen van het logboek is intact."
                    if chain_intact
                    else "LET OP: de hashketen van het logboek is verbroken (mogelijk geknoeid)."
                )
            ),
            normal,
        ),
        Spacer(1, 4 * mm),
    ]
    header = ["Wanneer", "Gebruiker", "Werkplek", "Handeling", "Gewijzigde velden", "Toelichting"]
    data = [[Paragraph(h, normal) for h in header]] + [
        [
            Paragraph(printable(text), normal)
            for text in (
                f"{r.at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M:%S}",
                r.username,
                r.workstation,
                r.action,
                r.fields,
                r.detail,
            )
        ]
        for r in rows
    ]
    table = Table(data, colWidths=[32 * mm, 30 * mm, 35 * mm, 35 * mm, 60 * mm, 80 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buffer.getvalue()
