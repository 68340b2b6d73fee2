"""Text in any script as a PDF line holds it: Arabic joined and right to left, CJK in a font that has it.

A PDF draws glyphs left to right in the order given, and reportlab draws the code points it is
handed (its own bidi support needs `rlbidi`, which is not on PyPI). So before drawing:

- right-to-left text is *shaped* by `arabic_reshaper` (each letter becomes its joined
  initial/medial/final form, lam-alef its ligature, all in Unicode's presentation forms, which
  DejaVu Sans has) and put in *visual order* by `python-bidi` (the Unicode bidirectional
  algorithm, so a Dutch name or a number inside an Arabic sentence, or an Arabic name inside a
  Dutch line, keeps its own order). Its pure-Python `bidi.algorithm` is used, not the Rust
  `bidi.get_display`: only the former applies rule L4, mirroring "(" and ")" inside Arabic.
  A viewer's text extraction gives back the logical text.
- a run of characters DejaVu Sans lacks (Chinese, Japanese, Korean) is drawn in the shipped
  Noto Sans CJK subset (`fonts.CJK`), so a name never prints as boxes.

Long right-to-left text is wrapped here, in logical order, before each line is turned visual:
reportlab's own wrapping of visual text would put the end of a sentence on its first line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas

from shelter_desk.reports import fonts

# Harakat (vowel marks) are kept, not deleted: a name is printed as it was written.
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def is_right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def has_right_to_left(text: str) -> bool:
    if text.isascii():
        return False
    return any(is_right_to_left(char) for char in text)


def visual(text: str, right_to_left: bool | None = None) -> str:
    """One line of logical text in drawing order; unchanged when it has no right-to-left letters.

    `right_to_left` sets the line's base direction (an Arabic document); None takes it from the
    first strong letter, so a Dutch line with an Arabic name stays a left-to-right line.
    """
    if not has_right_to_left(text):
        return text
    direction = None if right_to_left is None else ("R" if right_to_left else "L")
    return str(get_display(_RESHAPER.reshape(text), base_dir=direction))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken at spaces into logical lines no wider than `width` (a longer word gets its own line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        attempt = f"{current} {word}" if current else word
        if current and stringWidth(visual(attempt), font, size) > width:
            lines.append(current)
            current = word
        else:
            current = attempt
    if current:
        lines.append(current)
    return lines


@cache
def _covered(font: str) -> frozenset[int]:
    fonts.register_cjk() if font == fonts.CJK else fonts.register_fonts()
    return frozenset(getFont(font).face.charToGlyph)


def font_runs(text: str, font: str) -> Iterator[tuple[str, str]]:
    """(font, text) runs: `font` where it has the glyph, else the CJK fallback where that has it."""
    mine = _covered(font)
    run_font, run = font, ""
    for char in text:
        code = ord(char)
        wanted = fonts.CJK if code not in mine and code in _covered(fonts.CJK) else font
        if wanted != run_font and run:
            yield run_font, run
            run = ""
        run_font = wanted
        run += char
    if run:
        yield run_font, run


def with_fallback(markup: str, font: str) -> str:
    """Paragraph markup (already escaped) with CJK runs wrapped in the fallback font."""
    if not markup or max(markup) < "\u2e80":  # nothing below the CJK blocks needs a fallback
        return markup
    return "".join(
        run if run_font == font else f'<font name="{run_font}">{run}</font>'
        for run_font, run in font_runs(markup, font)
    )


def runs_width(text: str, font: str, size: float) -> float:
    return float(sum(stringWidth(run, run_font, size) for run_font, run in font_runs(text, font)))


def draw_line(canvas: Canvas, x: float, y: float, text: str, font: str, size: float, *, right: bool = False) -> None:
    """Draw one line (already in drawing order) from `x`, or ending at `x` when `right`, font run by font run."""
    if right:
        x -= runs_width(text, font, size)
    for run_font, run in font_runs(text, font):
        canvas.setFont(run_font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, run_font, size)
