"""Explorers of the deterrence chapter (chapters/deterrence.ipynb).

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

import pandas as pd
import plotly.graph_objects as go

from japansec import data
from japansec.explorer import Choice, Deferred, Scenario, Slider, View
from japansec.models.financing import borrowed_over, cover_gap
from japansec.style import PALETTE, add_source, text_on, titled, wrap

# --- WORDING ------------------------------------------------------------------------------------
TOPICS = {
    "financing": "Paying for it: taxes and bonds",
    "plan": "The ¥43 trillion five-year plan",
    "spending": "Raising defence spending",
    "counterstrike": "Counterstrike capability",
    "nuclear": "Nuclear questions",
}
ALL_POLLSTERS = "all"
ANSWERS = (("for", PALETTE["blue"]), ("against", PALETTE["vermillion"]),
           ("other", PALETTE["grey"]))
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
def topic_rows(topic: str) -> tuple[dict, ...]:
    """The polls of one topic as plain records (missing values as None), oldest first."""
    frame = polls()[polls()["topic"] == topic].astype(object)
    return tuple({k: (None if pd.isna(v) else v) for k, v in row.items()}
                 for row in frame.to_dict("records"))


def wording_compute(pollster: str, topic: str) -> View:
    """Three stacked bars per poll question of ``topic`` (for, against, a further answer): every
    pollster's questions, or only the chosen pollster's (one empty row saying so if it asked none
    on the topic)."""
    rows = [r for r in topic_rows(topic) if pollster in (ALL_POLLSTERS, r["pollster"])]
    if not rows:
        return View(traces=[{"x": [0.0], "y": [f"<b>{pollster}</b>: no question on this topic<br>"
                                               "in this book's table"], "text": [""],
                             "hovertext": [f"{pollster} asked no question on this topic in the "
                                           "polls this book records"]}
                            for _ in ANSWER_NAMES])
    labels = [f"{r['short_question']}<br><b>{r['pollster']}</b>, {r['date']:%b %Y}" for r in rows]
    about = [f"<b>{r['pollster']}, {r['date']:%b %Y}</b> ({r['fieldwork']}; {r['mode']})<br>"
             f"Asked: {wrap(r['question'], 70)}<br>Reported: {wrap(r['source_words'], 70)}<br>"
             f"<i>Source: {r['source_publisher']}, {r['source_date']}</i>" for r in rows]
    traces = []
    for answer in ANSWER_NAMES:
        values = [r[f"{answer}_pct"] for r in rows]
        names = [r[f"{answer}_label"] for r in rows]
        text = [f"{v:g} % {n}" if v is not None else "" for v, n in zip(values, names,
                                                                          strict=True)]
        hover = [f"{t or f'({answer} share not reported)'}<br>{a}"
                 for t, a in zip(text, about, strict=True)]
        # A share the source does not report is drawn as an empty bar (0) and said in the hover.
        traces.append({"x": [float(v) if v is not None else 0.0 for v in values], "y": labels,
                       "text": text, "hovertext": hover})
    return View(traces=traces)


def wording_figure(view: View) -> go.Figure:
    """Horizontal stacked bars, one row per poll question, 0–100 %."""
    fig = go.Figure()
    for (answer, colour), trace in zip(ANSWERS, view.traces, strict=True):
        fig.add_bar(**trace, orientation="h", marker_color=colour, name=ANSWER_NAMES[answer],
                    textposition="inside", insidetextanchor="start", hoverinfo="text",
                    insidetextfont={"size": 11, "color": text_on(colour)},
                    showlegend=False)
    fig.update_layout(barmode="stack", height=860, hovermode="closest",
                      xaxis={"range": [0, 100], "dtick": 20, "ticksuffix": " %"},
                      yaxis={"autorange": "reversed", "title": None, "automargin": True},
                      margin={"t": 150, "b": 230, "l": 10})
    titled(fig, "Ask about a capability, most say yes; ask about taxes, most say no",
           "Polls 2022–2026, % of respondents · slider: pollster · menu: topic")
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
    compute=wording_compute,
    figure=wording_figure,
)

# --- FINANCING ----------------------------------------------------------------------------------
PERIOD_YEARS = 10  # borrowing added up over FY2027–FY2036
FIRST_YEAR = 2027


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


def _one_off_parts(choice: str) -> tuple[float, float]:
    base = financing_inputs()
    return {"planned": (base["fy2027-fund"], base["fy2027-surplus"]),
            "surplus": (0.0, base["fy2027-surplus"]), "none": (0.0, 0.0)}[choice]


FINANCING_PARTS = (("Tax", PALETTE["orange"]), ("Cuts (spending reform)", PALETTE["green"]),
                   ("Fund (non-tax revenue)", PALETTE["sky"]),
                   ("Surpluses (of past budgets)", PALETTE["purple"]),
                   ("Borrowing", PALETTE["vermillion"]))
ROWS = ("Government plan, Dec 2022", "Your mix", "What it means")


def financing_compute(tax: float, one_off: str, cuts: float) -> View:
    """Stacked bars of the government's FY2027 mix and the reader's, and a text of consequences."""
    base = financing_inputs()
    fund, surplus = _one_off_parts(one_off)
    mine = cover_gap(base["gap"], tax=tax, cuts=cuts, one_off=fund + surplus)
    # The government named fund, surpluses and cuts; tax is "over ¥1 tn": the rest of the gap.
    gov_fixed = base["fy2027-fund"] + base["fy2027-surplus"] + base["fy2027-cuts"]
    government = cover_gap(base["gap"], tax=base["gap"] - gov_fixed, cuts=base["fy2027-cuts"],
                           one_off=base["fy2027-fund"] + base["fy2027-surplus"])
    parts_gov = [government.tax, government.cuts, base["fy2027-fund"], base["fy2027-surplus"],
                 government.borrowing]
    parts_mine = [mine.tax, mine.cuts, fund, surplus, mine.borrowing]
    names = [name.split(" (")[0] for name, _ in FINANCING_PARTS]
    traces = [{"x": [round(g, 4), round(m, 4)], "y": list(ROWS[:2]),
               "text": [f"{name}<br>¥{g:.2f}" if g else "", f"{name}<br>¥{m:.2f}" if m else ""]}
              for name, g, m in zip(names, parts_gov, parts_mine, strict=True)]
    total = borrowed_over(mine, PERIOD_YEARS)
    last = FIRST_YEAR + PERIOD_YEARS - 1
    mix = " · ".join(f"{name.lower()} {value:.2f}" for name, value in zip(names, parts_mine,
                                                                          strict=True))
    lines = [f"Gap to cover every year from FY{FIRST_YEAR}: ¥{base['gap']:.1f} tn",
             f"Your mix, ¥ tn a year: {mix}",
             f"Borrowing: ¥{mine.borrowing:.2f} tn a year, ¥{total:.1f} tn by FY{last}, "
             "before interest",
             f"Tax: {mine.tax / base['tax-income-2027']:.1f} times the 1 % income-tax surtax of "
             f"2027 (¥{base['tax-income-2027']:g} tn a year)"]
    if mine.excess:
        lines.append(f"Your sources exceed the gap by ¥{mine.excess:.2f} tn a year")
    text = "<br>".join(wrap(line, 52) for line in lines)
    traces.append({"x": [0.05], "y": [ROWS[2]], "text": [text]})
    return View(traces=traces)


def financing_figure(view: View) -> go.Figure:
    """Two stacked bars (government, reader) and the consequences written below them."""
    fig = go.Figure()
    for (name, colour), trace in zip(FINANCING_PARTS, view.traces, strict=False):
        fig.add_bar(**trace, orientation="h", name=name, marker_color=colour,
                    textposition="inside", insidetextanchor="middle", textangle=0,
                    insidetextfont={"color": text_on(colour)},
                    showlegend=False,
                    hovertemplate=f"{name}: ¥%{{x:.2f}} tn a year<extra></extra>")
    fig.add_scatter(**view.traces[-1], mode="text", textposition="bottom right",
                    showlegend=False, hoverinfo="skip", textfont={"size": 13}, cliponaxis=False)
    fig.update_layout(barmode="stack", height=640, hovermode="closest",
                      uniformtext={"minsize": 9, "mode": "hide"},
                      xaxis={"range": [0, 6], "dtick": 1, "ticksuffix": " tn"},
                      yaxis={"categoryorder": "array", "categoryarray": list(ROWS)[::-1],
                             "range": [-1.9, 2.5], "title": None, "automargin": True},
                      margin={"t": 130, "b": 230})
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
    compute=financing_compute,
    figure=financing_figure,
)
