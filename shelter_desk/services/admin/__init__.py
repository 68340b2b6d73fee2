"""Beheer: opening and preparing a database, facilities and beds, reference data, the demo.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.admin.database_setup import (
    KEY_ENV,
    MIN_PASSPHRASE,
    open_and_prepare,
    summarise,
    unlock,
)
from shelter_desk.services.admin.demo import DEMO_PASSWORD, load_demo
from shelter_desk.services.admin.facilities import (
    BedRow,
    FacilityDetails,
    add_beds,
    facility_details,
    retire_bed,
    save_facility,
)
from shelter_desk.services.admin.organisation_settings import SettingValue, change_setting, list_settings
from shelter_desk.services.admin.reference_data import list_municipalities
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
    "DEMO_PASSWORD",
    "BedRow",
    "FacilityDetails",
    "ImportKind",
    "ImportPreview",
    "KEY_ENV",
    "MIN_PASSPHRASE",
    "add_beds",
    "apply_mapping_import",
    "apply_municipality_import",
    "facility_details",
    "list_municipalities",
    "load_demo",
    "municipalities_without_centre",
    "open_and_prepare",
    "preview_mapping_import",
    "preview_municipality_import",
    "retire_bed",
    "save_facility",
    "set_centre",
    "summarise",
    "unlock",
]
