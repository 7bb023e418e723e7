"""Page speed budgets that do not depend on the machine's speed (issue 16), in Debian's Chromium
with a phone-sized viewport, on the built book served compressed as a static host serves it:

- what a page transfers before the reader scrolls or interacts stays within 500 KB;
- no figure script (plotly.js, a figure's drawing) runs before the first paint, figures draw as
  they near the viewport, into space reserved for them (nothing shifts), and at phone width each
  figure's title and source line stay inside it, the source line clear of the legend;
- the theme's icons are inline SVG (no Font Awesome script) and its buttons are named by their
  visible text (WCAG 2.5.3).

Timings (Lighthouse: FCP, LCP, TBT) vary with the machine: `make bench` measures those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import DESKTOP, PHONE
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from test_browser import (
    EXPECTED,
    SUMMARY_OVER_DATA,
    TEXT_OUTSIDE,
    TEXTS,
    TEXTS_OVERLAP,
    WITH_AXES,
    wait_drawn,
)

from japansec.build.book import toc_files
from japansec.build.serve import serving

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]
BUDGET_KB = 500
NARROW = {"width": 360, "height": 740}  # a small phone


@pytest.fixture(scope="module")
def compressed_url(built_book) -> Iterator[str]:
    """The built book served compressed (precompressed .br/.gz siblings, else gzip on the fly)."""
    with serving(built_book) as url:
        yield url


def open_phone(tab, url: str):
    """Open ``url`` in the tab at phone size as a first visit (the browser's cache off: every
    file comes over the network), until the network is idle; return the page and the bytes
    transferred, by URL. Idle is Playwright's networkidle: the load's first half-second with no
    request open, reached once per load (a second wait returns at once). The figure loader's
    requests start a frame after the load event, so they fall before it."""
    page = tab.page
    page.set_viewport_size(PHONE)
    cdp = tab.devtools()
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    transferred: dict[str, int] = {}
    cdp.on("Network.responseReceived",
           lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: transferred.__setitem__(
        urls.get(e["requestId"], e["requestId"]), e["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, transferred


@pytest.mark.parametrize("page_path", PAGES)
def test_first_visit_within_budget_and_figures_draw_after_first_paint(tab, compressed_url: str,
                                                                      page_path: str) -> None:
    """A first visit on a phone, one load per page: everything the page transfers until it is
    idle, before any scroll or input, within 500 KB; on a page with figures, those checks of
    check_figures_draw_on_approach."""
    page, transferred = open_phone(tab, compressed_url + page_path)
    total_kb = sum(transferred.values()) / 1024
    largest = sorted(transferred.items(), key=lambda kv: -kv[1])[:5]
    assert total_kb <= BUDGET_KB, (
        f"{page_path}: {total_kb:.0f} KB before interaction (budget {BUDGET_KB} KB); "
        f"largest: {[(u.rsplit('/', 1)[-1], round(n / 1024)) for u, n in largest]}")
    assert not [u for u in transferred if "webfonts" in u], f"{page_path}: an icon font"
    assert not any("fontawesome.js" in url for url in transferred), \
        f"{page_path}: still loads Font Awesome's script"
    expected_figures, _ = EXPECTED[page_path]  # as many as the page's notebook shows
    if expected_figures:
        expect(page.locator("div.jps-plotly")).to_have_count(expected_figures)
        check_figures_draw_on_approach(page, page_path)


def check_figures_draw_on_approach(page, page_path: str) -> None:
    """plotly.js is requested and the first figure drawn only after the first contentful paint;
    a figure far below the fold is not drawn at load, draws when scrolled to, and keeps the
    height reserved for it; drawn, the figures keep their text inside them on a phone and on a
    smaller phone, and on a phone no two texts overlap and no explorer's summary covers the
    data."""
    last = page.locator("div.jps-plotly").last
    reserved = last.bounding_box()["height"]
    below = last.bounding_box()["y"] > 2 * PHONE["height"]
    if below:
        assert last.get_attribute("data-drawn") is None, \
            f"{page_path}: a figure far below the fold was drawn at load"
    last.scroll_into_view_if_needed()
    wait_drawn(last)
    assert last.bounding_box()["height"] == pytest.approx(reserved, abs=1), \
        f"{page_path}: the figure's height changed when it drew (layout shift)"
    times = page.evaluate("""() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
        plotly: performance.getEntriesByType('resource')
            .filter(e => e.name.includes('plotly')).map(e => e.startTime),
        draw: performance.getEntriesByName('japansec:draw').map(e => e.startTime)})""")
    assert times["plotly"] and times["draw"], f"{page_path}: {times}"
    assert min(times["plotly"]) > times["fcp"], \
        f"{page_path}: plotly.js requested before the first paint: {times}"
    assert min(times["draw"]) > times["fcp"], \
        f"{page_path}: a figure was drawn before the first paint: {times}"
    page.evaluate("() => window.japansecFigures.drawAll()")
    assert not page.evaluate(TEXT_OUTSIDE, WITH_AXES), \
        f"{page_path}: {page.evaluate(TEXT_OUTSIDE, WITH_AXES)}"
    assert not page.evaluate(TEXTS_OVERLAP), f"{page_path}: {page.evaluate(TEXTS_OVERLAP)}"
    assert not page.evaluate(SUMMARY_OVER_DATA), \
        f"{page_path}: {page.evaluate(SUMMARY_OVER_DATA)}"
    # A smaller phone: the figures fit their text again (the polls' two-line bar labels take
    # more than the figure has room for, so not the axis labels there).
    page.set_viewport_size(NARROW)
    try:
        page.wait_for_function(f"s => ({TEXT_OUTSIDE})(s).length === 0", arg=TEXTS,
                               timeout=10_000)
    except PlaywrightTimeout:
        pytest.fail(f"{page_path} at {NARROW['width']} px: {page.evaluate(TEXT_OUTSIDE, TEXTS)}")


def test_theme_icons_inline_and_buttons_named_by_their_text(tab, compressed_url: str) -> None:
    """Icons are inline SVG; the search button's accessible name contains its visible label
    ("Search Ctrl+K"); no colour-mode icon carries a name of its own."""
    page, transferred = open_phone(tab, compressed_url + "chapters/glossary.html")
    page.set_viewport_size(DESKTOP)  # the search field shows its label
    assert page.locator("svg.svg-inline--fa").count() > 5
    assert page.locator("i[class*='fa-']").count() == 0
    assert not [u for u in transferred if "webfonts" in u], "an icon font was downloaded"
    search = page.locator("button.search-button-field").first
    label = " ".join(search.inner_text().split())
    assert re.fullmatch(r"Search Ctrl\s*\+\s*K", label), label
    assert page.get_by_role("button", name=re.compile(r"^Search Ctrl\s*\+\s*K")).count() >= 1
    switch = page.locator("button.theme-switch-button").first
    assert switch.get_attribute("aria-label") == "Color mode"
    assert switch.locator("[title], title").count() == 0, "colour-mode icons carry names"
    # Dark mode still switches: the icon for the new mode shows.
    switch.click()
    assert page.evaluate("document.documentElement.dataset.mode") in ("light", "dark", "auto")


STYLE_SNAPSHOT = """() => {
    // Each element's box on the page and the computed properties that decide how it looks (for
    // it and its ::before/::after), one string per element; not inside the figures' SVG, which
    // Plotly styles itself. Transitions are off, so that what is compared is each element's final
    // style, not a colour half-way through a change. (All ~380 properties of ~6,000 elements take
    // minutes; the box catches what the others would change in the layout.) Of a table's body,
    // the first two rows and the last: the sheets reach a row by its place only as odd, even,
    // first or last, and the figures' data tables, thousands of rows, would otherwise take most
    // of the time.
    const props = ['display', 'position', 'visibility', 'opacity', 'color', 'background-color',
        'background-image', 'font-family', 'font-size', 'font-weight', 'font-style',
        'line-height', 'text-align', 'text-decoration-line', 'text-transform', 'white-space',
        'border-top-width', 'border-top-style', 'border-top-color', 'border-left-width',
        'border-left-color', 'border-radius', 'box-shadow', 'outline-style', 'cursor',
        'overflow-x', 'z-index', 'content', 'mask-image', 'list-style-type', 'fill'];
    const off = document.createElement('style');
    off.textContent = '*, ::before, ::after { transition: none !important; '
                      + 'animation: none !important }';
    document.head.append(off);
    const out = [];
    const rest = 'tbody > tr:nth-child(n+3):not(:last-child)';
    const elements = document.querySelectorAll(`body *:not(svg *, ${rest}, ${rest} *)`);
    for (const [i, el] of [...elements].entries()) {
        const box = el.getBoundingClientRect();
        const parts = [`${i} ${el.tagName}.${el.getAttribute('class') || ''}`,
                       [box.x, box.y, box.width, box.height].map(Math.round).join(',')];
        for (const pseudo of [null, '::before', '::after']) {
            const cs = getComputedStyle(el, pseudo);
            if (pseudo && (cs.content === 'none' || cs.content === 'normal')) continue;
            parts.push((pseudo || '') + props.map(p => p + ':' + cs.getPropertyValue(p)).join(';'));
        }
        out.push(parts.join(' '));
    }
    off.remove();
    return out;
}"""

UNBUNDLE = """async () => {
    // Link the original stylesheets the bundle was made from, in order, in place of the bundle.
    const bundle = document.querySelector('link[data-japansec-bundles]');
    const base = new URL('.', bundle.href);
    const loads = bundle.dataset.japansecBundles.split(' ').map(name => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = new URL(name, base).href;
        const loaded = new Promise((ok, fail) => { link.onload = ok; link.onerror = fail; });
        bundle.before(link);
        return loaded;
    });
    await Promise.all(loads);
    bundle.remove();
}"""

# The snapshot with the bundle, then with the originals, compared in the page (each snapshot is
# megabytes of text): how many elements each has, how many differ and the first that does.
COMPARE_STYLES = f"""async () => {{
    const bundled = ({STYLE_SNAPSHOT})();
    await ({UNBUNDLE})();
    const original = ({STYLE_SNAPSHOT})();
    const differ = bundled.map((b, i) => [b, original[i]]).filter(([b, o]) => b !== o);
    return {{bundled: bundled.length, original: original.length, differ: differ.length,
             first: differ[0] || null}};
}}"""

STYLE_PAGES = ["chapters/money.html", "chapters/data-sources.html", "chapters/check-claims.html",
               "chapters/instructor-guide.html", "search.html"]


@pytest.mark.parametrize("page_path", STYLE_PAGES)
def test_stylesheet_bundle_styles_every_element_as_the_originals(tab, compressed_url: str,
                                                               page_path: str) -> None:
    """The purged one-file stylesheet (``japansec.build.css_bundle``) gives every element the
    computed style the theme's original stylesheets give it: light mode on a phone, dark mode on a
    desktop (the purge reads selectors, not modes or widths: the two cover the rules of each mode
    and each side of the theme's width breakpoints)."""
    page = tab.open(compressed_url + "_static/favicon.svg")  # the lightest page of the origin
    for viewport, mode in ((PHONE, "light"), (DESKTOP, "dark")):
        page.set_viewport_size(viewport)
        page.evaluate(f"localStorage.setItem('mode', '{mode}')")  # as the theme's switch keeps it
        page.goto(compressed_url + page_path, wait_until="load")
        assert page.locator("link[rel=stylesheet]").count() == 1, \
            f"{page_path}: more than one stylesheet linked"
        compared = page.evaluate(COMPARE_STYLES)
        assert compared["bundled"] == compared["original"] > 100, compared
        detail = ""
        if compared["first"]:
            b, o = compared["first"]
            b_props, o_props = set(b.split(";")), set(o.split(";"))
            detail = (f"first: {b.split(' ', 2)[1]}: bundle {sorted(b_props - o_props)[:4]}"
                      f" originals {sorted(o_props - b_props)[:4]}")
        assert not compared["differ"], (f"{page_path} ({mode}, {viewport['width']} px): "
                                        f"{compared['differ']} elements styled differently; "
                                        f"{detail}")


def test_search_from_a_chapter_finds_pages(tab, compressed_url: str) -> None:
    """The search scripts and index load only on the search page; searching from a chapter's
    search box still lands there and lists the pages that hold the word."""
    page, transferred = open_phone(tab, compressed_url + "chapters/glossary.html")
    assert not [u for u in transferred if "searchindex" in u or "searchtools" in u]
    page.set_viewport_size(DESKTOP)
    page.keyboard.press("Control+k")
    box = page.locator("#pst-search-dialog input[name=q]")
    box.fill("Tomahawk")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=Tomahawk*")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    found = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("missiles.html" in href for href in found), found


@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]])
def test_sidebar_buttons_open_the_sidebars(tab, compressed_url: str, width: int) -> None:
    """The visible sidebar buttons work: on a phone the navigation button opens the book's
    navigation and the contents button the page's contents (as dialogs); on a desktop the
    navigation button hides the left sidebar."""
    tab.page.set_viewport_size({"width": width, "height": 823})
    page = tab.open(compressed_url + "chapters/risk.html")
    page.locator("button.primary-toggle:visible").click()
    if width < 992:
        dialog = page.locator("dialog#pst-primary-sidebar-modal")
        expect_open(dialog)
        assert dialog.get_by_role("link", name=re.compile("Missiles and reach")).is_visible()
        page.keyboard.press("Escape")
        page.locator("button.secondary-toggle:visible").click()
        dialog = page.locator("dialog#pst-secondary-sidebar-modal")
        expect_open(dialog)
        assert dialog.get_by_role("link", name="Overview").is_visible()
    else:
        # The theme slides the sidebar out (a short transition), then hides it.
        sidebar = page.locator("#pst-primary-sidebar")
        page.wait_for_function("s => s.classList.contains('pst-sidebar-hidden') && "
                               "getComputedStyle(s).visibility === 'hidden'",
                               arg=sidebar.element_handle(), timeout=5000)


def expect_open(dialog) -> None:
    dialog.page.wait_for_function("d => d.open", arg=dialog.element_handle(), timeout=5000)
