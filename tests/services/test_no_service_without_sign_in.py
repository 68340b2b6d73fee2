"""No service answers without a signed-in user with the right role: checked by calling each one.

`test_use_case_shape.py` reads the source; this test runs it. Every public use case of every
feature package is called with nobody signed in (it must refuse in Dutch and change nothing)
and once for each role: a role below the use case's permission is refused, a role at or above
it gets past the gate. The permission each use case needs is written down here, so a use case
whose gate is lowered (or removed) fails here even when its shape is right.
"""

from __future__ import annotations

import inspect

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import DeskUser, Permission, Role
from shelter_desk.services.kernel.desk import Desk
from tests.services.transactions import transactions_opened
from tests.services.use_cases import FEATURES, FUNCTIONS, SIGNED_OUT, USE_CASES, qualified

# The gate is passed or refused before any SQL (the refusal test holds that no transaction opens):
# what these tests check cannot differ between the engines, so they run on SQLite only.
BEFORE_ANY_SQL = pytest.mark.engine_independent("the permission gate refuses before any SQL")

# The personal plan's content: counsellors (begeleiders) and up.
PLAN_WORK = Permission.PLAN_WORK
DESK_WORK, DECIDE, EXPORT, ADMINISTER = (
    Permission.DESK_WORK,
    Permission.DECIDE,
    Permission.EXPORT,
    Permission.ADMINISTER,
)

