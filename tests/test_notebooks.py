"""Every notebook of the book runs top to bottom in a fresh kernel, and is committed clean."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import nbformat
import pytest
from conftest import ROOT, toc_files, toc_notebooks
from nbclient.exceptions import CellExecutionError

from japansec.build.notebooks import run_notebook

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


# Run in the kernel after a notebook: move every control of every live panel the notebook made,
# and check that its FigureWidget changed in place and shows what the model computes.
MOVE_CONTROLS = """
from japansec.explorer import LIVE_PANELS
moved = 0
for panel in LIVE_PANELS:
    figure = panel.figure
    keys = sorted(panel.scenario.view().traces[0])
    count = len(panel.scenario.view().traces)
    state = lambda: [[list(getattr(t, k)) for k in keys] for t in figure.data[:count]]
    for name, control in panel.controls.items():
        parameter = next(p for p in panel.scenario.parameters if p.name == name)
        before = state()
        options = parameter.values()
        control.value = options[-1] if options[-1] != control.value else options[0]
        assert panel.figure is figure, "figure replaced instead of updated"
        after = state()
        assert after != before, f"{panel.scenario.name}: moving {name} changed nothing"
        expected = panel.scenario.view(**{n: c.value for n, c in panel.controls.items()})
        for shown, trace in zip(after, expected.traces):
            for values, key in zip(shown, keys):
                want = list(trace[key])
                if want and isinstance(want[0], float):
                    assert all(abs(a - b) < 1e-3 for a, b in zip(values, want)), (name, key)
                else:
                    assert values == want, (name, key)
        moved += 1
print(f"LIVE-CONTROLS-MOVED {moved}")
"""


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path) -> None:
    """Execute in a fresh kernel, including the live-panel cells tagged skip-execution; then move
    every live control in that kernel."""
    notebook, _ = run_notebook(path, timeout=NOTEBOOK_TIMEOUT, after=MOVE_CONTROLS)
    printed = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    live_cells = [c for c in notebook.cells if "skip-execution" in c.metadata.get("tags", [])]
    moved = int(printed.split("LIVE-CONTROLS-MOVED")[1])
    if live_cells:
        assert moved > 0, f"{path.name}: live-panel cells ran but no control was moved"


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


def test_student_edition_contains_no_solution(tmp_path) -> None:
    """`scripts/build_book.py --student-edition` (sphinx-exercise's hide_solutions) builds a book
    with the exercises but without any solution."""
    result = subprocess.run([sys.executable, "scripts/build_book.py", "--student-edition",
                             "--output", str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    pages = list((tmp_path / "_build" / "html" / "chapters").glob("*.html"))
    exercises = sum(p.read_text("utf-8").count('class="exercise') for p in pages)
    solutions = [p.name for p in pages if 'class="solution' in p.read_text("utf-8")]
    assert exercises >= 3 and not solutions, (exercises, solutions)


def test_glossary_has_30_bilingual_terms() -> None:
    text = (ROOT / "chapters" / "glossary.md").read_text("utf-8")
    body = text.split("```{glossary}")[1].split("```")[0]
    entries = re.split(r"\n(?=\S)", body.strip())
    bilingual = [e for e in entries if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", e)]
    assert len(entries) >= 30 and len(bilingual) >= 30, (len(entries), len(bilingual))


CHAPTER_SECTIONS = ["## Overview", "## Prerequisites", "**Time to learn:**", "## Summary",
                    "## Exercises", "## Discussion questions", "## References"]


APPENDICES = ("data-sources", "to-recheck", "glossary", "bibliography", "execution-status")
TEMPLATE_PAGES = [next(p for p in (ROOT / f"{f}.ipynb", ROOT / f"{f}.md") if p.exists())
                  for f in toc_files() if f.split("/")[-1] not in APPENDICES]


@pytest.mark.parametrize("path", TEMPLATE_PAGES, ids=lambda p: p.name)
def test_pages_follow_the_template(path) -> None:
    """Every page but the appendices has the template's sections; chapters (not the intro or
    how-to pages) have three exercises with solutions and two discussion questions."""
    if path.suffix == ".ipynb":
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    else:
        text = path.read_text("utf-8")
    missing = [s for s in [*CHAPTER_SECTIONS[:2], "## Summary", "## References"]
               if s not in text]
    assert not missing, f"{path.name}: missing {missing}"
    if path.stem in ("intro", "how-to-students", "how-to-instructors", "instructor-guide"):
        return
    missing = [s for s in CHAPTER_SECTIONS if s not in text]
    assert not missing, f"{path.name}: missing {missing}"
    assert text.count("```{exercise}") >= 3 and text.count("```{solution}") >= 3
    questions = text.split("## Discussion questions")[1].split("##")[0]
    assert len(re.findall(r"^\d+\. ", questions, re.M)) >= 2
