"""The capstone (chapters/check-claims.ipynb): every claim has a verdict on the six-level scale,
each solution states the verdict its claim has in VERDICTS, and the summary is counted from them."""

from __future__ import annotations

import ast
import re

import nbformat
from conftest import ROOT

PATH = ROOT / "chapters" / "check-claims.ipynb"
SCALE = ["accurate", "imprecise", "misleading", "unsupported", "wrong", "out of date"]


def _notebook() -> tuple[str, dict[str, str], list[str]]:
    cells = nbformat.read(PATH, as_version=4).cells
    text = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    code = next(c.source for c in cells if "VERDICTS = {" in c.source)
    tree = ast.parse(code)
    values = {t.id: ast.literal_eval(node.value) for node in tree.body
              if isinstance(node, ast.Assign) for t in node.targets
              if isinstance(t, ast.Name) and t.id in ("VERDICTS", "SCALE")}
    return text, values["VERDICTS"], values["SCALE"]


def verdicts_in_solutions(text: str) -> dict[str, str]:
    """The verdict each solution states first ("**Verdict: wrong.**"), by exercise label."""
    found = {}
    for label, body in re.findall(r"```\{solution\} (\S+)\n(.*?)```", text, re.S):
        match = re.search(r"\*\*Verdict: ([a-z ]+?)[.,*]", body)
        if match:
            found[label] = match.group(1)
    return found


def test_scale_has_six_levels_in_code_and_table() -> None:
    text, _, scale = _notebook()
    assert scale == SCALE
    table = text.split("## Step 2: the verdict scale", 1)[1].split("## Step 3", 1)[0]
    assert re.findall(r"^\| \*\*([a-z ]+)\*\* \|", table, re.M) == SCALE


def test_every_claim_has_one_verdict_and_its_solution_agrees() -> None:
    text, verdicts, _ = _notebook()
    claims = re.findall(r"```\{exercise\} Claim \d+[^\n]*\n:label: (\S+)", text)
    assert sorted(claims) == sorted(verdicts), (claims, sorted(verdicts))
    stated = verdicts_in_solutions(text)
    assert stated == verdicts, {k: (stated.get(k), v) for k, v in verdicts.items()
                                if stated.get(k) != v}
    assert set(verdicts.values()) <= set(SCALE)


def test_summary_is_counted_not_typed() -> None:
    text, _, _ = _notebook()
    summary = text.split("## Summary", 1)[1].split("##", 1)[0]
    assert "{glue:text}`verdict_summary`" in summary
    assert not re.search(r"\b(none|one|two|three|four|five|six|seven|eight) (of|is|are)\b",
                         summary.replace("{glue:text}`verdict_summary`", ""))
