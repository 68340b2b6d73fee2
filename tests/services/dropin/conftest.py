"""A drop-in next to the region's shelters, open on weekdays."""

from __future__ import annotations

from datetime import time

import pytest

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.persistence.models import DropInHours, Facility


@pytest.fixture
def inloop(db, region) -> int:
    with db.write() as session:
        assen = session.get(Facility, region.night_shelter).region
        facility = Facility(
            region=assen, name="Inloop Havenkade", kind=FacilityKind.DROP_IN, provider="Leger des Heils", city="Assen"
        )
        session.add(facility)
        session.flush()
        session.add_all(
            DropInHours(facility_id=facility.id, weekday=day, opens=time(10), closes=time(16)) for day in range(5)
        )
        return facility.id
