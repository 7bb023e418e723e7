"""The text alternative of a Plotly figure, computed from the figure's own JSON: a short summary
(what is plotted, its range, the main finding) and a table of exactly the plotted values.

Nothing here is typed per figure, so no summary goes stale: the MIME renderer
(:mod:`japansec.build.plotly_mime`) calls these on every figure of the book. A figure's builder
may add a sentence of its own in ``layout.meta.summary`` (computed from its data); it comes first.

Which points are listed: every point of every trace, hidden ones included (a menu shows them),
except traces drawn as lines only with hover switched off (``hoverinfo="skip"``): those connect
points listed elsewhere (links between events, steps of a ladder). Gaps (``None``) are no points.
An explorer's summary starts with its readout and names the parameter values shown; its table holds
the figure as first drawn.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

# Series listed one by one in a summary; more series are ranked at their last common x instead.
MAX_SERIES_SPELLED_OUT = 4


@dataclass
class Table:
    """Rows of strings under named columns, with the figure's title and source as caption."""

    columns: list[str]
    rows: list[list[str]]
    caption: str


def plain(text: Any) -> str:
    """Plotly's pseudo-HTML as plain text: line breaks become spaces, tags go, entities decode.

    >>> plain("Japan<br><span style='color:#666'>US$ <b>bn</b></span> &amp; more")
    'Japan US$ bn & more'
    """
    if text is None:
        return ""
    text = re.sub(r"<br\s*/?>", " ", str(text), flags=re.IGNORECASE)
    text = re.sub(r"<[^>]*>", "", text)
    return " ".join(html.unescape(text).split())


def _text(value: Any) -> str:
    """A title-like value (a string or a dict with ``text``) as plain text."""
    return plain(value.get("text") if isinstance(value, dict) else value)


def titles(figure: dict[str, Any]) -> tuple[str, str]:
    """The figure's title and subtitle as plain text ('' when missing). A subtitle is either
    ``layout.title.subtitle`` or what follows the title's first ``<br>``."""
    title = figure.get("layout", {}).get("title") or {}
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    subtitle = _text(title.get("subtitle")) if isinstance(title, dict) else ""
    head, *rest = re.split(r"<br\s*/?>", text or "", maxsplit=1, flags=re.IGNORECASE)
    return plain(head), subtitle or plain(" ".join(rest))


def source(figure: dict[str, Any]) -> str:
    """The figure's source line (the annotation that starts with 'Source:'), or ''."""
    for annotation in figure.get("layout", {}).get("annotations", []) or []:
        text = plain(annotation.get("text"))
        if text.startswith("Source:"):
            return text
    return ""


def _axis(layout: dict[str, Any], trace: dict[str, Any], letter: str) -> dict[str, Any]:
    ref = trace.get(f"{letter}axis", letter)
    return layout.get(f"{letter}axis{ref[1:]}", {}) or {}


def _is_geo(trace: dict[str, Any]) -> bool:
    return trace.get("type") == "scattergeo"


def listed(trace: dict[str, Any]) -> bool:
    """Whether a trace's points are plotted values (see module doc), not connecting lines."""
    return not (trace.get("mode") == "lines" and trace.get("hoverinfo") == "skip")


def _points(trace: dict[str, Any]) -> list[tuple[int, Any, Any]]:
    """(index, x, y) of the trace's points; geo traces give (longitude, latitude)."""
    xs, ys = (trace.get("lon"), trace.get("lat")) if _is_geo(trace) else (trace.get("x"),
                                                                          trace.get("y"))
    if xs is None and ys is None:
        return []
    if xs is None:
        xs = list(range(len(ys)))
    if ys is None:
        ys = list(range(len(xs)))
    return [(i, x, y) for i, (x, y) in enumerate(zip(xs, ys, strict=False))
            if x is not None and y is not None]


