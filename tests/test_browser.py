"""The built book in a real browser (Debian's Chromium): every page loads with its figures drawn and
accessible (the checks of test_a11y.py, in the same load), no JavaScript error, no request leaving
127.0.0.1 and no local file missing."""

from __future__ import annotations

import ast
import contextlib
import socket
import urllib.request
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, serve
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from test_a11y import check_accessible

from japansec.build.book import toc_files

pytestmark = pytest.mark.browser
PAGES = [f"{f}.html" for f in toc_files()]


def open_page(tab, url: str):
    """Open ``url`` in the tab and wait until every figure is drawn (each brought near the
    viewport, where japansec-figures.js draws it); return the page."""
    page = tab.open(url)
    for figure in page.locator("div.jps-plotly").all():
        figure.scroll_into_view_if_needed()
        wait_drawn(figure)
    return page


def wait_drawn(figure) -> None:
    """Wait until japansec-figures.js has drawn ``figure`` (a div.jps-plotly locator)."""
    figure.page.wait_for_function("f => f.getAttribute('data-drawn')",
                                  arg=figure.element_handle(), timeout=20_000)


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


# Per figure of the page, in one round trip: its data marks drawn; on a map, the points its JSON
# (the script the loader draws from) plots with markers and the points drawn; whether it names a
# source.
DRAWN_FIGURES = f"""() => [...document.querySelectorAll('div.jps-plotly')].map(div => {{
    const shown = {{marks: div.querySelectorAll('{DATA_MARKS}').length,
                   source: div.textContent.includes('Source:'), geo: null}};
    if (div.querySelector('.geo')) {{
        const spec = JSON.parse(document.querySelector(
            `script.jps-plotly-data[data-for="${{div.id}}"]`).textContent);
        shown.geo = {{
            plotted: spec.data.filter(t => (t.mode || 'markers').includes('markers')
                                          && (t.visible === undefined || t.visible === true))
                .reduce((n, t) => n + (t.lat || []).length, 0),
            drawn: div.querySelectorAll('.geo .scatterlayer .trace path.point').length}};
    }}
    return shown;
}})"""


# Per figure drawn on the page: an annotation (source lines, a line's label) or an element of
# ``selectors`` (titles, legend entries, axis labels) whose box reaches past the figure's edges;
# text beside points (an explorer's note, a step's label, a place on a map) cut off by the plot or
# map that clips it (where nothing clips it: past the figure's sides or below its plot); and a
# source line over a legend entry (1 px of anti-aliasing allowed).
TEXTS = ".gtitle, .legend .traces"
WITH_AXES = TEXTS + ", .ytick text"
TEXT_OUTSIDE = """selectors => [...document.querySelectorAll('div.jps-plotly[data-drawn]')]
.flatMap(div => {
  const edge = div.getBoundingClientRect(), problems = [], inside = 1;
  const sources = [...div.querySelectorAll('.annotation')]
    .filter(a => a.textContent.startsWith('Source:'));
  const texts = [...div.querySelectorAll(selectors), ...div.querySelectorAll('.annotation')];
  for (const text of texts) {
    const box = text.getBoundingClientRect();
    if (box.left < edge.left - inside || box.right > edge.right + inside ||
        box.top < edge.top - inside || box.bottom > edge.bottom + inside) {
      problems.push(`${div.id}: "${text.textContent.slice(0, 40)}…" reaches outside the figure`);
    }
  }
  for (const text of div.querySelectorAll('.textpoint text, .scattergeo text')) {
    // The clip path's rectangle, in the clipped group's coordinates, on the screen; unclipped,
    // the figure's sides, and from its top down to its plot's bottom edge (below it sit the axis
    // labels, the legend and the source line).
    const group = text.closest('[clip-path]');
    const id = group && /#([^"')]+)/.exec(group.getAttribute('clip-path'));
    const path = id && document.getElementById(id[1]);
    const rect = path && path.querySelector('rect');
    const subplot = text.closest('.subplot');
    const plot = subplot && div.querySelector(`.draglayer > g.${subplot.classList[1]} .nsewdrag`);
    let [left, right, top, bottom] = [edge.left, edge.right, edge.top,
                                      plot ? plot.getBoundingClientRect().bottom : edge.bottom];
    if (rect) {
      const x = Number(rect.getAttribute('x') || 0), y = Number(rect.getAttribute('y') || 0);
      const matrix = group.getScreenCTM();
      const corner = (cx, cy) => new DOMPoint(cx, cy).matrixTransform(matrix);
      const [near, far] = [corner(x, y), corner(x + Number(rect.getAttribute('width')),
                                               y + Number(rect.getAttribute('height')))];
      [left, right, top, bottom] = [near.x, far.x, near.y, far.y];
    }
    const box = text.getBoundingClientRect();
    if (box.width && (box.left < left - inside || box.right > right + inside)) {
      problems.push(`${div.id}: "${text.textContent.slice(0, 40)}…" is cut off at the side`);
    }
    if (box.height && (box.top < top - inside || box.bottom > bottom + inside)) {
      problems.push(`${div.id}: "${text.textContent.slice(0, 40)}…" runs past the top or ` +
                    'bottom of its plot');
    }
  }
  for (const source of sources) {
    const box = source.getBoundingClientRect();
    for (const entry of div.querySelectorAll('.legend .traces')) {
      const other = entry.getBoundingClientRect();
      if (box.left < other.right - inside && other.left < box.right - inside &&
          box.top < other.bottom - inside && other.top < box.bottom - inside) {
        problems.push(`${div.id}: the source line overlaps legend entry "${entry.textContent}"`);
      }
    }
  }
  return problems;
})"""


