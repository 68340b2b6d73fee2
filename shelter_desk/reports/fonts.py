"""The fonts every printout uses: DejaVu Sans, shipped in `resources/fonts/` and embedded in the PDF.

Why not reportlab's built-in Helvetica: the standard PDF fonts only cover Latin-1 (WinAnsi), so
Ł, Ş, Ğ, ı and all Cyrillic letters print as black boxes or vanish. Guests' names must print
exactly as they were registered, in any script, so a roll-call can be read out without guessing.
DejaVu Sans covers Latin (including Polish, Romanian, Turkish), Greek, Cyrillic and more; it is
embedded (subset) in each PDF, so the printout looks the same on any computer or printer.

DejaVu Sans has no Chinese, Japanese or Korean glyphs: a run of those characters is drawn in
`CJK`, a subset of Noto Sans CJK SC (OFL, `resources/fonts/LICENSE-Noto-CJK.txt`; how it was made:
`resources/fonts/make_cjk_subset.py`), chosen per run by `reports.scripts`.

The TTF files travel with the application (also inside the PyInstaller bundle, through
`shelter_desk.paths.resource`); their licence is `resources/fonts/LICENSE-DejaVu.txt`.
"""

from __future__ import annotations

from threading import Lock

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from shelter_desk.paths import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FAMILY = "DejaVuSans"  # for <b> in Paragraph markup
CJK = "NotoSansCJKsc"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_CJK_FILE = "NotoSansCJKsc-Subset.ttf"
_lock = Lock()
_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) with reportlab; later calls do nothing."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", filename))))
        # No italic is shipped: <i> falls back to the upright faces instead of to Helvetica.
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
        _registered = True


_cjk_registered = False


def register_cjk() -> None:
    """Register the CJK fallback (2 MB to parse): only when a text needs it; later calls do nothing."""
    global _cjk_registered
    with _lock:
        if _cjk_registered:
            return
        pdfmetrics.registerFont(TTFont(CJK, str(resource("fonts", _CJK_FILE))))
        pdfmetrics.registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)
        _cjk_registered = True
