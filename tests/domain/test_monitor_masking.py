"""Masking that holds: a figure derived from a hidden count is hidden too, and so is a part of a
total that would give hidden parts away by subtraction."""

from shelter_desk.domain.monitor import HIDDEN, Derived, masked_values


def test_a_count_under_the_threshold_is_shown_as_under_it_and_zero_stays_zero():
    assert masked_values([0, 3, 5, 12], 5) == ["0", "<5", "5", "12"]


def test_a_share_of_a_hidden_count_is_hidden():
    # Of 25 people, 12 % is 3: with 3 hidden, the share goes too.
    assert masked_values([3, Derived("12 %", (3, 25))], 5) == ["<5", HIDDEN]


def test_a_share_of_shown_counts_is_shown():
    assert masked_values([Derived("40 %", (10, 25))], 5) == ["40 %"]


def test_one_hidden_part_of_a_published_total_hides_the_smallest_other_part():
    # Men 20, women 3, published total 23: 23 - 20 would give the 3 away.
    assert masked_values([20, 3, 0], 5, parts=True) == [HIDDEN, "<5", "0"]


def test_hidden_parts_that_add_up_to_the_threshold_need_no_other_part_hidden():
    assert masked_values([20, 3, 2], 5, parts=True) == ["20", "<5", "<5"]


def test_the_smallest_shown_parts_go_first_until_the_hidden_ones_reach_the_threshold():
    assert masked_values([30, 6, 1, 9], 5, parts=True) == ["30", HIDDEN, "<5", "9"]


def test_without_parts_a_lone_small_count_hides_nothing_else():
    assert masked_values([20, 3], 5) == ["20", "<5"]


def test_a_figure_of_a_part_hidden_to_protect_others_is_hidden_too():
    # KDO 5 bed-nights is hidden beside 3 and 1: its occupancy (8 % of 60) would give the 5 back.
    assert masked_values([3, 1, 5, Derived("8 %", (5,))], 5, parts=True) == ["<5", "<5", HIDDEN, HIDDEN]
