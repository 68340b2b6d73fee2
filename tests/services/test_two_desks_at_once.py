"""Two desks doing the same thing at the same moment, on one database (both engines).

On PostgreSQL writers run side by side, so a rule that counts or looks for an overlap and then
writes holds only by its write guard (`persistence.locks`). Each test widens the gap between the
check and the write (a pause after the checking statement), so that without the guard both desks
would pass the check: the postal-address maximum, winter activations that overlap, and a merge.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.postal import PostalStatus
from shelter_desk.domain.roles import Role
from shelter_desk.domain.winter import ActivationTerms, WinterPhase
from shelter_desk.persistence.engine import Database, create_database_engine
from shelter_desk.persistence.models import Facility
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.merge import merge_persons
from shelter_desk.services.postal.addresses import postal_address, register_postal_address
from shelter_desk.services.winter.arrangement import activate, activations

pytestmark = pytest.mark.role(Role.COORDINATOR)
NIGHT = date(2026, 11, 24)


def _at_once(
    desk: Desk, slow_after: Callable[[str], bool], work: Callable[[Desk], object]
) -> tuple[list[object], list[BaseException]]:
    """Run `work` at this desk and at a second desk on the same database at the same moment."""
    other_db = Database(create_database_engine(desk.db.location), desk.db.location)
    other = Desk(other_db, clock=desk.clock, user=desk.user)
    start, done, refused = threading.Barrier(2), [], []

    def pause(_connection, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if slow_after(statement):
            time.sleep(0.3)

    def run(at_desk: Desk) -> None:
        try:
            start.wait(5)
            done.append(work(at_desk))
        except DeskError as error:
            refused.append(error)

    engines = (desk.db.engine, other_db.engine)
    for engine in engines:
        event.listen(engine, "after_cursor_execute", pause)
    threads = [threading.Thread(target=run, args=(at_desk,)) for at_desk in (desk, other)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        for engine in engines:
            event.remove(engine, "after_cursor_execute", pause)
        other_db.close()
    return done, refused


def test_the_postal_address_maximum_holds_when_two_desks_register_at_once(db, region, desk, admin_desk):
    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city = "Havenkade 1", "9401 AB", "Assen"
    change_setting(admin_desk, "postal.max_per_location", "1")
    people = iter([region.people["jan"], region.people["henk"]])
    lock = threading.Lock()

    def register(at_desk: Desk) -> int:
        with lock:
            person_id = next(people)
        return register_postal_address(at_desk, person_id, region.night_shelter, NIGHT, "J. de Vries", NIGHT)

    made, refused = _at_once(
        desk, lambda sql: sql.lstrip().startswith("SELECT count(*)") and "postal_address.status" in sql, register
    )
    assert refused == []
    statuses = sorted(str(postal_address(desk, postal_id).status) for postal_id in made)  # type: ignore[arg-type]
    assert statuses == sorted([str(PostalStatus.ACTIVE), str(PostalStatus.REQUESTED)])


def test_two_overlapping_winter_activations_at_once_make_one(db, region, desk):
    terms = ActivationTerms(NIGHT, NIGHT + timedelta(days=2), WinterPhase.ONE)
    made, refused = _at_once(
        desk,
        lambda sql: sql.lstrip().startswith("SELECT winter_activation.id"),
        lambda at_desk: activate(at_desk, "0106", terms),
    )
    assert len(made) == 1 and len(refused) == 1 and "al een activering" in refused[0].message
    assert len(activations(desk)) == 1


def test_two_desks_merging_the_same_record_at_once_merge_it_once(db, region, desk):
    made, refused = _at_once(
        desk,
        lambda sql: "FROM person" in sql and "person.id = " in sql,
        lambda at_desk: merge_persons(at_desk, region.people["jan"], region.people["henk"], "dubbel"),
    )
    assert len(made) == 1 and len(refused) == 1 and "al samengevoegd" in refused[0].message
