"""The notebooks run wherever an instructor runs them (issue 15): the setup cell in every chapter
notebook, the wheel and the course bundle the book publishes, launch buttons only for configured
addresses, and a clean environment (not .venv) that installs the wheel from the served book."""

from __future__ import annotations

import ast
import ensurepip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from importlib import metadata
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import ROOT, serve, toc_notebooks
from nbclient import NotebookClient
from test_notebooks import BUNDLED, DOWNLOADED, MOVE_CONTROLS, check_live_controls_moved

from japansec import data
from japansec.build import distribute, setup_cell
from japansec.build.sphinxext import PLACEHOLDER

CHAPTER_NOTEBOOKS = setup_cell.notebooks()


@pytest.mark.parametrize("path", CHAPTER_NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_opens_with_the_setup_cell(path: Path) -> None:
    """Every chapter notebook that runs code (and the template) opens with the generated setup
    cell, tagged so the book leaves it out. New chapters: `python -m japansec.build.setup_cell`."""
    notebook = nbformat.read(path, as_version=4)
    if not setup_cell.needs_setup(notebook):
        return
    first = notebook.cells[0]
    assert setup_cell.is_setup_cell(first), (
        f"{path.name}: the first cell is not the setup cell: run "
        "`.venv/bin/python -m japansec.build.setup_cell` (it inserts it as a new first cell)")
    assert first.source == setup_cell.cell_source(), (
        f"{path.name}: the setup cell is out of date (version or html.baseurl changed): run "
        "`.venv/bin/python -m japansec.build.setup_cell`")
    assert setup_cell.TAG in first.metadata.get("tags", []), f"{path.name}: setup cell not removed"


HIDE_JAPANSEC = "import sys\nsys.modules['japansec'] = None  # as if not installed"
OLD_JAPANSEC = ("import sys, types\n"
                "sys.modules['japansec'] = types.SimpleNamespace(__version__='0.0.1')")
NO_BOOK = "http://127.0.0.1:9"  # nothing listens there


def test_the_setup_cell_stops_with_one_sentence_saying_what_to_do(tmp_path: Path) -> None:
    """The setup cell in three situations, one after another in one fresh kernel (a cell before
    each sets it up, BOOK_URL included), each stopping with one line and no pip or urllib
    traceback:

    - japansec missing and no server at BOOK_URL: the line names what it tried and what to set;
    - missing, and the book serves an older wheel than the notebook needs: stopped before pip,
      both versions named;
    - installed but older than the notebook: named, with what to do.
    """
    site = tmp_path / "wheel"
    site.mkdir()
    (site / "japansec.json").write_text(json.dumps(
        {"name": "japansec", "version": "0.0.1", "file": "japansec-0.0.1-py3-none-any.whl",
         "sha256": "0" * 64}), encoding="utf-8")
    with serve(tmp_path) as old_book:
        cases = {"unreachable": (HIDE_JAPANSEC, NO_BOOK), "old wheel": (HIDE_JAPANSEC, old_book),
                 "old package": (OLD_JAPANSEC, NO_BOOK)}
        cells = []
        for prelude, book_url in cases.values():
            cells += [nbformat.v4.new_code_cell(
                f"{prelude}\nimport os\nos.environ['BOOK_URL'] = {book_url!r}"),
                nbformat.v4.new_code_cell(setup_cell.cell_source())]
        notebook = nbformat.v4.new_notebook(cells=cells)
        NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=True,
                       shutdown_kernel="immediate").execute()
    lines = {}
    for case, cell in zip(cases, notebook.cells[1::2], strict=True):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert errors, f"{case}: the setup cell did not stop: {cell.outputs}"
        assert errors[0].ename == "SetupError" and len(errors[0].traceback) == 1, (case, errors)
        lines[case] = errors[0].traceback[0]
        assert "Traceback" not in lines[case], lines[case]
    unreachable = lines["unreachable"]
    assert f"{NO_BOOK}/wheel/japansec.json" in unreachable and "BOOK_URL" in unreachable, \
        unreachable
    assert "pip" not in unreachable, unreachable
    assert "japansec 0.0.1" in lines["old wheel"], lines["old wheel"]
    assert "japansec 0.0.1 is installed" in lines["old package"], lines["old package"]
    for case in ("old wheel", "old package"):
        assert distribute.__version__ in lines[case], lines[case]


