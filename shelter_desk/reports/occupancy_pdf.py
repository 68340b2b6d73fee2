"""The printed occupancy list (bezettingslijst) and evacuation roll-call (appèllijst), as A4 PDFs.

Both are built with reportlab's platypus from an `OccupancyList` and nothing else: no database, no
Qt. They print only the fields that list carries (data minimisation); the PDF metadata holds the
document kind and the facility, never a guest's name.

Every page has the same header (document title, facility, address, night, who printed it when),
a "DEMO — fictieve personen" mark when the data is demo data, and a footer with "Pagina N van M"
and the confidentiality line. The total page count is only known after layout, so the page
numbers are drawn by `_NumberedCanvas`, which holds back each page until the document is saved.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from shelter_desk.domain.name_folding import fold
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.reports import fonts
from shelter_desk.reports.occupancy_data import OccupancyList, OccupancyRow, Presence
from shelter_desk.reports.printable import escape, printable, visible
from shelter_desk.reports.scripts import with_fallback

__all__ = ["render_occupancy_list", "render_roll_call"]

AUTHOR = "Shelter Desk"
OCCUPANCY_TITLE = "Bezettingslijst"
ROLL_CALL_TITLE = "Appèllijst ontruiming"
DEMO_MARK = "DEMO — fictieve personen"
CONFIDENTIAL = "Vertrouwelijk — niet laten liggen, na gebruik vernietigen"
FREE_BED = "— vrij —"
INSIDE = "Binnen"
NOT_INSIDE = "Verwacht / niet binnen"
CHECKED_OUT_MARK = "uit"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 15 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_HEIGHT = 12 * mm  # room below the frame for the footer line and its two texts
HEADER_GAP = 4 * mm  # between the header rule and the first table row
# SimpleDocTemplate's frame pads its content by 6 pt on every side; the document margins are set
# that much smaller, so the tables line up with the header and footer at exactly MARGIN.
FRAME_PADDING = 6
CELL_PADDING = 3  # left and right in every table cell (`_table_style`)

GREY = colors.HexColor("#6b6b6b")
RULE = colors.HexColor("#9a9a9a")
GRID = colors.HexColor("#b5b5b5")
HEADER_FILL = colors.HexColor("#e4e4e4")
STRIPE_FILL = colors.HexColor("#f5f5f5")
SAFETY_RED = colors.HexColor("#8b0000")
SAFETY_FILL = colors.HexColor("#fbe8e8")
DEMO_RED = colors.HexColor("#c00000")
SECTION_FILL = colors.HexColor("#d4d4d4")


# --- styles ---------------------------------------------------------------------------------------


def _style(name: str, size: float, *, bold: bool = False, color: Any = colors.black, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=fonts.BOLD if bold else fonts.REGULAR,
        fontSize=size,
        leading=round(size * 1.25, 1),
        textColor=color,
        **extra,
    )


class _Styles:
    """Paragraph styles; built after the fonts are registered."""

    def __init__(self) -> None:
        self.title = _style("title", 16, bold=True)
        self.facility = _style("facility", 11, bold=True)
        self.line = _style("line", 9)
        self.night = _style("night", 10, bold=True)
        self.printed = _style("printed", 8, color=GREY)
        self.demo = _style("demo", 11, bold=True, color=DEMO_RED, alignment=TA_RIGHT)
        self.column = _style("column", 8.5, bold=True)
        self.cell = _style("cell", 9)
        self.cell_bold = _style("cell_bold", 9, bold=True)
        self.free = _style("free", 9, color=GREY)
        self.safety = _style("safety", 9, bold=True, color=SAFETY_RED)
        self.name_big = _style("name_big", 11)
        self.totals = _style("totals", 10, bold=True, spaceBefore=3 * mm)
        self.sign = _style("sign", 10, spaceBefore=4 * mm)
        self.counts = _style("counts", 12, bold=True, spaceAfter=2 * mm)
        self.section = _style("section", 9, bold=True)
        self.section_big = _style("section_big", 11, bold=True, spaceBefore=2 * mm, spaceAfter=1 * mm)
        self.roll_name = _style("roll_name", 9.5)
        self.roll_cell = _style("roll_cell", 8.5)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: escaped, so a name with '&' or '<' prints as typed."""
    return Paragraph(printable(text), style)


