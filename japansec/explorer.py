"""Scenario explorers: one declaration, three faces.

A :class:`Scenario` declares its parameters (:class:`Slider`, :class:`Choice`) and three functions:

- ``context() -> dict``: what ``compute`` needs from the data package, as plain JSON-ready data
  (read at build time, in CPython);
- ``compute(context, **params) -> View``: the pure part — what every trace shows for one set of
  parameter values, and a one-line readout of the result ("2 % first reached in FY2029"). It is
  plain Python (the modules ``japansec.compute.<chapter>``), so the very same code runs in the
  kernel and in the reader's browser (Pyodide);
- ``figure(view) -> go.Figure``: the figure's fixed frame (axes, reference lines, trace styles),
  built once from a first view.

From that one declaration:

- :meth:`Scenario.live` builds an ipywidgets panel (one control per parameter, labelled with its
  unit, and the readout) driving a Plotly ``FigureWidget`` updated in place — for instructors
  running the notebook;
- :meth:`Scenario.static` draws the figure at the defaults (or at given values) and carries the
  explorer's :meth:`~Scenario.spec` in ``layout.meta``; the book's page renders it with native,
  labelled form controls for every parameter and re-computes in the reader's browser
  (``japansec.build.explorers`` and ``_static/japansec-explorers.js``) through
  :func:`japansec.browser.render`;
- in the browser, :func:`japansec.browser.render` rebuilds the scenario from its published file
  (spec and context, :func:`published`; :meth:`Scenario.from_spec`) and renders it.

Every value passes the parameter's check first, so an out-of-range or wrongly typed value is
rejected with a ValueError naming the parameter and its allowed range, in both runtimes.

This module imports only the standard library (plotly and ipywidgets inside the faces that draw),
so that it runs in the browser. Parameters whose options or defaults come from the data (a fit, a
table) are declared with :class:`Deferred`, so that importing a scenario module loads nothing: the
data are read when the explorer is first drawn.
"""

from __future__ import annotations

import html
import importlib
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import plotly.graph_objects as go


@dataclass(frozen=True)
class Slider:
    """A numeric parameter with a range and a step (a control moves along :meth:`values`)."""

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
        """The values a control steps through: min, min + step, …, max (rounded to the step's
        decimals), and the default where it falls between two steps (a fitted value), so that
        every face opens exactly on it.

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

    def spec(self) -> dict[str, Any]:
        """The parameter as plain JSON-ready data (see :meth:`Scenario.spec`)."""
        return {"kind": "slider", "name": self.name, "label": self.label, "unit": self.unit,
                "min": self.min, "max": self.max, "step": self.step, "default": self.default,
                "values": self.values()}


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
        return self.values()[self.values().index(value)]  # the option itself (0.0, not 0)

    def spec(self) -> dict[str, Any]:
        """The parameter as plain JSON-ready data (see :meth:`Scenario.spec`)."""
        return {"kind": "choice", "name": self.name, "label": self.label,
                "options": [list(option) for option in self.options], "default": self.default}


Parameter = Slider | Choice


def parameter_from_spec(spec: Mapping[str, Any]) -> Parameter:
    """The parameter a :meth:`Slider.spec` or :meth:`Choice.spec` describes.

    >>> parameter_from_spec(Slider("a", "A", "%", 0, 1, 0.5, 0.5).spec())
    Slider(name='a', label='A', unit='%', min=0, max=1, step=0.5, default=0.5)
    """
    if spec["kind"] == "slider":
        return Slider(*(spec[key] for key in ("name", "label", "unit", "min", "max", "step",
                                               "default")))
    return Choice(spec["name"], spec["label"], tuple(tuple(o) for o in spec["options"]),
                  spec["default"])


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
    order, every update with the same keys (e.g. x, y and text), and a one-line plain-text
    readout of the result (read aloud to screen-reader users when a control moves)."""

    traces: list[dict[str, Any]]
    readout: str


def no_context() -> dict[str, Any]:
    """The context of a scenario whose ``compute`` needs no data."""
    return {}


@cache
def _plain(context: Callable[[], Mapping[str, Any]]) -> dict[str, Any]:
    """``context()`` after a trip through JSON: exactly what the browser's ``compute`` receives
    (lists for tuples, string keys), so both runtimes compute from the same values."""
    try:
        return json.loads(json.dumps(context(), allow_nan=False))
    except (TypeError, ValueError) as error:
        raise ValueError(f"{context.__module__}.{context.__qualname__}() must return plain JSON "
                         f"data (numbers, strings, lists, dicts): {error}") from None


