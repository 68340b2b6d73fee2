"""From the first night to a home: admission decisions and their letter, applications and waiting
lists for places given by decision, housing referrals and the time to a home.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.trajectory.admission import (
    AdmissionHistory,
    AdmissionView,
    admission_letter,
    admissions_of,
    record_admission,
)
from shelter_desk.services.trajectory.applications import (
    ApplicationView,
    BedOffer,
    accept_offer,
    applications_of,
    apply_for_place,
    bed_offer,
    close_application,
    decide_application,
    decision_facilities,
    record_intake,
    set_allocates_by_decision,
    set_priority,
    waiting_list,
)
from shelter_desk.services.trajectory.housing import (
    HousingReferralView,
    HousingSummary,
    housing_of,
    housing_programmes,
    moved_via,
    refer_to_housing,
    update_housing,
)

__all__ = [
    "AdmissionHistory",
    "AdmissionView",
    "ApplicationView",
    "BedOffer",
    "HousingReferralView",
    "HousingSummary",
    "accept_offer",
    "admission_letter",
    "admissions_of",
    "applications_of",
    "apply_for_place",
    "bed_offer",
    "close_application",
    "decide_application",
    "decision_facilities",
    "housing_of",
    "housing_programmes",
    "moved_via",
    "record_admission",
    "record_intake",
    "refer_to_housing",
    "set_allocates_by_decision",
    "set_priority",
    "update_housing",
    "waiting_list",
]
