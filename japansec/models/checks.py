"""Parameter checks shared by the models: a clear ValueError naming the parameter and its range."""

from __future__ import annotations

import math


def check_number(name: str, value: object, low: float | None = None, high: float | None = None,
                 ) -> float:
    """Return ``value`` as a float, or raise ValueError naming ``name`` and the allowed range.

    Parameters
    ----------
    name : str
        The parameter's name, for the error message.
    value : object
        The value to check: an int or float (not a bool), finite.
    low, high : float, optional
        Inclusive bounds; None for no bound.

    Returns
    -------
    float

    Examples
    --------
    >>> check_number("growth", 3, 0, 15)
    3.0
    >>> check_number("growth", 20, 0, 15)
    Traceback (most recent call last):
    ValueError: growth must be from 0 to 15, not 20
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, not {type(value).__name__} {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"from {low if low is not None else '-∞'} to {high if high is not None else '∞'}"
        raise ValueError(f"{name} must be {span}, not {value!r}")
    return float(value)


def check_year(name: str, value: object, low: int = 1900, high: int = 2100) -> int:
    """Return ``value`` as an int year, or raise ValueError naming ``name`` and the range.

    Parameters
    ----------
    name : str
        The parameter's name, for the error message.
    value : object
        The value to check: a whole number.
    low, high : int
        Inclusive bounds (default 1900 to 2100).

    Returns
    -------
    int

    Examples
    --------
    >>> check_year("end_year", 2035)
    2035
    >>> check_year("end_year", 2035.0)
    Traceback (most recent call last):
    ValueError: end_year must be a whole year, not 2035.0
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole year, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, not {value}")
    return value
