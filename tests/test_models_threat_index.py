"""The composite threat index, against hand-worked cases."""

from __future__ import annotations

import math

import pytest

from japansec.models.threat_index import composite, normalise


def test_minmax_maps_lowest_to_zero_and_highest_to_one() -> None:
    assert normalise([3, 7, 5], "minmax") == [0.0, 1.0, 0.5]


def test_share_of_max_keeps_proportions() -> None:
    assert normalise([50, 100, 25], "share_of_max") == [0.5, 1.0, 0.25]


def test_zscore_by_hand() -> None:
    # mean 4, population variance (4 + 0 + 4) / 3 = 8/3
    sd = math.sqrt(8 / 3)
    assert normalise([2, 4, 6], "zscore") == pytest.approx([-2 / sd, 0.0, 2 / sd])


def test_constant_series_carries_no_change() -> None:
    assert normalise([5, 5, 5], "minmax") == [0.0, 0.0, 0.0]
    assert normalise([5, 5, 5], "zscore") == [0.0, 0.0, 0.0]
    assert normalise([5, 5, 5], "share_of_max") == [1.0, 1.0, 1.0]


def test_a_slow_series_is_stretched_by_minmax_but_not_by_share_of_max() -> None:
    # A budget rising 10 % over the period: min-max makes it run from 0 to 1.
    assert normalise([100, 105, 110], "minmax") == pytest.approx([0.0, 0.5, 1.0])
    assert normalise([100, 105, 110], "share_of_max") == pytest.approx([0.909091, 0.954545, 1.0])


def test_composite_weights_are_relative() -> None:
    series = {"a": [0, 10], "b": [10, 0]}
    assert composite(series, {"a": 1, "b": 3}, "minmax") == [0.75, 0.25]
    assert composite(series, {"a": 2, "b": 6}, "minmax") == [0.75, 0.25]


def test_zero_weight_drops_an_indicator() -> None:
    series = {"a": [1, 2, 4], "b": [9, 3, 1]}
    assert composite(series, {"a": 1, "b": 0}, "share_of_max") == [0.25, 0.5, 1.0]


def test_the_normalisation_can_move_the_peak_year() -> None:
    # a: a burst in year 2; b: slow growth. Share of max: [.5, .975, .9], year 2 peaks;
    # min-max stretches b to [0, .5, 1]: [0, .75, .889], year 3 peaks.
    series = {"a": [10, 100, 80], "b": [90, 95, 100]}
    weights = {"a": 1, "b": 1}
    share = composite(series, weights, "share_of_max")
    stretched = composite(series, weights, "minmax")
    assert share.index(max(share)) == 1
    assert stretched.index(max(stretched)) == 2


@pytest.mark.parametrize("call, message", [
    (lambda: normalise([1, 2], "rank"), "method must be one of"),
    (lambda: normalise([1], "minmax"), "at least two years"),
    (lambda: normalise([1, -2], "minmax"), "values[1] must be from 0"),
    (lambda: composite({"a": [1, 2]}, {"b": 1}, "minmax"), "weights must name exactly"),
    (lambda: composite({"a": [1, 2], "b": [1, 2, 3]}, {"a": 1, "b": 1}, "minmax"),
     "same years"),
    (lambda: composite({"a": [1, 2]}, {"a": 0}, "minmax"), "at least one weight"),
    (lambda: composite({"a": [1, 2]}, {"a": -1}, "minmax"), "weight of a must be from 0"),
])
def test_bad_input_is_named(call, message) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        call()
