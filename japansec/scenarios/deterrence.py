"""Explorers of the deterrence chapter (chapters/deterrence.ipynb), computed by
:func:`japansec.compute.deterrence.wording` and :func:`japansec.compute.deterrence.financing`.

- WORDING: the same months, different pollsters and wordings, different answers. The reader picks
  a pollster (or all of them) and a topic, and compares the answers with
  the question each poll asked. Data: table opinion_polls, one row per poll question.
- FINANCING: which mix of taxes, spending cuts and one-off sources covers the yearly cost of the
  build-up from FY2027, and how much would be borrowed instead. Data: table defence_financing
  (the FY2022 and FY2027 spending levels and the government's December 2022 mix); model:
  japansec.models.financing. A teaching model, not a forecast.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from japansec import data
from japansec.compute.deterrence import ALL_POLLSTERS, ANSWER_KEYS, ROWS, financing, wording
from japansec.explorer import Choice, Deferred, Scenario, Slider, View
from japansec.style import PALETTE, add_source, text_on, titled

# --- WORDING ------------------------------------------------------------------------------------
TOPICS = {
    "financing": "Paying for it: taxes and bonds",
    "plan": "The ¥43 trillion five-year plan",
    "spending": "Raising defence spending",
    "counterstrike": "Counterstrike capability",
    "nuclear": "Nuclear questions",
}
ANSWERS = tuple(zip(ANSWER_KEYS, (PALETTE["blue"], PALETTE["vermillion"], PALETTE["grey"]),
                    strict=True))
ANSWER_NAMES = {"for": "Supporting answer", "against": "Opposing answer",
                "other": "Further answer"}


@cache
def polls() -> pd.DataFrame:
    """Table opinion_polls with each row's source, oldest first."""
    frame = data.with_sources(data.load("opinion_polls"))
    return frame.sort_values(["date", "pollster", "id"]).reset_index(drop=True)


def pollster_options() -> tuple[tuple[str, str], ...]:
    """'All pollsters' and every pollster in the table, as (label, value) options."""
    names = sorted(polls()["pollster"].unique())
    return (("All pollsters", ALL_POLLSTERS), *((name, name) for name in names))


@cache
def wording_context() -> dict[str, Any]:
    """The polls of each topic as plain records, oldest first (see
    :mod:`japansec.compute.deterrence`): missing values as None, the poll's month written out."""
    frame = polls().astype(object)
    records = [{k: (None if pd.isna(v) else v) for k, v in row.items()}
               for row in frame.to_dict("records")]
    keep = ("pollster", "fieldwork", "mode", "question", "short_question", "source_words",
            "source_publisher", "source_date", *(f"{answer}_{part}" for answer in ANSWER_KEYS
                                                 for part in ("pct", "label")))
    return {"topics": {topic: [{key: r[key] for key in keep} | {"month": f"{r['date']:%b %Y}"}
                               for r in records if r["topic"] == topic] for topic in TOPICS}}


def wording_figure(view: View) -> go.Figure:
    """Horizontal stacked bars, one row per poll question, 0–100 %."""
    fig = go.Figure()
    for (answer, colour), trace in zip(ANSWERS, view.traces, strict=True):
        fig.add_bar(**trace, orientation="h", marker_color=colour, name=ANSWER_NAMES[answer],
                    textposition="inside", insidetextanchor="start", hoverinfo="text",
                    insidetextfont={"size": 11, "color": text_on(colour)},
                    showlegend=False)
    fig.update_layout(barmode="stack", height=740, hovermode="closest",
                      xaxis={"range": [0, 100], "dtick": 20, "ticksuffix": " %"},
                      yaxis={"autorange": "reversed", "title": None, "automargin": True},
                      margin={"t": 100, "b": 110, "l": 10})
    titled(fig, "Ask about a capability, most say yes; ask about taxes, most say no",
           "Polls 2022–2026, % of respondents · choose a pollster and a topic below")
    return add_source(fig, "opinion_polls")


WORDING = Scenario(
    name="wording",
    title="Question-wording explorer",
    description=("Compares what Japanese pollsters asked about defence, 2022–2026, and what "
                 "respondents answered: choose a pollster (or all) and a topic."),
    parameters=Deferred(lambda: (
        Choice("pollster", "Pollster", pollster_options(), ALL_POLLSTERS),
        Choice("topic", "Topic", tuple((label, key) for key, label in TOPICS.items()),
               "financing"),
    )),
    compute=wording,
    figure=wording_figure,
    context=wording_context,
)

