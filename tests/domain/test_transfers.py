"""The regiobinding proposal: transparent, a contra-indication rules out, a tie is flagged."""

from datetime import date

from shelter_desk.domain.transfers import Factor, MunicipalityFacts, investigation_due, propose

ASSEN = ("0106", "Assen", "0106", "Assen")
ZWOLLE = ("0193", "Zwolle", "0193", "Zwolle")


def _facts(where, factors, years=0, contra=""):
    code, name, centre_code, centre = where
    return MunicipalityFacts(code, name, centre_code, centre, frozenset(factors), years, contra)


def test_the_region_with_the_strongest_network_is_proposed_with_its_reasons():
    proposal = propose(
        [_facts(ZWOLLE, {Factor.SOCIAL_NETWORK, Factor.CARE_NETWORK}), _facts(ASSEN, {Factor.DAY_ACTIVITY})]
    )
    assert proposal.proposed_centre_code == "0193"
    assert "Zwolle: Positief sociaal netwerk (familie, vrienden) +2" in proposal.explain()


def test_a_contra_indication_overrides_a_strong_network():
    proposal = propose(
        [
            _facts(
                ZWOLLE,
                {Factor.SOCIAL_NETWORK, Factor.CARE_NETWORK, Factor.PREFERENCE},
                contra="contactverbod ex-partner",
            ),
            _facts(ASSEN, {Factor.DAY_ACTIVITY}),
        ]
    )
    assert proposal.proposed_centre_code == "0106"
    assert "UITGESLOTEN: Zwolle: contactverbod ex-partner" in proposal.explain()


def test_a_tie_is_flagged_and_not_resolved():
    proposal = propose([_facts(ZWOLLE, {Factor.SOCIAL_NETWORK}), _facts(ASSEN, {Factor.CARE_NETWORK})])
    assert proposal.tie and proposal.proposed_centre_code is None
    assert "de coördinator beslist" in proposal.explain()


def test_registration_history_alone_weighs_little():
    proposal = propose([_facts(ZWOLLE, {Factor.REGISTRATION}, years=1), _facts(ASSEN, {Factor.DAY_ACTIVITY})])
    assert proposal.proposed_centre_code == "0106"


def test_a_municipality_without_a_known_centrumgemeente_is_reported_not_guessed():
    proposal = propose([MunicipalityFacts("0363", "Amsterdam", None, "", frozenset({Factor.PREFERENCE}))])
    assert proposal.unknown_centres == ("Amsterdam",) and proposal.proposed_centre_code is None


def test_the_investigation_is_due_six_weeks_after_reporting():
    assert investigation_due(date(2026, 11, 24)) == date(2027, 1, 5)
