"""Beds: the board of a night, giving and moving beds, stays, turnaways, tonight's lists.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.domain.stays import BedState
from shelter_desk.services.beds.assignment import (
    NoShow,
    NoShowRelease,
    assign_bed,
    cancel_bed,
    check_in,
    check_out,
    keep_stays_running,
    move_bed,
    no_shows_due,
    release_no_shows,
    set_fee_status,
    undo_no_show_release,
)
from shelter_desk.services.beds.board import (
    BedCell,
    FacilityBoard,
    MoveTarget,
    StayReview,
    bed_board,
    beds_kept_for_regulars,
    fitting_free_beds,
    move_targets,
    stays_to_review,
)
from shelter_desk.services.beds.facility_choices import list_facilities
from shelter_desk.services.beds.occupancy import (
    Layout,
    facility_by_name_or_id,
    occupancy_pdf,
    winter_night_list_pdf,
)
from shelter_desk.services.beds.region_overview import (
    BedJustGone,
    DatabaseUnreachable,
    FacilityTonight,
    FreeBed,
    RegionTonight,
    referral_slip_pdf,
    region_change_token,
    region_tonight,
    reserve_elsewhere,
)
from shelter_desk.services.beds.roll_call_snapshot import (
    SnapshotFacility,
    roll_call_from_snapshot,
    snapshot_facilities,
    stand_van,
)
from shelter_desk.services.beds.stays import (
    EndedStay,
    correct_outflow,
    end_stay,
    end_stays_of_people_who_stopped_coming,
    open_overflow,
    stays_left_unannounced,
)
from shelter_desk.services.beds.tonight import person_tonight
from shelter_desk.services.beds.turnaways import TurnawayView, record_turnaway, turnaways_of_night

__all__ = [
    "BedCell",
    "BedJustGone",
    "BedState",
    "DatabaseUnreachable",
    "EndedStay",
    "StayReview",
    "TurnawayView",
    "FacilityBoard",
    "FacilityTonight",
    "FreeBed",
    "Layout",
    "RegionTonight",
    "SnapshotFacility",
    "NoShow",
    "NoShowRelease",
    "assign_bed",
    "bed_board",
    "beds_kept_for_regulars",
    "cancel_bed",
    "keep_stays_running",
    "check_in",
    "check_out",
    "correct_outflow",
    "end_stay",
    "end_stays_of_people_who_stopped_coming",
    "facility_by_name_or_id",
    "fitting_free_beds",
    "list_facilities",
    "move_bed",
    "move_targets",
    "MoveTarget",
    "no_shows_due",
    "occupancy_pdf",
    "open_overflow",
    "person_tonight",
    "record_turnaway",
    "referral_slip_pdf",
    "region_change_token",
    "region_tonight",
    "release_no_shows",
    "reserve_elsewhere",
    "roll_call_from_snapshot",
    "set_fee_status",
    "snapshot_facilities",
    "stand_van",
    "stays_left_unannounced",
    "stays_to_review",
    "turnaways_of_night",
    "undo_no_show_release",
    "winter_night_list_pdf",
]
