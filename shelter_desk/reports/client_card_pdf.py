"""The client card as a PDF the size of a bank card (ID-1, 85.6 × 54 mm), ready for a card printer.

Two pages, for a printer that prints both sides. The front: the organisation and location on a
coloured band, the name the person chose, the card number in large digits and its QR code (the QR
holds only the number, which a scanner types into the search field). The back, in the person's
document language with the Dutch below in small type: the card is personal, what to do when it
is lost, where a finder brings it. No BSN, no birth date: a lost card tells a finder nothing.
"""

from __future__ import annotations

import io

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.reports import fonts
from shelter_desk.reports.catalogue import DUTCH, catalogues
from shelter_desk.reports.client_card_data import CardData
from shelter_desk.reports.printable import plain, visible
from shelter_desk.reports.scripts import draw_line, runs_width, visual, wrap

CARD_WIDTH = 85.6 * mm
CARD_HEIGHT = 53.98 * mm
_BAND = colors.HexColor("#1e3a8a")
_MARGIN = 4 * mm


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest font size up to `size` at which `text` fits in `width` (not below 6 pt)."""
    while size > 6 and runs_width(text, font, size) > width:
        size -= 0.5
    return size


def _clip(text: str, font: str, size: float, width: float) -> str:
    if runs_width(text, font, size) <= width:
        return text
    while text and runs_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def render_client_card(card: CardData) -> bytes:
    fonts.register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(CARD_WIDTH, CARD_HEIGHT))
    canvas.setTitle(f"Clientkaart {card.number_text}")
    canvas.setAuthor("Shelter Desk")
    canvas.setCreator("Shelter Desk")

    band_height = 12 * mm
    canvas.setFillColor(_BAND)
    canvas.rect(0, CARD_HEIGHT - band_height, CARD_WIDTH, band_height, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    text_width = CARD_WIDTH - 2 * _MARGIN
    canvas.setFont(fonts.BOLD, 9)
    canvas.drawString(_MARGIN, CARD_HEIGHT - 5.2 * mm, _clip(card.organisation, fonts.BOLD, 9, text_width))
    canvas.setFont(fonts.REGULAR, 7)
    canvas.drawString(_MARGIN, CARD_HEIGHT - 9.2 * mm, _clip(card.location, fonts.REGULAR, 7, text_width))

    qr_size = 27 * mm
    qr_x = CARD_WIDTH - _MARGIN - qr_size + 1.5 * mm  # the QR's own quiet zone is part of its box
    qr_y = 4.5 * mm
    widget = QrCodeWidget(card.number, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(qr_size, qr_size, transform=[qr_size / (right - left), 0, 0, qr_size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, qr_x, qr_y)

    left_width = qr_x - _MARGIN - 1 * mm
    canvas.setFillColor(colors.black)
    name = visible(card.name)
    name_size = _fit(name, fonts.BOLD, 14, left_width)
    draw_line(
        canvas,
        _MARGIN,
        CARD_HEIGHT - band_height - 8 * mm,
        _clip(name, fonts.BOLD, name_size, left_width),
        fonts.BOLD,
        name_size,
    )

    canvas.setFont(fonts.REGULAR, 6.5)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(_MARGIN, 17.5 * mm, "Kaartnummer")
    canvas.setFillColor(colors.black)
    number_size = _fit(card.number_text, fonts.BOLD, 12, left_width)
    canvas.setFont(fonts.BOLD, number_size)
    canvas.drawString(_MARGIN, 12.5 * mm, card.number_text)
    canvas.setFont(fonts.REGULAR, 6)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(_MARGIN, 8 * mm, f"Uitgegeven {dutch_date(card.issued_on)}")
    canvas.drawString(_MARGIN, 4.5 * mm, _clip("Kwijt? Meld het bij de balie.", fonts.REGULAR, 6, left_width))
    if card.is_demo:
        canvas.setFillColor(colors.HexColor("#b91c1c"))
        canvas.setFont(fonts.BOLD, 6)
        canvas.drawRightString(CARD_WIDTH - _MARGIN, CARD_HEIGHT - band_height - 3 * mm, "DEMO — fictief")
    canvas.showPage()
    _back(canvas, card)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _back(canvas: Canvas, card: CardData) -> None:
    """The back: three short sentences in the person's language, the same in Dutch in small type."""
    texts = catalogues()
    code = card.language
    rtl = texts.language(code).right_to_left
    keys = ("card.personal", "card.lost", "card.found")
    width = CARD_WIDTH - 2 * _MARGIN
    y = CARD_HEIGHT - 7 * mm
    canvas.setFillColor(_BAND)
    draw_line(
        canvas,
        CARD_WIDTH - _MARGIN if rtl else _MARGIN,
        y,
        visual(texts.text(code, "card.title"), rtl),
        fonts.BOLD,
        9,
        right=rtl,
    )
    canvas.setFillColor(colors.black)
    size = 7.5 if code != DUTCH else 8
    y -= 5 * mm
    for key in keys:
        for line in wrap(plain(texts.text(code, key, location=card.return_to)), fonts.REGULAR, size, width):
            draw_line(
                canvas, CARD_WIDTH - _MARGIN if rtl else _MARGIN, y, visual(line, rtl), fonts.REGULAR, size, right=rtl
            )
            y -= size * 1.3
        y -= 1
    if code == DUTCH:
        return
    canvas.setFillColor(colors.HexColor("#555555"))
    y = min(y, 15 * mm)
    for key in keys:
        for line in wrap(plain(texts.text(DUTCH, key, location=card.return_to)), fonts.REGULAR, 5.5, width):
            draw_line(canvas, _MARGIN, y, line, fonts.REGULAR, 5.5)
            y -= 6.5
