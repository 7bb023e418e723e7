"""Figures and tables of the deterrence chapter (chapters/deterrence.ipynb), built from the data
package: functions take the tables as data frames (joined to their sources with
``data.with_sources``) and return a Plotly figure or a display table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from japansec.style import PALETTE, STATUS_SYMBOLS, add_source, source_note, titled, wrap

LANES = {"nuclear": ("Nuclear", PALETTE["purple"]),
         "law": ("Law, politics", PALETTE["blue"]),
         "money": ("Money", PALETTE["orange"])}


def milestones_timeline(milestones: pd.DataFrame, start: str = "2014-01-01") -> go.Figure:
    """Milestones from ``start`` in three lanes (nuclear, law, money); filled markers are done,
    open ones announced or only reported. Hover shows the summary and the source."""
    unknown = set(milestones["lane"]) - set(LANES)
    if unknown:
        raise ValueError(f"milestones: unknown lanes {sorted(unknown)}; known: {list(LANES)}")
    rows = milestones[milestones["date"] >= start]
    fig = go.Figure()
    for lane, (label, colour) in LANES.items():
        for status, symbol in STATUS_SYMBOLS.items():
            part = rows[(rows["lane"] == lane) & (rows["status"] == status)]
            if part.empty:
                continue
            when = [f"{r.date:%d %b %Y}" if r.date_precision == "day" else f"{r.date:%b %Y}"
                    for r in part.itertuples()]
            fig.add_scatter(
                x=part["date"].dt.strftime("%Y-%m-%d").tolist(), y=[label] * len(part),
                mode="markers", name=f"{label} ({status})", showlegend=False, hoverinfo="text",
                hovertext=[f"<b>{r.title}</b><br>{w} · {r.status}<br>{wrap(r.summary)}<br>"
                           f"{source_note(r)}" for r, w in zip(part.itertuples(), when,
                                                               strict=True)],
                marker={"color": colour, "symbol": symbol, "size": 13,
                        "line": {"width": 2, "color": colour}})
    fig.update_layout(height=330, hovermode="closest", margin={"b": 70, "l": 10},
                      xaxis={"type": "date", "title": None},
                      yaxis={"categoryorder": "array", "automargin": True, "title": None,
                             "categoryarray": [v[0] for v in LANES.values()][::-1]})
    first = pd.Timestamp(start).year
    titled(fig, "Law in 2014–16; money and the bomb after 2022",
           f"Milestones {first}–{rows['date'].max():%Y}; filled = done, open = announced or "
           "reported; hover for details")
    return add_source(fig, "deterrence_milestones")


def _result(row: pd.Series) -> str:
    """'61 % for · 34 % against' from a poll row, skipping shares the source does not report."""
    parts = [f"{row[f'{answer}_pct']:g} % {row[f'{answer}_label']}"
             for answer in ("for", "against", "other") if pd.notna(row[f"{answer}_pct"])]
    return " · ".join(parts)


def poll_table(polls: pd.DataFrame) -> pd.io.formats.style.Styler:
    """The poll table for reading, oldest first: date, pollster, question, result, source."""
    frame = polls.sort_values(["date", "pollster", "id"])
    table = pd.DataFrame({
        "Date": [f"{d:%Y-%m-%d}" if p == "day" else f"{d:%Y-%m}"
                 for d, p in zip(frame["date"], frame["date_precision"], strict=True)],
        "Pollster": frame["pollster"],
        "Question (our English, from the source's report)": frame["question"],
        "Result": [_result(row) for _, row in frame.iterrows()],
        "Reported by": frame["source_publisher"],
    })
    return table.style.hide(axis="index")


def financing_table(financing: pd.DataFrame) -> pd.io.formats.style.Styler:
    """The financing plan's rows for reading, with ranges written out."""
    frame = financing.copy()
    frame["amount"] = [f"{lo:g}" if pd.isna(hi) else f"{lo:g}–{hi:g}"
                       for lo, hi in zip(frame["amount_trillion_yen"],
                                         frame["amount_high_trillion_yen"], strict=True)]
    frame = frame[["item", "period", "amount", "source_publisher"]].rename(columns={
        "item": "Item", "period": "Period", "amount": "¥ trillion",
        "source_publisher": "Reported by"})
    return frame.astype(object).where(lambda f: f.notna(), "–").style.hide(axis="index")
