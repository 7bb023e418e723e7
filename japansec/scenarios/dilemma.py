"""Security-dilemma explorer: a 2×2 game (restrain or arm) whose payoffs the reader moves; the
pure Nash equilibria are marked and the game is named. Payoffs are the reader's assumptions,
ranks of preference for two generic states, not measurements of any real government's."""

from __future__ import annotations

import plotly.graph_objects as go

from japansec.explorer import Choice, Scenario, Slider, View
from japansec.figures import PALETTE, add_foot_note, titled
from japansec.models.games import STRATEGIES, classify, pure_nash_equilibria, symmetric_game

CELLS = [(i, j) for i in range(2) for j in range(2)]  # (row strategy, column strategy)


def compute(T: float, S: float, R: float, P: float) -> View:  # noqa: N803
    """Traces: the four payoff cells, the equilibria, and the game's name."""
    row, col = symmetric_game(R, S, T, P)
    equilibria = pure_nash_equilibria(row, col)
    name = classify(R, S, T, P)
    cells_text = [f"Row {row[i][j]:g}, Column {col[i][j]:g}" for i, j in CELLS]
    found = ", ".join(f"({STRATEGIES[i]}, {STRATEGIES[j]})" for i, j in equilibria) or "none"
    return View(traces=[
        {"x": [j for _, j in CELLS], "y": [i for i, _ in CELLS], "text": cells_text},
        {"x": [j for _, j in equilibria], "y": [i for i, _ in equilibria],
         "text": ["Nash equilibrium"] * len(equilibria)},
        {"x": [0.5], "y": [1.65], "text": [f"<b>{name}</b> · pure equilibria: {found}"]},
    ])


def figure(view: View) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(**view.traces[0], mode="markers+text", showlegend=False, hoverinfo="skip",
                    marker={"symbol": "square", "size": 80, "color": "#f2f2f2",
                            "line": {"color": "#999999", "width": 1}},
                    textfont={"size": 14})
    fig.add_scatter(**view.traces[1], mode="markers", name="Pure Nash equilibrium",
                    marker={"symbol": "star", "size": 22, "color": PALETTE["vermillion"]},
                    hoverinfo="text")
    fig.add_scatter(**view.traces[2], mode="text", showlegend=False, hoverinfo="skip",
                    textfont={"size": 15})
    ticks = {"tickvals": [0, 1], "ticktext": ["restrain", "arm"]}
    fig.update_layout(
        height=620, margin={"t": 150, "b": 190, "l": 110}, hovermode="closest",
        legend={"x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
        xaxis={**ticks, "range": [-0.7, 1.7], "title": "Column state's choice",
               "showgrid": False, "zeroline": False},
        yaxis={**ticks, "range": [2.0, -0.7], "title": "Row state's choice", "showgrid": False,
               "zeroline": False})
    titled(fig, "The security dilemma as a game: who arms, and why?",
           "Payoffs are your assumptions (higher = better); stars mark pure Nash equilibria")
    return add_foot_note(fig, "Source: teaching model (japansec.models.games), after Jervis "
                              "(1978); payoffs chosen by the reader.")


DILEMMA = Scenario(
    name="dilemma",
    title="Security-dilemma game",
    description=("A two-state game in which each may restrain or arm: move the payoffs and see "
                 "the pure Nash equilibria and the game's classic name."),
    parameters=(
        Slider("T", "T: arm while the other restrains", "payoff", 0, 5, 0.5, 4),
        Choice("S", "S: restrain while the other arms",
               (("S = 0 (exploited)", 0.0), ("S = 0.5", 0.5), ("S = 2 (safe to restrain)", 2.0)),
               0.0),
        Slider("R", "R: both restrain", "payoff", 0, 5, 0.5, 3),
        Slider("P", "P: both arm", "payoff", 0, 5, 0.5, 1),
    ),
    compute=compute,
    figure=figure,
)
