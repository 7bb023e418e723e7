"""Threat-index explorer: the reader weights six indicators and picks the normalisation.

``context`` (from :func:`japansec.scenarios.drivers.context`): ``years`` (the years every series
covers) and ``series`` (indicator → one value a year). The composite is the weighted mean of the
normalised series (:mod:`japansec.models.threat_index`).
"""

from __future__ import annotations

from typing import Any

from japansec.explorer import View
from japansec.models.threat_index import composite, normalise

INDICATOR_NAMES = ("nk_missiles", "scrambles_china", "scrambles_russia", "senkaku_days",
                   "joint_activities", "china_budget")


def threat_index(context: dict[str, Any], nk_missiles: float, normalisation: str,
                 scrambles_china: float, scrambles_russia: float, senkaku_days: float,
                 joint_activities: float, china_budget: float) -> View:
    """Traces: the composite, each normalised indicator, and a one-line reading of the result."""
    years, series = context["years"], context["series"]
    weights = {"nk_missiles": nk_missiles, "scrambles_china": scrambles_china,
               "scrambles_russia": scrambles_russia, "senkaku_days": senkaku_days,
               "joint_activities": joint_activities, "china_budget": china_budget}
    if sum(weights.values()) == 0:
        index = [0.0] * len(years)
        reading = "All weights are 0: no index"
    else:
        index = composite(series, weights, normalisation)
        peak = years[index.index(max(index))]
        low = years[index.index(min(index))]
        change = index[-1] - index[0]
        reading = f"Peak {peak} · low {low} · {years[-1]} vs {years[0]}: {change:+.2f}"
    scaled = {name: normalise(series[name], normalisation) for name in INDICATOR_NAMES}
    top = max(max(v) for v in [index, *scaled.values()])
    traces = [{"x": years, "y": index, "text": [f"{v:.2f}" for v in index]}]
    traces += [{"x": years, "y": scaled[name], "text": [f"{v:.2f}" for v in scaled[name]]}
               for name in INDICATOR_NAMES]
    traces.append({"x": [years[0]], "y": [top * 1.12 if top > 0 else 0.5], "text": [reading]})
    values = ", ".join(f"{year}: {v:.2f}" for year, v in zip(years, index, strict=True))
    readout = f"{reading.replace(' · ', '; ')}. Composite by year: {values}."
    return View(traces=traces, readout=readout)
