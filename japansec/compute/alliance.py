"""Alliance-reliability explorer: as US support grows less certain, how fast must Japan's own
capability grow to keep deterrence level? (model: :mod:`japansec.models.alliance`; no data)."""

from __future__ import annotations

from typing import Any

from japansec.explorer import View
from japansec.models.alliance import alliance_path
from japansec.text import wrap


def alliance(context: dict[str, Any], final_p: float, growth: float, us: float) -> View:
    """Traces: Japan's capability, the capability required, deterrence, and a summary line."""
    path = alliance_path(final_p, growth / 100, us)
    gap = path.first_gap_year()
    need = path.required_growth() * 100
    summary = (f"Needed: about {need:.1f} % a year to keep deterrence at its 2026 level by 2035. "
               + (f"At {growth:g} % a year Japan falls short from {gap}." if gap
                  else f"At {growth:g} % a year Japan keeps up every year."))
    rounded = [round(v, 4) for v in path.deterrence]
    readout = (f"{summary} Deterrence in {path.years[-1]}: {rounded[-1]:.2f} "
               f"(2026 level: {rounded[0]:.2f}).")
    return View(traces=[
        {"x": path.years, "y": path.own, "text": [f"{p:.2f}" for p in path.reliability]},
        {"x": path.years, "y": path.required, "text": [f"{p:.2f}" for p in path.reliability]},
        {"x": path.years, "y": rounded, "text": [f"{p:.2f}" for p in path.reliability]},
        {"x": [path.years[0]], "y": [max(path.required[-1], path.own[-1], rounded[0]) * 1.2],
         "text": [wrap(summary, 75)]},
    ], readout=readout)
