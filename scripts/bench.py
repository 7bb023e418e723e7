"""Benchmark the book (`make bench`): measure, print, and compare with the targets in README.md.

Measures, on this machine:
- the clean build's wall time and peak memory (largest process: Sphinx or a kernel), with an
  empty execution cache (every notebook executed, in parallel);
- each notebook's execution time in a fresh kernel (nbclient, live panels included);
- `make test`'s wall time once `.venv` exists: the book build (cache warm, as after a `make book`),
  ruff and pytest in three processes;
- each page's own HTML weight and the size of each Plotly figure's JSON in it;
- each live explorer's control-move time (model + figure update in a kernel), where defined;
- Lighthouse (mobile defaults) on every page served compressed: performance, FCP, LCP, TBT, CLS
  and bytes (scripts/page_speed.py; issue 16's targets);
- the explorers in the static page (scripts/explorer_speed.py; issue 17's targets): bytes added
  before the first touch, Python's cold and warm start after it, the longest main-thread task,
  and a control move to the redrawn figure.
- the cost inside the suite of the clean-environment test (a new venv installs the book's wheel
  from the served book, runs a downloaded notebook and the course bundle; issue 15).

Results also go to bench-results/bench.json. This is a script, not a timed test: the numbers
vary with the machine, and a slow run should be looked at, not fail CI.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import explorer_speed  # scripts/explorer_speed.py: Python in the page (cold, warm, moves)
import nbformat
import page_speed  # scripts/page_speed.py, beside this script (Lighthouse on every page)

from japansec.build.book import ROOT, book_notebooks, toc_files
from japansec.build.notebooks import run_notebook

TARGETS = {"build_s": 30, "notebook_s": 10, "page_kb": 1024, "test_s": 90, "explorer_kb": 300}
PR_SET_CHILD_SUBREAPER = 36  # prctl option (linux/prctl.h)
ORPHANS_S = 5  # how long cpu_seconds waits for orphans still exiting


def count_descendants() -> None:
    """Make this process the subreaper of its descendants (Linux): a process orphaned under it
    (Chromium's renderers when the browser exits, say) becomes its child, not init's, so that
    cpu_seconds can wait for it and count its CPU time. Without this, `make test`'s CPU time read
    70 s of the 160 s its processes used."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def cpu_seconds() -> float:
    """User + system CPU time of the finished descendants so far (see count_descendants): on a
    shared machine the wall time depends on the load, the CPU time much less (on an idle 2-core
    machine, a job that keeps both cores busy takes about half its CPU time). Descendants left
    orphaned and finished are waited for first, for a few seconds at most."""
    deadline = time.monotonic() + ORPHANS_S
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # no child left
            break
        if pid == 0:  # children still running (orphans exiting)
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> float:
    """The one-minute load average, to read the wall times against."""
    return float(Path("/proc/loadavg").read_text().split()[0]) if Path("/proc/loadavg").exists() \
        else float("nan")


def clean_build() -> tuple[float, float]:
    """Build from clean; return (wall seconds, peak memory of the largest process in MB)."""
    for folder in ("html", "jupyter_execute", ".jupyter_cache", ".doctrees"):
        shutil.rmtree(ROOT / "_build" / folder, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([sys.executable, "scripts/build_book.py", "--force"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak_mb


def page_weights() -> dict[str, dict]:
    """Each page's own HTML size and the JSON size of each figure on it (in KB)."""
    weights = {}
    for name in toc_files():
        html = (ROOT / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")
        figures = re.findall(r'class="jps-plotly-data"[^>]*>(.*?)</script>', html, flags=re.S)
        weights[name] = {"page_kb": len(html.encode()) / 1024,
                         "figures_kb": [len(f.encode()) / 1024 for f in figures]}
    return weights


MEASURE_EXPLORERS = """
import json, statistics, time
from japansec.build.plotly_mime import figure_html
from japansec.scenarios import ALL_SCENARIOS
numbers = {}
for scenario in ALL_SCENARIOS:
    size = len(figure_html(scenario.static().to_plotly_json(), "f").encode()) / 1024
    panel = scenario.live()
    times = []
    for name, control in panel.controls.items():
        parameter = next(p for p in scenario.parameters if p.name == name)
        for value in parameter.values()[:12]:
            start = time.perf_counter()
            control.value = value
            times.append((time.perf_counter() - start) * 1000)
        control.value = parameter.default
    numbers[scenario.name] = {"static_kb": size, "move_ms": statistics.median(times)}
print(json.dumps(numbers))
"""


def explorer_numbers() -> dict[str, dict]:
    """Each explorer's size in its page (figure, controls, data table), and the median time of a
    live control move measured in a real kernel (nbclient), as an instructor would see it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "measure.ipynb"
        nbformat.write(nbformat.v4.new_notebook(), path)
        notebook, _ = run_notebook(path, after=MEASURE_EXPLORERS)
    return json.loads(notebook.cells[-1].outputs[0]["text"])


def main() -> int:
    count_descendants()
    results: dict = {}
    print("Benchmark (targets in parentheses)\n")
    cpu, before = cpu_seconds(), load()
    wall, peak = clean_build()
    cpu = cpu_seconds() - cpu
    results["build"] = {"wall_s": wall, "cpu_s": cpu, "peak_mb": peak, "load": before}
    print(f"clean build: {wall:6.1f} s (≤ {TARGETS['build_s']} s), CPU {cpu:.0f} s, load "
          f"{before:.1f}   peak memory: {peak:.0f} MB")

    print("\nnotebook execution (fresh kernel, live panels included):")
    results["notebooks"] = {}
    for path in book_notebooks():
        _, seconds = run_notebook(path)
        results["notebooks"][path.name] = seconds
        flag = "" if seconds <= TARGETS["notebook_s"] else "   OVER TARGET"
        print(f"  {path.name:40s} {seconds:6.1f} s (≤ {TARGETS['notebook_s']} s){flag}")

    print("\npage weights (own HTML; plotly.js is shared):")
    results["pages"] = page_weights()
    for name, info in results["pages"].items():
        figs = ", ".join(f"{kb:.0f}" for kb in info["figures_kb"]) or "-"
        flag = "" if info["page_kb"] <= TARGETS["page_kb"] else "   OVER TARGET"
        print(f"  {name:40s} {info['page_kb']:7.0f} KB   figures (KB): {figs}{flag}")

    print("\nexplorers (size in the page; live control move = model + in-place figure update):")
    results["explorers"] = explorer_numbers()
    for name, info in results["explorers"].items():
        flag = "" if info["static_kb"] <= TARGETS["explorer_kb"] else "   OVER TARGET"
        print(f"  {name:20s} static {info['static_kb']:6.0f} KB (≤ {TARGETS['explorer_kb']})"
              f"   live move median {info['move_ms']:5.1f} ms (≤ 50){flag}")

    print("\nLighthouse, mobile (targets: performance ≥ 90, FCP ≤ 1.8 s, LCP ≤ 2.5 s, "
          "TBT ≤ 200 ms, CLS ≤ 0.1):")
    results["lighthouse"] = page_speed.run(ROOT / "_build" / "html")

    print("\nexplorers in the page (Python in the browser; targets in parentheses):")
    results["explorers_in_the_page"] = explorer_speed.run(ROOT / "_build" / "html")

    cpu = cpu_seconds()  # may wait for orphans still exiting: before the clock starts
    start = time.perf_counter()
    code = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/test_instructors.py",
                           "-k", "clean_environment"], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    cpu = cpu_seconds() - cpu
    results["clean_env_test"] = {"wall_s": wall, "cpu_s": cpu, "exit": code}
    print(f"\nclean-environment test (venv + wheel from the served book + bundle): "
          f"{results['clean_env_test']['wall_s']:6.1f} s wall, {cpu:.1f} s CPU, exit code {code}")

    cpu, before = cpu_seconds(), load()  # (as above)
    start = time.perf_counter()
    code = subprocess.run(["make", "test"], cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode
    results["tests"] = {"wall_s": time.perf_counter() - start, "cpu_s": cpu_seconds() - cpu,
                        "load": before, "exit": code}
    print(f"\nmake test (book build, skipped when up to date + ruff + pytest): "
          f"{results['tests']['wall_s']:6.1f} s (≤ {TARGETS['test_s']} s), CPU "
          f"{results['tests']['cpu_s']:.0f} s, load {before:.1f}, exit code {code}")

    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\nwritten: {out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
