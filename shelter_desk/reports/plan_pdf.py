"""The personal plan as an A4 PDF (Dutch) to discuss with the person and sign.

Plain data in, PDF bytes out: who and when, the last self-sufficiency scores per life domain next
to the previous ones (with a small bar per score, so the change is seen at a glance), the goals
with their agreed actions (who, by when, done), the next review date and two signature blocks.
"""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.reports import fonts
from shelter_desk.reports.plan_data import PlanDocument, PlanScoreRow
from shelter_desk.reports.printable import escape

_SCORE_COLOURS = {1: "#b91c1c", 2: "#ea580c", 3: "#ca8a04", 4: "#65a30d", 5: "#15803d"}


def _styles() -> dict[str, ParagraphStyle]:
    fonts.register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=fonts.BOLD, fontSize=16, leading=20),
        "head": ParagraphStyle(
            "head", fontName=fonts.BOLD, fontSize=11.5, leading=15, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
        "body": ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=9.5, leading=12.5),
        "small": ParagraphStyle(
            "small", fontName=fonts.REGULAR, fontSize=8, leading=10, textColor=colors.HexColor("#444444")
        ),
        "demo": ParagraphStyle("demo", fontName=fonts.BOLD, fontSize=10, textColor=colors.HexColor("#b91c1c")),
    }


def _bar(score: int | None) -> Drawing:
    """Five little cells, the first `score` of them filled in the score's colour."""
    drawing = Drawing(30 * mm, 4 * mm)
    for cell in range(5):
        filled = score is not None and cell < score
        drawing.add(
            Rect(
                cell * 6 * mm,
                0,
                5.4 * mm,
                3.6 * mm,
                strokeWidth=0.4,
                strokeColor=colors.grey,
                fillColor=colors.HexColor(_SCORE_COLOURS[score]) if filled and score else colors.white,
            )
        )
    return drawing


def _change(row: PlanScoreRow) -> str:
    if row.score is None or row.previous is None:
        return ""
    delta = row.score - row.previous
    return "=" if delta == 0 else f"{delta:+d}"


def render_plan(plan: PlanDocument) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"Persoonlijk plan {plan.person}",
        author="Shelter Desk",
        creator="Shelter Desk",
    )
    story: list[object] = [Paragraph(f"Persoonlijk plan — {escape(plan.person)}", styles["title"])]
    if plan.is_demo:
        story.append(Paragraph("DEMO — fictieve gegevens", styles["demo"]))
    facts = [
        ("Begeleider", plan.counsellor),
        ("Plan gestart", dutch_date(plan.started_on)),
        ("Volgende evaluatie", dutch_date(plan.review_on)),
        ("Afgedrukt", dutch_date(plan.printed_on)),
    ]
    facts_table = Table(
        [[Paragraph(escape(k), styles["small"]), Paragraph(escape(v), styles["body"])] for k, v in facts],
        colWidths=[40 * mm, 130 * mm],
    )
    facts_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story += [Spacer(1, 3 * mm), facts_table]

    story.append(Paragraph("Zelfredzaamheid per leefgebied", styles["head"]))
    if plan.assessed_on is None:
        story.append(Paragraph("Nog niet gescoord.", styles["body"]))
    else:
        when = f"Meting van {dutch_date(plan.assessed_on)}"
        if plan.previous_on is not None:
            when += f"; verschil met de meting van {dutch_date(plan.previous_on)}"
        story.append(
            Paragraph(escape(when) + ". Schaal: 1 = acute problemen … 5 = volledig zelfredzaam.", styles["small"])
        )
        rows: list[list[object]] = [["Leefgebied", "Score", "", "Verschil", "Betekenis"]]
        for row in plan.scores:
            rows.append(
                [
                    Paragraph(escape(row.domain), styles["body"]),
                    "–" if row.score is None else str(row.score),
                    _bar(row.score),
                    _change(row),
                    Paragraph(escape(row.level), styles["small"]),
                ]
            )
        table = Table(rows, colWidths=[44 * mm, 12 * mm, 33 * mm, 16 * mm, 69 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
                    ("FONTNAME", (0, 1), (-1, -1), fonts.REGULAR),
                    ("FONTSIZE", (0, 0), (-1, -1), 9),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (1, 0), (1, -1), "CENTER"),
                    ("ALIGN", (3, 0), (3, -1), "CENTER"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                ]
            )
        )
        story.append(table)

    story.append(Paragraph("Doelen en afspraken", styles["head"]))
    if not plan.goals:
        story.append(Paragraph("Nog geen doelen afgesproken.", styles["body"]))
    for number, goal in enumerate(plan.goals, start=1):
        block: list[object] = [
            Paragraph(
                f"<b>{number}. {escape(goal.domain)}</b> — {escape(goal.text)} <font size=8 color='#555555'>"
                f"({escape(goal.status)})</font>",
                styles["body"],
            )
        ]
        if goal.actions:
            actions: list[list[object]] = [["Actie", "Wie", "Wanneer", "Klaar"]]
            for text, owner, due_on, done_on in goal.actions:
                actions.append(
                    [
                        Paragraph(escape(text), styles["small"]),
                        Paragraph(escape(owner), styles["small"]),
                        f"{due_on:%d-%m-%Y}" if due_on else "",
                        f"{done_on:%d-%m-%Y}" if done_on else "☐",
                    ]
                )
            table = Table(actions, colWidths=[86 * mm, 38 * mm, 24 * mm, 22 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
                        ("FONTNAME", (0, 1), (-1, -1), fonts.REGULAR),
                        ("FONTSIZE", (0, 0), (-1, -1), 8),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                    ]
                )
            )
            block += [Spacer(1, 1 * mm), table]
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block))

    signatures = Table(
        [
            ["Deelnemer", "Begeleider"],
            [plan.person, plan.counsellor],
            ["", ""],
            ["Handtekening: ______________________", "Handtekening: ______________________"],
            ["Datum: ____________", "Datum: ____________"],
        ],
        colWidths=[85 * mm, 85 * mm],
        rowHeights=[None, None, 12 * mm, None, 8 * mm],
    )
    signatures.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), fonts.BOLD),
                ("FONTNAME", (0, 1), (-1, -1), fonts.REGULAR),
                ("FONTSIZE", (0, 0), (-1, -1), 9.5),
            ]
        )
    )
    story.append(
        KeepTogether(
            [
                Paragraph("Besproken en afgesproken", styles["head"]),
                Paragraph(
                    "Dit plan is samen besproken. De deelnemer kan het plan altijd inzien en om een nieuw "
                    "gesprek vragen.",
                    styles["body"],
                ),
                Spacer(1, 4 * mm),
                signatures,
            ]
        )
    )
    doc.build(story)
    return buffer.getvalue()
