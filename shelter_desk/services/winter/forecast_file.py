"""A saved weather file read as the forecast of the nights: what the winter page fills in and
`shelter-desk winter forecast` prints, with each night's felt temperature and phase."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from shelter_desk.domain.roles import Permission
from shelter_desk.domain.winter import WindUnit, WinterPhase
from shelter_desk.domain.winter_forecast import ForecastSource, read_forecast_bytes
from shelter_desk.persistence.models import Region, WinterActivation
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.kernel.winter_nights import region_id_of
from shelter_desk.services.winter.arrangement import (
    ForecastNight,
    NightAssessment,
    assessed_nights,
)


@dataclass(frozen=True)
class FileForecast:
    source: ForecastSource
    unit: WindUnit  # the wind of `nights` is in this unit, as in the file
    nights: tuple[ForecastNight, ...]  # as read, to fill the page (and be corrected by hand)
    assessed: tuple[NightAssessment, ...]  # the same nights with felt temperature and phase
    region: str  # the region asked about ("" when none)
    active: dict[date, WinterPhase]  # nights of the file the region's arrangement already covers


def forecast_from_file(desk: Desk, data: bytes, centre_code: str | None = None) -> FileForecast:
    """The nights of a saved Weerlive, CSV or KNMI file, assessed under the organisation's thresholds.

    The whole file is refused, each bad line named, when any line cannot be read. With a region,
    the nights its arrangement already covers are given too.
    """
    desk.require(Permission.DESK_WORK)
    parsed = read_forecast_bytes(data)  # pure: refused before the database is asked anything
    nights = tuple(ForecastNight(n.night, n.temperature, n.wind, parsed.unit) for n in parsed.nights)
    with desk.db.read() as session:
        assessed = tuple(assessed_nights(read_settings(session), nights))
        region, active = "", {}
        if centre_code is not None:
            region_id = region_id_of(session, centre_code)
            region = session.scalar(select(Region.name).where(Region.id == region_id)) or ""
            for activation in session.scalars(
                select(WinterActivation).where(
                    WinterActivation.region_id == region_id,
                    WinterActivation.first_night <= nights[-1].night,
                    WinterActivation.last_night >= nights[0].night,
                )
            ):
                active.update(
                    {
                        n.night: WinterPhase(activation.phase)
                        for n in nights
                        if activation.first_night <= n.night <= activation.last_night
                    }
                )
    return FileForecast(parsed.source, parsed.unit, nights, assessed, region, active)
