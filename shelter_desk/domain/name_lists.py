"""Comma-separated lists of names kept as one setting (drop-in services, plan life domains)."""

from __future__ import annotations

from shelter_desk.domain.errors import DeskError


def parse_name_list(text: str, empty_message: str) -> tuple[str, ...]:
    """The names in order: trimmed, inner spaces single, no empties, no doubles (case-blind)."""
    seen: set[str] = set()
    names = []
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    if not names:
        raise DeskError(empty_message)
    return tuple(names)
