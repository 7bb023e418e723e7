"""Shared fixtures: the repository's paths, the notebooks of the table of contents, the built book
served over a local HTTP server, and Debian's Chromium driven by Playwright (offline: every request
outside 127.0.0.1 refused), with one reusable tab per test process."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from japansec.build.book import book_notebooks

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile viewport
# Every request outside 127.0.0.1 goes to a proxy that is not there, so it fails: Chromium sends
# loopback requests directly, whatever the proxy. Pages, their workers and their scripts alike.
OFFLINE = ["--proxy-server=127.0.0.1:9"]
# WebAssembly compiled by V8's baseline compiler only (Liftoff), not also optimised in the
# background (TurboFan): each Python start in an explorer page then costs 1.2 CPU-s instead of 2.9.
# On two cores those background compiles compete with the tests themselves; what the explorers
# compute and show is the same. scripts/explorer_speed.py measures readers' times with V8's usual
# tiers.
BASELINE_WASM = "--js-flags=--liftoff-only"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest first (``@pytest.mark.long(seconds)``), the rest in their order. `make test` runs
    three processes and, with ``--dist loadgroup``, hands out tests in this order, in turn, and
    then one more to a process whenever it has two or fewer waiting (``--dist load`` would send
    each a block of the suite at the start). A long test drawn last would keep one process busy
    at the end while the others wait."""
    def seconds(item: pytest.Item) -> float:
        long = item.get_closest_marker("long")
        return long.args[0] if long else 0

    items.sort(key=seconds, reverse=True)


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
def serve(directory: Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``directory`` on ``host`` (a free port) while in the block; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}/"
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
                  "--disable-sync", BASELINE_WASM, *OFFLINE],
        )
        yield chromium
        chromium.close()


class Tab:
    """One browser tab of the book, as a reader keeps it open from page to page, and what it saw
    since the test began: console errors and uncaught exceptions, requests that left 127.0.0.1
    (refused: see OFFLINE), and requests that failed or were answered with an error status."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.failed: list[str] = []
        self.origins: set[str] = set()
        self._sessions: list = []
        self._storage = page.context.new_cdp_session(page)  # clears what pages stored
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._requested)
        page.on("requestfailed", lambda r: self.failed.append(r.url))
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}")
                if r.status >= 400 else None)

    def _requested(self, request) -> None:
        parts = urlparse(request.url)
        if parts.hostname == "127.0.0.1":
            self.origins.add(f"{parts.scheme}://{parts.netloc}")
        elif parts.scheme not in ("data", "blob", "about"):
            self.offsite.append(request.url)

    def devtools(self):
        """A DevTools session on the tab (for what Playwright does not expose), closed with
        whatever it set when the next test resets the tab."""
        session = self.page.context.new_cdp_session(self.page)
        self._sessions.append(session)
        return session

    def reset(self) -> None:
        """Back to a blank tab at desktop size in light mode, with no storage left by a page, no
        DevTools session left open and nothing seen yet."""
        page = self.page
        while self._sessions:
            self._sessions.pop().detach()
        page.goto("about:blank")
        for origin in self.origins:  # the colour mode a test chose, for one
            self._storage.send("Storage.clearDataForOrigin",
                               {"origin": origin, "storageTypes": "all"})
        page.set_viewport_size(DESKTOP)
        page.emulate_media(color_scheme="light")
        for seen in (self.errors, self.offsite, self.failed):
            seen.clear()

    def open(self, url: str):
        """Go to ``url`` (until its load event) and return the page."""
        self.page.goto(url, wait_until="load")
        return self.page


@pytest.fixture(scope="session")
def _one_tab(browser) -> Iterator[Tab]:
    context = browser.new_context(viewport=DESKTOP)
    yield Tab(context.new_page())
    context.close()


@pytest.fixture
def tab(_one_tab: Tab) -> Tab:
    """The test process's one browser tab, reset (see Tab.reset). A new tab costs Chromium a new
    renderer process and a cold start of every script and stylesheet: about a second of CPU per
    page on a 2-core machine, a fifth of the browser tests' time. Tests of a first visit turn the
    cache off (test_speed.open_phone); a test that needs a script run before the page's own adds
    it through a DevTools session (Tab.devtools: Page.addScriptToEvaluateOnNewDocument), which
    the next reset closes, and the script with it."""
    _one_tab.reset()
    return _one_tab


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
