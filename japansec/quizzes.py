"""Self-check quizzes: question files as data, checked, with numbers computed from the data package.

One YAML file per chapter, ``quizzes/<chapter>.yml`` (the format is described in
``quizzes/README.md``). :func:`load` checks a file against the rules below and returns the
questions in the format of `jupyterquiz <https://pypi.org/project/jupyterquiz/>`_, the quiz
library the book uses; every number a question needs (its right answer, or a number in its text)
is computed from the data package when the book is built, never typed.

:func:`show` displays a chapter's quiz. Its output carries two representations:

- ``text/html`` with jupyterquiz's own JavaScript inline, for JupyterLab, Colab and the classic
  notebook (a live kernel);
- ``application/vnd.japansec.quiz+json`` (the questions), which the book's myst-nb renderer
  (``japansec.build.quizzes``) turns into a ``<div>`` drawn by ``_static/jupyterquiz.js`` — a copy
  of the installed jupyterquiz's scripts made at build time, so the static page needs no kernel
  and makes no request off the site.
"""

from __future__ import annotations

import math
import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from japansec import data

ROOT = Path(__file__).resolve().parent.parent
# The quiz bank ships inside the package, like the data (japansec/quiz_bank is a symlink to
# quizzes/ in git; the wheel carries a copy), so notebooks run from the wheel too (issue 15).
QUIZ_DIR = Path(os.fspath(resources.files("japansec") / "quiz_bank"))
QUIZ_MIME = "application/vnd.japansec.quiz+json"
TYPES = ("multiple_choice", "numeric")
QUESTION_KEYS = {
    "multiple_choice": {"id", "objective", "type", "question", "values", "answers", "lms"},
    "numeric": {"id", "objective", "type", "question", "values", "answer", "tolerance",
                "feedback", "wrong", "default", "lms"},
}
REQUIRED = {
    "multiple_choice": ("id", "objective", "type", "question", "answers"),
    "numeric": ("id", "objective", "type", "question", "answer", "tolerance", "feedback",
                "wrong", "default"),
}
MIN_QUESTIONS, MAX_QUESTIONS = 5, 10


class QuizError(ValueError):
    """A question file breaks a rule: the message names the file, question, field and rule."""


def _fail(path: Path, where: str, field: str, rule: str) -> None:
    raise QuizError(f"{path.name}: {where}: field '{field}': {rule}")


# ---------------------------------------------------------------------------------------------
# Numbers from the data package. Each function takes the arguments a file gives and returns a
# float; a file names one of them under `values:`.

def _sipri(measure: str, country: str, year: int) -> float:
    """One SIPRI value (measure, country, calendar year) from ``sipri_milex``."""
    value = data.sipri(measure, [country], (year, year)).loc[year, country]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError(f"SIPRI has no {measure} value for {country} in {year}")
    return float(value)


def _sipri_ratio(measure: str, country: str, other: str, year: int) -> float:
    """``country``'s SIPRI value divided by ``other``'s, in one year."""
    return _sipri(measure, country, year) / _sipri(measure, other, year)


def _sipri_growth(measure: str, country: str, start: int, end: int) -> float:
    """How many times larger ``country``'s SIPRI value is in ``end`` than in ``start``."""
    return _sipri(measure, country, end) / _sipri(measure, country, start)


def _row(table: str, row: str, column: str) -> float:
    """One number from a table of the data package, by the row's ``id``."""
    frame = data.load(table)
    match = frame[frame["id"] == row]
    if match.empty:
        raise ValueError(f"table {table} has no row with id {row!r}")
    return float(match.iloc[0][column])


def _count(table: str, where: str = "") -> float:
    """Number of rows of a table, optionally those matching a pandas ``query`` expression."""
    frame = data.load(table)
    return float(len(frame.query(where) if where else frame))


def _distance(site: str, place: str) -> float:
    """Great-circle (WGS84 geodesic) distance in km from a site (``sites``) to a place
    (``places``)."""
    from japansec.models.geodesy import distance_km

    sites = data.load("sites").set_index("id")
    places = data.load("places").set_index("id")
    return distance_km(float(sites.at[site, "latitude"]), float(sites.at[site, "longitude"]),
                       float(places.at[place, "latitude"]), float(places.at[place, "longitude"]))


def _sum(table: str, column: str, rows: list[str]) -> float:
    """The sum of one column over several rows of a table (by ``id``)."""
    return sum(_row(table, row, column) for row in rows)


def _months_between(table: str, start: str, end: str) -> float:
    """Months (days / 30.44) from the ``date`` of row ``start`` to that of row ``end``."""
    frame = data.load(table).set_index("id")
    days = (frame.at[end, "date"] - frame.at[start, "date"]).days
    return days / 30.44


