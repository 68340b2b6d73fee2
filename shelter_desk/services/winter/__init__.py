"""The winter arrangement: forecasts, activation, winter locations and what a winter night changes.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.winter.arrangement import (
    ForecastNight,
    NightAssessment,
    activate,
    activate_regions,
    activations,
    add_winter_location,
    assess_forecast,
    end_early,
    end_several,
    extend,
    extend_several,
    leftovers,
    recommendation,
    regions,
    season_report,
    season_report_pdf,
    set_staffing,
    staffing,
    winter_locations,
    winter_season,
    winter_tonight,
)
from shelter_desk.services.winter.forecast_file import FileForecast, forecast_from_file

__all__ = [
    "FileForecast",
    "forecast_from_file",
    "ForecastNight",
    "NightAssessment",
    "activate",
    "activate_regions",
    "activations",
    "add_winter_location",
    "assess_forecast",
    "end_early",
    "end_several",
    "extend",
    "extend_several",
    "leftovers",
    "recommendation",
    "regions",
    "season_report",
    "season_report_pdf",
    "set_staffing",
    "staffing",
    "winter_locations",
    "winter_season",
    "winter_tonight",
]
