"""Threat-index explorer: the reader weights six indicators and picks the normalisation.

A teaching device, not an assessment of any country's threat. It combines six series from the
data package over the years they all cover (calendar years, except scrambles: fiscal years
starting in that year):

- ASDF scrambles against Chinese aircraft and against Russian aircraft (table scrambles);
- days with Chinese government ships in the Senkaku contiguous zone (table senkaku);
- North Korean ballistic missiles, CNS count (table nk_missiles);
- China–Russia joint bomber flights and naval patrols near Japan, counted per year from table
  china_russia_joint;
- China's announced defence budget (table china_budget).

Computed by :func:`japansec.compute.drivers.threat_index`: the composite is the weighted mean of
the normalised series (``japansec.models.threat_index``).
What it shows depends on the weights and on the normalisation; that is the lesson.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import plotly.graph_objects as go

from japansec import data
from japansec.compute.drivers import INDICATOR_NAMES, threat_index
from japansec.explorer import Choice, Scenario, Slider, View
from japansec.style import COUNTRY_COLOURS, PALETTE, add_source, summary_text, titled

# name -> (label, colour, marker symbol: lines differ by more than colour), in the order of the
# compute's traces
INDICATORS = dict(zip(INDICATOR_NAMES, (
    ("North Korean missiles", PALETTE["orange"], "cross"),
    ("Scrambles: China (FY)", COUNTRY_COLOURS["China"], "square"),
    ("Scrambles: Russia (FY)", COUNTRY_COLOURS["Russia"], "star"),
    ("Senkaku zone days", PALETTE["sky"], "triangle-up"),
    ("China–Russia joint acts", PALETTE["purple"], "diamond"),
    ("China's budget", PALETTE["green"], "x"),
), strict=True))
NORMALISATIONS = (("min–max: lowest year 0, highest 1", "minmax"),
                  ("share of the highest year", "share_of_max"),
                  ("z-score: SDs from the mean", "zscore"))


@cache
def context() -> dict[str, Any]:
    """The six series over the years they all cover, from the data package (see
    :mod:`japansec.compute.drivers`)."""
    scrambles = data.load("scrambles").pivot(index="fiscal_year", columns="target",
                                             values="count")
    senkaku = data.load("senkaku").query("measure == 'contiguous_days'").set_index("year")
    missiles = data.load("nk_missiles").query("counter == 'cns_missiles'").set_index("year")
    budget = data.load("china_budget").set_index("year")
    joint = data.load("china_russia_joint")
    joint_years = joint[joint["near_japan"]]["date"].dt.year.value_counts()
    columns = {
        "nk_missiles": missiles["value"], "scrambles_china": scrambles["china"].dropna(),
        "scrambles_russia": scrambles["russia"].dropna(),
        "senkaku_days": senkaku["value"], "china_budget": budget["amount_bn_yuan"],
    }
    years = sorted(int(y) for y in set.intersection(*(set(c.index) for c in columns.values())))
    if not years:
        raise ValueError("the indicator tables share no year")
    series = {name: [float(columns[name][y]) for y in years] if name in columns
              else [float(joint_years.get(y, 0)) for y in years] for name in INDICATORS}
    return {"years": years, "series": series}


def figure(view: View) -> go.Figure:
    """The composite (thick) over the six normalised indicators (thin), one year axis."""
    fig = go.Figure()
    fig.add_scatter(**view.traces[0], name="Composite index", mode="lines+markers",
                    line={"color": PALETTE["vermillion"], "width": 5},
                    hovertemplate="Composite %{x}: %{text}<extra></extra>")
    for trace, (label, colour, symbol) in zip(view.traces[1:-1], INDICATORS.values(),
                                              strict=True):
        fig.add_scatter(**trace, name=label, mode="lines+markers",
                        line={"color": colour, "width": 1.5},
                        marker={"symbol": symbol, "size": 6, "color": colour},
                        hovertemplate=f"{label} %{{x}}: %{{text}}<extra></extra>")
    fig.add_scatter(**view.traces[-1], **summary_text(textposition="middle right",
                                                      cliponaxis=False, textfont={"size": 14}))
    # The legend below the plot, not beside it: beside, on a phone, it left the plot 100 px.
    fig.update_layout(height=660, hovermode="closest", margin={"t": 100, "b": 220},
                      legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.14,
                              "yanchor": "top"},
                      xaxis={"dtick": 1, "title": None},
                      yaxis={"title": "Normalised value", "autorange": True})
    titled(fig, "One set of numbers, many stories: an index moves with its weights",
           "Teaching device, not an assessment: weighted mean of six normalised series")
    return add_source(fig, "scrambles", "senkaku", "nk_missiles", "china_russia_joint",
                      "china_budget")


def _weight(name: str) -> Slider:
    return Slider(name, f"Weight: {INDICATORS[name][0]}", "relative weight", 0, 5, 1, 1)


DRIVERS = Scenario(
    name="drivers",
    title="Threat-index explorer",
    description=("Weights six indicators of the threats Japan cites and combines them, after "
                 "the chosen normalisation, into one composite per year. A teaching device: "
                 "the index measures the author's choices as much as any threat."),
    parameters=(
        _weight("nk_missiles"),
        Choice("normalisation", "Normalisation", NORMALISATIONS, "minmax"),
        _weight("scrambles_china"), _weight("scrambles_russia"), _weight("senkaku_days"),
        _weight("joint_activities"), _weight("china_budget"),
    ),
    compute=threat_index,
    figure=figure,
    context=context,
)