# Use case -> the permission it needs. A new use case must be added here (the test below fails
# until it is), which makes its gate a decision someone wrote down.
NEEDS: dict[str, Permission] = {
    # people
    "people.search_people": DESK_WORK,
    "people.similar_people": DESK_WORK,
    "people.register_person": DESK_WORK,
    "people.update_person": DESK_WORK,
    "people.load_person": DESK_WORK,
    "people.add_note": DESK_WORK,
    "people.merges_of": DESK_WORK,
    "people.merge_persons": DECIDE,
    "people.undo_merge": DECIDE,
    "people.add_restriction": DESK_WORK,
    "people.lift_restriction": DECIDE,
    "people.restrictions_of": DESK_WORK,
    "people.restrictions_in_force": DESK_WORK,
    "people.record_consent": DESK_WORK,
    "people.renew_consent": DESK_WORK,
    "people.consents_of": DESK_WORK,
    "people.consents_ending": DESK_WORK,
    "people.data_quality": DECIDE,
    # beds
    "beds.assign_bed": DESK_WORK,
    "beds.move_bed": DESK_WORK,
    "beds.cancel_bed": DESK_WORK,
    "beds.check_in": DESK_WORK,
    "beds.check_out": DESK_WORK,
    "beds.set_fee_status": DESK_WORK,
    "beds.outstanding_cents": DESK_WORK,
    "beds.release_no_shows": DESK_WORK,
    "beds.keep_stays_running": DESK_WORK,
    "beds.bed_board": DESK_WORK,
    "beds.fitting_free_beds": DESK_WORK,
    "beds.move_targets": DESK_WORK,
    "beds.stays_to_review": DESK_WORK,
    "beds.list_facilities": DESK_WORK,
    "beds.occupancy_data": DESK_WORK,
    "beds.occupancy_pdf": DESK_WORK,
    "beds.winter_night_list_pdf": DESK_WORK,
    "beds.facility_by_name_or_id": DESK_WORK,
    "beds.end_stay": DESK_WORK,
    "beds.open_overflow": DECIDE,
    "beds.close_overflow": DECIDE,
    "beds.person_tonight": DESK_WORK,
    "beds.propose_bed": DESK_WORK,
    "beds.record_turnaway": DESK_WORK,
    "beds.turnaways_of_night": DESK_WORK,
    "beds.beds_kept_for_regulars": DESK_WORK,
    "beds.no_shows_due": DESK_WORK,
    "beds.undo_no_show_release": DESK_WORK,
    "beds.correct_outflow": DECIDE,
    "beds.end_stays_of_people_who_stopped_coming": DESK_WORK,
    "beds.stays_left_unannounced": DESK_WORK,
    "beds.referral_slip_pdf": DESK_WORK,
    "beds.region_change_token": DESK_WORK,
    "beds.region_tonight": DESK_WORK,
    "beds.reserve_elsewhere": DESK_WORK,
    "beds.roll_call_from_snapshot": DESK_WORK,
    "beds.snapshot_facilities": DESK_WORK,
    # winter
    "winter.assess_forecast": DESK_WORK,
    "winter.activate": DECIDE,
    "winter.extend": DECIDE,
    "winter.end_early": DECIDE,
    "winter.activate_regions": DECIDE,
    "winter.extend_several": DECIDE,
    "winter.end_several": DECIDE,
    "winter.forecast_from_file": DESK_WORK,
    "winter.activations": DESK_WORK,
    "winter.winter_tonight": DESK_WORK,
    "winter.leftovers": DESK_WORK,
    "winter.add_winter_location": DECIDE,
    "winter.set_staffing": DESK_WORK,
    "winter.staffing": DESK_WORK,
    "winter.night_notes": DESK_WORK,
    "winter.regions": DESK_WORK,
    "winter.winter_locations": DESK_WORK,
    "winter.season_report": EXPORT,
    "winter.season_report_pdf": EXPORT,
    "outreach.record_street_contact": Permission.STREET_WORK,
    "outreach.street_contacts": Permission.STREET_WORK,
    # postal
    "postal.default_review_date": DESK_WORK,
    "postal.register_postal_address": DESK_WORK,
    "postal.activate_from_waiting_list": DESK_WORK,
    "postal.record_review": DESK_WORK,
    "postal.log_mail": DESK_WORK,
    "postal.hand_out": DESK_WORK,
    "postal.return_to_sender": DESK_WORK,
    "postal.end_postal_address": DESK_WORK,
    "postal.postal_addresses": DESK_WORK,
    "postal.postal_address": DESK_WORK,
    "postal.mail_waiting": DESK_WORK,
    "postal.mail_waiting_too_long": DESK_WORK,
    "postal.reviews_due": DESK_WORK,
    "postal.confirmation_letter": DESK_WORK,
    "postal.end_notice_letter": DESK_WORK,
    "postal.overview_pdf": EXPORT,
    "postal.overview_csv": EXPORT,
    # transfers
    "transfers.start_investigation": DESK_WORK,
    "transfers.record_facts": DESK_WORK,
    "transfers.proposal": DESK_WORK,
    "transfers.decide": DECIDE,
    "transfers.request_transfer": DECIDE,
    "transfers.answer_transfer": DECIDE,
    "transfers.person_moved": DECIDE,
    "transfers.list_investigations": DESK_WORK,
    "transfers.transfers": DESK_WORK,
    "transfers.transfer_letter": DECIDE,
    # documents
    "documents.house_rules_pdf": DESK_WORK,
    "documents.postal_consent_pdf": DESK_WORK,
    "documents.client_transfer_letter_pdf": DESK_WORK,
    # monitor
    "monitor.monitor": DESK_WORK,
    "monitor.monitor_document": EXPORT,
    "monitor.monitor_pdf": EXPORT,
    "monitor.monitor_csv": EXPORT,
    # trust
    "trust.verify_chain": EXPORT,
    "trust.chain_warning": EXPORT,
    "trust.acknowledge_chain_break": ADMINISTER,
    "trust.adopt_region_key": ADMINISTER,
    "trust.region_check": EXPORT,
    "trust.restore_into_new_database": ADMINISTER,
    "trust.log_of_person": EXPORT,
    "trust.access_log_pdf": EXPORT,
    "trust.create_account": ADMINISTER,
    "trust.list_accounts": ADMINISTER,
    "trust.set_password": DESK_WORK,
    "trust.set_active": ADMINISTER,
    "trust.backup_now": EXPORT,
    "trust.backup_state": EXPORT,
    "trust.backup_warning": EXPORT,
    "trust.restore": ADMINISTER,
    "trust.retention_candidates": DECIDE,
    "trust.anonymise": DECIDE,
    "trust.inzage": EXPORT,
    # imports
    "imports.run_import": DECIDE,
    "imports.remembered_mapping": DECIDE,
    # admin
    "admin.facility_details": DESK_WORK,
    "admin.save_facility": ADMINISTER,
    "admin.add_beds": ADMINISTER,
    "admin.retire_bed": ADMINISTER,
    "admin.set_facility_active": ADMINISTER,
    "admin.preview_municipality_import": ADMINISTER,
    "admin.apply_municipality_import": ADMINISTER,
    "admin.preview_mapping_import": ADMINISTER,
    "admin.apply_mapping_import": ADMINISTER,
    "admin.set_centre": ADMINISTER,
    "admin.centre_of": DESK_WORK,
    "admin.municipalities_without_centre": DESK_WORK,
    "admin.list_settings": DESK_WORK,
    "admin.change_setting": ADMINISTER,
    # cards
    "cards.issue_card": DESK_WORK,
    "cards.revoke_card": DESK_WORK,
    "cards.cards_of": DESK_WORK,
    "cards.card_pdf": DESK_WORK,
    "cards.person_for_card": DESK_WORK,
    # drop-in
    "dropin.dropin_locations": DESK_WORK,
    "dropin.offered_services": DESK_WORK,
    "dropin.register_visit": DESK_WORK,
    "dropin.register_anonymous_visit": DESK_WORK,
    "dropin.give_service": DESK_WORK,
    "dropin.remove_service": DESK_WORK,
    "dropin.todays_visitors": DESK_WORK,
    "dropin.set_opening_hours": DECIDE,
    "dropin.store_belongings": DESK_WORK,
    "dropin.clear_locker": DESK_WORK,
    "dropin.lockers_in_use": DESK_WORK,
    # handover
    "handover.handover_locations": DESK_WORK,
    "handover.handover_log": DESK_WORK,
    "handover.handover_about": DESK_WORK,
    "handover.write_entry": DESK_WORK,
    "handover.mark_read": DESK_WORK,
    "handover.unread_count": DESK_WORK,
    "handover.purge_expired_handover": DECIDE,
    # plans
    "plans.default_plan_review": DESK_WORK,
    "plans.start_plan": PLAN_WORK,
    "plans.record_assessment": PLAN_WORK,
    "plans.add_goal": PLAN_WORK,
    "plans.add_action": PLAN_WORK,
    "plans.complete_action": PLAN_WORK,
    "plans.close_goal": PLAN_WORK,
    "plans.record_review": PLAN_WORK,
    "plans.close_plan": PLAN_WORK,
    "plans.plan_of": DESK_WORK,
    "plans.plans_due": DESK_WORK,
    "plans.without_plan": DESK_WORK,
    "plans.plan_pdf": PLAN_WORK,
    "monitor.national_csv": EXPORT,
    "monitor.pseudonymised_csv": EXPORT,
    # trajectory: admission, applications and waiting lists, housing
    "trajectory.record_admission": DESK_WORK,
    "trajectory.admissions_of": DESK_WORK,
    "trajectory.admission_letter": DESK_WORK,
    "trajectory.decision_facilities": DESK_WORK,
    "trajectory.set_allocates_by_decision": ADMINISTER,
    "trajectory.apply_for_place": DESK_WORK,
    "trajectory.record_intake": DESK_WORK,
    "trajectory.decide_application": DECIDE,
    "trajectory.set_priority": DECIDE,
    "trajectory.close_application": DESK_WORK,
    "trajectory.waiting_list": DESK_WORK,
    "trajectory.applications_of": DESK_WORK,
    "trajectory.bed_offer": DESK_WORK,
    "trajectory.accept_offer": DESK_WORK,
    "trajectory.housing_programmes": DESK_WORK,
    "trajectory.refer_to_housing": DESK_WORK,
    "trajectory.update_housing": DESK_WORK,
    "trajectory.moved_via": DESK_WORK,
    "trajectory.housing_of": DESK_WORK,
    # safety
    "safety.record_incident": DESK_WORK,
    "safety.incidents_of": DESK_WORK,
    "safety.incident_register": DESK_WORK,
    "safety.restriction_from_incident": DESK_WORK,
    "safety.incidents_of_restriction": DESK_WORK,
    "safety.keep_apart": DECIDE,
    "safety.end_keep_apart": DECIDE,
    "safety.keep_aparts_of": DESK_WORK,
    "safety.escalate": DECIDE,
    "safety.close_escalation": DECIDE,
    "safety.escalations_of": DESK_WORK,
    "safety.escalations_per_quarter": DECIDE,
}

