"""Explorers of the diplomatic-risk chapter (chapters/risk.ipynb): the security-dilemma game
(DILEMMA) and Richardson's arms-race model (ARMS_RACE).

The computes are :func:`japansec.compute.risk.game` and :func:`japansec.compute.risk.arms_race`.

Security dilemma: a 2×2 game (restrain or arm) whose payoffs the reader moves; the
pure Nash equilibria are
marked and the game is named. Payoffs are the reader's assumptions,
ranks of preference for two generic states, not measurements of any real government's.

Arms race: Richardson's model for Japan and China, with defaults fitted to SIPRI.

The defaults are the sign-constrained least-squares fit (japansec.models.richardson.fit) to SIPRI's
constant-2023-US$ spending of Japan (x) and China (y), FIT_YEARS. The fit is poor (see the
chapter): the explorer is for reasoning about the model, not a forecast.
"""

from __future__ import annotations

from functools import cache

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from japansec import data
from japansec.compute.risk import END_YEAR, arms_race, game
from japansec.explorer import Choice, Deferred, Scenario, Slider, View
from japansec.models.richardson import Fit, fit
from japansec.style import COUNTRY_COLOURS, PALETTE, add_foot_note, add_source, summary_text, titled


# --- the security-dilemma game ------------------------------------------------------------------
def game_figure(view: View) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(**view.traces[0], mode="markers+text", showlegend=False, hoverinfo="skip",
                    marker={"symbol": "square", "size": 80, "color": "#f2f2f2",
                            "line": {"color": "#767676", "width": 1}},
                    textfont={"size": 14, "color": "#222222"})  # light cell in both modes
    # An equilibrium's cell is framed (a mark in the cell would cover its payoffs).
    fig.add_scatter(**view.traces[1], mode="markers", name="Pure Nash equilibrium",
                    marker={"symbol": "square-open", "size": 88, "color": PALETTE["vermillion"],
                            "line": {"width": 4}},
                    hoverinfo="text")
    # Hung below its point, so that on a phone, wrapped, it grows away from the cells.
    fig.add_scatter(**view.traces[2], **summary_text(textposition="bottom center",
                                                     textfont={"size": 14}))
    ticks = {"tickvals": [0, 1], "ticktext": ["restrain", "arm"]}
    fig.update_layout(
        height=600, margin={"t": 110, "b": 140, "l": 110}, hovermode="closest",
        legend={"x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
        xaxis={**ticks, "range": [-0.7, 1.7], "title": "Column state's choice",
               "showgrid": False, "zeroline": False},
        yaxis={**ticks, "range": [2.5, -0.7], "title": "Row state's choice", "showgrid": False,
               "zeroline": False})
    titled(fig, "The security dilemma as a game: who arms, and why?",
           "Payoffs are your assumptions (higher = better); framed cells are pure Nash equilibria")
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
    compute=game,
    figure=game_figure,
)


# --- Richardson's arms race ---------------------------------------------------------------------
FIT_YEARS = (2000, 2024)


@cache
def spending() -> dict[str, list]:
    """Years and SIPRI spending of Japan and China, US$ bn at constant 2023 prices: the arms
    race's context (see :mod:`japansec.compute.risk`)."""
    wide = data.sipri("constant_2023_usd_m", ["Japan", "China"], FIT_YEARS) / 1000
    return {"years": [int(y) for y in wide.index], "japan": wide["Japan"].round(2).tolist(),
            "china": wide["China"].round(2).tolist()}


@cache
def fitted() -> Fit:
    return fit(spending()["japan"], spending()["china"])


