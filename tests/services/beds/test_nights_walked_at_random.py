"""Evenings walked at random: two desks over many nights with ordinary desk actions, checked
against a simple model after every step.

Hypothesis drives the bed use cases as two desks would (each its own connection to one database,
on SQLite and on PostgreSQL): placing people in night-shelter, youth and short-stay beds tonight or
ahead, moving them (a short stay's room change included), withdrawing, checking in and out, ending
stays with an earlier last night, releasing no-shows, and the clock moving on (sometimes skipping a
night, the desk's daily step running as the night turns). After every step:
- no bed is held twice on any night;
- every running short stay holds its bed on every night from yesterday to a week ahead;
- the board of every night from yesterday to a week ahead equals the model (who, and whether
  reserved, inside or gone), so nothing a desk was told was saved is missing;
- tonight's roll-call "Binnen" is exactly who checked in.
The model is deliberately simple: who holds which bed on which night, and who is inside. Refused
actions leave it unchanged; an accepted action the model holds impossible fails the walk.

`SHELTER_DESK_WALK_EXAMPLES` and `SHELTER_DESK_WALK_STEPS` make the walk longer (default: 6 walks
of up to 60 steps per engine, to keep the suite fast).
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.domain.stays import BedNightStatus, BedState, Outflow, StayUnit
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Person, Stay
from shelter_desk.reports.occupancy_data import Presence
from shelter_desk.services.beds.assignment import (
    assign_bed,
    cancel_bed,
    check_in,
    check_out,
    keep_stays_running,
    move_bed,
    release_no_shows,
)
from shelter_desk.services.beds.board import bed_board
from shelter_desk.services.beds.occupancy import occupancy_data
from shelter_desk.services.beds.stays import end_stay
from shelter_desk.services.kernel.database_setup import open_and_prepare
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.reference_data import ensure_region

EXAMPLES = int(os.environ.get("SHELTER_DESK_WALK_EXAMPLES", "6"))
STEPS = int(os.environ.get("SHELTER_DESK_WALK_STEPS", "60"))
FIRST_EVENING = datetime(2026, 11, 2, 20, 0, tzinfo=UTC)  # 21:00 in Assen
WINDOW = range(-1, 8)  # the nights checked: yesterday to a week ahead
PEOPLE = {"p40": 1986, "p45": 1981, "y19": 2007, "p50": 1976, "p30": 1996}
BEDS = {"N1": "nacht", "N2": "nacht", "N3": "nacht", "J1": "jong", "J2": "jong", "K1": "kdo", "K2": "kdo"}
_runs = itertools.count()
WALKED: list[tuple[int, int]] = []  # per walk: steps taken, nights the clock moved on (printed with -s)


@dataclass
class ModelStay:
    """A short stay in the model: its beds from a night on, and its last night once ended."""

    person: str
    facility: str
    start: date
    beds: list[tuple[date, str]]
    end: date | None = None

    def bed_on(self, night: date) -> str | None:
        if night < self.start or (self.end is not None and night > self.end):
            return None
        return [bed for since, bed in self.beds if since <= night][-1]


@dataclass
class Model:
    booked: dict[tuple[date, str], str] = field(default_factory=dict)  # (night, person) -> night-shelter bed
    booked_at: dict[tuple[date, str], datetime] = field(default_factory=dict)
    status: dict[tuple[date, str], BedNightStatus] = field(default_factory=dict)  # absent: reserved
    stays: list[ModelStay] = field(default_factory=list)

    def holder(self, night: date, bed: str) -> str | None:
        for (booked_night, person), booked_bed in self.booked.items():
            if booked_night == night and booked_bed == bed:
                return person
        for stay in self.stays:
            if stay.bed_on(night) == bed:
                return stay.person
        return None

    def bed_of(self, night: date, person: str) -> str | None:
        if (night, person) in self.booked:
            return self.booked[(night, person)]
        for stay in self.stays:
            if stay.person == person and stay.bed_on(night) is not None:
                return stay.bed_on(night)
        return None

    def open_stay(self, person: str) -> ModelStay | None:
        return next((s for s in self.stays if s.person == person and s.end is None), None)


def _facility_of(bed: str) -> str:
    return BEDS[bed]


class EveningsAtRandom(RuleBasedStateMachine):
    location = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.now = FIRST_EVENING
        self.model = Model()
        self.databases = [open_and_prepare(self.location) for _side in "AB"]
        user = DeskUser(1, "coordinator", "test-coordinator", Role.COORDINATOR)
        self.desks = [Desk(db, clock=lambda: self.now, user=user) for db in self.databases]
        self.run = next(_runs)
        self.steps = 0

    def teardown(self) -> None:
        WALKED.append((self.steps, (self.now.date() - FIRST_EVENING.date()).days))
        for db in self.databases:
            db.close()

    @property
    def tonight(self) -> date:
        return self.desks[0].tonight()

    @initialize()
    def a_region_with_three_kinds_of_place(self) -> None:
        with self.databases[0].write() as session:
            region = ensure_region(session, "0106")
            specs = {
                "nacht": (FacilityKind.NIGHT_SHELTER, 23, None, None, 400),
                "jong": (FacilityKind.YOUTH_SHELTER, 18, 22, None, 0),
                "kdo": (FacilityKind.SHORT_STAY, 23, None, 91, None),
            }
            self.facility_ids: dict[str, int] = {}
            self.bed_ids: dict[str, int] = {}
            for key, (kind, low, high, max_days, fee) in specs.items():
                facility = Facility(
                    region=region,
                    name=f"{key} {self.run}",
                    kind=kind,
                    min_age=low,
                    max_age=high,
                    max_stay_length=max_days,
                    max_stay_unit=StayUnit.DAYS if max_days else None,
                    night_fee_cents=fee,
                )
                labels = [label for label, of in BEDS.items() if of == key]
                facility.beds = [Bed(label=label, position=n) for n, label in enumerate(labels)]
                session.add(facility)
                session.flush()
                self.facility_ids[key] = facility.id
                self.bed_ids.update({bed.label: bed.id for bed in facility.beds})
            self.person_ids: dict[str, int] = {}
            for key, year in PEOPLE.items():
                person = Person(first_name=key, last_name=f"run{self.run}", date_of_birth=date(year, 6, 1))
                session.add(person)
                session.flush()
                self.person_ids[key] = person.id
        self.person_of = {pid: key for key, pid in self.person_ids.items()}
        self.bed_of_id = {bid: key for key, bid in self.bed_ids.items()}

    # -- helpers -------------------------------------------------------------------------------

    def _bed_night(self, person: str, night: date) -> BedNight | None:
        with self.databases[0].read() as session:
            return session.scalar(
                select(BedNight).where(
                    BedNight.person_id == self.person_ids[person], BedNight.night == night, OCCUPYING
                )
            )

    def _free_in_model(self, person: str, bed: str, first: date, nights: int) -> bool:
        return all(
            self.model.holder(first + timedelta(days=n), bed) in (None,)
            and self.model.bed_of(first + timedelta(days=n), person) is None
            for n in range(nights)
        )

    def _place(self, person: str, bed: str, night: date, status: BedNightStatus | None) -> None:
        """The model after a bed was given (or a night moved there) and the desk said it was saved."""
        if _facility_of(bed) == "kdo":
            assert self._free_in_model(person, bed, night, len(WINDOW) + 2), (
                f"a short stay was given {bed} from {night} although the model holds it (or {person}) taken"
            )
            self.model.stays.append(ModelStay(person, "kdo", night, [(night, bed)]))
        else:
            assert self._free_in_model(person, bed, night, 1), f"{bed} given twice on {night}"
            self.model.booked[(night, person)] = bed
            self.model.booked_at[(night, person)] = self.now
        if status is not None and status is not BedNightStatus.RESERVED:
            self.model.status[(night, person)] = status
        else:
            self.model.status.pop((night, person), None)

    # -- the desk's actions ---------------------------------------------------------------------

    @rule(
        side=st.integers(0, 1),
        person=st.sampled_from(sorted(PEOPLE)),
        bed=st.sampled_from(sorted(BEDS)),
        offset=st.integers(-1, 3),
    )
    def give_a_bed(self, side: int, person: str, bed: str, offset: int) -> None:
        night = self.tonight + timedelta(days=offset)
        try:
            assign_bed(self.desks[side], self.person_ids[person], self.bed_ids[bed], night)
        except DeskError:
            return
        self._place(person, bed, night, None)

    @rule(
        side=st.integers(0, 1),
        person=st.sampled_from(sorted(PEOPLE)),
        bed=st.sampled_from(sorted(BEDS)),
        offset=st.integers(-1, 3),
    )
    def move_to_another_bed(self, side: int, person: str, bed: str, offset: int) -> None:
        night = self.tonight + timedelta(days=offset)
        current = self._bed_night(person, night)
        if current is None:
            return
        old_bed = self.bed_of_id[current.bed_id]
        try:
            move_bed(self.desks[side], current.id, self.bed_ids[bed])
        except DeskError:
            return
        status = BedNightStatus(current.status)
        if _facility_of(old_bed) != "kdo":
            self.model.booked.pop((night, person))
            self.model.status.pop((night, person), None)
            self._place(person, bed, night, status)
            return
        stay = self.model.open_stay(person)
        assert stay is not None
        if _facility_of(bed) == "kdo":  # a room change: this night and every later one
            for n in range(len(WINDOW) + 30):
                later = night + timedelta(days=n)
                assert self.model.holder(later, bed) in (None, person), f"room change into {bed} held on {later}"
            stay.beds.append((night, bed))
            return
        if night <= stay.start:
            self.model.stays.remove(stay)
        else:
            stay.end = night - timedelta(days=1)
        self._place(person, bed, night, status)

    @rule(side=st.integers(0, 1), person=st.sampled_from(sorted(PEOPLE)), offset=st.integers(-1, 3))
    def withdraw_a_reservation(self, side: int, person: str, offset: int) -> None:
        night = self.tonight + timedelta(days=offset)
        current = self._bed_night(person, night)
        if current is None:
            return
        try:
            cancel_bed(self.desks[side], current.id)
        except DeskError:
            return
        if (night, person) in self.model.booked:
            del self.model.booked[(night, person)]
            return
        stay = self.model.open_stay(person)
        assert stay is not None
        assert not any(
            self.model.status.get((stay.start + timedelta(days=n), person))
            for n in range((self.tonight - stay.start).days + 1)
        ), "a stay the person arrived in was withdrawn"
        self.model.stays.remove(stay)

    @rule(side=st.integers(0, 1), person=st.sampled_from(sorted(PEOPLE)), offset=st.integers(-1, 1))
    def check_in_or_out(self, side: int, person: str, offset: int) -> None:
        night = self.tonight + timedelta(days=offset)
        current = self._bed_night(person, night)
        if current is None:
            return
        checking_in = current.status == BedNightStatus.RESERVED
        try:
            (check_in if checking_in else check_out)(self.desks[side], current.id)
        except DeskError:
            return
        if checking_in:
            assert night <= self.tonight, f"checked in for {night}, a night that has not begun"
        self.model.status[(night, person)] = BedNightStatus.CHECKED_IN if checking_in else BedNightStatus.CHECKED_OUT

    @rule(side=st.integers(0, 1), person=st.sampled_from(sorted(PEOPLE)), back=st.integers(0, 2))
    def end_a_stay(self, side: int, person: str, back: int) -> None:
        last = self.tonight - timedelta(days=back)
        with self.databases[0].read() as session:
            stay = session.scalar(
                select(Stay)
                .where(Stay.person_id == self.person_ids[person], Stay.end_night.is_(None))
                .order_by(Stay.id)
            )
        if stay is None:
            return
        facility = next(key for key, fid in self.facility_ids.items() if fid == stay.facility_id)
        try:
            end_stay(self.desks[side], stay.id, last, Outflow.UNKNOWN)
        except DeskError:
            return
        for (night, who), bed in list(self.model.booked.items()):
            if who == person and night > last and _facility_of(bed) == facility and night >= stay.start_night:
                assert self.model.status.get((night, who)) is None, f"ending erased {night}, slept by {who}"
                del self.model.booked[(night, who)]
        model_stay = self.model.open_stay(person) if facility == "kdo" else None
        if model_stay is not None:
            for n in range((self.tonight - last).days + 1):
                assert self.model.status.get((last + timedelta(days=n + 1), person)) is None
            model_stay.end = last

    @rule(side=st.integers(0, 1))
    def release_the_no_shows(self, side: int) -> None:
        tonight = self.tonight
        self.now = datetime.combine(tonight, datetime.min.time(), UTC) + timedelta(hours=22, minutes=30)
        hour = datetime.combine(tonight, datetime.min.time(), UTC) + timedelta(hours=22)  # 23:00 Assen
        release_no_shows(self.desks[side], tonight)
        for night, person in list(self.model.booked):
            booked_before_the_hour = self.model.booked_at[(night, person)] < hour
            if night == tonight and (night, person) not in self.model.status and booked_before_the_hour:
                del self.model.booked[(night, person)]

    @rule(nights=st.sampled_from([1, 1, 1, 2]))
    def the_clock_moves_on(self, nights: int) -> None:
        tonight = self.tonight
        self.now = datetime.combine(tonight + timedelta(days=nights), datetime.min.time(), UTC) + timedelta(hours=20)
        keep_stays_running(self.desks[0])  # the desk's daily step when the night turns
        for stay in self.model.stays:  # a resident inside last night is inside tonight
            night = max(stay.start, self.tonight - timedelta(days=28)) + timedelta(days=1)
            while night <= self.tonight and stay.bed_on(night) is not None:
                if (
                    self.model.status.get((night - timedelta(days=1), stay.person)) is BedNightStatus.CHECKED_IN
                    and (night, stay.person) not in self.model.status
                ):
                    self.model.status[(night, stay.person)] = BedNightStatus.CHECKED_IN
                night += timedelta(days=1)

    # -- what must hold after every step --------------------------------------------------------

    @invariant()
    def no_bed_is_held_twice_on_any_night(self) -> None:
        self.steps += 1
        with self.databases[0].read() as session:
            twice = session.execute(
                select(BedNight.bed_id, BedNight.night)
                .where(OCCUPYING)
                .group_by(BedNight.bed_id, BedNight.night)
                .having(func.count() > 1)
            ).all()
        assert twice == []

    @invariant()
    def every_board_from_yesterday_to_a_week_ahead_equals_the_model(self) -> None:
        if not hasattr(self, "bed_ids"):
            return
        for offset in WINDOW:
            night = self.tonight + timedelta(days=offset)
            boards = bed_board(self.desks[1], night, set(self.facility_ids.values()))
            seen = {
                self.bed_of_id[cell.bed_id]: (self.person_of[cell.person_id], cell.state)
                for board in boards
                for cell in board.beds
                if cell.person_id is not None
            }
            expected = {}
            for bed in BEDS:
                holder = self.model.holder(night, bed)
                if holder is not None:
                    status = self.model.status.get((night, holder), BedNightStatus.RESERVED)
                    expected[bed] = (holder, BedState(status.value))
            assert seen == expected, f"the board of {night} (tonight {self.tonight})"

    @invariant()
    def tonights_roll_call_counts_inside_exactly_who_checked_in(self) -> None:
        if not hasattr(self, "bed_ids"):
            return
        inside = set()
        for facility_id in self.facility_ids.values():
            listing = occupancy_data(self.desks[0], facility_id, self.tonight)
            inside |= {row.name for row in listing.rows if row.name and row.presence is Presence.INSIDE}
        expected = {
            f"{person} run{self.run}"
            for (night, person), status in self.model.status.items()
            if night == self.tonight
            and status is BedNightStatus.CHECKED_IN
            and self.model.bed_of(night, person) is not None
        }
        assert inside == expected


@pytest.mark.slow_walk
def test_two_desks_over_many_nights_keep_one_truth_of_who_holds_which_bed(location, db_engine) -> None:
    EveningsAtRandom.location = location
    WALKED.clear()
    run_state_machine_as_test(
        EveningsAtRandom,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,  # the same walks every run: nothing to remember between runs
            database=None,  # so no example database (.hypothesis/) is written into the checkout
            suppress_health_check=list(HealthCheck),
        ),
    )
    steps, nights = [walk[0] for walk in WALKED], [walk[1] for walk in WALKED]
    print(
        f"\nwalk on {db_engine}: {len(WALKED)} walks, {sum(steps)} steps (up to {max(steps)} in one), "
        f"up to {max(nights)} nights in one walk"
    )
