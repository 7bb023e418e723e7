"""Every notebook of the book runs top to bottom in a fresh kernel, and is committed clean."""

from __future__ import annotations

import json
import subprocess

import nbformat
import pytest
from conftest import ROOT, toc_files, toc_notebooks
from nbclient.exceptions import CellExecutionError

from japansec.notebooks import run_notebook

NOTEBOOK_TIMEOUT = 60  # seconds per cell; the benchmark tracks the real times (target ≤ 10 s)


def test_toc_and_chapters_agree() -> None:
    """Every page in _toc.yml exists, and every page in chapters/ is in _toc.yml."""
    listed = set(toc_files())
    missing = [f for f in listed if not any((ROOT / f"{f}{ext}").exists()
                                            for ext in (".ipynb", ".md"))]
    assert not missing, f"_toc.yml names files that do not exist: {missing}"
    pages = {str(p.relative_to(ROOT).with_suffix("")) for p in (ROOT / "chapters").iterdir()
             if p.suffix in (".ipynb", ".md")}
    orphans = sorted(pages - listed)
    assert not orphans, f"pages in chapters/ missing from _toc.yml: {orphans}"


def test_notebooks_are_committed_clean() -> None:
    """No outputs and no execution counts in the committed notebooks."""
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    paths = [ROOT / p for p in tracked] or list(ROOT.glob("**/*.ipynb"))
    dirty = []
    for path in paths:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        if any(c.get("outputs") or c.get("execution_count") for c in cells
               if c["cell_type"] == "code"):
            dirty.append(str(path.relative_to(ROOT)))
    assert not dirty, f"notebooks committed with outputs or execution counts: {dirty}"


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path) -> None:
    """Execute in a fresh kernel, including the live-panel cells tagged skip-execution."""
    run_notebook(path, timeout=NOTEBOOK_TIMEOUT)


def test_a_failing_cell_names_notebook_and_cell(tmp_path) -> None:
    """A notebook with a failing cell is reported with its file name and the cell's number."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('deliberate failure')"),
    ])
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(RuntimeError) as error:
        run_notebook(path, timeout=NOTEBOOK_TIMEOUT)
    message = str(error.value)
    assert "broken.ipynb" in message and "cell 2" in message and "deliberate failure" in message
    assert isinstance(error.value.__cause__, CellExecutionError)
