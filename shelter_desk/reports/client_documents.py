"""The letters a guest takes home, in the guest's document language: house rules, consent for a postal
address, the transfer letter (and, through `TEXTS`, any letter another feature adds).

Plain data in, PDF bytes out (A4, one page). Every sentence comes from the catalogues
(`reports.catalogue`), Dutch for a sentence a language lacks. A document in another language also
carries its Dutch text in small type at the foot, so staff (and the municipality, for the postal
address) can read what was signed. Arabic (any right-to-left language) is set right-aligned,
wrapped in logical order and shaped (`reports.scripts`).

Adding a letter (for example the admission decision): add its sentence keys to
`resources/documents/nl.po` (and the other languages), a `DocumentKind` and its `DocumentText`
in `TEXTS`, and let its use case build a `ClientDocument`; the printing, the Dutch foot, the
`documents check` and the `print` command's language handling come with it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.reports import fonts
from shelter_desk.reports.catalogue import DUTCH, catalogues, long_date, money
from shelter_desk.reports.client_document_data import ClientDocument, DocumentKind, Value
from shelter_desk.reports.printable import printable, right_to_left_markup

DEMO_MARK = "DEMO — fictieve gegevens, niet geldig"
DUTCH_FOOT = "Nederlandse tekst van dit document (voor de medewerkers en instanties)"


@dataclass(frozen=True)
class DocumentText:
    """Which catalogue sentences make a letter, in order."""

    title: str
    paragraphs: tuple[str, ...]
    facts: tuple[str, ...] = ()  # sentence keys of the labels, in the order of ClientDocument.facts
    closing: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    numbered: bool = False  # the paragraphs are a numbered list (house rules)


TEXTS: dict[DocumentKind, DocumentText] = {
    DocumentKind.HOUSE_RULES: DocumentText(
        title="house_rules.title",
        paragraphs=tuple(f"house_rules.rule_{number}" for number in range(1, 10)),
        closing=("house_rules.questions", "house_rules.agree"),
        signatures=("house_rules.sign_guest", "house_rules.sign_staff"),
        numbered=True,
    ),
    DocumentKind.POSTAL_CONSENT: DocumentText(
        title="postal.title",
        paragraphs=("postal.p1", "postal.p2", "postal.p3", "postal.p4"),
        facts=("common.name", "common.date_of_birth", "postal.address", "postal.start", "postal.review"),
        signatures=("postal.sign_giver", "postal.sign_person"),
    ),
    DocumentKind.TRANSFER_LETTER: DocumentText(
        title="transfer.title",
        paragraphs=("transfer.p1", "transfer.p2", "transfer.p3"),
        facts=("common.name", "transfer.decided_on", "transfer.contact"),
        signatures=("transfer.sign",),
    ),
}
# The intro above the house rules' numbered list.
_INTRO = {DocumentKind.HOUSE_RULES: "house_rules.intro"}


def _formatted(value: Value, code: str) -> str:
    if value is None:
        return catalogues().text(code, "common.unknown")
    if isinstance(value, date):
        return long_date(value, code)
    if isinstance(value, Decimal):
        return money(value, code)
    return value


class _Writer:
    """Sentences of one language as flowables, right-aligned and pre-wrapped for a right-to-left one."""

    def __init__(self, document: ClientDocument, code: str, size: float, width: float) -> None:
        self.document = document
        self.code = code
        self.width = width
        self.rtl = catalogues().language(code).right_to_left
        grey = colors.black if size >= 9 else colors.HexColor("#444444")
        align = TA_RIGHT if self.rtl else TA_LEFT
        self.body = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=size, leading=size * 1.4, alignment=align)
        self.body.textColor = grey
        self.bold = ParagraphStyle("bold", parent=self.body, fontName=fonts.BOLD)
        self.title = ParagraphStyle("title", parent=self.bold, fontSize=size * 1.45, leading=size * 1.9)

    def sentence(self, key: str) -> str:
        values = {name: _formatted(value, self.code) for name, value in self.document.values.items()}
        values.setdefault("person", self.document.person)
        return catalogues().text(self.code, key, **values)

    def para(self, text: str, style: ParagraphStyle | None = None, width: float | None = None) -> Paragraph:
        style = style or self.body
        if not self.rtl:
            return Paragraph(printable(text, 4000), style)
        return Paragraph(right_to_left_markup(text, style.fontName, style.fontSize, width or self.width), style)

    def key(self, key: str, style: ParagraphStyle | None = None) -> Paragraph:
        return self.para(self.sentence(key), style)


def render_client_document(document: ClientDocument) -> bytes:
    fonts.register_fonts()
    text = TEXTS[document.kind]
    buffer = io.BytesIO()
    width = A4[0] - 40 * mm
    own = _Writer(document, document.language, 10.5, width)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=14 * mm,
        title=own.sentence(text.title),
        author="Shelter Desk",
        creator="Shelter Desk",
        lang=document.language,
    )
    head = ParagraphStyle("head", fontName=fonts.BOLD, fontSize=11, leading=14)
    small = ParagraphStyle("small", fontName=fonts.REGULAR, fontSize=8.5, leading=11, textColor=colors.grey)
    story: list[Flowable] = [
        Paragraph(printable(document.letterhead.provider), head),
        Paragraph(printable(document.letterhead.location), small),
        Paragraph(printable(document.letterhead.address), small),
    ]
    if document.is_demo:
        demo = ParagraphStyle("demo", fontName=fonts.BOLD, fontSize=10, textColor=colors.HexColor("#b91c1c"))
        story.append(Paragraph(DEMO_MARK, demo))
    story += [Spacer(1, 5 * mm), *_body(own, text, document, full=True)]
    if document.language != DUTCH:
        dutch = _Writer(document, DUTCH, 7, width)
        story += [
            Spacer(1, 5 * mm),
            HRFlowable(width="100%", thickness=0.4, color=colors.grey),
            Paragraph(DUTCH_FOOT, ParagraphStyle("foot", parent=dutch.bold, textColor=colors.grey)),
            *_body(dutch, text, document, full=False),
        ]
    doc.build(story)
    return buffer.getvalue()


def _body(writer: _Writer, text: DocumentText, document: ClientDocument, *, full: bool) -> list[Flowable]:
    """The document's sentences; `full` adds the facts table, the date line and the signature boxes."""
    story: list[Flowable] = [writer.key(text.title, writer.title)]
    gap = 2.2 * mm if full else 0.6 * mm
    intro = _INTRO.get(document.kind)
    if intro:
        story += [Spacer(1, gap), writer.key(intro)]
    for number, key in enumerate(text.paragraphs, start=1):
        sentence = writer.sentence(key)
        story += [Spacer(1, gap), writer.para(f"{number}. {sentence}" if text.numbered else sentence)]
    if full and text.facts:
        story += [Spacer(1, 4 * mm), _facts(writer, text, document)]
    for key in text.closing:
        story += [Spacer(1, gap * 1.5), writer.key(key, writer.bold if key.endswith("agree") else None)]
    if not full:
        return story
    place_date = catalogues().text(
        writer.code, "common.place_and_date", place=document.place, date=long_date(document.dated, writer.code)
    )
    if document.person and not text.facts:  # the name the signature belongs to (blank rules: a line to fill in)
        story += [Spacer(1, 5 * mm), writer.para(f"{writer.sentence('common.name')}: {document.person}", writer.bold)]
    elif not text.facts:
        story += [Spacer(1, 5 * mm), writer.para(f"{writer.sentence('common.name')}: ______________________________")]
    story += [Spacer(1, 5 * mm), writer.para(place_date)]
    if text.signatures:
        story += [Spacer(1, 6 * mm), _signatures(writer, text)]
    return story


def _facts(writer: _Writer, text: DocumentText, document: ClientDocument) -> Table:
    label_width, value_width = 50 * mm, writer.width - 50 * mm
    rows = []
    for key, value in zip(text.facts, document.facts, strict=True):
        label = writer.para(writer.sentence(key), width=label_width)
        shown = writer.para(_formatted(value, writer.code), width=value_width)
        rows.append([shown, label] if writer.rtl else [label, shown])
    widths = [value_width, label_width] if writer.rtl else [label_width, value_width]
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _signatures(writer: _Writer, text: DocumentText) -> Table:
    column = writer.width / len(text.signatures)
    signature = writer.sentence("common.signature")
    cells = [
        [writer.para(writer.sentence(key), writer.bold, width=column - 6) for key in text.signatures],
        ["" for _ in text.signatures],
        [writer.para(f"{signature}: ____________________", width=column - 6) for _ in text.signatures],
    ]
    if writer.rtl:
        cells = [list(reversed(row)) for row in cells]
    return Table(cells, colWidths=[column] * len(text.signatures), rowHeights=[None, 12 * mm, None])
