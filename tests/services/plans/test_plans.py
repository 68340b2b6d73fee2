"""The personal plan: assessments over the life domains, goals and actions, reviews, the PDF, the monitor."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.plans import DEFAULT_DOMAINS, GoalStatus
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import Assessment, PlanAction, PlanGoal
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.monitor import monitor, monitor_sections
from shelter_desk.services.people import register_person
from shelter_desk.services.plans import (
    add_action,
    add_goal,
    close_goal,
    complete_action,
    default_plan_review,
    plan_of,
    plan_pdf,
    plans_due,
    record_assessment,
    record_review,
    start_plan,
)
from shelter_desk.services.trust.retention import anonymise

# The plan is the counsellor's work (the front desk sees only that there is one).
pytestmark = pytest.mark.role(Role.COUNSELLOR)

TODAY = date(2026, 11, 24)
HOUSING, INCOME, ADDICTION = "Huisvesting", "Inkomen en schulden", "Verslaving"


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _at(db, desk, day: date) -> Desk:
    return Desk(db, clock=lambda: datetime(day.year, day.month, day.day, 14, 0, tzinfo=UTC), user=desk.user)


def test_the_default_review_is_three_months_after_the_start(desk):
    assert default_plan_review(desk, TODAY) == date(2027, 2, 24)


def test_a_plan_with_goals_and_actions_is_shown_in_the_record(desk, region):
    plan = start_plan(desk, region.people["jan"], "Mirjam (persoonlijk begeleider)", date(2027, 2, 24))
    goal = add_goal(desk, plan, HOUSING, "Binnen drie maanden ingeschreven als woningzoekende")
    add_action(desk, goal, "Inschrijven bij de woningcorporatie", "Jan zelf", TODAY + timedelta(days=14))
    view = plan_of(desk, region.people["jan"])
    assert view.counsellor.startswith("Mirjam") and view.review_on == date(2027, 2, 24)
    [shown] = view.goals
    assert (shown.domain, shown.status, shown.actions[0].owner) == (HOUSING, GoalStatus.OPEN, "Jan zelf")


def test_a_second_open_plan_is_refused(desk, region):
    start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24))
    with pytest.raises(DeskError, match="al een lopend plan"):
        start_plan(desk, region.people["jan"], "Kees", date(2027, 2, 24))


def test_an_action_without_an_owner_is_refused_and_saves_nothing(desk, db, region):
    goal = add_goal(
        desk, start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24)), INCOME, "Schulden in beeld"
    )
    with pytest.raises(DeskError, match="wie de actie uitvoert"):
        add_action(desk, goal, "Afspraak bij de schuldhulp maken", "  ", None)
    with pytest.raises(DeskError, match="in het verleden"):
        add_action(desk, goal, "Afspraak maken", "Mirjam", TODAY - timedelta(days=1))
    assert _count(db, PlanAction) == 0


def test_a_goal_outside_the_life_domains_is_refused(desk, db, region):
    plan = start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24))
    with pytest.raises(DeskError, match="leefgebied"):
        add_goal(desk, plan, "Hobby", "Gitaar leren")
    assert _count(db, PlanGoal) == 0


def test_an_assessment_stores_one_score_per_scored_domain(desk, region):
    record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 1, INCOME: 2, ADDICTION: None})
    [assessment] = plan_of(desk, region.people["jan"]).assessments
    assert assessment.scores == {HOUSING: 1, INCOME: 2}


@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_score_outside_one_to_five_is_refused_and_saves_nothing(desk, db, region, score):
    with pytest.raises(DeskError, match="1, 2, 3, 4 of 5"):
        record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 3, INCOME: score})
    assert _count(db, Assessment) == 0


def test_an_empty_or_future_assessment_is_refused(desk, region):
    with pytest.raises(DeskError, match="minstens één"):
        record_assessment(desk, region.people["jan"], TODAY, {HOUSING: None})
    with pytest.raises(DeskError, match="toekomst"):
        record_assessment(desk, region.people["jan"], TODAY + timedelta(days=1), {HOUSING: 2})


def test_the_history_of_a_domain_gives_the_chart_its_points(desk, db, region):
    record_assessment(_at(db, desk, date(2026, 9, 1)), region.people["jan"], date(2026, 9, 1), {HOUSING: 1})
    record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 3})
    assert plan_of(desk, region.people["jan"]).history(HOUSING) == [(date(2026, 9, 1), 1), (TODAY, 3)]


def test_plans_due_lists_overdue_and_soon_reviews_first(desk, db, region):
    earlier = _at(db, desk, date(2026, 8, 1))
    start_plan(earlier, region.people["jan"], "Mirjam", date(2026, 11, 1))  # overdue
    start_plan(desk, region.people["henk"], "Kees", TODAY + timedelta(days=10))
    start_plan(desk, region.people["sem"], "Kees", TODAY + timedelta(days=60))  # not yet
    due = plans_due(desk)
    assert [(d.person, d.overdue) for d in due] == [("Jan Berg", True), ("Henk Bakker", False)]


def test_a_review_moves_the_next_review_date(desk, region):
    plan = start_plan(desk, region.people["jan"], "Mirjam", TODAY + timedelta(days=3))
    with pytest.raises(DeskError, match="na vandaag"):
        record_review(desk, plan, TODAY)
    record_review(desk, plan, date(2027, 2, 24))
    assert plan_of(desk, region.people["jan"]).review_on == date(2027, 2, 24) and plans_due(desk) == []


def test_a_finished_goal_takes_no_new_actions(desk, region):
    goal = add_goal(desk, start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24)), HOUSING, "Woning")
    action = add_action(desk, goal, "Inschrijven", "Jan", None)
    complete_action(desk, action)
    close_goal(desk, goal, GoalStatus.REACHED)
    with pytest.raises(DeskError, match="behaald"):
        add_action(desk, goal, "Nog iets", "Jan", None)
    assert plan_of(desk, region.people["jan"]).goals[0].actions[0].done_on == TODAY


def test_the_plan_pdf_holds_scores_goals_actions_and_signature_lines(desk, db, region):
    record_assessment(
        _at(db, desk, date(2026, 10, 1)), region.people["jan"], date(2026, 10, 1), {HOUSING: 1, INCOME: 2}
    )
    record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 2, INCOME: 2})
    goal = add_goal(
        desk, start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24)), HOUSING, "Een eigen kamer"
    )
    add_action(desk, goal, "Inschrijven bij de woningcorporatie", "Jan zelf", date(2026, 12, 8))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(plan_pdf(desk, region.people["jan"]))).pages)
    for expected in (
        "Persoonlijk plan",
        "Jan Berg",
        "Huisvesting",
        "+1",
        "Een eigen kamer",
        "Jan zelf",
        "08-12-2026",
        "24 februari 2027",
        "Handtekening",
        "Deelnemer",
        "Begeleider",
    ):
        assert expected in text, expected


def test_no_pdf_without_a_plan(desk, region):
    with pytest.raises(DeskError, match="nog geen lopend plan"):
        plan_pdf(desk, region.people["jan"])


@pytest.mark.role(Role.ADMINISTRATOR)
def test_the_life_domains_are_a_setting(desk, region):
    change_setting(desk, "plan.domains", "Wonen, Werk")
    assert plan_of(desk, region.people["jan"]).domains == ("Wonen", "Werk")
    with pytest.raises(DeskError, match="geen leefgebied"):
        record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 2})


def test_the_monitor_reports_the_share_with_a_current_plan_and_hides_small_averages(desk, db, region):
    for name in ("jan", "henk"):
        assign_bed(desk, region.people[name], region.beds["N1" if name == "jan" else "N2"], TODAY)
    start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24))
    record_assessment(_at(db, desk, date(2026, 10, 1)), region.people["jan"], date(2026, 10, 1), {HOUSING: 1})
    record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 3})
    report = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11))
    assert (report.plans.persons, report.plans.with_current_plan, report.plans.share) == (2, 1, 0.5)
    housing = next(c for c in report.plans.changes if c.domain == HOUSING)
    assert (housing.people, housing.average) == (1, 2.0)
    rows = dict(next(s for s in monitor_sections(report) if s.title.startswith("Persoonlijk plan: gemiddelde")).rows)
    assert rows[HOUSING] == "<5 personen"
    assert list(rows) == list(DEFAULT_DOMAINS)


def test_the_average_change_shows_from_the_threshold(desk, db, region):
    names = ("Anna Vos", "Bert Kramer", "Cor Dekker", "Dirk Meijer", "Evert Bos")
    people = [
        register_person(
            desk,
            PersonDetails(
                first_name=name.split()[0],
                last_name=name.split()[1],
                date_of_birth=DateOfBirth(date(1960 + 5 * n, 1 + n, 1 + 3 * n)),
            ),
            accept_similar=True,
        )
        for n, name in enumerate(names)
    ]
    for n, person in enumerate(people):
        assign_bed(desk, person, region.beds[["N1", "N2", "N3", "K1", "K2"][n]], TODAY)
        record_assessment(_at(db, desk, date(2026, 10, 1)), person, date(2026, 10, 1), {INCOME: 1})
        record_assessment(desk, person, TODAY, {INCOME: 1 + (n % 2)})
    report = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11))
    income = next(c for c in report.plans.changes if c.domain == INCOME)
    assert report.plans.change_text(income) == "+0.4 (5 personen)"


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_removes_the_plans_words_and_keeps_the_scores(desk, db, region):
    past = _at(db, desk, date(2014, 3, 1))
    old = register_person(
        past, PersonDetails(first_name="Oud", last_name="Contact", date_of_birth=DateOfBirth(date(1950, 6, 1)))
    )
    goal = add_goal(past, start_plan(past, old, "Mirjam", date(2014, 6, 1)), ADDICTION, "Minder drinken")
    add_action(past, goal, "Afspraak bij de verslavingszorg", "Oud", None)
    record_assessment(past, old, date(2014, 3, 1), {ADDICTION: 1}, note="Drinkt dagelijks")
    anonymise(desk, [old])
    view = plan_of(desk, old)
    assert view.goals[0].text == "[geanonimiseerd]" and view.goals[0].actions[0].text == "[geanonimiseerd]"
    assert view.assessments[0].note == "" and view.assessments[0].scores == {ADDICTION: 1}


def test_someone_four_weeks_into_a_placement_without_a_plan_is_listed(desk, db, region):
    from shelter_desk.services.plans import without_plan

    assign_bed(_at(db, desk, date(2026, 10, 1)), region.people["jan"], region.beds["K1"], date(2026, 10, 1))
    assign_bed(desk, region.people["henk"], region.beds["K2"], TODAY)
    assign_bed(_at(db, desk, date(2026, 10, 1)), region.people["anon"], region.beds["N1"], date(2026, 10, 1))
    assert [w.person for w in without_plan(desk)] == ["Jan Berg"]
    start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24))
    assert without_plan(desk) == []


def test_the_average_change_counts_only_people_scored_on_the_domain_at_first_and_last(desk, db, region):
    for name, bed in (("jan", "N1"), ("henk", "N2"), ("anon", "N3")):
        assign_bed(desk, region.people[name], region.beds[bed], TODAY)
    early = _at(db, desk, date(2026, 9, 1))
    record_assessment(early, region.people["jan"], date(2026, 9, 1), {HOUSING: 1, INCOME: 3})
    record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 3})
    record_assessment(early, region.people["henk"], date(2026, 9, 1), {HOUSING: 2})
    record_assessment(desk, region.people["henk"], TODAY, {HOUSING: 3, INCOME: 4})
    record_assessment(desk, region.people["anon"], TODAY, {HOUSING: 5})  # once: no change to count
    changes = {c.domain: c for c in monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11)).plans.changes}
    assert (changes[HOUSING].people, changes[HOUSING].average) == (2, 1.5)
    assert changes[INCOME].people == 0


def test_two_assessments_on_one_date_count_once_with_the_first_made(desk, db, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], TODAY)
    early = _at(db, desk, date(2026, 9, 1))
    record_assessment(early, region.people["jan"], date(2026, 9, 1), {HOUSING: 1})
    record_assessment(early, region.people["jan"], date(2026, 9, 1), {HOUSING: 2})  # a second try that day
    record_assessment(desk, region.people["jan"], TODAY, {HOUSING: 4})
    housing = next(c for c in monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11)).plans.changes if c.domain == HOUSING)
    assert (housing.people, housing.average) == (1, 3.0)


def test_the_average_change_counts_only_people_who_slept_in_the_scope_in_the_period(desk, db, region):
    """jan sleeps in the night shelter in November, henk in the KDO, anon only in October: the
    night shelter's monitor counts jan's change alone, the whole region's jan's and henk's."""
    early = _at(db, desk, date(2026, 10, 1))
    assign_bed(desk, region.people["jan"], region.beds["N1"], TODAY)
    assign_bed(desk, region.people["henk"], region.beds["K1"], TODAY)
    assign_bed(early, region.people["anon"], region.beds["N2"], date(2026, 10, 1))
    for name, first, last in (("jan", 1, 2), ("henk", 1, 4), ("anon", 1, 5)):
        record_assessment(early, region.people[name], date(2026, 10, 1), {HOUSING: first})
        record_assessment(desk, region.people[name], TODAY, {HOUSING: last})
    november = Period.of(PeriodKind.MONTH, 2026, 11)

    def housing(**scope):
        return next(c for c in monitor(desk, november, **scope).plans.changes if c.domain == HOUSING)

    assert (housing(facility_id=region.night_shelter).people, housing(facility_id=region.night_shelter).average) == (
        1,
        1.0,
    )
    assert (housing().people, housing().average) == (2, 2.0)