def _required_own(p: float, us: float) -> float:
    """The alliance model: Japan's own capability that keeps deterrence at its 2026 level (own
    capability 1, certain US support) when US support has probability ``p``."""
    from japansec.models.alliance import deterrence, required_own

    return required_own(deterrence(1.0, 1.0, us), p, us)


def _richardson_r2(country: str, start: int, end: int) -> float:
    """Share (%) of the year-to-year change in ``country``'s spending (Japan or China) that
    Richardson's model, fitted to SIPRI's constant-2023-US$ series of Japan (x) and China (y)
    over ``start``–``end``, explains (as in the risk chapter)."""
    from japansec.models.richardson import fit

    wide = data.sipri("constant_2023_usd_m", ["Japan", "China"], (start, end)) / 1000
    result = fit(wide["Japan"].round(2).tolist(), wide["China"].round(2).tolist())
    return 100 * {"Japan": result.r2_x, "China": result.r2_y}[country]


COMPUTE = {
    "sum": _sum,
    "months_between": _months_between,
    "alliance_required_own": _required_own,
    "richardson_r2": _richardson_r2,
    "sipri": _sipri,
    "sipri_ratio": _sipri_ratio,
    "sipri_growth": _sipri_growth,
    "row": _row,
    "count": _count,
    "distance": _distance,
}


def compute(spec: dict[str, Any]) -> float:
    """Compute one number from a ``values:`` entry such as ``{compute: sipri, measure:
    share_of_gdp, country: Japan, year: 2024}``.

    >>> compute({"compute": "count", "table": "sipri_footnotes"}) > 0
    True
    """
    spec = dict(spec)
    name = spec.pop("compute", None)
    if name not in COMPUTE:
        raise ValueError(f"'compute' must be one of {sorted(COMPUTE)}, not {name!r}")
    try:
        return float(COMPUTE[name](**spec))
    except TypeError as error:
        raise ValueError(f"compute {name}: {error}") from None


# ---------------------------------------------------------------------------------------------
# Checking a file.

def _text(path: Path, where: str, field: str, value: Any, values: dict[str, float]) -> str:
    """A non-empty string with its ``{name}`` / ``{name:.1f}`` placeholders filled in."""
    if not isinstance(value, str) or not value.strip():
        _fail(path, where, field, "must be non-empty text")
    try:
        return " ".join(value.format(**values).split())
    except (KeyError, IndexError, ValueError) as error:
        _fail(path, where, field, f"placeholder {error} is not a name under 'values'")
    raise AssertionError  # unreachable: _fail raises


def _check_choices(path: Path, where: str, question: dict[str, Any],
                   values: dict[str, float]) -> list[dict[str, Any]]:
    answers = question["answers"]
    if not isinstance(answers, list) or not 3 <= len(answers) <= 5:
        _fail(path, where, "answers", "must list 3 to 5 choices")
    out = []
    for n, choice in enumerate(answers, 1):
        here = f"{where}, answer {n}"
        if not isinstance(choice, dict) or set(choice) != {"answer", "correct", "feedback"}:
            _fail(path, here, "answer/correct/feedback", "each choice has exactly these three keys")
        if not isinstance(choice["correct"], bool):
            _fail(path, here, "correct", "must be true or false")
        out.append({"answer": _text(path, here, "answer", choice["answer"], values),
                    "correct": choice["correct"],
                    "feedback": _text(path, here, "feedback", choice["feedback"], values)})
    if sum(c["correct"] for c in out) != 1:
        _fail(path, where, "answers", "exactly one choice must be correct")
    if len({c["answer"] for c in out}) != len(out):
        _fail(path, where, "answers", "choices must differ")
    return out


