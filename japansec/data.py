"""Load the book's data package (data/datapackage.json) as validated, typed pandas DataFrames.

Every table is described in ``data/datapackage.json`` (a Frictionless Data Package): its fields,
types, units, constraints and keys. :func:`load` has a table validated against that schema with the
``frictionless`` library before returning it (once per version of its bytes: see
:func:`validate_once`), so a malformed file fails loudly, naming the file, row, column and rule,
instead of flowing into a figure as a silent NaN.

The wheel the book publishes carries a record of the validation its build made
(``data_package/validated.json``: frictionless's version and each table's digest): an instructor's
kernel trusts a table whose bytes are the ones the build validated, and needs frictionless only
for a table that differs (it says so, naming the version to install).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

# The data package ships inside the package (``japansec/data_package``): in a clone that is a
# symlink to the repository's ``data/`` folder, in the wheel a copy of its tables. Read through
# importlib.resources, so an editable install, a wheel and a course bundle all find it.
DATA_DIR = Path(os.fspath(resources.files("japansec") / "data_package"))
PACKAGE_FILE = DATA_DIR / "datapackage.json"
VALIDATION_RECORD = "validated.json"  # in the wheel's data package only: see validation_record


def _validated_dir() -> Path:
    """Where validation stamps go: ``_build/`` in a clone, the user's cache dir elsewhere."""
    clone = DATA_DIR.resolve().parent
    if (clone / "pyproject.toml").exists():
        return clone / "_build" / "data-validated"
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "japansec" / "data-validated"


VALIDATED_DIR = _validated_dir()

# How each Frictionless field type is read; dates are parsed after reading. A type not listed
# here is an error (never silently read as text).
_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "string": "string",
                 "boolean": "boolean", "date": "string"}


class DataError(ValueError):
    """A data file breaks its schema: the message names file, row, column and rule."""


@cache
def package(base: Path = DATA_DIR) -> dict[str, Any]:
    """The data package descriptor (``datapackage.json`` in ``base``) as a dict."""
    return json.loads((base / PACKAGE_FILE.name).read_text(encoding="utf-8"))


def resource(name: str, base: Path = DATA_DIR) -> dict[str, Any]:
    """The descriptor of one table; a clear error lists the valid names."""
    for item in package(base)["resources"]:
        if item["name"] == name:
            return item
    names = ", ".join(sorted(r["name"] for r in package(base)["resources"]))
    raise KeyError(f"no table {name!r} in {PACKAGE_FILE.name}; tables are: {names}")


def table_names(base: Path = DATA_DIR) -> list[str]:
    """Names of every table in the data package, in the package's order."""
    return [r["name"] for r in package(base)["resources"]]


def describe_errors(report: Any, path: Path, limit: int = 10) -> str:
    """Turn a frictionless report into lines naming file, row, column and the rule broken."""
    lines = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", None)
            where = [path.name]
            if row is not None:
                where.append(f"row {row}")
            if field:
                where.append(f"column {field!r}")
            lines.append(f"{', '.join(where)}: {error.type}: {error.message}")
    more = f"\n… and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def validate(name: str, base: Path = DATA_DIR) -> None:
    """Validate one table with frictionless against its schema in the package (types,
    constraints, primary and foreign keys); raise DataError naming file, row, column and rule."""
    descriptor = resource(name, base)
    path = base / descriptor["path"]
    if not path.exists():
        raise DataError(f"{path.name}: file not found (table {name!r})")
    try:
        from frictionless import Package
    except ImportError as error:
        raise DataError(f"{path.name}: {_needs_frictionless(base)}") from error
    table = Package(str(base / PACKAGE_FILE.name)).get_resource(name)
    report = table.validate()
    if not report.valid:
        raise DataError(f"{path.name} breaks its schema in {PACKAGE_FILE.name}:\n"
                        + describe_errors(report, path))


