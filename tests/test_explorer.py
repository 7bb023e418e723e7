"""The explorer mechanism: one declaration gives a static figure and a live panel that agree."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from japansec.explorer import Choice, Scenario, Slider, View, frame_name
from japansec.scenarios import ALL_SCENARIOS

SCENARIOS = ALL_SCENARIOS


def toy() -> Scenario:
    """y = a * x for x in 0..3, shifted by a choice; easy to check by hand."""
    def compute(a: float, shift: int) -> View:
        xs = [0, 1, 2, 3]
        return View(traces=[{"x": xs, "y": [a * x + shift for x in xs]}])

    def figure(view: View) -> go.Figure:
        return go.Figure(go.Scatter(**view.traces[0]))

    return Scenario("toy", "Toy", "A line.", (
        Slider("a", "Slope", "units", 0, 2, 0.5, 1),
        Choice("shift", "Shift", (("none", 0), ("ten", 10)), 0)), compute, figure)


def frame_trace(fig: go.Figure, name: str, index: int, key: str, option_start: dict) -> object:
    """A trace property as the static page shows it after choosing a frame."""
    frame = next(f for f in fig.frames if f.name == name)
    value = frame.data[index].to_plotly_json().get(key)
    return option_start[key][index] if value is None else value


def option_start(fig: go.Figure, option: int) -> dict:
    return fig.layout.updatemenus[0].buttons[option].args[0]


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_static_figure_equals_compute_at_every_grid_point(scenario: Scenario) -> None:
    fig = scenario.static()
    _, second = scenario.static_axes()
    assert second is not None, "the static figure varies at least two parameters"
    for params in scenario.grid():
        expected = scenario.view(**params)
        option = second.values().index(params[second.name])
        start = option_start(fig, option)
        for index, trace in enumerate(expected.traces):
            for key, value in trace.items():
                shown = frame_trace(fig, frame_name(params), index, key, start)
                shown = list(shown) if isinstance(shown, tuple) else shown
                if isinstance(value, list) and value and isinstance(value[0], float):
                    assert shown == pytest.approx(value, abs=1e-4), (params, index, key)
                else:
                    assert shown == value, (params, index, key)


def test_static_figure_has_a_slider_and_a_dropdown() -> None:
    fig = toy().static()
    assert len(fig.layout.sliders) == 1 and len(fig.layout.sliders[0].steps) == 5
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Shift: none", "Shift: ten"]
    assert len(fig.frames) == 10


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_live_panel_updates_in_place_and_matches_compute(scenario: Scenario) -> None:
    panel = scenario.live()
    figure = panel.figure
    for name, control in panel.controls.items():
        parameter = next(p for p in scenario.parameters if p.name == name)
        keys = sorted(scenario.view().traces[0])
        count = len(scenario.view().traces)  # further traces of a figure are fixed
        before = [[list(getattr(t, k)) for k in keys] for t in figure.data[:count]]
        identity = id(figure)
        new = parameter.values()[-1] if parameter.values()[-1] != control.value else \
            parameter.values()[0]
        control.value = new
        assert id(panel.figure) == identity, "the figure must be updated, not replaced"
        expected = scenario.view(**{n: c.value for n, c in panel.controls.items()})
        shown = [[list(getattr(t, k)) for k in keys] for t in figure.data[:count]]
        for trace_shown, trace in zip(shown, expected.traces, strict=False):
            for values, key in zip(trace_shown, keys, strict=True):
                want = list(trace[key])
                if want and isinstance(want[0], float):
                    assert values == pytest.approx(want, abs=1e-3), (name, key)
                else:
                    assert values == want, (name, key)
        if any(b != s for b, s in zip(before, shown, strict=True)):
            continue
        pytest.fail(f"moving {name} did not change the figure")


@pytest.mark.parametrize("values,message", [
    ({"a": 3}, r"a \(Slope\) must be from 0 to 2 units, not 3"),
    ({"a": "1"}, r"a \(Slope\) must be a number"),
    ({"shift": 5}, r"shift \(Shift\) must be one of \[0, 10\]"),
    ({"b": 1}, r"unknown parameters \['b'\]"),
])
def test_bad_parameters_are_rejected_by_name(values, message) -> None:
    with pytest.raises(ValueError, match=message):
        toy().view(**values)


def test_live_controls_cannot_leave_the_range() -> None:
    panel = toy().live()
    slider = panel.controls["a"]
    slider.value = 99
    assert slider.value == 2  # ipywidgets clamps to max; the model never sees 99


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_static_explorer_stays_small(scenario: Scenario) -> None:
    assert len(scenario.static().to_json()) < 300 * 1024