# --- FINANCING ----------------------------------------------------------------------------------
@cache
def financing_inputs() -> dict[str, float]:
    """The FY2022 and FY2027 levels, the government's FY2027 mix and the income-surtax yield."""
    rows = data.load("defence_financing").set_index("id")["amount_trillion_yen"]
    values = {key: float(rows[key]) for key in (
        "plan-level-fy2022", "plan-level-fy2027", "fy2027-fund", "fy2027-surplus",
        "fy2027-cuts", "fy2027-tax", "tax-income-2027")}
    values["gap"] = round(values["plan-level-fy2027"] - values["plan-level-fy2022"], 6)
    return values


def one_off_options() -> tuple[tuple[str, str], ...]:
    base = financing_inputs()
    planned = base["fy2027-fund"] + base["fy2027-surplus"]
    return ((f"Fund and surpluses, as planned (¥{planned:g} tn)", "planned"),
            (f"Surpluses only (¥{base['fy2027-surplus']:g} tn)", "surplus"),
            ("No one-off sources", "none"))


# The legend's names and colours of the compute's parts (PART_NAMES), in its order.
FINANCING_PARTS = tuple(zip(
    ("Tax", "Cuts (spending reform)", "Fund (non-tax revenue)", "Surpluses (of past budgets)",
     "Borrowing"),
    (PALETTE["orange"], PALETTE["green"], PALETTE["sky"], PALETTE["purple"],
     PALETTE["vermillion"]), strict=True))


def financing_figure(view: View) -> go.Figure:
    """Two stacked bars (government, reader) and the consequences written below them."""
    fig = go.Figure()
    for (name, colour), trace in zip(FINANCING_PARTS, view.traces, strict=False):
        fig.add_bar(**trace, orientation="h", name=name, marker_color=colour,
                    textposition="inside", insidetextanchor="middle", textangle=0,
                    insidetextfont={"color": text_on(colour)},
                    showlegend=False,
                    hovertemplate=f"{name}: ¥%{{x:.2f}} tn a year<extra></extra>")
    # Not style.summary_text, which the page may leave to the readout: the readout leaves out the
    # first line (the gap). Its room is reserved below the bars instead.
    fig.add_scatter(**view.traces[-1], mode="text", textposition="bottom right",
                    showlegend=False, hoverinfo="skip", textfont={"size": 13}, cliponaxis=False)
    # Room under "What it means" for its text wrapped on a phone (about 13 lines at 360 px).
    fig.update_layout(barmode="stack", height=640, hovermode="closest",
                      uniformtext={"minsize": 9, "mode": "hide"},
                      xaxis={"range": [0, 6], "dtick": 1, "ticksuffix": " tn"},
                      # Row labels on two lines where they have a comma: a narrower label
                      # column leaves the plot, and the text under it, more of a phone's width.
                      yaxis={"categoryorder": "array", "categoryarray": list(ROWS)[::-1],
                             "tickmode": "array", "tickvals": list(ROWS),
                             "ticktext": [row.replace(", ", ",<br>") for row in ROWS],
                             "range": [-3.6, 2.5], "title": None, "automargin": True},
                      margin={"t": 100, "b": 110})
    titled(fig, "Who pays for the build-up? Taxes, cuts, windfalls — or debt",
           "Teaching model, ¥ tn a year from FY2027; borrowing covers the rest")
    return add_source(fig, "defence_financing")


FINANCING = Scenario(
    name="financing",
    title="Financing explorer",
    description=("Covers the yearly cost of the build-up from FY2027 (the FY2027 spending level "
                 "minus FY2022's) with your mix of taxes, spending cuts and one-off sources; "
                 "whatever they leave is borrowed."),
    parameters=Deferred(lambda: (
        Slider("tax", "New taxes", "¥ tn a year", 0, 3, 0.25, 1.0),
        Choice("one_off", "One-off sources", one_off_options(), "planned"),
        Slider("cuts", "Spending cuts elsewhere", "¥ tn a year", 0, 2, 0.25, 1.0),
    )),
    compute=financing,
    figure=financing_figure,
    context=financing_inputs,
)
