"""The build can never publish a stale output: the execution cache is named by everything the
outputs depend on, the edition's configuration is edited by key, and the as-of date has one home."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from japansec import data
from japansec.build.book import (
    INPUTS,
    digest_file,
    edition_config,
    inputs_digest,
    source_digest,
    up_to_date,
)


def small_tree(root: Path) -> Path:
    for name in INPUTS:
        path = root / name
        if "." in name:
            path.write_text(f"{name}\n", "utf-8")
        else:
            (path / "sub").mkdir(parents=True)
            (path / "sub" / "file.txt").write_text("one\n", "utf-8")
    return root


@pytest.mark.parametrize("changed", INPUTS)
def test_cache_name_changes_with_every_input(tmp_path, changed) -> None:
    """Editing the package, the data or the requirements gives a new cache (a new, empty one)."""
    root = small_tree(tmp_path)
    before = inputs_digest(root)
    assert inputs_digest(root) == before
    path = root / changed
    target = path if path.is_file() else path / "sub" / "file.txt"
    target.write_text(target.read_text("utf-8") + "changed\n", "utf-8")
    assert inputs_digest(root) != before


def test_student_edition_config_is_edited_by_key(tmp_path) -> None:
    config = edition_config(tmp_path / "cache", student=True)
    assert config["sphinx"]["config"]["hide_solutions"] is True
    assert config["execute"]["cache"] == str(tmp_path / "cache")
    assert edition_config(tmp_path, student=False)["sphinx"]["config"]["hide_solutions"] is False


def test_a_missing_config_key_fails(tmp_path) -> None:
    text = (ROOT / "_config.yml").read_text("utf-8").replace("hide_solutions: false", "")
    (tmp_path / "_config.yml").write_text(text, "utf-8")
    with pytest.raises(KeyError, match=r"sphinx\.config\.hide_solutions"):
        edition_config(tmp_path, student=True, root=tmp_path)


def test_the_as_of_date_lives_in_the_data_package_only() -> None:
    """The book shows the package's as_of (japansec.build.sphinxext); no other file repeats it, and
    no table or event is dated after it."""
    as_of = data.package()["as_of"]
    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    assert "book_as_of" not in config["sphinx"]["config"]
    code = [*ROOT.glob("japansec/**/*.py"), *ROOT.glob("chapters/*"), ROOT / "_config.yml"]
    copies = [str(p.relative_to(ROOT)) for p in code if p.is_file()
              and as_of in p.read_text("utf-8", errors="ignore")]
    assert not copies, f"the as-of date {as_of} is typed in {copies}: read data.package()"
    for table in data.package()["resources"]:
        assert table["as_of"] <= as_of, f"{table['name']}: as_of {table['as_of']} > {as_of}"
    dates = [pd.Timestamp(d) for d in data.load("events")["date"]]
    assert max(dates) <= pd.Timestamp(as_of)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of)


def git_tree(root: Path) -> Path:
    """A small git checkout: one tracked chapter, one untracked file, one ignored, one test."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text("_build/\n", "utf-8")
    for name, text in (("chapters/one.md", "# One\n"), ("tests/test_one.py", "x = 1\n"),
                       ("_build/html/index.html", "old\n")):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    subprocess.run(["git", "add", "chapters", ".gitignore"], cwd=root, check=True)
    (root / "notes.md").write_text("not committed yet\n", "utf-8")
    return root


@pytest.mark.parametrize("edit, changes", [
    ("chapters/one.md", True),  # a tracked source
    ("notes.md", True),  # an untracked file the build could read
    ("_build/html/index.html", False),  # the output itself (ignored by git)
    ("tests/test_one.py", False),  # the tests do not make the book
])
def test_a_build_is_skipped_only_when_nothing_it_is_made_from_changed(tmp_path, edit,
                                                                       changes) -> None:
    root = git_tree(tmp_path)
    before = source_digest(root)
    assert before == source_digest(root) and before != source_digest(root, student=True)
    (root / edit).write_text("edited\n", "utf-8")
    assert (source_digest(root) != before) is changes, edit


def test_up_to_date_needs_the_digest_of_a_successful_build_and_its_pages(tmp_path) -> None:
    root = git_tree(tmp_path)
    assert not up_to_date(root, root=root)  # never built
    digest_file(root).write_text(source_digest(root) + "\n", "utf-8")
    assert up_to_date(root, root=root)
    assert not up_to_date(root, student=True, root=root)  # the other edition
    (root / "_build" / "html" / "index.html").unlink()
    assert not up_to_date(root, root=root)  # pages gone
    assert source_digest(tmp_path / "not-a-checkout") is None
