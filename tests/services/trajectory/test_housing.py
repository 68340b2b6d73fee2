"""Housing outflow: a referral to a programme from the list, its steps, and the move that ends the stay
"verhuisd via <programma>", with the days from the first night to a home."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.trajectory import HousingStatus
from shelter_desk.persistence.models import Stay
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.trajectory import housing_of, moved_via, refer_to_housing, update_housing

NIGHT = date(2026, 11, 24)


def test_a_programme_outside_the_list_is_refused(desk, region):
    with pytest.raises(DeskError, match="staat niet in de lijst"):
        refer_to_housing(desk, region.people["jan"], "Woningnet", NIGHT)


def test_verhuisd_comes_only_with_the_move(desk, region):
    referral = refer_to_housing(desk, region.people["jan"], "weer thuis", NIGHT)
    with pytest.raises(DeskError, match="verblijf te beëindigen"):
        update_housing(desk, referral, HousingStatus.MOVED, NIGHT)


def test_moving_via_a_programme_ends_the_stay_as_own_home_and_counts_the_days_to_a_home(db, desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=30))
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1))
    referral = refer_to_housing(desk, region.people["jan"], "Weer Thuis", NIGHT - timedelta(days=20))
    update_housing(desk, referral, HousingStatus.URGENCY, NIGHT - timedelta(days=10))
    update_housing(desk, referral, HousingStatus.OFFERED, NIGHT - timedelta(days=3))
    moved_via(desk, referral, NIGHT - timedelta(days=1))
    with db.read() as session:
        open_stays = session.scalars(select(Stay).where(Stay.end_night.is_(None))).all()
        last = session.scalars(select(Stay).order_by(Stay.id.desc())).first()
    assert open_stays == [] and last.outflow is Outflow.OWN_HOME
    summary = housing_of(desk, region.people["jan"])
    assert summary.referrals[0].programme == "Weer Thuis"
    assert summary.referrals[0].status is HousingStatus.MOVED
    assert (summary.first_night, summary.home_on, summary.days_to_home) == (NIGHT - timedelta(days=30), NIGHT, 30)
