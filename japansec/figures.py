"""Plotly figure builders and the book's one look: palette, template, source lines.

Every figure of the book is built here from the data package or from a model, never in a notebook.
Each names its source on the chart (from the data package, never typed by hand) and uses one
colour-blind-safe palette (Okabe & Ito 2008), with the same colour for a country in every chapter.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from japansec import data

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "vermillion": "#D55E00", "blue": "#0072B2", "orange": "#E69F00", "sky": "#56B4E9",
    "green": "#009E73", "purple": "#CC79A7", "yellow": "#F0E442", "grey": "#777777",
}
COUNTRY_COLOURS = {
    "Japan": PALETTE["vermillion"], "China": PALETTE["blue"], "United States of America":
    PALETTE["grey"], "Korea, South": PALETTE["green"], "Taiwan": PALETTE["purple"],
    "Australia": PALETTE["orange"], "India": PALETTE["sky"], "Russia": "#000000",
}
COLOURWAY = list(PALETTE.values())

# A lean template: the default "plotly" template adds ~10 KB of JSON to every figure.
pio.templates["japansec"] = go.layout.Template(
    layout={
        "colorway": COLOURWAY,
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', sans-serif", "size": 13},
        "xaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False},
        "yaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False},
        "hovermode": "x unified",
        "margin": {"l": 60, "r": 20, "t": 80, "b": 120},
        "legend": {"orientation": "h", "y": -0.12, "yanchor": "top"},
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
        font={"size": 11, "color": "#666666"},
    )
    return fig


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
        "text": f"{title}<br><span style='font-size:13px;color:#666666'>{subtitle}</span>",
        "x": 0, "xanchor": "left",
    })
    return fig


def country_lines(frame: pd.DataFrame, countries: Sequence[str], hover_format: str,
                  unit: str) -> list[go.Scatter]:
    """One line per country of a wide table (years down, countries across)."""
    return [
        go.Scatter(
            x=frame.index.tolist(), y=frame[c].round(2).tolist(), name=c, mode="lines",
            line={"color": COUNTRY_COLOURS.get(c), "width": 3 if c == "Japan" else 2},
            hovertemplate=f"{c}: %{{y:{hover_format}}} {unit}<extra></extra>",
        )
        for c in countries
    ]


def japan_spending_since_1990() -> go.Figure:
    """Japan's military spending 1990–2024 (SIPRI, constant 2023 US$) with its share of GDP."""
    years = (1990, 2024)
    money = data.sipri("constant_2023_usd_m", ["Japan"], years)["Japan"] / 1000
    share = data.sipri("share_of_gdp", ["Japan"], years)["Japan"]
    fig = go.Figure()
    fig.add_bar(x=money.index.tolist(), y=money.round(2).tolist(), name="US$ bn (constant 2023)",
                marker_color=PALETTE["vermillion"],
                hovertemplate="%{x}: US$ %{y:.1f} bn<extra></extra>")
    fig.add_scatter(x=share.index.tolist(), y=share.round(3).tolist(), name="Share of GDP (%)",
                    yaxis="y2", mode="lines+markers", line={"color": PALETTE["blue"]},
                    hovertemplate="%{x}: %{y:.2f} % of GDP<extra></extra>")
    fig.update_layout(
        yaxis={"title": "US$ bn, constant 2023 prices", "rangemode": "tozero"},
        yaxis2={"title": "% of GDP", "overlaying": "y", "side": "right", "range": [0, 1.5],
                "dtick": 0.25, "tickformat": ".2f", "showgrid": False},
        hovermode="x unified", height=480, margin={"r": 70},
    )
    titled(fig, "Japan's military spending jumped after 2022, after three flat decades",
           "SIPRI's definition, 1990–2024: US$ bn at constant 2023 prices (bars), "
           "share of GDP (line)")
    return add_source(fig, "sipri_milex")


CATEGORY_COLOURS = {
    "strategy": PALETTE["vermillion"], "budget": PALETTE["orange"],
    "deployment": PALETTE["blue"], "procurement": PALETTE["sky"], "command": PALETTE["green"],
    "agreement": PALETTE["purple"], "export-policy": PALETTE["yellow"],
    "politics": PALETTE["grey"], "reaction": "#000000", "exercise": "#8c564b",
}
STATUS_SYMBOLS = {"done": "circle", "announced": "circle-open", "reported": "diamond-open"}


