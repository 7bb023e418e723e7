"""The built book in a real browser (Debian's Chromium): every page loads with its figures drawn,
no JavaScript error, no request leaving 127.0.0.1 and no local file missing."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from conftest import ROOT
from playwright.sync_api import expect

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
    # Figures draw as they near the viewport (japansec-figures.js): bring each one there.
    for figure in page.locator("div.jps-plotly").all():
        figure.scroll_into_view_if_needed()
        page.wait_for_function("f => f.getAttribute('data-drawn')", arg=figure.element_handle(),
                               timeout=20_000)
    return page, errors, offsite, failed


def shown_figures(notebook: Path) -> tuple[int, int]:
    """(figures, explorers) a notebook puts on its page: code cells (not live-only, not
    print-only) whose last statement calls a chapter figure (``figures.name(...)``) or an
    explorer's ``.static()``."""
    figures = explorers = 0
    for cell in nbformat.read(notebook, as_version=4).cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type != "code" or "skip-execution" in tags or "print-only" in tags:
            continue
        body = ast.parse(cell.source).body
        last = body[-1] if body else None
        if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
                and isinstance(last.value.func, ast.Attribute)):
            continue
        func = last.value.func
        if func.attr == "static":
            explorers += 1
            figures += 1
        elif isinstance(func.value, ast.Name) and func.value.id == "figures":
            figures += 1
    return figures, explorers


EXPECTED = {f"{f}.html": shown_figures(ROOT / f"{f}.ipynb") if (ROOT / f"{f}.ipynb").exists()
            else (0, 0) for f in toc_files()}

# Data marks of one drawn figure (not axes, grid or the base map, which draw without any trace):
# points, bars, lines and text points of the data traces, for cartesian and geo subplots alike.
DATA_MARKS = (".scatterlayer .trace path.point, .scatterlayer .trace path.js-line, "
              ".scatterlayer .trace .textpoint, .barlayer .trace path")


def wait_drawn(page) -> None:
    page.wait_for_function("() => [...document.querySelectorAll('div.jps-plotly')]"
                           ".every(d => d.getAttribute('data-drawn'))", timeout=30_000)


def figure_json(page, figure) -> dict:
    """The figure's JSON as the page holds it (the script the loader draws from)."""
    ident = figure.get_attribute("id")
    return json.loads(page.locator(f'script.jps-plotly-data[data-for="{ident}"]')
                      .text_content())


@pytest.mark.parametrize("page_path", PAGES)
def test_page_draws_offline_and_accessibly(browser, book_url: str, page_path: str) -> None:
    """Every page: as many figures as its notebook shows, each drawing its data marks (on maps:
    one point per plotted place) and naming its source; no JavaScript error; no request left
    127.0.0.1 and none failed (accessibility: test_a11y.py)."""
    page, errors, offsite, failed = open_page(browser, book_url + page_path)
    try:
        figures = page.locator("div.jps-plotly")
        expected, explorers = EXPECTED[page_path]
        expect(figures).to_have_count(expected)
        expect(page.locator("form.jps-explorer")).to_have_count(explorers)
        if expected:
            wait_drawn(page)
        for index in range(expected):
            figure = figures.nth(index)
            marks = figure.locator(DATA_MARKS)
            assert marks.count() > 0, f"{page_path}: figure {index + 1} drew no data marks"
            if figure.locator(".geo").count():
                spec = figure_json(page, figure)
                points = sum(len(t.get("lat") or []) for t in spec["data"]
                             if "markers" in t.get("mode", "markers")
                             and t.get("visible", True) is True)
                expect(figure.locator(".geo .scatterlayer .trace path.point")).to_have_count(
                    points)
            expect(figure).to_contain_text("Source:")
        if page_path == "chapters/intro.html":  # the SIPRI chart: one bar a year, 1990-2024
            assert page.locator("div.jps-plotly .barlayer path").count() >= 30
        assert not errors, f"{page_path}: JavaScript console errors: {errors}"
        assert not offsite, f"{page_path}: requests left 127.0.0.1: {offsite}"
        assert not failed, f"{page_path}: failed requests: {failed}"
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
