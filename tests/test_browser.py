"""The built book in a real browser (Debian's Chromium): every page loads with its figures drawn,
no JavaScript error, no request leaving 127.0.0.1 and no local file missing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from japansec.build.book import toc_files

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]


def open_page(browser, url: str) -> tuple[object, list[str], list[str], list[str]]:
    """Open ``url``; return the page, console errors, off-site requests and failed requests."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    offsite: list[str] = []
    failed: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: offsite.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not
            r.url.startswith(("data:", "blob:", "about:")) else None)
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, errors, offsite, failed


def axe_script() -> str:
    """axe-core, as built in the axe-playwright-python package (pinned in requirements.txt)."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


@pytest.mark.parametrize("page_path", PAGES)
def test_page_draws_offline_and_accessibly(browser, book_url: str, page_path: str) -> None:
    """Every page: each Plotly figure drew its marks and names its source; no JavaScript error;
    no request left 127.0.0.1 and none failed; axe-core finds no serious or critical violation."""
    page, errors, offsite, failed = open_page(browser, book_url + page_path)
    try:
        figures = page.locator("div.jps-plotly")
        count = figures.count()
        if count:
            page.wait_for_function(
                "() => [...document.querySelectorAll('div.jps-plotly')]"
                ".every(d => d.getAttribute('data-drawn'))", timeout=20_000)
        for index in range(count):
            figure = figures.nth(index)
            marks = figure.locator("svg.main-svg .plot path, svg.main-svg .geo path, "
                                   "svg.main-svg .scatterlayer path, svg.main-svg .barlayer path")
            assert marks.count() > 0, f"{page_path}: figure {index + 1} drew no marks"
            assert "Source:" in (figure.text_content() or ""), \
                f"{page_path}: figure {index + 1} names no source on the chart"
        if page_path == "chapters/intro.html":  # the SIPRI chart: one bar a year, 1990-2024
            assert page.locator("div.jps-plotly .barlayer path").count() >= 30
        assert not errors, f"{page_path}: JavaScript console errors: {errors}"
        assert not offsite, f"{page_path}: requests left 127.0.0.1: {offsite}"
        assert not failed, f"{page_path}: failed requests: {failed}"
        page.evaluate(axe_script())
        result = page.evaluate("async () => await axe.run(document, "
                               "{resultTypes: ['violations']})")
        serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, f"{page_path}: accessibility: {serious}"
    finally:
        page.close()


def test_static_explorer_slider_changes_the_figure(browser, book_url: str) -> None:
    """Click the budget explorer's own slider (no kernel): the bars it draws must change."""
    page, errors, *_ = open_page(browser, book_url + "chapters/money.html")
    try:
        page.wait_for_function("() => [...document.querySelectorAll('div.jps-plotly')]"
                               ".every(d => d.getAttribute('data-drawn'))", timeout=20_000)
        explorer = page.locator("div.jps-plotly", has=page.locator(".slider-container")).last
        explorer.scroll_into_view_if_needed()
        bars = explorer.locator(".barlayer path")
        before = [bars.nth(i).get_attribute("d") for i in range(bars.count())]
        rail = explorer.locator(".slider-rail-touch-rect").first.bounding_box()
        page.mouse.click(rail["x"] + rail["width"] - 3, rail["y"] + rail["height"] / 2)
        page.wait_for_timeout(500)
        after = [bars.nth(i).get_attribute("d") for i in range(bars.count())]
        assert before and after != before, "moving the static slider changed no bar"
        label = explorer.locator(".slider-container text.slider-label").first.text_content()
        assert label.strip().endswith("15"), label
        # The menu switches the yardstick (GDP of the 2022 strategy / each year's GDP): the share
        # line must move too.
        line = explorer.locator(".scatterlayer .js-line").first
        shown = line.get_attribute("d")
        explorer.locator(".updatemenu-header-group").click()
        explorer.locator(".updatemenu-item-text", has_text="Each year's GDP").click()
        page.wait_for_timeout(500)
        assert line.get_attribute("d") != shown, "the yardstick menu changed nothing"
        assert not errors, errors
    finally:
        page.close()


def test_figures_follow_dark_mode(browser, book_url: str) -> None:
    """Switching the theme to dark re-colours the figures (dark paper, light text)."""
    page, *_ = open_page(browser, book_url + "chapters/intro.html")
    try:
        page.wait_for_selector("div.jps-plotly[data-drawn]")
        light = page.evaluate("() => document.querySelector('div.jps-plotly')"
                              "._fullLayout.paper_bgcolor")
        page.evaluate("() => document.documentElement.setAttribute('data-theme', 'dark')")
        page.wait_for_timeout(300)
        dark = page.evaluate("() => [document.querySelector('div.jps-plotly')"
                             "._fullLayout.paper_bgcolor, document.querySelector("
                             "'div.jps-plotly')._fullLayout.font.color]")
        assert light == "#ffffff" and dark == ["#1e1e1e", "#e6e6e6"]
    finally:
        page.close()
