"""The explorer mechanism: one declaration gives a static figure (with the page's controls), a live
panel and the browser's entry point, and all three show what ``compute`` gives."""

from __future__ import annotations

import _imp
import html
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from japansec.browser import render
from japansec.build import figure_text
from japansec.build.explorers import BLOCKED, PYODIDE, STDLIB, controls_html
from japansec.explorer import Choice, Scenario, Slider, View, published
from japansec.scenarios import ALL_SCENARIOS
from japansec.text import plain

SCENARIOS = ALL_SCENARIOS


def toy_compute(context: dict[str, Any], a: float, shift: int) -> View:
    """y = a * x + shift for x in 0..3 (+ context's offset); easy to check by hand."""
    xs = [0, 1, 2, 3]
    return View(traces=[{"x": xs, "y": [a * x + shift + context["offset"] for x in xs]}],
                readout=f"slope {a:g}, shift {shift}")


def toy() -> Scenario:
    def figure(view: View) -> go.Figure:
        return go.Figure(go.Scatter(**view.traces[0]))

    return Scenario("toy", "Toy", "A line.", (
        Slider("a", "Slope", "units", 0, 2, 0.5, 1),
        Choice("shift", "Shift", (("none", 0), ("ten", 10)), 0)), toy_compute, figure,
        lambda: {"offset": 0.25})


def test_compute_gets_the_context_and_the_checked_values() -> None:
    view = toy().view(a=2, shift=10)
    assert view.traces[0]["y"] == [10.25, 12.25, 14.25, 16.25]
    assert view.readout == "slope 2, shift 10"


def test_context_must_be_plain_json_data() -> None:
    scenario = Scenario("bad", "Bad", "", (Slider("a", "A", "u", 0, 1, 1, 0),),
                        lambda context, a: View([{"y": [a]}], ""), None,
                        lambda: {"when": object()})
    with pytest.raises(ValueError, match="must return plain JSON data"):
        scenario.view()


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_static_figure_is_compute_at_the_defaults_with_the_spec(scenario: Scenario) -> None:
    """The static figure opens exactly on the defaults (fitted values included) and carries the
    spec, the values and the readout the page's controls are built from."""
    fig = scenario.static()
    shown = scenario.rendered()
    for trace, update in zip(fig.data, shown["traces"], strict=False):
        for key, value in update.items():
            drawn = trace[key]
            assert (list(drawn) if isinstance(drawn, tuple) else drawn) == value, key
    meta = fig.layout.meta["explorer"]
    assert meta["values"] == scenario.checked({}) and meta["readout"] == shown["readout"]
    assert meta["parameters"] == [p.spec() for p in scenario.parameters]
    assert not fig.frames and not fig.layout.sliders and not fig.layout.updatemenus


def test_static_figure_at_other_values() -> None:
    fig = toy().static(a=0.5, shift=10)
    assert list(fig.data[0].y) == [10.25, 10.75, 11.25, 11.75]
    assert fig.layout.meta["explorer"]["values"] == {"a": 0.5, "shift": 10}