# Per figure drawn on the page: two texts (titles, legend entries, tick labels, axis titles,
# annotations, text beside points or in bars) whose boxes overlap by more than 1.5 px each way.
TEXTS_OVERLAP = """() => [...document.querySelectorAll('div.jps-plotly[data-drawn]')]
.flatMap(div => {
  const texts = [...div.querySelectorAll('.gtitle, .legend .traces, .xaxislayer-above text, ' +
      '.yaxislayer-above text, .infolayer g[class*="title"] text, .annotation-text-g, ' +
      '.textpoint text, .scattergeo text, .barlayer text')]
    .filter(text => text.textContent.trim())
    .map(text => [text, text.getBoundingClientRect()])
    .filter(([, box]) => box.width && box.height);
  const problems = [], slack = 1.5;
  texts.forEach(([a, p], i) => texts.slice(i + 1).forEach(([b, q]) => {
    if (a.contains(b) || b.contains(a)) { return; }
    const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
    const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
    if (across > slack && down > slack) {
      problems.push(`${div.id}: "${a.textContent.slice(0, 30)}" overlaps ` +
                    `"${b.textContent.slice(0, 30)}"`);
    }
  }));
  return problems;
})"""

# Per figure drawn on the page: a line of an explorer's summary (a text trace with meta "summary")
# that covers a data mark (a marker, a bar, a point every 2 px along a drawn line, a line the layout
# draws such as a threshold).
SUMMARY_OVER_DATA = """() => [...document.querySelectorAll('div.jps-plotly[data-drawn]')]
.flatMap(div => {
  const summaries = [...div.querySelectorAll('g.trace')].filter(g => {
    const d = g.__data__ && g.__data__[0];
    return d && d.trace && div.data[d.trace.index].meta === 'summary';
  }).flatMap(g => [...g.querySelectorAll('text')].flatMap(t => {
    const lines = [...t.querySelectorAll('tspan.line')];  // a text of several lines
    return lines.length ? lines : [t];
  })).filter(t => t.textContent.trim());
  if (!summaries.length) { return []; }
  const marks = [...div.querySelectorAll('.trace .points path, .trace path.point, ' +
                                         '.trace .point path, .shapelayer path')]
    .map(m => m.getBoundingClientRect()).filter(b => b.width + b.height > 0);
  const points = [...div.querySelectorAll('.trace path.js-line')].flatMap(line => {
    const length = line.getTotalLength(), matrix = line.getScreenCTM(), out = [];
    for (let at = 0; matrix && at <= length; at += 2) {
      out.push(line.getPointAtLength(at).matrixTransform(matrix));
    }
    return out;
  });
  return summaries.filter(text => {
    const b = text.getBoundingClientRect();
    return marks.some(m => m.left < b.right && m.right > b.left && m.top < b.bottom &&
                           m.bottom > b.top) ||
      points.some(p => p.x > b.left && p.x < b.right && p.y > b.top && p.y < b.bottom);
  }).map(text => `${div.id}: the summary "${text.textContent.slice(0, 40)}" covers the data`);
})"""


def check_drawn(page, page_path: str) -> None:
    """On a page opened with open_page (every figure drawn): as many figures as the page's notebook
    shows, each drawing its data marks (on maps: one point per plotted place) and naming its
    source; no text past a figure's edges or cut off (TEXT_OUTSIDE), no two texts over each other
    (TEXTS_OVERLAP) and no explorer's summary over the data (SUMMARY_OVER_DATA), here at desktop
    width."""
    figures = page.locator("div.jps-plotly")
    expected, explorers = EXPECTED[page_path]
    expect(figures).to_have_count(expected)
    expect(page.locator("form.jps-explorer")).to_have_count(explorers)
    for index, shown in enumerate(page.evaluate(DRAWN_FIGURES), start=1):
        assert shown["marks"] > 0, f"{page_path}: figure {index} drew no data marks"
        if shown["geo"]:
            assert shown["geo"]["drawn"] == shown["geo"]["plotted"], \
                f"{page_path}: map {index} drew {shown['geo']} points"
        assert shown["source"], f"{page_path}: figure {index} names no source"
    outside = page.evaluate(TEXT_OUTSIDE, WITH_AXES)
    assert not outside, f"{page_path}: {outside}"
    overlapping = page.evaluate(TEXTS_OVERLAP)
    assert not overlapping, f"{page_path}: {overlapping}"
    covering = page.evaluate(SUMMARY_OVER_DATA)
    assert not covering, f"{page_path}: {covering}"
    if page_path == "chapters/intro.html":  # the SIPRI chart: one bar a year, 1990-2024
        assert page.locator("div.jps-plotly .barlayer path").count() >= 30


