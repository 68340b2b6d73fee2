"""Proposals that fit, and a refusal that always says what can be done."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.domain.winter import ActivationTerms, WinterPhase
from shelter_desk.persistence.models import Bed, Facility
from shelter_desk.services.beds.assignment import assign_bed, check_in
from shelter_desk.services.beds.board import fitting_free_beds
from shelter_desk.services.beds.tonight import person_tonight
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.people.records import register_person
from shelter_desk.services.people.restrictions import add_restriction
from shelter_desk.services.winter import activate

NIGHT = date(2026, 11, 24)  # 21:00 for the `desk` fixture, before the 23:00 no-show hour


def _newcomer(desk, first="Nieuw", born=date(1980, 5, 5), last="Gast"):
    return register_person(
        desk, PersonDetails(first_name=first, last_name=last, date_of_birth=DateOfBirth(born) if born else None)
    )


def _emmen_crisis(db, beds=14, street="Breehof 3", postcode="7811 AA"):
    with db.write() as session:
        facility = Facility(
            region=ensure_region(session, "0114"),
            name="De Breehof Crisisopvang Emmen",
            kind=FacilityKind.CRISIS,
            min_age=18,
            street=street,
            postcode=postcode,
            city="Emmen",
        )
        facility.beds = [Bed(label=str(n), position=n) for n in range(1, beds + 1)]
        session.add(facility)
        session.flush()
        return facility.id, [b.id for b in facility.beds]


def test_a_newcomer_is_not_proposed_the_bed_a_regular_slept_in_last_night(desk, region):
    jan = region.people["jan"]
    check_in(desk, assign_bed(desk, jan, region.beds["N1"], NIGHT - timedelta(days=1)))
    offer = person_tonight(desk, _newcomer(desk), NIGHT).offer
    assert offer is not None and offer.bed_id != region.beds["N1"]


def test_the_regular_himself_is_proposed_his_own_bed(desk, region):
    jan = region.people["jan"]
    check_in(desk, assign_bed(desk, jan, region.beds["N2"], NIGHT - timedelta(days=1)))
    offer = person_tonight(desk, jan, NIGHT).offer
    assert offer is not None and offer.bed_id == region.beds["N2"] and offer.why == "zelfde bed als vorige nacht"


def test_after_the_no_show_hour_a_regulars_bed_may_go_to_someone_else(db, region):
    desk = Desk(db, clock=lambda: datetime(2026, 11, 24, 22, 30, tzinfo=UTC), user=COMMAND_LINE)
    for label, who in (("N1", "jan"), ("N2", "henk"), ("N3", "anon")):
        check_in(desk, assign_bed(desk, region.people[who], region.beds[label], NIGHT - timedelta(days=1)))
    # 23:30: nobody came back; every bed of last night is free to give
    offer = person_tonight(desk, _newcomer(desk), NIGHT).offer
    assert offer is not None and offer.bed_id == region.beds["N1"]


def test_when_only_regulars_beds_are_free_the_desk_is_told_they_are_kept_until_the_no_show_hour(desk, region):
    for label, who in (("N1", "jan"), ("N2", "henk"), ("N3", "anon")):
        check_in(desk, assign_bed(desk, region.people[who], region.beds[label], NIGHT - timedelta(days=1)))
    tonight = person_tonight(desk, _newcomer(desk), NIGHT)
    assert tonight.offer is None
    assert "3 vrije bedden worden tot 23:00 vastgehouden voor vaste gasten" in tonight.no_offer_reason


def test_a_person_of_unknown_age_is_not_proposed_an_age_limited_place_but_asked_first(desk, region):
    tonight = person_tonight(desk, region.people["anon"], NIGHT)
    assert tonight.offer is None
    assert tonight.no_offer_reason.startswith("Leeftijd onbekend: vraag de leeftijd of het geboortejaar")


def test_short_stay_places_are_never_proposed_for_tonight(desk, region):
    for label, who in (("N1", "jan"), ("N2", "henk")):
        assign_bed(desk, region.people[who], region.beds[label], NIGHT)
    assign_bed(desk, _newcomer(desk, "Derde"), region.beds["N3"], NIGHT)
    tonight = person_tonight(desk, _newcomer(desk), NIGHT)
    assert tonight.offer is None  # the KDO beds K1, K2 are free, but need an intake decision
    assert all(o.kind.walk_in for o in fitting_free_beds(desk, None, NIGHT))


def test_a_19_year_old_is_proposed_the_youth_shelter(desk, region):
    offer = person_tonight(desk, _newcomer(desk, born=date(2007, 3, 1)), NIGHT).offer
    assert offer is not None and offer.facility_id == region.youth


def test_the_banned_man_is_offered_the_alternative_locations_free_beds(desk, db, region):
    emmen, _beds = _emmen_crisis(db)
    man = _newcomer(desk, "Bogdan")
    add_restriction(
        desk,
        man,
        RestrictionTerms(
            None, NIGHT - timedelta(days=1), NIGHT + timedelta(days=10), "Agressie tegen een medewerker", True, emmen
        ),
    )
    offer = person_tonight(desk, man, NIGHT).offer
    assert offer is not None and offer.facility == "De Breehof Crisisopvang Emmen" and offer.free_beds == 14
    assert offer.why == "uitwijklocatie bij veiligheidsbeperking: Agressie tegen een medewerker"


def test_with_the_alternative_full_the_banned_man_is_referred_there_with_its_address(desk, db, region):
    emmen, beds = _emmen_crisis(db, beds=1)
    assign_bed(desk, region.people["jan"], beds[0], NIGHT)
    man = _newcomer(desk, "Bogdan")
    add_restriction(
        desk,
        man,
        RestrictionTerms(None, NIGHT - timedelta(days=1), NIGHT + timedelta(days=10), "Agressie", True, emmen),
    )
    tonight = person_tonight(desk, man, NIGHT)
    assert tonight.offer is None
    assert tonight.referral == (
        "De Breehof Crisisopvang Emmen, Breehof 3, 7811 AA Emmen (geen telefoonnummer bekend in het systeem)"
    )
    assert "Verwijs door naar De Breehof Crisisopvang Emmen, Breehof 3, 7811 AA Emmen" in tonight.no_offer_reason


def test_the_referral_to_a_full_alternative_gives_its_phone_number(desk, db, region):
    emmen, beds = _emmen_crisis(db, beds=1)
    with db.write() as session:
        session.get(Facility, emmen).phone = "0591 000 203"
    assign_bed(desk, region.people["jan"], beds[0], NIGHT)
    man = _newcomer(desk, "Bogdan")
    add_restriction(
        desk,
        man,
        RestrictionTerms(None, NIGHT - timedelta(days=1), NIGHT + timedelta(days=10), "Agressie", True, emmen),
    )
    assert person_tonight(desk, man, NIGHT).referral == (
        "De Breehof Crisisopvang Emmen, Breehof 3, 7811 AA Emmen, tel. 0591 000 203"
    )


@pytest.mark.role(Role.COORDINATOR)
def test_on_a_winter_night_nothing_free_still_leads_somewhere(desk, db, region):
    activate(desk, "0106", ActivationTerms(NIGHT, NIGHT, WinterPhase.ONE, "strenge vorst"))
    newcomers = (("Ali", "Demir"), ("Bert", "Kok"), ("Cor", "Zijl"), ("Dirk", "Waal"))
    for label, (first, last) in zip(("N1", "N2", "N3", "NU1"), newcomers, strict=True):
        assign_bed(desk, _newcomer(desk, first, last=last), region.beds[label], NIGHT)
    tonight = person_tonight(desk, _newcomer(desk), NIGHT)
    assert tonight.offer is None
    assert "Winterregeling: niemand wordt weggestuurd" in tonight.no_offer_reason
