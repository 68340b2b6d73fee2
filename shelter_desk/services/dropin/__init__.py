"""The day drop-in (inloop): visits, services given, belongings in lockers, opening hours.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.dropin.figures import DropInFigures
from shelter_desk.services.dropin.lockers import LockerView, clear_locker, lockers_in_use, store_belongings
from shelter_desk.services.dropin.visits import (
    DayList,
    DropInLocation,
    VisitRow,
    dropin_locations,
    give_service,
    offered_services,
    register_anonymous_visit,
    register_visit,
    remove_service,
    set_opening_hours,
    todays_visitors,
)

__all__ = [
    "DayList",
    "DropInFigures",
    "DropInLocation",
    "LockerView",
    "VisitRow",
    "clear_locker",
    "dropin_locations",
    "give_service",
    "lockers_in_use",
    "offered_services",
    "register_anonymous_visit",
    "register_visit",
    "remove_service",
    "set_opening_hours",
    "store_belongings",
    "todays_visitors",
]
