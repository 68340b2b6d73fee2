"""NEN 7513: every use case that reads or changes a person's data writes a log line in its own transaction.

The table in `services/trust/logged_events.py` says which event each use case writes, or why it
writes none. Here it is held to the services: every public use case is in it exactly once (a name
two features share is written with its feature, `postal.record_review`), each logged one reaches
`log_access` with its event (read from the code's call graph, in which every call is resolved to
the function it reaches, so same-named functions of two modules are not merged), and the bed,
turnaway, stay and postal actions that used to leave no trace are run and their lines counted.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from datetime import date, timedelta
from types import ModuleType

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.postal import SenderKind
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import Outflow, TurnawayReason
from shelter_desk.persistence.models import AccessLogEntry, Facility
from shelter_desk.services.trust.logged_events import LOGGED, NOT_LOGGED
from tests.services.use_cases import SERVICES, USE_CASES, bare

NIGHT = date(2026, 11, 24)
_WRITERS = {"log_access", "log_accesses"}  # one line, or one line per person (a printed list)


def _meaning(module: ModuleType, call: ast.Call) -> str | None:
    """The function a call in `module` reaches, as `module.function`: a bare name is looked up in
    the module's globals, `x.f` in the module `x` (so two features' `record_review` stay two)."""
    target: object = None
    if isinstance(call.func, ast.Name):
        target = getattr(module, call.func.id, None)
    elif isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name):
        owner = getattr(module, call.func.value.id, None)
        if isinstance(owner, ModuleType):
            target = getattr(owner, call.func.attr, None)
    if inspect.isfunction(target) and target.__module__.startswith("shelter_desk."):
        return f"{target.__module__}.{target.__name__}"
    return None


def _call_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    calls: dict[str, set[str]] = {}
    events: dict[str, set[str]] = {}
    for path in sorted(SERVICES.rglob("*.py")):
        dotted = ".".join(path.relative_to(SERVICES.parents[1]).with_suffix("").parts)
        module = importlib.import_module(dotted.removesuffix(".__init__"))
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            here = f"{module.__name__}.{node.name}"
            for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
                reached = _meaning(module, call)
                if reached is not None:
                    calls.setdefault(here, set()).add(reached)
                name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
                if name in _WRITERS and len(call.args) > 2 and isinstance(call.args[2], ast.Attribute):
                    events.setdefault(here, set()).add(call.args[2].attr)
    return calls, events


CALLS, EVENTS = _call_graph()


def _events_reached(function: str, seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    if function in seen:
        return set()
    seen.add(function)
    found = set(EVENTS.get(function, ()))
    for called in CALLS.get(function, ()):
        if called.rsplit(".", 1)[1] not in _WRITERS:
            found |= _events_reached(called, seen)
    return found


def _entries_of(table_name: str) -> list[str]:
    """The use cases a name in the table stands for: itself when qualified (`postal.record_review`),
    every use case of that name when bare (the table must qualify a name two features share)."""
    return [name for name in USE_CASES if table_name in (name, bare(name))]


TABLE = [name for names in LOGGED.values() for name in names] + list(NOT_LOGGED)


@pytest.mark.parametrize("table_name", TABLE)
def test_a_name_in_the_table_is_one_use_case(table_name):
    assert len(_entries_of(table_name)) == 1, (
        f"'{table_name}' stands for {_entries_of(table_name) or 'no use case'}: name it by its feature"
    )


def test_every_use_case_is_in_the_table_exactly_once():
    covered = [name for table_name in TABLE for name in _entries_of(table_name)]
    assert sorted(name for name in set(covered) if covered.count(name) > 1) == []
    assert sorted(set(USE_CASES) - set(covered)) == []


@pytest.mark.parametrize("event, table_name", [(event, name) for event, names in LOGGED.items() for name in names])
def test_a_logged_use_case_reaches_log_access_with_its_event(event, table_name):
    for name in _entries_of(table_name):
        function = USE_CASES[name]
        reached = _events_reached(f"{function.__module__}.{function.__name__}")
        assert event.name in reached, f"{name} does not write '{event.value}'"


# --- the actions that used to leave no trace, run ----------------------------------------------------------


def _lines(db) -> list[AccessLogEntry]:
    with db.read() as session:
        return list(session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id)))


class LogWatch:
    def __init__(self, db) -> None:
        self.db, self.seen = db, len(_lines(db))

    def new(self) -> list[tuple[str, int | None, str]]:
        lines = _lines(self.db)
        fresh, self.seen = lines[self.seen :], len(lines)
        return [(line.action, line.person_id, line.fields) for line in fresh]


@pytest.mark.role(Role.COORDINATOR)
def test_bed_actions_and_an_overrule_are_logged_for_the_person(desk, db, region):
    from shelter_desk.domain.restrictions import RestrictionTerms
    from shelter_desk.domain.stays import FeeStatus
    from shelter_desk.services.beds import assign_bed, cancel_bed, check_in, check_out, move_bed, set_fee_status
    from shelter_desk.services.people import add_restriction

    jan, henk = region.people["jan"], region.people["henk"]
    watch = LogWatch(db)
    night = assign_bed(desk, jan, region.beds["N1"], NIGHT)
    assert watch.new() == [("aanmaken", jan, "bed")]
    check_in(desk, night)
    set_fee_status(desk, night, FeeStatus.PAID)
    check_out(desk, night)
    assert watch.new() == [("wijzigen", jan, "bed"), ("wijzigen", jan, "eigen bijdrage"), ("wijzigen", jan, "bed")]
    add_restriction(desk, henk, RestrictionTerms(region.night_shelter, NIGHT, NIGHT, "ruzie", False))
    watch.new()
    reserved = assign_bed(desk, henk, region.beds["N2"], NIGHT, overrule_reason="coördinator akkoord")
    assert watch.new() == [("aanmaken", henk, "bed,besluit ondanks weigering")]
    moved = move_bed(desk, reserved, region.beds["N3"], overrule_reason="blijft akkoord")
    assert watch.new() == [("wijzigen", henk, "bed,besluit ondanks weigering")]
    cancel_bed(desk, moved)
    assert watch.new() == [("wijzigen", henk, "bed")]


def test_a_refused_bed_action_leaves_no_log_line(desk, db, region):
    from shelter_desk.services.beds import assign_bed, check_out

    night = assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    watch = LogWatch(db)
    with pytest.raises(DeskError):
        check_out(desk, night)  # not checked in: refused, and its line rolled back with it
    assert watch.new() == []


def test_a_turnaway_of_a_known_person_and_an_ended_stay_are_logged(desk, db, region):
    from shelter_desk.persistence.models import Stay
    from shelter_desk.services.beds import assign_bed, end_stay, record_turnaway

    jan, henk = region.people["jan"], region.people["henk"]
    watch = LogWatch(db)
    record_turnaway(desk, NIGHT, TurnawayReason.FULL, person_id=henk)
    record_turnaway(desk, NIGHT, TurnawayReason.FULL, description="man, ca. 40")
    assert watch.new() == [("aanmaken", henk, "afwijzing")]
    assign_bed(desk, jan, region.beds["N1"], NIGHT - timedelta(days=1))
    with db.read() as session:
        stay_id = session.scalar(select(Stay.id).where(Stay.person_id == jan))
    watch.new()
    end_stay(desk, stay_id, NIGHT - timedelta(days=1), Outflow.UNKNOWN)
    assert watch.new() == [("wijzigen", jan, "verblijf,uitstroom")]


@pytest.mark.role(Role.COORDINATOR)
def test_mail_in_handed_out_returned_and_the_postal_exports_are_logged(desk, db, region):
    from shelter_desk.services.postal import (
        hand_out,
        log_mail,
        overview_csv,
        overview_pdf,
        register_postal_address,
    )
    from shelter_desk.services.postal.addresses import return_to_sender

    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city, facility.provider = (
            "Havenkade 1",
            "9401 AB",
            "Assen",
            "Leger des Heils",
        )
    jan = region.people["jan"]
    register_postal_address(desk, jan, region.night_shelter, NIGHT, "J. de Vries", NIGHT)
    watch = LogWatch(db)
    first = log_mail(desk, jan, NIGHT, SenderKind.MUNICIPALITY)
    second = log_mail(desk, jan, NIGHT, SenderKind.BANK)
    hand_out(desk, jan, [first], "Marieke", True)
    return_to_sender(desk, second)
    assert watch.new() == [
        ("aanmaken", jan, "post"),
        ("aanmaken", jan, "post"),
        ("gegevens verstrekt", jan, ""),
        ("wijzigen", jan, "post"),
    ]
    overview_pdf(desk)
    overview_csv(desk)
    assert watch.new() == [("exporteren", jan, "postadres"), ("exporteren", jan, "postadres")]
