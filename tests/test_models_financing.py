"""The financing-mix model, against hand-worked cases."""

from __future__ import annotations

import pytest

from japansec.models.financing import borrowed_over, cover_gap


def test_government_mix_of_december_2022_leaves_little_to_borrow() -> None:
    # FY2027 gap 8.9 - 5.2 = 3.7; fund 0.9 + surpluses 0.7 + cuts 1.0 + tax 1.0 = 3.6 -> 0.1.
    mix = cover_gap(8.9 - 5.2, tax=1.0, cuts=1.0, one_off=0.9 + 0.7)
    assert mix.borrowing == pytest.approx(0.1)
    assert mix.excess == 0.0
    assert borrowed_over(mix, 10) == pytest.approx(1.0)


def test_without_tax_or_one_off_sources_most_is_borrowed() -> None:
    # 4 - 1 (cuts) = 3 a year; 3 x 10 years = 30.
    mix = cover_gap(4.0, tax=0.0, cuts=1.0, one_off=0.0)
    assert mix.borrowing == 3.0
    assert borrowed_over(mix, 10) == 30.0
    assert mix.shares_pct() == pytest.approx({"tax": 0, "cuts": 25, "one_off": 0,
                                              "borrowing": 75})


def test_sources_above_the_gap_leave_an_excess_not_negative_borrowing() -> None:
    mix = cover_gap(3.0, tax=2.0, cuts=1.5, one_off=0.0)
    assert mix.borrowing == 0.0 and mix.excess == pytest.approx(0.5)


def test_shares_add_to_100_when_the_gap_is_just_covered() -> None:
    mix = cover_gap(3.7, tax=1.2, cuts=0.5, one_off=0.7)
    assert sum(mix.shares_pct().values()) == pytest.approx(100)


@pytest.mark.parametrize("kwargs, message", [
    ({"gap": 0.0, "tax": 1, "cuts": 0, "one_off": 0}, "gap must be from"),
    ({"gap": 3.7, "tax": -1, "cuts": 0, "one_off": 0}, "tax must be from 0 to 100"),
    ({"gap": 3.7, "tax": 1, "cuts": "1", "one_off": 0}, "cuts must be a number"),
])
def test_bad_input_names_the_parameter(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        cover_gap(**kwargs)


def test_years_must_be_a_whole_number_in_range() -> None:
    mix = cover_gap(3.7, 1, 1, 1)
    with pytest.raises(ValueError, match="years must be a whole number from 1 to 50"):
        borrowed_over(mix, 0)
