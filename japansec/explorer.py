"""Scenario explorers: one declaration, two faces.

A :class:`Scenario` declares its parameters (:class:`Slider`, :class:`Choice`) and two functions:

- ``compute(**params) -> View``: the pure part — what every trace shows for one set of parameter
  values (text such as "2 % first reached in FY2029" goes in a text trace);
- ``figure(view) -> go.Figure``: the figure's fixed frame (axes, reference lines, trace styles),
  built once from a first view.

From that one declaration:

- :meth:`Scenario.live` builds an ipywidgets panel (one control per parameter, labelled with its
  unit) driving a Plotly ``FigureWidget`` that is updated in place inside ``batch_update()`` —
  for instructors running the notebook;
- :meth:`Scenario.static` builds a plain Plotly figure whose own slider (the first parameter)
  and dropdown (the second) step through a precomputed grid of the same ``compute`` — for
  students reading the static book, with no kernel. Other parameters stay at their defaults
  there, and the figure's caption says so.

Every value passes the parameter's check first, so an out-of-range or wrongly typed value is
rejected with a ValueError naming the parameter and its allowed range.

Parameters whose options or defaults come from the data (a fit, a table) are declared with
:class:`Deferred`, so that importing a scenario module loads nothing: the data are read when the
explorer is first drawn.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go


@dataclass(frozen=True)
class Slider:
    """A numeric parameter with a range and a step (the grid of the static figure)."""

    name: str
    label: str
    unit: str
    min: float
    max: float
    step: float
    default: float

    def __post_init__(self) -> None:
        if not self.min <= self.default <= self.max or self.step <= 0:
            raise ValueError(f"slider {self.name}: need min <= default <= max and step > 0")

    def values(self) -> list[float]:
        """The grid: min, min + step, …, max (rounded to the step's decimals), and the default
        where it falls between two steps (so the static figure opens exactly on it).

        >>> Slider("a", "a", "per year", 0, 0.04, 0.01, 0.016).values()
        [0.0, 0.01, 0.016, 0.02, 0.03, 0.04]
        """
        count = math.floor((self.max - self.min) / self.step + 1e-9) + 1
        decimals = max(0, -math.floor(math.log10(self.step)) + 1)
        grid = [round(self.min + i * self.step, decimals) for i in range(count)]
        if not any(math.isclose(v, self.default, abs_tol=1e-12) for v in grid):
            grid = sorted([*grid, self.default])
        return grid

    def describe(self, value: float) -> str:
        """``value`` with the label and unit, e.g. 'Nominal GDP growth = 2 % a year'."""
        return f"{self.label} = {number(value)} {self.unit}"

    def check(self, value: Any) -> float:
        """The value as a float, or ValueError naming the parameter and its range."""
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise ValueError(f"{self.name} ({self.label}) must be a number, not {value!r}")
        if not self.min <= value <= self.max:
            raise ValueError(f"{self.name} ({self.label}) must be from {self.min} to {self.max} "
                             f"{self.unit}, not {value!r}")
        return float(value)


@dataclass(frozen=True)
class Choice:
    """A parameter with a fixed list of options: (label shown, value passed to compute)."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]
    default: Any

    def __post_init__(self) -> None:
        if self.default not in self.values():
            raise ValueError(f"choice {self.name}: default {self.default!r} is not an option")

    def values(self) -> list[Any]:
        return [value for _, value in self.options]

    def describe(self, value: Any) -> str:
        return f"{self.label}: {dict((v, k) for k, v in self.options)[value]}"

    def check(self, value: Any) -> Any:
        if value not in self.values():
            raise ValueError(f"{self.name} ({self.label}) must be one of {self.values()}, "
                             f"not {value!r}")
        return value


Parameter = Slider | Choice


class Deferred(Sequence):
    """Parameters made on first use by ``make()`` (for defaults fitted to data, options read from a
    table), so that importing the scenario's module loads no data."""

    def __init__(self, make: Callable[[], tuple[Parameter, ...]]) -> None:
        self._make = make
        self._made: tuple[Parameter, ...] | None = None

    def _items(self) -> tuple[Parameter, ...]:
        if self._made is None:
            self._made = tuple(self._make())
        return self._made

    def __getitem__(self, index: Any) -> Any:
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self._items())

    @property
    def made(self) -> bool:
        """Whether the parameters have been made (the data read)."""
        return self._made is not None


