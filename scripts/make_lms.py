"""Write QTI packages of the self-check quizzes for Canvas and Moodle (run by `make lms`).

One zip per chapter in _build/lms/ (from quizzes/<chapter>.yml, the files the book uses).
Canvas: Settings → Import course content → QTI .zip file. Moodle: import the zip with a QTI
import plugin, or copy the questions from the text2qti sources written beside the zips.
"""

from __future__ import annotations

import sys
from pathlib import Path

from japansec import quizzes
from japansec.build.lms import export

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "lms"


def main() -> int:
    for chapter in quizzes.chapters():
        path = export(chapter, OUT)
        count = len(quizzes.load(chapter))
        print(f"wrote {path.relative_to(ROOT)}: {count} questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