# An overrule is a coordinator's decision: the same use case asks more when a reason is given.
OVERRULED = {"beds.assign_bed", "beds.move_bed", "beds.reserve_elsewhere"}

# Public functions without a desk: they run at start-up, before the sign-in dialog, and return
# nothing about a person (counts, reference data, files). Listed so that a new one is looked at.
BEFORE_SIGN_IN = {
    "admin.open_and_prepare",
    "admin.unlock",
    "admin.summarise",
    "admin.list_municipalities",
    "admin.load_demo",
    "trust.has_accounts",
    "trust.daily_backup",
    "trust.default_backup_folder",
    # pure computations on data a use case already returned
    "winter.recommendation",
    "winter.winter_season",
    "monitor.monitor_sections",
    "beds.stand_van",
    # files without the database: an empty template, and reading a chosen file for the mapping step
    "imports.import_template",
    "imports.read_table",
    # reads only the typed text: whether the search waits for a second letter
    "people.query_too_short",
}


class _GateOpened(Exception):
    """Raised by the probe desk right after a permission check passed: the use case goes no further."""


class _ProbeDesk(Desk):
    def require(self, permission: Permission = Permission.DESK_WORK) -> DeskUser:
        super().require(permission)
        raise _GateOpened(permission)


def _dummy_arguments(function: object, overrule: bool) -> dict[str, object]:
    arguments: dict[str, object] = {}
    for name, parameter in list(inspect.signature(function).parameters.items())[1:]:
        if parameter.default is inspect.Parameter.empty:
            arguments[name] = None
    if overrule:
        arguments["overrule_reason"] = "besluit van de coördinator"
    return arguments


