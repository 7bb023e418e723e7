"""The explorers' face in the book's pages: native controls, and Python in the reader's browser.

An explorer's static figure (:meth:`japansec.explorer.Scenario.static`) carries its spec in
``layout.meta["explorer"]``. The Plotly MIME renderer (:mod:`japansec.build.plotly_mime`) puts
:func:`controls_html` under it: a native, labelled form control for every parameter (a range input
stepping through the slider's values, a menu for a choice), a status line and the readout in an
``aria-live`` region. ``_static/japansec-explorers.js`` wires them: the first touch of a control
starts a module Web Worker (``_static/japansec-explorer-worker.mjs``) that loads Pyodide from the
book's own files, unpacks the book's pure-Python modules and calls :func:`japansec.browser.render`
— the same ``compute`` the kernel runs.

:func:`publish` writes what the worker needs into the built site:

- ``_static/pyodide/``: Pyodide's core files, from the pinned ``pyodide`` npm package, with its
  standard library as bytecode (compiled at build time, see ``js/compile_stdlib.mjs``: Python
  starts in about a quarter of the time it takes from the package's sources);
- ``_static/explorers/japansec-browser.zip``: the modules the computes import (found by importing
  them with numpy, pandas and plotly blocked, see :func:`browser_modules`), from the current source;
- ``_static/explorers/<name>.json``: each explorer's spec and its context (the data ``compute``
  needs, read at build time).
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from japansec.explorer import number, published

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
STDLIB = "python_stdlib.zip"  # the name Pyodide loads its standard library by
BUNDLE = "japansec-browser.zip"
# What must never run in the browser: Pyodide's npm package has none of these.
BLOCKED = ("numpy", "pandas", "plotly", "ipywidgets", "frictionless")
_FIND_MODULES = """
import importlib, json, pkgutil, sys
for name in {blocked!r}:
    sys.modules[name] = None  # importing it now raises ImportError
import japansec.browser, japansec.compute
for module in pkgutil.iter_modules(japansec.compute.__path__, "japansec.compute."):
    importlib.import_module(module.name)
print(json.dumps(sorted({{m.__name__: m.__file__ for m in list(sys.modules.values())
                          if m and (m.__name__.split(".")[0] in ("japansec", "geographiclib"))
                          and getattr(m, "__file__", None)}}.items())))
"""


def browser_modules() -> list[tuple[str, Path]]:
    """The modules the browser's entry point (:mod:`japansec.browser`) and the computes import, as
    (module name, file), found in a fresh interpreter in
    which numpy, pandas, plotly, ipywidgets and frictionless cannot be imported: an ImportError
    here means a compute reaches for something the browser does not have."""
    result = subprocess.run([sys.executable, "-c", _FIND_MODULES.format(blocked=BLOCKED)],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError("the explorers' computes must import only pure-Python modules (they "
                           f"run in the reader's browser without {', '.join(BLOCKED)}):\n"
                           + result.stderr.strip().splitlines()[-1])
    return [(name, Path(file)) for name, file in json.loads(result.stdout)]


def bundle_files() -> dict[str, Path]:
    """Path inside the bundle → file: the book's modules the computes import, and every module of
    the third-party packages they use (those may import more of themselves later, inside a
    function, as GeographicLib does)."""
    files = {}
    for name, file in browser_modules():
        top = name.split(".")[0]
        if top == "japansec":
            inside = name.replace(".", "/") + ("/__init__.py" if file.name == "__init__.py"
                                               else ".py")
            files[inside] = file
        elif "." not in name:  # a third-party package: all of it but its tests
            package = file.parent
            files |= {f"{top}/{f.relative_to(package).as_posix()}": f
                      for f in package.rglob("*.py") if "test" not in f.relative_to(package).parts}
    return files


def write_bundle(target: Path) -> None:
    """The browser's Python modules as a zip (fixed timestamps: same source, same bytes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
        for inside, file in sorted(bundle_files().items()):
            bundle.writestr(zipfile.ZipInfo(inside, date_time=(2020, 1, 1, 0, 0, 0)),
                            file.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)


def explorer_files() -> dict[str, str]:
    """``<name>.json`` → each explorer's spec and context, as JSON text."""
    from japansec.scenarios import ALL_SCENARIOS

    return {f"{s.name}.json": published(s) for s in ALL_SCENARIOS}