def timeline(categories: Sequence[str], title: str, subtitle: str,
             start: str = "2013-01-01") -> go.Figure:
    """Events of the given categories, one lane per category; hover shows summary and source.

    Filled markers are events that happened; open markers were announced or reported only.
    """
    unknown = set(categories) - set(CATEGORY_COLOURS)
    if unknown:
        raise ValueError(f"unknown categories {sorted(unknown)}; known: {list(CATEGORY_COLOURS)}")
    events = data.with_sources(data.load("events"))
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


def wrap(text: str, width: int = 60) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


COMPARISON_COUNTRIES = ["Japan", "China", "United States of America", "Korea, South", "Taiwan",
                        "Australia", "India", "Russia"]
COMPARISON_MEASURES = {
    "share_of_gdp": ("Share of GDP", "% of GDP", ".2f"),
    "constant_2023_usd_m": ("Spending, constant 2023 US$", "US$ bn (constant 2023)", ",.1f"),
    "per_capita_current_usd": ("Spending per person", "US$ per person (current)", ",.0f"),
}


def sipri_comparison(years: tuple[int, int] = (1990, 2024)) -> go.Figure:
    """Japan and seven comparators from SIPRI, with the reader's own controls in the page: a menu
    for the measure, the legend for countries (click to hide, double-click to isolate) and a range
    slider for the years."""
    traces_by_measure = {}
    for measure, (_, unit, fmt) in COMPARISON_MEASURES.items():
        wide = data.sipri(measure, COMPARISON_COUNTRIES, years)
        if measure == "constant_2023_usd_m":
            wide = wide / 1000
        traces_by_measure[measure] = country_lines(wide, COMPARISON_COUNTRIES, fmt, unit)
    fig = go.Figure()
    count = len(COMPARISON_COUNTRIES)
    buttons = []
    for index, (measure, traces) in enumerate(traces_by_measure.items()):
        for trace in traces:
            trace.visible = index == 0
            trace.legendgroup = trace.name
            trace.showlegend = index == 0
            fig.add_trace(trace)
        visible = [i // count == index for i in range(count * len(traces_by_measure))]
        label, unit, _ = COMPARISON_MEASURES[measure]
        buttons.append({"label": label, "method": "update", "args": [
            {"visible": visible, "showlegend": visible}, {"yaxis.title.text": unit,
                                                          "yaxis.type": "linear"}]})
    fig.update_layout(
        updatemenus=[{"buttons": buttons, "x": 0, "xanchor": "left", "y": 1.0,
                      "yanchor": "bottom", "pad": {"b": 6}}],
        yaxis={"title": COMPARISON_MEASURES["share_of_gdp"][1], "rangemode": "tozero"},
        xaxis={"rangeslider": {"visible": True, "thickness": 0.08}, "title": None},
        height=620, margin={"t": 130, "b": 210}, legend={"y": -0.32})
    titled(fig, "Japan still spends a smaller share of GDP than its neighbours",
           f"SIPRI, {years[0]}–{years[1]}. Menu: measure · legend: countries · "
           "slider below: years")
    return add_source(fig, "sipri_milex")


BUDGET_DEFINITION_LABELS = {
    "as_reported": "MoD budget, definition not stated by the source",
    "mod_excl_saco": "MoD budget excl. SACO/US realignment",
    "mod_incl_saco": "MoD budget incl. SACO/US realignment",
    "security_related": "Security-related total (the 2 % measure)",
}


def budget_by_definition() -> go.Figure:
    """Japan's defence money FY2022–FY2026 under each definition, with SIPRI's figure."""
    budget = data.with_sources(data.load("japan_budget"))
    # Annual totals only: not the five-year plan, nor a supplementary budget's part on its own.
    budget = budget[~budget["stage"].isin(["plan", "supplementary"])]
    fig = go.Figure()
    colours = [PALETTE["grey"], PALETTE["sky"], PALETTE["blue"], PALETTE["vermillion"]]
    for (definition, label), colour in zip(BUDGET_DEFINITION_LABELS.items(), colours,
                                           strict=True):
        rows = budget[budget["definition"] == definition]
        fig.add_scatter(
            x=rows["fiscal_year"].astype(int).tolist(), y=rows["amount_trillion_yen"].tolist(),
            mode="markers", name=label, marker={"size": 12, "color": colour},
            hovertext=[f"FY{r.fiscal_year} {r.stage.replace('_', ' ')}: ¥{r.amount_trillion_yen:g}"
                       f" tn<br>{wrap(r.note)}<br>{source_note(r)}" for r in rows.itertuples()],
            hoverinfo="text")
    sipri = data.sipri("local_currency_current", ["Japan"], (2022, 2024))["Japan"] / 1e12
    fig.add_scatter(x=sipri.index.tolist(), y=sipri.round(3).tolist(), mode="lines+markers",
                    name="SIPRI, calendar year (own definition)",
                    line={"color": "#000000", "dash": "dot"}, marker={"symbol": "x", "size": 10},
                    hovertemplate="SIPRI %{x}: ¥%{y:.2f} tn<extra></extra>")
    fig.update_layout(height=560, hovermode="closest", legend={"y": -0.24},
                      xaxis={"dtick": 1, "title": "Fiscal year (SIPRI: calendar year)"},
                      yaxis={"title": "¥ trillion (current)", "rangemode": "tozero"},
                      margin={"b": 220})
    titled(fig, "How much does Japan spend? It depends on what you count",
           "Defence money FY2022–FY2026 by definition and budget stage, ¥ trillion")
    return add_source(fig, "japan_budget", "sipri_milex")


def regional_geo(fig: go.Figure, lon: tuple[float, float] = (115, 150),
                 lat: tuple[float, float] = (20, 46)) -> go.Figure:
    """The book's map of the region: Natural Earth 1:50m (served offline from the book's
    _static/topojson/world_50m.json, which draws Miyako and Ishigaki), equirectangular."""
    fig.update_geos(scope="world", resolution=50, projection_type="equirectangular",
                    lonaxis_range=list(lon), lataxis_range=list(lat), showland=True,
                    landcolor="#e8e4d8", showocean=True, oceancolor="#eaf2f8",
                    showcountries=True, countrycolor="#999999", showcoastlines=True,
                    coastlinecolor="#777777", showlakes=False, bgcolor="#ffffff")
    return fig


SITE_KINDS = {"gsdf_camp": ("GSDF camp", PALETTE["vermillion"]),
              "gsdf_subcamp": ("GSDF sub-camp", PALETTE["orange"]),
              "jasdf_base": ("ASDF base", PALETTE["sky"]),
              "mod_hq": ("Ministry of Defense / JJOC", PALETTE["green"]),
              "us_base": ("US base", PALETTE["blue"])}


# Where each site's label goes on the map, so that neighbouring labels do not overlap.
LABEL_POSITIONS = {"yokota": "top left", "ichigaya": "bottom right", "fuji": "bottom left",
                   "nyutabaru": "bottom right", "ebino": "bottom left", "kengun": "middle left",
                   "yufuin": "top right", "kadena": "middle left", "katsuren": "bottom right",
                   "yonaguni": "top center", "ishigaki": "bottom center", "miyako": "top right",
                   "kamifurano": "bottom left", "amami": "middle right"}


def _site_hover(site: object) -> str:
    approximate = (f"<br>Position approximate: {site.coordinates_note}"
                   if site.coordinates == "approximate" else "")
    return (f"<b>{site.name}</b> ({site.name_ja}), {site.prefecture}<br>"
            f"{wrap(site.units_systems)}{approximate}<br>"
            f"{source_note(site)}")


def sites_map() -> go.Figure:
    """The bases of the book on an offline map; open markers are approximate positions."""
    sites = data.with_sources(data.load("sites"))
    fig = go.Figure()
    for kind, (label, colour) in SITE_KINDS.items():
        rows = sites[sites["kind"] == kind]
        if rows.empty:
            continue
        fig.add_scattergeo(
            lat=rows["latitude"].round(4).tolist(), lon=rows["longitude"].round(4).tolist(),
            mode="markers+text", name=label, text=rows["name"].tolist(),
            textposition=[LABEL_POSITIONS.get(i, "middle right") for i in rows["id"]],
            textfont={"size": 10},
            marker={"size": 11, "color": colour, "line": {"width": 2, "color": colour},
                    "symbol": ["circle-open" if c == "approximate" else "circle"
                               for c in rows["coordinates"]]},
            hovertext=[_site_hover(r) for r in rows.itertuples()],
            hoverinfo="text")
    regional_geo(fig, lon=(121, 147), lat=(23, 45))
    fig.update_layout(height=620, margin={"t": 80, "b": 110, "l": 10, "r": 10},
                      legend={"y": -0.02})
    titled(fig, "From Hokkaido to Yonaguni: the sites of the build-up",
           "Bases and garrisons in this book; open markers mark approximate positions")
    return add_source(fig, "sites")
