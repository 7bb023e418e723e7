"""Build the HTML book into _build/html: every notebook executed afresh, warnings as errors.

Why a script and not a bare `jupyter-book build`: the options that keep the build strict and free of
stale outputs live in one place (here), and `make book`, the tests and the benchmark all call it.

- ``--warningiserror --nitpick --keep-going``: any warning (a blank Plotly figure's
  ``mystnb.unknown_mime_type``, a broken reference, a failing notebook) fails the build, and the log
  lists all of them, not just the first.
- ``--all``: Sphinx re-reads every page, and the execution cache (``_build/.jupyter_cache``) is
  emptied first, so every notebook is re-executed on every build: a change to the package or to a
  data file can never leave a stale output behind (jupyter-cache keys on cell text only).
- ``--student-edition`` builds without exercise solutions and reuses the cache of the build just
  made (the same notebooks, the same outputs), so build the book first.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(output: Path, config: Path | None = None) -> int:
    """Run jupyter-book on the repository; return its exit code."""
    command = [
        str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT),
        "--path-output", str(output),
        "--warningiserror", "--nitpick", "--keep-going", "--all",
    ]
    if config is not None:
        command += ["--config", str(config)]
    return subprocess.call(command, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT, help="folder that receives _build/")
    parser.add_argument(
        "--student-edition", action="store_true",
        help="build without exercise solutions (sphinx-exercise's hide_solutions)",
    )
    args = parser.parse_args()
    config = None
    if args.student_edition:
        config = ROOT / "_build" / "student_config.yml"
        config.parent.mkdir(parents=True, exist_ok=True)
        text = (ROOT / "_config.yml").read_text(encoding="utf-8")
        config.write_text(text.replace("hide_solutions: false", "hide_solutions: true"), "utf-8")
    # Validate the data package first: a malformed table stops the build here, with a message
    # naming file, row, column and rule, rather than deep inside a notebook.
    from japansec.data import DataError, validate_all

    try:
        validate_all()
    except DataError as error:
        print(f"DATA ERROR: {error}", file=sys.stderr)
        return 1
    cache = ROOT / "_build" / ".jupyter_cache"
    if not args.student_edition:
        shutil.rmtree(cache, ignore_errors=True)
    elif not cache.exists():
        print("note: no execution cache: run `make book` first; executing every notebook now")
    code = build(args.output, config)
    index = args.output / "_build" / "html" / "index.html"
    if code != 0:
        print(f"\nBUILD FAILED (exit {code}): see the warnings and errors above.", file=sys.stderr)
        return code
    print(f"\nBook built. Open: file://{index}   (or run `make serve`)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
