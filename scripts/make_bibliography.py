"""Write references.bib from data/sources.csv (run by `make data`)."""

from __future__ import annotations

import sys
from pathlib import Path

from japansec import data
from japansec.build.bibliography import bibtex

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    text = bibtex(data.load("sources"))
    (ROOT / "references.bib").write_text(text, encoding="utf-8")
    print(f"wrote references.bib: {text.count('@')} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
