"""The printable edition: every page of the built HTML book in one print page, printed to PDF by
Debian's Chromium through Playwright (the browser the tests use; no browser download).

:func:`print_page` joins the pages' articles (in the order of ``_toc.yml``) behind a title page with
the book's as-of date, keeps links working inside the PDF (ids that repeat across pages are
prefixed with the page's name), and either removes the exercise solutions (student edition) or
opens them (instructor edition). Figures are drawn by the book's own scripts; the print CSS hides
their controls (the explorers' forms, Plotly's menus and mode bar), so each explorer prints at its
default state with its readout, followed where an exercise asks for other settings by the figures
of cells tagged ``print-only`` (hidden on screen).
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

EDITIONS = ("student", "instructor")
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
html, body { background: #fff !important; }
body { margin: 0; font-size: 10.5pt; }
.jps-print-page { break-before: page; max-width: none; }
.jps-title-page { height: 240mm; display: flex; flex-direction: column; justify-content: center; }
.jps-title-page h1 { font-size: 28pt; }
.jps-title-page .jps-as-of { font-size: 14pt; margin-top: 2em; }
.slider-container, .updatemenu-container, .modebar-container, .rangeslider-container,
.jps-quiz input, .headerlink, .toggle-button, button.copybtn,
.cell_input, form.jps-explorer fieldset, p.jps-explorer-status { display: none !important; }
div.jps-print-only { display: block !important; break-inside: avoid; }
div.jps-plotly { break-inside: avoid; }
.solution, .exercise, figure, table { break-inside: avoid; }
a { color: #0b4f8a; }
"""


def _article(path: Path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    if article is None:
        raise ValueError(f"{path}: no <article class='bd-article'> (not a page of the built book?)")
    return article


def print_page(build: Path, pages: list[str], edition: str, title: str, as_of: str) -> str:
    """The whole book as one HTML page for printing (to be saved in ``build/chapters/``).

    ``pages`` are the book's pages as in _toc.yml (``chapters/money``); ``edition`` is "student"
    (no solutions) or "instructor" (solutions shown).
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    articles = {p.split("/")[-1]: _article(build / f"{p}.html") for p in pages}
    counts = Counter(tag["id"] for a in articles.values() for tag in a.find_all(id=True))
    renamed = {}
    for stem, article in articles.items():
        for tag in article.find_all(id=True):
            if counts[tag["id"]] > 1:
                renamed[(stem, tag["id"])] = f"{stem}--{tag['id']}"
                tag["id"] = renamed[(stem, tag["id"])]
    stems = set(articles)
    for stem, article in articles.items():
        for link in article.find_all("a", href=True):
            href = link["href"]
            if href.startswith(("http:", "https:", "mailto:")):
                continue
            target, _, anchor = href.partition("#")
            page = Path(target).stem if target else stem
            if target and (not target.endswith(".html") or page not in stems):
                continue  # a file (data download, static asset): leave it
            link["href"] = "#" + (renamed.get((page, anchor), anchor) if anchor
                                  else f"{page}--top")
        for solution in article.select("div.solution"):
            if edition == "student":
                solution.decompose()
            else:
                solution["class"] = [c for c in solution.get("class", []) if c != "dropdown"]
    heads = [BeautifulSoup((build / f"{p}.html").read_text(encoding="utf-8"),
                           "html.parser").head for p in pages]
    links, scripts = [], []
    for head in heads:
        for tag in head.find_all(["link", "script"]):
            key = tag.get("href") or tag.get("src") or tag.get_text()
            if tag.name == "link" and "stylesheet" in tag.get("rel", []) and key not in links:
                links.append(key)
            if tag.name == "script" and tag.get("src") and "search" not in key \
                    and key not in [s[0] for s in scripts]:
                scripts.append((key, tag.has_attr("defer")))
    head_html = "\n".join(
        [f'<meta charset="utf-8"><title>{html.escape(title)}</title>']
        + [f'<link rel="stylesheet" href="{html.escape(h)}">' for h in links]
        + [f'<script{" defer" if d else ""} src="{html.escape(s)}"></script>' for s, d in scripts]
        + [f"<style>{PRINT_CSS}</style>"])
    label = "Instructor edition (with solutions)" if edition == "instructor" else \
        "Student edition"
    body = [f'<section class="jps-title-page"><h1>{html.escape(title)}</h1>'
            f"<p><strong>{label}</strong></p>"
            f'<p class="jps-as-of">Facts and data as of <strong>{html.escape(as_of)}</strong>. '
            "Events after that date are not covered.</p>"
            "<p>Printed from the HTML book; figures show each explorer at its default "
            "settings and at the settings the exercises ask for. The interactive version, with "
            "live explorers and self-check quizzes, is "
            "the HTML book.</p></section>"]
    for stem, article in articles.items():
        body.append(f'<section class="jps-print-page" id="{stem}--top">{article}</section>')
    return (f'<!DOCTYPE html><html lang="en" data-content_root="../" data-theme="light">'
            f"<head>{head_html}</head><body><main class='bd-main'>"
            + "\n".join(body) + "</main></body></html>")
