"""Render Plotly figures in the static book.

Since plotly 6.1 a figure shown under nbclient carries only the ``application/vnd.plotly.v1+json``
output, which myst-nb cannot render (it warns ``mystnb.unknown_mime_type`` and leaves the figure
blank). This myst-nb MIME renderer plugin (entry point ``myst_nb.mime_renderers``) turns that JSON
into a ``<div>`` plus the figure's JSON in a ``<script type="application/json">``; the book's
``japansec-figures.js`` draws every such div with the site's single copy of plotly.js. Under it
comes a "Data" disclosure with the figure's summary (its accessible description), a table of the
plotted values and a CSV download, generated from the same JSON (:mod:`japansec.build.figure_text`).
An explorer's figure (its spec in ``layout.meta["explorer"]``) also gets its controls and readout
(:mod:`japansec.build.explorers`). A cell tagged ``print-only`` (an explorer at the settings an
exercise asks for) renders hidden on screen and drawn in the printed edition. JupyterLab users are
untouched: they keep Plotly's own renderer.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

from docutils import nodes

from japansec.build import explorers, figure_text

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def figure_html(figure: dict[str, Any], figure_id: str) -> str:
    """Return the HTML that stands for one Plotly figure in a static page: the figure's div (named
    by its title, described by its summary), its JSON, and the Data disclosure."""
    meta = figure.get("layout", {}).get("meta")
    explorer = meta.get("explorer") if isinstance(meta, dict) else None
    payload = json.dumps(
        {"data": figure.get("data", []), "layout": figure.get("layout", {})},
        separators=(",", ":"), allow_nan=False,
    ).replace("</", "<\\/")
    label = html.escape(figure_text.title(figure), quote=True)
    height = figure.get("layout", {}).get("height") or 450
    return (
        f'<div class="jps-plotly" id="{figure_id}" role="figure" aria-label="{label}" '
        f'aria-describedby="{figure_id}-summary" style="min-height:{int(height)}px"></div>\n'
        f'<script type="application/json" class="jps-plotly-data" data-for="{figure_id}">'
        f"{payload}</script>\n"
        + (explorers.controls_html(explorer, figure_id) + "\n" if explorer else "")
        + figure_text.data_disclosure(figure, figure_id)
    )


def print_figure_html(figure: dict[str, Any], figure_id: str) -> str:
    """A figure for the printed edition only (a cell tagged ``print-only``: an explorer at the
    settings an exercise asks for): hidden on screen, drawn when the page is printed, under a
    caption naming the explorer and the values it shows."""
    meta = figure.get("layout", {}).get("meta")
    explorer = meta.get("explorer") if isinstance(meta, dict) else None
    name = explorer["title"] if explorer else figure_text.title(figure)
    layout = {k: v for k, v in figure.get("layout", {}).items() if k != "meta"}
    payload = json.dumps({"data": figure.get("data", []), "layout": layout},
                         separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    height = layout.get("height") or 450
    return (
        f'<div class="jps-print-only"><p class="jps-print-caption"><em>{html.escape(name)} at '
        f"the settings an exercise asks for.</em> {html.escape(figure_text.state(figure))}</p>\n"
        f'<div class="jps-plotly-print" id="{figure_id}" role="figure" '
        f'aria-label="{html.escape(figure_text.title(figure), quote=True)}" '
        f'style="min-height:{int(height)}px"></div>\n'
        f'<script type="application/json" class="jps-plotly-data" data-for="{figure_id}">'
        f"{payload}</script></div>\n"
    )


class PlotlyMimeRenderer:
    """myst-nb MIME renderer plugin for Plotly's JSON output (see module docstring)."""

    # Prefer the Plotly JSON over any text/html or text/plain fallback in the same output.
    mime_priority_overrides = (("html", PLOTLY_MIME, 1), ("dirhtml", PLOTLY_MIME, 1))

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        """Render Plotly JSON as a raw HTML node; return None for every other MIME type."""
        if inline or data.mime_type != PLOTLY_MIME:
            return None
        figure = data.content if isinstance(data.content, dict) else json.loads(data.content)
        digest = hashlib.sha1(json.dumps(figure, sort_keys=True).encode()).hexdigest()[:10]
        figure_id = f"jps-fig-{data.cell_index}-{data.output_index}-{digest}"
        tags = (data.cell_metadata or {}).get("tags", [])
        render = print_figure_html if "print-only" in tags else figure_html
        node = nodes.raw("", render(figure, figure_id), format="html")
        node["classes"] += ["output", "plotly"]
        return [node]
