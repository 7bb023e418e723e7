"""The precompressed siblings (``file.gz``, ``file.br``) that a static host serves in place of a
file hold that file's bytes, also when they come from compress.mjs's cache of earlier builds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

COMPRESS = ROOT / "japansec" / "build" / "js" / "compress.mjs"
# For every sibling under a folder, whether it decompresses to the bytes of its file.
CHECK = """
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
const wrong = [];
let count = 0;
function walk(dir) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) { walk(full); continue; }
        const unpack = { '.gz': gunzipSync, '.br': brotliDecompressSync }[path.extname(full)];
        if (!unpack) continue;
        const source = full.slice(0, -3);
        count += 1;
        let same = false;
        try { same = unpack(readFileSync(full)).equals(readFileSync(source)); } catch {}
        if (!same) wrong.push(full);
    }
}
walk(process.argv[1]);
console.log(JSON.stringify({ count, wrong }));
"""


def siblings_check(folder: Path) -> dict:
    """``{"count": siblings checked, "wrong": siblings that do not hold their file's bytes}``."""
    node = shutil.which("node")
    result = subprocess.run([node, "--input-type=module", "-e", CHECK, str(folder)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def compress(folder: Path, cache: Path) -> str:
    result = subprocess.run([shutil.which("node"), str(COMPRESS), str(folder), str(cache)],
                            capture_output=True, text=True, check=True)
    return result.stdout


def test_every_sibling_in_the_built_book_holds_its_file(built_book: Path) -> None:
    checked = siblings_check(built_book)
    assert checked["count"] > 100 and not checked["wrong"], checked


def test_cached_copies_are_used_for_the_same_bytes_only(tmp_path: Path) -> None:
    """A second folder with the same bytes gets its siblings from the cache; a file whose bytes
    changed since is compressed again, not handed an old sibling."""
    cache, first, second = tmp_path / "cache", tmp_path / "first", tmp_path / "second"
    first.mkdir()
    (first / "page.html").write_text("<p>first version</p>\n" * 200, "utf-8")
    (first / "data.csv").write_text("year,value\n" + "2026,1\n" * 300, "utf-8")
    (first / "tiny.css").write_text("p{}", "utf-8")  # under 1 KB: no sibling
    out = compress(first, cache)
    assert "2 files precompressed" in out and "0 of them from the cache" in out, out
    assert "0 files precompressed" in compress(first, cache)  # siblings newer than their files
    assert sorted(p.suffix for p in cache.iterdir()) == [".br", ".br", ".gz", ".gz"]

    shutil.copytree(first, second)
    for sibling in second.glob("*.??"):
        sibling.unlink()
    page = second / "page.html"
    page.write_text("<p>second version</p>\n" * 200, "utf-8")
    later = page.stat().st_mtime + 10
    os.utime(page, (later, later))
    out = compress(second, cache)
    assert "2 files precompressed" in out and "1 of them from the cache" in out, out
    assert siblings_check(second) == {"count": 4, "wrong": []}
    assert not (second / "tiny.css.gz").exists()
