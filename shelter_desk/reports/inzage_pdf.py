"""The inzage as a Dutch PDF for the person: every part of the record, then who looked at it.

Each record is printed as a small two-column block (field, value), so a part with many fields
stays readable on A4; the nights and the access log, which can be long, are tables.
"""

from __future__ import annotations

import io
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.reports import fonts
from shelter_desk.reports.inzage_data import Inzage, Section, Value
from shelter_desk.reports.printable import printable

_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9ca3af")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
)
_HEADED = TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb"))])
_NIGHT_COLUMNS = ("night", "bed_id", "status", "check_in_at", "check_out_at", "fee_cents", "fee_status")


def _text(text: str) -> str:
    """Escaped for a Paragraph and never cut short: the person gets every character held."""
    return printable(text, limit=20000)


def shown(value: Value) -> str:
    """A value as the person reads it: Dutch dates, Ja/Nee, local times."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, datetime):
        return f"{value.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}" if value.tzinfo else f"{value:%d-%m-%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def render_inzage(inzage: Inzage) -> bytes:
    fonts.register_fonts()
    normal = ParagraphStyle("n", fontName=fonts.REGULAR, fontSize=8, leading=10)
    label = ParagraphStyle("l", parent=normal, textColor=colors.HexColor("#374151"))
    heading = ParagraphStyle("h", fontName=fonts.BOLD, fontSize=11, leading=14, spaceBefore=6, spaceAfter=2)
    title = ParagraphStyle("t", fontName=fonts.BOLD, fontSize=15, leading=19)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"Inzage persoonsgegevens {inzage.person_id}",
        author="Shelter Desk",
        creator="Shelter Desk",
    )
    width = A4[0] - 30 * mm
    story: list = [
        Paragraph("Inzage in uw gegevens", title),
        Paragraph(
            _text(
                f"Voor: {inzage.name} (dossiernummer {inzage.person_id}). Gemaakt op "
                f"{shown(inzage.made_at)} door {inzage.made_by}. U hebt recht op inzage in alle gegevens die wij "
                "over u bewaren (AVG artikel 15) en op een kopie die u kunt meenemen (artikel 20): die staat "
                "ook in het bijgevoegde JSON-bestand."
            ),
            normal,
        ),
        Spacer(1, 2 * mm),
        Paragraph(_text(inzage.redaction), normal),
    ]
    for section in inzage.sections:
        story.append(Paragraph(_text(f"{section.title} ({len(section.rows)})"), heading))
        if not section.rows:
            story.append(Paragraph("Niets bewaard.", normal))
        elif section.key == "bed_night":
            story.append(_table(section, _NIGHT_COLUMNS, normal, width))
        else:
            for row in section.rows:
                block = Table(
                    [
                        [Paragraph(_text(text), label), Paragraph(_text(shown(row.get(key))), normal)]
                        for key, text in section.columns
                    ],
                    colWidths=[45 * mm, width - 45 * mm],
                )
                block.setStyle(_GRID)
                story += [KeepTogether(block), Spacer(1, 1.5 * mm)]
    story.append(Paragraph("Wie heeft uw dossier ingezien of gewijzigd (NEN 7513)", heading))
    story.append(Paragraph(_text(inzage.chain_statement), normal))
    story.append(Spacer(1, 1.5 * mm))
    header = ["Datum en tijd", "Medewerker", "Rol", "Werkplek", "Handeling", "Velden / toelichting"]
    data = [[Paragraph(h, label) for h in header]] + [
        [
            Paragraph(_text(text), normal)
            for text in (
                shown(line.at),
                f"{line.worker} ({line.username})" if line.worker else line.username,
                line.role or "—",
                line.workstation,
                line.action,
                "; ".join(part for part in (line.fields, line.detail) if part),
            )
        ]
        for line in inzage.access_log
    ]
    log = Table(data, colWidths=[26 * mm, 34 * mm, 22 * mm, 26 * mm, 22 * mm, width - 130 * mm], repeatRows=1)
    log.setStyle(_GRID)
    log.setStyle(_HEADED)
    story.append(log)
    doc.build(story)
    return buffer.getvalue()


def _table(section: Section, keys: tuple[str, ...], style: ParagraphStyle, width: float) -> Table:
    labels = dict(section.columns)
    chosen = [key for key in keys if key in labels]
    data = [[Paragraph(_text(labels[key]), style) for key in chosen]] + [
        [Paragraph(_text(shown(row.get(key))), style) for key in chosen] for row in section.rows
    ]
    # The bed's name is the long one; dates and amounts are short.
    weights = {"bed_id": 2.6, "night": 1.2, "status": 1.3, "check_in_at": 1.5, "check_out_at": 1.5}
    total = sum(weights.get(key, 1.0) for key in chosen)
    table = Table(data, colWidths=[width * weights.get(key, 1.0) / total for key in chosen], repeatRows=1)
    table.setStyle(_GRID)
    table.setStyle(_HEADED)
    return table
