"""Composite threat index: normalise indicator series, then take their weighted mean.

A teaching device, not an assessment. It shows how a composite built from the same numbers
changes with two choices its author makes: the **normalisation** that puts series in different
units (scrambles, days, missiles, yuan) on one scale, and the **weights** that say how much each
series counts. Each indicator is a list of yearly values over the same years.

Normalisations
--------------
- ``"minmax"``: (x - min) / (max - min); the lowest year becomes 0, the highest 1. A series that
  barely moves is stretched to the full range.
- ``"share_of_max"``: x / max; keeps proportions, so a series that barely moves stays near 1.
- ``"zscore"``: (x - mean) / standard deviation (population, ddof = 0); years in standard
  deviations from the period's mean.

A constant series carries no information about change over time; it normalises to zeros under
``"minmax"`` and ``"zscore"``.

Examples
--------
Two series that move in opposite directions, weighted 1 : 3:

>>> composite({"a": [0, 10], "b": [10, 0]}, {"a": 1, "b": 3}, "minmax")
[0.75, 0.25]
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from japansec.models.checks import check_number

METHODS = ("minmax", "share_of_max", "zscore")


def normalise(values: Sequence[float], method: str) -> list[float]:
    """One series on a common scale (see the module's normalisations).

    Parameters
    ----------
    values : yearly values, at least two, finite and not negative.
    method : ``"minmax"``, ``"share_of_max"`` or ``"zscore"``.

    Returns
    -------
    list of float, one per value.

    Examples
    --------
    >>> normalise([2, 4, 6], "minmax")
    [0.0, 0.5, 1.0]
    >>> [round(v, 4) for v in normalise([2, 4, 6], "share_of_max")]
    [0.3333, 0.6667, 1.0]
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {list(METHODS)}, not {method!r}")
    if len(values) < 2:
        raise ValueError(f"values must hold at least two years, not {len(values)}")
    xs = [check_number(f"values[{i}]", v, 0) for i, v in enumerate(values)]
    low, high = min(xs), max(xs)
    if method == "share_of_max":
        return [x / high if high > 0 else 0.0 for x in xs]
    if method == "minmax":
        return [(x - low) / (high - low) if high > low else 0.0 for x in xs]
    mean = sum(xs) / len(xs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs))
    return [(x - mean) / sd if sd > 0 else 0.0 for x in xs]


def composite(indicators: Mapping[str, Sequence[float]], weights: Mapping[str, float],
              method: str) -> list[float]:
    """Weighted mean of the normalised indicators, year by year.

    Parameters
    ----------
    indicators : name -> yearly values, every series the same length (the same years).
    weights : name -> weight (>= 0) for every indicator; weights are relative (divided by their
        sum), so 1 : 1 and 5 : 5 give the same index. At least one weight must be positive.
    method : the normalisation, one of ``METHODS``.

    Returns
    -------
    list of float, one per year.

    Examples
    --------
    Equal weights, min-max: the mean of the two normalised series.

    >>> composite({"a": [1, 2, 3], "b": [5, 5, 6]}, {"a": 1, "b": 1}, "minmax")
    [0.0, 0.25, 1.0]
    """
    if not indicators:
        raise ValueError("indicators must hold at least one series")
    if set(weights) != set(indicators):
        raise ValueError(f"weights must name exactly the indicators {sorted(indicators)}, "
                         f"not {sorted(weights)}")
    lengths = {name: len(series) for name, series in indicators.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"every indicator must cover the same years; lengths are {lengths}")
    checked = {name: check_number(f"weight of {name}", w, 0) for name, w in weights.items()}
    total = sum(checked.values())
    if total <= 0:
        raise ValueError("at least one weight must be above 0")
    scaled = {name: normalise(series, method) for name, series in indicators.items()}
    years = next(iter(lengths.values()))
    return [sum(checked[name] * scaled[name][i] for name in indicators) / total
            for i in range(years)]
