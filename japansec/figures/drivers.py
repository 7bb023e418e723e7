"""Figures of the drivers chapter (chapters/drivers.ipynb): the threats in numbers.

Every function takes its table(s) from the data package as arguments (``data.load(...)``, joined
with ``data.with_sources`` where hover text names a row's source) and returns a Plotly figure with
its source line at the foot. Titles state what the data show, computed from the data.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from japansec.style import COUNTRY_COLOURS, PALETTE, add_source, source_note, titled, wrap

NORTH_KOREA_COLOUR = PALETTE["orange"]
COUNTERS = {
    "cns_missiles": ("Missiles (CNS database)", "bar"),
    "cns_launch_days": ("Launch dates (CNS database)", "line"),
    "mod_missiles": ("Missiles (Japan's Ministry of Defense)", "marker"),
    "mod_launch_occasions": ("Launch occasions (Japan's Ministry of Defense)", "marker"),
}


def scramble_table(scrambles: pd.DataFrame) -> pd.DataFrame:
    """Scrambles as one row per fiscal year: total, china, russia and other (the rest)."""
    wide = scrambles.pivot(index="fiscal_year", columns="target", values="count")
    wide = wide.dropna(subset=["china", "russia"]).astype(int)
    wide["other"] = wide["total"] - wide["china"] - wide["russia"]
    if (wide["other"] < 0).any():
        bad = wide.index[wide["other"] < 0].tolist()
        raise ValueError(f"scrambles.csv: China + Russia exceed the total in FY {bad}")
    return wide


def scrambles_chart(scrambles: pd.DataFrame) -> go.Figure:
    """Stacked bars per fiscal year (China, Russia, others) against the Cold War peak (FY1984)."""
    wide = scramble_table(scrambles)
    totals = scrambles[scrambles["target"] == "total"].set_index("fiscal_year")
    peak_cold_war = int(totals.loc[1984, "count"])
    notes = totals["note"].fillna("")
    fig = go.Figure()
    parts = [("china", "China", COUNTRY_COLOURS["China"]),
             ("russia", "Russia", COUNTRY_COLOURS["Russia"]),
             ("other", "Others", PALETTE["grey"])]
    years = wide.index.tolist()
    for column, label, colour in parts:
        fig.add_bar(x=years, y=wide[column].tolist(), name=label, marker_color=colour,
                    hovertemplate=f"{label}: %{{y:,}}<extra></extra>")
    fig.add_scatter(
        x=years, y=wide["total"].tolist(), mode="markers", name="Total",
        marker={"symbol": "line-ew-open", "size": 14, "color": PALETTE["green"]},
        hovertext=[f"Total FY{y}: {wide.loc[y, 'total']:,}"
                   + (f"<br>{wrap(notes.get(y, ''))}" if notes.get(y, "") else "")
                   for y in years], hoverinfo="text")
    fig.add_hline(y=peak_cold_war, line={"color": PALETTE["vermillion"], "dash": "dash"},
                  annotation_text=f"Cold War peak, FY1984: {peak_cold_war:,}",
                  annotation_position="top left")
    record = wide["total"].idxmax()
    fig.update_layout(barmode="stack", height=520, hovermode="x unified",
                      xaxis={"dtick": 1, "title": None},
                      yaxis={"title": "Scrambles per fiscal year"}, margin={"t": 110, "b": 150})
    titled(fig, f"Scrambles peaked at {wide.loc[record, 'total']:,} in FY{record}, above the Cold "
                "War record",
           f"ASDF scrambles by the aircraft's country, fiscal years (April–March) "
           f"{years[0]}–{years[-1]}")
    return add_source(fig, "scrambles")


def senkaku_chart(senkaku: pd.DataFrame) -> go.Figure:
    """Days per year with Chinese government ships in the contiguous zone and in the territorial
    sea, and territorial-sea incidents: three measures, kept apart."""
    rows = senkaku
    styles = {
        "contiguous_days": ("Days in the contiguous zone (12–24 nm)", "lines+markers",
                            COUNTRY_COLOURS["China"], "circle"),
        "territorial_days": ("Days in the territorial sea (0–12 nm)", "lines+markers",
                             PALETTE["sky"], "square"),
        "territorial_incidents": ("Territorial-sea intrusions, counted as incidents", "markers",
                                  PALETTE["vermillion"], "diamond-open"),
    }
    fig = go.Figure()
    for measure, (label, mode, colour, symbol) in styles.items():
        part = rows[rows["measure"] == measure].sort_values("year")
        hover = [f"{label}, {r.year}: {r.value}"
                 + (f"<br>{wrap(r.note)}" if pd.notna(r.note) else "") + f"<br>{source_note(r)}"
                 for r in part.itertuples()]
        fig.add_scatter(x=part["year"].tolist(), y=part["value"].tolist(), name=label, mode=mode,
                        line={"color": colour, "width": 3}, hovertext=hover, hoverinfo="text",
                        marker={"color": colour, "symbol": symbol, "size": 9,
                                "line": {"width": 2, "color": colour}})
    contiguous = rows[rows["measure"] == "contiguous_days"].set_index("year")["value"]
    first, last = contiguous.index.min(), contiguous.index.max()
    fig.update_layout(height=500, hovermode="closest", margin={"t": 110, "b": 170},
                      xaxis={"dtick": 1, "title": None},
                      yaxis={"title": "Days (or incidents) per year", "range": [0, 370]})
    titled(fig, f"Chinese government ships near the Senkakus: {contiguous[first]} days in {first}, "
                f"{contiguous[last]} in {last}",
           "Japan Coast Guard counts per calendar year; days and incidents are different measures")
    return add_source(fig, "senkaku")


def nk_missiles_chart(missiles: pd.DataFrame) -> go.Figure:
    """North Korean ballistic missiles per year by counter: CNS missiles (bars), CNS launch dates
    (line) and Japan's Ministry of Defense counts (markers), where sourced."""
    fig = go.Figure()
    colours = {"cns_missiles": NORTH_KOREA_COLOUR, "cns_launch_days": PALETTE["green"],
               "mod_missiles": PALETTE["vermillion"], "mod_launch_occasions": PALETTE["blue"]}
    symbols = {"mod_missiles": "diamond", "mod_launch_occasions": "x"}
    for counter, (label, kind) in COUNTERS.items():
        part = missiles[missiles["counter"] == counter].sort_values("year")
        hover = [f"{label}, {r.year}: {'at least ' if r.at_least else ''}{r.value}"
                 + (f"<br>{wrap(r.note)}" if pd.notna(r.note) else "") + f"<br>{source_note(r)}"
                 for r in part.itertuples()]
        common = {"x": part["year"].tolist(), "y": part["value"].tolist(), "name": label,
                  "hovertext": hover, "hoverinfo": "text"}
        if kind == "bar":
            fig.add_bar(**common, marker_color=colours[counter])
        elif kind == "line":
            fig.add_scatter(**common, mode="lines+markers",
                            line={"color": colours[counter], "width": 2, "dash": "dot"})
        else:
            fig.add_scatter(**common, mode="markers",
                            marker={"color": colours[counter], "symbol": symbols[counter],
                                    "size": 12, "line": {"width": 2, "color": colours[counter]}})
    records = {int(part.loc[part["value"].idxmax(), "year"])
               for _, part in missiles.groupby("counter")}
    record = max(missiles[missiles["counter"] == "cns_missiles"].pipe(
        lambda f: f.set_index("year")["value"]).items(), key=lambda kv: kv[1])[0]
    finding = (f"{record} was the record year by every count in the table, but the counts differ"
               if records == {record} else "The record year depends on who counts")
    fig.update_layout(height=500, hovermode="closest", margin={"t": 110, "b": 170},
                      xaxis={"dtick": 1, "title": None}, yaxis={"title": "Per calendar year"})
    titled(fig, finding,
           "North Korean ballistic missiles per year: CNS counts and, where sourced, Japan's")
    return add_source(fig, "nk_missiles")


