"""Lighten the theme's pages after Sphinx writes them (called by ``japansec.build.sphinxext``).

sphinx-book-theme (through pydata-sphinx-theme) loads Font Awesome's SVG-with-JavaScript build on
every page (1.5 MB, 0.54 MB compressed) to draw about a dozen icons, plus its icon fonts. Here:

- each ``<i class="fa-…">`` (or empty ``<span class="fa-…">``) icon in a page becomes the same
  icon as inline SVG, its path read from the theme's own Font Awesome script (so the icons stay
  the theme's, at its version), and the script tag is dropped; the icons the theme's CSS draws
  with the icon font (admonition titles, download links) are drawn as SVG masks instead
  (``japansec-icons.css``),
  so no page downloads the icon fonts;
- Sphinx's search scripts and the search index (40 KB compressed), loaded in ``<head>`` on every
  page, stay only on the search page, deferred (the theme's search box only sends the reader
  there: the book does not search as you type); the page links
  ``basic.css`` itself instead of through ``theme.css``'s ``@import`` (one request less in a
  chain), and does not preload scripts that are only needed after the first paint;
- the sidebar buttons in the article header open the sidebars (on a phone: the navigation and the
  page's contents): both themes' scripts wire only the first ``.primary-toggle`` and
  ``.secondary-toggle`` of a page, which are pydata-sphinx-theme's header buttons that
  sphinx-book-theme never shows (pydata-sphinx-theme issue 2451); those hidden buttons lose the
  class;
- the search button's accessible name is its visible text ("Search Ctrl+K") and the colour-mode
  icons carry no hidden "Light"/"Dark" titles that differ from the button's name (WCAG 2.5.3,
  axe-core's ``label-content-name-mismatch``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote

from japansec.build.css_bundle import BUNDLE_GLOB

FA_SCRIPT = re.compile(
    r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
ICON = re.compile(
    r'<(?P<tag>i|span) (?P<attrs>[^>]*\bclass="(?P<cls>[^"]*\bfa-[^"]*)"[^>]*)>\s*</(?P=tag)>')
# One icon in the script: "name":[width,height,[aliases],"unicode","path"] (name may be bare).
ICON_DEF = re.compile(r'"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"([0-9a-f]*)","([^"]+)"\]')
PACK = re.compile(r'var p=\{(.*?)\};.{0,400}?d\("(fa[srb])",p\)', re.S)
PREFIX = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far",
          "fa-brands": "fab", "fab": "fab"}
# Classes of Font Awesome's own that are no icon name.
NOT_NAMES = {"fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-fw", "fa-solid", "fa-regular",
             "fa-brands"}
# The theme loads Sphinx's search tools in <head> on every page, for searching as one types, which
# the book leaves off (``search_as_you_type``): on the search page they are deferred (no longer
# blocking the first paint; searchindex.js still runs after searchtools.js), elsewhere dropped.
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="([^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
    r'searchindex\.js))"></script>')
# The theme's styles/theme.css holds only `@import "../basic.css"`: a request chained behind
# another on the way to the first paint. The page links basic.css itself instead.
THEME_CSS = re.compile(r'<link href="([^"]*_static/)styles/theme\.css[^"]*" rel="stylesheet" />')
# <link rel="preload"> for the theme's two scripts, which load (deferred) at the end of <body>
# anyway: preloaded, they compete with the stylesheets for bandwidth before the first paint.
PRELOADS = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*_static/scripts/'
                      r'(?:bootstrap|pydata-sphinx-theme)\.js[^"]*" />')
HIDDEN_TOGGLES = re.compile(
    r'<button class="pst-navbar-icon sidebar-toggle (?:primary|secondary)-toggle"')
SEARCH_BUTTON = ('<button class="btn search-button-field search-button__button pst-js-only" '
                 'title="Search" aria-label="Search"')

Icons = dict[tuple[str, str], tuple[int, int, str]]
ICONS_CSS = "japansec-icons.css"


def fontawesome_icons(script: str, key: str = "name") -> Icons:
    """Read every icon of Font Awesome's JavaScript build: (prefix, name) -> (width, height, path),
    or (prefix, code point) -> ... with ``key="code"``.

    >>> js = 'var p={"sun":[512,512,[],"f185","M1 1z"]};a;d("fas",p),d("fa-solid",p)'
    >>> fontawesome_icons(js), fontawesome_icons(js, key="code")
    ({('fas', 'sun'): (512, 512, 'M1 1z')}, {('fas', 'f185'): (512, 512, 'M1 1z')})
    """
    icons: Icons = {}
    for body, prefix in PACK.findall(script):
        for name, width, height, code, path in ICON_DEF.findall(body):
            icons[(prefix, name if key == "name" else code)] = (int(width), int(height), path)
    return icons


def svg_icon(attrs: str, classes: str, icons: Icons) -> str:
    """The inline SVG for one ``<i class="fa-…">`` icon, keeping its other attributes.

    >>> icons = {("fas", "sun"): (512, 512, "M1 1z")}
    >>> svg_icon('class="fa-solid fa-sun" data-mode="light"', "fa-solid fa-sun", icons)
    '<svg class="fa-solid fa-sun svg-inline--fa" data-mode="light" aria-hidden="true" \
focusable="false" viewBox="0 0 512 512"><path fill="currentColor" d="M1 1z"/></svg>'
    """
    words = classes.split()
    prefix = next((PREFIX[w] for w in words if w in PREFIX), "fas")
    names = [w[3:] for w in words if w.startswith("fa-") and w not in NOT_NAMES]
    found = [icons[(prefix, n)] for n in names if (prefix, n) in icons]
    if not found:
        raise ValueError(f"icon {classes!r}: not in the theme's Font Awesome ({prefix} {names})")
    width, height, path = found[0]
    # Keep the icon's attributes (data-mode for the colour switch), not its title: the icon is
    # decorative, its button carries the name.
    rest = re.sub(r'\s*\b(class|title|aria-hidden)="[^"]*"', "", attrs).strip()
    rest = f" {rest}" if rest else ""
    return (f'<svg class="{" ".join(words)} svg-inline--fa"{rest} aria-hidden="true" '
            f'focusable="false" viewBox="0 0 {width} {height}">'
            f'<path fill="currentColor" d="{html.escape(path, quote=True)}"/></svg>')


ICON_VAR = re.compile(
    r'(--pst-icon-[a-z-]+):(?:"([^"\\]|\\[0-9a-f]{4})"|var\((--pst-icon-[a-z-]+)\))')
# A rule with no block inside it, and what makes it draw an icon of the font in a ::before/::after:
# the admonition titles (by variable or glyph), and any other rule by one of the theme's
# --pst-icon-* variables (download links, …). Rules are found first and tested after, so that the
# scan stays linear in the size of the stylesheets.
LEAF_RULE = re.compile(r"(?P<selector>[^{}]+)\{(?P<body>[^{}]*)\}")
PSEUDO = re.compile(r"(?P<title>admonition-title)?:{1,2}(?:before|after)")
ICON_CONTENT = re.compile(r'content:\s*(var\(--pst-icon-[a-z-]+\)|"(?:[^"\\]|\\[0-9a-f]{4})")')


def _code(value: str, variables: dict[str, str]) -> str | None:
    """The code point (hex) a CSS ``content`` value draws: a glyph, an escape or a variable."""
    seen = 0
    while value.startswith("var(") and seen < 5:
        value, seen = variables.get(value[4:-1], ""), seen + 1
    value = value.strip('"')
    if value.startswith("\\"):
        return value[1:].lower()
    return f"{ord(value):x}" if len(value) == 1 else None


def font_icon_css(stylesheets: str, icons: Icons) -> str:
    r"""CSS that draws the icons the theme's stylesheets draw with the Font Awesome font in a
    ``::before``/``::after`` (admonition titles, download links) as SVG masks instead, so that no
    page downloads the font for them. An icon with no size of its own gets 1em by 1em.

    >>> css = (':root{--pst-icon-bell:"\\f0f3";--pst-icon-admonition-default:var(--pst-icon-bell)}'
    ...        '.admonition>.admonition-title:after{content:var(--pst-icon-admonition-default);'
    ...        'width:1rem}a.download:before{content:var(--pst-icon-bell)}')
    >>> out = font_icon_css(css, {("fas", "f0f3"): (448, 512, "M0 0z")}).splitlines()
    >>> out[0].startswith('.admonition>.admonition-title:after{content:"";'), "width" in out[0]
    (True, False)
    >>> out[1].startswith('a.download:before{content:"";'), "width:1em" in out[1]
    (True, True)
    """
    stylesheets = re.sub(r"/\*.*?\*/", "", stylesheets, flags=re.S)
    variables = {}
    for name, glyph, alias in ICON_VAR.findall(stylesheets):
        variables[name] = f"var({alias})" if alias else f'"{glyph}"'
    rules = []
    for rule in LEAF_RULE.finditer(stylesheets):
        pseudo, drawn = PSEUDO.search(rule["selector"]), ICON_CONTENT.search(rule["body"])
        if not (pseudo and drawn):
            continue
        content = drawn[1]
        if not (pseudo["title"] or content.startswith("var(")):
            continue  # Font Awesome's own .fa-*:before rules: the page's icons are inline SVG
        code = _code(content, variables)
        found = [icons[(prefix, code)] for prefix in ("fas", "fab") if (prefix, code) in icons]
        if code is None or not found:
            raise ValueError(f"icon {content!r} ({rule['selector'].strip()}): not found in the "
                             "theme's Font Awesome: update japansec/build/theme.py")
        width, height, path = found[0]
        svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
               f"<path d='{path}'/></svg>")
        mask = f'url("data:image/svg+xml,{quote(svg)}") center / contain no-repeat'
        size = ("" if re.search(r"(?:^|;)\s*width:", rule["body"])
                else "display:inline-block;width:1em;height:1em;vertical-align:-.125em;")
        rules.append(f'{rule["selector"].strip()}{{content:"";font:inherit;{size}'
                     f"background-color:currentColor;-webkit-mask:{mask};mask:{mask}}}")
    return "\n".join(rules) + "\n"


def lighten_page(page: str, icons: Icons, search_page: bool = False) -> str:
    """One page with inline SVG icons, no Font Awesome script, search scripts only on the search
    page, and buttons named by their text.

    >>> icons = {("fas", "magnifying-glass"): (512, 512, "M0 0z")}
    >>> page = (SEARCH_BUTTON + '><i class="fa-solid fa-magnifying-glass"></i> '
    ...         '<span>Search</span></button>')
    >>> out = lighten_page(page, icons)
    >>> 'aria-label' in out, '<svg' in out, '<i ' in out
    (False, True, False)
    """
    page = FA_SCRIPT.sub("", page)
    page = THEME_CSS.sub(r'<link href="\1basic.css" rel="stylesheet" />', page)
    page = PRELOADS.sub("", page)
    page = HIDDEN_TOGGLES.sub('<button class="pst-navbar-icon sidebar-toggle"', page)
    search = r'\n    <script defer src="\1"></script>' if search_page else ""
    page = SEARCH_SCRIPTS.sub(search, page)
    page = ICON.sub(lambda m: svg_icon(m["attrs"], m["cls"], icons), page)
    # The search button's name comes from its visible text ("Search Ctrl+K").
    page = page.replace(SEARCH_BUTTON, SEARCH_BUTTON.replace(' aria-label="Search"', ""))
    return page


def lighten_site(outdir: Path, fontawesome_js: Path) -> int:
    """Lighten every HTML page under ``outdir`` and write ``_static/japansec-icons.css`` (the
    admonition icons as SVG masks); return how many pages changed."""
    script = fontawesome_js.read_text(encoding="utf-8")
    static = outdir / "_static"
    stylesheets = "\n".join(p.read_text(encoding="utf-8") for p in
                            [*sorted(static.glob("*.css")), *sorted(static.glob("styles/*.css"))]
                            # not its own output, nor the last build's bundle of the same rules
                            if p.name != ICONS_CSS and not p.match(BUNDLE_GLOB))
    (static / ICONS_CSS).write_text(
        font_icon_css(stylesheets, fontawesome_icons(script, key="code")), encoding="utf-8")
    icons = fontawesome_icons(script)
    if not icons:
        raise ValueError(f"{fontawesome_js}: no icons found: has the theme's Font Awesome build "
                         "changed? Update japansec/build/theme.py")
    changed = 0
    for path in sorted(outdir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = lighten_page(text, icons, search_page=path == outdir / "search.html")
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
