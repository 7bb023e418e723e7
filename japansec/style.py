"""The book's one look, shared by every chapter's figures: palette, template, source lines, titles,
and the figure helpers that several chapters use (event timelines, country lines, regional map).

Every figure names its source on the chart (from the data package, never typed by hand) and uses one
colour-blind-safe palette (Okabe & Ito 2008), with the same colour for a country in every chapter.

Contrast (WCAG 2.2, in the book's light and dark mode): every mark colour has a contrast of at least
3:1 against both figure backgrounds (white, #1e1e1e) and the map's land and sea; text carries no
colour of its own and takes the theme's (dark on light, light on dark), so it passes 4.5:1 in both.
No information rests on colour alone: series also differ by marker symbol, dash or label.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io._base_renderers import PlotlyRenderer  # the class behind "plotly_mimetype"

from japansec import data
from japansec.text import wrap

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. Orange, sky and
# yellow are darkened (same hue) and black is left out, so that every mark reaches 3:1 on white and
# on the dark mode's #1e1e1e (the originals give 2.3:1, 2.3:1, 1.3:1 on white, 1.3:1 on dark).
PALETTE = {
    "vermillion": "#D55E00", "blue": "#0072B2", "orange": "#B87F00", "sky": "#378FC2",
    "green": "#009E73", "purple": "#CC79A7", "yellow": "#A89400", "grey": "#777777",
}
# Lines that connect or frame marks (links, arrows, cell borders): 3:1 on both backgrounds too.
LINK_COLOUR = "#8C8C8C"
COUNTRY_COLOURS = {
    "Japan": PALETTE["vermillion"], "China": PALETTE["blue"], "United States of America":
    PALETTE["grey"], "Korea, South": PALETTE["green"], "Taiwan": PALETTE["purple"],
    "Australia": PALETTE["orange"], "India": PALETTE["sky"], "Russia": PALETTE["yellow"],
}
def _luminance(colour: str) -> float:
    """WCAG relative luminance of a '#rrggbb' colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_on(colour: str) -> str:
    """Black or white, whichever contrasts more with ``colour``: for labels inside bars (Plotly's
    own choice gives white on vermillion, 3.9:1; black reaches 5.4:1).

    >>> text_on("#D55E00"), text_on("#0072B2")
    ('#000000', '#ffffff')
    """
    # Black wins when (L + 0.05) / 0.05 > 1.05 / (L + 0.05), i.e. L > sqrt(0.05 * 1.05) - 0.05.
    return "#000000" if _luminance(colour) > (0.05 * 1.05) ** 0.5 - 0.05 else "#ffffff"


# A marker symbol per country as well, so that no line is told apart by its colour alone.
COUNTRY_SYMBOLS = {
    "Japan": "circle", "China": "square", "United States of America": "diamond",
    "Korea, South": "triangle-up", "Taiwan": "triangle-down", "Australia": "cross",
    "India": "x", "Russia": "star",
}
COLOURWAY = list(PALETTE.values())

# A lean template: the default "plotly" template adds ~10 KB of JSON to every figure.
pio.templates["japansec"] = go.layout.Template(
    layout={
        "colorway": COLOURWAY,
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 13},
        # automargin: plotly.js widens a margin for long tick labels ("procurement") instead of
        # cutting them at the figure's edge (its default is off).
        "xaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False, "automargin": True},
        "yaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False, "automargin": True},
        "hovermode": "x unified",
        "margin": {"l": 60, "r": 20, "t": 80, "b": 120},
        "legend": {"orientation": "h", "y": -0.12, "yanchor": "top"},
        # Plotly's own controls keep dark text on a light face in both modes (4.5:1 or more),
        # and the mode bar's icons reach 3:1 on either background.
        "updatemenudefaults": {"bgcolor": "#f4f4f4", "bordercolor": "#767676",
                               "font": {"color": "#222222"}},
        "sliderdefaults": {"bgcolor": "#f4f4f4", "bordercolor": "#767676",
                           "activebgcolor": "#d9d9d9", "tickcolor": "#767676"},
        "modebar": {"color": "#767676", "activecolor": "#0072B2"},
    }
)
pio.templates.default = "japansec"


def source_line(*tables: str) -> str:
    """The 'Source:' line of a figure, written from the data package's sources of ``tables``."""
    titles: list[str] = []
    for name in tables:
        for source in data.resource(name).get("sources", []):
            if source["title"] not in titles:
                titles.append(source["title"])
    text = "Source: " + "; ".join(titles) + "."
    return wrap(text, 110)


