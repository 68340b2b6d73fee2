"""Beheer: facilities and beds, organisation settings, reference data.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.admin.facilities import (
    FacilityDetails,
    add_beds,
    facility_details,
    retire_bed,
    save_facility,
)
from shelter_desk.services.admin.organisation_settings import SettingValue, change_setting, list_settings
from shelter_desk.services.admin.reference_import import (
    ImportKind,
    ImportPreview,
    apply_mapping_import,
    apply_municipality_import,
    municipalities_without_centre,
    preview_mapping_import,
    preview_municipality_import,
    set_centre,
)

__all__ = [
    "SettingValue",
    "change_setting",
    "list_settings",
    "FacilityDetails",
    "ImportKind",
    "ImportPreview",
    "add_beds",
    "apply_mapping_import",
    "apply_municipality_import",
    "facility_details",
    "municipalities_without_centre",
    "preview_mapping_import",
    "preview_municipality_import",
    "retire_bed",
    "save_facility",
    "set_centre",
]
