"""The myst-nb plugin that renders Plotly's JSON output in the static book."""

from __future__ import annotations

import csv
import html
import io
import json
from types import SimpleNamespace
from urllib.parse import unquote

import plotly.graph_objects as go

from japansec.build import figure_text
from japansec.build.plotly_mime import PLOTLY_MIME, PlotlyMimeRenderer, figure_html


def test_renders_plotly_json_as_div_and_data() -> None:
    figure = go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout={"title": "A <b>bold</b> title"})
    data = SimpleNamespace(mime_type=PLOTLY_MIME, content=json.loads(figure.to_json()),
                           cell_index=3, output_index=0, cell_metadata={})
    nodes = PlotlyMimeRenderer.handle_mime(None, data, inline=False)
    assert nodes is not None and len(nodes) == 1
    page = nodes[0].astext()
    assert 'class="jps-plotly"' in page and 'aria-label="A bold title"' in page
    payload = page.split('data-for="')[1].split(">", 1)[1].split("</script>")[0]
    assert json.loads(payload)["data"][0]["y"] == [3, 4]


def test_a_print_only_cell_renders_hidden_with_its_values_named() -> None:
    """A cell tagged print-only (an explorer at an exercise's settings): no figure the screen
    draws, no controls; a caption naming the explorer and its values; the same figure JSON."""
    from japansec.scenarios.alliance import ALLIANCE

    data = SimpleNamespace(mime_type=PLOTLY_MIME, content=json.loads(
        ALLIANCE.static(final_p=0.5).to_json()), cell_index=3, output_index=0,
                           cell_metadata={"tags": ["remove-input", "print-only"]})
    page = PlotlyMimeRenderer.handle_mime(None, data, inline=False)[0].astext()
    assert page.startswith('<div class="jps-print-only">')
    assert 'class="jps-plotly"' not in page and "<form" not in page
    assert "Alliance-reliability explorer at the settings an exercise asks for." in page
    assert "Probability of US support by 2035 0.5" in page
    payload = page.split('data-for="')[1].split(">", 1)[1].split("</script>")[0]
    assert json.loads(payload)["data"][0]["y"] == ALLIANCE.rendered(final_p=0.5)["traces"][0]["y"]


def test_other_types_and_inline_are_left_to_myst_nb() -> None:
    other = SimpleNamespace(mime_type="text/plain", content="x", cell_index=0, output_index=0)
    assert PlotlyMimeRenderer.handle_mime(None, other, inline=False) is None
    plotly = SimpleNamespace(mime_type=PLOTLY_MIME, content={}, cell_index=0, output_index=0)
    assert PlotlyMimeRenderer.handle_mime(None, plotly, inline=True) is None


def test_script_end_tags_in_text_cannot_break_the_page() -> None:
    page = figure_html({"data": [{"type": "bar", "name": "</script><b>"}], "layout": {}}, "f")
    assert page.count("</script>") == 1


def test_title_fallback() -> None:
    assert figure_text.title({"layout": {}}) == "Interactive chart"


def test_data_table_lists_points_not_connecting_lines() -> None:
    """Lines-only traces with hover off (links, steps) are left out; gaps are no points."""
    figure = go.Figure([
        go.Scatter(x=["2023-01-01", "2023-02-01", None], y=["a", "b", None], mode="lines",
                   hoverinfo="skip"),
        go.Scatter(x=["2023-01-01", None, "2023-03-01"], y=["a", None, "a"], mode="markers",
                   name="moves", hovertext=["<b>First</b>", "", "Third"], hoverinfo="text"),
    ]).to_plotly_json()
    table = figure_text.table(figure)
    assert table.columns == ["Series", "Date", "y", "Details"]
    assert table.rows == [["moves", "2023-01-01", "a", "First"],
                          ["moves", "2023-03-01", "a", "Third"]]


def test_menu_views_name_each_row_and_its_unit() -> None:
    """A menu that switches traces gives each row its view and the y title that view sets."""
    figure = go.Figure([go.Scatter(x=[1, 2], y=[3, 4], name="Japan"),
                        go.Scatter(x=[1, 2], y=[30, 40], name="Japan", visible=False)])
    figure.update_layout(yaxis_title="% of GDP", updatemenus=[{"buttons": [
        {"label": "Share", "method": "update", "args": [{"visible": [True, False]},
                                                        {"yaxis.title.text": "% of GDP"}]},
        {"label": "Money", "method": "update", "args": [{"visible": [False, True]},
                                                        {"yaxis.title.text": "US$ bn"}]}]}])
    table = figure_text.table(figure.to_plotly_json())
    assert table.columns == ["View", "Series", "x", "Value", "Measure"]
    assert table.rows[0] == ["Share", "Japan", "1", "3", "% of GDP"]
    assert table.rows[-1] == ["Money", "Japan", "2", "40", "US$ bn"]
    assert "A menu switches between: Share, Money" in figure_text.summary(
        figure.to_plotly_json())


def test_summary_ranks_many_series_at_their_last_common_x() -> None:
    figure = go.Figure([go.Scatter(x=[2023, 2024], y=[i, 10 - i], name=f"C{i}")
                        for i in range(6)]).to_plotly_json()
    assert ("6 series; at 2024, from highest to lowest: C0 10, C1 9, C2 8, C3 7, C4 6, C5 5"
            in figure_text.summary(figure))


def test_summary_of_an_explorer_starts_with_its_readout_and_names_the_values_shown() -> None:
    from japansec.scenarios.alliance import ALLIANCE

    figure = ALLIANCE.static(growth=6).to_plotly_json()
    text = figure_text.summary(figure)
    assert text.startswith(ALLIANCE.rendered(growth=6)["readout"])
    assert text.endswith("Values shown for: Probability of US support by 2035 0.7 0–1; Japan's "
                         "capability growth 6 % a year; US contribution 2 × Japan's 2026 "
                         "capability.")


def test_figure_html_describes_the_figure_and_offers_the_same_rows_as_csv() -> None:
    figure = go.Figure(go.Bar(x=[2023, 2024], y=[50.2, 55.3], name="US$ bn, a, b"),
                       layout={"title": "Spending <i>rose</i><br>SIPRI, US$ bn"})
    page = figure_html(json.loads(figure.to_json()), "f1")
    assert 'aria-label="Spending rose"' in page and 'aria-describedby="f1-summary"' in page
    assert '<p class="jps-figure-summary" id="f1-summary">SIPRI, US$ bn. ' in page
    url = html.unescape(page.split('href="')[1].split('"')[0])
    rows = list(csv.reader(io.StringIO(unquote(url.split(",", 1)[1]))))
    assert rows == [["Series", "Year", "y"], ["US$ bn, a, b", "2023", "50.2"],
                    ["US$ bn, a, b", "2024", "55.3"]]
    assert page.count("<tr>") == 3 and 'data-rows="2"' in page
