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
    """Row and column players' payoff matrices of the symmetric 2×2 game.

    Parameters
    ----------
    R, S, T, P : float
        Reward (both restrain), sucker's payoff (restrain while the other arms), temptation
        (arm while the other restrains) and punishment (both arm), each from -100 to 100.

    Returns
    -------
    (row, col) : tuple of two 2×2 tuples
        Payoffs indexed [row strategy][column strategy], 0 = restrain, 1 = arm.

    Examples
    --------
    >>> symmetric_game(R=3, S=0, T=4, P=1)
    (((3.0, 0.0), (4.0, 1.0)), ((3.0, 4.0), (0.0, 1.0)))
    """
    r, s, t, p = (check_number(n, v, -100, 100) for n, v in zip("RSTP", (R, S, T, P),
                                                                 strict=True))
    row = ((r, s), (t, p))
    col = ((r, t), (s, p))
    return row, col


def pure_nash_equilibria(row: Payoffs, col: Payoffs) -> list[tuple[int, int]]:
    """Cells where neither player gains by deviating alone.

    Parameters
    ----------
    row, col : 2×2 tuples
        The players' payoffs, indexed [row strategy][column strategy].

    Returns
    -------
    list of (int, int)
        The pure Nash equilibria as (row strategy, column strategy), 0 = restrain, 1 = arm.

    Examples
    --------
    A stag hunt has two: both restrain and both arm.

    >>> pure_nash_equilibria(*symmetric_game(R=4, S=0, T=3, P=1))
    [(0, 0), (1, 1)]
    """
    equilibria = []
    for i in range(2):
        for j in range(2):
            row_best = row[i][j] >= row[1 - i][j]
            col_best = col[i][j] >= col[i][1 - j]
            if row_best and col_best:
                equilibria.append((i, j))
    return equilibria


def classify(R: float, S: float, T: float, P: float) -> str:  # noqa: N803
    """Name the symmetric game by its payoff ordering (strict orderings; ties give 'other').

    Parameters
    ----------
    R, S, T, P : float
        Reward, sucker's payoff, temptation and punishment (see :func:`symmetric_game`).

    Returns
    -------
    str
        "prisoner's dilemma", "stag hunt", "deadlock", "harmony", "chicken" or
        "other (no classic name)".

    Examples
    --------
    >>> classify(R=4, S=0, T=3, P=1), classify(R=2, S=0, T=3, P=2)
    ('stag hunt', 'other (no classic name)')
    """
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