def _check_numeric(path: Path, where: str, question: dict[str, Any],
                   values: dict[str, float]) -> list[dict[str, Any]]:
    name = question["answer"]
    if name not in values:
        _fail(path, where, "answer", "must name a number under 'values' (computed, never typed)")
    right = values[name]
    tolerance = question["tolerance"]
    if not isinstance(tolerance, int | float) or isinstance(tolerance, bool) or tolerance <= 0:
        _fail(path, where, "tolerance", "must be a number > 0")
    accept = [right - tolerance, right + tolerance]
    out = [{"type": "range", "range": accept, "correct": True,
            "feedback": _text(path, where, "feedback", question["feedback"], values)}]
    wrong = question["wrong"]
    if not isinstance(wrong, list) or not wrong:
        _fail(path, where, "wrong", "must list at least one typical wrong answer with feedback")
    for n, item in enumerate(wrong, 1):
        here = f"{where}, wrong {n}"
        if not isinstance(item, dict) or len(item) != 2 or "feedback" not in item or not (
                "range" in item or "near" in item):
            _fail(path, here, "range/near/feedback",
                  "each wrong answer has 'feedback' and either 'range' or 'near'")
        if "near" in item:  # a computed value, ± the question's tolerance
            if item["near"] not in values:
                _fail(path, here, "near", "must name a number under 'values'")
            item = {"range": [values[item["near"]] - tolerance, values[item["near"]] + tolerance],
                    "feedback": item["feedback"]}
        low_high = item["range"]
        if isinstance(low_high, list):  # an end may name a computed value
            low_high = [values.get(v, v) if isinstance(v, str) else v for v in low_high]
        if (not isinstance(low_high, list) or len(low_high) != 2
                or not all(isinstance(v, int | float) for v in low_high)
                or low_high[0] >= low_high[1]):
            _fail(path, here, "range", "must be [low, high] with low < high (numbers or names "
                  "of values)")
        if low_high[0] < accept[1] and accept[0] < low_high[1]:
            _fail(path, here, "range", f"overlaps the accepted answers {accept}")
        out.append({"type": "range", "range": list(low_high), "correct": False,
                    "feedback": _text(path, here, "feedback", item["feedback"], values)})
    out.append({"type": "default",
                "feedback": _text(path, where, "default", question["default"], values)})
    return out


def check_question(path: Path, number: int, question: Any, objectives: int | None
                   ) -> dict[str, Any]:
    """Check one question (``number`` counts from 1) and return it in jupyterquiz's format, with
    ``id`` and ``objective`` kept for the book's own use (jupyterquiz ignores them)."""
    where = f"question {number}"
    if not isinstance(question, dict):
        _fail(path, where, "-", "each question is a mapping of fields")
    where = f"question {number} ({question.get('id', 'no id')})"
    kind = question.get("type")
    if kind not in TYPES:
        _fail(path, where, "type", f"must be one of {list(TYPES)}")
    for field in REQUIRED[kind]:
        if field not in question:
            _fail(path, where, field, "is required")
    unknown = sorted(set(question) - QUESTION_KEYS[kind])
    if unknown:
        _fail(path, where, unknown[0], f"is not a field of a {kind} question")
    objective = question["objective"]
    if not isinstance(objective, int) or isinstance(objective, bool) or objective < 1 or (
            objectives is not None and objective > objectives):
        limit = f"1 to {objectives}" if objectives else "1 or more"
        _fail(path, where, "objective", f"must be the number of a chapter objective ({limit})")
    values: dict[str, float] = {}
    for name, spec in (question.get("values") or {}).items():
        if not isinstance(spec, dict):
            _fail(path, where, f"values.{name}", "must be a mapping with 'compute' and arguments")
        try:
            values[name] = compute(spec)
        except (ValueError, KeyError) as error:
            _fail(path, where, f"values.{name}", str(error))
    lms = question.get("lms", {})
    if not isinstance(lms, dict) or set(lms) - {"points"}:
        _fail(path, where, "lms", "may only hold 'points'")
    result = {"id": question["id"], "objective": objective, "type": kind,
              "question": _text(path, where, "question", question["question"], values),
              "points": lms.get("points", 1)}
    if kind == "multiple_choice":
        result["answers"] = _check_choices(path, where, question, values)
    else:
        result["answers"] = _check_numeric(path, where, question, values)
        result["precision"] = 0  # jupyterquiz compares the number as typed, against the ranges
        result["value"] = values[question["answer"]]
    return result


def load(chapter: str, directory: Path = QUIZ_DIR, objectives: int | None = None
         ) -> list[dict[str, Any]]:
    """Load and check ``<directory>/<chapter>.yml``; return its questions (jupyterquiz format).

    ``objectives``, if given, is the chapter's number of learning objectives: every question's
    ``objective`` must be one of them. Raises :class:`QuizError` naming file, question, field
    and rule.
    """
    path = directory / f"{chapter}.yml"
    if not path.exists():
        raise QuizError(f"{path}: no question file for chapter '{chapter}'")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise QuizError(f"{path.name}: not valid YAML: {error}") from None
    if not isinstance(document, dict) or set(document) != {"chapter", "questions"}:
        _fail(path, "file", "chapter/questions", "the file holds exactly these two keys")
    if document["chapter"] != chapter:
        _fail(path, "file", "chapter", f"must be '{chapter}', the file's name")
    questions = document["questions"]
    if not isinstance(questions, list) or not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        _fail(path, "file", "questions", f"must list {MIN_QUESTIONS} to {MAX_QUESTIONS} questions")
    checked = [check_question(path, n, q, objectives) for n, q in enumerate(questions, 1)]
    ids = [q["id"] for q in checked]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        _fail(path, f"question id {duplicates[0]}", "id", "must be unique in the file")
    return checked


