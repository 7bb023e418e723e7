"""Export the self-check quizzes (``quizzes/<chapter>.yml``) to QTI packages for Canvas and Moodle.

The same checked questions as the book (``japansec.quizzes.load``, numbers computed from the data
package) are written in text2qti's plain-text format and converted with text2qti (pinned in
requirements.txt) into one QTI 1.2 zip per chapter: multiple-choice questions keep their feedback
for every choice; numeric questions accept the book's range and give its right-answer and default
feedback (QTI numeric items have one incorrect-answer feedback, not one per typical mistake).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from japansec import quizzes


def _one_line(text: str) -> str:
    """Quiz text on one line, safe for text2qti's line-based format."""
    return " ".join(text.split())


def text2qti_source(chapter: str, questions: list[dict[str, Any]], title: str) -> str:
    """The chapter's quiz in text2qti's plain-text format.

    >>> q = [{"id": "q1", "type": "multiple_choice", "question": "2 + 2?", "points": 1,
    ...       "answers": [{"answer": "4", "correct": True, "feedback": "Yes."},
    ...                   {"answer": "5", "correct": False, "feedback": "No."}]}]
    >>> print(text2qti_source("demo", q, "Demo"))  # doctest: +NORMALIZE_WHITESPACE
    Quiz title: Demo
    Quiz description: Self-check questions, chapter 'demo'.
    Shuffle answers: true
    <BLANKLINE>
    Title: q1
    Points: 1
    1.  2 + 2?
    *a) 4
    ... Yes.
    b)  5
    ... No.
    <BLANKLINE>
    """
    lines = [f"Quiz title: {title}",
             f"Quiz description: Self-check questions, chapter '{chapter}'.",
             "Shuffle answers: true", ""]
    for number, question in enumerate(questions, 1):
        lines += [f"Title: {question['id']}", f"Points: {question['points']}",
                  f"{number}.  {_one_line(question['question'])}"]
        if question["type"] == "multiple_choice":
            for letter, choice in zip("abcde", question["answers"], strict=False):
                mark = f"*{letter})" if choice["correct"] else f"{letter}) "
                lines += [f"{mark} {_one_line(choice['answer'])}",
                          f"... {_one_line(choice['feedback'])}"]
        else:
            right = question["answers"][0]
            default = question["answers"][-1]
            low, high = right["range"]
            lines += [f"+   {_one_line(right['feedback'])}",  # text2qti: feedback first
                      f"-   {_one_line(default['feedback'])}",
                      f"=   [{low:.6g}, {high:.6g}]"]
        lines.append("")
    return "\n".join(lines)


def export(chapter: str, out_dir: Path, title: str | None = None) -> Path:
    """Write ``<out_dir>/<chapter>-qti.zip`` (and the text2qti source beside it); return the zip."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    questions = quizzes.load(chapter)
    source = text2qti_source(chapter, questions, title or f"Self-check: {chapter}")
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{chapter}-text2qti.md").write_text(source, encoding="utf-8")
    quiz = Quiz(source, config=Config(), source_name=f"{chapter}-text2qti.md")
    target = out_dir / f"{chapter}-qti.zip"
    QTI(quiz).save(target)
    return target
