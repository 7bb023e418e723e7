"""Explorers of the deterrence chapter: question wording in the polls, and financing the build-up.

- :func:`wording`: ``context["topics"]`` maps each topic to its poll questions, oldest first, as
  plain records (from table opinion_polls, with each row's source; the poll's month already
  written out, e.g. "Dec 2022"; a share the source does not report is None).
- :func:`financing`: ``context`` holds the FY2022 and FY2027 spending levels, the government's
  FY2027 mix and the income-surtax yield (table defence_financing), and the ``gap`` between the
  two levels; model :mod:`japansec.models.financing`. A teaching model, not a forecast.
"""

from __future__ import annotations

from typing import Any

from japansec.explorer import View
from japansec.models.financing import borrowed_over, cover_gap
from japansec.text import plain, wrap

# --- question wording ---------------------------------------------------------------------------
ALL_POLLSTERS = "all"
ANSWER_KEYS = ("for", "against", "other")


def wording(context: dict[str, Any], pollster: str, topic: str) -> View:
    """Three stacked bars per poll question of ``topic`` (for, against, a further answer): every
    pollster's questions, or only the chosen pollster's (one empty row saying so if it asked none
    on the topic)."""
    rows = [r for r in context["topics"][topic] if pollster in (ALL_POLLSTERS, r["pollster"])]
    if not rows:
        return View(traces=[{"x": [0.0], "y": [f"<b>{pollster}</b>: no question on this topic<br>"
                                               "in this book's table"], "text": [""],
                             "hovertext": [f"{pollster} asked no question on this topic in the "
                                           "polls this book records"]}
                            for _ in ANSWER_KEYS],
                    readout=f"{pollster} asked no question on this topic in the polls this book "
                            "records.")
    labels = [f"{r['short_question']}<br><b>{r['pollster']}</b>, {r['month']}" for r in rows]
    about = [f"<b>{r['pollster']}, {r['month']}</b> ({r['fieldwork']}; {r['mode']})<br>"
             f"Asked: {wrap(r['question'], 70)}<br>Reported: {wrap(r['source_words'], 70)}<br>"
             f"<i>Source: {r['source_publisher']}, {r['source_date']}</i>" for r in rows]
    traces = []
    for answer in ANSWER_KEYS:
        values = [r[f"{answer}_pct"] for r in rows]
        names = [r[f"{answer}_label"] for r in rows]
        text = [f"{v:g} % {n}" if v is not None else "" for v, n in zip(values, names,
                                                                          strict=True)]
        hover = [f"{t or f'({answer} share not reported)'}<br>{a}"
                 for t, a in zip(text, about, strict=True)]
        # A share the source does not report is drawn as an empty bar (0) and said in the hover.
        traces.append({"x": [float(v) if v is not None else 0.0 for v in values], "y": labels,
                       "text": text, "hovertext": hover})
    answers = [f"{r['pollster']}, {r['month']}, {plain(r['short_question'])}: "
               + ", ".join(f"{r[f'{a}_pct']:g} % {r[f'{a}_label']}" for a in ANSWER_KEYS
                           if r[f"{a}_pct"] is not None) for r in rows]
    readout = f"{len(rows)} question{'s' * (len(rows) != 1)}. " + ". ".join(answers) + "."
    return View(traces=traces, readout=readout)


# --- financing ----------------------------------------------------------------------------------
PERIOD_YEARS = 10  # borrowing added up over FY2027–FY2036
FIRST_YEAR = 2027
PART_NAMES = ("Tax", "Cuts", "Fund", "Surpluses", "Borrowing")
ROWS = ("Government plan, Dec 2022", "Your mix", "What it means")


def one_off_parts(context: dict[str, Any], choice: str) -> tuple[float, float]:
    """The fund and the surpluses a one-off option counts on, trillion yen a year."""
    return {"planned": (context["fy2027-fund"], context["fy2027-surplus"]),
            "surplus": (0.0, context["fy2027-surplus"]), "none": (0.0, 0.0)}[choice]


def financing(context: dict[str, Any], tax: float, one_off: str, cuts: float) -> View:
    """Stacked bars of the government's FY2027 mix and the reader's, and a text of consequences."""
    gap = context["gap"]
    fund, surplus = one_off_parts(context, one_off)
    mine = cover_gap(gap, tax=tax, cuts=cuts, one_off=fund + surplus)
    # The government named fund, surpluses and cuts; tax is "over ¥1 tn": the rest of the gap.
    planned_one_off = context["fy2027-fund"] + context["fy2027-surplus"]
    government = cover_gap(gap, tax=gap - planned_one_off - context["fy2027-cuts"],
                           cuts=context["fy2027-cuts"], one_off=planned_one_off)
    parts_gov = [government.tax, government.cuts, context["fy2027-fund"],
                 context["fy2027-surplus"], government.borrowing]
    parts_mine = [mine.tax, mine.cuts, fund, surplus, mine.borrowing]
    traces = [{"x": [round(g, 4), round(m, 4)], "y": list(ROWS[:2]),
               "text": [f"{name}<br>¥{g:.2f}" if g else "", f"{name}<br>¥{m:.2f}" if m else ""]}
              for name, g, m in zip(PART_NAMES, parts_gov, parts_mine, strict=True)]
    total = borrowed_over(mine, PERIOD_YEARS)
    last = FIRST_YEAR + PERIOD_YEARS - 1
    mix = " · ".join(f"{name.lower()} {value:.2f}" for name, value in zip(PART_NAMES, parts_mine,
                                                                          strict=True))
    lines = [f"Gap to cover every year from FY{FIRST_YEAR}: ¥{gap:.1f} tn",
             f"Your mix, ¥ tn a year: {mix}",
             f"Borrowing: ¥{mine.borrowing:.2f} tn a year, ¥{total:.1f} tn by FY{last}, "
             "before interest",
             f"Tax: {mine.tax / context['tax-income-2027']:.1f} times the 1 % income-tax surtax "
             f"of 2027 (¥{context['tax-income-2027']:g} tn a year)"]
    if mine.excess:
        lines.append(f"Your sources exceed the gap by ¥{mine.excess:.2f} tn a year")
    text = "<br>".join(wrap(line, 52) for line in lines)
    traces.append({"x": [0.05], "y": [ROWS[2]], "text": [text]})
    return View(traces=traces, readout=". ".join(lines[1:]) + ".")
