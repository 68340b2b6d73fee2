"""Which shelter night it is now, by the organisation's day boundary."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from shelter_desk.domain.shelter_night import shelter_night_of
from shelter_desk.persistence.engine import Database
from shelter_desk.services.settings import read_setting


def current_shelter_night(db: Database, now: datetime | None = None) -> date:
    boundary = read_setting(db, "night.day_boundary")
    assert isinstance(boundary, time)
    return shelter_night_of(now or datetime.now(timezone.utc), boundary)
