"""The explorers' speed in the static page (`make bench` calls it; also runnable alone).

Each page with an explorer is served compressed from 127.0.0.1 (``japansec/build/serve.py``) and
opened in Debian's Chromium, headless, with nothing routed (routing would switch the HTTP cache
off); every request is watched and must stay on 127.0.0.1. Per page:

- bytes the explorers add before the first touch: their controls' HTML (gzip) and
  ``japansec-explorers.js`` as transferred; no Pyodide file may load before the touch;
- cold start: a fresh browser context; from the first key press on a control to the redrawn figure
  (Python started in the worker, the model run, the figure restyled);
- the longest main-thread task from the first touch until the figure is redrawn, while Python
  starts (PerformanceObserver, "longtask"; the page's load is Lighthouse's TBT);
- warm start: the page reloaded in the same context (the browser's cache warm), same measure;
- a control move: key press to redrawn figure, median of 20 moves, timed inside the page.

    .venv/bin/python scripts/explorer_speed.py [--html _build/html] [--json out.json]

Targets (issue 17): cold ≤ 8 s, warm ≤ 3 s, move ≤ 100 ms median, no task over 200 ms while
Python starts, ≤ 50 KB added before the first touch.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from japansec.build.serve import serving  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TARGETS = {"cold_s": 8, "warm_s": 3, "move_ms": 100, "longtask_ms": 200, "added_kb": 50}
PAGES = ("chapters/money.html", "chapters/missiles.html", "chapters/alliance.html",
         "chapters/risk.html", "chapters/drivers.html", "chapters/deterrence.html")
# Timed inside the page: key press → the form's data-renders attribute changes; long tasks.
PROBE = """
window.__jps = {moves: [], longtasks: [], pressed: null, touched: null};
addEventListener('keydown', () => {
  window.__jps.pressed = performance.now();
  if (window.__jps.touched === null) { window.__jps.touched = window.__jps.pressed; }
}, true);
new MutationObserver(records => records.forEach(r => {
  if (r.attributeName === 'data-renders' && window.__jps.pressed !== null) {
    window.__jps.moves.push(performance.now() - window.__jps.pressed);
    window.__jps.pressed = null;
  }
})).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-renders']});
new PerformanceObserver(list => list.getEntries().forEach(
  e => window.__jps.longtasks.push({start: e.startTime, ms: e.duration})))
  .observe({type: 'longtask', buffered: true});
"""


def first_touch(page) -> float:
    """Press ArrowRight on the page's first explorer control; seconds until the figure redraws."""
    form = page.locator("form.jps-explorer").first
    control = form.locator("input[type=range], select").first
    control.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.querySelectorAll('div.jps-plotly')]"
                           ".some(d => d.getAttribute('data-drawn'))")
    control.focus()
    start = time.perf_counter()
    control.press("ArrowRight" if control.evaluate("c => c.type") == "range" else "ArrowDown")
    page.wait_for_function("f => f.getAttribute('data-renders') === '1' || "
                           "f.getAttribute('data-state') === 'failed'", arg=form.element_handle(),
                           timeout=120_000)
    if form.get_attribute("data-state") == "failed":
        raise RuntimeError(form.locator(".jps-explorer-status").inner_text())
    return time.perf_counter() - start


def measure(browser, base: str, path: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBE)
    page = context.new_page()
    offsite, before_touch = [], []
    page.on("request", lambda r: offsite.append(r.url) if urlparse(r.url).hostname not in (
        "127.0.0.1", None) and not r.url.startswith(("data:", "blob:")) else None)
    page.goto(base + path, wait_until="networkidle")
    page.on("request", lambda r: before_touch.append(r.url))  # nothing of Python yet
    forms_html = page.evaluate("() => [...document.querySelectorAll('form.jps-explorer')]"
                               ".map(f => f.outerHTML).join('')")
    script = page.evaluate("() => performance.getEntriesByType('resource')"
                           ".filter(e => e.name.includes('japansec-explorers.js'))"
                           ".reduce((n, e) => n + e.transferSize, 0)")
    python_before = [u for u in before_touch if "pyodide" in u]
    cold = first_touch(page)
    # Tasks from the first touch on (those of the page's load are Lighthouse's TBT).
    started = page.evaluate("() => window.__jps.longtasks"
                            ".filter(t => t.start + t.ms >= window.__jps.touched)")
    longest = max((t["ms"] for t in started), default=0.0)
    control = page.locator("form.jps-explorer").first.locator("input[type=range], select").first
    page.evaluate("() => { window.__jps.moves = []; }")
    for _ in range(20):
        form = page.locator("form.jps-explorer").first
        count = int(form.get_attribute("data-renders") or 0)
        at_end = control.evaluate("c => c.type === 'range' ? c.value === c.max : "
                                  "c.selectedIndex === c.options.length - 1")
        key = ("ArrowLeft" if at_end else "ArrowRight") if control.evaluate(
            "c => c.type") == "range" else ("ArrowUp" if at_end else "ArrowDown")
        control.press(key)
        page.wait_for_function("([f, n]) => Number(f.getAttribute('data-renders')) > n",
                               arg=[form.element_handle(), count])
    moves = page.evaluate("() => window.__jps.moves")
    page.reload(wait_until="networkidle")
    warm = first_touch(page)
    context.close()
    return {"added_kb": (len(gzip.compress(forms_html.encode())) + script) / 1024,
            "python_before_touch": python_before, "cold_s": cold, "warm_s": warm,
            "longtask_ms": longest, "move_ms": statistics.median(moves), "offsite": offsite}


def run(html: Path, pages: tuple[str, ...] = PAGES) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    results = {}
    with serving(html) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        for path in pages:
            numbers = results[path] = measure(browser, base, path)
            over = [k for k, limit in TARGETS.items() if numbers[k] > limit]
            print(f"  {path:28s} added {numbers['added_kb']:5.1f} KB (≤ 50)   cold "
                  f"{numbers['cold_s']:4.1f} s (≤ 8)   warm {numbers['warm_s']:4.1f} s (≤ 3)   "
                  f"longest task {numbers['longtask_ms']:4.0f} ms (≤ 200)   move median "
                  f"{numbers['move_ms']:4.0f} ms (≤ 100)"
                  + (f"   OVER: {', '.join(over)}" if over else "")
                  + (f"   Python before touch: {numbers['python_before_touch']}"
                     if numbers["python_before_touch"] else "")
                  + (f"   OFF-SITE: {numbers['offsite']}" if numbers["offsite"] else ""))
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = run(args.html)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
