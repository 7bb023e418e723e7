"""Build the HTML book into _build/html: notebooks executed in parallel into a cache named by the
package, data and requirements (never stale), warnings as errors. See japansec/build/book.py.

`make book`, the tests and the benchmark all call this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from japansec.build.book import ROOT, build, up_to_date


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT, help="folder that receives _build/")
    parser.add_argument(
        "--student-edition", action="store_true",
        help="build without exercise solutions (sphinx-exercise's hide_solutions)",
    )
    parser.add_argument("--force", action="store_true",
                        help="build even if nothing the book is made from changed")
    args = parser.parse_args()
    if not args.force and up_to_date(args.output, student=args.student_edition):
        print("The book is up to date: nothing it is made from changed since the last build "
              f"into {args.output / '_build' / 'html'} (--force builds anyway).")
        return 0
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