def _cell(text: str, style: ParagraphStyle, width: float) -> Paragraph | str:
    """A table cell of a column `width` wide: nothing when empty, the text itself when it fits on one
    line, a paragraph only when it must wrap. Laying out paragraphs is the cost of a long list.

    The table draws a plain string in the font, size, leading and colour its style commands give the
    cell (`_text_commands` with the same `style`): the same glyphs at the same baseline and indent as a
    one-line paragraph in `style` (a top-aligned paragraph puts its first baseline one font size below
    the padding, as the table does for a string).
    """
    if not text:
        return ""
    shown = visible(text)
    markup = with_fallback(escape(shown), style.fontName)
    if _one_line(shown, style, width - 2 * CELL_PADDING) and "<font" not in markup:
        return shown
    return Paragraph(markup, _whole_words(shown, style, width - 2 * CELL_PADDING))


def _whole_words(text: str, style: ParagraphStyle, width: float) -> ParagraphStyle:
    """`style`, or a smaller size of it at which the longest word fits `width`: a word is never broken
    ("Veiligheidsbeperkin-g"), the cell shrinks its text instead (down to MIN_SIZE; a word still wider
    there, say a 40-letter name, is broken after all, so nothing runs into the next column)."""
    longest = max((stringWidth(word, style.fontName, style.fontSize) for word in text.split()), default=0.0)
    if longest <= width - 0.5:
        return style
    size = max(MIN_SIZE, int(style.fontSize * (width - 0.5) / longest * 4) / 4)
    fits = stringWidth(max(text.split(), key=len), style.fontName, size) <= width - 0.5
    return ParagraphStyle(
        f"{style.name}_{size}", parent=style, fontSize=size, leading=round(size * 1.25, 1), splitLongWords=not fits
    )


def _one_line(text: str, style: ParagraphStyle, width: float) -> bool:
    """Whether a paragraph in `style` would print `text` on one line, exactly these characters.

    A paragraph joins the words with single spaces (runs of spaces, tabs, line breaks and no-break
    spaces are its business), breaks at soft hyphens and zero-width spaces, and wraps what is wider
    than `width`: such text stays a paragraph. Half a point of margin keeps rounding on the safe side.
    """
    return (
        "\xad" not in text
        and "\u200b" not in text
        and text.split() == text.split(" ")
        and stringWidth(text, style.fontName, style.fontSize) <= width - 0.5
    )


def _text_commands(style: ParagraphStyle, first: tuple[int, int], last: tuple[int, int]) -> list[tuple[Any, ...]]:
    """Table style commands that draw the plain-string cells from `first` to `last` as `style` would."""
    return [
        ("FONTNAME", first, last, style.fontName),
        ("FONTSIZE", first, last, style.fontSize),
        ("LEADING", first, last, style.leading),
        ("TEXTCOLOR", first, last, style.textColor),
    ]


# --- page furniture ---------------------------------------------------------------------------------


def _printed_at_text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("printed_at must be timezone-aware")
    return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _facility_line(data: OccupancyList) -> str:
    return " — ".join(part for part in (data.facility, data.facility_kind) if part)


def _header(data: OccupancyList, title: str, styles: _Styles) -> Table:
    """The block at the top of every page: laid out once (`_wrapped_header`), drawn on each page."""
    left = [_p(title, styles.title), _p(_facility_line(data), styles.facility)]
    if data.address:
        left.append(_p(data.address, styles.line))
    left.append(_p(_capitalised(data.night_text), styles.night))
    for note in data.notes:
        left.append(_p(note, styles.line))
    left.append(_p(f"Afgedrukt op {_printed_at_text(data.printed_at)} door {data.printed_by}", styles.printed))
    layout = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    if not data.is_demo:
        return Table([[left]], colWidths=[CONTENT_WIDTH], style=layout)
    demo_width = 62 * mm
    demo_box = Table(
        [[_p(DEMO_MARK, styles.demo)]],
        colWidths=[demo_width],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("BOX", (0, 0), (-1, -1), 1.5, DEMO_RED),
                ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        ),
    )
    return Table([[left, demo_box]], colWidths=[CONTENT_WIDTH - demo_width, demo_width], style=layout)


