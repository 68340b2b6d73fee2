"""Ages are computed on the night in question, not at registration."""

from datetime import date

from shelter_desk.domain.people import age_on, display_name


def test_age_counts_a_birthday_on_the_night_itself():
    assert age_on(date(2003, 11, 25), date(2026, 11, 25)) == 23


def test_age_the_night_before_the_birthday_is_one_less():
    assert age_on(date(2003, 11, 25), date(2026, 11, 24)) == 22


def test_a_leap_day_birthday_is_reached_on_the_first_of_march():
    assert age_on(date(2004, 2, 29), date(2027, 2, 28)) == 22
    assert age_on(date(2004, 2, 29), date(2027, 3, 1)) == 23


def test_the_desk_shows_name_and_alias_or_whichever_is_known():
    assert display_name("Jan", "van der", "Berg", None) == "Jan van der Berg"
    assert display_name(None, None, None, "Sjors") == "Sjors"
    assert display_name("Henk", None, "Bakker", "Kapitein") == 'Henk Bakker ("Kapitein")'