def _write_if_changed(target: Path, content: bytes) -> None:
    if not target.is_file() or target.read_bytes() != content:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def pyodide_package() -> Path:
    """The pinned pyodide npm package's folder, or an error saying how to install it."""
    if not PYODIDE.is_dir():
        raise RuntimeError("node_modules/pyodide is missing: run `npm ci` (make setup does it) to "
                           "install the pinned Pyodide from package-lock.json")
    return PYODIDE


def publish(static: Path, stdlib: Path) -> None:
    """Write Pyodide (with ``stdlib``, its standard library compiled), the modules bundle and every
    explorer's JSON into ``static``."""
    package = pyodide_package()
    for name in PYODIDE_FILES:
        _write_if_changed(static / "pyodide" / name, (package / name).read_bytes())
    _write_if_changed(static / "pyodide" / STDLIB, stdlib.read_bytes())
    bundle = static / "explorers" / BUNDLE
    fresh = static / "explorers" / (BUNDLE + ".new")
    write_bundle(fresh)
    _write_if_changed(bundle, fresh.read_bytes())
    fresh.unlink()
    for name, text in explorer_files().items():
        _write_if_changed(static / "explorers" / name, text.encode())


# --- the controls under the figure --------------------------------------------------------------
def _slider(parameter: Mapping[str, Any], value: float, control_id: str) -> str:
    values = parameter["values"]
    index = min(range(len(values)), key=lambda i: abs(values[i] - value))
    unit = parameter["unit"]
    shown = f"{number(values[index])} {unit}"
    return (
        f'<div class="jps-control jps-control-range">'
        f'<label for="{control_id}">{html.escape(parameter["label"])} '
        f'<span class="jps-unit">({html.escape(unit)})</span></label>'
        f'<input type="range" id="{control_id}" name="{html.escape(parameter["name"])}" '
        f'min="0" max="{len(values) - 1}" step="1" value="{index}" '
        f"data-values='{html.escape(json.dumps(values), quote=True)}' "
        f'data-unit="{html.escape(unit, quote=True)}" '
        f'aria-valuetext="{html.escape(shown, quote=True)}">'
        f'<output for="{control_id}" aria-hidden="true">{html.escape(shown)}</output></div>'
    )


def _choice(parameter: Mapping[str, Any], value: Any, control_id: str) -> str:
    options = "".join(
        f"<option value='{html.escape(json.dumps(option), quote=True)}'"
        f"{' selected' if option == value else ''}>{html.escape(label)}</option>"
        for label, option in parameter["options"])
    return (f'<div class="jps-control jps-control-choice">'
            f'<label for="{control_id}">{html.escape(parameter["label"])}</label>'
            f'<select id="{control_id}" name="{html.escape(parameter["name"])}">{options}'
            f"</select></div>")


def controls_html(explorer: Mapping[str, Any], figure_id: str) -> str:
    """The form under an explorer's figure: one labelled control per parameter, set to the values
    the figure shows, a status line, and the readout of the result (an ``aria-live`` region).

    >>> from japansec.scenarios.risk import DILEMMA
    >>> page = controls_html(DILEMMA.static().layout.meta["explorer"], "fig")
    >>> page.count("<input type=\\"range\\""), page.count("<select"), "aria-live" in page
    (3, 1, True)
    """
    controls = "".join(
        (_slider if p["kind"] == "slider" else _choice)(
            p, explorer["values"][p["name"]], f"{figure_id}-{p['name']}")
        for p in explorer["parameters"])
    title = html.escape(explorer["title"], quote=True)
    return (
        f'<form class="jps-explorer" data-explorer="{html.escape(explorer["name"], quote=True)}" '
        f'data-figure="{figure_id}" aria-label="{title}: controls" data-state="idle">'
        f'<fieldset><legend>{html.escape(explorer["title"])}: change any value</legend>'
        f"{controls}</fieldset>"
        f'<p class="jps-explorer-status" role="status">These controls need JavaScript: they '
        f"re-compute the figure with the book's Python, in your browser.</p>"
        f'<p class="jps-explorer-readout" aria-live="polite" aria-atomic="true">'
        f'<strong>Result:</strong> <span class="jps-readout-text">'
        f'{html.escape(explorer["readout"])}</span></p></form>'
    )
