"""Search as you type over everyone the desk has met, for a signed-in desk worker."""

from __future__ import annotations

from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.person_index import PersonHit


def search_people(desk: Desk, text: str, exclude: int | None = None) -> list[PersonHit]:
    """People matching `text`, best first (see `PersonIndex.search`); nobody signed in sees nothing."""
    desk.require()
    return [hit for hit in desk.search.search(text, desk.tonight()) if hit.person_id != exclude]
