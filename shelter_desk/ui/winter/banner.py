"""The main window's banner while the winter arrangement holds tonight (without the winter page's weight)."""

from __future__ import annotations

from shelter_desk.services.kernel import Desk
from shelter_desk.services.winter import winter_tonight


def winter_banner_text(desk: Desk) -> str:
    active = winter_tonight(desk, desk.tonight())
    if not active:
        return ""
    return (
        "WINTERREGELING ACTIEF — "
        + ", ".join(f"{region}: {phase.label}" for region, phase in active)
        + " — extra bedden open, geen eigen bijdrage, niemand wordt weggestuurd"
    )
