"""Self-check quizzes: the question files, their checks, and the quiz working with no kernel (the
static book, in Chromium) and in a live kernel."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import ROOT, chapter_objectives

from japansec import data, quizzes
from japansec.build import quizzes as build_quizzes
from japansec.build.notebooks import run_notebook

CHAPTERS = ("money", "missiles", "alliance", "risk")


def test_every_teaching_chapter_has_a_quiz() -> None:
    missing = [c for c in CHAPTERS if c not in quizzes.chapters()]
    assert not missing, f"chapters without quizzes/<chapter>.yml: {missing}"


@pytest.mark.parametrize("chapter", quizzes.chapters())
def test_question_file_is_valid_and_shown(chapter: str) -> None:
    """Each file passes every rule, its objectives exist in the chapter, the chapter shows it."""
    questions = quizzes.load(chapter, objectives=len(chapter_objectives(chapter)))
    assert quizzes.MIN_QUESTIONS <= len(questions) <= quizzes.MAX_QUESTIONS
    notebook = nbformat.read(ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    cells = [c for c in notebook.cells if f'quizzes.show("{chapter}")' in c.source]
    assert len(cells) == 1, f"{chapter}.ipynb: expected one cell calling quizzes.show"


def test_numeric_answers_are_computed_from_the_data() -> None:
    """The money quiz's SIPRI answer is the data package's value, not a typed number."""
    question = next(q for q in quizzes.load("money") if q["id"] == "money-share-2024")
    share = data.sipri("share_of_gdp", ["Japan"], (2024, 2024)).loc[2024, "Japan"]
    assert question["value"] == pytest.approx(float(share))
    low, high = question["answers"][0]["range"]
    assert question["answers"][0]["correct"] and low < share < high


def _money() -> dict:
    return yaml.safe_load((quizzes.QUIZ_DIR / "money.yml").read_text("utf-8"))


def _broken(document: dict, tmp_path: Path) -> str:
    (tmp_path / "money.yml").write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    with pytest.raises(quizzes.QuizError) as error:
        quizzes.load("money", tmp_path, objectives=4)
    return str(error.value)


def _numeric(document: dict) -> dict:
    return next(q for q in document["questions"] if q["type"] == "numeric")


def _choice(document: dict) -> dict:
    return next(q for q in document["questions"] if q["type"] == "multiple_choice")


BREAKS = {
    "typed numeric answer": (lambda d: _numeric(d).update(answer=1.37), "field 'answer'"),
    "missing feedback": (lambda d: _numeric(d).pop("feedback"), "field 'feedback': is required"),
    "two right choices": (lambda d: [a.update(correct=True) for a in _choice(d)["answers"]],
                          "exactly one choice must be correct"),
    "choice without feedback": (lambda d: _choice(d)["answers"][1].pop("feedback"),
                                "answer 2: field 'answer/correct/feedback'"),
    "objective out of range": (lambda d: _choice(d).update(objective=9),
                               "field 'objective': must be the number of a chapter objective"),
    "unknown placeholder": (lambda d: _choice(d).update(question="What is {nothing}?"),
                            "field 'question': placeholder"),
    "unknown computation": (lambda d: _numeric(d)["values"].update(x={"compute": "guess"}),
                            "field 'values.x': 'compute' must be one of"),
    "wrong answer range overlapping the right one": (
        lambda d: _numeric(d)["wrong"].append({"range": [0, 100], "feedback": "x"}),
        "overlaps the accepted answers"),
    "too few questions": (lambda d: d.update(questions=d["questions"][:2]),
                          "field 'questions': must list 5 to 10"),
    "unknown field": (lambda d: _choice(d).update(hint="x"), "field 'hint': is not a field"),
}


@pytest.mark.parametrize("name", BREAKS)
def test_a_broken_file_is_reported_by_file_question_field_and_rule(name: str, tmp_path) -> None:
    document = copy.deepcopy(_money())
    breaker, expected = BREAKS[name]
    breaker(document)
    message = _broken(document, tmp_path)
    assert message.startswith("money.yml: ") and expected in message, message
    if "question" not in expected and name != "too few questions":
        assert "question " in message, message


def test_site_script_makes_no_request_off_the_site() -> None:
    """The copy of jupyterquiz in _static has its only external URL (a MathJax CDN) replaced."""
    script = build_quizzes.site_script()
    assert "http://" not in script.replace("http$1", "")
    assert "https://" not in script
    assert "show_questions" in script


def _answer_and_read(page, quiz) -> dict[str, str]:
    """Click a wrong and a right choice of the first multiple-choice question and type a wrong and
    a right number into the first numeric one; return the feedback shown after each."""
    shown = {}
    question = quiz.locator(".Quiz", has=page.locator("label.MCButton")).first
    feedback = question.locator(".Feedback")
    question.locator("label[data-correct='false']").first.click()
    shown["choice wrong"] = feedback.inner_text()
    shown["choice wrong class"] = feedback.get_attribute("class")
    question.locator("label[data-correct='true']").click()
    shown["choice right"] = feedback.inner_text()
    shown["choice right class"] = feedback.get_attribute("class")
    numeric = quiz.locator(".Quiz", has=page.locator("input.Input-text")).first
    box, feedback = numeric.locator("input.Input-text"), numeric.locator(".Feedback")
    box.fill("-1")
    box.press("Enter")
    shown["number wrong"] = feedback.inner_text()
    box.fill(f"{question_value(quiz):.2f}")
    box.press("Enter")
    shown["number right"] = feedback.inner_text()
    shown["number right class"] = feedback.get_attribute("class")
    return shown


def question_value(quiz) -> float:
    """The right answer of the first numeric question of the money quiz."""
    return next(q["value"] for q in quizzes.load("money") if q["type"] == "numeric")


def _check_feedback(shown: dict[str, str]) -> None:
    money = quizzes.load("money")
    choice = next(q for q in money if q["type"] == "multiple_choice")
    number = next(q for q in money if q["type"] == "numeric")
    wrong = {a["feedback"] for a in choice["answers"] if not a["correct"]}
    right = next(a["feedback"] for a in choice["answers"] if a["correct"])
    assert shown["choice wrong"] in wrong and "incorrect" in shown["choice wrong class"], shown
    assert shown["choice right"] == right, shown
    assert "correct" in shown["choice right class"].split(), shown
    assert shown["number wrong"] == number["answers"][-1]["feedback"], shown
    assert shown["number right"] == number["answers"][0]["feedback"], shown
    assert "correct" in shown["number right class"].split(), shown


@pytest.mark.browser
def test_quiz_gives_feedback_in_the_static_page(tab, book_url: str) -> None:
    """In the built book (no kernel): a right and a wrong answer each show their own feedback."""
    page = tab.open(book_url + "chapters/money.html")
    quiz = page.locator("section.jps-quiz")
    quiz.locator(".Quiz").first.wait_for(timeout=60_000)
    assert quiz.locator(".Quiz").count() == len(quizzes.load("money"))
    _check_feedback(_answer_and_read(page, quiz))
    assert not tab.errors, tab.errors


@pytest.mark.browser
def test_quiz_cell_runs_in_a_live_kernel(tab, tmp_path) -> None:
    """The chapter's quiz cell run in a fresh kernel gives the quiz; its live (inline jupyterquiz)
    output answers in a browser like the static book does."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'from japansec import quizzes\n\nquizzes.show("money")')])
    path = tmp_path / "quiz.ipynb"
    nbformat.write(notebook, path)
    executed, _ = run_notebook(path, timeout=60)
    output = executed.cells[0].outputs[0]
    assert output["output_type"] == "execute_result"
    bundle = output["data"]
    assert len(bundle[quizzes.QUIZ_MIME]["questions"]) == len(quizzes.load("money"))
    page = tab.page
    page.set_content(f"<html><body>{bundle['text/html']}</body></html>")
    quiz = page.locator("body")
    quiz.locator(".Quiz").first.wait_for(timeout=10_000)
    _check_feedback(_answer_and_read(page, quiz))
    assert not tab.errors, tab.errors


def test_quiz_json_round_trips() -> None:
    """What the book's renderer receives is plain JSON (no NaN, no numpy types)."""
    for chapter in quizzes.chapters():
        json.dumps(quizzes.load(chapter), allow_nan=False)


def test_game_question_agrees_with_the_model() -> None:
    """The risk quiz names the game its payoffs make, as the chapter's model classifies it."""
    from japansec.models.games import classify

    question = next(q for q in quizzes.load("risk") if q["id"] == "risk-game")
    right = next(a["answer"] for a in question["answers"] if a["correct"])
    assert right.lower() == classify(R=3, S=0, T=4, P=1), right