def _wrapped_header(data: OccupancyList, title: str, styles: _Styles) -> tuple[Table, float]:
    """The header laid out for the content width, with its height (the frame starts below it)."""
    header = _header(data, title, styles)
    _, height = header.wrap(CONTENT_WIDTH, PAGE_HEIGHT)
    return header, float(height)


def _page_decorator(
    data: OccupancyList, header: Table, header_height: float
) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def decorate(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        if data.is_demo:
            _draw_demo_watermark(canvas)
        top = PAGE_HEIGHT - MARGIN
        # Drawing the laid-out table again draws the same lines at the same place on every page.
        header.drawOn(canvas, MARGIN, top - header_height)
        rule_y = top - header_height - 1.5 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.75)
        canvas.line(MARGIN, rule_y, PAGE_WIDTH - MARGIN, rule_y)
        canvas.restoreState()

    return decorate


def _draw_demo_watermark(canvas: Canvas) -> None:
    """A large, pale diagonal 'DEMO' behind the content, so nobody mistakes the sheet for real."""
    canvas.saveState()
    canvas.setFillColor(DEMO_RED)
    canvas.setFillAlpha(0.10)
    canvas.setFont(fonts.BOLD, 130)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(55)
    canvas.drawCentredString(0, -45, "DEMO")
    canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds back every page until save(), then stamps 'Pagina N van M' and the confidentiality line.

    The well-known reportlab pattern for a total page count in a single layout pass.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        y = MARGIN
        self.setStrokeColor(RULE)
        self.setLineWidth(0.75)
        self.line(MARGIN, y + 4.5 * mm, PAGE_WIDTH - MARGIN, y + 4.5 * mm)
        self.setFillColor(colors.black)
        self.setFont(fonts.BOLD, 8)
        self.drawString(MARGIN, y + 1 * mm, CONFIDENTIAL)
        self.setFont(fonts.REGULAR, 8)
        self.drawRightString(PAGE_WIDTH - MARGIN, y + 1 * mm, f"Pagina {self._pageNumber} van {total}")
        self.restoreState()


