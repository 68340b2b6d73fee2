"""Names are compared folded: no case, accents, particles; ij equals y; other scripts transliterated."""

from shelter_desk.domain.name_folding import fold, name_tokens


def test_particles_do_not_count_in_either_order():
    assert name_tokens("Jan", "van der", "Berg") == ["jan", "berg"]
    assert name_tokens("Berg, van der") == ["berg"]
    assert name_tokens("vd Berg") == ["berg"]
    assert name_tokens("v.d. Berg") == ["berg"]


def test_accents_are_ignored():
    assert fold("Müller") == "muller"
    assert fold("Łukasz Wiśniewski") == "lukasz wisniewski"
    assert fold("Ştefan Çelik") == "stefan celik"


def test_ij_and_y_are_the_same_letter():
    assert fold("Dijk") == fold("Dyk")
    assert fold("IJsbrand") == "ysbrand"


def test_cyrillic_names_are_found_by_their_latin_spelling():
    assert name_tokens("Дмитрий", None, "Иванов") == ["dmitriy", "ivanov"]


def test_a_name_that_is_only_a_particle_is_kept():
    assert name_tokens(None, None, None, "De") == ["de"]


def test_a_name_made_only_of_particles_over_several_parts_keeps_them_all_in_order():
    assert name_tokens(None, "van der", None, "De") == ["van", "der", "de"]
    assert name_tokens("De", "van", "Berg", None) == ["berg"]