def chapters(directory: Path = QUIZ_DIR) -> list[str]:
    """The chapters that have a question file."""
    return sorted(p.stem for p in directory.glob("*.yml"))


# ---------------------------------------------------------------------------------------------
# Display: live (jupyterquiz inline) and static (the book's renderer plus _static/jupyterquiz.js).

QUIZ_OPTIONS = {"shuffle_answers": True, "max_width": 760, "border_radius": 6,
                "colors": {"--jq-multiple-choice-bg": "#1f3b63", "--jq-numeric-bg": "#1f3b63",
                           "--jq-incorrect-color": "#b00020", "--jq-correct-color": "#00701a",
                           "--jq-link-color": "#cfe0ff"}}


def jupyterquiz_parts(questions: list[dict[str, Any]], div_id: str) -> tuple[str, str, str]:
    """jupyterquiz's container ``<div>``, its ``<style>`` and its full script, for ``div_id``."""
    from jupyterquiz.dynamic.loader import load_questions_script
    from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

    colors = {
        "--jq-mc-button-bg": "#fafafa", "--jq-mc-button-border": "#e0e0e0e0",
        "--jq-mc-button-inset-shadow": "#555555", "--jq-many-choice-bg": "#1f3b63",
        "--jq-numeric-input-bg": "#f4f6fa", "--jq-numeric-input-label": "#101010",
        "--jq-numeric-input-shadow": "#999999", "--jq-string-bg": "#1f3b63",
        "--jq-text-color": "#ffffff", **QUIZ_OPTIONS["colors"]}
    div = render_div(div_id, False, QUIZ_OPTIONS["shuffle_answers"], False, 1_000_000,
                     QUIZ_OPTIONS["max_width"], QUIZ_OPTIONS["border_radius"], "left")
    prefix, static, url = load_questions_script(questions, div_id)
    script = build_script(prefix, static, url, div_id, True)
    styles = build_styles(div_id, colors).replace(
        "</style>", QUIZ_CSS.replace("#QUIZ", f"#{div_id}") + "</style>")
    return div + "</div>", styles, script


# jupyterquiz's own sizes (16pt questions, white text in a white box) are made for slides: the
# book's quizzes use the page's text size and a readable answer box.
# The label of a number box takes the theme's text colour, so it stays readable in dark mode.
QUIZ_CSS = """
#QUIZ .Quiz { font-size: 1.05rem; line-height: 1.4; }
#QUIZ .Feedback { font-size: 1rem; text-align: left; padding: 0.3rem 0.5rem; }
#QUIZ .Input-text { color: #101010; border: 1px solid #555; font-size: 1rem; }
#QUIZ .InpLabel { color: var(--pst-color-text-base, #101010); }
#QUIZ .MCButton { font-size: 0.95rem; }
#QUIZ .Input { font-size: 1rem; }
"""


# Accessibility, added to jupyterquiz's markup: each number box is named by its question, and
# feedback is announced to screen readers when it appears.
A11Y_SCRIPT = """
function jpsQuizA11y(container) {
  container.querySelectorAll('.Quiz').forEach(function (quiz) {
    var text = quiz.querySelector('.NumericQn, .MultipleChoiceQn');
    quiz.querySelectorAll('input.Input-text').forEach(function (box) {
      box.setAttribute('aria-label', (text ? text.textContent.trim() + ' ' : '') +
                       '(type a number, then press Enter)');
    });
    quiz.querySelectorAll('.Feedback').forEach(function (fb) {
      fb.setAttribute('aria-live', 'polite');
    });
  });
}
"""


class Quiz:
    """A chapter's quiz as a notebook output (see the module docstring for its two forms)."""

    def __init__(self, chapter: str, questions: list[dict[str, Any]]) -> None:
        self.chapter = chapter
        self.questions = questions

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        div_id = f"quiz{self.chapter.replace('-', '')}"
        div, styles, script = jupyterquiz_parts(self.questions, div_id)
        fix = (f"{A11Y_SCRIPT}\n(function wait() {{ var c = document.getElementById('{div_id}');"
               " if (c && c.querySelector('.Quiz')) { jpsQuizA11y(c); }"
               " else { setTimeout(wait, 200); } })();")
        live = f"{div}{styles}<script>{script}</script><script>{fix}</script>"
        return {QUIZ_MIME: {"chapter": self.chapter, "questions": self.questions},
                "text/html": live,
                "text/plain": f"Self-check quiz for {self.chapter}: {len(self.questions)} "
                              "questions (open in JupyterLab or the HTML book to answer)."}


def show(chapter: str) -> Quiz:
    """The self-check quiz of ``chapter`` (from ``quizzes/<chapter>.yml``), ready to display."""
    return Quiz(chapter, load(chapter))
