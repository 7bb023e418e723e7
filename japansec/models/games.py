"""Two-by-two games of the security dilemma: pure Nash equilibria and the classic game names.

Each state chooses to *restrain* (strategy 0) or *arm* (strategy 1). In the symmetric game the
payoffs are R (both restrain), T (arm while the other restrains), S (restrain while the other
arms) and P (both arm) — reward, temptation, sucker's payoff and punishment (Jervis 1978).

Examples
--------
The prisoner's dilemma has one pure equilibrium, both arm:

>>> row, col = symmetric_game(R=3, S=0, T=4, P=1)
>>> pure_nash_equilibria(row, col)
[(1, 1)]
>>> classify(R=3, S=0, T=4, P=1)
"prisoner's dilemma"
"""

from __future__ import annotations

from japansec.models.checks import check_number

Payoffs = tuple[tuple[float, float], tuple[float, float]]
STRATEGIES = ("restrain", "arm")


def symmetric_game(R: float, S: float, T: float, P: float) -> tuple[Payoffs, Payoffs]:  # noqa: N803
    """Row and column players' payoff matrices, indexed [row strategy][column strategy]."""
    r, s, t, p = (check_number(n, v, -100, 100) for n, v in zip("RSTP", (R, S, T, P),
                                                                 strict=True))
    row = ((r, s), (t, p))
    col = ((r, t), (s, p))
    return row, col


def pure_nash_equilibria(row: Payoffs, col: Payoffs) -> list[tuple[int, int]]:
    """Cells (row strategy, column strategy) where neither player gains by deviating alone."""
    equilibria = []
    for i in range(2):
        for j in range(2):
            row_best = row[i][j] >= row[1 - i][j]
            col_best = col[i][j] >= col[i][1 - j]
            if row_best and col_best:
                equilibria.append((i, j))
    return equilibria


def classify(R: float, S: float, T: float, P: float) -> str:  # noqa: N803
    """Name the symmetric game by its payoff ordering (strict orderings; ties give 'other')."""
    symmetric_game(R, S, T, P)
    if T > R > P > S:
        return "prisoner's dilemma"
    if R > T > P > S:
        return "stag hunt"
    if T > P > R > S:
        return "deadlock"
    if R > T and S > P:
        return "harmony"
    if T > R > S > P:
        return "chicken"
    return "other (no classic name)"
