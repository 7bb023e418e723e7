"""The explorers' entry point in the reader's browser (run by Pyodide in
``_static/japansec-explorer-worker.mjs``; see :mod:`japansec.build.explorers`).

:func:`render` takes the explorer's published file, the parameter values, and the figure's JSON as
the page holds it; it returns what the page shows next: the traces and the readout
(:meth:`japansec.explorer.Scenario.rendered`), and the figure's "Data" disclosure re-made for the
new values (summary, table, CSV: :func:`japansec.build.figure_text.data_disclosure`), so that
nothing under the figure describes a state the reader has left. A value out of range comes back
as ``{"error": message}``, the kernel's own message. Everything arrives as JSON text, so that
Python, not JavaScript, reads the numbers (JavaScript would turn an option 0.0 into 0).
"""

from __future__ import annotations

import json

from japansec.build.figure_text import data_disclosure
from japansec.explorer import Scenario


def render(explorer: str, values: str, figure: str, figure_id: str) -> str:
    """The page's next state for these values, as JSON text (see module doc).

    >>> from japansec.explorer import published
    >>> from japansec.scenarios.risk import DILEMMA
    >>> figure = DILEMMA.static().to_json()
    >>> out = json.loads(render(published(DILEMMA), '{"R": 4.5}', figure, "f"))
    >>> out["readout"][:40], "R 4.5" in out["data_html"]
    ('With T 4, R 4.5, P 1 and S 0 the game is', True)
    >>> render(published(DILEMMA), '{"R": 9}', figure, "f")
    '{"error": "R (R: both restrain) must be from 0 to 5 payoff, not 9"}'
    """
    published = json.loads(explorer)
    scenario = Scenario.from_spec(published["spec"], published["context"])
    try:
        checked = scenario.checked(json.loads(values))
        shown = scenario.rendered(**checked)
    except ValueError as error:
        return json.dumps({"error": str(error)})
    drawn = json.loads(figure)
    for trace, update in zip(drawn["data"], shown["traces"], strict=False):
        trace.update(update)
    meta = drawn["layout"].setdefault("meta", {})
    meta["explorer"] = {**meta.get("explorer", {}), "values": checked,
                        "readout": shown["readout"]}
    return json.dumps(shown | {"data_html": data_disclosure(drawn, figure_id)}, allow_nan=False)
