"""Text as a printout can hold it: escaped for reportlab, hidden characters dropped, other whitespace
made a space, right-to-left letters shaped and in drawing order, CJK runs in their font, long text shortened.

One record with a 10 000-character name (typed before input was checked, or imported) must not
stop the occupancy list or the evacuation roll-call for everybody: a table row taller than a
page makes reportlab give up. Text for a table cell is cut at `CELL_LIMIT` characters with an
ellipsis; the screen still shows the whole record.
"""

from __future__ import annotations

import re
import unicodedata

from shelter_desk.reports import fonts
from shelter_desk.reports.scripts import visual, with_fallback, wrap

CELL_LIMIT = 300
# A tab, a no-break space, a line or paragraph separator inside a line: one plain space, so a name
# typed with a tab between its parts never prints glued together.
_OTHER_SPACE = re.compile(r"[^\S\n]+")


def escape(text: str) -> str:
    """`&`, `<` and `>` as the entities Paragraph markup reads back, as `xml.sax.saxutils.escape` does.

    Our own: importing xml.sax.saxutils imports urllib.request, http.client and email (~25 ms the
    first time the desk prints), for three replacements.
    """
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def printable(text: str, limit: int = CELL_LIMIT) -> str:
    """`text` escaped for a reportlab Paragraph, without control or lone-surrogate characters, at most `limit` long;
    CJK runs in the fallback font."""
    return with_fallback(escape(visible(text, limit)), fonts.REGULAR)


def visible(text: str, limit: int = CELL_LIMIT) -> str:
    """`text` as `plain` makes it, each line in drawing order (right-to-left runs shaped and turned);
    not escaped (for text drawn as it is, not parsed as Paragraph markup)."""
    shown = plain(text, limit)
    if shown.isascii():  # nearly every name: nothing to shape or turn
        return shown
    return "\n".join(visual(line) for line in shown.split("\n"))


def plain(text: str, limit: int = CELL_LIMIT) -> str:
    """`text` without control, lone-surrogate or direction characters, other whitespace as one space,
    at most `limit` long; still in logical order."""
    text = _OTHER_SPACE.sub(" ", text) if not text.isprintable() or "  " in text else text
    # Control, surrogate and direction characters are all unprintable: most text has none to drop.
    shown = (
        text
        if text.isprintable()
        else "".join(
            char
            for char in text
            if char == "\n"
            or not (
                unicodedata.category(char) in ("Cc", "Cs")
                or "\u202a" <= char <= "\u202e"
                or "\u2066" <= char <= "\u2069"
            )
        )
    )
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return shown


def right_to_left_markup(text: str, font: str, size: float, width: float, limit: int = 4000) -> str:
    """Paragraph markup for a right-to-left paragraph: wrapped in logical order to `width`, each line
    shaped and in drawing order, joined with <br/> (set it right-aligned)."""
    lines = wrap(plain(text, limit), font, size, width - 2)
    return with_fallback("<br/>".join(escape(visual(line, right_to_left=True)) for line in lines), font)
