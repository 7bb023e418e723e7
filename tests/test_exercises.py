"""Exercises and objectives: every learning objective of every chapter with exercises is assessed
(the map in chapters/instructor-guide.md), every label in the map exists, and each teaching chapter
has at least five exercises with model answers and marking guides."""

from __future__ import annotations

import re

import nbformat
import pytest
from conftest import ROOT, chapter_objectives

from japansec import quizzes
from japansec.build.book import toc_files

GUIDE = ROOT / "chapters" / "instructor-guide.md"
TEACHING = ("money", "missiles", "alliance", "risk")


def chapters_with_exercises() -> list[str]:
    names = []
    for f in toc_files():
        path = ROOT / f"{f}.ipynb"
        if path.exists() and "## Exercises" in _text(path):
            names.append(path.stem)
    return names


def _text(path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)


def objective_map(text: str) -> dict[tuple[str, int], tuple[list[str], list[str]]]:
    """Rows of the map: (chapter, objective number) -> (exercise labels, quiz question ids)."""
    table = text.split("## Objectives and how they are assessed", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not re.match(r"\d+\.", cells[1]):
            continue
        key = (cells[0], int(cells[1].split(".")[0]))
        assert key not in rows, f"instructor guide: objective {key} mapped twice"
        rows[key] = (re.findall(r"\{ref\}`([^`]+)`", cells[2]), re.findall(r"`([a-z0-9-]+)`",
                                                                             cells[3]))
    return rows


def test_every_objective_is_assessed() -> None:
    rows = objective_map(GUIDE.read_text("utf-8"))
    missing = []
    for chapter in chapters_with_exercises():
        for number, _ in enumerate(chapter_objectives(chapter), 1):
            exercises, questions = rows.get((chapter, number), ([], []))
            if not exercises and not questions:
                missing.append(f"{chapter} objective {number}")
    assert not missing, f"objectives no exercise or quiz question assesses: {missing}"
    extra = [k for k in rows if k[0] not in chapters_with_exercises()
             or k[1] > len(chapter_objectives(k[0]))]
    assert not extra, f"the map names objectives that do not exist: {extra}"


def test_every_label_in_the_map_exists_and_every_exercise_is_mapped() -> None:
    rows = objective_map(GUIDE.read_text("utf-8"))
    for chapter in chapters_with_exercises():
        text = _text(ROOT / "chapters" / f"{chapter}.ipynb")
        labels = set(re.findall(r"```\{exercise\}[^\n]*\n:label: (\S+)", text))
        mapped = {e for (c, _), (es, _) in rows.items() if c == chapter for e in es}
        assert mapped <= labels, f"{chapter}: map names unknown exercises {sorted(mapped - labels)}"
        assert labels <= mapped, f"{chapter}: exercises not in the map {sorted(labels - mapped)}"
        if chapter in quizzes.chapters():
            objective_of = {q["id"]: q["objective"] for q in quizzes.load(chapter)}
            for (c, number), (_, ids) in rows.items():
                for question in ids if c == chapter else []:
                    assert objective_of.get(question) == number, (
                        f"{chapter}: question {question} is mapped to objective {number} but "
                        f"quizzes/{chapter}.yml gives {objective_of.get(question)}")
            mapped_ids = {q for (c, _), (_, ids) in rows.items() if c == chapter for q in ids}
            assert mapped_ids == set(objective_of), (chapter, set(objective_of) ^ mapped_ids)


@pytest.mark.parametrize("chapter", TEACHING)
def test_teaching_chapters_have_five_exercises_with_marking_guides(chapter: str) -> None:
    text = _text(ROOT / "chapters" / f"{chapter}.ipynb")
    exercises = re.findall(r"```\{exercise\} ([^\n]*)\n:label: (\S+)", text)
    assert len(exercises) >= 5, f"{chapter}: {len(exercises)} exercises"
    solutions = dict(re.findall(r"```\{solution\} (\S+)\n(.*?)```", text, re.S))
    assert {label for _, label in exercises} <= set(solutions)
    titles = " ".join(title for title, _ in exercises)
    assert "Data" in titles and "Written" in titles, f"{chapter}: needs a data and a written task"
    unmarked = [label for title, label in exercises
                if title.split(":")[0] in ("Recall", "Written", "Evaluate")
                and "*Marking" not in solutions[label]]
    assert not unmarked, f"{chapter}: model answers without a marking guide: {unmarked}"


def test_chicken_exercise_agrees_with_the_model() -> None:
    from japansec.models.games import classify

    text = _text(ROOT / "chapters" / "risk.ipynb")
    solution = text.split("```{solution} ex-risk-game", 1)[1].split("```", 1)[0]
    assert f"**{classify(R=3, S=2, T=4, P=1)}**" in solution