def test_placeholder_addresses_are_refused() -> None:
    for address in ("https://hub.example.edu", "https://example.com/x", "http://book.invalid/",
                    "https://Example.org"):
        assert PLACEHOLDER.match(address), address
    for address in ("https://mybinder.org", "https://colab.research.google.com",
                    "https://github.com/someone/example-book", "http://127.0.0.1:8000/"):
        assert not PLACEHOLDER.match(address), address


# --- the built book -----------------------------------------------------------------------------
def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_no_placeholder_and_launch_buttons_only_where_configured(built_book: Path) -> None:
    """No placeholder address anywhere in the built pages; every launch button present points to
    an address set in _config.yml, and with no repository configured there is none."""
    config = _config()
    launch = config.get("launch_buttons", {})
    repository = (config.get("repository") or {}).get("url") or ""
    allowed = [launch[k].rstrip("/") for k in ("binderhub_url", "jupyterhub_url", "colab_url")
               if launch.get(k)] if repository else []
    for page in sorted(built_book.rglob("*.html")):
        text = page.read_text("utf-8")
        assert not re.search(r"https?://([\w.-]*\.)?example\.(com|org|net|edu)", text), page
        links = re.findall(r'<a href="([^"]+)"[^>]*class="btn btn-sm dropdown-item"[^>]*'
                           r'title="Launch on', text) + re.findall(
            r'href="([^"]+)"[^>]*title="Launch on', text)
        for link in links:
            assert any(link.startswith(a) for a in allowed), f"{page.name}: launch to {link}"
    for notebook in toc_notebooks():
        name = notebook.relative_to(ROOT).with_suffix(".html")
        html = (built_book / name).read_text("utf-8")
        assert f"_sources/{name.with_suffix('.ipynb')}" in html, f"{name}: no .ipynb download"
        if not repository:
            assert "Launch on" not in html and "launch-buttons" not in html, name


OPTIONAL_IMPORT = {"ImportError", "ModuleNotFoundError"}


def catches_import_error(handler: ast.ExceptHandler) -> bool:
    """Whether an ``except`` clause catches ImportError (alone or in a tuple)."""
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in OPTIONAL_IMPORT for t in types)


def carries_on_without(handler: ast.ExceptHandler) -> bool:
    """Whether an ``except`` clause catches ImportError and raises nothing: the code goes on
    without the module."""
    return catches_import_error(handler) and not any(isinstance(node, ast.Raise)
                                                     for node in ast.walk(handler))


def imported(statement: ast.stmt) -> set[str]:
    """The top-level modules an import statement imports (none for a relative import or any
    other statement)."""
    if isinstance(statement, ast.Import):
        return {alias.name.split(".")[0] for alias in statement.names}
    if isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
        return {statement.module.split(".")[0]}
    return set()


def required_imports(source: str, extras: frozenset[str] = frozenset()) -> set[str]:
    """The top-level modules that Python ``source`` imports, but for an import statement of a
    ``try`` with an ``except`` clause that carries on without the module (japansec.glue), or, for
    a module of ``extras`` (declared as an optional extra), one that catches ImportError and may
    then say what to install (japansec.data, for frictionless). Any other handling (a bare
    ``except``, ``except Exception``, a clause that raises for a module of no extra) counts the
    import as required."""
    tree = ast.parse(source)
    optional = set()
    for block in ast.walk(tree):
        if not isinstance(block, ast.Try):
            continue
        for statement in block.body:
            modules = imported(statement)
            if any(carries_on_without(h) for h in block.handlers) or (
                    modules and modules <= extras
                    and any(catches_import_error(h) for h in block.handlers)):
                optional.add(statement)
    return {module for node in ast.walk(tree) if node not in optional
            for module in imported(node)}


