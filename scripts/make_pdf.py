"""Write the printable edition (run by `make pdf`, after `make book`): _build/pdf/student.pdf
(without solutions) and _build/pdf/instructor.pdf (with), printed by Debian's Chromium.

Usage: make_pdf.py [--edition student|instructor] [--pages chapters/money ...] [--out DIR]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import threading
from pathlib import Path

import yaml

from japansec import data
from japansec.build.book import toc_files
from japansec.build.pdf import EDITIONS, print_page

ROOT = Path(__file__).resolve().parent.parent

BUILD = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def book_settings() -> tuple[str, str]:
    """The book's title (_config.yml) and its as-of date (the data package's ``as_of``)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["title"], data.package()["as_of"]


def print_pdfs(editions: list[str], pages: list[str], out: Path) -> list[Path]:
    """Print each edition of ``pages`` to ``out/<edition>.pdf``; return the paths."""
    from playwright.sync_api import sync_playwright

    if not (BUILD / "index.html").exists():
        raise SystemExit("error: no built book in _build/html: run `make book` first")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"error: Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    title, as_of = book_settings()
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(BUILD)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for edition in editions:
                # The print page lives in the built book only while it prints (its links and
                # scripts are relative): left there, the next build would take it for a page.
                name = f"print-{edition}.html"
                (BUILD / "chapters" / name).write_text(
                    print_page(BUILD, pages, edition, title, as_of), encoding="utf-8")
                page = browser.new_page(viewport={"width": 640, "height": 1000})
                page.goto(f"http://127.0.0.1:{server.server_port}/chapters/{name}",
                          wait_until="load")
                # Figures and MathJax load as the reader nears them (japansec-figures.js,
                # japansec-math.js); printing asks for all of them at once.
                page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
                page.wait_for_function(
                    "() => [...document.querySelectorAll('div.jps-plotly, div.jps-plotly-print')]"
                    ".every(d => d.getAttribute('data-drawn'))", timeout=60_000)
                page.wait_for_function(
                    "() => !document.querySelector('.math') || "
                    "(window.MathJax && MathJax.startup && MathJax.startup.promise)",
                    timeout=60_000)
                page.evaluate("() => window.MathJax && MathJax.startup "
                              "&& MathJax.startup.promise")
                # The last layout: web fonts in, then two frames drawn with everything above.
                page.evaluate("() => document.fonts.ready.then(() => new Promise(done => "
                              "requestAnimationFrame(() => requestAnimationFrame(done))))")
                path = out / f"{edition}.pdf"
                page.pdf(path=str(path), format="A4", print_background=True,
                         display_header_footer=True, header_template="<span></span>",
                         footer_template=f'<div style="font-size:8px;width:100%;text-align:center">'
                         f"{title} · {edition} edition · as of {as_of} · "
                         '<span class="pageNumber"></span>/<span class="totalPages"></span></div>',
                         margin={"top": "14mm", "bottom": "16mm", "left": "12mm",
                                 "right": "12mm"})
                page.close()
                written.append(path)
            browser.close()
    finally:
        server.shutdown()
        for edition in editions:
            (BUILD / "chapters" / f"print-{edition}.html").unlink(missing_ok=True)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=EDITIONS, action="append")
    parser.add_argument("--pages", nargs="+", help="pages as in _toc.yml (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    args = parser.parse_args()
    for path in print_pdfs(args.edition or list(EDITIONS), args.pages or toc_files(), args.out):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