def _render(data: OccupancyList, title: str, story: Callable[[_Styles], list[Flowable]]) -> bytes:
    fonts.register_fonts()
    styles = _Styles()
    header, header_height = _wrapped_header(data, title, styles)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN - FRAME_PADDING,
        rightMargin=MARGIN - FRAME_PADDING,
        topMargin=MARGIN + header_height + 1.5 * mm + HEADER_GAP - FRAME_PADDING,
        bottomMargin=MARGIN + FOOTER_HEIGHT - FRAME_PADDING,
        title=f"{title} — {data.facility} — {data.night:%d-%m-%Y}",
        author=AUTHOR,
        creator=AUTHOR,
        subject=title,
        lang="nl-NL",
        initialFontName=fonts.REGULAR,
        initialFontSize=9,
    )
    decorate = _page_decorator(data, header, header_height)
    doc.build(story(styles), onFirstPage=decorate, onLaterPages=decorate, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def _bed_text(row: OccupancyRow) -> str:
    return f"{row.bed} (extra)" if row.is_overflow else row.bed


# --- the occupancy list -------------------------------------------------------------------------------

# Bed, Naam / alias, Geboren, Ingecheckt, Opmerkingen, Veiligheid: 180 mm on A4 with 15 mm margins.
_LIST_COLUMNS = ("Bed", "Naam / alias", "Geboren", "Ingecheckt", "Opmerkingen", "Veiligheid")
# The smallest size a cell shrinks to so that its longest word stays whole.
MIN_SIZE = 6.5
_LIST_WIDTHS = tuple(w * mm for w in (23, 47, 17, 22, 33, 38))


def _counts_line(data: OccupancyList, styles: _Styles, *, with_free: bool) -> Paragraph:
    """The counts a night worker reads first: who is inside, who is on the list but not inside."""
    parts = [f"{INSIDE}: {len(data.inside)}", f"{NOT_INSIDE}: {len(data.not_inside)}"]
    if with_free:
        parts += [f"Vrij: {data.free}", f"Capaciteit: {data.capacity}"]
    return Paragraph("&nbsp;&nbsp;·&nbsp;&nbsp;".join(printable(part) for part in parts), styles.counts)


def render_occupancy_list(data: OccupancyList) -> bytes:
    """The bezettingslijst: who is inside first, then who is expected or gone, then the beds kept
    for regulars (for whom, until when), then the free beds.

    One row per bed, free beds included; the counts at the top and the totals under the table.
    """

    def story(styles: _Styles) -> list[Flowable]:
        rows: list[list[Any]] = [
            [_cell(column, styles.column, width) for column, width in zip(_LIST_COLUMNS, _LIST_WIDTHS, strict=True)]
        ]
        style = (
            _table_style(styles.cell)
            + _text_commands(styles.column, (0, 0), (-1, 0))
            + _text_commands(styles.safety, (5, 1), (5, -1))
        )
        # Each section with the style of its name column: a free bed's "— vrij —" is grey.
        sections = (
            (f"{INSIDE} ({len(data.inside)})", data.inside, styles.cell),
            (f"{NOT_INSIDE} ({len(data.not_inside)})", data.not_inside, styles.cell),
            (f"Vastgehouden voor vaste gasten ({len(data.kept_rows)})", data.kept_rows, styles.cell),
            (f"Vrije bedden ({len(data.free_rows)})", data.free_rows, styles.free),
        )
        for heading, section, name_style in sections:
            if not section:
                continue
            index = len(rows)
            rows.append([_cell(heading, styles.section, CONTENT_WIDTH), "", "", "", "", ""])
            style += [("SPAN", (0, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), SECTION_FILL)]
            style += _text_commands(styles.section, (0, index), (0, index))
            for row in section:
                _list_row(rows, style, row, styles, name_style)
            if name_style is not styles.cell:  # one set of commands for the section, not one per row
                style += _text_commands(name_style, (1, index + 1), (1, len(rows) - 1))
        if not data.rows:
            rows.append([_p("Geen bedden voor deze nacht.", styles.free), "", "", "", "", ""])
            style.append(("SPAN", (0, 1), (-1, 1)))
        table = Table(rows, colWidths=_LIST_WIDTHS, repeatRows=1, style=TableStyle(style))
        kept = f" (waarvan {len(data.kept_rows)} vastgehouden voor vaste gasten)" if data.kept_rows else ""
        totals = Paragraph(
            f"Bezet: {data.occupied}&nbsp;&nbsp;&nbsp; Vrij: {data.free}{kept}&nbsp;&nbsp;&nbsp; "
            f"Capaciteit: {data.capacity}",
            styles.totals,
        )
        return [_counts_line(data, styles, with_free=True), table, totals]

    return _render(data, data.title or OCCUPANCY_TITLE, story)


def _list_row(
    rows: list[list[Any]], style: list[tuple[Any, ...]], row: OccupancyRow, styles: _Styles, name_style: ParagraphStyle
) -> None:
    index = len(rows)
    if index % 2 == 0:
        style.append(("BACKGROUND", (0, index), (-1, index), STRIPE_FILL))
    if row.safety_note:
        style.append(("BACKGROUND", (5, index), (5, index), SAFETY_FILL))
    # The table's text commands draw every cell as styles.cell, the safety column as styles.safety and
    # the name column as the section's name_style; an overflow bed's label is bold.
    bed_style = styles.cell_bold if row.is_overflow else styles.cell
    if row.is_overflow:
        style += _text_commands(bed_style, (0, index), (0, index))
    name, remarks = row.name or FREE_BED, row.remarks
    if not row.name and row.kept_for:
        name, remarks = f"wacht op {row.kept_for}", f"tot {row.kept_until}"
    cells = (
        (_bed_text(row), bed_style),
        (name, name_style),
        (row.birth_year, styles.cell),
        (row.check_in, styles.cell),
        (remarks, styles.cell),
        (row.safety_note, styles.safety),
    )
    rows.append([_cell(text, text_style, width) for (text, text_style), width in zip(cells, _LIST_WIDTHS, strict=True)])


def _table_style(cell: ParagraphStyle) -> list[tuple[Any, ...]]:
    # An empty cell is one line of the cell style's size: never taller than a written cell.
    return _text_commands(cell, (0, 0), (-1, -1)) + [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]


# --- the evacuation roll-call ------------------------------------------------------------------------

# Two people side by side: a box to tick, the name, the bed, the birth year. Sixty beds fit one page.
_ROLL_COLUMNS = ("", "Naam / alias", "Bed", "Geboren")
_ROLL_HALF = tuple(w * mm for w in (8, 50, 14, 18))
TICK_BOX = 4.5 * mm
_DIGITS = re.compile(r"(\d+)")


class _TickBox(Flowable):
    """An empty square to tick with a pen."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.black)
        self.canv.setLineWidth(1.2)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _natural(text: str) -> tuple[int | str, ...]:
    """'gast 8' before 'gast 10': runs of digits compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGITS.split(text))


