"""Render Plotly figures in the static book.

Since plotly 6.1 a figure shown under nbclient carries only the ``application/vnd.plotly.v1+json``
output, which myst-nb cannot render (it warns ``mystnb.unknown_mime_type`` and leaves the figure
blank). This myst-nb MIME renderer plugin (entry point ``myst_nb.mime_renderers``) turns that JSON
into a ``<div>`` plus the figure's JSON in a ``<script type="application/json">``; the book's
``japansec-figures.js`` draws every such div with the site's single copy of plotly.js. JupyterLab
users are untouched: they keep Plotly's own renderer.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

from docutils import nodes

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def figure_title(figure: dict[str, Any]) -> str:
    """Return the figure's title text (used as its accessible name), or a generic label."""
    title = figure.get("layout", {}).get("title", {})
    text = title.get("text") if isinstance(title, dict) else title
    if not text:
        return "Interactive chart"
    # Titles may hold <br> and <span> markup: keep only the text.
    plain = text.replace("<br>", " — ")
    while "<" in plain and ">" in plain[plain.index("<"):]:
        start = plain.index("<")
        plain = plain[:start] + plain[plain.index(">", start) + 1 :]
    return " ".join(plain.split())


def figure_html(figure: dict[str, Any], figure_id: str) -> str:
    """Return the HTML that stands for one Plotly figure in a static page."""
    payload = json.dumps(
        {k: figure[k] for k in ("data", "layout", "frames") if k in figure},
        separators=(",", ":"),
        allow_nan=False,
    ).replace("</", "<\\/")
    label = html.escape(figure_title(figure), quote=True)
    height = figure.get("layout", {}).get("height") or 450
    return (
        f'<div class="jps-plotly" id="{figure_id}" role="figure" aria-label="{label}" '
        f'style="min-height:{int(height)}px"></div>\n'
        f'<script type="application/json" class="jps-plotly-data" data-for="{figure_id}">'
        f"{payload}</script>\n"
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
        node = nodes.raw("", figure_html(figure, figure_id), format="html")
        node["classes"] += ["output", "plotly"]
        return [node]
