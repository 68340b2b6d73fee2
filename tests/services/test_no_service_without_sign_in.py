"""No service answers without a signed-in user with the right role: checked by calling each one.

`test_use_case_shape.py` reads the source; this test runs it. Every public use case of every
feature package is called with nobody signed in (it must refuse in Dutch and change nothing)
and once for each role: a role below the use case's permission is refused, a role at or above
it gets past the gate. The permission each use case needs is written down here, so a use case
whose gate is lowered (or removed) fails here even when its shape is right.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import DeskUser, Permission, Role
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.services.desk import Desk

SERVICES = Path(__file__).resolve().parents[2] / "shelter_desk" / "services"
# Every feature package of the services layer: each folder with an __init__.py.
FEATURES = tuple(sorted(p.parent.name for p in SERVICES.glob("*/__init__.py")))

DESK_WORK, DECIDE, EXPORT, ADMINISTER = (Permission.DESK_WORK, Permission.DECIDE, Permission.EXPORT,
                                         Permission.ADMINISTER)

# Use case -> the permission it needs. A new use case must be added here (the test below fails
# until it is), which makes its gate a decision someone wrote down.
NEEDS: dict[str, Permission] = {
    # people
    "search_people": DESK_WORK, "similar_people": DESK_WORK, "register_person": DESK_WORK,
    "update_person": DESK_WORK, "load_person": DESK_WORK, "add_note": DESK_WORK, "merges_of": DESK_WORK,
    "merge_persons": DECIDE, "undo_merge": DECIDE, "add_restriction": DESK_WORK,
    "lift_restriction": DECIDE, "restrictions_of": DESK_WORK, "restrictions_in_force": DESK_WORK,
    # beds
    "assign_bed": DESK_WORK, "move_bed": DESK_WORK, "cancel_bed": DESK_WORK, "check_in": DESK_WORK,
    "check_out": DESK_WORK, "set_fee_status": DESK_WORK, "outstanding_cents": DESK_WORK,
    "release_no_shows": DESK_WORK, "keep_stays_running": DESK_WORK, "bed_board": DESK_WORK,
    "fitting_free_beds": DESK_WORK, "move_targets": DESK_WORK, "stays_to_review": DESK_WORK, "list_facilities": DESK_WORK,
    "occupancy_data": DESK_WORK, "occupancy_pdf": DESK_WORK, "winter_night_list_pdf": DESK_WORK,
    "facility_by_name_or_id": DESK_WORK, "end_stay": DESK_WORK, "open_overflow": DECIDE,
    "close_overflow": DECIDE, "person_tonight": DESK_WORK, "propose_bed": DESK_WORK,
    "record_turnaway": DESK_WORK, "turnaways_of_night": DESK_WORK, "beds_kept_for_regulars": DESK_WORK,
    "no_shows_due": DESK_WORK, "undo_no_show_release": DESK_WORK, "correct_outflow": DECIDE,
    "end_stays_of_people_who_stopped_coming": DESK_WORK, "stays_left_unannounced": DESK_WORK,
    "referral_slip_pdf": DESK_WORK, "region_change_token": DESK_WORK, "region_tonight": DESK_WORK,
    "reserve_elsewhere": DESK_WORK, "roll_call_from_snapshot": DESK_WORK, "snapshot_facilities": DESK_WORK,
    # winter
    "assess_forecast": DESK_WORK, "activate": DECIDE, "extend": DECIDE, "end_early": DECIDE,
    "activate_regions": DECIDE, "extend_several": DECIDE, "end_several": DECIDE, "forecast_from_file": DESK_WORK,
    "activations": DESK_WORK, "winter_tonight": DESK_WORK, "leftovers": DESK_WORK,
    "add_winter_location": DECIDE, "set_staffing": DESK_WORK, "staffing": DESK_WORK,
    "night_notes": DESK_WORK, "regions": DESK_WORK, "winter_locations": DESK_WORK, "season_report": EXPORT, "season_report_pdf": EXPORT,
    # postal
    "default_review_date": DESK_WORK, "register_postal_address": DESK_WORK,
    "activate_from_waiting_list": DESK_WORK, "record_review": DESK_WORK, "log_mail": DESK_WORK,
    "hand_out": DESK_WORK, "return_to_sender": DESK_WORK, "end_postal_address": DESK_WORK,
    "postal_addresses": DESK_WORK, "postal_address": DESK_WORK, "mail_waiting": DESK_WORK,
    "mail_waiting_too_long": DESK_WORK, "reviews_due": DESK_WORK, "confirmation_letter": DESK_WORK,
    "end_notice_letter": DESK_WORK, "overview_pdf": EXPORT, "overview_csv": EXPORT,
    # transfers
    "start_investigation": DESK_WORK, "record_facts": DESK_WORK, "proposal": DESK_WORK, "decide": DECIDE,
    "request_transfer": DECIDE, "answer_transfer": DECIDE, "person_moved": DECIDE,
    "list_investigations": DESK_WORK, "transfers": DESK_WORK, "transfer_letter": DECIDE,
    # monitor
    "monitor": DESK_WORK, "monitor_document": EXPORT, "monitor_pdf": EXPORT, "monitor_csv": EXPORT,
    # trust
    "verify_chain": EXPORT, "chain_warning": EXPORT, "log_of_person": EXPORT, "access_log_pdf": EXPORT, "create_account": ADMINISTER,
    "list_accounts": ADMINISTER, "set_password": DESK_WORK, "set_active": ADMINISTER, "backup_now": EXPORT,
    "backup_state": EXPORT, "backup_warning": EXPORT,
    "restore": ADMINISTER, "retention_candidates": DECIDE, "anonymise": DECIDE,
    # admin
    "facility_details": DESK_WORK, "save_facility": ADMINISTER, "add_beds": ADMINISTER,
    "retire_bed": ADMINISTER, "set_facility_active": ADMINISTER, "preview_municipality_import": ADMINISTER,
    "apply_municipality_import": ADMINISTER, "preview_mapping_import": ADMINISTER,
    "apply_mapping_import": ADMINISTER, "set_centre": ADMINISTER, "centre_of": DESK_WORK,
    "municipalities_without_centre": DESK_WORK, "list_settings": DESK_WORK, "change_setting": ADMINISTER,
    # cards
    "issue_card": DESK_WORK, "revoke_card": DESK_WORK, "cards_of": DESK_WORK, "card_pdf": DESK_WORK,
    "person_for_card": DESK_WORK,
    # drop-in
    "dropin_locations": DESK_WORK, "offered_services": DESK_WORK, "register_visit": DESK_WORK,
    "register_anonymous_visit": DESK_WORK, "give_service": DESK_WORK, "remove_service": DESK_WORK,
    "todays_visitors": DESK_WORK, "set_opening_hours": DECIDE, "store_belongings": DESK_WORK,
    "clear_locker": DESK_WORK, "lockers_in_use": DESK_WORK,
    # handover
    "handover_locations": DESK_WORK, "handover_log": DESK_WORK, "handover_about": DESK_WORK,
    "write_entry": DESK_WORK, "mark_read": DESK_WORK, "unread_count": DESK_WORK, "purge_expired_handover": DECIDE,
    # plans
    "default_plan_review": DESK_WORK, "start_plan": DESK_WORK, "record_assessment": DESK_WORK,
    "add_goal": DESK_WORK, "add_action": DESK_WORK, "complete_action": DESK_WORK, "close_goal": DESK_WORK,
    "close_plan": DESK_WORK, "plan_of": DESK_WORK, "plans_due": DESK_WORK, "without_plan": DESK_WORK,
    "plan_pdf": DESK_WORK,
}

# An overrule is a coordinator's decision: the same use case asks more when a reason is given.
OVERRULED = {"assign_bed", "move_bed", "reserve_elsewhere"}

# Before anyone is signed in there is no role to check (see test_use_case_shape.py).
SIGNED_OUT = {"sign_in", "create_first_administrator", "announce_presence", "leave"}

# Public functions without a desk: they run at start-up, before the sign-in dialog, and return
# nothing about a person (counts, reference data, files). Listed so that a new one is looked at.
BEFORE_SIGN_IN = {"open_and_prepare", "unlock", "summarise", "list_municipalities", "load_demo",
                  "has_accounts", "daily_backup", "default_backup_folder",
                  # pure computations on data a use case already returned
                  "forecast_text", "recommendation", "monitor_sections", "stand_van"}


def _functions() -> dict[str, object]:
    found: dict[str, object] = {}
    for feature in FEATURES:
        package: ModuleType = __import__(f"shelter_desk.services.{feature}", fromlist=["__all__"])
        for path in sorted((SERVICES / feature).glob("*.py")):
            module = __import__(f"shelter_desk.services.{feature}.{path.stem}", fromlist=["*"])
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    found[node.name] = getattr(module, node.name)
        for name in package.__all__:
            if inspect.isfunction(getattr(package, name)):
                found[name] = getattr(package, name)
    return found


FUNCTIONS = _functions()
USE_CASES = {name: f for name, f in FUNCTIONS.items()
             if list(inspect.signature(f).parameters)[:1] == ["desk"]}  # type: ignore[arg-type]


class _GateOpened(Exception):
    """Raised by the probe desk right after a permission check passed: the use case goes no further."""


class _ProbeDesk(Desk):
    def require(self, permission: Permission = Permission.DESK_WORK) -> DeskUser:
        super().require(permission)
        raise _GateOpened(permission)


def _dummy_arguments(function: object, overrule: bool) -> dict[str, object]:
    arguments: dict[str, object] = {}
    for name, parameter in list(inspect.signature(function).parameters.items())[1:]:  # type: ignore[arg-type]
        if parameter.default is inspect.Parameter.empty:
            arguments[name] = None
    if overrule:
        arguments["overrule_reason"] = "besluit van de coördinator"
    return arguments


def _log_lines(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AccessLogEntry)) or 0


def test_every_use_case_is_listed_with_its_permission():
    public_desk_functions = set(USE_CASES) - SIGNED_OUT
    assert len(public_desk_functions) > 100
    assert sorted(public_desk_functions - set(NEEDS)) == [], "add the new use case to NEEDS"
    assert sorted(set(NEEDS) - public_desk_functions) == [], "a listed use case is gone"


def test_every_public_function_without_a_desk_is_known_to_run_before_sign_in():
    without_desk = set(FUNCTIONS) - set(USE_CASES)
    exported = {name for feature in FEATURES
                for name in __import__(f"shelter_desk.services.{feature}", fromlist=["__all__"]).__all__}
    assert sorted((without_desk & exported) - BEFORE_SIGN_IN) == []


@pytest.mark.parametrize("name", sorted(set(NEEDS)))
def test_a_use_case_refuses_when_nobody_is_signed_in(db, name):
    before = _log_lines(db)
    with pytest.raises(DeskError, match="niet aangemeld"):
        USE_CASES[name](Desk(db), **_dummy_arguments(USE_CASES[name], overrule=False))  # type: ignore[operator]
    assert _log_lines(db) == before


@pytest.mark.parametrize("name", sorted(set(NEEDS)))
def test_a_use_case_lets_in_exactly_the_roles_its_permission_names(db, name):
    variants = [(NEEDS[name], False)] + ([(DECIDE, True)] if name in OVERRULED else [])
    for needed, overrule in variants:
        for role in Role:
            desk = _ProbeDesk(db, user=DeskUser(1, role.value, f"test-{role.value}", role))
            arguments = _dummy_arguments(USE_CASES[name], overrule)
            if role.includes(needed.minimum_role):
                with pytest.raises(_GateOpened) as opened:
                    USE_CASES[name](desk, **arguments)  # type: ignore[operator]
                assert opened.value.args[0] is needed, f"{name} as {role.value} checked {opened.value.args[0]}"
            else:
                with pytest.raises(DeskError, match="is de rol"):
                    USE_CASES[name](desk, **arguments)  # type: ignore[operator]


def test_search_and_similar_people_return_no_names_when_nobody_is_signed_in(db, region):
    from shelter_desk.domain.person_details import PersonDetails
    from shelter_desk.services.people import search_people
    from shelter_desk.services.people.records import similar_people

    nobody = Desk(db)
    with pytest.raises(DeskError, match="niet aangemeld"):
        search_people(nobody, "Berg")
    with pytest.raises(DeskError, match="niet aangemeld"):
        similar_people(nobody, PersonDetails(first_name="Jan", last_name="Berg"))
