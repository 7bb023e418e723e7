"""`make lms`: one QTI package per quiz file, with the structure Canvas imports, every question."""

from __future__ import annotations

import runpy
import xml.etree.ElementTree as ET
import zipfile

import pytest
from conftest import ROOT

from japansec import quizzes
from japansec.build.lms import export

KINDS = {"multiple_choice": "multiple_choice_question", "numeric": "numerical_question"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@pytest.mark.parametrize("chapter", quizzes.chapters())
def test_qti_package_structure_and_items(chapter: str, tmp_path) -> None:
    questions = quizzes.load(chapter)
    path = export(chapter, tmp_path)
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert "imsmanifest.xml" in names
        manifest = ET.fromstring(package.read("imsmanifest.xml"))
        hrefs = {e.get("href") for e in manifest.iter() if e.get("href")}
        assert hrefs and hrefs <= set(names), f"manifest names missing files: {hrefs - set(names)}"
        (assessment,) = [n for n in names if n.endswith(".xml") and n.split("/")[-1] ==
                         n.split("/")[0] + ".xml"]
        tree = ET.fromstring(package.read(assessment))
    items = [e for e in tree.iter() if _local(e.tag) == "item"]
    assert len(items) == len(questions)
    titles = [item.get("title") for item in items]
    assert titles == [q["id"] for q in questions]
    kinds = []
    for item in items:
        fields = {}
        for field in (e for e in item.iter() if _local(e.tag) == "qtimetadatafield"):
            label = next(e.text for e in field if _local(e.tag) == "fieldlabel")
            fields[label] = next(e.text for e in field if _local(e.tag) == "fieldentry")
        kinds.append(fields["question_type"])
    assert kinds == [KINDS[q["type"]] for q in questions]


def test_make_lms_writes_every_chapter() -> None:
    """`make lms`: its script, run as a script in this process (a new interpreter would only
    import the package again). Packages left by an earlier run are removed first."""
    for old in (ROOT / "_build" / "lms").glob("*-qti.zip"):
        old.unlink()
    with pytest.raises(SystemExit) as finished:
        runpy.run_path(str(ROOT / "scripts" / "make_lms.py"), run_name="__main__")
    assert finished.value.code == 0
    written = sorted(p.name for p in (ROOT / "_build" / "lms").glob("*-qti.zip"))
    assert written == [f"{c}-qti.zip" for c in quizzes.chapters()]
