"""Figures of the alliance chapter: agreements by partner, command relationships before and after,
and the export-policy ladder. Every event shown comes from table events, passed in by the chapter
(``data.with_sources(data.load("events"))``), so the figures can be tested on any table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from japansec.style import LINK_COLOUR, PALETTE, add_source, event_hover, titled

# Which partner lane and which milestone each agreement event is (ids of table events).
AGREEMENT_EVENTS = {
    "raa-australia-signed": ("Australia", "signed"),
    "raa-australia-in-force": ("Australia", "in force"),
    "raa-uk-signed": ("United Kingdom", "signed"),
    "raa-uk-in-force": ("United Kingdom", "in force"),
    "raa-philippines-signed": ("Philippines", "signed"),
    "raa-philippines-in-force": ("Philippines", "in force"),
    "gcap-announced": ("UK and Italy (GCAP)", "announced or met"),
    "gigo-convention": ("UK and Italy (GCAP)", "signed"),
    "gigo-diet": ("UK and Italy (GCAP)", "approved by the Diet"),
    "quad-wilmington": ("Quad", "announced or met"),
    "quad-fm-2025": ("Quad", "announced or met"),
    "two-plus-two-2024": ("United States", "announced or met"),
    "usfj-phase1": ("United States", "announced or met"),
    "usfj-phase2": ("United States", "announced or met"),
}
MILESTONES = {"signed": ("diamond-open", PALETTE["orange"]),
              "approved by the Diet": ("diamond", PALETTE["orange"]),
              "in force": ("circle", PALETTE["green"]),
              "announced or met": ("square", PALETTE["blue"])}


def agreements_timeline(events: pd.DataFrame) -> go.Figure:
    """Japan's agreements and meetings with partners beyond and within the US alliance; signature
    and entry into force are drawn differently. ``events``: table events with its sources."""
    events = events.set_index("id")
    lanes = list(dict.fromkeys(lane for lane, _ in AGREEMENT_EVENTS.values()))
    fig = go.Figure()
    for milestone, (symbol, colour) in MILESTONES.items():
        ids = [i for i, (_, m) in AGREEMENT_EVENTS.items() if m == milestone]
        rows = events.loc[ids]
        fig.add_scatter(
            x=rows["date"].dt.strftime("%Y-%m-%d").tolist(),
            y=[AGREEMENT_EVENTS[i][0] for i in ids], mode="markers", name=milestone,
            marker={"symbol": symbol, "size": 14, "color": colour,
                    "line": {"width": 2, "color": colour}},
            hovertext=[event_hover(r) for r in rows.itertuples()], hoverinfo="text")
    fig.update_layout(height=470, hovermode="closest", margin={"t": 90, "b": 130},
                      yaxis={"categoryorder": "array", "categoryarray": lanes[::-1]},
                      xaxis={"type": "date"}, legend={"y": -0.14})
    titled(fig, "Beyond Washington: Japan's web of security partners",
           "Agreements and meetings by partner, 2022–2025: signature ◇, approval ◆, "
           "entry into force ●")
    return add_source(fig, "events")


# Command relationships: nodes (x, y, label, event of table events that dates the node, or None)
# and links (from, to, dashed?) for each year. Labels with {date} take the event's date. Lines are
# short enough for a label on each side to fit a phone 360 px wide.
NODES = {
    "pm": (0.0, 3, "Prime Minister /<br>Minister of Defense", None),
    "jjoc": (0.0, 2, "JJOC, Ichigaya<br>(since {date:%-d %b %Y})", "jjoc-launch"),
    "sdf": (0.0, 1, "GSDF · MSDF · ASDF", None),
    "indopacom": (1.0, 3, "US Indo-Pacific<br>Command", None),
    "usfj-old": (1.0, 2, "USFJ, Yokota:<br>manages bases, no<br>command authority", None),
    "usfj-new": (1.0, 2, "USFJ → joint<br>force HQ (phase 1<br>from {date:%b %Y})", "usfj-phase1"),
    "us-forces": (1.0, 1, "US forces in Japan", None),
}
LAYOUTS = {
    "2024 (before)": (["pm", "sdf", "indopacom", "usfj-old", "us-forces"],
                      [("pm", "sdf", False), ("indopacom", "us-forces", False),
                       ("indopacom", "usfj-old", False)]),
    "2026 (after)": (["pm", "jjoc", "sdf", "indopacom", "usfj-new", "us-forces"],
                     [("pm", "jjoc", False), ("jjoc", "sdf", False),
                      ("indopacom", "usfj-new", False), ("usfj-new", "us-forces", False),
                      ("jjoc", "usfj-new", True)]),
}


def _label_position(node: str) -> str:
    """Labels beside the node, or below it on the middle row, clear of the coordination line."""
    x, y, *_ = NODES[node]
    side = "right" if x == 0 else "left"
    return f"bottom {side}" if y == 2 else f"middle {side}"


def command_relationships(events: pd.DataFrame) -> go.Figure:
    """Two national chains of command, before (2024) and after (2026), switchable in the page.
    The JJOC and the upgraded USFJ are counterparts that coordinate: there is no combined HQ.
    Dated nodes take their dates from ``events`` (table events with sources), shown on hover."""
    events = events.set_index("id")

    def label(node: str) -> str:
        _, _, text, event = NODES[node]
        return text.format(date=events.loc[event, "date"]) if event else text

    def hover(node: str) -> str:
        event = NODES[node][3]
        return event_hover(next(events.loc[[event]].itertuples())) if event else label(node)

    fig = go.Figure()
    visibility = []
    for index, (nodes, links) in enumerate(LAYOUTS.values()):
        for start, end, dashed in links:
            (x0, y0, *_), (x1, y1, *_) = NODES[start], NODES[end]
            fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip",
                            showlegend=False, visible=index == 1,
                            line={"color": PALETTE["blue"] if dashed else LINK_COLOUR,
                                  "dash": "dash" if dashed else "solid", "width": 2})
            visibility.append(index)
        fig.add_scatter(x=[NODES[n][0] for n in nodes], y=[NODES[n][1] for n in nodes],
                        mode="markers+text", text=[label(n) for n in nodes],
                        textposition=[_label_position(n) for n in nodes],
                        hovertext=[hover(n) for n in nodes], hoverinfo="text", showlegend=False,
                        visible=index == 1,
                        marker={"size": 16, "color": [PALETTE["vermillion"] if NODES[n][0] == 0
                                                      else PALETTE["grey"] for n in nodes]})
        visibility.append(index)
    buttons = [{"label": year, "method": "update",
                "args": [{"visible": [v == index for v in visibility]}]}
               for index, year in enumerate(LAYOUTS)]
    fig.add_annotation(x=0.5, y=2.22, text="counterparts: coordinate (no combined HQ)",
                       showarrow=False)
    fig.update_layout(
        height=520, margin={"t": 130, "b": 70, "l": 10, "r": 10},
        xaxis={"visible": False, "range": [-0.05, 1.05]},
        yaxis={"visible": False, "range": [0.5, 3.5]},
        updatemenus=[{"type": "buttons", "direction": "right", "active": 1, "buttons": buttons,
                      "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"}])
    titled(fig, "Two national commands that coordinate, not one combined headquarters",
           "Command relationships in 2024 and 2026 (choose a year); Japan left, US right")
    return add_source(fig, "events")


# The export ladder: each step of loosening (an event of table events) and what it allowed.
LADDER = (
    ("export-ban-1976", "exports not promoted anywhere (virtual ban)"),
    ("export-principles-2014", "Three Principles: transfers allowed under conditions"),
    ("patriot-exports", "arms made under licence may go to the licensor (Patriots to the US)"),
    ("gcap-export-rule", "the GCAP fighter may go to third countries"),
    ("five-categories-abolished", "five-category limit abolished: lethal equipment in principle"),
)


def export_ladder(events: pd.DataFrame, as_of: str) -> go.Figure:
    """What Japan may export, step by step (dates and sources from ``events``, table events with
    its sources), drawn up to ``as_of``: all cabinet policy, never constitutional law."""
    steps = events.set_index("id").loc[[event for event, _ in LADDER]]
    dates = steps["date"].dt.strftime("%Y-%m-%d").tolist()
    levels = list(range(len(LADDER)))
    first, last = steps["date"].iloc[0].year, steps["date"].iloc[-1].year
    fig = go.Figure()
    fig.add_scatter(x=[*dates, as_of], y=[*levels, levels[-1]], mode="lines", line_shape="hv",
                    line={"color": PALETTE["vermillion"], "width": 3}, hoverinfo="skip",
                    showlegend=False)
    fig.add_scatter(x=dates, y=levels, mode="markers+text",
                    text=[f"{date:%Y}: {what}" for date, (_, what) in zip(steps["date"], LADDER,
                                                                          strict=True)],
                    textposition=["top right"] + ["top left"] * (len(LADDER) - 1),
                    marker={"size": 10, "color": PALETTE["vermillion"]},
                    hovertext=[event_hover(r) for r in steps.itertuples()], hoverinfo="text",
                    showlegend=False, textfont={"size": 11})
    fig.update_layout(height=460, margin={"t": 90, "b": 80},
                      yaxis={"title": "Step of loosening", "range": [-0.5, len(LADDER)],
                             "dtick": 1},
                      xaxis={"type": "date", "range": [f"{first - 2}-01-01", f"{last + 1}-06-01"]})
    titled(fig, f"Japan's export rules loosened in {len(LADDER) - 1} steps, all by cabinet "
           "decision",
           f"What Japan may export, {first}–{last} (policy, not constitutional law)")
    return add_source(fig, "events")
