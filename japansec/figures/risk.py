"""Figures of the diplomatic-risk chapter (chapters/risk.ipynb): every Japanese (and allied) move in
table events since December 2022, marked by whether an official Chinese response is recorded in
table reactions, with a line from each response to the move it answered."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

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
SINCE = "2022-12-01"  # the month of the three strategic documents
PLA_ACTOR = "People's Liberation Army"  # China's own military activity is not a Japanese move


def moves_and_responses(events: pd.DataFrame, reactions: pd.DataFrame,
                        since: str = SINCE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The moves since ``since`` and China's recorded responses to them.

    Moves are the events of table events on or after ``since`` that are neither reactions
    (category ``reaction``) nor the People's Liberation Army's own activity (actors starting with
    ``PLA_ACTOR``); each gets a boolean column ``has_response``. Responses are the rows of
    table reactions by China that name the move they answer (``responds_to``).

    >>> events = pd.DataFrame({
    ...     "id": ["a", "b", "c", "d"], "category": ["strategy", "reaction", "budget", "exercise"],
    ...     "actors": ["Kishida cabinet", "China", "Diet", "People's Liberation Army Navy"],
    ...     "date": pd.to_datetime(["2022-12-16", "2023-01-01", "2023-02-01", "2023-03-01"])})
    >>> reactions = pd.DataFrame({"country": ["China"], "responds_to": ["a"]})
    >>> moves, responses = moves_and_responses(events, reactions)
    >>> moves["id"].tolist(), moves["has_response"].tolist(), len(responses)
    (['a', 'c'], [True, False], 1)
    """
    moves = events[(events["date"] >= since) & (events["category"] != "reaction")
                   & ~events["actors"].fillna("").str.startswith(PLA_ACTOR)].copy()
    responses = reactions[(reactions["country"] == "China") & reactions["responds_to"].notna()]
    moves["has_response"] = moves["id"].isin(responses["responds_to"])
    return moves, responses[responses["responds_to"].isin(moves["id"])]


def _response_hover(response: object) -> str:
    speaker = response.speaker if pd.notna(response.speaker) else "Spokesperson"
    quote = f"<br>“{wrap(response.quote)}”" if pd.notna(response.quote) else ""
    return (f"<b>{speaker}</b> ({response.office}), {response.date:%d %b %Y}<br>"
            f"{wrap(response.summary)}{quote}<br>"
            f"{source_note(response)}")


def action_reaction(events: pd.DataFrame, reactions: pd.DataFrame) -> go.Figure:
    """Two lanes: every move since December 2022 (filled if a Chinese response is recorded, open
    if not) and China's responses, with a line from each response to its move.

    ``events`` and ``reactions`` are the tables joined with their sources (``data.with_sources``).
    """
    moves, responses = moves_and_responses(events, reactions)
    dates = moves.set_index("id")["date"]
    fig = go.Figure()
    link_x: list = []
    link_y: list = []
    for r in responses.itertuples():
        link_x += [dates[r.responds_to].strftime("%Y-%m-%d"), r.date.strftime("%Y-%m-%d"), None]
        link_y += [LANES[0], LANES[1], None]
    fig.add_scatter(x=link_x, y=link_y, mode="lines", hoverinfo="skip", showlegend=False,
                    line={"color": LINK_COLOUR, "width": 1})
    colour = COUNTRY_COLOURS["Japan"]
    for answered, name, symbol in ((True, "Move with a recorded Chinese response", "circle"),
                                   (False, "Move with no response in this book's data",
                                    "circle-open")):
        part = moves[moves["has_response"] == answered]
        fig.add_scatter(
            x=part["date"].dt.strftime("%Y-%m-%d").tolist(), y=[LANES[0]] * len(part),
            mode="markers", name=f"{name} ({len(part)})",
            marker={"size": 12, "color": colour, "symbol": symbol,
                    "line": {"width": 2, "color": colour}},
            hoverinfo="text", hovertext=[event_hover(m) for m in part.itertuples()])
    fig.add_scatter(
        x=responses["date"].dt.strftime("%Y-%m-%d").tolist(), y=[LANES[1]] * len(responses),
        mode="markers", name=f"China's official response ({len(responses)})",
        marker={"size": 13, "color": COUNTRY_COLOURS["China"], "symbol": "diamond"},
        hoverinfo="text", hovertext=[_response_hover(r) for r in responses.itertuples()])
    fig.update_layout(height=440, hovermode="closest", margin={"t": 90, "b": 140, "l": 90},
                      yaxis={"categoryorder": "array", "categoryarray": LANES[::-1],
                             "title": None},
                      xaxis={"type": "date"}, legend={"y": -0.2})
    last = moves["date"].max()
    titled(fig, f"{int(moves['has_response'].sum())} of {len(moves)} moves drew a recorded "
                "official Chinese response",
           f"Japanese and allied moves, {moves['date'].min():%b %Y}–{last:%b %Y} (top), and "
           "China's official responses linked to them (bottom)")
    return add_source(fig, "events", "reactions")
