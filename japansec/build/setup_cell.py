"""The setup cell that opens every chapter notebook, so that it runs wherever an instructor or a
student runs it: Colab, a JupyterHub, Binder, a downloaded notebook, a course bundle.

The cell (tagged ``remove-cell``: the book leaves it out) does nothing where ``japansec`` is
installed (a clone's .venv, a course bundle) but check its version. Where it is missing, it asks
the book's own site for the wheel the build published (``wheel/japansec.json``, written by
:mod:`japansec.build.distribute`) and installs it with pip; third-party dependencies come from
the package index. The book's address is ``html.baseurl`` in _config.yml, written into the cell
by this module; the environment variable ``BOOK_URL`` overrides it (mirrors, the tests). In Colab
it also turns on Colab's custom widget manager, which the live panels need.

The cell is generated, never edited by hand: ``python -m japansec.build.setup_cell`` writes it
(as a new first cell, or over the old one) into every chapter notebook and the chapter template;
the tests check that each one holds exactly :func:`cell_source`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
import yaml

from japansec import __version__

ROOT = Path(__file__).resolve().parents[2]
TAG = "remove-cell"
MARKER = "# Setup (kept out of the book):"

TEMPLATE = '''\
# Setup (kept out of the book): install the book's package japansec if it is missing, from the
# book's own site (set BOOK_URL to use a copy elsewhere). Written by japansec.build.setup_cell.
import importlib
import json
import os
import subprocess
import sys
import urllib.request

NEEDS, BOOK = "{version}", "{book_url}"


class SetupError(Exception):
    def _render_traceback_(self):  # one sentence, not a traceback
        return [f"Setup failed: {{self}}"]


def _release(text):
    return tuple(int(part) for part in text.split("+")[0].split(".")[:3] if part.isdigit())


if "google.colab" in sys.modules:  # Colab draws ipywidgets only with its custom widget manager
    from google.colab import output
    output.enable_custom_widget_manager()
try:
    import japansec
except ImportError:
    japansec = None
if japansec is None:
    url = (os.environ.get("BOOK_URL") or BOOK).rstrip("/")
    if not url:
        raise SetupError("japansec is not installed and no book address is known: set the "
                         "environment variable BOOK_URL to the address of the book, or install "
                         "the course bundle's requirements.txt")
    try:
        with urllib.request.urlopen(f"{{url}}/wheel/japansec.json", timeout=30) as reply:
            wheel = json.load(reply)
    except (OSError, ValueError) as error:
        raise SetupError(f"could not read {{url}}/wheel/japansec.json ({{error}}): set BOOK_URL "
                         "to the address of a reachable copy of the book") from None
    if _release(wheel["version"]) < _release(NEEDS):
        raise SetupError(f"the book at {{url}} serves japansec {{wheel['version']}}, older than "
                         f"the {{NEEDS}} this notebook needs: point BOOK_URL at a newer copy")
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                          f"{{url}}/wheel/{{wheel['file']}}#sha256={{wheel['sha256']}}"],
                         capture_output=True, text=True)
    if pip.returncode != 0:
        raise SetupError(f"pip could not install {{url}}/wheel/{{wheel['file']}}: "
                         + (pip.stderr.strip().splitlines() or ["no message"])[-1])
    importlib.invalidate_caches()
    import japansec
if _release(japansec.__version__) < _release(NEEDS):
    raise SetupError(f"japansec {{japansec.__version__}} is installed, older than the {{NEEDS}} "
                     "this notebook needs: pip install the newer wheel, then restart the kernel")'''


def book_url(config: Path = ROOT / "_config.yml") -> str:
    """The book's published address, ``html.baseurl`` in _config.yml ("" if not set)."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    return str((settings.get("html") or {}).get("baseurl") or "").strip()


def cell_source(url: str | None = None, version: str = __version__) -> str:
    """The setup cell's code for the book at ``url`` (default: _config.yml's) and ``version``."""
    url = book_url() if url is None else url
    if any(c in url for c in '"\\\n'):
        raise ValueError(f"_config.yml: html.baseurl {url!r} holds a quote, backslash or newline")
    return TEMPLATE.format(version=version, book_url=url.rstrip("/"))


def is_setup_cell(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and "".join(cell.get("source", "")).startswith(MARKER)


def needs_setup(notebook: nbformat.NotebookNode) -> bool:
    """A notebook needs the setup cell if it runs any code of its own."""
    return any(c.cell_type == "code" and not is_setup_cell(c) for c in notebook.cells)


def write(path: Path, source: str) -> bool:
    """Make the notebook's first cell the setup cell (insert it, or replace an older one);
    return whether the file changed."""
    notebook = nbformat.read(path, as_version=4)
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [TAG]})
    cell["id"] = "japansec-setup"
    if notebook.cells and is_setup_cell(notebook.cells[0]):
        if notebook.cells[0].source == source and TAG in notebook.cells[0].metadata.get("tags", []):
            return False
        notebook.cells[0].source = source
        notebook.cells[0].metadata.setdefault("tags", [])
        if TAG not in notebook.cells[0].metadata["tags"]:
            notebook.cells[0].metadata["tags"].append(TAG)
    else:
        notebook.cells.insert(0, cell)
    nbformat.write(notebook, path)
    return True


def notebooks() -> list[Path]:
    """The chapter notebooks (every notebook in chapters/) and the chapter template."""
    return [*sorted((ROOT / "chapters").glob("*.ipynb")),
            ROOT / "templates" / "chapter-template.ipynb"]


def main() -> int:
    parser = argparse.ArgumentParser(description="Write the setup cell into the notebooks.")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: every chapter "
                        "notebook and the chapter template)")
    args = parser.parse_args()
    source = cell_source()
    for path in args.paths or notebooks():
        if not needs_setup(nbformat.read(path, as_version=4)):
            print(f"no code cell, no setup cell needed: {path}")
            continue
        print(f"{'written' if write(path, source) else 'unchanged'}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
