"""Every notebook of the book runs top to bottom in a fresh kernel, and is committed clean."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, toc_notebooks
from nbclient.exceptions import CellExecutionError

import japansec.scenarios
from japansec.build.book import toc_files, up_to_date
from japansec.build.notebooks import run_notebook
from japansec.explorer import Scenario

SCENARIOS = {s.name: s for s in japansec.scenarios.ALL_SCENARIOS}
# The name chapters import each explorer by (its module constant), e.g. BUDGET for "budget".
VARIABLES = {obj.name: name for name, obj in vars(japansec.scenarios).items()
             if isinstance(obj, Scenario)}

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


# Run in the kernel after a notebook: find the live panels the notebook's cells returned (IPython's
# Out), move every control of each to another value, and check that the FigureWidget shown in the
# panel (same widget, same model id) changed in place and shows exactly what the model computes.
MOVE_CONTROLS = """
import json
from japansec.explorer import Scenario
panels = [v for v in Out.values() if isinstance(getattr(v, "scenario", None), Scenario)]
report = {}
for panel in panels:
    figure, scenario = panel.figure, panel.scenario
    shown_widget = panel.children[-1]
    model_id = shown_widget.model_id
    count = len(scenario.view().traces)
    keys = sorted(scenario.view().traces[0])
    state = lambda: [[list(getattr(t, k)) if isinstance(getattr(t, k), (list, tuple))
                      else getattr(t, k) for k in keys] for t in shown_widget.data[:count]]
    moved = []
    for name, control in panel.controls.items():
        parameter = next(p for p in scenario.parameters if p.name == name)
        before = state()
        options = [v for v in parameter.values() if v != control.value]
        control.value = options[-1]
        after = state()
        assert panel.children[-1] is figure and figure.model_id == model_id, \
            f"{scenario.name}: moving {name} replaced the figure widget"
        assert after != before, f"{scenario.name}: moving {name} changed nothing"
        expected = scenario.view(**{n: c.value for n, c in panel.controls.items()})
        assert len(after) == len(expected.traces), (scenario.name, name)
        for shown, trace in zip(after, expected.traces, strict=True):
            for values, key in zip(shown, keys, strict=True):
                want = trace[key]
                if isinstance(want, (list, tuple)):
                    assert len(values) == len(want), (scenario.name, name, key)
                    if want and isinstance(want[0], float):
                        assert all(abs(a - b) < 1e-3 for a, b in zip(values, want)), (name, key)
                        continue
                    want = list(want)
                assert values == want, (scenario.name, name, key)
        moved.append(name)
    report[scenario.name] = moved
print("LIVE-CONTROLS-MOVED " + json.dumps(report))
"""


def check_live_controls_moved(path: Path, printed: str) -> None:
    """``printed`` is what MOVE_CONTROLS printed after the notebook at ``path`` ran: it moved
    every control of every live panel the notebook's live cells (tagged skip-execution) open."""
    line = next((x for x in printed.splitlines() if x.startswith("LIVE-CONTROLS-MOVED ")), None)
    assert line, f"{path.name}: the live panels' controls were not moved: {printed[-2000:]}"
    moved = json.loads(line.split(" ", 1)[1])
    live = [c.source for c in nbformat.read(path, as_version=4).cells
            if "skip-execution" in c.metadata.get("tags", [])]
    expected = {name: [p.name for p in SCENARIOS[name].parameters]
                for name in SCENARIOS if any(f"{VARIABLES[name]}.live()" in s for s in live)}
    assert moved == expected, f"{path.name}: controls moved {moved}, expected {expected}"


# Run by test_instructors.py in a clean environment instead (the wheel installed from the served
# book, as on Colab or a hub), the download of a map chapter and a chapter of the course bundle,
# with MOVE_CONTROLS after each as here: a second run here would check nothing more.
DOWNLOADED, BUNDLED = RUN_IN_A_CLEAN_ENVIRONMENT = ("missiles.ipynb", "alliance.ipynb")
# Notebooks with code: a notebook without a code cell (check-claims) is prose only, and the build's
# strict myst parsing already checks it; running it in a kernel would prove nothing.
CODE_NOTEBOOKS = [p for p in toc_notebooks()
                  if any(c.cell_type == "code" for c in nbformat.read(p, as_version=4).cells)]


def test_the_clean_environment_runs_chapter_notebooks() -> None:
    """Renamed or left without code, a notebook left to test_instructors.py would run nowhere."""
    assert set(RUN_IN_A_CLEAN_ENVIRONMENT) <= {p.name for p in CODE_NOTEBOOKS}


@pytest.mark.long(3)
@pytest.mark.parametrize("path", [p for p in CODE_NOTEBOOKS
                                  if p.name not in RUN_IN_A_CLEAN_ENVIRONMENT],
                         ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    """Execute in a fresh kernel, including the live-panel cells tagged skip-execution; then move
    every control of every live panel in that kernel."""
    notebook, _ = run_notebook(path, timeout=NOTEBOOK_TIMEOUT, after=MOVE_CONTROLS)
    check_live_controls_moved(path, "".join(o.get("text", "") for o in notebook.cells[-1].outputs))


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


@pytest.mark.long(15)  # when the edition is built, not when it is up to date
def test_student_edition_contains_no_solution() -> None:
    """`make student` (sphinx-exercise's hide_solutions) builds a book with the exercises but
    without any solution. Like `make book`, the build into _build/student is skipped when that
    folder already holds a build of exactly the current sources (book.up_to_date)."""
    output = ROOT / "_build" / "student"
    result = subprocess.run([sys.executable, "scripts/build_book.py", "--student-edition",
                             "--output", str(output)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert up_to_date(output, student=True), "the student edition is not of the current sources"
    pages = list((output / "_build" / "html" / "chapters").glob("*.html"))
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