def joint_activities_chart(joint: pd.DataFrame) -> go.Figure:
    """China–Russia joint bomber flights and naval patrols on a time line; open markers are
    activities not near Japan, diamonds those only relayed."""
    lanes = {"bomber_flight": "Joint bomber flights", "naval_patrol": "Joint naval patrols"}
    fig = go.Figure()
    for kind, label in lanes.items():
        rows = joint[joint["kind"] == kind]
        for near, status in [(True, "done"), (True, "reported"), (False, "done")]:
            part = rows[(rows["near_japan"] == near) & (rows["status"] == status)]
            if part.empty:
                continue
            symbol = "circle" if near and status == "done" else (
                "diamond-open" if near else "circle-open")
            hover = [f"<b>{r.date:%d %b %Y}</b>"
                     f"{'' if r.date_precision == 'day' else ' (month only)'}"
                     f"{'' if r.near_japan else ' · not near Japan'}<br>{wrap(r.summary)}<br>"
                     f"{source_note(r)}" for r in part.itertuples()]
            fig.add_scatter(x=part["date"].dt.strftime("%Y-%m-%d").tolist(),
                            y=[label] * len(part), mode="markers", showlegend=False,
                            hovertext=hover, hoverinfo="text",
                            marker={"size": 15, "symbol": symbol, "color": PALETTE["purple"],
                                    "line": {"width": 2, "color": PALETTE["purple"]}})
    near = joint[joint["near_japan"]]
    fig.update_layout(height=330, hovermode="closest", margin={"t": 110, "b": 110, "l": 150},
                      yaxis={"title": None, "categoryorder": "array",
                             "categoryarray": list(lanes.values())[::-1]},
                      xaxis={"type": "date", "title": None})
    titled(fig, f"{len(near)} joint Chinese–Russian flights and patrols near Japan since "
                f"{near['date'].min():%Y}",
           "Filled: near Japan · open circle: elsewhere · open diamond: relayed, month only")
    return add_source(fig, "china_russia_joint")


def china_budget_chart(budget: pd.DataFrame) -> go.Figure:
    """China's announced defence budget (bars, billion yuan) with the announced rise (text)."""
    budget = budget.sort_values("year")
    first, last = budget.iloc[0], budget.iloc[-1]
    fig = go.Figure()
    fig.add_bar(
        x=budget["year"].tolist(), y=budget["amount_bn_yuan"].tolist(),
        marker_color=COUNTRY_COLOURS["China"], name="Announced budget",
        text=[f"+{g:g}%" for g in budget["growth_pct"]], textposition="outside",
        hovertext=[f"{r.year}: {r.amount_bn_yuan:,.1f} bn yuan, +{r.growth_pct:g} %"
                   + (f"<br>{wrap(r.note)}" if pd.notna(r.note) else "") + f"<br>{source_note(r)}"
                   for r in budget.itertuples()], hoverinfo="text")
    ratio = last["amount_bn_yuan"] / first["amount_bn_yuan"]
    fig.update_layout(height=480, hovermode="closest", showlegend=False,
                      margin={"t": 110, "b": 120}, xaxis={"dtick": 1, "title": None},
                      yaxis={"title": "Billion yuan (current)", "rangemode": "tozero"})
    titled(fig, f"China's announced defence budget: {ratio:.1f} times its {int(first['year'])} "
                f"level by {int(last['year'])}",
           "Billion current yuan as announced; text: announced rise on the previous year")
    return add_source(fig, "china_budget")
