"""Figures of the diplomatic-risk chapter: Japan's (and allies') moves and China's official
responses, each response linked to the move it answered (tables events and reactions)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from japansec import data
from japansec.style import (
    COUNTRY_COLOURS,
    LINK_COLOUR,
    add_source,
    event_hover,
    source_note,
    titled,
    wrap,
)

LANES = ("Moves", "Responses")


def _response_hover(response: object) -> str:
    speaker = response.speaker if pd.notna(response.speaker) else "Spokesperson"
    quote = f"<br>“{wrap(response.quote)}”" if pd.notna(response.quote) else ""
    return (f"<b>{speaker}</b> ({response.office}), {response.date:%d %b %Y}<br>"
            f"{wrap(response.summary)}{quote}<br>"
            f"{source_note(response)}")


def action_reaction() -> go.Figure:
    """Two lanes — moves and China's responses — with a line from each response to its move."""
    events = data.with_sources(data.load("events")).set_index("id")
    reactions = data.with_sources(data.load("reactions"))
    reactions = reactions[(reactions["country"] == "China") & reactions["responds_to"].notna()]
    moves = events.loc[list(dict.fromkeys(reactions["responds_to"]))]
    fig = go.Figure()
    link_x: list = []
    link_y: list = []
    for r in reactions.itertuples():
        link_x += [events.loc[r.responds_to, "date"].strftime("%Y-%m-%d"),
                   r.date.strftime("%Y-%m-%d"), None]
        link_y += [LANES[0], LANES[1], None]
    fig.add_scatter(x=link_x, y=link_y, mode="lines", hoverinfo="skip", showlegend=False,
                    line={"color": LINK_COLOUR, "width": 1})
    fig.add_scatter(
        x=moves["date"].dt.strftime("%Y-%m-%d").tolist(), y=[LANES[0]] * len(moves),
        mode="markers", name="Move by Japan (and allies)",
        marker={"size": 13, "color": COUNTRY_COLOURS["Japan"]}, hoverinfo="text",
        hovertext=[event_hover(m) for m in moves.itertuples()])
    fig.add_scatter(
        x=reactions["date"].dt.strftime("%Y-%m-%d").tolist(), y=[LANES[1]] * len(reactions),
        mode="markers", name="China's official response",
        marker={"size": 13, "color": COUNTRY_COLOURS["China"], "symbol": "diamond"},
        hoverinfo="text",
        hovertext=[_response_hover(r) for r in reactions.itertuples()])
    fig.update_layout(height=420, hovermode="closest", margin={"t": 90, "b": 120},
                      yaxis={"categoryorder": "array", "categoryarray": LANES[::-1],
                             "title": None},
                      xaxis={"type": "date"}, legend={"y": -0.2})
    titled(fig, "Action and reaction: each Chinese response linked to the move it answered",
           "Japanese and allied moves (top) and China's official responses (bottom), 2022–2026")
    return add_source(fig, "events", "reactions")
