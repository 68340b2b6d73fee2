"""Safety: the incidents register and people who must be kept apart.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.safety.incidents import (
    IncidentView,
    incident_register,
    incidents_of,
    incidents_of_restriction,
    record_incident,
    restriction_from_incident,
)
from shelter_desk.services.safety.keep_apart import KeepApartView, end_keep_apart, keep_apart, keep_aparts_of

__all__ = [
    "IncidentView",
    "KeepApartView",
    "end_keep_apart",
    "incident_register",
    "incidents_of",
    "incidents_of_restriction",
    "keep_apart",
    "keep_aparts_of",
    "record_incident",
    "restriction_from_incident",
]
