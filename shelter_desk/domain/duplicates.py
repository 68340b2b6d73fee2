"""When two records may be the same person: a similar name and the same or a close birth date.

The same BSN is not judged here: it is a hard stop in the service. This rule only warns, so it
errs towards showing a candidate; the desk decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from shelter_desk.domain.dutch_dates import DateOfBirth

NAME_LIKENESS_WITH_CLOSE_BIRTH = 85.0
NAME_LIKENESS_WITHOUT_BIRTH = 95.0


@dataclass(frozen=True)
class IdentityFacts:
    tokens: tuple[str, ...]  # folded name tokens (name_folding.name_tokens)
    date_of_birth: DateOfBirth | None


def name_likeness(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """0–100: how alike two folded names are, ignoring word order and extra words."""
    if not a or not b:
        return 0.0
    return float(fuzz.token_set_ratio(" ".join(a), " ".join(b)))


def births_are_close(a: DateOfBirth, b: DateOfBirth) -> bool:
    """Same day; or a typing slip (day and month swapped, one part off); or approximate and ±1 year."""
    if a.approximate or b.approximate:
        return abs(a.value.year - b.value.year) <= 1
    x, y = a.value, b.value
    if x == y:
        return True
    if (x.day, x.month, x.year) == (y.month, y.day, y.year):
        return True
    same_parts = sum((x.day == y.day, x.month == y.month, x.year == y.year))
    return same_parts == 2 and (x.year == y.year or abs(x.year - y.year) <= 10)


def possible_duplicate(new: IdentityFacts, existing: IdentityFacts) -> float | None:
    """The name likeness when `existing` may be the same person as `new`, else None."""
    likeness = name_likeness(new.tokens, existing.tokens)
    if new.date_of_birth is None or existing.date_of_birth is None:
        return likeness if likeness >= NAME_LIKENESS_WITHOUT_BIRTH else None
    if likeness >= NAME_LIKENESS_WITH_CLOSE_BIRTH and births_are_close(new.date_of_birth, existing.date_of_birth):
        return likeness
    return None
