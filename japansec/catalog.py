"""The "Data and sources" appendix, written from the data package so it can never drift from it."""

from __future__ import annotations

import pandas as pd

from japansec import data

# Where the built book serves the data files (copied by japansec.build.sphinxext at build time).
DATA_URL = "../data/"


def _field_list(fields: list[dict]) -> str:
    rows = ["| column | type | meaning and rules |", "|---|---|---|"]
    for field in fields:
        constraints = field.get("constraints", {})
        rules = []
        if constraints.get("required"):
            rules.append("required")
        if "enum" in constraints:
            rules.append("one of " + ", ".join(f"`{v}`" for v in constraints["enum"]))
        if "minimum" in constraints or "maximum" in constraints:
            low, high = constraints.get("minimum", "…"), constraints.get("maximum", "…")
            rules.append(f"range {low} to {high}")
        meaning = field.get("title", "")
        if field.get("unit"):
            meaning += f" ({field['unit']})"
        text = "; ".join(x for x in [meaning, ", ".join(rules)] if x)
        rows.append(f"| `{field['name']}` | {field['type']} | {text.replace('|', '/')} |")
    return "\n".join(rows)


def checked_line(descriptor: dict) -> str:
    """The 'Checked through' line of a curated table (SIPRI's tables are dated by release)."""
    if descriptor["name"].startswith("sipri") or not is_dated(descriptor):
        return ""
    return f"\n- **Checked through:** {descriptor.get('checked_through', 'not stated')}"


def table_section(descriptor: dict, rows: int) -> str:
    """Markdown for one table: description, sources, licence, as-of date, download, columns."""
    sources = "; ".join(
        f"[{s['title']}]({s['path']})" if s.get("path", "").startswith("http") else s["title"]
        for s in descriptor.get("sources", [])) or "the book's authors"
    licences = "; ".join(lic.get("title", lic["name"]) for lic in descriptor.get("licenses", []))
    return "\n\n".join([
        f"## {descriptor['title']}",
        descriptor["description"],
        f"- **File:** [{descriptor['path']}]({DATA_URL}{descriptor['path']}) ({rows:,} rows)\n"
        f"- **Sources:** {sources}\n"
        f"- **Licence:** {licences}\n"
        f"- **As of:** {descriptor.get('as_of', data.package()['as_of'])}"
        f"{checked_line(descriptor)}",
        _field_list(descriptor["schema"]["fields"]),
    ])


def data_sources_markdown() -> str:
    """The whole appendix body: one section per table of the data package."""
    package = data.package()
    intro = (
        f"The book's data package holds {len(package['resources'])} tables, described in "
        f"[datapackage.json]({DATA_URL}datapackage.json) (a Frictionless Data Package) and "
        f"checked against it by the tests. Package as-of date: **{package['as_of']}**."
    )
    sections = [table_section(r, len(data.load(r["name"]))) for r in package["resources"]]
    return "\n\n".join([intro, *sections])


# Tables whose rows can be "announced" until a source confirms them: (table, date column, status
# column, title column).
ANNOUNCEABLE = (("events", "date", "status", "title"),
                ("systems", "first_deployment", "deployment_status", "name"))


def past_due_announced(as_of: str | None = None) -> pd.DataFrame:
    """Rows still marked ``announced`` whose date is on or before ``as_of`` (the package's as-of
    date by default): each needs a source that confirms it happened, or a new date.

    Columns: table, id, date, title, source.
    """
    as_of = pd.Timestamp(as_of or data.package()["as_of"])
    parts = []
    for table, date_column, status_column, title_column in ANNOUNCEABLE:
        frame = data.load(table)
        due = frame[(frame[status_column] == "announced") & (frame[date_column] <= as_of)]
        parts.append(pd.DataFrame({
            "table": table, "id": due["id"], "date": due[date_column],
            "title": due[title_column], "source": due["source"]}))
    return pd.concat(parts, ignore_index=True).sort_values(["date", "id"], ignore_index=True)


def is_dated(descriptor: dict) -> bool:
    """Whether a table records things in time (a date or a year column): only such tables age."""
    return any(f["type"] in ("date", "year") or f["name"] in ("year", "fiscal_year")
               for f in descriptor["schema"]["fields"])


def lagging_tables(as_of: str | None = None) -> list[tuple[str, str | None]]:
    """Curated tables whose ``checked_through`` date is before ``as_of`` or missing, as
    (table, checked_through or None). SIPRI's tables are dated by their release (``as_of``)."""
    as_of = as_of or data.package()["as_of"]
    lagging = []
    for descriptor in data.package()["resources"]:
        if descriptor["name"].startswith("sipri") or not is_dated(descriptor):
            continue
        checked = descriptor.get("checked_through")
        if checked is None or checked < as_of:
            lagging.append((descriptor["name"], checked))
    return lagging


def recheck_markdown(as_of: str | None = None) -> str:
    """The maintainers' "To re-check" page body: past-due announced rows and lagging tables."""
    as_of = as_of or data.package()["as_of"]
    due = past_due_announced(as_of)
    lines = [f"The book's as-of date is **{as_of}**. An update starts here."]
    lines.append(f"\n## Announced, and the date has passed ({len(due)} rows)\n")
    if due.empty:
        lines.append("None: every `announced` row is dated after the as-of date.")
    else:
        lines.append("Each row below is still marked `announced` although its date has passed. "
                     "Find a source that confirms it happened (then mark it done and cite that "
                     "source) or one that gives a new date.\n")
        lines += ["| table | id | date | what | source |", "|---|---|---|---|---|"]
        lines += [f"| {r.table} | `{r.id}` | {r.date:%Y-%m-%d} | {r.title} | `{r.source}` |"
                  for r in due.itertuples()]
    lagging = lagging_tables(as_of)
    lines.append(f"\n## Tables checked through an earlier date ({len(lagging)} tables)\n")
    if not lagging:
        lines.append("None: every curated table is checked through the as-of date.")
    else:
        lines.append("Look for events after the date given before you move the as-of date on.\n")
        lines += ["| table | checked through |", "|---|---|"]
        lines += [f"| {name} | {checked or 'not stated'} |" for name, checked in lagging]
    return "\n".join(lines)
