"""Alliance-reliability explorer: as US support grows less certain, how fast must Japan's own
capability grow to keep deterrence level? A teaching model (japansec.models.alliance).

Assumptions, shown next to the figure: deterrence = Japan's own capability + (probability of US
support) × US contribution; capability is proportional to spending; today's own capability = 1;
US reliability falls in a straight line from certain (2026) to the chosen level (2035).
"""

from __future__ import annotations

import plotly.graph_objects as go

from japansec.explorer import Scenario, Slider, View
from japansec.models.alliance import alliance_path
from japansec.style import PALETTE, add_foot_note, titled, wrap


def compute(final_p: float, growth: float, us: float) -> View:
    """Traces: Japan's capability, the capability required, deterrence, and a summary line."""
    path = alliance_path(final_p, growth / 100, us)
    gap = path.first_gap_year()
    need = path.required_growth() * 100
    summary = (f"Needed: about {need:.1f} % a year to keep deterrence at its 2026 level by 2035. "
               + (f"At {growth:g} % a year Japan falls short from {gap}." if gap
                  else f"At {growth:g} % a year Japan keeps up every year."))
    rounded = [round(v, 4) for v in path.deterrence]
    return View(traces=[
        {"x": path.years, "y": path.own, "text": [f"{p:.2f}" for p in path.reliability]},
        {"x": path.years, "y": path.required, "text": [f"{p:.2f}" for p in path.reliability]},
        {"x": path.years, "y": rounded, "text": [f"{p:.2f}" for p in path.reliability]},
        {"x": [path.years[0]], "y": [max(path.required[-1], path.own[-1], rounded[0]) * 1.2],
         "text": [wrap(summary, 75)]},
    ])


def figure(view: View) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(**view.traces[0], name="Japan's own capability (chosen growth)",
                    mode="lines+markers", line={"color": PALETTE["vermillion"], "width": 3},
                    hovertemplate="%{x}: own capability %{y:.2f}<extra></extra>")
    fig.add_scatter(**view.traces[1], name="Own capability needed to keep deterrence level",
                    mode="lines", line={"color": PALETTE["blue"], "dash": "dash", "width": 3},
                    hovertemplate="%{x}: needed %{y:.2f} (US reliability %{text})<extra></extra>")
    fig.add_scatter(**view.traces[2], name="Deterrence with the chosen growth", mode="lines",
                    line={"color": PALETTE["grey"], "width": 2},
                    hovertemplate="%{x}: deterrence %{y:.2f}<extra></extra>")
    fig.add_scatter(**view.traces[3], mode="text", textposition="middle right",
                    showlegend=False, hoverinfo="skip")
    fig.update_layout(height=700, hovermode="closest", margin={"t": 150, "b": 270},
                      yaxis={"title": "Capability (own, 2026 = 1)", "rangemode": "tozero"},
                      xaxis={"dtick": 1}, legend={"y": -0.5})
    titled(fig, "As US support grows less certain, Japan must supply more deterrence itself",
           "Teaching model, not a forecast: deterrence = own capability + p × US contribution")
    return add_foot_note(fig, "Source: teaching model (japansec.models.alliance); no data. "
                              "Its assumptions are stated beside the figure.")


ALLIANCE = Scenario(
    name="alliance",
    title="Alliance-reliability explorer",
    description=("Shows how fast Japan's own capability must grow to keep deterrence at its 2026 "
                 "level as the probability of US support falls, in a transparent teaching model."),
    parameters=(
        Slider("final_p", "Probability of US support by 2035", "0–1", 0, 1, 0.1, 0.7),
        Slider("growth", "Japan's capability growth", "% a year", 0, 12, 2, 4),
        Slider("us", "US contribution", "× Japan's 2026 capability", 0.5, 5, 0.5, 2),
    ),
    compute=compute,
    figure=figure,
)