def add_source(fig: go.Figure, *tables: str) -> go.Figure:
    """Write the source line of ``tables`` at the foot of the figure, as Our World in Data does.

    Call it last: it sits at the bottom of the bottom margin, below legends and sliders.
    """
    return add_foot_note(fig, source_line(*tables))


def add_foot_note(fig: go.Figure, text: str) -> go.Figure:
    """Write ``text`` (a source line) at the bottom of the figure's bottom margin."""
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else 120
    fig.add_annotation(
        text=text, xref="paper", yref="paper", x=0, y=0, yshift=-(bottom - 6),
        showarrow=False, xanchor="left", yanchor="bottom", align="left",
        font={"size": 11},
    )
    return fig


def summary_text(**style: object) -> dict[str, object]:
    """How an explorer's summary line is drawn: text only, out of the legend and the hover, with
    ``meta="summary"``. The explorer's readout, beside its controls, says the same, so the book's
    page leaves the line out where, wrapped on a phone, it would cover the data
    (japansec-figures.js, hideSummaries).

    >>> summary_text(textposition="bottom right")["meta"]
    'summary'
    """
    return {"mode": "text", "showlegend": False, "hoverinfo": "skip", "meta": "summary", **style}


def source_note(row: object) -> str:
    """A hover line naming a row's source (rows joined by ``data.with_sources``)."""
    return f"<i>Source: {row.source_publisher}, {row.source_date}</i>"


def event_hover(event: object) -> str:
    """Hover text for an event: title, date, summary and source."""
    return (f"<b>{event.title}</b><br>{event.date:%d %b %Y}<br>{wrap(event.summary)}<br>"
            f"{source_note(event)}")


def titled(fig: go.Figure, title: str, subtitle: str) -> go.Figure:
    """Title that states the finding; subtitle that states the measure and unit."""
    fig.update_layout(title={
        "text": f"{title}<br><span style='font-size:13px'>{subtitle}</span>",
        "x": 0, "xanchor": "left",
    })
    return fig


def country_lines(frame: pd.DataFrame, countries: Sequence[str], hover_format: str,
                  unit: str) -> list[go.Scatter]:
    """One line per country of a wide table (years down, countries across), each with its
    country's colour and marker symbol."""
    return [
        go.Scatter(
            x=frame.index.tolist(), y=frame[c].round(2).tolist(), name=c, mode="lines+markers",
            line={"color": COUNTRY_COLOURS.get(c), "width": 3 if c == "Japan" else 2},
            marker={"symbol": COUNTRY_SYMBOLS.get(c, "circle"), "size": 6},
            hovertemplate=f"{c}: %{{y:{hover_format}}} {unit}<extra></extra>",
        )
        for c in countries
    ]


CATEGORY_COLOURS = {
    "strategy": PALETTE["vermillion"], "budget": PALETTE["orange"],
    "deployment": PALETTE["blue"], "procurement": PALETTE["sky"], "command": PALETTE["green"],
    "agreement": PALETTE["purple"], "export-policy": PALETTE["yellow"],
    "politics": PALETTE["grey"], "reaction": LINK_COLOUR, "exercise": "#A8705F",
}
STATUS_SYMBOLS = {"done": "circle", "announced": "circle-open", "reported": "diamond-open"}


def timeline(events: pd.DataFrame, categories: Sequence[str], title: str, subtitle: str,
             start: str = "2013-01-01") -> go.Figure:
    """Events of the given categories, one lane per category; hover shows summary and source.

    ``events`` is table events with its sources (``data.with_sources``). Filled markers are events
    that happened; open markers were announced or reported only.
    """
    unknown = set(categories) - set(CATEGORY_COLOURS)
    if unknown:
        raise ValueError(f"unknown categories {sorted(unknown)}; known: {list(CATEGORY_COLOURS)}")
    events = events[events["category"].isin(categories) & (events["date"] >= start)]
    fig = go.Figure()
    for category in categories:
        rows = events[events["category"] == category]
        for status, symbol in STATUS_SYMBOLS.items():
            part = rows[rows["status"] == status]
            if part.empty:
                continue
            hover = [
                f"<b>{r.title}</b><br>{r.date:%d %b %Y}"
                f"{'' if r.date_precision == 'day' else ' (' + r.date_precision + ')'}"
                f" · {r.status}<br>{wrap(r.summary)}<br>{source_note(r)}"
                for r in part.itertuples()
            ]
            fig.add_scatter(
                x=part["date"].dt.strftime("%Y-%m-%d").tolist(), y=[category] * len(part),
                mode="markers", name=f"{category} ({status})", hovertext=hover,
                hoverinfo="text", showlegend=False,
                marker={"color": CATEGORY_COLOURS[category], "symbol": symbol, "size": 13,
                        "line": {"width": 2, "color": CATEGORY_COLOURS[category]}})
    fig.update_layout(height=160 + 55 * len(categories), hovermode="closest",
                      yaxis={"categoryorder": "array", "categoryarray": list(categories)[::-1],
                             "title": None},
                      xaxis={"type": "date", "title": None}, margin={"b": 60})
    titled(fig, title, subtitle)
    return add_source(fig, "events")


