"""The "Data and sources" appendix, written from the data package so it can never drift from it."""

from __future__ import annotations

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
        f"- **As of:** {descriptor.get('as_of', data.package()['as_of'])}",
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
