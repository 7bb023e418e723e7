"""Explorers of the diplomatic-risk chapter: the security-dilemma game and Richardson's arms race.

The game needs no data. The arms race's ``context`` (from
:func:`japansec.scenarios.risk.spending_context`) holds ``years`` and SIPRI's spending of
``japan`` and ``china``, US$ bn at constant 2023 prices; the projection starts from the last year.
"""

from __future__ import annotations

from typing import Any

from japansec.explorer import View
from japansec.models.games import STRATEGIES, classify, pure_nash_equilibria, symmetric_game
from japansec.models.richardson import Coefficients, equilibrium, is_stable, simulate
from japansec.text import plain, wrap

CELLS = [(i, j) for i in range(2) for j in range(2)]  # (row strategy, column strategy)
END_YEAR = 2040


def game(context: dict[str, Any], T: float, S: float, R: float, P: float) -> View:  # noqa: N803
    """Traces: the four payoff cells, the equilibria, and the game's name."""
    row, col = symmetric_game(R, S, T, P)
    equilibria = pure_nash_equilibria(row, col)
    name = classify(R, S, T, P)
    # Two lines, so that each fits its cell (a square 80 px across) on any screen.
    cells_text = [f"Row {row[i][j]:g},<br>Column {col[i][j]:g}" for i, j in CELLS]
    found = ", ".join(f"({STRATEGIES[i]}, {STRATEGIES[j]})" for i, j in equilibria) or "none"
    readout = (f"With T {T:g}, R {R:g}, P {P:g} and S {S:g} the game is {name}; pure "
               f"equilibria: {found}")
    return View(traces=[
        {"x": [j for _, j in CELLS], "y": [i for i, _ in CELLS], "text": cells_text},
        {"x": [j for _, j in equilibria], "y": [i for i, _ in equilibria],
         "text": ["Nash equilibrium"] * len(equilibria)},
        {"x": [0.5], "y": [1.62], "text": [f"<b>{name}</b> · pure equilibria: {found}"]},
    ], readout=readout)


def arms_race(context: dict[str, Any], a: float, b: float, m: float, n: float, g: float,
              h: float) -> View:
    """Traces: model paths of Japan and China to END_YEAR, the phase-plane path, the
    equilibrium, and a summary line."""
    years, japan, china = context["years"], context["japan"], context["china"]
    path = simulate(Coefficients(a, b, m, n, g, h), japan[-1], china[-1], END_YEAR - years[-1])
    future = list(range(years[-1], END_YEAR + 1))
    x, y = [round(v, 2) for v, _ in path], [round(v, 2) for _, v in path]
    point = equilibrium(a, b, m, n, g, h)
    stable = is_stable(a, b, m, n)
    where = (f"equilibrium Japan {point[0]:,.0f}, China {point[1]:,.0f} US$ bn"
             if point and min(point) >= 0 else "no equilibrium with positive spending")
    verdict = ("STABLE (m·n > a·b): spending settles" if stable else
               "UNSTABLE (m·n ≤ a·b): no settling point attracts spending")
    summary = wrap(f"{verdict}; {where}. m·n = {m * n:.4f}, a·b = {a * b:.4f}", 44)
    eq = [[round(point[0], 1)], [round(point[1], 1)]] if point else [[], []]
    readout = (f"{plain(summary)}. In {END_YEAR} the model has Japan at US$ {x[-1]:,.0f} bn and "
               f"China at US$ {y[-1]:,.0f} bn.")
    return View(traces=[
        {"x": future, "y": x, "text": [f"Japan {v:,.0f}" for v in x]},
        {"x": future, "y": y, "text": [f"China {v:,.0f}" for v in y]},
        {"x": x, "y": y, "text": [str(year) for year in future]},
        {"x": eq[0], "y": eq[1], "text": ["equilibrium"] * len(eq[0])},
        {"x": [years[0]], "y": [6000], "text": [summary]},
    ], readout=readout)