def arms_race_figure(view: View) -> go.Figure:
    """Left: spending over time, data and model; right: the phase plane (Japan vs China)."""
    years, japan, china = spending()["years"], spending()["japan"], spending()["china"]
    # The gap between the panels holds the phase plane's tick labels and axis title on a phone.
    fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.18)
    japan_colour, china_colour = COUNTRY_COLOURS["Japan"], COUNTRY_COLOURS["China"]
    fig.add_scatter(**view.traces[0], mode="lines", name="Japan, model",
                    line={"color": japan_colour, "width": 3}, hoverinfo="text", row=1, col=1)
    fig.add_scatter(**view.traces[1], mode="lines", name="China, model",
                    line={"color": china_colour, "width": 3, "dash": "dash"}, hoverinfo="text",
                    row=1, col=1)
    fig.add_scatter(**view.traces[2], mode="lines+markers", name="Model path (from 2024)",
                    line={"color": PALETTE["grey"]}, marker={"size": 5}, row=1, col=2,
                    hovertemplate="%{text}: Japan %{x:,.0f}, China %{y:,.0f}<extra></extra>")
    fig.add_scatter(**view.traces[3], mode="markers", name="Equilibrium", row=1, col=2,
                    marker={"symbol": "x", "size": 14, "color": PALETTE["grey"]}, hoverinfo="text")
    # The summary hangs below its point, inside its plot: on a phone it is wrapped to the left
    # plot's width (it ran into the phase plane).
    fig.add_scatter(**view.traces[4], **summary_text(textposition="bottom right",
                                                     textfont={"size": 11}), row=1, col=1)
    fig.add_scatter(x=years, y=japan, mode="markers", name="Japan, SIPRI",
                    marker={"color": japan_colour, "size": 6}, row=1, col=1,
                    hovertemplate="Japan %{x}: US$ %{y:,.1f} bn<extra></extra>")
    fig.add_scatter(x=years, y=china, mode="markers", name="China, SIPRI",
                    marker={"color": china_colour, "size": 6, "symbol": "square"}, row=1, col=1,
                    hovertemplate="China %{x}: US$ %{y:,.1f} bn<extra></extra>")
    fig.add_scatter(x=japan, y=china, mode="markers", name="SIPRI (phase plane)",
                    marker={"color": PALETTE["orange"], "size": 5}, row=1, col=2,
                    hovertemplate="Japan %{x:,.0f}, China %{y:,.0f}<extra></extra>")
    fig.update_yaxes(type="log", title_text="US$ bn, 2023 prices (log)", row=1, col=1,
                     range=[1, 4])
    # Room before 2000, so that on a phone its label stays clear of the y axis's lowest one.
    fig.update_xaxes(range=[1995, END_YEAR + 2], row=1, col=1)
    # Labels at the powers of ten only (2 and 5 between them crowd a phone's narrow panel), the
    # first one in from the corner, clear of the y axis's lowest.
    fig.update_xaxes(type="log", title_text="Japan, US$ bn", row=1, col=2, range=[0.85, 3.3],
                     dtick=1)
    fig.update_yaxes(type="log", title_text="China, US$ bn (log)", row=1, col=2, range=[1, 4])
    fig.update_layout(height=620, hovermode="closest", margin={"t": 100, "b": 250},
                      legend={"y": -0.27, "yanchor": "top", "orientation": "h"})
    titled(fig, "Would Japan and China spiral? Richardson's model, fitted to SIPRI",
           f"Defaults fitted to {FIT_YEARS[0]}–{FIT_YEARS[1]}; a teaching model, not a forecast")
    return add_source(fig, "sipri_milex")


def _parameters() -> tuple[Slider, ...]:
    """The six coefficients, each opening exactly on its fitted value (the text quotes them)."""
    fit_ = fitted().coefficients
    return (
        Slider("a", "a: Japan's reaction to China", "per year", 0, 0.1, 0.01, fit_.a),
        Slider("b", "b: China's reaction to Japan", "per year", 0, 1, 0.2, fit_.b),
        Slider("m", "m: Japan's fatigue", "per year", 0, 0.5, 0.05, fit_.m),
        Slider("n", "n: China's fatigue", "per year", 0, 0.5, 0.05, fit_.n),
        Slider("g", "g: Japan's grievance", "US$ bn a year", -20, 20, 1, fit_.g),
        Slider("h", "h: China's grievance", "US$ bn a year", -60, 60, 5, fit_.h),
    )


ARMS_RACE = Scenario(
    name="arms_race",
    title="Arms-race explorer (Richardson)",
    description=("Projects Japan's and China's military spending to 2040 under Richardson's "
                 "action–reaction model, from defaults fitted to SIPRI, and says whether the "
                 "system is stable."),
    parameters=Deferred(_parameters),
    compute=arms_race,
    figure=arms_race_figure,
    context=spending,
)
