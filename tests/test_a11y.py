"""Accessibility of the built book in Debian's Chromium (issue 18): the checks that
``test_browser.test_page_draws_offline_and_accessibly`` runs on every page, in the same load as its
drawing checks (a page load with every figure drawn is most of a check's cost).

- axe-core from the npm registry, pinned in package.json / package-lock.json and installed by
  `make setup` (npm ci), runs on every page in light and in dark mode (there, the rules that
  colours decide, or all of them if more than colours changed): no serious or critical
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
from conftest import ROOT
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_source() -> str:
    """axe-core's pinned build, or a failure saying how to install it."""
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} missing: run `make setup` (npm ci installs the "
                    "pinned axe-core of package-lock.json)")
    return AXE.read_text("utf-8")


def test_axe_is_the_pinned_version() -> None:
    """The axe-core that runs is the version package.json pins (npm ci, not a stale copy)."""
    package = json.loads((ROOT / "package.json").read_text("utf-8"))
    pinned = (package.get("dependencies", {}) | package.get("devDependencies", {}))["axe-core"]
    installed = json.loads((AXE.parent / "package.json").read_text("utf-8"))["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), f"package.json: pin axe-core exactly: {pinned}"
    assert installed == pinned, f"node_modules has axe-core {installed}, package.json pins {pinned}"


def expect_theme(page, mode: str) -> None:
    page.wait_for_function(f"document.documentElement.dataset.theme === '{mode}'",
                           timeout=20_000)


# Each drawn figure's paper colour, as the page shows it.
PAPERS = """() => [...document.querySelectorAll('div.jps-plotly[data-drawn]')]
    .map(div => getComputedStyle(div.querySelector('svg.main-svg')).backgroundColor)"""


def switch_mode(page, mode: str) -> None:
    """Switch the reader's system colour scheme; the theme and the figures follow. Colour
    transitions are switched off first, so that axe measures the new mode, not a fade into it."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    papers = page.evaluate(PAPERS)
    page.emulate_media(color_scheme=mode)
    expect_theme(page, mode)
    # The figures re-colour on the theme's attribute change: every paper changes, then the next
    # frame is drawn.
    try:
        page.wait_for_function(f"before => ({PAPERS})().every((c, i) => c !== before[i])",
                               arg=papers, timeout=10_000)
    except PlaywrightTimeout:
        pytest.fail(f"{page.url}: figures kept their paper in {mode} mode: {papers} -> "
                    f"{page.evaluate(PAPERS)}")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                  "requestAnimationFrame(done)))")


# The tables of the figures' closed "Data" disclosures: hidden, so axe checks nothing in them
# (test_axe_checks_nothing_in_a_closed_data_table), yet it walks each of their elements at every
# run; on the money page they are 5,300 of the page's 6,200 elements and half of axe's time. Not a
# table holding an id, which something outside might refer to (axe's rules on ids read hidden
# content too).
CLOSED_TABLES = "details.jps-figure-data:not([open]) table"
# axe run on the page with those tables set aside: each swapped for an empty placeholder and put
# back in its place afterwards (also when axe fails). The theme's debounced observer of the page
# (it sets the tabindex of scrollable blocks) sees both changes and sets the same values again.
AXE_RUN = f"""async options => {{
    const aside = [...document.querySelectorAll('{CLOSED_TABLES}')]
        .filter(table => !table.id && !table.querySelector('[id]'))
        .map(table => {{
            const place = document.createComment('set aside for axe');
            table.replaceWith(place);
            return [table, place];
        }});
    try {{ return await axe.run(document, options); }}
    finally {{ aside.forEach(([table, place]) => place.replaceWith(table)); }}
}}"""


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """Serious and critical violations that axe-core finds on the open page (with ``rules``,
    those rules only)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate(AXE_RUN, options)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


# The axe rules whose outcome depends on colours (axe-core 4.14 has one more, color-contrast-
# enhanced, off by default): all that a switch to dark mode can change while the page's elements,
# their attributes (but inline style), texts and visibility stay as they were.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Each element of the page's body, in order: its tag, attributes but style, text (if it holds no
# element) and whether it is shown (axe checks what is shown).
PAGE_STATE = """() => [...document.body.querySelectorAll('*')].map(e => [e.tagName,
    ...[...e.attributes].filter(a => a.name !== 'style').map(a => `${a.name}=${a.value}`),
    e.childElementCount ? '' : e.textContent,
    e.checkVisibility({visibilityProperty: true, opacityProperty: true}) ? 'shown' : 'hidden',
  ].join(' '))"""
REMEMBER_PAGE = f"() => {{ window.jpsPageBefore = ({PAGE_STATE})(); }}"
# Whether anything differs from the remembered state.
CHANGED_SINCE = f"""() => {{
    const before = window.jpsPageBefore, now = ({PAGE_STATE})();
    return now.length !== before.length || now.some((state, i) => state !== before[i]);
}}"""


def dark_mode_rules(page) -> list[str] | None:
    """The axe rules to run after the switch to dark mode (REMEMBER_PAGE before it): the colour
    rules where only colours changed, else all (None)."""
    return None if page.evaluate(CHANGED_SINCE) else COLOUR_RULES


def describe(violations: list[dict]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']}: {[n['target'] for n in v['nodes']][:4]}"
            for v in violations]


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

# The entry of a menu that switches traces on and off, as the figure shows it (or null).
ACTIVE_VIEW = """div => { const menu = (div.layout.updatemenus || []).find(m => m.buttons.some(
  b => b.args && b.args[0] && 'visible' in b.args[0]));
  return menu ? menu.buttons[menu.active || 0].label : null; }"""


# Per figure, in one round trip: what PLOTTED, DRAWN and ACTIVE_VIEW find, and the tables and CSV
# links of the figure's "Data" disclosure (the next <details> after it): each table's header and
# cells (null where it lacks a head or body), each link's address.
FIGURE_AND_TABLE = f"""div => {{
  let details = div.nextElementSibling;
  while (details && details.tagName !== 'DETAILS') {{ details = details.nextElementSibling; }}
  const all = selector => details ? [...details.querySelectorAll(selector)] : [];
  return {{traces: ({PLOTTED})(div), drawn: ({DRAWN})(div), view: ({ACTIVE_VIEW})(div),
          tables: all('table').map(t => t.tHead && t.tBodies[0] ? {{
            header: [...t.tHead.querySelectorAll('th')].map(th => th.textContent),
            cells: [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent))}}
            : null),
          links: all('a[download]').map(a => a.getAttribute('href'))}};
}}"""


def check_text_alternatives(page, page_path: str) -> None:
    """Each figure: a non-empty accessible name and description; a Data table with one row per
    plotted point (as Plotly holds and draws them); a CSV download with the same rows."""
    from playwright.sync_api import expect

    figures = page.locator("div.jps-plotly")
    compared = 0
    for index in range(figures.count()):
        figure = figures.nth(index)
        where = f"{page_path}, figure {index + 1}"
        expect(figure).to_have_accessible_name(re.compile(r"\w{3}"))
        expect(figure).to_have_accessible_description(re.compile(r"\w{3}.*\d"))
        found = figure.evaluate(FIGURE_AND_TABLE)
        assert len(found["tables"]) == len(found["links"]) == 1 and found["tables"][0], \
            f"{where}: the Data disclosure needs one table (head and body) and one CSV link"
        traces, (table,), (href,) = found["traces"], found["tables"], found["links"]
        header, cells = table["header"], table["cells"]
        assert len(cells) == sum(t["points"] for t in traces if t["listed"]), \
            f"{where}: the Data table has {len(cells)} rows for {traces}"
        # The table's rows are the plotted values: series by series, as many as drawn (in
        # the view the figure's menu shows, where a menu switches traces).
        shown = [r[header.index("Series")] for r in cells
                 if "View" not in header or r[header.index("View")] == found["view"]]
        for drawn in found["drawn"]:
            trace = traces[drawn["index"]]
            if trace["visible"] and trace["marks"] and trace["listed"] and trace["name"]:
                compared += 1
                assert drawn["marks"] == shown.count(trace["name"]) == trace["points"], \
                    f"{where}: {trace['name']}: {drawn['marks']} marks drawn"
        assert href.startswith("data:text/csv;charset=utf-8,"), f"{where}: {href[:40]}"
        records = list(csv.reader(io.StringIO(unquote(href.split(",", 1)[1]))))
        assert records[0] == header and records[1:] == cells, \
            f"{where}: the CSV differs from the table"
    assert compared, f"{page_path}: no drawn marks compared with the Data tables"


# Contrast of what Plotly drew, from computed styles (WCAG 2.2: text 4.5:1, marks 3:1). Text sits
# on the paper, on a control's face (menus), on a marker (the game's cells) or on the map (land and
# sea: both must pass); marks sit on the paper or on the map. A mark passes by its fill or by its
# outline. Returns the failures.
CONTRAST = """div => {
  const rgb = s => { const m = /rgba?\\(([^)]+)\\)/.exec(s || '');
    if (!m) { return null; } const p = m[1].split(',').map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const over = (c, bg, alpha) => ({r: c.r * alpha + bg.r * (1 - alpha),
    g: c.g * alpha + bg.g * (1 - alpha), b: c.b * alpha + bg.b * (1 - alpha)});
  const ratio = (c, alpha, bg) => { const [x, y] = [lum(over(c, bg, alpha)), lum(bg)]
    .sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const style = e => getComputedStyle(e);
  const alphaOf = (e, kind) => { const s = style(e);
    let alpha = Number(s[kind + 'Opacity'] || 1) * (rgb(s[kind]) || {a: 1}).a;
    for (let n = e; n && n !== div; n = n.parentElement) { alpha *= Number(style(n).opacity); }
    return alpha; };
  const shown = e => { for (let n = e; n && n !== div; n = n.parentElement) {
    const s = style(n); if (s.display === 'none' || s.visibility === 'hidden' ||
      Number(s.opacity) === 0) { return false; } } return true; };
  const svg = div.querySelector('svg.main-svg');
  const paper = rgb(style(svg).backgroundColor);
  const fills = sel => [...div.querySelectorAll(sel)].map(e => rgb(style(e).fill)).filter(Boolean);
  const map = [...fills('.geo .layer.land path'), ...fills('.geo .layer.ocean path')];
  const failures = [];
  const centre = b => ({x: b.x + b.width / 2, y: b.y + b.height / 2});
  const inside = (p, b) => p.x >= b.x && p.x <= b.x + b.width &&
    p.y >= b.y && p.y <= b.y + b.height;
  div.querySelectorAll('svg text').forEach(t => {
    if (!t.textContent.trim() || !shown(t) || t.closest('.hoverlayer, .rangeslider-container')) {
      return; }
    let backs = [paper];
    const button = t.closest('g.updatemenu-button, g.updatemenu-header-group');
    const face = button && button.querySelector('rect.updatemenu-item-rect');
    if (face) { backs = [rgb(style(face).fill)]; }
    if (t.closest('.geo')) { backs = map; }
    const trace = t.closest('g.trace');
    if (trace) { const c = centre(t.getBoundingClientRect());
      trace.querySelectorAll('.points path').forEach(p => {
        if (inside(c, p.getBoundingClientRect()) && alphaOf(p, 'fill') > 0.9) {
          backs = [rgb(style(p).fill)]; } }); }
    const colour = rgb(style(t).fill);
    backs.forEach(bg => { const r = ratio(colour, alphaOf(t, 'fill'), bg);
      if (r < 4.5) { failures.push(`text "${t.textContent.slice(0, 40)}" ${style(t).fill} ` +
                                  `${r.toFixed(2)}:1`); } });
  });
  div.querySelectorAll('.scatterlayer .trace, .barlayer .trace, .geo .trace').forEach(g => {
    if (g.closest('.rangeslider-container') || !shown(g)) { return; }
    const backs = g.closest('.geo') ? map : [paper];
    g.querySelectorAll('.points path, path.point, .js-line, .point path').forEach(m => {
      if (!shown(m)) { return; }
      const s = style(m);
      const best = bg => Math.max(
        rgb(s.fill) ? ratio(rgb(s.fill), alphaOf(m, 'fill'), bg) : 0,
        rgb(s.stroke) && parseFloat(s.strokeWidth) >= 1 ?
          ratio(rgb(s.stroke), alphaOf(m, 'stroke'), bg) : 0);
      backs.forEach(bg => { const r = best(bg);
        if (r < 3) { failures.push(`mark of "${(g.__data__ && g.__data__[0].trace.name) || '?'}"`
                                   + ` ${s.fill}/${s.stroke} ${r.toFixed(2)}:1`); } });
    });
  });
  return [...new Set(failures)];
}"""


def check_accessible(page, page_path: str) -> None:
    """The open page, with every figure drawn, in the reader's light mode: every figure has its
    text alternative and data; in light and then dark mode, axe-core finds no serious or critical
    violation and every figure's text reaches 4.5:1 and its marks 3:1 against what they sit on.
    In dark mode axe runs its colour rules (COLOUR_RULES), and all of its rules (on the whole
    page) only if more than colours changed (dark_mode_rules): the rest of what axe checks would
    be checking the same page again."""
    expect_theme(page, "light")  # the theme's default mode is auto and follows the system
    page.evaluate("window.scrollTo(0, 0)")
    figures = page.locator("div.jps-plotly")
    if figures.count():
        check_text_alternatives(page, page_path)
    for mode in ("light", "dark"):
        rules = None
        if mode == "light":
            page.evaluate(REMEMBER_PAGE)
        else:
            switch_mode(page, "dark")
            rules = dark_mode_rules(page)
        found = axe_violations(page, rules)
        assert not found, f"{page_path} ({mode} mode): {describe(found)}"
        contrasts = page.evaluate(f"() => [...document.querySelectorAll('div.jps-plotly')]"
                                  f".map({CONTRAST})")
        for index, failures in enumerate(contrasts, start=1):
            assert not failures, f"{page_path}, figure {index} ({mode}): {failures[:8]}"


def test_axe_checks_nothing_in_a_closed_data_table(tab, book_url: str) -> None:
    """What lets axe_violations set the closed Data tables aside: asked to check only them, axe
    finds nothing to check (no pass, no violation, nothing to review), as for any hidden content.
    Opened, a table is checked."""
    page = tab.open(book_url + "chapters/intro.html")
    page.evaluate(axe_source())
    checked = f"""async () => {{
        const tables = [...document.querySelectorAll('{CLOSED_TABLES}')];
        if (!tables.length) {{ return [0, []]; }}
        const result = await axe.run({{include: tables}});
        return [tables.length, ['violations', 'passes', 'incomplete'].flatMap(
            kind => result[kind].map(rule => `${{kind}}: ${{rule.id}}`))];
    }}"""
    tables, found = page.evaluate(checked)
    assert tables >= 1 and found == [], (tables, found)
    page.locator("details.jps-figure-data summary").first.click()
    opened = page.evaluate("async () => (await axe.run({include: [document.querySelector("
                           "'details.jps-figure-data[open] table')]})).passes.length")
    assert opened > 0, "axe checked nothing in an open Data table either"


def test_dark_mode_runs_all_of_axe_where_more_than_colours_changed(tab) -> None:
    """check_accessible's choice of rules in dark mode (dark_mode_rules): the colour rules where
    only colours changed, inline styles included; all rules where the dark mode shows an element
    light mode hid (by display, visibility or opacity), where a script changed an attribute or a
    text, or where an element came or went."""
    page = tab.page
    changes = {  # each applied to the page's body after it was remembered, as dark mode might
        "only colours": "body.style.color = 'white'",
        "shown by display": "body.classList.add('display')",
        "shown by visibility": "body.classList.add('visibility')",
        "shown by opacity": "body.classList.add('opacity')",
        "an attribute": "body.querySelector('p').setAttribute('aria-label', 'new')",
        "a text": "body.querySelector('p').textContent = 'new'",
        "an element more": "body.append(document.createElement('p'))"}
    chosen = {}
    for change, script in changes.items():
        page.set_content("""<html><head><style>
            body:not(.display) .by-display { display: none; }
            body:not(.visibility) .by-visibility { visibility: hidden; }
            body:not(.opacity) .by-opacity { opacity: 0; }</style></head>
            <body><p>both</p><img class="by-display" alt=""><p class="by-visibility">b</p>
            <p class="by-opacity">c</p></body></html>""")
        page.evaluate(REMEMBER_PAGE)
        page.evaluate(f"body => {{ {script}; }}", page.locator("body").element_handle())
        chosen[change] = dark_mode_rules(page)
    assert chosen == {change: COLOUR_RULES if change == "only colours" else None
                      for change in changes}, chosen
