"""Sphinx extension: the book's own static files, so the built book makes no request off-site.

- The book's partial plotly.js (only the trace types the figures use) is built by esbuild from the
  pinned ``plotly.js`` npm package into ``_static/plotly-book.min.js`` (``js/bundle.mjs``). Pages
  that hold a Plotly figure load only the small ``japansec-figures.js`` (deferred), which fetches
  the bundle and draws each figure as it nears the viewport (see ``japansec.build.plotly_mime``).
- MathJax 3 is copied from the ``django-static-mathjax`` wheel (pinned in requirements.txt) into
  ``_static/mathjax/``; ``mathjax_path`` in _config.yml points there. Only pages with math load it,
  and only when the math nears the viewport (``japansec-math.js``).
- The theme's pages are lightened after writing (``japansec.build.theme``: inline SVG icons instead
  of Font Awesome's script; buttons named by their visible text); the theme's own scripts, which
  nothing on the page needs before it is drawn, are deferred. Then each page's eleven stylesheets
  become one bundle of the rules that can match the book (``japansec.build.css_bundle``).
- Large text files get precompressed ``.gz`` and ``.br`` siblings (``js/compress.mjs``) for hosts
  that serve them (and for ``japansec.build.serve``); the compressed copies are kept by content in
  ``_build/compressed/`` (kept across clean builds), so unchanged files are not compressed again.
- The offline base map for geo figures (``data/topojson/world_50m.json``) goes to
  ``_static/topojson/``, where ``japansec-figures.js`` points Plotly's ``topojsonURL``.
- The data package (``data/*.csv`` and ``datapackage.json``) goes to ``data/`` for download.
- The book's as-of date (``as_of`` in data/datapackage.json, its one home) is shown on every page
  in the announcement bar.
- The package's own wheel (``wheel/``) and the course bundle (``course-bundle.zip``), built from
  the current source (see ``japansec.build.distribute``), for running the notebooks elsewhere.
- The explorers' browser runtime (see ``japansec.build.explorers``): Pyodide from the pinned
  ``pyodide`` npm package, with its standard library compiled to bytecode by that Pyodide
  (``js/compile_stdlib.mjs``, kept in ``_build/pyodide/`` by content), the book's pure-Python
  modules and each explorer's spec and context; pages with an explorer load
  ``japansec-explorers.js`` (deferred), which starts Python only when the reader first touches a
  control.
- Launch buttons only for configured addresses: a placeholder address stops the build.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from japansec import data
from japansec.build import distribute, explorers
from japansec.build.css_bundle import bundle_site
from japansec.build.theme import lighten_site
from japansec.style import BASE_MAP

STATIC = Path(__file__).parent / "static"
JS = Path(__file__).parent / "js"
PLOTLY_BUNDLE = "plotly-book.min.js"
ROOT = Path(__file__).resolve().parents[2]
COMPRESSED = ROOT / "_build" / "compressed"  # compress.mjs's cache of compressed copies
DATA_DIR = data.DATA_DIR
TOPOJSON = BASE_MAP  # named once, in japansec.style (the live panels use the same file)
# The parts of MathJax's es5 build that tex-chtml.js loads (fonts, lazily loaded input extensions,
# the menu and its accessibility helpers). The speech engine (sre) is left out.
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml", "input/tex", "ui", "a11y", "adaptors")


def node_tool(script: str, *args: str) -> None:
    """Run one of the book's Node build scripts (``japansec/build/js``); fail with a clear hint."""
    if not (ROOT / "node_modules" / "esbuild").is_dir():
        raise RuntimeError("node_modules/ is missing: run `npm ci` (make setup does it) to install "
                           "the pinned plotly.js and esbuild from package-lock.json")
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js not found: install Node 20 or newer (scripts/"
                           "install_system_deps.sh does it)")
    subprocess.run([node, str(JS / script), *args], cwd=ROOT, check=True)


def build_plotly(target: Path) -> None:
    """Copy the partial plotly.js bundle (and its .gz, .br) to ``target``; build it first into
    ``_build/plotly/`` (kept across clean builds) when missing or older than its inputs."""
    bundle = ROOT / "_build" / "plotly" / PLOTLY_BUNDLE
    inputs = [JS / "bundle.mjs", JS / "plotly-book.js", ROOT / "package-lock.json"]
    if not bundle.exists() or any(bundle.stat().st_mtime < p.stat().st_mtime for p in inputs):
        node_tool("bundle.mjs", str(bundle))
    for suffix in ("", ".gz", ".br"):
        _copy_if_changed(bundle.with_name(bundle.name + suffix),
                         target.with_name(target.name + suffix))


