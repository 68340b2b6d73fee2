"""Facts about a person that the rules need: age on a given night and the name the desk shows."""

from __future__ import annotations

from datetime import date

from shelter_desk.domain.dutch_dates import DateOfBirth


def age_on(date_of_birth: date, night: date) -> int:
    """Age in whole years on the evening of `night` (a birthday on that date counts)."""
    had_birthday = (night.month, night.day) >= (date_of_birth.month, date_of_birth.day)
    return night.year - date_of_birth.year - (0 if had_birthday else 1)


def display_name(first_name: str | None, name_prefix: str | None, last_name: str | None, alias: str | None) -> str:
    """'Jan van der Berg', or the alias when no name is known, or both: 'Jan Berg ("Jantje")'."""
    full = " ".join(filter(None, (first_name, name_prefix, last_name)))  # filter(): the index names everyone at start
    if full and alias:
        return f'{full} ("{alias}")'
    return full or alias or "(naam onbekend)"


def age_text(born: DateOfBirth | None, night: date) -> str:
    """'34 jaar', 'ca. 34 jaar' for an approximate year, or '' when unknown."""
    if born is None:
        return ""
    if born.approximate:
        return f"ca. {night.year - born.value.year} jaar"
    return f"{age_on(born.value, night)} jaar"
