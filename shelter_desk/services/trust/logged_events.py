"""Which use case writes which NEN 7513 event, and why the others write none: the one table of both.

Every public use case is in exactly one of the two, by its name, or by `feature.name` where two
features name a use case alike (a test holds this table to the services and
checks that each logged use case reaches `log_access` with its event). A use case that reads or
changes one person's record logs; so does one that prints or exports people. The ones that do
not are listed with the reason, so that leaving one out is a decision someone wrote down.
"""

from __future__ import annotations

from shelter_desk.services.trust.access_log import Action

LOGGED: dict[Action, tuple[str, ...]] = {
    Action.READ: ("load_person", "handover_about", "mark_read", "plan_of", "escalations_of"),
    Action.CREATE: (
        "issue_card",
        "register_visit",
        "store_belongings",
        "write_entry",
        "start_plan",
        "record_assessment",
        "register_person",
        "assign_bed",
        "reserve_elsewhere",
        "keep_stays_running",
        "record_turnaway",
        "log_mail",
        "record_incident",
        "escalate",
        "create_account",
        "create_first_administrator",
    ),
    Action.UPDATE: (
        "update_person",
        "add_note",
        "add_restriction",
        "lift_restriction",
        "restriction_from_incident",
        "record_consent",
        "renew_consent",
        "keep_apart",
        "end_keep_apart",
        "close_escalation",
        # bed actions and ended stays (an overrule is marked in the line's fields)
        "move_bed",
        "cancel_bed",
        "check_in",
        "check_out",
        "set_fee_status",
        "release_no_shows",
        "end_stay",
        "undo_no_show_release",
        "end_stays_of_people_who_stopped_coming",
        "correct_outflow",
        # day services: cards, drop-in, plans
        "revoke_card",
        "give_service",
        "clear_locker",
        "add_goal",
        "add_action",
        "complete_action",
        "close_goal",
        "plans.record_review",
        "close_plan",
        # postal addresses and mail
        "register_postal_address",
        "activate_from_waiting_list",
        "postal.record_review",
        "return_to_sender",
        "end_postal_address",
        # regiobinding
        "start_investigation",
        "record_facts",
        "decide",
        "answer_transfer",
        "person_moved",
        # accounts, reference data, the database itself
        "set_password",
        "set_active",
        "set_centre",
        "apply_mapping_import",
        "apply_municipality_import",
        "restore",
    ),
    Action.PRINT: (
        "occupancy_pdf",
        "winter_night_list_pdf",
        "confirmation_letter",
        "end_notice_letter",
        "referral_slip_pdf",
        "card_pdf",
        "plan_pdf",
    ),
    Action.EXPORT: ("overview_pdf", "overview_csv", "access_log_pdf", "log_of_person", "backup_now"),
    Action.DISCLOSE: ("hand_out", "request_transfer", "transfer_letter"),
    Action.DELETE: ("remove_service",),
    Action.MERGE: ("merge_persons",),
    Action.UNDO_MERGE: ("undo_merge",),
    Action.ANONYMISE: ("anonymise",),
    Action.SIGN_IN: ("sign_in",),
    Action.CHAIN_WARNING: ("chain_warning",),
}

_NOT_PERSONAL = "holds no client data (facilities, beds, regions, accounts, reference data, settings)"
_COUNTS = "counts and periods only; no record of a person is opened"
_WORKING_LIST = (
    "the desk's own working list (name and bed or status): opening a person from it is logged as "
    "a read; logging every refresh would bury the real accesses"
)
_IN_THE_RECORD = "a part of the person's record shown inside the opened record, whose opening is logged"
_PRESENCE = "the desk's heartbeat, before anyone signs in"

NOT_LOGGED: dict[str, str] = {
    **dict.fromkeys(
        (
            "activate",
            "extend",
            "end_early",
            "activations",
            "add_winter_location",
            "assess_forecast",
            "regions",
            "winter_locations",
            "winter_tonight",
            "set_staffing",
            "staffing",
            "night_notes",
            "open_overflow",
            "close_overflow",
            "add_beds",
            "retire_bed",
            "save_facility",
            "set_facility_active",
            "facility_details",
            "facility_by_name_or_id",
            "list_facilities",
            "centre_of",
            "municipalities_without_centre",
            "preview_mapping_import",
            "preview_municipality_import",
            "list_accounts",
            "default_review_date",
            "verify_chain",
            "list_settings",
            "change_setting",
            "region_change_token",
            "default_plan_review",
            "dropin_locations",
            "offered_services",
            "handover_locations",
            "unread_count",
            "set_opening_hours",
            "register_anonymous_visit",
            "activate_regions",
            "extend_several",
            "end_several",
            "forecast_from_file",
        ),
        _NOT_PERSONAL,
    ),
    **dict.fromkeys(
        (
            "monitor",
            "monitor_document",
            "monitor_pdf",
            "monitor_csv",
            "season_report",
            "season_report_pdf",
            "escalations_per_quarter",
        ),
        _COUNTS,
    ),
    **dict.fromkeys(
        (
            "search_people",
            "similar_people",
            "bed_board",
            "occupancy_data",
            "stays_to_review",
            "turnaways_of_night",
            "postal_addresses",
            "mail_waiting",
            "mail_waiting_too_long",
            "reviews_due",
            "list_investigations",
            "transfers",
            "retention_candidates",
            "leftovers",
            "beds_kept_for_regulars",
            "no_shows_due",
            "stays_left_unannounced",
            "region_tonight",
            "snapshot_facilities",
            "handover_log",
            "lockers_in_use",
            "todays_visitors",
            "plans_due",
            "without_plan",
            "person_for_card",
            "incident_register",
            "consents_ending",
            "data_quality",
        ),
        _WORKING_LIST,
    ),
    **dict.fromkeys(
        (
            "person_tonight",
            "propose_bed",
            "fitting_free_beds",
            "move_targets",
            "restrictions_of",
            "restrictions_in_force",
            "merges_of",
            "outstanding_cents",
            "postal_address",
            "proposal",
            "cards_of",
            "incidents_of",
            "incidents_of_restriction",
            "keep_aparts_of",
            "consents_of",
        ),
        _IN_THE_RECORD,
    ),
    "purge_expired_handover": "retention housekeeping: removes entries past their keeping time, opens no record",
    **dict.fromkeys(("announce_presence", "leave"), _PRESENCE),
    **dict.fromkeys(
        ("backup_state", "backup_warning"), "when the last backup was made and why one failed: no client data"
    ),
    # Printed when the database cannot be reached, so the log cannot be written then: an evacuation
    # never waits for the network. The copy was read (and so kept) by a desk whose reads are its own.
    "roll_call_from_snapshot": "printed from this computer's local copy while the database is out of reach",
}
