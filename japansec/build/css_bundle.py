"""One small stylesheet per page instead of eleven (called by ``japansec.build.sphinxext``).

Every page links eleven stylesheets in ``<head>`` (the theme's, Sphinx's, the extensions' and the
book's own): eleven requests, about 95 KB compressed, all of which block the first paint, while most
of their rules style things the book never shows (pydata-sphinx-theme's alone is 66 KB). After the
build, this module

- collects what the book can show: every tag name, class, id and attribute name in its pages, and
  every word in its own scripts, the theme's and those inline in the pages (classes that scripts
  add, such as the search results, the explorers' status or an open sidebar, are words in those
  scripts);
- keeps a style rule only if one of its selectors can match that: each class, id and tag the
  selector requires is among those names (what ``:not()``, ``:is()``, ``:where()``, ``:has()`` and
  attribute tests require is not checked, so a rule is kept when in doubt); ``@media``,
  ``@supports`` and ``@layer`` blocks are filtered rule by rule, ``@font-face``, ``@keyframes`` and
  the rest are kept;
- writes what is kept, in the pages' order, to ``_static/bundle-<hash>.css`` (``url()``\\ s
  rewritten for its folder) and links each page to that one file in place of the eleven.

The original stylesheets stay in ``_static``, unlinked, so that the browser test can compare every
element's computed style under the bundle and under the originals.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import tinycss2

LINK = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>')
HREF = re.compile(r'\bhref="([^"]+)"')
URL = re.compile(r'url\(\s*(["\']?)([^)"\']+)\1\s*\)')
WORD = re.compile(r"[A-Za-z_][\w-]*")
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
# Parts of a selector that require nothing checked here: functional pseudo-classes (nested
# parentheses included, up to two levels), attribute tests, pseudo-classes and -elements.
FUNCTIONAL = re.compile(r":{1,2}[\w-]+\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)")
ATTRIBUTE = re.compile(r"\[[^\]]*\]")
PSEUDO = re.compile(r":{1,2}[\w-]+")
CLASS_OR_ID = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")
TAG = re.compile(r"(?:^|[\s>+~(])([a-zA-Z][\w-]*)")
FILTERED_AT_RULES = {"media", "supports", "layer", "container", "document"}
BUNDLE_ATTRIBUTE = "data-japansec-bundles"
BUNDLE_GLOB = "bundle-*.css"  # the bundles' names in _static (their content hash in the *)


class _Names(HTMLParser):
    """Tag names, classes, ids and attribute names of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag.lower())
        for name, value in attrs:
            self.names.add(name.lower())
            if name in ("class", "id") and value:
                self.names.update(value.split())


def page_names(page: str) -> set[str]:
    """Every tag name, class, id and attribute name in ``page``.

    >>> sorted(page_names('<div class="a b" id="c"><svg data-x="1"></svg></div>'))
    ['a', 'b', 'c', 'class', 'data-x', 'div', 'id', 'svg']
    """
    parser = _Names()
    parser.feed(page)
    return parser.names


def script_words(script: str) -> set[str]:
    """Every word a script could use as a class, id or tag name (conservative: all of them).

    >>> sorted(script_words('el.classList.add("sd-active"); x = `jps-${"busy"}`'))
    ['add', 'busy', 'classList', 'el', 'jps-', 'sd-active', 'x']
    """
    return set(WORD.findall(script))


def required_names(selector: str) -> set[str] | None:
    """The classes, ids and tags an element tree must have for ``selector`` to match anything, or
    None when this module cannot tell (an escaped name).

    >>> sorted(required_names("div.note > p:not(.x)::before"))
    ['div', 'note', 'p']
    >>> sorted(required_names('html[data-theme="dark"] .bd-content #main'))
    ['bd-content', 'html', 'main']
    >>> required_names(r".sd-col-\\:6") is None
    True
    """
    if "\\" in selector:
        return None
    rest = FUNCTIONAL.sub("", selector)
    rest = ATTRIBUTE.sub("", rest)
    rest = PSEUDO.sub("", rest)
    names = set(CLASS_OR_ID.findall(rest))
    tags = {t.lower() for t in TAG.findall(CLASS_OR_ID.sub("", rest))}
    return names | tags


