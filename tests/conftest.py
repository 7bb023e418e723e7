"""Shared fixtures: the repository's paths, the notebooks of the table of contents, the built book
served over a local HTTP server, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from japansec.build.book import book_notebooks

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def toc_notebooks() -> list[Path]:
    """The notebooks of the table of contents."""
    return book_notebooks(ROOT)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def built_book() -> Path:
    """The built book; `make test` builds it first (make book)."""
    if not (BUILD / "index.html").exists():
        pytest.fail("no built book in _build/html: run `make book` (make test does it first)")
    return BUILD


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) while in the block; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def book_url(built_book: Path) -> Iterator[str]:
    """Base URL of the built book served on 127.0.0.1 by a throwaway HTTP server."""
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (no browser download). Missing, it fails
    every browser test with a one-line hint; opting out is explicit: ``-m "not browser"``."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        # Never a silent skip: the browser tests are the only check that the pages draw.
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (or set "
                    "CHROMIUM=/path/to/chromium; to leave the browser out: pytest -m 'not "
                    "browser')", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield chromium
        chromium.close()


def chapter_objectives(chapter: str) -> list[str]:
    """The numbered learning objectives of a chapter (the list under ``## Overview``)."""
    import re

    import nbformat

    path = ROOT / "chapters" / f"{chapter}.ipynb"
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    overview = text.split("## Overview", 1)[1].split("## Prerequisites", 1)[0]
    items = re.findall(r"^(\d+)\. (.+(?:\n {3}.+)*)", overview, re.M)
    if [int(n) for n, _ in items] != list(range(1, len(items) + 1)):
        raise ValueError(f"{path.name}: objectives under Overview are not numbered 1, 2, 3, …")
    return [" ".join(t.split()) for _, t in items]
