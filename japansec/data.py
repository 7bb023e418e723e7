"""Load the book's data package (data/datapackage.json) as validated, typed pandas DataFrames.

Every table is described in ``data/datapackage.json`` (a Frictionless Data Package): its fields,
types, units, constraints and keys. :func:`load` validates a table against that schema with the
``frictionless`` library before returning it, so a malformed file fails loudly, naming the file,
row, column and rule, instead of flowing into a figure as a silent NaN.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PACKAGE_FILE = DATA_DIR / "datapackage.json"
VALIDATED_DIR = DATA_DIR.parent / "_build" / "data-validated"

_PANDAS_TYPES = {"integer": "Int64", "number": "float64", "string": "string",
                 "boolean": "boolean"}


class DataError(ValueError):
    """A data file breaks its schema: the message names file, row, column and rule."""


@cache
def package() -> dict[str, Any]:
    """The data package descriptor (data/datapackage.json) as a dict."""
    return json.loads(PACKAGE_FILE.read_text(encoding="utf-8"))


def resource(name: str) -> dict[str, Any]:
    """The descriptor of one table; a clear error lists the valid names."""
    for item in package()["resources"]:
        if item["name"] == name:
            return item
    names = ", ".join(sorted(r["name"] for r in package()["resources"]))
    raise KeyError(f"no table {name!r} in {PACKAGE_FILE.name}; tables are: {names}")


def table_names() -> list[str]:
    """Names of every table in the data package, in the package's order."""
    return [r["name"] for r in package()["resources"]]


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


def validate(descriptor: dict[str, Any], base: Path = DATA_DIR) -> None:
    """Validate one table against its schema with frictionless; raise DataError if it fails."""
    from frictionless import Resource

    path = base / descriptor["path"]
    if not path.exists():
        raise DataError(f"{path.name}: file not found (table {descriptor['name']!r})")
    report = Resource(descriptor, basepath=str(base)).validate()
    if not report.valid:
        raise DataError(f"{path.name} breaks its schema in {PACKAGE_FILE.name}:\n"
                        + describe_errors(report, path))


def check_foreign_keys(name: str, frame: pd.DataFrame, base: Path = DATA_DIR) -> None:
    """Check that each foreign key of ``name`` points at an existing row of its target table."""
    schema = resource(name)["schema"]
    for key in schema.get("foreignKeys", []):
        field = key["fields"] if isinstance(key["fields"], str) else key["fields"][0]
        target = key["reference"]["resource"] or name
        target_field = key["reference"]["fields"]
        target_field = target_field if isinstance(target_field, str) else target_field[0]
        known = set(_read(target, base)[target_field].dropna())
        for index, value in frame[field].items():
            if pd.notna(value) and value not in known:
                raise DataError(
                    f"{resource(name)['path']}, row {index + 2}, column {field!r}: "
                    f"foreign key: {value!r} is not a {target_field!r} of table {target!r}"
                )


def _read(name: str, base: Path) -> pd.DataFrame:
    descriptor = resource(name)
    dtypes = {f["name"]: _PANDAS_TYPES.get(f["type"], "string")
              for f in descriptor["schema"]["fields"]}
    dates = [f["name"] for f in descriptor["schema"]["fields"] if f["type"] == "date"]
    frame = pd.read_csv(base / descriptor["path"], dtype={k: v for k, v in dtypes.items()
                                                          if k not in dates},
                        keep_default_na=False, na_values=[""])
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame


def validate_once(descriptor: dict[str, Any], base: Path = DATA_DIR) -> None:
    """Validate like :func:`validate`, skipping files already validated with the same schema.

    Frictionless's primary-key check takes seconds on the 65,000-row SIPRI table; a stamp named by
    the SHA-256 of the file's bytes and of its descriptor (in ``_build/data-validated/``) records a
    passed validation, so a notebook pays for it once per machine, not on every run. Any change to
    the file or to its schema changes the hash and validates again.
    """
    path = base / descriptor["path"]
    if not path.exists():
        raise DataError(f"{path.name}: file not found (table {descriptor['name']!r})")
    digest = hashlib.sha256(path.read_bytes())
    digest.update(json.dumps(descriptor, sort_keys=True).encode())
    stamp = VALIDATED_DIR / digest.hexdigest()
    if stamp.exists():
        return
    validate(descriptor, base)
    VALIDATED_DIR.mkdir(parents=True, exist_ok=True)
    stamp.write_text(f"{path.name} validated\n", encoding="utf-8")


def validate_all(base: Path = DATA_DIR) -> None:
    """Validate every table of the package (using the stamps of :func:`validate_once`)."""
    for descriptor in package()["resources"]:
        validate_once(descriptor, base)


@cache
def _load_cached(name: str, base: Path, stamp: tuple[int, int]) -> pd.DataFrame:
    validate_once(resource(name), base)
    frame = _read(name, base)
    check_foreign_keys(name, frame, base)
    return frame


def load(name: str, base: Path = DATA_DIR) -> pd.DataFrame:
    """Load one table of the data package, validated against its schema and typed.

    Integers become pandas ``Int64``, numbers ``float64``, dates ``datetime64``, text ``string``;
    empty cells are missing values. The result is cached per process until the file changes.

    Raises
    ------
    DataError
        if the file breaks its schema (type, constraint, key), naming file, row, column and rule.
    KeyError
        if the data package has no table of that name.
    """
    path = base / resource(name)["path"]
    stat = path.stat() if path.exists() else None
    stamp = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
    return _load_cached(name, base, stamp).copy()


def sipri(measure: str, countries: list[str] | None = None, years: tuple[int, int] | None = None,
          ) -> pd.DataFrame:
    """SIPRI values of one measure as a wide table: one row per year, one column per country.

    ``countries`` are SIPRI's names (e.g. "Japan", "Korea, South"); ``years`` an inclusive range.
    Missing values (SIPRI's "..." and "xxx") stay missing.
    """
    frame = load("sipri_milex")
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
