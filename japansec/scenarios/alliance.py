"""Alliance-reliability explorer: as US support grows less certain, how fast must Japan's own
capability grow to keep deterrence level? A teaching model (japansec.models.alliance), computed by
:func:`japansec.compute.alliance.alliance`.

Assumptions, shown next to the figure: deterrence = Japan's own capability + (probability of US
support) × US contribution; capability is proportional to spending; today's own capability = 1;
US reliability falls in a straight line from certain (2026) to the chosen level (2035).
"""

from __future__ import annotations

import plotly.graph_objects as go

from japansec.compute.alliance import alliance
from japansec.explorer import Scenario, Slider, View
from japansec.style import PALETTE, add_foot_note, summary_text, titled


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
    fig.add_scatter(**view.traces[3], **summary_text(textposition="middle right",
                                                     cliponaxis=False))
    fig.update_layout(height=560, hovermode="closest", margin={"t": 100, "b": 180},
                      yaxis={"title": "Capability (own, 2026 = 1)", "rangemode": "tozero"},
                      xaxis={"dtick": 1}, legend={"y": -0.12, "yanchor": "top"})
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
    compute=alliance,
    figure=figure,
)
