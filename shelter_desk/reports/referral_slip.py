"""The referral slip (verwijsbrief): the paper a person carries to a bed at another location.

Plain data in, PDF bytes out (A5, large type), in the person's document language (the Dutch title
and instructions below in small type): who (name or alias), tonight's date, where to go
(the facility's name, address and phone), which bed is reserved, and who referred from where.
Data minimisation: no birth date, no BSN, nothing about health or justice; the slip may be lost
on the way. Demo data carry the same DEMO mark as every other printout.
"""

from __future__ import annotations

import io
from datetime import timedelta

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.reports import fonts
from shelter_desk.reports.catalogue import DUTCH, catalogues, long_date, weekday_date
from shelter_desk.reports.printable import printable, right_to_left_markup
from shelter_desk.reports.referral_data import ReferralSlip

DEMO_MARK = "DEMO — fictieve personen"


def render_referral_slip(slip: ReferralSlip) -> bytes:
    fonts.register_fonts()
    texts = catalogues()
    code = slip.language
    rtl = texts.language(code).right_to_left
    align = TA_RIGHT if rtl else TA_LEFT
    big = ParagraphStyle("big", fontName=fonts.BOLD, fontSize=15, leading=19, alignment=align)
    title = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=12, leading=15, alignment=align)
    body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10.5, leading=14, alignment=align)
    small = ParagraphStyle("small", fontName=fonts.REGULAR, fontSize=8.5, leading=11, textColor=colors.grey)
    dutch = ParagraphStyle("dutch", fontName=fonts.REGULAR, fontSize=7, leading=9, textColor=colors.grey)
    demo = ParagraphStyle("demo", fontName=fonts.BOLD, fontSize=11, textColor=colors.HexColor("#c00000"))
    width = A5[0] - 28 * mm

    def p(text: str, style: ParagraphStyle, room: float = width) -> Paragraph:
        if not rtl:
            return Paragraph(printable(text, 2000), style)
        return Paragraph(right_to_left_markup(text, style.fontName, style.fontSize, room, 2000), style)

    def say(language: str, key: str) -> str:
        moment = slip.printed_at.astimezone(AMSTERDAM)
        return texts.text(
            language,
            key,
            evening=weekday_date(slip.night, language) if slip.night else "",
            morning=weekday_date(slip.night + timedelta(days=1), language) if slip.night else "",
            hour=slip.no_show_hour,
            worker=slip.referred_by,
            place=slip.referred_from,
            moment=f"{long_date(moment.date(), language)} {moment:%H:%M}",
        )

    def night_line(language: str) -> str:
        """Dutch as the desk has always printed it ('Nacht van dinsdag 24 op woensdag 25 november 2026')."""
        if language == DUTCH or slip.night is None:
            return slip.night_text[:1].upper() + slip.night_text[1:]
        return say(language, "referral.night")

    story = []
    if slip.is_demo:
        story += [p(DEMO_MARK, demo), Spacer(1, 2 * mm)]
    story += [p(say(code, "referral.title"), title), Spacer(1, 3 * mm), p(slip.person, big)]
    story.append(p(night_line(code), body))
    story.append(Spacer(1, 4 * mm))
    status = texts.text(code, "referral.reserved") if slip.status == "gereserveerd" else slip.status
    rows = [
        ("referral.go_to", slip.facility, big),
        ("", slip.facility_kind, body),
        ("referral.address", slip.address or texts.text(code, "common.unknown"), body),
        ("referral.phone", slip.phone or texts.text(code, "common.unknown"), big),
        ("referral.bed", f"{slip.bed} ({status})", big),
    ]
    label_width = 26 * mm
    cells = [
        [p(texts.text(code, key) if key else "", body, label_width), p(value, style, width - label_width)]
        for key, value, style in rows
    ]
    if rtl:
        cells = [list(reversed(row)) for row in cells]
    facts = Table(
        cells,
        colWidths=(None, label_width) if rtl else (label_width, None),
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
        story.append(p(say(code, "referral.report_before"), body))
    story += [
        Spacer(1, 5 * mm),
        p(say(code, "referral.referred_by"), body),
        p(say(code, "referral.printed"), small),
    ]
    if code != DUTCH:
        lines = [say(DUTCH, "referral.title"), night_line(DUTCH) + "."]
        lines += [say(DUTCH, "referral.report_before")] if slip.no_show_hour else []
        story += [Spacer(1, 4 * mm), Paragraph(printable(" ".join(lines)), dutch)]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=say(code, "referral.title"),
        author="Shelter Desk",
        creator="Shelter Desk",
        lang=code,
    )
    doc.build(story)
    return buffer.getvalue()