def test_arms_race_opens_on_the_fitted_coefficients() -> None:
    """The text quotes the fit (a ≈ 0.016, b ≈ 0.64): every face opens on the fit itself, not on
    the nearest step of a slider."""
    from japansec.scenarios.risk import ARMS_RACE, fitted

    coefficients = fitted().coefficients
    fitted_values = {k: getattr(coefficients, k) for k in "abmngh"}
    assert ARMS_RACE.defaults() == fitted_values
    assert ARMS_RACE.static().layout.meta["explorer"]["values"] == fitted_values
    page = controls_html(ARMS_RACE.static().layout.meta["explorer"], "f")
    for parameter in ARMS_RACE.parameters:
        index = parameter.values().index(fitted_values[parameter.name])
        assert f'name="{parameter.name}" min="0" max="{len(parameter.values()) - 1}" step="1" ' \
               f'value="{index}"' in page


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_a_summary_says_nothing_the_readout_does_not(scenario: Scenario) -> None:
    """The book's page may leave a summary line (``meta="summary"``, style.summary_text) to the
    explorer's readout where it would cover the data on a phone: its words are the readout's, in
    the same order, at the defaults and at every third value of each control."""
    summaries = [i for i, trace in enumerate(scenario.static().data) if trace.meta == "summary"]
    settings = [{}] + [{p.name: v} for p in scenario.parameters for v in p.values()[::3]]
    for values in settings:
        shown = scenario.rendered(**values)
        readout = re.findall(r"\w+", plain(shown["readout"]))
        for index in summaries:
            text = shown["traces"][index]["text"]
            texts = text if isinstance(text, list) else [text]
            words, left = re.findall(r"\w+", plain(" ".join(texts))), iter(readout)
            assert all(word in left for word in words), (scenario.name, values, texts)


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_page_controls_cover_every_parameter(scenario: Scenario) -> None:
    """One labelled control per parameter, set on the default: a range input over the slider's
    values (with its unit), a menu with every option; a readout in an aria-live region."""
    page = controls_html(scenario.static().layout.meta["explorer"], "fig")
    for parameter in scenario.parameters:
        control_id = f"fig-{parameter.name}"
        assert f'<label for="{control_id}">' in page
        if isinstance(parameter, Slider):
            assert f'id="{control_id}" name="{parameter.name}"' in page
            assert f"data-values='{json.dumps(parameter.values())}'" in page
        else:
            menu = page.split(f'<select id="{control_id}"')[1].split("</select>")[0]
            assert menu.count("<option") == len(parameter.options)
            assert menu.count(" selected") == 1
    assert page.count('aria-live="polite"') == 1


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_live_panel_updates_in_place_and_matches_compute(scenario: Scenario) -> None:
    """Every control moved: the FigureWidget shown in the panel (same widget, same model id) shows
    exactly what compute gives, trace by trace, lengths included, and the readout follows."""
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
        expected = scenario.rendered(**{n: c.value for n, c in panel.controls.items()})
        shown = [[list(getattr(t, k)) for k in keys] for t in shown_widget.data[:count]]
        for trace_shown, trace in zip(shown, expected["traces"], strict=True):
            for values, key in zip(trace_shown, keys, strict=True):
                assert values == list(trace[key]), (name, key)
        assert shown != before, f"moving {name} did not change the figure"
        assert html.escape(expected["readout"]) in panel.readout.value


@pytest.mark.parametrize("scenario", [toy(), *SCENARIOS], ids=lambda s: s.name)
def test_live_controls_carry_the_declared_values_and_options(scenario: Scenario) -> None:
    """Each live control is built from its declaration, labelled with its unit: a slider steps
    through its values (a fitted default included), a menu offers its labelled options."""
    panel = scenario.live()
    for parameter in scenario.parameters:
        control = panel.controls[parameter.name]
        if isinstance(parameter, Slider):
            assert [value for _, value in control.options] == parameter.values()
            assert parameter.unit in control.description
        else:
            assert list(control.options) == list(parameter.options)
        assert control.value == parameter.default