@pytest.mark.long(4)
@pytest.mark.parametrize("page_path", PAGES)
def test_page_draws_offline_and_accessibly(tab, book_url: str, page_path: str) -> None:
    """Every page, in one load (the checks are slow): its figures drawn (check_drawn) and
    accessible in light and dark mode (test_a11y.check_accessible); no JavaScript error; no
    request left 127.0.0.1 and none failed, all the while."""
    page = open_page(tab, book_url + page_path)
    check_drawn(page, page_path)
    check_accessible(page, page_path)
    # The page's first quiet half-second on the network (as a rule long reached): what the page
    # loaded by then has succeeded or failed. (Later requests are recorded as they end.)
    page.wait_for_load_state("networkidle")
    assert not tab.errors, f"{page_path}: JavaScript console errors: {tab.errors}"
    assert not tab.offsite, f"{page_path}: requests left 127.0.0.1: {tab.offsite}"
    assert not tab.failed, f"{page_path}: failed requests: {tab.failed}"


def test_the_pages_show_figures_and_explorers() -> None:
    """The notebooks put figures and explorers on the pages: the per-page counts above would also
    pass on a book that had lost every one."""
    assert sum(figures for figures, _ in EXPECTED.values()) > 0
    assert sum(explorers for _, explorers in EXPECTED.values()) > 0


def test_figures_follow_dark_mode(tab, book_url: str) -> None:
    """Switching the theme to dark re-colours the figures (dark paper, light text)."""
    page = open_page(tab, book_url + "chapters/intro.html")
    light = page.evaluate("() => document.querySelector('div.jps-plotly')"
                          "._fullLayout.paper_bgcolor")
    page.evaluate("() => document.documentElement.setAttribute('data-theme', 'dark')")
    with contextlib.suppress(PlaywrightTimeout):  # if not, the assertion says what it is
        page.wait_for_function("() => document.querySelector('div.jps-plotly')"
                               "._fullLayout.paper_bgcolor !== '#ffffff'", timeout=5000)
    dark = page.evaluate("() => [document.querySelector('div.jps-plotly')"
                         "._fullLayout.paper_bgcolor, document.querySelector("
                         "'div.jps-plotly')._fullLayout.font.color]")
    assert light == "#ffffff" and dark == ["#1e1e1e", "#e6e6e6"]


def outward_address() -> str:
    """This machine's address on its network (what it would send from towards the internet)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the route
        except OSError as error:
            pytest.fail(f"no network route, so no address to test the offline rule with: {error}")
        return probe.getsockname()[0]


def test_the_test_browser_is_offline(tab, book_url: str, tmp_path: Path) -> None:
    """What the browser tests call offline is: a request outside 127.0.0.1, from the page or from
    a worker, is refused (conftest.OFFLINE) and recorded; the book itself loads. The request goes
    to a server on this machine's own network address, which Python reaches, so that only the
    browser's rule can refuse it."""
    address = outward_address()
    assert not address.startswith("127."), "no network address to test the offline rule with"
    (tmp_path / "here.txt").write_text("here", encoding="utf-8")
    with serve(tmp_path, host=address) as outside:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        assert opener.open(outside + "here.txt", timeout=10).read() == b"here"
        page = tab.open(book_url + "chapters/glossary.html")
        outcome = page.evaluate("""async url => {
            const get = "fetch(url, {mode: 'no-cors'}).then(() => 'fetched', () => 'refused')";
            const worker = new Worker(URL.createObjectURL(new Blob([
                `const url = ${JSON.stringify(url + '?worker')}; ${get}.then(postMessage)`])));
            const fromWorker = await new Promise(done => { worker.onmessage = e => done(e.data); });
            const fromPage = await eval(get);
            return [fromPage, fromWorker]; }""", outside + "here.txt")
    assert outcome == ["refused", "refused"]
    assert sorted(tab.offsite) == [outside + "here.txt", outside + "here.txt?worker"]


def test_the_tab_forgets_what_a_page_stored(tab, book_url: str) -> None:
    """The shared tab, reset, keeps nothing a page stored: a colour mode chosen on one test's page
    does not carry into the next test."""
    page = tab.open(book_url + "chapters/glossary.html")
    page.evaluate("localStorage.setItem('mode', 'dark')")
    page.reload(wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    tab.reset()
    page = tab.open(book_url + "chapters/glossary.html")
    assert page.evaluate("localStorage.getItem('mode')") in (None, "auto")  # the theme's default
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
