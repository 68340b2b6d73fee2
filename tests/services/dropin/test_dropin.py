"""The day drop-in: visits in two keys or as a head count, services, lockers, today's list, the monitor."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.dropin import LockerOutcome, OpeningHours
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import DropInService, DropInVisit, LockerItem
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.dropin import (
    clear_locker,
    dropin_locations,
    give_service,
    lockers_in_use,
    offered_services,
    register_anonymous_visit,
    register_visit,
    remove_service,
    set_opening_hours,
    store_belongings,
    todays_visitors,
)
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.monitor import monitor, monitor_sections
from shelter_desk.services.people import add_restriction

TODAY = date(2026, 11, 24)  # a Tuesday (the desk fixture's clock)


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_named_visit_and_a_head_count_are_on_todays_list(desk, region, inloop):
    register_visit(desk, inloop, region.people["jan"])
    register_anonymous_visit(desk, inloop)
    day = todays_visitors(desk, inloop)
    assert [v.name for v in day.visits] == ["Jan Berg", "anoniem bezoek"]
    assert (day.named, day.anonymous) == (1, 1)


def test_a_second_visit_the_same_day_is_refused_and_saves_nothing(desk, db, region, inloop):
    register_visit(desk, inloop, region.people["jan"])
    with pytest.raises(DeskError, match="staat vandaag al ingeschreven"):
        register_visit(desk, inloop, region.people["jan"])
    assert _count(db, DropInVisit) == 1


def test_a_ban_from_the_drop_in_refuses_the_visit(desk, db, region, inloop):
    add_restriction(
        desk,
        region.people["henk"],
        RestrictionTerms(
            facility_id=inloop, starts_on=TODAY, ends_on=TODAY + timedelta(days=7), reason="agressie", is_safety=True
        ),
    )
    with pytest.raises(DeskError, match="beperking voor Inloop Havenkade"):
        register_visit(desk, inloop, region.people["henk"])
    assert _count(db, DropInVisit) == 0


def test_a_night_shelter_is_not_a_drop_in(desk, region):
    with pytest.raises(DeskError, match="geen inloop"):
        register_anonymous_visit(desk, region.night_shelter)


def test_services_are_counted_per_visit_from_the_configured_list(desk, region, inloop):
    visit = register_visit(desk, inloop, region.people["jan"])
    give_service(desk, visit, "douche")
    give_service(desk, visit, "Maaltijd", 2)
    day = todays_visitors(desk, inloop)
    assert day.visits[0].services_text == "Douche, Maaltijd ×2"
    assert day.service_totals() == (("Douche", 1), ("Maaltijd", 2))


def test_a_service_not_in_the_list_is_refused(desk, db, region, inloop):
    visit = register_anonymous_visit(desk, inloop)
    with pytest.raises(DeskError, match="staat niet in de lijst"):
        give_service(desk, visit, "Kapper")
    with pytest.raises(DeskError, match="tussen 1 en 20"):
        give_service(desk, visit, "Maaltijd", 0)
    assert _count(db, DropInService) == 0


@pytest.mark.role(Role.ADMINISTRATOR)
def test_the_list_of_services_is_a_setting(desk, region, inloop):
    change_setting(desk, "dropin.services", "Maaltijd, Kapper,  kapper , Douche")
    assert offered_services(desk) == ("Maaltijd", "Kapper", "Douche")
    give_service(desk, register_anonymous_visit(desk, inloop), "kapper")


def test_a_service_logged_by_mistake_can_be_taken_back(desk, region, inloop):
    visit = register_anonymous_visit(desk, inloop)
    service = give_service(desk, visit, "Was")
    remove_service(desk, service)
    assert todays_visitors(desk, inloop).visits[0].services == ()


def test_belongings_are_kept_in_a_locker_until_a_date(desk, region, inloop):
    store_belongings(desk, inloop, region.people["jan"], " 12 ", "blauwe rugzak", date(2026, 11, 27))
    [locker] = lockers_in_use(desk, inloop)
    assert (locker.label, locker.person, locker.keep_until, locker.overdue) == (
        "12",
        "Jan Berg",
        date(2026, 11, 27),
        False,
    )
    register_visit(desk, inloop, region.people["jan"])
    assert todays_visitors(desk, inloop).visits[0].lockers == ("12",)


def test_a_locker_label_in_use_is_refused(desk, db, region, inloop):
    store_belongings(desk, inloop, region.people["jan"], "12", "blauwe rugzak", date(2026, 11, 27))
    with pytest.raises(DeskError, match="Kluisje 12 is in gebruik"):
        store_belongings(desk, inloop, region.people["henk"], "12", "slaapzak", date(2026, 11, 27))
    assert _count(db, LockerItem) == 1


def test_a_keep_until_date_in_the_past_or_too_far_is_refused(desk, db, region, inloop):
    with pytest.raises(DeskError, match="vóór vandaag"):
        store_belongings(desk, inloop, region.people["jan"], "3", "tas", TODAY - timedelta(days=1))
    with pytest.raises(DeskError, match="hoogstens 92 dagen"):
        store_belongings(desk, inloop, region.people["jan"], "3", "tas", TODAY + timedelta(days=200))
    with pytest.raises(DeskError, match="Beschrijf kort"):
        store_belongings(desk, inloop, region.people["jan"], "3", "  ", TODAY)
    assert _count(db, LockerItem) == 0


def test_overdue_belongings_are_listed_and_may_then_be_cleared(desk, db, region, inloop):
    store_belongings(desk, inloop, region.people["jan"], "4", "tas", TODAY)
    store_belongings(desk, inloop, region.people["henk"], "5", "jas", TODAY + timedelta(days=3))
    later = Desk(db, clock=lambda: datetime(2026, 11, 26, 12, 0, tzinfo=UTC), user=desk.user)
    [overdue] = lockers_in_use(later, inloop, overdue_only=True)
    assert overdue.label == "4" and overdue.overdue
    with pytest.raises(DeskError, match="nog bewaard"):
        clear_locker(
            later, next(v.item_id for v in lockers_in_use(later, inloop) if v.label == "5"), LockerOutcome.CLEARED
        )
    clear_locker(later, overdue.item_id, LockerOutcome.CLEARED)
    assert [v.label for v in lockers_in_use(later, inloop)] == ["5"]


def test_a_picked_up_locker_can_be_used_again(desk, region, inloop):
    item = store_belongings(desk, inloop, region.people["jan"], "7", "tas", TODAY)
    clear_locker(desk, item, LockerOutcome.PICKED_UP)
    store_belongings(desk, inloop, region.people["henk"], "7", "jas", TODAY)


@pytest.mark.role(Role.COORDINATOR)
def test_opening_hours_are_set_per_weekday_and_shown_for_today(desk, inloop):
    set_opening_hours(desk, inloop, [OpeningHours(1, time(9, 30), time(15)), OpeningHours(3, time(10), time(14))])
    [location] = dropin_locations(desk)
    assert location.today == "Vandaag open 09:30–15:00."
    assert [h.describe() for h in location.hours] == ["dinsdag 09:30–15:00", "donderdag 10:00–14:00"]


@pytest.mark.role(Role.COORDINATOR)
def test_closing_before_opening_is_refused_and_the_old_hours_stay(desk, inloop):
    with pytest.raises(DeskError, match="sluitingstijd"):
        set_opening_hours(desk, inloop, [OpeningHours(1, time(15), time(9))])
    with pytest.raises(DeskError, match="dubbel"):
        set_opening_hours(desk, inloop, [OpeningHours(1, time(9), time(12)), OpeningHours(1, time(13), time(15))])
    assert dropin_locations(desk)[0].today == "Vandaag open 10:00–16:00."


def test_the_monitor_counts_visits_visitors_services_and_who_also_slept(desk, region, inloop):
    assign_bed(desk, region.people["jan"], region.beds["N1"], TODAY)
    give_service(desk, register_visit(desk, inloop, region.people["jan"]), "Douche")
    give_service(desk, register_visit(desk, inloop, region.people["henk"]), "Maaltijd", 2)
    register_anonymous_visit(desk, inloop)
    report = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11))
    figures = report.dropin
    assert (figures.visits, figures.anonymous_visits, figures.unique_visitors) == (3, 1, 2)
    assert (figures.also_slept_in_period, figures.never_slept) == (1, 1)
    assert figures.services == (("Douche", 1), ("Maaltijd", 2))
    assert figures.by_month == (("november 2026", 3, 2),)
    titles = [section.title for section in monitor_sections(report)]
    assert "Inloop (dagopvang)" in titles
    assert all("Inloop Havenkade" not in f.facility for f in report.facilities)  # no beds, no occupancy


def test_a_visitor_who_slept_only_before_the_period_neither_slept_in_it_nor_never_slept(desk, db, region, inloop):
    earlier = Desk(db, clock=lambda: datetime(2026, 10, 5, 20, 0, tzinfo=UTC), user=desk.user)
    assign_bed(earlier, region.people["sem"], region.beds["J1"], date(2026, 10, 5))
    register_visit(desk, inloop, region.people["sem"])
    register_visit(desk, inloop, region.people["henk"])
    figures = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11)).dropin
    assert (figures.unique_visitors, figures.also_slept_in_period, figures.never_slept) == (2, 0, 1)