@dataclass
class View:
    """What a figure shows for one set of parameters: one update per trace, in the figure's trace
    order, every update with the same keys (e.g. x, y and text)."""

    traces: list[dict[str, Any]]


@dataclass(frozen=True)
class Scenario:
    """One explorer: parameters, a pure ``compute`` and a ``figure`` frame (see module doc).

    The view's traces are the figure's first traces, in order; any further traces of the figure
    (for example fixed reference points) never change."""

    name: str
    title: str
    description: str
    parameters: Sequence[Parameter]
    compute: Callable[..., View]
    figure: Callable[[View], go.Figure]

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}

    def held_fixed(self) -> str:
        """The parameters the static figure holds at their defaults, as a caption says them, e.g.
        'R: both restrain = 3 payoff and P: both arm = 1 payoff' ('' if none)."""
        fixed = [p.describe(p.default) for p in self.parameters[2:]]
        return ", ".join(fixed[:-1]) + (" and " if len(fixed) > 1 else "") + (fixed[-1]
                                                                                if fixed else "")

    def checked(self, values: dict[str, Any]) -> dict[str, Any]:
        """All parameters, defaults filled in, each value checked; unknown names rejected."""
        unknown = set(values) - {p.name for p in self.parameters}
        if unknown:
            raise ValueError(f"{self.name}: unknown parameters {sorted(unknown)}; "
                             f"known: {[p.name for p in self.parameters]}")
        merged = self.defaults() | values
        return {p.name: p.check(merged[p.name]) for p in self.parameters}

    def view(self, **values: Any) -> View:
        """The checked ``compute`` for these parameter values (defaults for the others)."""
        view = self.compute(**self.checked(values))
        keys = [sorted(t) for t in view.traces]
        if any(k != keys[0] for k in keys):
            raise ValueError(f"{self.name}: every trace update must have the same keys")
        return view

    # --- the two faces ----------------------------------------------------------------------
    def static_axes(self) -> tuple[Parameter, Parameter | None]:
        """The parameters the static figure varies: the first (on the figure's slider) and the
        second (in its dropdown menu)."""
        return self.parameters[0], (self.parameters[1] if len(self.parameters) > 1 else None)

    def grid(self) -> list[dict[str, Any]]:
        """Every parameter combination the static figure holds."""
        slider, second = self.static_axes()
        seconds = second.values() if second else [None]
        return [{slider.name: a} | ({second.name: b} if second else {})
                for b, a in itertools.product(seconds, slider.values())]

    def static(self) -> go.Figure:
        """A plain Plotly figure whose own slider and dropdown step through the grid."""
        slider, second = self.static_axes()
        base = self.view()
        fig = self.figure(base)
        seconds = second.values() if second else [None]
        frames, sliders, buttons = [], [], []
        active = slider.values().index(_nearest(slider, slider.default))
        for b in seconds:
            start = self.view(**{slider.name: slider.values()[active]}
                              | ({second.name: b} if second else {}))
            params_list = [{slider.name: a} | ({second.name: b} if second else {})
                           for a in slider.values()]
            views = [[_rounded(t) for t in self.view(**p).traces] for p in params_list]
            # Keys that never change along this slider (often x) are set once, not per frame.
            constant = [{key for key in trace if all(v[i][key] == trace[key] for v in views)}
                        for i, trace in enumerate(views[0])]
            steps = []
            for a, params, traces in zip(slider.values(), params_list, views, strict=True):
                name = frame_name(params)
                frames.append(go.Frame(name=name, data=[
                    {"type": fig.data[i].type} | {k: v for k, v in t.items()
                                                  if k not in constant[i]}
                    for i, t in enumerate(traces)]))
                steps.append({"label": _short(slider, a), "method": "animate", "args": [[name], {
                    "mode": "immediate", "frame": {"duration": 0, "redraw": True},
                    "transition": {"duration": 0}}]})
            unit = f" ({slider.unit})" if isinstance(slider, Slider) else ""
            sliders.append({"active": active, "steps": steps, "x": 0.0, "len": 1.0, "y": -0.02,
                            "yanchor": "top", "pad": {"t": 60},
                            "currentvalue": {"prefix": f"{slider.label}{unit}: "}})
            if second is not None:
                buttons.append({"label": _label(second, b), "method": "update",
                                "args": [_restyle(start), {"sliders": [sliders[-1]]},
                                         list(range(len(start.traces)))]})
        default_index = seconds.index(_nearest(second, second.default)) if second else 0
        # Show the default combination first (the grid value nearest to each default).
        shown = self.view(**{slider.name: slider.values()[active]}
                          | ({second.name: seconds[default_index]} if second else {}))
        for trace, update in zip(fig.data, shown.traces, strict=False):
            trace.update(_rounded(update))
        fig.frames = frames
        fig.update_layout(sliders=[sliders[default_index]])
        if second is not None:
            fig.update_layout(updatemenus=[{
                "buttons": buttons, "active": default_index, "direction": "down",
                "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                "pad": {"b": 8}, "showactive": True}])
        return fig

    def live(self) -> Any:
        """An ipywidgets panel: labelled controls driving a FigureWidget updated in place."""
        import ipywidgets as widgets

        from japansec.style import offline_base_map

        figure = offline_base_map(go.FigureWidget(self.figure(self.view())))
        controls = {}
        for p in self.parameters:
            if isinstance(p, Slider) and _on_steps(p):
                controls[p.name] = widgets.FloatSlider(
                    value=p.default, min=p.min, max=p.max, step=p.step,
                    description=f"{p.label} ({p.unit})", continuous_update=True,
                    style={"description_width": "initial"},
                    layout=widgets.Layout(width="95%"))
            elif isinstance(p, Slider):
                # A default between two steps (a fitted value): a FloatSlider would show it
                # snapped to the nearest step, and the browser would send that snapped value
                # back, so the panel would silently leave the default. Step through the
                # static figure's own grid instead, default included.
                controls[p.name] = widgets.SelectionSlider(
                    options=[(f"{v:.3g}", v) for v in p.values()], value=p.default,
                    description=f"{p.label} ({p.unit})", continuous_update=True,
                    style={"description_width": "initial"},
                    layout=widgets.Layout(width="95%"))
            else:
                controls[p.name] = widgets.Dropdown(
                    options=list(p.options), value=p.default, description=p.label,
                    style={"description_width": "initial"})

        def redraw(_change: Any = None) -> None:
            view = self.view(**{name: c.value for name, c in controls.items()})
            with figure.batch_update():
                for trace, update in zip(figure.data, view.traces, strict=False):
                    trace.update(_rounded(update))

        for control in controls.values():
            control.observe(redraw, names="value")
        redraw()
        panel = widgets.VBox([widgets.HTML(f"<b>{self.title}</b><br>{self.description}"),
                              *controls.values(), figure])
        panel.figure, panel.controls, panel.scenario = figure, controls, self
        return panel


def number(value: float) -> str:
    """A parameter value as a label shows it: three significant digits.

    >>> number(0.015653), number(-13.98), number(3.0), number(1500)
    ('0.0157', '-14', '3', '1,500')
    """
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _on_steps(slider: Slider) -> bool:
    """Whether the slider's default lies on its step grid (min + k·step)."""
    steps = (slider.default - slider.min) / slider.step
    return math.isclose(steps, round(steps), abs_tol=1e-9)


def frame_name(params: dict[str, Any]) -> str:
    return "|".join(f"{k}={v}" for k, v in params.items())


def _label(parameter: Parameter, value: Any) -> str:
    """A dropdown entry that names its parameter, e.g. 'Starting definition: MoD budget'."""
    if isinstance(parameter, Choice):
        return f"{parameter.label}: {dict((v, k) for k, v in parameter.options)[value]}"
    return f"{parameter.label}: {number(value)} {parameter.unit}"


def _nearest(parameter: Parameter, target: Any) -> Any:
    """The grid value nearest to ``target`` (a Choice's default is on its grid)."""
    if isinstance(parameter, Choice):
        return target
    return min(parameter.values(), key=lambda v: abs(v - target))


def _short(parameter: Parameter, value: Any) -> str:
    """A slider step's label: the number, or the option's label."""
    if isinstance(parameter, Choice):
        return dict((v, k) for k, v in parameter.options)[value]
    return number(value)


def _rounded(update: dict[str, Any], digits: int = 4) -> dict[str, Any]:
    """Round float lists to keep static pages small; other values pass unchanged."""
    out = {}
    for key, value in update.items():
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], float):
            out[key] = [round(v, digits) for v in value]
        else:
            out[key] = value
    return out


def _restyle(view: View) -> dict[str, list[Any]]:
    """A Plotly 'restyle' dict: for each key, one value per trace."""
    traces = [_rounded(t) for t in view.traces]
    return {key: [t[key] for t in traces] for key in traces[0]}