def test_the_import_scan_leaves_out_only_imports_the_code_works_without() -> None:
    source = ("import numpy as np, os.path\nfrom pandas.api import types\nfrom . import local\n"
              "try:\n    import yaml\nexcept ImportError:\n    yaml = None\n"
              "try:\n    import myst_nb\nexcept (ValueError, ModuleNotFoundError):\n    pass\n"
              "try:\n    import plotly\nexcept ValueError:\n    pass\n"
              "try:\n    import scipy\nexcept ImportError as error:\n"
              "    raise RuntimeError('pip install scipy') from error\n"
              "try:\n    import requests\nexcept:\n    pass\n"
              "try:\n    def f():\n        import sympy\nexcept ImportError:\n    pass\n"
              "try:\n    from frictionless import Package\nexcept ImportError as error:\n"
              "    raise ValueError('pip install frictionless') from error\n")
    required = {"numpy", "os", "pandas", "plotly", "scipy", "requests", "sympy"}
    assert required_imports(source) == required | {"frictionless"}
    # A module declared as an extra may stop with what to install; any other still may not.
    assert required_imports(source, frozenset({"frictionless", "numpy"})) == required


def test_wheel_carries_the_data_and_declares_every_import(built_book: Path) -> None:
    """The published wheel holds the data package as it is in data/, with the build's record of
    validating it, and declares a dependency for every third-party module that the package (not
    its build plumbing) or a notebook imports (save where the code works without it, or, for the
    extra `validate`, stops saying what to install: required_imports)."""
    info = json.loads((built_book / "wheel" / "japansec.json").read_text("utf-8"))
    wheel = built_book / "wheel" / info["file"]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for table in [ROOT / "data" / "datapackage.json", *sorted((ROOT / "data").glob("*.csv")),
                      ROOT / "data" / "topojson" / "world_50m.json"]:
            inside = f"japansec/data_package/{table.relative_to(ROOT / 'data')}"
            assert inside in names, f"wheel lacks {inside}"
            assert archive.read(inside) == table.read_bytes(), f"{inside} differs from data/"
        meta = archive.read(f"japansec-{info['version']}.dist-info/METADATA").decode()
        # The build's record of validating exactly these tables (what an instructor's kernel
        # trusts instead of validating again: japansec.data.validate_once).
        record = json.loads(archive.read(f"japansec/data_package/{data.VALIDATION_RECORD}"))
    assert record == {"frictionless": metadata.version("frictionless"),
                      "tables": {name: data.data_digest(name) for name in data.table_names()}}

    def distributions(extra: str | None) -> set[str]:
        """The distributions the wheel requires (``extra`` None), or lists under ``extra``."""
        return {re.split(r"[ ;<>=!~\[]", line.split(": ", 1)[1])[0].lower().replace("_", "-")
                for line in meta.splitlines() if line.startswith("Requires-Dist:")
                and (f'extra == "{extra}"' in line if extra else "extra ==" not in line)}

    declared = distributions(None)
    owners = metadata.packages_distributions()
    # What an instructor may add for validating changed data (not the build's tools).
    validate = distributions("validate")
    extras = frozenset(module for module, owner in owners.items()
                       if owner[0].lower().replace("_", "-") in validate)
    sources = [p.read_text("utf-8") for p in (ROOT / "japansec").rglob("*.py")
               if "build" not in p.relative_to(ROOT / "japansec").parts]
    sources += ["\n".join(c.source for c in nbformat.read(p, as_version=4).cells
                          if c.cell_type == "code") for p in toc_notebooks()]
    modules = {m for text in sources for m in required_imports(text, extras)}
    needed = {owners[m][0].lower().replace("_", "-") for m in modules
              if m in owners and m != "japansec" and m not in sys.stdlib_module_names}
    assert needed, "found no third-party import: the scan is broken"
    assert needed <= declared, f"imported but not declared in pyproject.toml: {needed - declared}"
    assert info["sha256"] and info["version"] == distribute.__version__


def test_course_bundle_holds_notebooks_wheel_pins_and_readme(built_book: Path) -> None:
    with zipfile.ZipFile(built_book / distribute.BUNDLE) as bundle:
        names = bundle.namelist()
        top = distribute.BUNDLE_FOLDER
        for notebook in toc_notebooks():
            assert f"{top}/notebooks/{notebook.name}" in names, notebook.name
        requirements = bundle.read(f"{top}/requirements.txt").decode()
        wheels = [n for n in names if n.endswith(".whl")]
        assert len(wheels) == 1 and f"./{Path(wheels[0]).name}" in requirements
        pins = [line for line in requirements.splitlines()
                if line and not line.startswith(("#", "./"))]
        assert pins and all(re.fullmatch(r"[\w.-]+==[\w.+-]+", p) for p in pins), pins
        assert "pip install -r requirements.txt" in bundle.read(f"{top}/README.md").decode()
    guide = (built_book / "chapters" / "how-to-instructors.html").read_text("utf-8")
    assert f'href="../{distribute.BUNDLE}"' in guide, "the instructors' page links no bundle"


