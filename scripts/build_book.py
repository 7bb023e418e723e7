"""Build the HTML book into _build/html: notebooks executed in parallel into a cache named by the
package, data and requirements (never stale), warnings as errors. See japansec/build/book.py.

`make book`, the tests and the benchmark all call this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from japansec.build.book import ROOT, build


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT, help="folder that receives _build/")
    parser.add_argument(
        "--student-edition", action="store_true",
        help="build without exercise solutions (sphinx-exercise's hide_solutions)",
    )
    args = parser.parse_args()
    # Validate the data package first: a malformed table stops the build here, with a message
    # naming file, row, column and rule, rather than deep inside a notebook.
    from japansec.data import DataError, validate_all

    try:
        validate_all()
    except DataError as error:
        print(f"DATA ERROR: {error}", file=sys.stderr)
        return 1
    code = build(args.output, student=args.student_edition)
    index = args.output / "_build" / "html" / "index.html"
    if code != 0:
        print(f"\nBUILD FAILED (exit {code}): see the warnings and errors above.", file=sys.stderr)
        return code
    print(f"\nBook built. Open: file://{index}   (or run `make serve`)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
