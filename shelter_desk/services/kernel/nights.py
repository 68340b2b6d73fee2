"""Which shelter night it is now, by the organisation's day boundary."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from shelter_desk.domain.shelter_night import shelter_night_of
from shelter_desk.persistence.engine import Database
from shelter_desk.services.kernel.settings import read_settings


def current_shelter_night(source: Database | Session, now: datetime | None = None) -> date:
    """Give the open session when inside a transaction, so the boundary is read in that one."""
    boundary = read_settings(source).night_day_boundary
    return shelter_night_of(now or datetime.now(UTC), boundary)
