"""Build the HTML book with jupyter-book: a strict build that can never publish a stale output.

- **An execution cache named by what the outputs depend on.** jupyter-cache keys a notebook on its
  cell text only, so a cache kept across a change to the package, the data or the pinned
  requirements would hand back old outputs. Here the cache folder is named by a SHA-256 of every
  file of ``japansec/`` and ``data/``, of ``requirements.txt``, ``pyproject.toml`` and the Python
  version (:func:`inputs_digest`): any such change opens a new, empty cache, so every edition and
  every plain rebuild is safe, and an unchanged book reuses its outputs.
- **Notebooks executed in parallel** (:func:`execute_notebooks`): jupyter-cache's ``local-parallel``
  executor fills that cache over a pool of processes before jupyter-book runs; jupyter-book then
  finds every notebook in the cache (a notebook that failed there is executed again by myst-nb,
  which fails the build with its traceback).
- **Configuration edited as YAML** (:func:`edition_config`): the edition's settings are written into
  a copy of ``_config.yml`` by key; a key that is missing is an error, not a silent no-op.
- ``--warningiserror --nitpick --keep-going --all``: any warning fails the build and the log lists
  all of them; Sphinx re-reads every page (from the cache: fast).
- **No build when nothing changed** (:func:`source_digest`): after a successful build, the SHA-256
  of every file the book is made from is kept beside the output; the next build with the same
  digest stops at once (``--force`` builds anyway).
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CACHES = ROOT / "_build" / ".jupyter_cache"
# What the notebooks' outputs depend on besides their own cells.
INPUTS = ("japansec", "data", "requirements.txt", "pyproject.toml")


def inputs_digest(root: Path = ROOT) -> str:
    """SHA-256 (first 16 hex digits) of every file the notebooks' outputs depend on.

    >>> len(inputs_digest())
    16
    """
    digest = hashlib.sha256(f"python {sys.version}\n".encode())
    for name in INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for file in files:
            digest.update(f"{file.relative_to(root).as_posix()}\n".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def source_digest(root: Path = ROOT, student: bool = False) -> str | None:
    """SHA-256 of everything a build is made from: every file git tracks or would track (all but
    what .gitignore leaves out: the tests aside), the Python version, the edition and the day (the
    course bundle is dated). ``None`` outside a git checkout, where every build runs.

    The installed Python and Node packages are covered by requirements.txt and package-lock.json.

    >>> source_digest(Path("/")) is None  # not a git checkout
    True
    """
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                                 "--exclude-standard"], cwd=root, capture_output=True,
                                check=True).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return None
    digest = hashlib.sha256(f"python {sys.version}\nstudent {student}\n"
                            f"day {datetime.date.today().isoformat()}\n".encode())
    for name in sorted(set(listed.split("\0"))):
        path = root / name
        if name and not name.startswith("tests/") and path.is_file():  # not a deleted file
            digest.update(f"{name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def digest_file(output: Path) -> Path:
    """Where a successful build into ``output`` keeps the digest of what it was made from."""
    return output / "_build" / "html-source.sha256"


def up_to_date(output: Path, student: bool = False, root: Path = ROOT) -> bool:
    """Whether ``output`` holds a successful build of exactly the current sources."""
    digest, kept = source_digest(root, student), digest_file(output)
    return bool(digest and kept.is_file() and kept.read_text("utf-8").strip() == digest
                and (output / "_build" / "html" / "index.html").is_file())


def set_key(config: dict[str, Any], dotted: str, value: Any, source: str = "_config.yml") -> None:
    """Set ``dotted`` (e.g. ``"execute.cache"``) in ``config``; KeyError if any part is missing.

    >>> config = {"execute": {"cache": "old"}}
    >>> set_key(config, "execute.cache", "new"); config
    {'execute': {'cache': 'new'}}
    >>> set_key(config, "execute.cahce", "new")
    Traceback (most recent call last):
    KeyError: "_config.yml has no key 'execute.cahce' (missing: 'cahce')"
    """
    *parents, last = dotted.split(".")
    node = config
    for part in parents:
        if not isinstance(node.get(part), dict):
            raise KeyError(f"{source} has no key {dotted!r} (missing: {part!r})")
        node = node[part]
    if last not in node:
        raise KeyError(f"{source} has no key {dotted!r} (missing: {last!r})")
    node[last] = value


def edition_config(cache: Path, student: bool, root: Path = ROOT) -> dict[str, Any]:
    """``_config.yml`` with the execution cache set to ``cache`` and, for the student edition,
    the exercise solutions hidden."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    set_key(config, "execute.cache", str(cache))
    set_key(config, "sphinx.config.hide_solutions", student)
    return config


def toc_files(root: Path = ROOT) -> list[str]:
    """Every file named in ``_toc.yml`` (without extension), in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names: list[str] = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                names.append(entry["file"])
            for key in ("chapters", "sections"):
                walk(entry.get(key, []))
            for part in entry.get("parts", []):
                walk(part.get("chapters", []))

    walk(toc.get("chapters", []))
    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return names


def book_notebooks(root: Path = ROOT) -> list[Path]:
    """The notebooks of ``_toc.yml``, in reading order."""
    return [root / f"{name}.ipynb" for name in toc_files(root)
            if (root / f"{name}.ipynb").exists()]


def execute_notebooks(cache: Path, notebooks: list[Path], timeout: int) -> list[str]:
    """Execute into ``cache`` every notebook not cached there yet, in parallel (one process per
    core); return the URIs of the notebooks that failed."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    store = get_cache(str(cache))
    for path in notebooks:
        store.add_nb_to_project(str(path))
    result = load_executor("local-parallel", cache=store).run_and_cache(timeout=timeout)
    return [*result.excepted, *result.errored]


def build(output: Path, student: bool = False, root: Path = ROOT) -> int:
    """Execute the notebooks (cached by inputs) and run jupyter-book; return its exit code. On
    success, keep the digest of the sources it was built from (:func:`up_to_date`)."""
    digest = source_digest(root, student)
    digest_file(output).unlink(missing_ok=True)
    cache = CACHES / inputs_digest(root)
    for old in CACHES.glob("*") if CACHES.exists() else []:
        if old != cache and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    config = edition_config(cache, student, root)
    failed = execute_notebooks(cache, book_notebooks(root), config["execute"]["timeout"])
    if failed:
        print(f"notebooks that failed (jupyter-book re-runs them and shows why): {failed}",
              file=sys.stderr)
    config_file = root / "_build" / ("config-student.yml" if student else "config-html.yml")
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    command = [
        str(Path(sys.executable).with_name("jupyter-book")), "build", str(root),
        "--path-output", str(output), "--config", str(config_file),
        "--warningiserror", "--nitpick", "--keep-going", "--all",
    ]
    code = subprocess.call(command, cwd=root)
    if code == 0 and digest:
        digest_file(output).write_text(digest + "\n", encoding="utf-8")
    return code
