"""A street contact is checked before anything is stored, and counted as seen / offered / placed / refused."""

from __future__ import annotations

from datetime import date, time

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.street_contacts import StreetContactTerms, StreetCounts, StreetOutcome, count_contacts

NIGHT = date(2026, 12, 7)


def _terms(**changes):
    terms = {
        "night": NIGHT,
        "seen_at": time(23, 10),
        "place": "Portiek Kerkplein",
        "outcome": StreetOutcome.REFUSED,
        "bed_offered": True,
        "description": "man, ca. 60",
    }
    return StreetContactTerms(**{**terms, **changes})


def test_a_refusal_needs_a_bed_offered():
    with pytest.raises(DeskError, match="alleen als er een bed is aangeboden"):
        _terms(bed_offered=False).validated()


def test_only_an_accepted_bed_names_a_facility():
    with pytest.raises(DeskError, match="alleen bij 'bed aangenomen'"):
        _terms(facility_id=3).validated()


def test_an_accepted_bed_names_the_facility_and_the_person():
    with pytest.raises(DeskError) as refused:
        _terms(outcome=StreetOutcome.ACCEPTED).validated()
    assert "Kies de voorziening" in refused.value.message and "twee sleutels" in refused.value.message


def test_the_postcode_is_written_as_dutch_postcodes_are():
    assert _terms(postcode="9401gh").validated().postcode == "9401 GH"


def test_someone_nobody_knows_is_described():
    with pytest.raises(DeskError, match="beschrijf kort wie het was"):
        _terms(description="  ").validated()


def test_contacts_are_counted_seen_offered_placed_refused():
    pairs = [(True, StreetOutcome.ACCEPTED), (True, StreetOutcome.REFUSED), (False, StreetOutcome.HAS_PLACE)]
    assert count_contacts(pairs) == StreetCounts(seen=3, offered=2, placed=1, refused=1)
