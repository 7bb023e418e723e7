"""The stylesheet bundle (japansec.build.css_bundle) on a small site made here: what it keeps,
where it links, and what it says when a page links a stylesheet that is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from japansec.build.css_bundle import bundle_site, purge

PAGE = """<html><head>
<link href="{up}_static/basic.css" rel="stylesheet" />
<script src="{up}_static/tools.js"></script>
<link rel="stylesheet" type="text/css" href="{up}_static/styles/theme.css?v=1" />
</head><body><div class="note"><p id="first">x</p></div></body></html>"""


def make_site(root: Path) -> Path:
    (root / "_static" / "styles").mkdir(parents=True)
    (root / "chapters").mkdir()
    (root / "_static" / "basic.css").write_text("div.note{margin:0}.unused{margin:1px}")
    (root / "_static" / "styles" / "theme.css").write_text(
        "@font-face{font-family:F;src:url(../fonts/f.woff2)}#first{color:red}"
        "@media (max-width:10px){.open{x:y}.gone{x:z}}")
    (root / "_static" / "tools.js").write_text("el.classList.add('open')")
    (root / "index.html").write_text(PAGE.format(up=""))
    (root / "chapters" / "one.html").write_text(PAGE.format(up="../"))
    return root


def test_one_bundle_of_the_rules_that_can_match(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "_static" / "bundle-old.css").write_text("stale")
    sizes = bundle_site(site)
    assert len(sizes) == 1 and not (site / "_static" / "bundle-old.css").exists()
    name = next(iter(sizes))
    css = (site / "_static" / name).read_text()
    assert "div.note{margin:0}" in css and "#first{color:red}" in css
    assert ".open{x:y}" in css, "a class a script adds was purged"
    assert ".unused" not in css and ".gone" not in css
    assert "url(fonts/f.woff2)" in css, "url() not rebased from _static/styles to _static"
    page = (site / "chapters" / "one.html").read_text()
    assert page.count("stylesheet") == 1 and f'href="../_static/{name}"' in page
    assert 'data-japansec-bundles="basic.css styles/theme.css"' in page
    assert '<script src="../_static/tools.js"></script>' in page, "what lay between was lost"
    assert f'href="_static/{name}"' in (site / "index.html").read_text()


def test_bundling_again_gives_the_same_pages(tmp_path: Path) -> None:
    """An incremental build leaves pages it did not rewrite linked to the last bundle: bundling
    again reads the stylesheets that bundle lists and gives the same pages and bundle."""
    site = make_site(tmp_path)
    first = bundle_site(site)
    pages = {p: p.read_text() for p in site.rglob("*.html")}
    assert bundle_site(site) == first
    assert {p: p.read_text() for p in site.rglob("*.html")} == pages
    assert [p.name for p in (site / "_static").glob("bundle-*")] == list(first)


def test_a_missing_stylesheet_names_page_and_file(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "_static" / "basic.css").unlink()
    with pytest.raises(FileNotFoundError, match=r"chapters/one\.html: links _static/basic\.css"):
        bundle_site(site)


def test_unparsable_css_is_an_error_with_its_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        purge("p{}\n}", {"p"})


def test_the_built_icon_masks_hold_each_rule_once(built_book: Path) -> None:
    """japansec-icons.css is made from the theme's stylesheets only, not also from the last
    build's bundle of the same rules (an incremental build would write every rule twice)."""
    rules = (built_book / "_static" / "japansec-icons.css").read_text().splitlines()
    assert rules and len(rules) == len(set(rules)), "icon rules written more than once"