def kept_selectors(prelude: str, names: set[str]) -> list[str]:
    """The selectors of a rule's selector list that can match something in ``names``.

    >>> kept_selectors("p.a, p.b , .c", {"p", "a", "c"})
    ['p.a', '.c']
    """
    kept = []
    for selector in _split_selectors(prelude):
        needed = required_names(selector)
        if needed is None or needed <= names:
            kept.append(selector)
    return kept


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list on its top-level commas (not those inside parentheses)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def purge(css: str, names: set[str]) -> str:
    """``css`` without the rules none of whose selectors can match ``names``.

    >>> purge("p.a{color:red}.b{color:blue}@media print{.b{x:y}.a{x:z}}@font-face{font-family:F}",
    ...       {"p", "a"})
    'p.a{color:red}@media print{.a{x:z}}@font-face{font-family:F}'
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_purged(rule, names) for rule in rules)


def _purged(rule, names: set[str]) -> str:
    if rule.type == "qualified-rule":
        kept = kept_selectors(tinycss2.serialize(rule.prelude), names)
        if not kept:
            return ""
        return ",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}"
    if rule.type == "at-rule" and rule.lower_at_keyword in FILTERED_AT_RULES and rule.content:
        inner = "".join(_purged(r, names) for r in tinycss2.parse_rule_list(
            rule.content, skip_comments=True, skip_whitespace=True))
        if not inner:
            return ""
        return f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{inner}}}"
    if rule.type == "error":
        raise ValueError(f"CSS parse error at line {rule.source_line}: {rule.message}")
    return rule.serialize()


def rebase_urls(css: str, sheet: str, bundle_dir: str) -> str:
    """Rewrite the relative ``url()``\\ s of ``sheet`` (a path in the site) for a file in
    ``bundle_dir``.

    >>> rebase_urls("a{b:url(../vendor/f.woff2)}", "_static/styles/t.css", "_static")
    'a{b:url(vendor/f.woff2)}'
    """
    def rebase(match: re.Match) -> str:
        quote, url = match[1], match[2]
        if re.match(r"^(?:[a-z]+:|/|#)", url):
            return match[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(sheet), url))
        return f"url({quote}{posixpath.relpath(target, bundle_dir)}{quote})"
    return URL.sub(rebase, css)


def _site_path(page: Path, href: str, outdir: Path) -> str | None:
    """A stylesheet's path in the site, or None for one outside it."""
    href = html.unescape(href).split("?")[0].split("#")[0]
    if re.match(r"^[a-z]+:|^//", href):
        return None
    target = (page.parent / href).resolve()
    try:
        return target.relative_to(outdir.resolve()).as_posix()
    except ValueError:
        return None


def _sheets(link: str, page: Path, outdir: Path) -> list[str]:
    """The stylesheets (paths in the site) a ``<link>`` stands for: its own, or, for a bundle
    linked by an earlier build (a page an incremental build did not rewrite), those it lists;
    none for a stylesheet outside the site."""
    listed = re.search(BUNDLE_ATTRIBUTE + r'="([^"]*)"', link)
    if listed:
        return [f"_static/{name}" for name in html.unescape(listed[1]).split()]
    own = _site_path(page, HREF.search(link)[1], outdir)
    return [own] if own else []


def bundle_site(outdir: Path) -> dict[str, int]:
    """Replace the stylesheet links of every page under ``outdir`` by one purged bundle per
    distinct list of stylesheets; return each bundle's name and its size in bytes."""
    static = outdir / "_static"
    for old in static.glob(BUNDLE_GLOB + "*"):  # an earlier build's, and its .gz and .br
        old.unlink()
    pages = [p for p in sorted(outdir.rglob("*.html")) if static not in p.parents]
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    names: set[str] = set()
    for text in texts.values():
        names |= page_names(text)
        for script in INLINE_SCRIPT.findall(text):
            names |= script_words(script)
    for script in sorted(static.rglob("*.js")):
        if "pyodide" not in script.parts:
            names |= script_words(script.read_text(encoding="utf-8", errors="replace"))
    bundles: dict[tuple[str, ...], str] = {}
    sizes: dict[str, int] = {}
    for page, text in texts.items():
        head_end = text.find("</head>")
        linked = [(m, _sheets(m[0], page, outdir)) for m in LINK.finditer(text, 0, head_end)]
        linked = [(m, found) for m, found in linked if found]
        if not linked:
            continue
        links = [m for m, _ in linked]
        sheets = tuple(sheet for _, found in linked for sheet in found)
        if sheets not in bundles:
            parts = []
            for sheet in sheets:
                source = outdir / sheet
                if not source.is_file():
                    raise FileNotFoundError(
                        f"{page.relative_to(outdir)}: links {sheet}, which the build did not write")
                parts.append(f"/* {sheet} */\n" + rebase_urls(
                    purge(source.read_text(encoding="utf-8"), names), sheet, "_static"))
            css = "\n".join(parts) + "\n"
            name = f"bundle-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
            (static / name).write_text(css, encoding="utf-8")
            bundles[sheets], sizes[name] = name, len(css.encode())
        href = posixpath.relpath(f"_static/{bundles[sheets]}",
                                 page.parent.relative_to(outdir).as_posix() or ".")
        listed = " ".join(posixpath.relpath(s, "_static") for s in sheets)
        link = (f'<link rel="stylesheet" href="{href}" '
                f'{BUNDLE_ATTRIBUTE}="{html.escape(listed)}" />')
        new = text[:links[0].start()] + link + "".join(
            text[a.end():b.start()] for a, b in itertools.pairwise(links))
        new += text[links[-1].end():]
        page.write_text(new, encoding="utf-8")
    return sizes