def compiled_stdlib() -> Path:
    """Pyodide's standard library as bytecode, kept in ``_build/pyodide/`` under a name made from
    the installed Pyodide's source zip and the compiling script (SHA-256): compiled when no copy of
    exactly those is there. The bytecode has no sources to fall back on, so it must come from the
    Pyodide that will load it."""
    source = explorers.pyodide_package() / explorers.STDLIB
    digest = hashlib.sha256(source.read_bytes() + (JS / "compile_stdlib.mjs").read_bytes())
    stdlib = ROOT / "_build" / "pyodide" / f"python_stdlib-{digest.hexdigest()[:16]}.zip"
    if not stdlib.exists():
        shutil.rmtree(stdlib.parent, ignore_errors=True)  # copies for other inputs
        stdlib.parent.mkdir(parents=True)
        node_tool("compile_stdlib.mjs", str(stdlib))
    return stdlib


def mathjax_es5() -> Path:
    """Path of MathJax 3's es5 build inside the installed django-static-mathjax package."""
    import mathjax

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size == source.stat().st_size \
            and target.stat().st_mtime >= source.stat().st_mtime:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def copy_static_files(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, copy plotly.js, MathJax and the base map into ``_static``."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    build_plotly(static / PLOTLY_BUNDLE)
    _copy_if_changed(TOPOJSON, static / "topojson" / TOPOJSON.name)
    # The data package, so that readers can download every table (linked from the appendix).
    for file in [DATA_DIR / "datapackage.json", *sorted(DATA_DIR.glob("*.csv"))]:
        _copy_if_changed(file, Path(app.outdir) / "data" / file.name)
    es5 = mathjax_es5()
    for part in MATHJAX_PARTS:
        source = es5 / part
        files = [source] if source.is_file() else sorted(
            p for p in source.rglob("*") if p.is_file())
        for file in files:
            _copy_if_changed(file, static / "mathjax" / file.relative_to(es5))
    notebooks = [Path(app.env.doc2path(doc)) for doc in sorted(app.env.found_docs)
                 if str(app.env.doc2path(doc)).endswith(".ipynb")]
    distribute.publish(Path(app.outdir), notebooks, datetime.date.today().isoformat())
    explorers.publish(static, compiled_stdlib())
    lighten_site(Path(app.outdir), static / "scripts" / "fontawesome.js")
    bundle_site(Path(app.outdir))
    node_tool("compress.mjs", str(app.outdir), str(COMPRESSED))


# Scripts of the theme and extensions that nothing needs before the page is drawn: deferred, so
# that they no longer block the first paint (they wait for the DOM anyway).
DEFERRABLE = ("doctools.js", "sphinx_highlight.js", "clipboard.min.js", "copybutton.js",
              "sphinx-book-theme.js", "togglebutton.js", "design-tabs.js")


def _defer(script: Any) -> Any:
    """The same script, loaded with ``defer`` when it is one of ``DEFERRABLE``."""
    filename = str(getattr(script, "filename", script) or "")
    if filename.split("?")[0].rsplit("/", 1)[-1] not in DEFERRABLE:
        return script
    attributes = {**getattr(script, "attributes", {}), "defer": "defer"}
    return type(script)(filename, priority=getattr(script, "priority", 500), **attributes)


def has_math(body: str) -> bool:
    """Whether a page's body holds math that MathJax must typeset.

    >>> has_math('<span class="math notranslate nohighlight">x</span>'), has_math('<p>x</p>')
    (True, False)
    """
    return 'class="math' in body


def add_figure_scripts(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: Any) -> None:
    """Load the figure loader only on pages that hold a Plotly figure, MathJax only on pages with
    math; defer the scripts in ``DEFERRABLE``.

    Also drop sphinx-thebe's scripts (jupyter-book always loads the extension; the book keeps
    ``thebe: false``): they declare ``const THEBE_JS_URL`` twice, a console error on every page.
    """
    math = has_math(context.get("body", ""))

    config = "{}"

    def keep(script: Any) -> bool:
        nonlocal config
        body = str(getattr(script, "attributes", {}).get("body", ""))
        if "thebe" in str(script) or "THEBE_JS_URL" in body:
            return False
        if "mathjax" in str(getattr(script, "filename", "") or "").lower():
            return False  # japansec-math.js loads it, on pages with math, when it is needed
        if body.startswith("window.MathJax = "):
            # Its configuration goes to japansec-math.js, which sets it just before loading
            # MathJax: a config object alone in window.MathJax makes other scripts (jupyterquiz)
            # take it for a loaded MathJax.
            config = body.removeprefix("window.MathJax = ").strip().rstrip(";")
            return False
        return True

    context["script_files"][:] = [_defer(s) for s in context.get("script_files", []) if keep(s)]
    if math:
        app.add_js_file("japansec-math.js", loading_method="defer",
                        **{"data-mathjax-config": config})
    context["css_files"][:] = [css for css in context.get("css_files", [])
                               if "thebe" not in str(css)]
    # docutils marks the bibliography as role="list" with role="doc-biblioentry" items: a
    # deprecated role that is no list item, which axe-core reports as a critical violation.
    body = context.get("body", "")
    if 'role="list" class="citation-list"' in body:
        context["body"] = body.replace('role="list" class="citation-list"',
                                       'class="citation-list"').replace(
                                           ' role="doc-biblioentry"', "")
    if "jps-plotly" in context.get("body", ""):
        app.add_js_file("japansec-figures.js", loading_method="defer")
    if 'class="jps-explorer"' in context.get("body", ""):
        app.add_js_file("japansec-explorers.js", loading_method="defer")


def show_as_of_date(app: Sphinx, config: Any) -> None:
    """Put the book's as-of date (the data package's ``as_of``) in the theme's announcement bar,
    on every page, with the earliest date through which a curated table was checked, when that
    is earlier (the appendix "To re-check" lists which tables)."""
    from japansec.catalog import lagging_tables
    from japansec.data import package

    as_of = package()["as_of"]
    checked = sorted(c for _, c in lagging_tables(as_of) if c)
    lag = (f" Some tables were last checked through <strong>{checked[0]}</strong> "
           "(see the appendix “To re-check”)." if checked else "")
    options = dict(config.html_theme_options or {})
    options["announcement"] = (
        f"Facts and data in this book are as of <strong>{as_of}</strong>.{lag} "
        "Events after that date are not covered."
    )
    config.html_theme_options = options


# A host name that stands for no real server (RFC 2606's reserved example domains, .invalid, .test).
PLACEHOLDER = re.compile(r"^https?://([^/]*\.)?(example\.(com|org|net|edu)|example|[^/]*\.invalid"
                         r"|[^/]*\.test)(:\d+)?(/|$)", re.IGNORECASE)


def configured_addresses(config: Any) -> dict[str, str]:
    """The book's outside addresses from _config.yml, by setting name (empty ones left out)."""
    theme = config.html_theme_options or {}
    launch = theme.get("launch_buttons", {}) or {}
    addresses = {"html.baseurl": config.html_baseurl or "",
                 "repository.url": theme.get("repository_url", "") or ""}
    for key in LAUNCH_KEYS:
        addresses[f"launch_buttons.{key}"] = launch.get(key, "") or ""
    return {key: value for key, value in addresses.items() if value}


def check_addresses(app: Sphinx, config: Any) -> None:
    """Stop the build on a placeholder address: a button must lead somewhere real or not exist."""
    for key, value in configured_addresses(config).items():
        if PLACEHOLDER.match(value):
            raise ValueError(f"_config.yml: {key} is a placeholder address ({value}): set a "
                             "real address or leave it empty (then no button uses it)")


LAUNCH_KEYS = ("binderhub_url", "jupyterhub_url", "colab_url", "jupyterlite_url")


def launch_only_with_a_repository(app: Sphinx, config: Any) -> None:
    """Binder, JupyterHub (nbgitpuller) and Colab all open the notebook from the repository: with
    no ``repository.url`` configured, show no launch button at all (the theme would crash)."""
    theme = dict(config.html_theme_options or {})
    if theme.get("repository_url"):
        return
    launch = dict(theme.get("launch_buttons") or {})
    theme["launch_buttons"] = {k: v for k, v in launch.items() if k not in LAUNCH_KEYS}
    config.html_theme_options = theme


def add_static_path(app: Sphinx, config: Any) -> None:
    """Serve the package's own static files (figure loader, CSS) from ``_static``."""
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    # A favicon of our own: without one the browser requests /favicon.ico and logs a 404.
    config.html_favicon = str(STATIC / "favicon.svg")


def register_bibtex_backend(app: Sphinx, config: Any) -> None:
    """Register pybtex's plain-text backend as a run-time plugin: sphinxcontrib-bibtex asks pybtex
    for it once per citation, and pybtex answers each time by scanning every installed package's
    entry points (about 10 ms each, a quarter of a no-change build). Run-time plugins are looked
    up first (``pybtex.plugin.register_plugin``), so this is the same class, found once."""
    from pybtex.backends.plaintext import Backend
    from pybtex.plugin import register_plugin

    register_plugin("pybtex.backends", "plaintext", Backend, force=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", register_bibtex_backend)
    app.connect("config-inited", add_static_path)
    app.connect("config-inited", show_as_of_date)
    app.connect("config-inited", check_addresses)
    app.connect("config-inited", launch_only_with_a_repository)
    app.connect("html-page-context", add_figure_scripts)
    # After the other extensions (the theme writes its pygments.css at build-finished), so that
    # the stylesheet bundle and the compressed copies are made from the final files.
    app.connect("build-finished", copy_static_files, priority=900)
    app.add_css_file("japansec.css")
    app.add_css_file("japansec-icons.css")  # written after the build (japansec.build.theme)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
