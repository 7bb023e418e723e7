"""What the built book hands out for running the notebooks elsewhere: its own wheel and the course
bundle. Called by japansec.build.sphinxext after every HTML build, so both always match the source.

- ``wheel/japansec-<version>-py3-none-any.whl``: the package with its data package (validated, and
  a record of that validation: see record_validation), built from the current source (setuptools,
  no network: a copy of the source in a temporary folder, so no stale ``build/`` folder can leak
  old files in), and ``wheel/japansec.json`` naming it (version, file,
  SHA-256): what every notebook's setup cell reads (see japansec.build.setup_cell).
- ``course-bundle.zip``: every chapter notebook, the wheel, a requirements.txt pinning the wheel's
  whole dependency tree to the versions the book was built and tested with, and a README.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

from japansec import __version__

ROOT = Path(__file__).resolve().parents[2]
WHEEL_DIR = "wheel"
BUNDLE = "course-bundle.zip"
BUNDLE_FOLDER = "japan-security-course"
# Besides the package's own dependencies the bundle pins a kernel, so that a bare Python can run it.
BUNDLE_EXTRAS = ("ipykernel",)

BUNDLE_README = """\
# Japan's Security Shift since 2022: the course bundle

The chapter notebooks of the book, with its Python package (japansec {version}, the wheel in this
folder, which carries the book's data) and the exact versions of everything it needs, as tested
when the book was built on {built}.

## Install and run (a lab machine, your laptop, a JupyterHub terminal)

    cd japan-security-course
    python3 -m venv .venv && . .venv/bin/activate     # optional: a separate environment
    pip install -r requirements.txt
    pip install jupyterlab                            # if no Jupyter is installed yet
    jupyter lab notebooks/

Python 3.11 or newer. Each notebook's first cell checks that japansec {version} or newer is
installed; nothing else is fetched from the book's site once requirements.txt is installed, and
the notebooks need no internet (the maps' base map is in the package). The package's data were
validated when the book was built; if you change a table, the package validates it again and asks
you to install frictionless for that. Run a live panel's cell
(marked "Live panel") to drive its sliders.

## On a JupyterHub for a whole class

Install requirements.txt into the hub's user image (or a shared environment) once, and copy the
notebooks/ folder to each student (for example with nbgitpuller from a repository of your own,
or your hub's file distribution).

## In a learning-management system (Moodle, Canvas, Blackboard)

Upload the notebooks as files for students who run Jupyter themselves, and this zip for those who
need the package: the steps above are all they need. For the reading itself, link the book's web
pages, which need no installation.
"""


def build_wheel(out_dir: Path, source: Path = ROOT) -> Path:
    """Build the japansec wheel from ``source`` into ``out_dir``; return its path.

    The source is copied first (the data package's symlink followed, SIPRI's raw workbook and
    caches left out), so the wheel holds exactly the current files.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="japansec-wheel-") as folder:
        tree = Path(folder) / "src"
        tree.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(source / name, tree / name)
        shutil.copytree(source / "japansec", tree / "japansec", symlinks=False,
                        ignore=shutil.ignore_patterns("__pycache__", "raw", "*.pyc"))
        record_validation(tree / "japansec" / "data_package")
        built = Path(folder) / "dist"
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from setuptools import build_meta as b; "
             "print(b.build_wheel(sys.argv[1]))", str(built)],
            cwd=tree, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"building the japansec wheel failed:\n{result.stderr[-3000:]}")
        name = result.stdout.strip().splitlines()[-1]
        for old in out_dir.glob("japansec-*.whl"):
            old.unlink()
        return Path(shutil.copy2(built / name, out_dir / name))


def record_validation(base: Path) -> None:
    """Validate every table of the data package in ``base`` (the wheel's copy) and write there the
    record of it (``validated.json``: frictionless's version, each table's digest), so that an
    instructor's kernel does not validate the same bytes again, nor need frictionless
    (japansec.data.validate_once). A record already in the copy is removed first: only this
    validation may be recorded."""
    from japansec import data

    (base / data.VALIDATION_RECORD).unlink(missing_ok=True)
    data.validate_all(base)
    record = {"frictionless": metadata.version("frictionless"),
              "tables": {name: data.data_digest(name, base) for name in data.table_names(base)}}
    (base / data.VALIDATION_RECORD).write_text(json.dumps(record, indent=1) + "\n",
                                               encoding="utf-8")


def describe_wheel(wheel: Path) -> dict[str, str]:
    """What the setup cell reads: name, version, file name and SHA-256 of the wheel."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    return {"name": "japansec", "version": __version__, "file": wheel.name, "sha256": digest}


def pinned_requirements(roots: list[str]) -> list[str]:
    """``name==version`` for ``roots`` and everything they need, as installed here (sorted).

    Requirements whose environment marker does not hold here (another platform, an extra) are
    left out, as pip would leave them out on this machine.
    """
    pins: dict[str, str] = {}
    todo = list(roots)
    while todo:
        requirement = Requirement(todo.pop())
        key = re.sub(r"[-_.]+", "-", requirement.name).lower()
        if key in pins:
            continue
        try:
            dist = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError as error:
            raise RuntimeError(f"{requirement.name} is required by japansec but not installed "
                               "in the build environment (make setup installs it)") from error
        pins[key] = f"{dist.metadata['Name']}=={dist.version}"
        for line in dist.requires or []:
            needed = Requirement(line)
            if needed.marker is None or needed.marker.evaluate({"extra": ""}):
                todo.append(str(needed).split(";")[0])
    return sorted(pins.values(), key=str.lower)


def runtime_dependencies() -> list[str]:
    """The package's declared runtime dependencies (pyproject.toml's ``dependencies``)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"])


def build_bundle(path: Path, wheel: Path, notebooks: list[Path], built: str) -> Path:
    """The course bundle: notebooks, wheel, pinned requirements.txt and README.md, in one zip."""
    pins = pinned_requirements([*runtime_dependencies(), *BUNDLE_EXTRAS])
    requirements = "\n".join([
        "# Everything the notebooks need, at the versions the book was built and tested with.",
        *pins,
        "# The book's own package, with its data (from this folder).",
        f"./{wheel.name}",
    ]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        top = BUNDLE_FOLDER
        bundle.writestr(f"{top}/README.md", BUNDLE_README.format(version=__version__,
                                                                 built=built))
        bundle.writestr(f"{top}/requirements.txt", requirements)
        bundle.write(wheel, f"{top}/{wheel.name}")
        for notebook in notebooks:
            bundle.write(notebook, f"{top}/notebooks/{notebook.name}")
    return path


def publish(outdir: Path, notebooks: list[Path], built: str) -> dict[str, str]:
    """Build the wheel into ``outdir/wheel/`` with its description, and the course bundle."""
    wheel = build_wheel(outdir / WHEEL_DIR)
    info = describe_wheel(wheel)
    (outdir / WHEEL_DIR / "japansec.json").write_text(json.dumps(info, indent=1) + "\n",
                                                      encoding="utf-8")
    build_bundle(outdir / BUNDLE, wheel, notebooks, built)
    return info