def data_digest(name: str, base: Path = DATA_DIR) -> str:
    """SHA-256 of what validating table ``name`` reads: the package descriptor, the table and the
    tables its foreign keys point to (each file's name and size before its bytes)."""
    descriptor = resource(name, base)
    targets = {name} | {key["reference"]["resource"] or name
                        for key in descriptor["schema"].get("foreignKeys", [])}
    paths = [base / PACKAGE_FILE.name]
    for table in sorted(targets):
        path = base / resource(table, base)["path"]
        if not path.exists():
            raise DataError(f"{path.name}: file not found (table {table!r})")
        paths.append(path)
    digest = hashlib.sha256()
    for path in paths:
        content = path.read_bytes()
        digest.update(f"{path.name} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


def validation_record(base: Path = DATA_DIR) -> dict[str, Any]:
    """The wheel's record of the validation the book's build made (``validated.json``:
    ``frictionless``, the version it used, and ``tables``, each table's :func:`data_digest`);
    empty outside a wheel."""
    path = base / VALIDATION_RECORD
    if not path.exists():
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if not (isinstance(record.get("frictionless"), str)
                and isinstance(record.get("tables"), dict)):
            raise ValueError("needs 'frictionless' (a version) and 'tables' (digests)")
    except ValueError as error:
        raise DataError(f"{path}: not a validation record: {error}") from None
    return record


def _needs_frictionless(base: Path) -> str:
    """That validating needs frictionless, and what to run to get it: the version the book's
    build validated with, if known."""
    version_used = validation_record(base).get("frictionless")
    install = f"pip install frictionless=={version_used}" if version_used else \
        "pip install frictionless"
    return f"validating it against its schema needs frictionless, not installed here: {install}"


def validate_once(name: str, base: Path = DATA_DIR) -> None:
    """Validate like :func:`validate`, skipping tables already validated unchanged.

    Frictionless's primary-key check takes seconds on the 65,000-row SIPRI table. In the wheel, a
    table the book's build validated (its digest in ``validated.json``) is not validated again.
    Otherwise a stamp named by the table's digest and frictionless's version (in
    ``_build/data-validated/``) records a passed validation, so a notebook pays for it once per
    machine, not on every run. Any change to the data or to the schema validates again.
    """
    record = validation_record(base)
    digest = data_digest(name, base)
    if record.get("tables", {}).get(name) == digest:
        return
    try:  # a new frictionless may check more: its version is part of the stamp
        checker = version("frictionless")
    except PackageNotFoundError:
        path = base / resource(name, base)["path"]
        changed = (f"{path.name} is not the table the book validated when it built this package"
                   if record else f"{path.name} has not been validated here")
        raise DataError(f"{changed}; {_needs_frictionless(base)}") from None
    stamp = VALIDATED_DIR / hashlib.sha256(f"frictionless {checker}\n{digest}".encode()
                                           ).hexdigest()
    if stamp.exists():
        return
    validate(name, base)
    try:
        VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
        stamp.write_text(f"{resource(name, base)['path']} validated\n", encoding="utf-8")
    except OSError:  # a read-only home (some hubs): validate again next time, no harm done
        pass


def validate_all(base: Path = DATA_DIR) -> None:
    """Validate every table of the package, skipping what :func:`validate_once` skips."""
    for name in table_names(base):
        validate_once(name, base)


def _read(name: str, base: Path) -> pd.DataFrame:
    descriptor = resource(name, base)
    fields = descriptor["schema"]["fields"]
    dates = [f["name"] for f in fields if f.get("type") == "date"]
    dtypes = {f["name"]: _PANDAS_TYPES[f.get("type", "string")] for f in fields
              if f["name"] not in dates}
    frame = pd.read_csv(base / descriptor["path"], dtype=dtypes, keep_default_na=False,
                        na_values=[""])
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def check_field_types(name: str, base: Path = DATA_DIR) -> None:
    """Raise DataError if a column of table ``name`` has a type the loader cannot read."""
    for field in resource(name, base)["schema"]["fields"]:
        kind = field.get("type", "string")
        if kind not in _PANDAS_TYPES:
            raise DataError(f"{PACKAGE_FILE.name}: table {name!r}, column {field['name']!r}: "
                            f"field type {kind!r} is not one the book reads; known: "
                            f"{', '.join(sorted(_PANDAS_TYPES))}")


@cache
def _load_cached(name: str, base: Path, stamp: tuple[int, int]) -> pd.DataFrame:
    check_field_types(name, base)
    validate_once(name, base)
    return _read(name, base)


def load(name: str, base: Path = DATA_DIR) -> pd.DataFrame:
    """Load one table of the data package, validated against its schema and typed.

    Integers become pandas ``Int64``, numbers ``float64``, dates ``datetime64``, text ``string``;
    empty cells are missing values. The result is cached per process until the file changes.

    Raises
    ------
    DataError
        if the file breaks its schema (type, constraint, key), naming file, row, column and rule;
        if the schema gives a column a type the loader does not know; or if the table needs
        validating and frictionless is not installed (saying what to install).
    KeyError
        if the data package has no table of that name.
    """
    path = base / resource(name, base)["path"]
    stat = path.stat() if path.exists() else None
    stamp = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
    return _load_cached(name, base, stamp).copy()


def with_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """Add each row's source publisher, title, date and URL (from table sources)."""
    sources = load("sources")[["key", "publisher", "title", "date", "url"]].rename(columns={
        "key": "source", "publisher": "source_publisher", "title": "source_title",
        "date": "source_date", "url": "source_url"})
    return frame.merge(sources, on="source", how="left", validate="many_to_one")


def sipri(measure: str, countries: list[str] | None = None, years: tuple[int, int] | None = None,
          table: pd.DataFrame | None = None) -> pd.DataFrame:
    """SIPRI values of one measure as a wide table: one row per year, one column per country.

    ``countries`` are SIPRI's names (e.g. "Japan", "Korea, South"); ``years`` an inclusive range.
    Missing values (SIPRI's "..." and "xxx") stay missing. ``table`` is table sipri_milex (or a
    part of it); loaded from the data package when not given.
    """
    frame = load("sipri_milex") if table is None else table
    known = set(frame["measure"].unique())
    if measure not in known:
        raise ValueError(f"measure must be one of {sorted(known)}, not {measure!r}")
    frame = frame[frame["measure"] == measure]
    if countries is not None:
        unknown = sorted(set(countries) - set(frame["country"]))
        if unknown:
            raise ValueError(f"countries not in SIPRI's table: {unknown}")
        frame = frame[frame["country"].isin(countries)]
    if years is not None:
        frame = frame[frame["year"].between(*years)]
    wide = frame.pivot(index="year", columns="country", values="value")
    if countries is not None:
        wide = wide[countries]
    return wide
