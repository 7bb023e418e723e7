"""The explorer mechanism: one declaration gives a static figure and a live panel that agree."""

from __future__ import annotations

import subprocess
import sys

import plotly.graph_objects as go
import pytest

from japansec.explorer import Choice, Scenario, Slider, View, frame_name, number
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
    """Every control moved: the FigureWidget shown in the panel (same widget, same model id) shows
    exactly what compute gives, trace by trace, lengths included."""
    panel = scenario.live()
    shown_widget = panel.children[-1]
    model_id = shown_widget.model_id
    count = len(scenario.view().traces)  # further traces of a figure are fixed
    keys = sorted(scenario.view().traces[0])
    for name, control in panel.controls.items():
        parameter = next(p for p in scenario.parameters if p.name == name)
        before = [[list(getattr(t, k)) for k in keys] for t in shown_widget.data[:count]]
        control.value = [v for v in parameter.values() if v != control.value][-1]
        assert panel.children[-1] is shown_widget and shown_widget.model_id == model_id, \
            "the figure shown must be updated, not replaced"
        expected = scenario.view(**{n: c.value for n, c in panel.controls.items()})
        shown = [[list(getattr(t, k)) for k in keys] for t in shown_widget.data[:count]]
        for trace_shown, trace in zip(shown, expected.traces, strict=True):
            for values, key in zip(trace_shown, keys, strict=True):
                want = list(trace[key])
                assert len(values) == len(want), (name, key)
                if want and isinstance(want[0], float):
                    assert values == pytest.approx(want, abs=1e-3), (name, key)
                else:
                    assert values == want, (name, key)
        assert shown != before, f"moving {name} did not change the figure"


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_static_wiring(scenario: Scenario) -> None:
    """The static figure's controls point where they say: each slider step animates the frame of
    its own value; the figure first shows compute at the defaults, with the slider and menu on
    them; each menu option installs its own slider (whose steps carry that option)."""
    fig = scenario.static()
    slider, second = scenario.static_axes()
    defaults = scenario.checked({})
    menu = fig.layout.updatemenus[0]
    option = second.values().index(defaults[second.name])
    assert menu.active == option
    installed = fig.layout.sliders[0]
    start = next(v for v in slider.values() if v == defaults[slider.name])
    assert list(installed.steps[installed.active].args[0]) == [frame_name(
        {slider.name: start, second.name: second.values()[option]})]
    for trace, update in zip(fig.data, scenario.view().traces, strict=False):
        for key, value in update.items():
            shown = trace[key]
            shown = list(shown) if isinstance(shown, tuple) else shown
            if isinstance(value, list) and value and isinstance(value[0], float):
                assert shown == pytest.approx(value, abs=1e-4), key
            else:
                assert shown == value, key
    frames = {f.name for f in fig.frames}
    for index, b in enumerate(second.values()):
        own = menu.buttons[index].args[1]["sliders"][0]
        assert len(own["steps"]) == len(slider.values())
        for step, a in zip(own["steps"], slider.values(), strict=True):
            name = frame_name({slider.name: a, second.name: b})
            assert list(step["args"][0]) == [name] and name in frames, (b, a)
    assert len(frames) == len(scenario.grid())


def test_scenarios_import_without_loading_data() -> None:
    """Importing the explorers reads no table and fits nothing (a fresh interpreter)."""
    code = ("import japansec.scenarios as s\n"
            "from japansec import data\n"
            "from japansec.scenarios import risk\n"
            "assert data._load_cached.cache_info().currsize == 0, 'a table was loaded'\n"
            "assert risk.fitted.cache_info().currsize == 0, 'the model was fitted'\n"
            "assert 'frictionless' not in __import__('sys').modules\n"
            "print('ok')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr[-2000:]


def test_arms_race_opens_on_the_fitted_coefficients() -> None:
    """The text quotes the fit (a ≈ 0.016, b ≈ 0.64): the explorer's defaults are the fit itself,
    and the static figure opens on them, not on the nearest grid point."""
    from japansec.scenarios.risk import ARMS_RACE, fitted

    coefficients = fitted().coefficients
    assert ARMS_RACE.defaults() == {k: getattr(coefficients, k) for k in "abmngh"}
    fig = ARMS_RACE.static()
    installed = fig.layout.sliders[0]
    assert installed.steps[installed.active].args[0][0].startswith(f"a={coefficients.a}|")
    menu = fig.layout.updatemenus[0]
    assert menu.buttons[menu.active].label.endswith(f"{number(coefficients.b)} per year")


def test_held_fixed_names_the_parameters_the_static_figure_holds() -> None:
    assert toy().held_fixed() == ""
    scenario = Scenario("t", "T", "d", (
        Slider("a", "A", "u", 0, 1, 0.5, 0), Slider("b", "B", "u", 0, 1, 0.5, 0),
        Slider("c", "Cost", "¥ tn", 0, 9, 1, 3), Choice("d", "Mode", (("fast", 1),), 1)),
        toy().compute, toy().figure)
    assert scenario.held_fixed() == "Cost = 3 ¥ tn and Mode: fast"


@pytest.mark.parametrize("values,message", [
    ({"a": 3}, r"a \(Slope\) must be from 0 to 2 units, not 3"),
    ({"a": "1"}, r"a \(Slope\) must be a number"),
    ({"shift": 5}, r"shift \(Shift\) must be one of \[0, 10\]"),
    ({"b": 1}, r"unknown parameters \['b'\]"),
])
def test_bad_parameters_are_rejected_by_name(values, message) -> None:
    with pytest.raises(ValueError, match=message):
        toy().view(**values)


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_live_controls_carry_the_declared_ranges_and_options(scenario: Scenario) -> None:
    """Each live control is built from its declaration: a slider's range, step and default, a
    menu's labelled options and default; and it is labelled with its unit."""
    panel = scenario.live()
    for parameter in scenario.parameters:
        control = panel.controls[parameter.name]
        if isinstance(parameter, Slider) and hasattr(control, "step"):
            assert (control.min, control.max, control.step, control.value) == (
                parameter.min, parameter.max, parameter.step, parameter.default)
            assert parameter.unit in control.description
        elif isinstance(parameter, Slider):  # a default between steps: the static grid's values
            values = [value for _, value in control.options]
            assert values == parameter.values() and control.value == parameter.default
            assert (values[0], values[-1]) == (parameter.min, parameter.max)
            assert parameter.unit in control.description
        else:
            assert list(control.options) == list(parameter.options)
            assert control.value == parameter.default


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_static_explorer_stays_small(scenario: Scenario) -> None:
    assert len(scenario.static().to_json()) < 300 * 1024