# --- a clean environment, as on Colab or a hub --------------------------------------------------
AFTER = """
import japansec
from japansec.explorer import Scenario
panels = [v for v in Out.values() if isinstance(getattr(v, "scenario", None), Scenario)]
assert panels, "no live panel ran"
maps = [p for p in panels if any(t.type == "scattergeo" for t in p.figure.data)]
assert all(p.figure._config["topojsonURL"].startswith("data:application/json") for p in maps)
print("JAPANSEC-AT", japansec.__file__, "LIVE", len(panels), "MAPS", len(maps))
# The book's build tools stay out of an instructor's kernel (the notebooks glued without them).
import importlib.util
assert importlib.util.find_spec("myst_nb") is None, "the wheel's dependencies brought myst-nb"
# nor frictionless: the data the chapters loaded were the ones the build validated.
assert importlib.util.find_spec("frictionless") is None, "the wheel's dependencies brought it"
"""

RUNNER = """
import sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(sys.argv[2]))
# skip-execution marks the live panels, which the book leaves out; run them here.
NotebookClient(nb, timeout=300, kernel_name="python3", skip_cells_with_tag="never",
               shutdown_kernel="immediate",
               resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}
               ).execute()
print("".join(o.get("text", "") for o in nb.cells[-1].outputs))
"""


def _python(venv: Path) -> Path:
    return venv / "bin" / "python"


def _site_packages(venv: Path) -> Path:
    return venv / "lib" / f"python{sysconfig.get_python_version()}" / "site-packages"


def _clean_env(wheelhouse: Path, cache: Path) -> dict[str, str]:
    """The environment of a clean venv's processes, as on a fresh hub or Colab image: no project
    paths, Python writes its bytecode, pip installs from the wheelhouse only (no index) and
    byte-compiles nothing at install (pip --no-compile: half of the install time, for thousands of
    modules the notebooks never import; Python compiles what they do)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    return env | {"XDG_CACHE_HOME": str(cache), "PIP_NO_INDEX": "1",
                  "PIP_FIND_LINKS": str(wheelhouse), "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                  "PIP_COMPILE": "0"}


@pytest.fixture(scope="session")
def wheelhouse(built_book: Path) -> Path:
    """Every third-party wheel the bundle pins (a kernel included), nbclient (which runs the
    notebooks here) as installed in .venv and the pip a new venv would get (ensurepip's),
    downloaded once per machine into
    _build/wheelhouse, so that the clean environments below install without the network and in
    seconds (the package index is asked only when the pins change, and then the wheelhouse starts
    empty: a wheel of older pins would satisfy the wheel's looser requirements)."""
    with zipfile.ZipFile(built_book / distribute.BUNDLE) as bundle:
        text = bundle.read(f"{distribute.BUNDLE_FOLDER}/requirements.txt").decode()
    pins = {line for line in text.splitlines() if line and line[0] not in "#."}
    # and the pip a new venv of this Python gets (ensurepip's)
    wanted = [*sorted(pins | set(distribute.pinned_requirements(["nbclient"]))),
              f"pip=={ensurepip.version()}"]
    house = ROOT / "_build" / "wheelhouse"
    stamp = house / ("pins-" + hashlib.sha256("\n".join(wanted).encode()).hexdigest()[:16])
    if not stamp.exists():  # new pins: a new wheelhouse, so that no older download is picked
        shutil.rmtree(house, ignore_errors=True)
        house.mkdir(parents=True)
        (house / "requirements.txt").write_text("\n".join(wanted) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(house),
                        "-r", str(house / "requirements.txt")], check=True, capture_output=True)
        stamp.touch()
    return house


# What a hub or Colab image holds before an instructor's notebook runs (kernel_image): the pip
# ensurepip would install (its version, from the wheelhouse), a kernel and nbclient. Not
# setuptools, which Python 3.11's ensurepip adds too: every wheel here is built.
KERNEL_IMAGE = ["pip", "ipykernel", "nbclient"]


@pytest.fixture(scope="session")
def kernel_image(wheelhouse: Path) -> Path:
    """KERNEL_IMAGE in a venv of its own, made once per machine in the wheelhouse, and anew when
    the wheelhouse is (new pins), the packages or this Python change, or its making was cut short. A
    clean environment below sees it through a .pth file (site.addsitedir), as a venv made with
    --system-site-packages sees its Python's packages: pip there installs into the clean
    environment, never into the image, and a version of its own shadows the image's. The image's
    modules are compiled when a kernel first imports them, and kept, as in an image."""
    image = wheelhouse / "kernel-image"
    made = hashlib.sha256(" ".join([sys.version, *KERNEL_IMAGE]).encode()).hexdigest()[:16]
    ready = image / f"ready-{made}"
    if not ready.exists():
        shutil.rmtree(image, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(image)], check=True)
        subprocess.run([sys.executable, "-m", "pip", "--python", str(_python(image)), "install",
                        "--quiet", *KERNEL_IMAGE], check=True, capture_output=True,
                       env=_clean_env(wheelhouse, image / "cache"))
        ready.touch()
    return image


