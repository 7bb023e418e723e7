"""The build can never publish a stale output: the execution cache is named by everything the
outputs depend on, the edition's configuration is edited by key, and the as-of date has one home."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from japansec import data
from japansec.build.book import INPUTS, edition_config, inputs_digest


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
