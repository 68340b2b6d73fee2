"""Every script printed right: Arabic joined and right to left, CJK in its glyphs, names whole."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from shelter_desk.reports import fonts
from shelter_desk.reports.printable import printable, visible
from shelter_desk.reports.scripts import visual

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


def pdf_of(*lines: str) -> bytes:
    import io

    fonts.register_fonts()
    buffer = io.BytesIO()
    style = ParagraphStyle("p", fontName=fonts.REGULAR, fontSize=11)
    SimpleDocTemplate(buffer).build([Paragraph(printable(line), style) for line in lines])
    return buffer.getvalue()


def text_of(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    marks = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"))
    return unicodedata.normalize("NFKC", out.translate(marks))


def test_a_tab_or_other_space_in_a_name_prints_as_one_space():
    assert visible("Jan\tde\u00a0Vries") == "Jan de Vries"
    assert "Jan de Vries" in text_of(pdf_of("Jan\tde\u00a0Vries"))


def test_a_chinese_name_prints_in_its_own_glyphs():
    pdf = pdf_of("王小明 (Wang Xiaoming)")
    assert b"NotoSansCJKsc" in pdf
    assert "王小明 (Wang Xiaoming)" in text_of(pdf)


def test_arabic_letters_are_joined_and_drawn_right_to_left():
    drawn = visual("محمد")  # m-h-m-d, in logical order
    assert [unicodedata.name(char).split()[-2] for char in drawn] == ["FINAL", "MEDIAL", "MEDIAL", "INITIAL"]
    assert unicodedata.normalize("NFKC", drawn)[::-1] == "محمد"


def test_an_arabic_name_in_a_dutch_line_keeps_the_line_left_to_right():
    drawn = visual("Bed 3: أحمد حسن (gereserveerd)")
    assert drawn.startswith("Bed 3: ") and drawn.endswith(" (gereserveerd)")
    assert unicodedata.normalize("NFKC", drawn[7:-15])[::-1] == "أحمد حسن"
