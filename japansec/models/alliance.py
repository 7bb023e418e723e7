"""Alliance reliability: how much of deterrence Japan must supply itself as US support grows
less certain. A transparent teaching model, not a measurement.

Deterrent capability D = J + p · U, where J is Japan's own capability, U the US contribution and p
the probability that the US contributes. Capabilities are in units of Japan's current own
capability (J = 1 today), and capability is assumed proportional to spending.

Examples
--------
With the US certain to help (p = 1) Japan needs no more than today; with p = 0 Japan alone must
supply the whole baseline:

>>> required_own(baseline=1 + 2.0, p=1.0, us=2.0), required_own(baseline=1 + 2.0, p=0.0, us=2.0)
(1.0, 3.0)
"""

from __future__ import annotations

from dataclasses import dataclass

from japansec.models.checks import check_number, check_year


def check_probability(name: str, p: float) -> float:
    """A probability in [0, 1], or ValueError naming it.

    Parameters
    ----------
    name : str
        The parameter's name, for the error message.
    p : float
        The value to check.

    Returns
    -------
    float
        ``p`` as a float.

    Examples
    --------
    >>> check_probability("p", 0.7)
    0.7
    >>> check_probability("p", 1.5)
    Traceback (most recent call last):
    ValueError: p must be from 0.0 to 1.0, not 1.5
    """
    return check_number(name, p, 0.0, 1.0)


def deterrence(own: float, p: float, us: float) -> float:
    """Deterrent capability D = own + p · us.

    Parameters
    ----------
    own : float
        Japan's own capability (today's = 1), at least 0.
    p : float
        Probability that the US contributes, from 0 to 1.
    us : float
        The US contribution, in units of Japan's current capability, at least 0.

    Returns
    -------
    float
        Deterrence in the same units.

    Examples
    --------
    >>> deterrence(own=1.0, p=0.5, us=2.0)
    2.0
    """
    own = check_number("own", own, 0.0)
    us = check_number("us", us, 0.0)
    return own + check_probability("p", p) * us


def required_own(baseline: float, p: float, us: float) -> float:
    """Japan's own capability that keeps deterrence at ``baseline`` when the US helps with
    probability ``p`` (never below zero).

    Parameters
    ----------
    baseline : float
        The deterrence to keep, at least 0.
    p : float
        Probability of US support, from 0 to 1.
    us : float
        The US contribution, at least 0.

    Returns
    -------
    float
        ``max(0, baseline - p · us)``.

    Examples
    --------
    >>> required_own(baseline=3.0, p=0.5, us=2.0)
    2.0
    >>> required_own(baseline=1.0, p=1.0, us=2.0)
    0.0
    """
    baseline = check_number("baseline", baseline, 0.0)
    us = check_number("us", us, 0.0)
    return max(0.0, baseline - check_probability("p", p) * us)


@dataclass(frozen=True)
class AlliancePath:
    """Year by year: US reliability, Japan's capability at the chosen growth, the capability
    needed to keep deterrence at its starting level, and the resulting deterrence."""

    years: list[int]
    reliability: list[float]
    own: list[float]
    required: list[float]
    deterrence: list[float]

    def first_gap_year(self) -> int | None:
        """First year in which Japan's capability falls short of what is required."""
        for year, own, need in zip(self.years, self.own, self.required, strict=True):
            if own < need - 1e-12:
                return year
        return None

    def required_growth(self) -> float:
        """The constant annual growth that reaches the last year's requirement (fraction)."""
        span = self.years[-1] - self.years[0]
        return (self.required[-1] / self.own[0]) ** (1 / span) - 1 if span else 0.0


def alliance_path(final_p: float, growth: float, us: float, start_year: int = 2026,
                  end_year: int = 2035, start_p: float = 1.0) -> AlliancePath:
    """Year by year, the capability Japan needs as US reliability falls.

    US reliability falls linearly from ``start_p`` (start year) to ``final_p`` (end year);
    Japan's capability grows at ``growth`` a year from 1. The baseline to keep is today's
    deterrence, 1 + start_p · us.

    Parameters
    ----------
    final_p : float
        Probability of US support in ``end_year``, from 0 to 1.
    growth : float
        Japan's annual capability growth as a fraction (0.04 = 4 %), from -0.5 to 1.
    us : float
        The US contribution, in units of Japan's capability in ``start_year``, 0 to 100.
    start_year, end_year : int
        First and last year of the path (end after start).
    start_p : float
        Probability of US support in ``start_year`` (default 1, certain).

    Returns
    -------
    AlliancePath
        Years, reliability, Japan's capability, the capability required and deterrence.

    Examples
    --------
    >>> path = alliance_path(final_p=0.5, growth=0.0, us=2.0, start_year=2026, end_year=2028)
    >>> path.reliability, path.required
    ([1.0, 0.75, 0.5], [1.0, 1.5, 2.0])
    >>> path.first_gap_year()
    2027
    """
    final_p = check_probability("final_p", final_p)
    start_p = check_probability("start_p", start_p)
    growth = check_number("growth", growth, -0.5, 1.0)
    us = check_number("us", us, 0.0, 100.0)
    start_year = check_year("start_year", start_year)
    end_year = check_year("end_year", end_year, start_year + 1)
    span = end_year - start_year
    years = list(range(start_year, end_year + 1))
    reliability = [start_p + (final_p - start_p) * (y - start_year) / span for y in years]
    own = [(1 + growth) ** (y - start_year) for y in years]
    baseline = 1 + start_p * us
    required = [required_own(baseline, p, us) for p in reliability]
    deterrent = [deterrence(j, p, us) for j, p in zip(own, reliability, strict=True)]
    return AlliancePath(years, reliability, own, required, deterrent)
