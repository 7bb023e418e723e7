"""The myst-nb plugin that renders Plotly's JSON output in the static book."""

from __future__ import annotations

import json
from types import SimpleNamespace

import plotly.graph_objects as go

from japansec.build.plotly_mime import PLOTLY_MIME, PlotlyMimeRenderer, figure_html, figure_title


def test_renders_plotly_json_as_div_and_data() -> None:
    figure = go.Figure(go.Bar(x=[1, 2], y=[3, 4]), layout={"title": "A <b>bold</b> title"})
    data = SimpleNamespace(mime_type=PLOTLY_MIME, content=json.loads(figure.to_json()),
                           cell_index=3, output_index=0)
    nodes = PlotlyMimeRenderer.handle_mime(None, data, inline=False)
    assert nodes is not None and len(nodes) == 1
    html = nodes[0].astext()
    assert 'class="jps-plotly"' in html and 'aria-label="A bold title"' in html
    payload = html.split('data-for="')[1].split(">", 1)[1].split("</script>")[0]
    assert json.loads(payload)["data"][0]["y"] == [3, 4]


def test_other_types_and_inline_are_left_to_myst_nb() -> None:
    other = SimpleNamespace(mime_type="text/plain", content="x", cell_index=0, output_index=0)
    assert PlotlyMimeRenderer.handle_mime(None, other, inline=False) is None
    plotly = SimpleNamespace(mime_type=PLOTLY_MIME, content={}, cell_index=0, output_index=0)
    assert PlotlyMimeRenderer.handle_mime(None, plotly, inline=True) is None


def test_script_end_tags_in_text_cannot_break_the_page() -> None:
    html = figure_html({"data": [{"type": "bar", "name": "</script><b>"}], "layout": {}}, "f")
    assert html.count("</script>") == 1


def test_title_fallback() -> None:
    assert figure_title({"layout": {}}) == "Interactive chart"