def _per_point(value: Any, index: int) -> str:
    if isinstance(value, (list, tuple)):
        return plain(value[index]) if index < len(value) else ""
    return plain(value)


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _views(figure: dict[str, Any]) -> dict[int, tuple[str, str]]:
    """For figures whose menu switches traces on and off: trace index -> (the first menu entry
    that shows it, the y-axis title that entry sets, or '')."""
    views: dict[int, tuple[str, str]] = {}
    for menu in figure.get("layout", {}).get("updatemenus", []) or []:
        for button in menu.get("buttons", []):
            args = button.get("args") or [{}]
            visible = args[0].get("visible") if isinstance(args[0], dict) else None
            if not isinstance(visible, list):
                continue
            relayout = args[1] if len(args) > 1 and isinstance(args[1], dict) else {}
            y_title = plain(relayout.get("yaxis.title.text", ""))
            for index, shown in enumerate(visible):
                if shown is True and index not in views:
                    views[index] = (plain(button.get("label")), y_title)
    return views


def _x_kind(xs: list[Any]) -> str:
    """A header for an untitled x axis: 'Date' for ISO dates, 'Year' for years, else 'x'.

    >>> _x_kind(["2022-12-16", "2023-01-05"]), _x_kind([1990, 2024]), _x_kind([0, 1])
    ('Date', 'Year', 'x')
    """
    if xs and all(isinstance(x, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", x) for x in xs):
        return "Date"
    if xs and all(isinstance(x, int) and 1800 <= x <= 2200 for x in xs):
        return "Year"
    return "x"


def _series_name(trace: dict[str, Any], index: int, layout: dict[str, Any] | None = None) -> str:
    """The trace's legend name; else its y-axis title (an unnamed trace on a titled axis)."""
    y_title = "" if layout is None or _is_geo(trace) else _text(
        _axis(layout, trace, "y").get("title"))
    return plain(trace.get("name")) or y_title or f"Series {index + 1}"


def table(figure: dict[str, Any]) -> Table:
    """Every listed point of the figure as one row: series, x, y, label and hover details.

    >>> t = table({"data": [{"type": "bar", "name": "Spending", "x": [2023, 2024],
    ...                      "y": [50.2, 55.3]}],
    ...            "layout": {"title": {"text": "Up"}, "yaxis": {"title": {"text": "US$ bn"}}}})
    >>> t.columns, t.rows
    (['Series', 'Year', 'US$ bn'], [['Spending', '2023', '50.2'], ['Spending', '2024', '55.3']])
    """
    layout = figure.get("layout", {})
    views = _views(figure)
    traces = [(i, t) for i, t in enumerate(figure.get("data", [])) if listed(t)]
    x_titles, y_titles = [], []
    for index, trace in traces:
        if _is_geo(trace):
            x_titles.append("Longitude")
            y_titles.append("Latitude")
            continue
        x_titles.append(_text(_axis(layout, trace, "x").get("title"))
                        or _x_kind([x for _, x, _ in _points(trace)]))
        y_titles.append(views.get(index, ("", ""))[1]
                        or _text(_axis(layout, trace, "y").get("title")) or "y")
    one_x, one_y = len(set(x_titles)) <= 1, len(set(y_titles)) <= 1
    has_label = any(isinstance(t.get("text"), (list, tuple, str)) and t.get("text")
                    for _, t in traces)
    has_details = any(t.get("hovertext") for _, t in traces)
    columns = ["View"] if views else []
    columns += ["Series", x_titles[0] if one_x and x_titles else "x"]
    columns += [y_titles[0]] if one_y and y_titles else ["Value", "Measure"]
    columns += ["Label"] * has_label + ["Details"] * has_details
    rows = []
    for (index, trace), x_title, y_title in zip(traces, x_titles, y_titles, strict=True):
        for point, x, y in _points(trace):
            row = [views[index][0]] if views else []
            row += [_series_name(trace, index, layout)]
            row += [_cell(x)] if one_x else [f"{x_title}: {_cell(x)}"]
            row += [_cell(y)] if one_y else [_cell(y), y_title]
            row += [_per_point(trace.get("text"), point)] * has_label
            row += [_per_point(trace.get("hovertext"), point)] * has_details
            rows.append(row)
    title, _ = titles(figure)
    caption = " ".join(part for part in (_sentence(title), source(figure),
                                         state(figure)) if part)
    return Table(columns, rows, caption)


def _sentence(text: str) -> str:
    """``text`` ending in a full stop (unless it ends in other punctuation already)."""
    return text if not text or text[-1] in ".?!" else f"{text}."


def state(figure: dict[str, Any]) -> str:
    """For explorers: the parameter values the figure (and its table) shows, from the spec in
    ``layout.meta["explorer"]``.

    >>> state({"layout": {"meta": {"explorer": {"values": {"g": 5.0, "y": "fixed"}, "parameters": [
    ...     {"kind": "slider", "name": "g", "label": "Growth", "unit": "% a year"},
    ...     {"kind": "choice", "name": "y", "label": "Share of",
    ...      "options": [["Fixed GDP", "fixed"]]},
    ... ]}}}})
    'Values shown for: Growth 5 % a year; Share of: Fixed GDP.'
    """
    meta = figure.get("layout", {}).get("meta")
    explorer = meta.get("explorer") if isinstance(meta, dict) else None
    if not explorer:
        return ""
    parts = []
    for parameter in explorer["parameters"]:
        value = explorer["values"][parameter["name"]]
        if parameter["kind"] == "slider":
            parts.append(f"{parameter['label']} {_number(value)} {parameter['unit']}")
        else:
            label = next(label for label, option in parameter["options"] if option == value)
            parts.append(f"{parameter['label']}: {label}")
    return f"Values shown for: {'; '.join(parts)}."


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _ordered(xs: list[Any]) -> bool:
    """Whether x only increases (numbers, or ISO dates as strings): a line over time."""
    same_kind = all(_is_number(x) for x in xs) or all(isinstance(x, str) for x in xs)
    return same_kind and all(a < b for a, b in itertools.pairwise(xs))


def _describe_trace(figure: dict[str, Any], index: int, trace: dict[str, Any],
                    detail: bool) -> str:
    name = _series_name(trace, index, figure.get("layout", {}))
    points = _points(trace)
    labels = [_per_point(trace.get("text"), i) for i, *_ in points]
    if trace.get("mode") == "text":
        return "; ".join(labels)
    named = f": {', '.join(labels)}" if all(labels) and len(labels) <= 8 else ""
    if _is_geo(trace):
        return f"{name}, {len(points)} place{'s' * (len(points) != 1)}{named}"
    if named and "text" in (trace.get("mode") or ""):
        return f"{name}{named}"
    xs = [x for _, x, _ in points]
    ys = [y for *_, y in points]
    if ys and all(_is_number(y) for y in ys) and _ordered(xs):
        y_title = _views(figure).get(index, ("", ""))[1] or _text(
            _axis(figure.get("layout", {}), trace, "y").get("title"))
        unit = f" ({y_title})" if y_title else ""
        text = f"{name}{unit}: {_number(ys[0])} at {xs[0]}"
        if len(ys) > 1:
            low, high = ys.index(min(ys)), ys.index(max(ys))
            text += (f" to {_number(ys[-1])} at {xs[-1]}; lowest {_number(ys[low])} at "
                     f"{xs[low]}, highest {_number(ys[high])} at {xs[high]}")
        if detail and len(ys) > 3:
            rises = [b - a for a, b in itertools.pairwise(ys)]
            biggest = rises.index(max(rises))
            if rises[biggest] > 0:
                text += (f"; largest rise {_number(rises[biggest])}, from {xs[biggest]} to "
                         f"{xs[biggest + 1]}")
        return text
    span = f", from {min(map(str, xs))} to {max(map(str, xs))}" if len(xs) > 1 else (
        f", at {xs[0]}" if xs else "")
    return f"{name}: {len(points)} point{'s' * (len(points) != 1)}{span}"


def summary(figure: dict[str, Any]) -> str:
    """A few sentences that say what the figure plots, over what range, and what it shows.

    >>> summary({"data": [{"type": "scatter", "name": "Japan", "x": [2022, 2023, 2024],
    ...                    "y": [1.1, 1.2, 1.4]}],
    ...          "layout": {"title": {"text": "Up<br>Share of GDP, %"}}})
    'Share of GDP, %. Japan: 1.1 at 2022 to 1.4 at 2024; lowest 1.1 at 2022, highest 1.4 at 2024.'
    """
    layout = figure.get("layout", {})
    meta = layout.get("meta") if isinstance(layout.get("meta"), dict) else {}
    first = meta.get("summary") or (meta.get("explorer") or {}).get("readout")
    sentences = [_sentence(plain(first))] if first else []
    _, subtitle = titles(figure)
    if subtitle:
        sentences.append(subtitle.rstrip("."))
    views = _views(figure)
    shown = [(i, t) for i, t in enumerate(figure.get("data", []))
             if listed(t) and _points(t) and t.get("visible", True) is True]
    series = [(i, t) for i, t in shown if t.get("mode") != "text"]
    numeric_lines = [(i, t) for i, t in series if not _is_geo(t)
                     and all(_is_number(y) for *_, y in _points(t))
                     and _ordered([x for _, x, _ in _points(t)])]
    if len(series) > MAX_SERIES_SPELLED_OUT and len(numeric_lines) == len(series):
        last = min(_points(t)[-1][1] for _, t in series)
        values = sorted(((next(y for _, x, y in _points(t) if x == last),
                          _series_name(t, i, layout))
                         for i, t in series if any(x == last for _, x, _ in _points(t))),
                        reverse=True)
        sentences.append(f"{len(series)} series; at {last}, from highest to lowest: "
                         + ", ".join(f"{name} {_number(v)}" for v, name in values))
    else:
        detail = len(numeric_lines) <= 2
        sentences += [_describe_trace(figure, i, t, detail) for i, t in series]
    if views:
        sentences.append("A menu switches between: " + ", ".join(
            dict.fromkeys(label for label, _ in views.values())))
    notes = [_describe_trace(figure, i, t, False) for i, t in shown if t.get("mode") == "text"]
    sentences += [f"On the chart: {note}" for note in notes if note]
    return " ".join(_sentence(s) for s in [*sentences, state(figure)] if s)


def csv_text(data: Table) -> str:
    """The table as CSV (header row first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(data.columns)
    writer.writerows(data.rows)
    return buffer.getvalue()


def title(figure: dict[str, Any]) -> str:
    """Return the figure's title text (its accessible name), or a generic label."""
    return titles(figure)[0] or "Interactive chart"


def data_disclosure(figure: dict[str, Any], figure_id: str) -> str:
    """The "Data" disclosure under a figure: its summary (the figure's accessible description),
    a CSV download and a table of exactly the plotted values, all from the figure's JSON."""
    data = table(figure)
    csv_url = "data:text/csv;charset=utf-8," + quote(csv_text(data), safe=",;:/()'")
    slug = re.sub(r"[^a-z0-9]+", "-", title(figure).lower()).strip("-")[:60] or "figure"
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in data.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
                   for row in data.rows)
    rows = len(data.rows)
    return (
        f'<details class="jps-figure-data">\n<summary>Data: the values plotted, as a table and '
        f"CSV</summary>\n"
        f'<p class="jps-figure-summary" id="{figure_id}-summary">'
        f"{html.escape(summary(figure))}</p>\n"
        f'<p><a href="{html.escape(csv_url, quote=True)}" download="{slug}.csv">Download the '
        f"{rows} row{'s' * (rows != 1)} as CSV</a></p>\n"
        f'<div class="jps-table-scroll" role="region" tabindex="0" '
        f'aria-label="{html.escape(title(figure), quote=True)}: data">'
        f'<table class="jps-data-table" data-rows="{rows}">'
        f"<caption>{html.escape(data.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>\n</details>\n"
    )
