"""Convert SIPRI's workbook and 2025 extract (data/raw/) into the tidy CSV tables in data/.

Run with `make data`. The conversion logic lives in japansec/sipri.py; this script only reads and
writes files. Re-running it must reproduce the committed CSVs byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

from japansec.build.sipri import convert

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
WORKBOOK = RAW / "SIPRI-Milex-data-1949-2024.xlsx"
EXTRACT = RAW / "SIPRI-Milex-2026-release-2015-vs-2025-extract.csv"


def main() -> int:
    for name, text in convert(WORKBOOK, EXTRACT).items():
        target = ROOT / "data" / name
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}: {text.count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
