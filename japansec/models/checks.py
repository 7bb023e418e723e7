"""Parameter checks shared by the models: a clear ValueError naming the parameter and its range."""

from __future__ import annotations

import math


def check_number(name: str, value: object, low: float | None = None, high: float | None = None,
                 ) -> float:
    """Return ``value`` as a float, or raise ValueError naming ``name`` and the allowed range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number, not {type(value).__name__} {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"from {low if low is not None else '-∞'} to {high if high is not None else '∞'}"
        raise ValueError(f"{name} must be {span}, not {value!r}")
    return float(value)


def check_year(name: str, value: object, low: int = 1900, high: int = 2100) -> int:
    """Return ``value`` as an int year, or raise ValueError naming ``name`` and the range."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole year, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be from {low} to {high}, not {value}")
    return value
