"""Safety: the incidents register, people who must be kept apart, escalation to the safety network.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.safety.escalation import (
    EscalationView,
    close_escalation,
    escalate,
    escalations_of,
    escalations_per_quarter,
)
from shelter_desk.services.safety.incidents import (
    IncidentView,
    incident_register,
    incidents_of,
    incidents_of_restriction,
    record_incident,
    restriction_from_incident,
)
from shelter_desk.services.safety.separation import KeepApartView, end_keep_apart, keep_apart, keep_aparts_of

__all__ = [
    "EscalationView",
    "close_escalation",
    "escalate",
    "escalations_of",
    "escalations_per_quarter",
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