@pytest.mark.parametrize("values,message", [
    ({"a": 3}, r"a \(Slope\) must be from 0 to 2 units, not 3"),
    ({"a": "1"}, r"a \(Slope\) must be a number"),
    ({"shift": 5}, r"shift \(Shift\) must be one of \[0, 10\]"),
    ({"b": 1}, r"unknown parameters \['b'\]"),
])
def test_bad_parameters_are_rejected_by_name(values, message) -> None:
    with pytest.raises(ValueError, match=message):
        toy().view(**values)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_the_browsers_entry_point_renders_as_the_kernel_does(scenario: Scenario) -> None:
    """japansec.browser.render, fed the published file and the page's figure, gives exactly what
    the kernel renders, and the Data disclosure of the figure at those values; a value out of
    range gets the kernel's own message."""
    file, page_figure = published(scenario), scenario.static().to_json()
    values = {p.name: p.values()[0] for p in scenario.parameters}
    out = json.loads(render(file, json.dumps(values), page_figure, "f"))
    assert {k: out[k] for k in ("traces", "readout")} == json.loads(
        json.dumps(scenario.rendered(**values)))
    assert out["data_html"] == figure_text.data_disclosure(
        json.loads(scenario.static(**values).to_json()), "f")
    slider = next((p for p in scenario.parameters if isinstance(p, Slider)), None)
    if slider is not None:
        with pytest.raises(ValueError) as kernel:
            scenario.view(**{slider.name: slider.max + 1})
        assert json.loads(render(file, json.dumps({slider.name: slider.max + 1}), page_figure,
                                 "f")) == {"error": str(kernel.value)}


def test_computes_run_without_numpy_pandas_or_plotly() -> None:
    """In a fresh interpreter where numpy, pandas, plotly, ipywidgets and frictionless cannot be
    imported (as in the browser), every explorer renders from its spec and published context."""
    files = {s.name: [published(s), s.static().to_json()] for s in SCENARIOS}
    code = (f"import sys, json\nfor name in {BLOCKED!r}:\n    sys.modules[name] = None\n"
            "from japansec.browser import render\n"
            "files = json.loads(sys.stdin.read())\n"
            "for name, (f, figure) in files.items():\n"
            "    out = json.loads(render(f, '{}', figure, 'f'))\n"
            "    assert out['traces'] and out['readout'] and out['data_html'], name\n"
            "print('ok', len(files))")
    result = subprocess.run([sys.executable, "-c", code], input=json.dumps(files),
                            capture_output=True, text=True)
    assert result.stdout.strip() == f"ok {len(SCENARIOS)}", result.stderr[-2000:]


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


def test_pythons_standard_library_ships_compiled(built_book: Path) -> None:
    """The page's Python loads its standard library as bytecode compiled at build time, not from
    sources it would compile at every start: every module of the pinned Pyodide's zip is there as
    an unchecked hash-based .pyc of one Python version, made from exactly that module's source, and
    not as .py; every other file is the same. (That this is the version of the browser's Python,
    the browser tests show: without the sources, Python could not start otherwise.)"""
    with zipfile.ZipFile(PYODIDE / STDLIB) as package, \
            zipfile.ZipFile(built_book / "_static" / "pyodide" / STDLIB) as shipped:
        sources = {i.filename: package.read(i) for i in package.infolist()}
        files = {i.filename: shipped.read(i) for i in shipped.infolist()}
    modules = [name for name in sources if name.endswith(".py")]
    assert len(modules) > 500, f"{PYODIDE / STDLIB}: {len(modules)} modules"
    assert sorted(files) == sorted(n + "c" if n in modules else n for n in sources)
    magic = {files[name + "c"][:4] for name in modules}
    assert len(magic) == 1 and next(iter(magic)).endswith(b"\r\n"), magic
    key = int.from_bytes(next(iter(magic)), "little")  # what Python's source hash is keyed on
    for name in modules:
        header = files[name + "c"][:16]
        assert header[4:8] == (1).to_bytes(4, "little"), f"{name}c: not unchecked hash-based"
        assert header[8:] == _imp.source_hash(key, sources[name]), f"{name}c: another source"
    assert all(files[name] == sources[name] for name in sources if name not in modules)


def test_explorer_names_are_unique() -> None:
    """Each explorer's name names its published file (_static/explorers/<name>.json)."""
    names = [s.name for s in SCENARIOS]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_static_explorer_stays_small(scenario: Scenario) -> None:
    """An explorer adds at most 300 KB to its page: the figure, its controls, its data table."""
    from japansec.build.plotly_mime import figure_html

    assert len(figure_html(scenario.static().to_plotly_json(), "f").encode()) < 300 * 1024