# The base map's clip box (west, south, east, north), as in scripts/make_basemap.mjs.
MAP_BOX = (100.0, 5.0, 160.0, 55.0)


# The book's base map for every geo figure (Natural Earth 1:50m in the data package). The static
# book serves it from _static/topojson/ (japansec.build.sphinxext copies this file); live panels
# get it inline (offline_base_map), so that no map asks Plotly's CDN for one.
BASE_MAP = data.DATA_DIR / "topojson" / "world_50m.json"


@cache
def base_map_url() -> str:
    """BASE_MAP as a ``topojsonURL`` prefix for plotly.js: a data: URL ending in ``#/``.

    plotly.js fetches ``topojsonURL + "world_50m.json"``; after ``#`` that name is a fragment,
    which a fetch ignores, so every base-map request gets the book's own topology, from the
    page itself: no server path to configure, and nothing to fetch off-site (JupyterLab, Colab).
    """
    payload = base64.b64encode(BASE_MAP.read_bytes()).decode("ascii")
    return f"data:application/json;base64,{payload}#/"


def offline_base_map(widget: go.FigureWidget) -> go.FigureWidget:
    """Point a live FigureWidget's maps at the book's base map (see :func:`base_map_url`);
    figures without a map are left as they are."""
    if any(trace.type in ("scattergeo", "choropleth") for trace in widget.data):
        widget._config = {**widget._config, "topojsonURL": base_map_url()}
    return widget


class OfflineMapsRenderer(PlotlyRenderer):
    """Plotly's mime-type renderer (JupyterLab, VS Code, nteract), with the book's base map handed
    to plotly.js in the output's config when the figure has a map (see :func:`base_map_url`), so a
    static map shown in a notebook draws with no internet, as the live panels do."""

    def to_mimebundle(self, fig_dict: dict) -> dict:
        bundle = super().to_mimebundle(fig_dict)
        if any(t.get("type") in ("scattergeo", "choropleth") for t in fig_dict.get("data", [])):
            figure = bundle["application/vnd.plotly.v1+json"]
            figure["config"] = {**figure.get("config", {}), "topojsonURL": base_map_url()}
        return bundle


for _name in ("plotly_mimetype", "jupyterlab", "nteract", "vscode"):
    pio.renderers[_name] = OfflineMapsRenderer()


def regional_geo(fig: go.Figure, lon: tuple[float, float] = (115, 150),
                 lat: tuple[float, float] = (20, 46)) -> go.Figure:
    """The book's map of the region, equirectangular: Natural Earth 1:10m land clipped to East Asia
    (data/topojson/world_50m.json, served offline from the book's _static/topojson/; it draws
    Yonaguni, Ishigaki and Miyako; see data/topojson/PROVENANCE.md). Views must stay inside
    longitude 100–160° E and latitude 5–55° N, the map's clip box."""
    west, south, east, north = MAP_BOX
    if not (west <= lon[0] < lon[1] <= east and south <= lat[0] < lat[1] <= north):
        raise ValueError(f"map view longitude {lon}, latitude {lat} leaves the base map's box "
                         f"{MAP_BOX} (west, south, east, north): widen scripts/make_basemap.mjs")
    fig.update_geos(scope="world", resolution=50, projection_type="equirectangular",
                    lonaxis_range=list(lon), lataxis_range=list(lat), showland=True,
                    landcolor="#f4f1ea", showocean=True, oceancolor="#eaf2f8",
                    showcountries=True, countrycolor="#999999", showcoastlines=True,
                    coastlinecolor="#777777", showlakes=False, bgcolor="#ffffff")
    return fig
