"""`make pdf`: the printable edition. To stay fast, the test prints one chapter in both editions,
once (the full book is printed by `make pdf`; printing is most of the test's time), and checks the
PDFs: they exist, hold the chapter and the as-of date, the student edition has no solution text and
the instructor edition has it, the figures are drawn (a page with a figure's source line, rendered
to an image, has the figure's coloured marks) and the explorers print at their defaults and at the
exercises' settings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from japansec import data

pytestmark = [pytest.mark.pdf, pytest.mark.browser]
PAGE = "chapters/money"
SOLUTION_TEXT = "¥9.0353 trillion including and ¥8.8093 trillion excluding"  # ex-money-data


def _text(pdf, first: int | None = None, last: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(last)] if first else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _coloured_pixels(pdf, page: int) -> int:
    """Render one page at 50 dpi and count strongly coloured pixels (figure marks, not text)."""
    ppm = subprocess.run(["pdftoppm", "-r", "50", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout
    header = ppm.split(b"\n", 3)
    width, height = map(int, header[1].split())
    pixels = np.frombuffer(header[3], dtype=np.uint8)[: width * height * 3].reshape(-1, 3)
    spread = pixels.max(axis=1).astype(int) - pixels.min(axis=1).astype(int)
    return int((spread > 80).sum())


def print_editions(out: Path) -> dict[str, Path]:
    """The chapter printed by `make pdf`'s script into ``out``, in both editions."""
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm not found: run scripts/install_system_deps.sh (poppler-utils)")
    result = subprocess.run([sys.executable, "scripts/make_pdf.py", "--pages", PAGE, "--out",
                             str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return {edition: out / f"{edition}.pdf" for edition in ("student", "instructor")}


def check_chapter_and_as_of_date(pdfs: dict[str, Path]) -> None:
    as_of = data.package()["as_of"]
    for edition, pdf in pdfs.items():
        assert pdf.exists() and _pages(pdf) >= 5, edition
        title_page = _text(pdf, 1, 1)
        assert as_of in title_page and f"{edition.capitalize()} edition" in title_page
        assert "Strategy and money" in _text(pdf)


def check_student_edition_has_no_solutions(pdfs: dict[str, Path]) -> None:
    student = " ".join(_text(pdfs["student"]).split())
    instructor = " ".join(_text(pdfs["instructor"]).split())
    assert SOLUTION_TEXT in instructor, "the instructor edition lost the solutions"
    assert SOLUTION_TEXT not in student and "Solution to" not in student


def check_figures_are_drawn(pdfs: dict[str, Path], built_book: Path) -> None:
    """Each figure's source line is text that plotly.js draws inside the chart, so the PDF holds one
    per drawn figure; the pages that hold them are rendered to images and must carry coloured marks
    (the bars and lines of the budget explorer most of all)."""
    pdf = pdfs["student"]
    page = (built_book / f"{PAGE}.html").read_text("utf-8")
    figures = page.count('class="jps-plotly"') + page.count('class="jps-plotly-print"')
    texts = [_text(pdf, n, n) for n in range(1, _pages(pdf) + 1)]
    assert sum(t.count("Source:") for t in texts) == figures > 0
    colour = {n: _coloured_pixels(pdf, n) for n, t in enumerate(texts, 1) if "Source:" in t}
    assert min(colour.values()) > 1000 and max(colour.values()) > 5000, colour


def check_explorers_print_at_their_defaults_and_at_the_exercises_settings(
        pdfs: dict[str, Path]) -> None:
    """The budget explorer prints with its readout at the defaults (its controls hidden), and
    again at the setting its exercise asks for (each year's GDP), named under the figure."""
    from japansec.scenarios.money import BUDGET

    text = " ".join(_text(pdfs["student"]).split())
    assert BUDGET.rendered()["readout"] in text
    assert "change any value" not in text, "the explorer's controls were printed"
    assert ("Budget explorer at the settings an exercise asks for. Values shown for: Defence "
            "spending growth 5 % a year; Share of: Each year's GDP;") in text


@pytest.mark.long(8)
def test_the_printed_editions(built_book: Path, tmp_path: Path) -> None:
    """The chapter printed once in both editions (printing is most of the cost), then each check."""
    pdfs = print_editions(tmp_path)
    check_chapter_and_as_of_date(pdfs)
    check_student_edition_has_no_solutions(pdfs)
    check_figures_are_drawn(pdfs, built_book)
    check_explorers_print_at_their_defaults_and_at_the_exercises_settings(pdfs)
