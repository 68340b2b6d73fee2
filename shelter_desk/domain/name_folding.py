"""How names are compared: folded to plain lowercase tokens, without accents or name particles.

"van der Berg", "Berg, van der" and "vd Berg" all fold to the token `berg`; "Müller" folds to
`muller`; Dutch "ij" and "y" are the same letter; Cyrillic and other scripts are transliterated
(anyascii) so that a name typed in Latin letters finds "Иванов".
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Dutch tussenvoegsels and their usual abbreviations, plus the common foreign ones the desk meets.
PARTICLES = frozenset(
    {
        "van",
        "der",
        "den",
        "de",
        "het",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "t",
        "vd",
        "v",
        "d",
        "von",
        "zu",
        "du",
        "la",
        "le",
        "l",
        "di",
        "da",
        "del",
        "dos",
        "das",
    }
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Lowercase ASCII with 'ij' written as 'y' and anything else than letters/digits as a space."""
    if not text:
        return ""
    plain = (text if text.isascii() else anyascii(text)).lower().replace("ij", "y")
    return _NON_ALNUM.sub(" ", plain).strip()


def name_tokens(*parts: str | None) -> list[str]:
    """The tokens a name is found by: folded words of all parts, particles left out.

    A name made only of particles (someone called "De") keeps them, so it can still be found.
    """
    kept: list[str] = []
    words: list[str] = []
    for part in parts:
        if part:
            part_kept, part_words = _part_words(part)
            kept += part_kept
            words += part_words
    return kept or words


@lru_cache(maxsize=65536)
def _part_words(part: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One name part's folded words without and with the particles. Cached: the person index folds
    every registered name when the desk starts, and first and last names recur."""
    words = tuple(fold(part).split())
    return tuple(word for word in words if word not in PARTICLES), words