def _by_name(rows: Sequence[OccupancyRow]) -> list[OccupancyRow]:
    """Occupied beds by name as the desk reads it: no case, no accents, other scripts transliterated."""
    occupied = [row for row in rows if row.name]
    return sorted(occupied, key=lambda row: (_natural(fold(row.name)), row.name.casefold(), _natural(row.bed)))


def _roll_cells(row: OccupancyRow | None, styles: _Styles) -> list[Any]:
    if row is None:
        return ["", "", "", ""]
    # Someone who checked out again has left: "uit" instead of a box to tick.
    mark: Any = _p(CHECKED_OUT_MARK, styles.roll_cell) if row.presence is Presence.LEFT else _TickBox(TICK_BOX)
    _box, name_width, bed_width, born_width = _ROLL_HALF
    return [
        mark,
        _cell(row.name, styles.roll_name, name_width),
        _cell(_bed_text(row), styles.roll_cell, bed_width),
        _cell(row.birth_year, styles.roll_cell, born_width),
    ]


def _roll_section(people: list[OccupancyRow], styles: _Styles) -> Table:
    """One section in two halves, read down the left half and on down the right."""
    half = (len(people) + 1) // 2
    left, right = people[:half], people[half:]
    header = [_cell(column, styles.column, width) for column, width in zip(_ROLL_COLUMNS, _ROLL_HALF, strict=True)]
    rows: list[list[Any]] = [header + header]
    style = _table_style(styles.cell) + _text_commands(styles.column, (0, 0), (-1, 0))
    for box in (0, 4):  # the text columns of each half, as `_roll_cells` measures them
        style += _text_commands(styles.roll_name, (box + 1, 1), (box + 1, -1)) + _text_commands(
            styles.roll_cell, (box + 2, 1), (box + 3, -1)
        )
    style += [
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (4, 1), (4, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBEFORE", (4, 0), (4, -1), 1.5, colors.black),
    ]
    for index in range(half):
        rows.append(
            _roll_cells(left[index], styles) + _roll_cells(right[index] if index < len(right) else None, styles)
        )
        if (index + 1) % 2 == 0:
            style.append(("BACKGROUND", (0, index + 1), (-1, index + 1), STRIPE_FILL))
    return Table(rows, colWidths=_ROLL_HALF + _ROLL_HALF, repeatRows=1, style=TableStyle(style))


def render_roll_call(data: OccupancyList) -> bytes:
    """The appèllijst for an evacuation: who is inside first, who is expected but not inside apart.

    The counts of both stand at the top, so the counter at the assembly point knows at once how
    many people should be out of the building; every name has a box to tick.
    """

    def story(styles: _Styles) -> list[Flowable]:
        inside, not_inside = _by_name(data.inside), _by_name(data.not_inside)
        flowables: list[Flowable] = [_counts_line(data, styles, with_free=False)]
        flowables.append(_p(f"{INSIDE} (ingecheckt): {len(inside)}", styles.section_big))
        if inside:
            flowables.append(_roll_section(inside, styles))
        else:
            flowables.append(_p("Niemand ingecheckt volgens de bezetting.", styles.free))
        flowables.append(
            _p(
                f"{NOT_INSIDE} (niet aangekomen; '{CHECKED_OUT_MARK}' = uitgecheckt): {len(not_inside)}",
                styles.section_big,
            )
        )
        if not_inside:
            flowables.append(_roll_section(not_inside, styles))
        else:
            flowables.append(_p("Niemand verwacht.", styles.free))
        flowables.append(
            Paragraph(
                f"Aantal personen: {len(inside)} binnen, {len(not_inside)} niet binnen.&nbsp;&nbsp; "
                "Geteld door: ____________________&nbsp;&nbsp; Tijd: ________",
                styles.sign,
            )
        )
        return flowables

    return _render(data, ROLL_CALL_TITLE, story)
