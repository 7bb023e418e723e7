"""Lighten the theme's pages after Sphinx writes them (called by ``japansec.build.sphinxext``).

sphinx-book-theme (through pydata-sphinx-theme) loads Font Awesome's SVG-with-JavaScript build on
every page (1.5 MB, 0.54 MB compressed) to draw about a dozen icons, plus its icon fonts. Here:

- each ``<i class="fa-…">`` (or empty ``<span class="fa-…">``) icon in a page becomes the same
  icon as inline SVG, its path read from the theme's own Font Awesome script (so the icons stay
  the theme's, at its version), and the script tag is dropped; the theme's CSS keeps the icon
  font for the icons it draws itself (admonition titles), so only pages with those download it;
- Sphinx's search scripts, loaded in ``<head>`` on every page, are deferred;
- the search button's accessible name is its visible text ("Search Ctrl+K") and the colour-mode
  icons carry no hidden "Light"/"Dark" titles that differ from the button's name (WCAG 2.5.3,
  axe-core's ``label-content-name-mismatch``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

FA_SCRIPT = re.compile(
    r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
ICON = re.compile(
    r'<(?P<tag>i|span) (?P<attrs>[^>]*\bclass="(?P<cls>[^"]*\bfa-[^"]*)"[^>]*)>\s*</(?P=tag)>')
# One icon in the script: "name":[width,height,[aliases],"unicode","path"] (name may be bare).
ICON_DEF = re.compile(r'"?([a-z0-9-]+)"?:\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*","([^"]+)"\]')
PACK = re.compile(r'var p=\{(.*?)\};.{0,400}?d\("(fa[srb])",p\)', re.S)
PREFIX = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far",
          "fa-brands": "fab", "fab": "fab"}
# Classes of Font Awesome's own that are no icon name.
NOT_NAMES = {"fa-lg", "fa-xs", "fa-sm", "fa-xl", "fa-2x", "fa-fw", "fa-solid", "fa-regular",
             "fa-brands"}
# The theme loads Sphinx's search tools in <head> on every page (for its search pop-up): deferred,
# they no longer block the first paint (searchindex.js still runs after searchtools.js).
SEARCH_SCRIPTS = re.compile(
    r'<script src="([^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js))">')
SEARCH_BUTTON = ('<button class="btn search-button-field search-button__button pst-js-only" '
                 'title="Search" aria-label="Search"')

Icons = dict[tuple[str, str], tuple[int, int, str]]


def fontawesome_icons(script: str) -> Icons:
    """Read every icon of Font Awesome's JavaScript build: (prefix, name) -> (width, height, path).

    >>> js = 'var p={"sun":[512,512,[],"f185","M1 1z"]};a;d("fas",p),d("fa-solid",p)'
    >>> fontawesome_icons(js)
    {('fas', 'sun'): (512, 512, 'M1 1z')}
    """
    icons: Icons = {}
    for body, prefix in PACK.findall(script):
        for name, width, height, path in ICON_DEF.findall(body):
            icons[(prefix, name)] = (int(width), int(height), path)
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


def lighten_page(page: str, icons: Icons) -> str:
    """One page with inline SVG icons, no Font Awesome script, and buttons named by their text.

    >>> icons = {("fas", "magnifying-glass"): (512, 512, "M0 0z")}
    >>> page = (SEARCH_BUTTON + '><i class="fa-solid fa-magnifying-glass"></i> '
    ...         '<span>Search</span></button>')
    >>> out = lighten_page(page, icons)
    >>> 'aria-label' in out, '<svg' in out, '<i ' in out
    (False, True, False)
    """
    page = FA_SCRIPT.sub("", page)
    page = SEARCH_SCRIPTS.sub(r'<script defer src="\1">', page)
    page = ICON.sub(lambda m: svg_icon(m["attrs"], m["cls"], icons), page)
    # The search button's name comes from its visible text ("Search Ctrl+K").
    page = page.replace(SEARCH_BUTTON, SEARCH_BUTTON.replace(' aria-label="Search"', ""))
    return page


def lighten_site(outdir: Path, fontawesome_js: Path) -> int:
    """Lighten every HTML page under ``outdir``; return how many pages changed."""
    icons = fontawesome_icons(fontawesome_js.read_text(encoding="utf-8"))
    if not icons:
        raise ValueError(f"{fontawesome_js}: no icons found: has the theme's Font Awesome build "
                         "changed? Update japansec/build/theme.py")
    changed = 0
    for path in sorted(outdir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        new = lighten_page(text, icons)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
