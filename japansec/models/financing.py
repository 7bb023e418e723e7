"""Financing mix: how a yearly spending gap is covered by taxes, spending cuts, one-off sources
and, for whatever is left, borrowing.

A teaching model, not a forecast. The gap is a fixed amount a year (for Japan's build-up, the
FY2027 spending level minus the FY2022 level, to be found every year from FY2027 on). Taxes,
cuts elsewhere and one-off sources (a fund of non-tax revenue, settlement surpluses) are taken
as given amounts a year; borrowing covers the rest. Sources that exceed the gap leave an excess
instead of borrowing. Borrowing adds up year by year, before any interest.

Examples
--------
A ¥3.7 tn gap with ¥1 tn of tax, ¥1 tn of cuts and ¥1.6 tn of one-off sources leaves ¥0.1 tn
to borrow, or ¥1 tn over ten years:

>>> mix = cover_gap(3.7, tax=1.0, cuts=1.0, one_off=1.6)
>>> round(mix.borrowing, 6), round(mix.excess, 6)
(0.1, 0.0)
>>> round(borrowed_over(mix, 10), 6)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass

from japansec.models.checks import check_number


@dataclass(frozen=True)
class FinancingMix:
    """How one year's gap is covered, trillion yen a year."""

    gap: float
    tax: float
    cuts: float
    one_off: float
    borrowing: float
    excess: float

    def shares_pct(self) -> dict[str, float]:
        """Each source's share of the gap, per cent (they add to 100 unless there is an excess)."""
        parts = {"tax": self.tax, "cuts": self.cuts, "one_off": self.one_off,
                 "borrowing": self.borrowing}
        return {name: 100 * value / self.gap for name, value in parts.items()}


def cover_gap(gap: float, tax: float, cuts: float, one_off: float) -> FinancingMix:
    """Cover a yearly gap with taxes, cuts and one-off sources; borrow the rest.

    Parameters
    ----------
    gap : the amount to be found each year, trillion yen (> 0, at most 100).
    tax, cuts, one_off : the amounts a year from new taxes, spending cuts elsewhere and one-off
        sources, trillion yen (each from 0 to 100).

    Returns
    -------
    FinancingMix
        with ``borrowing = max(gap - tax - cuts - one_off, 0)`` and ``excess`` the amount by which
        the sources exceed the gap (0 if they do not).

    Examples
    --------
    Taxes alone that exceed the gap leave an excess and no borrowing:

    >>> mix = cover_gap(2.0, tax=2.5, cuts=0.0, one_off=0.0)
    >>> mix.borrowing, mix.excess
    (0.0, 0.5)
    """
    gap = check_number("gap", gap, 1e-9, 100)
    tax = check_number("tax", tax, 0, 100)
    cuts = check_number("cuts", cuts, 0, 100)
    one_off = check_number("one_off", one_off, 0, 100)
    remainder = gap - tax - cuts - one_off
    return FinancingMix(gap, tax, cuts, one_off, borrowing=max(remainder, 0.0),
                        excess=max(-remainder, 0.0))


def borrowed_over(mix: FinancingMix, years: int) -> float:
    """Borrowing added up over ``years`` years (1 to 50), trillion yen, before interest.

    >>> borrowed_over(cover_gap(4.0, 1.0, 1.0, 0.0), 5)
    10.0
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 50:
        raise ValueError(f"years must be a whole number from 1 to 50, not {years!r}")
    return mix.borrowing * years
