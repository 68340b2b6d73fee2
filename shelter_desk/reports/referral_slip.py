"""The referral slip (verwijsbrief): the paper a person carries to a bed at another location.

Plain data in, PDF bytes out (A5, large type): who (name or alias), tonight's date, where to go
(the facility's name, address and phone), which bed is reserved, and who referred from where.
Data minimisation: no birth date, no BSN, nothing about health or justice; the slip may be lost
on the way. Demo data carry the same DEMO mark as every other printout.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.reports import fonts
from shelter_desk.reports.printable import escape
from shelter_desk.reports.referral_data import ReferralSlip

TITLE = "Verwijsbrief — bed voor vannacht"
DEMO_MARK = "DEMO — fictieve personen"


def render_referral_slip(slip: ReferralSlip) -> bytes:
    fonts.register_fonts()
    big = ParagraphStyle("big", fontName=fonts.BOLD, fontSize=15, leading=19)
    title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=12, leading=15)
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10.5, leading=14)
    small = ParagraphStyle("small", fontName=fonts.REGULAR, fontSize=8.5, leading=11, textColor=colors.grey)
    demo = ParagraphStyle("demo", fontName=fonts.BOLD, fontSize=11, textColor=colors.HexColor("#c00000"))

    def p(text: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(escape(text), style)

    printed = slip.printed_at.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")
    story = []
    if slip.is_demo:
        story += [p(DEMO_MARK, demo), Spacer(1, 2 * mm)]
    story += [
        p(TITLE, title),
        Spacer(1, 3 * mm),
        p(slip.person, big),
        p(slip.night_text[:1].upper() + slip.night_text[1:], body),
        Spacer(1, 4 * mm),
    ]
    rows = [
        ("Ga naar", slip.facility),
        ("Soort", slip.facility_kind),
        ("Adres", slip.address or "onbekend"),
        ("Telefoon", slip.phone or "onbekend"),
        ("Bed", f"{slip.bed} ({slip.status})"),
    ]
    facts = Table(
        [[p(label, body), p(value, big if label in ("Ga naar", "Telefoon", "Bed") else body)] for label, value in rows],
        colWidths=(24 * mm, None),
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.HexColor("#b5b5b5")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    story += [facts, Spacer(1, 4 * mm)]
    if slip.no_show_hour:
        story.append(
            p(f"Meld u vóór {slip.no_show_hour} uur; daarna kan het bed aan iemand anders worden gegeven.", body)
        )
    story += [
        Spacer(1, 5 * mm),
        p(f"Verwezen door: {slip.referred_by} ({slip.referred_from})", body),
        p(f"Afgedrukt op {printed}", small),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=TITLE,
        author="Shelter Desk",
        creator="Shelter Desk",
        lang="nl-NL",
    )
    doc.build(story)
    return buffer.getvalue()