@pytest.mark.long(14)
def test_a_clean_environment_runs_a_downloaded_notebook_and_the_bundle(
        tmp_path: Path, book_url: str, built_book: Path, wheelhouse: Path,
        kernel_image: Path) -> None:
    """Like Colab or a hub image: a new venv that has only Python, and pip, a kernel and nbclient
    beside it (kernel_image; its kernel spec, which starts the new venv's Python, is the one
    Jupyter finds first: not one installed for this machine's user).

    1. A student's download (the page's .ipynb, fetched from the served book into an empty
       folder) runs top to bottom, live panels included, with BOOK_URL at the local server:
       its setup cell installs the wheel from the site. Third-party wheels come from the local
       wheelhouse (pip with no index), so no request leaves the machine.
    2. The course bundle, unzipped into an empty folder: `pip install -r requirements.txt`
       (japansec removed first, so the bundle's wheel is what installs it), then a chapter runs
       with no book address at all.

    After each, every control of its live panels is moved, as test_notebooks.py does for the
    other notebooks (these two it leaves to this test).
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (_site_packages(venv) / "kernel-image.pth").write_text(
        f"import site; site.addsitedir({str(_site_packages(kernel_image))!r})\n")
    env = _clean_env(wheelhouse, tmp_path / "cache")
    env |= {"PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}",
            "JUPYTER_PATH": str(kernel_image / "share" / "jupyter")}
    pip = [str(_python(venv)), "-m", "pip", "install", "--quiet"]

    download = tmp_path / "download"
    download.mkdir()
    notebook = download / DOWNLOADED
    with urllib.request.urlopen(f"{book_url}_sources/chapters/{DOWNLOADED}") as reply:
        notebook.write_bytes(reply.read())
    result = subprocess.run([str(_python(venv)), "-c", RUNNER, str(notebook),
                             MOVE_CONTROLS + AFTER],
                            env={**env, "BOOK_URL": book_url}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    assert f"JAPANSEC-AT {venv}" in result.stdout and "MAPS 1" in result.stdout, result.stdout
    check_live_controls_moved(notebook, result.stdout)

    subprocess.run([str(_python(venv)), "-m", "pip", "uninstall", "--quiet", "-y", "japansec"],
                   check=True, capture_output=True, env=env)
    unpacked = tmp_path / "bundle"
    with zipfile.ZipFile(built_book / distribute.BUNDLE) as bundle:
        bundle.extractall(unpacked)
    folder = unpacked / distribute.BUNDLE_FOLDER
    subprocess.run([*pip, "-r", "requirements.txt"], cwd=folder, env=env, check=True,
                   capture_output=True)
    notebook = folder / "notebooks" / BUNDLED
    result = subprocess.run([str(_python(venv)), "-c", RUNNER, str(notebook),
                             MOVE_CONTROLS + AFTER], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    assert f"JAPANSEC-AT {venv}" in result.stdout, result.stdout
    check_live_controls_moved(notebook, result.stdout)


def test_glue_is_myst_nbs_where_installed_and_else_shows_the_value(monkeypatch, capsys) -> None:
    """japansec.glue: myst-nb's glue where myst-nb is installed (the book's build); without it
    (an instructor's kernel: the clean environment above runs two chapters so), the value is shown
    if asked and nothing fails."""
    import myst_nb

    from japansec.glue import glue

    calls = []
    monkeypatch.setattr(myst_nb, "glue", lambda *arguments: calls.append(arguments))
    glue("share", 1.4, display=False)
    glue("gap", 0.3)
    assert calls == [("share", 1.4, False), ("gap", 0.3, True)]
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # as if not installed
    glue("share", 1.4)
    glue("hidden", 2.5, display=False)
    assert capsys.readouterr().out == "1.4\n" and len(calls) == 2


# --- live maps offline --------------------------------------------------------------------------
LIVE_MAP_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>live map</title>
<script src="plotly.min.js"></script></head><body><div id="map"></div><script>
fetch(location.search.slice(1) + ".json").then(r => r.json())
  .then(f => Plotly.newPlot("map", f.data, f.layout, f.config))
  .then(() => document.body.setAttribute("data-drawn", "yes"),
        e => document.body.setAttribute("data-drawn", "error: " + e));
</script></body></html>"""


@pytest.mark.browser
@pytest.mark.long(3)
def test_live_map_draws_the_book_base_map_offline(tab, tmp_path: Path) -> None:
    """The reach explorer's live FigureWidget, drawn by plotly.js in Chromium with the widget's own
    config (as JupyterLab's and Colab's widget managers do), and its static figure with the config
    of the mime bundle a notebook shows (JupyterLab's renderer): each map draws its land from the
    book's base map and asks nothing of Plotly's CDN. Without that config it would."""
    import plotly
    import plotly.io as pio

    from japansec.scenarios.missiles import REACH

    widget = REACH.live().figure
    static = pio.renderers["plotly_mimetype"].to_mimebundle(REACH.static().to_dict())
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", tmp_path)
    (tmp_path / "index.html").write_text(LIVE_MAP_PAGE, encoding="utf-8")
    results = {}
    cases = {"book": widget._config,
             "static": static["application/vnd.plotly.v1+json"].get("config", {}),
             "plotly default": {}}
    figure = widget.to_dict()
    for number, config in enumerate(cases.values()):  # a file per case: nothing cached between
        (tmp_path / f"figure-{number}.json").write_text(json.dumps(
            {"data": figure["data"], "layout": figure["layout"], "config": config}),
            encoding="utf-8")
    with serve(tmp_path) as url:
        for number, case in enumerate(cases):
            tab.reset()
            page = tab.open(f"{url}index.html?figure-{number}")
            page.wait_for_selector("body[data-drawn]", timeout=20_000)
            land = page.evaluate("() => [...document.querySelectorAll('#map .geo .layer.land "
                                 "path')].reduce((n, p) => n + (p.getAttribute('d') || '')"
                                 ".length, 0)")
            results[case] = (page.get_attribute("body", "data-drawn"), land, list(tab.offsite))
    for case in ("book", "static"):
        drawn, land, offsite = results[case]
        assert drawn == "yes" and land > 10_000 and not offsite, (case, results[case])
    assert any("cdn.plot.ly" in u for u in results["plotly default"][2]), \
        f"the control case asked no CDN: the test cannot tell: {results['plotly default']}"


def test_live_sliders_hold_their_defaults_on_their_own_grid() -> None:
    """A FloatSlider shows its value snapped to min + k·step, and the browser sends the snapped
    value back to the kernel when the panel is drawn (noUiSlider fires 'update' on binding): a
    default between steps (the risk chapter's fitted a, b, g, h) was silently replaced. Every
    live slider must hold its default exactly on the grid the browser steps through."""
    from japansec.scenarios import ALL_SCENARIOS

    for scenario in ALL_SCENARIOS:
        panel = scenario.live()
        for parameter in scenario.parameters:
            control = panel.controls[parameter.name]
            if hasattr(control, "step"):
                steps = (parameter.default - control.min) / control.step
                assert abs(steps - round(steps)) < 1e-9, (
                    f"{scenario.name}.{parameter.name}: default {parameter.default} lies between "
                    f"steps of {control.step}: the browser would snap it")
            elif hasattr(control, "index") and hasattr(control, "options"):
                values = [v for _, v in control.options] if isinstance(
                    control.options[0], tuple) else list(control.options)
                assert control.value == parameter.default and parameter.default in values
