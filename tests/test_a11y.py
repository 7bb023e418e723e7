"""Accessibility of the built book in Debian's Chromium (issue 18).

- axe-core from the npm registry, pinned in package.json / package-lock.json and installed by
  `make setup` (npm ci), runs on every page in light and in dark mode: no serious or critical
  violation.
- Every figure has an accessible name and a description generated from its data, and a "Data"
  disclosure whose table holds exactly the plotted points, with a CSV download of the same rows.
- Figure text reaches 4.5:1 and marks 3:1 against the figure's background in both modes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import unquote

import pytest
from conftest import ROOT, toc_files

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Violations another branch fixes: excluded from the page check below, and a strict xfail test
# proves they are still there — once the fix is merged it passes, fails as XPASS, and this entry
# must go. label-content-name-mismatch: the theme's search and colour-mode buttons (issue 18
# item 2, branch speed).
PENDING = {"label-content-name-mismatch"}


def axe_source() -> str:
    """axe-core's pinned build, or a failure saying how to install it."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} missing: run `make setup` (npm ci installs the "
                    "pinned axe-core of package-lock.json)")
    return AXE.read_text("utf-8")


def test_axe_is_the_pinned_version() -> None:
    """The axe-core that runs is the version package.json pins (npm ci, not a stale copy)."""
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]["axe-core"]
    installed = json.loads((AXE.parent / "package.json").read_text("utf-8"))["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), f"package.json: pin axe-core exactly: {pinned}"
    assert installed == pinned, f"node_modules has axe-core {installed}, package.json pins {pinned}"


def open_page(browser, url: str, mode: str = "light"):
    """Open ``url`` with the reader's system in ``mode`` (the theme follows it: its default mode
    is auto), with every figure scrolled into view and drawn by Plotly."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=mode)
    page = context.new_page()
    page.goto(url, wait_until="load")
    expect_theme(page, mode)
    figures = page.locator("div.jps-plotly")
    for index in range(figures.count()):
        figures.nth(index).scroll_into_view_if_needed()
        figures.nth(index).locator("svg.main-svg").first.wait_for(timeout=20_000)
    page.evaluate("window.scrollTo(0, 0)")
    return context, page


def expect_theme(page, mode: str) -> None:
    page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'",
                           timeout=5_000)


def switch_mode(page, mode: str) -> None:
    """Switch the reader's system colour scheme; the theme and the figures follow."""
    page.emulate_media(color_scheme=mode)
    expect_theme(page, mode)
    page.wait_for_timeout(300)  # the figures re-colour on the theme's attribute change


def axe_violations(page) -> list[dict]:
    """Serious and critical violations that axe-core finds on the open page."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:4]}"
            for v in violations]


@pytest.mark.parametrize("page_path", PAGES)
def test_axe_finds_no_serious_violation_in_light_or_dark_mode(browser, book_url: str,
                                                              page_path: str) -> None:
    context, page = open_page(browser, book_url + page_path, "light")
    try:
        for mode in ("light", "dark"):
            if mode == "dark":
                switch_mode(page, "dark")
            found = [v for v in axe_violations(page) if v["id"] not in PENDING]
            assert not found, f"{page_path} ({mode} mode): {describe(found)}"
    finally:
        context.close()


@pytest.mark.xfail(strict=True, reason="theme buttons: issue 18 item 2, fixed on branch speed")
def test_pending_violations_are_still_there(browser, book_url: str) -> None:
    """Fails (XPASS) once the pending fix is merged: then empty PENDING above."""
    context, page = open_page(browser, book_url + PAGES[0])
    try:
        assert not [v for v in axe_violations(page) if v["id"] in PENDING]
    finally:
        context.close()


# Per figure, from what Plotly holds after drawing (not from our JSON): the points of every trace
# the Data table lists (all but lines-only traces with hover off, which connect listed points),
# and the marks drawn for visible marker and bar traces.
PLOTTED = """div => div.data.map((t, i) => {
  const geo = t.type === 'scattergeo';
  const xs = (geo ? t.lon : t.x) || [], ys = (geo ? t.lat : t.y) || [];
  const n = Math.max(xs.length, ys.length);
  let points = 0;
  for (let k = 0; k < n; k++) {
    if ((xs.length ? xs[k] : k) != null && (ys.length ? ys[k] : k) != null) { points++; }
  }
  const listed = !(t.mode === 'lines' && t.hoverinfo === 'skip');
  return {name: t.name, listed, points, visible: t.visible === undefined || t.visible === true,
          marks: t.type === 'bar' || (t.mode || '').includes('markers')};
})"""
# Marks drawn in the SVG, by trace, for the same check.
DRAWN = """div => [...div.querySelectorAll('.scatterlayer .trace, .barlayer .trace, .geo .trace')]
  .filter(g => g.__data__ && g.__data__[0] && g.__data__[0].trace)
  .map(g => ({index: g.__data__[0].trace.index,
              marks: g.querySelectorAll('.points path, path.point, .point path').length}))"""

FIGURE_PAGES = [p for p in PAGES if "jps-plotly" in ((ROOT / "_build" / "html" / p).read_text(
    "utf-8") if (ROOT / "_build" / "html" / p).exists() else "jps-plotly")]


@pytest.mark.parametrize("page_path", FIGURE_PAGES)
def test_every_figure_has_a_text_alternative_and_its_data(browser, book_url: str,
                                                          page_path: str) -> None:
    """Each figure: a non-empty accessible name and description; a Data table with one row per
    plotted point (as Plotly holds and draws them); a CSV download with the same rows."""
    from playwright.sync_api import expect

    context, page = open_page(browser, book_url + page_path)
    try:
        figures = page.locator("div.jps-plotly")
        assert figures.count() > 0, f"{page_path}: no figure"
        compared = 0
        for index in range(figures.count()):
            figure = figures.nth(index)
            where = f"{page_path}, figure {index + 1}"
            expect(figure).to_have_accessible_name(re.compile(r"\w{3}"))
            expect(figure).to_have_accessible_description(re.compile(r"\w{3}.*\d"))
            traces = figure.evaluate(PLOTTED)
            table = figure.locator("xpath=following-sibling::details[1]//table")
            rows = table.locator("tbody tr").count()
            assert rows == sum(t["points"] for t in traces if t["listed"]), \
                f"{where}: the Data table has {rows} rows for {traces}"
            # The table's rows are the plotted values: series by series, as many as drawn.
            series = table.locator("tbody tr td:nth-child(1)").all_text_contents()
            for drawn in figure.evaluate(DRAWN):
                trace = traces[drawn["index"]]
                if trace["visible"] and trace["marks"] and trace["listed"] and trace["name"]:
                    compared += 1
                    assert drawn["marks"] == series.count(trace["name"]) == trace["points"], \
                        f"{where}: {trace['name']}: {drawn['marks']} marks drawn"
            link = figure.locator("xpath=following-sibling::details[1]//a[@download]")
            href = link.get_attribute("href")
            assert href.startswith("data:text/csv;charset=utf-8,"), f"{where}: {href[:40]}"
            records = list(csv.reader(io.StringIO(unquote(href.split(",", 1)[1]))))
            header = table.locator("thead th").all_text_contents()
            cells = table.locator("tbody tr").first.locator("td").all_text_contents()
            assert records[0] == header and records[1] == cells and len(records) == rows + 1, \
                f"{where}: the CSV differs from the table"
        assert compared, f"{page_path}: no drawn marks compared with the Data tables"
    finally:
        context.close()
