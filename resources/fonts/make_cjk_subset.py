"""Makes resources/fonts/NotoSansCJKsc-Subset.ttf: the CJK fallback font every printout embeds.

Run once by a developer (needs fontTools and Debian's fonts-noto-cjk; neither is needed to run
the desk):  python resources/fonts/make_cjk_subset.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Noto Sans CJK (SIL Open Font License 1.1, LICENSE-Noto-CJK.txt) ships as CFF outlines in a
collection, which reportlab cannot embed; this keeps the Simplified Chinese face's glyphs for the
characters names are written with — GB 2312 level 1 (the 3 755 most used hanzi), JIS X 0208
level 1 (2 965 kanji), kana, the 2 350 hangul syllables of KS X 1001, CJK punctuation and
full-width forms; under 2 MiB, the largest file git should hold — and
converts their cubic outlines to TrueType quadratics (fontTools cu2qu, 1 unit tolerance).
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

SOURCE_FACE = 2  # Noto Sans CJK SC in NotoSansCJK-Regular.ttc
TARGET = Path(__file__).with_name("NotoSansCJKsc-Subset.ttf")


def wanted_characters() -> set[int]:
    found: set[int] = set()
    # GB 2312 level 1 (the 3 755 most used hanzi, rows 0xB0-0xD7), JIS X 0208 level 1 (the 2 965
    # most used kanji, Shift JIS 0x889F-0x9872) and the 2 350 hangul syllables of KS X 1001 (rows
    # 0xB0-0xC8): the characters names are written with, within 2 MiB in git.
    for encoding, rows, seconds in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("shift_jis", range(0x88, 0x99), range(0x40, 0xFD)),
        ("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)),
    ):
        for first in rows:
            for second in seconds:
                try:
                    text = bytes((first, second)).decode(encoding)
                except UnicodeDecodeError:
                    continue
                found.update(ord(char) for char in text if ord(char) >= 0x2E80)
    found.update(range(0x3000, 0x3100))  # CJK punctuation, hiragana, katakana
    found.update(range(0xFF01, 0xFF5F))  # full-width forms
    return found


def to_truetype(font) -> None:
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxPoints",
                  "maxContours", "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(glyphs)
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"


def main(source: str) -> None:
    font = TTCollection(source).fonts[SOURCE_FACE]
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_characters())
    subsetter.subset(font)
    to_truetype(font)
    font.save(TARGET)
    print(f"{TARGET.name}: {len(font.getGlyphOrder())} glyphs, {TARGET.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