def test_every_use_case_is_listed_with_its_permission():
    public_desk_functions = set(USE_CASES) - SIGNED_OUT
    assert len(public_desk_functions) > 100
    assert sorted(public_desk_functions - set(NEEDS)) == [], "add the new use case to NEEDS"
    assert sorted(set(NEEDS) - public_desk_functions) == [], "a listed use case is gone"


def test_every_public_function_without_a_desk_is_known_to_run_before_sign_in():
    without_desk = set(FUNCTIONS) - set(USE_CASES)
    exported = {
        qualified(feature, name)
        for feature in FEATURES
        for name in __import__(f"shelter_desk.services.{feature}", fromlist=["__all__"]).__all__
    }
    assert sorted((without_desk & exported) - BEFORE_SIGN_IN) == []


@BEFORE_ANY_SQL
@pytest.mark.parametrize("name", sorted(set(NEEDS)))
def test_a_use_case_refuses_when_nobody_is_signed_in_before_opening_a_transaction(db, name):
    with transactions_opened(db) as opened, pytest.raises(DeskError, match="niet aangemeld"):
        USE_CASES[name](Desk(db), **_dummy_arguments(USE_CASES[name], overrule=False))
    assert opened.count == 0, f"{name} opened {opened.count} transaction(s) before refusing"


@BEFORE_ANY_SQL
@pytest.mark.parametrize("name", sorted(set(NEEDS)))
def test_a_use_case_lets_in_exactly_the_roles_its_permission_names(db, name):
    variants = [(NEEDS[name], False)] + ([(DECIDE, True)] if name in OVERRULED else [])
    for needed, overrule in variants:
        for role in Role:
            desk = _ProbeDesk(db, user=DeskUser(1, role.value, f"test-{role.value}", role))
            arguments = _dummy_arguments(USE_CASES[name], overrule)
            if role.includes(needed.minimum_role):
                with pytest.raises(_GateOpened) as opened:
                    USE_CASES[name](desk, **arguments)
                assert opened.value.args[0] is needed, f"{name} as {role.value} checked {opened.value.args[0]}"
            else:
                with pytest.raises(DeskError, match="is de rol"):
                    USE_CASES[name](desk, **arguments)


def test_search_and_similar_people_return_no_names_when_nobody_is_signed_in(db, region):
    from shelter_desk.domain.person_details import PersonDetails
    from shelter_desk.services.people import search_people
    from shelter_desk.services.people.records import similar_people

    nobody = Desk(db)
    with pytest.raises(DeskError, match="niet aangemeld"):
        search_people(nobody, "Berg")
    with pytest.raises(DeskError, match="niet aangemeld"):
        similar_people(nobody, PersonDetails(first_name="Jan", last_name="Berg"))
