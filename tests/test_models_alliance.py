"""The alliance-reliability teaching model: limiting cases, monotonicity, bad input."""

from __future__ import annotations

import itertools

import pytest

from japansec.models.alliance import alliance_path, deterrence, required_own


def test_probability_one_gives_the_baseline() -> None:
    path = alliance_path(final_p=1.0, growth=0.0, us=2.0)
    assert path.required == [1.0] * 10 and path.deterrence == [3.0] * 10
    assert path.first_gap_year() is None and path.required_growth() == 0.0


def test_probability_zero_is_japan_alone() -> None:
    path = alliance_path(final_p=0.0, growth=0.0, us=2.0)
    assert path.required[-1] == pytest.approx(3.0)  # Japan must supply 1 + 2 alone
    assert path.deterrence[-1] == pytest.approx(1.0)
    assert path.first_gap_year() == 2027


def test_hand_worked_required_growth() -> None:
    # Requirement at the end: 1 + 2 - 0.5 * 2 = 2; over 9 years: 2 ** (1/9) - 1 = 8.0 %.
    path = alliance_path(final_p=0.5, growth=0.0, us=2.0)
    assert path.required_growth() == pytest.approx(2 ** (1 / 9) - 1)
    # Growing at that rate meets the final requirement, though a linear fall in reliability
    # outpaces compound growth in the middle years.
    grown = alliance_path(0.5, 2 ** (1 / 9) - 1, 2.0)
    assert grown.own[-1] == pytest.approx(grown.required[-1])
    assert grown.first_gap_year() == 2027


def test_required_capability_falls_as_reliability_rises() -> None:
    needs = [required_own(3.0, p / 10, 2.0) for p in range(11)]
    assert all(a >= b for a, b in itertools.pairwise(needs))
    assert deterrence(1.0, 0.5, 2.0) == 2.0


@pytest.mark.parametrize("call,message", [
    (lambda: alliance_path(1.5, 0.0, 2.0), "final_p must be from 0.0 to 1.0"),
    (lambda: alliance_path(-0.1, 0.0, 2.0), "final_p must be from 0.0 to 1.0"),
    (lambda: deterrence(1.0, 2.0, 1.0), "p must be from 0.0 to 1.0"),
    (lambda: alliance_path(0.5, 0.0, -1.0), "us must be from 0.0"),
    (lambda: alliance_path(0.5, 0.0, 2.0, end_year=2026), "end_year must be from 2027"),
])
def test_impossible_inputs_are_rejected(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()
