"""Serve the built book the way a static host does: compressed.

A host such as nginx (``gzip_static``/``brotli_static``), Netlify or GitHub Pages sends a text file
compressed when the browser accepts it. This server does the same on 127.0.0.1, so that the page
weights measured by the tests and by Lighthouse (``make bench``) are the ones a reader downloads:

- a precompressed sibling (``file.br`` for ``Accept-Encoding: br``, else ``file.gz`` for gzip),
  written by the build for the large assets (see ``japansec/build/js/compress.mjs``), is sent as is;
- any other text file (and WebAssembly) is gzip-compressed on the fly;
- every response may be reused for ten minutes (``Cache-Control: max-age=600``, as GitHub Pages);
- images, fonts and everything already compressed go out unchanged.

``python -m japansec.build.serve DIR [--port N]`` serves DIR (``make serve``).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml", "application/wasm")
# How long a browser may reuse a file without asking again (GitHub Pages sends the same): warm
# visits then start the explorers' Python from the browser's cache.
CACHE_CONTROL = "max-age=600"


def accepted(header: str) -> set[str]:
    """The content codings an ``Accept-Encoding`` header accepts (``q=0`` refuses).

    >>> sorted(accepted("gzip, deflate, br;q=0"))
    ['deflate', 'gzip']
    """
    codings = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name and params.replace(" ", "") not in ("q=0", "q=0.0"):
            codings.add(name.strip().lower())
    return codings


class CompressedHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with precompressed siblings or on-the-fly gzip (see the module docstring)."""

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def send_head(self):  # the base class's signature: a file object or None
        path = Path(self.translate_path(self.path))
        if path.is_dir() or not path.is_file():
            return super().send_head()
        ctype = self.guess_type(str(path))
        if not ctype.startswith(TEXT_TYPES):
            return super().send_head()
        codings = accepted(self.headers.get("Accept-Encoding", ""))
        for coding, suffix in (("br", ".br"), ("gzip", ".gz")):
            sibling = path.with_name(path.name + suffix)
            if coding in codings and sibling.is_file():
                body = sibling.read_bytes()
                break
        else:
            if "gzip" not in codings:
                return super().send_head()
            coding, body = "gzip", gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        self._body = body
        return None

    def do_GET(self) -> None:
        self._body = None
        source = self.send_head()
        if self._body is not None:
            self.wfile.write(self._body)
        elif source is not None:
            try:
                self.copyfile(source, self.wfile)
            finally:
                source.close()

    def do_HEAD(self) -> None:
        self._body = None
        source = self.send_head()
        if source is not None:
            source.close()


@contextmanager
def serving(directory: Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve ``directory`` compressed in a background thread; yield its base URL."""
    handler = functools.partial(CompressedHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    if not (args.directory / "index.html").is_file():
        raise SystemExit(f"error: no built book in {args.directory}: run 'make book' first")
    handler = functools.partial(CompressedHandler, directory=str(args.directory))
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"Serving {args.directory} compressed on http://{args.host}:{args.port}/")
        server.serve_forever()


if __name__ == "__main__":
    main()