@dataclass(frozen=True)
class Scenario:
    """One explorer: parameters, a pure ``compute``, a ``figure`` frame and the ``context`` data
    ``compute`` needs (see module doc).

    The view's traces are the figure's first traces, in order; any further traces of the figure
    (for example fixed reference points) never change."""

    name: str
    title: str
    description: str
    parameters: Sequence[Parameter]
    compute: Callable[..., View]
    figure: Callable[[View], go.Figure] | None
    context: Callable[[], Mapping[str, Any]] = field(default=no_context)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}

    def checked(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """All parameters, defaults filled in, each value checked; unknown names rejected."""
        unknown = set(values) - {p.name for p in self.parameters}
        if unknown:
            raise ValueError(f"{self.name}: unknown parameters {sorted(unknown)}; "
                             f"known: {[p.name for p in self.parameters]}")
        merged = self.defaults() | dict(values)
        return {p.name: p.check(merged[p.name]) for p in self.parameters}

    def context_data(self) -> dict[str, Any]:
        """The context ``compute`` receives: ``context()`` after a trip through JSON."""
        return _plain(self.context)

    def view(self, **values: Any) -> View:
        """The checked ``compute`` for these parameter values (defaults for the others)."""
        view = self.compute(self.context_data(), **self.checked(values))
        keys = [sorted(t) for t in view.traces]
        if any(k != keys[0] for k in keys):
            raise ValueError(f"{self.name}: every trace update must have the same keys")
        return view

    def rendered(self, **values: Any) -> dict[str, Any]:
        """What every face draws for these values: the traces, rounded, and the readout."""
        view = self.view(**values)
        return {"traces": [_rounded(t) for t in view.traces], "readout": view.readout}

    def spec(self) -> dict[str, Any]:
        """The explorer as plain JSON-ready data: its name, title, the ``compute`` function's
        import path and every parameter (defaults fitted to data included). The browser rebuilds
        the scenario from it (:meth:`from_spec`)."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "compute": f"{self.compute.__module__}:{self.compute.__qualname__}",
                "parameters": [p.spec() for p in self.parameters]}

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], context: Mapping[str, Any]) -> Scenario:
        """The scenario a :meth:`spec` describes, computing from ``context`` (no figure frame:
        the page already holds the figure)."""
        module, function = spec["compute"].split(":")
        context = dict(context)
        return cls(spec["name"], spec["title"], spec["description"],
                   tuple(parameter_from_spec(p) for p in spec["parameters"]),
                   getattr(importlib.import_module(module), function), None,
                   lambda: context)

    # --- the faces ------------------------------------------------------------------------------
    def static(self, **values: Any) -> go.Figure:
        """The figure drawn at these values (the defaults for the others), with the explorer's
        spec, the values and the readout in ``layout.meta["explorer"]`` for the book's page."""
        shown = self.checked(values)
        view = self.view(**shown)
        fig = self.figure(view)
        for trace, update in zip(fig.data, view.traces, strict=False):
            trace.update(_rounded(update))
        fig.update_layout(meta={"explorer": self.spec() | {"values": shown,
                                                           "readout": view.readout}})
        return fig

    def live(self) -> Any:
        """An ipywidgets panel: labelled controls driving a FigureWidget updated in place, and
        the readout under them."""
        import ipywidgets as widgets
        import plotly.graph_objects as go

        from japansec.style import offline_base_map

        figure = offline_base_map(go.FigureWidget(self.figure(self.view())))
        controls = {}
        for p in self.parameters:
            if isinstance(p, Slider):
                # Step through the slider's values, a fitted default between two steps included
                # (a FloatSlider would snap it to a step and silently leave the default).
                controls[p.name] = widgets.SelectionSlider(
                    options=[(number(v), v) for v in p.values()], value=p.default,
                    description=f"{p.label} ({p.unit})", continuous_update=True,
                    style={"description_width": "initial"},
                    layout=widgets.Layout(width="95%"))
            else:
                controls[p.name] = widgets.Dropdown(
                    options=list(p.options), value=p.default, description=p.label,
                    style={"description_width": "initial"})
        readout = widgets.HTML()

        def redraw(_change: Any = None) -> None:
            shown = self.rendered(**{name: c.value for name, c in controls.items()})
            with figure.batch_update():
                for trace, update in zip(figure.data, shown["traces"], strict=False):
                    trace.update(update)
            readout.value = f"<b>Result:</b> {html.escape(shown['readout'])}"

        for control in controls.values():
            control.observe(redraw, names="value")
        redraw()
        panel = widgets.VBox([widgets.HTML(f"<b>{self.title}</b><br>{self.description}"),
                              *controls.values(), readout, figure])
        panel.figure, panel.controls, panel.readout, panel.scenario = (figure, controls, readout,
                                                                       self)
        return panel


def published(scenario: Scenario) -> str:
    """The explorer's file for the browser: its spec and context as JSON text.

    >>> from japansec.scenarios.risk import DILEMMA
    >>> file = json.loads(published(DILEMMA))
    >>> Scenario.from_spec(file["spec"], file["context"]).rendered(R=4.5) == DILEMMA.rendered(R=4.5)
    True
    """
    return json.dumps({"spec": scenario.spec(), "context": scenario.context_data()},
                      separators=(",", ":"), allow_nan=False)


def number(value: float) -> str:
    """A parameter value as a label shows it: three significant digits.

    >>> number(0.015653), number(-13.98), number(3.0), number(1500)
    ('0.0157', '-14', '3', '1,500')
    """
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _rounded(update: dict[str, Any], digits: int = 4) -> dict[str, Any]:
    """Float lists rounded to ``digits`` decimals (what the page draws and the tests compare);
    other values pass unchanged.

    >>> _rounded({"y": [0.123456, None, 2.0], "text": "a"})
    {'y': [0.1235, None, 2.0], 'text': 'a'}
    """
    out = {}
    for key, value in update.items():
        if isinstance(value, (list, tuple)) and any(isinstance(v, float) for v in value):
            out[key] = [round(v, digits) if isinstance(v, float) else v for v in value]
        else:
            out[key] = value
    return out
