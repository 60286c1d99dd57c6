"""Write docs/dataset.md: the open dataset's tables and every column, from the declarations the export itself uses
(src/ottawa_exit/export/spec.py). A test fails when the file and the declarations disagree; `--check` says so here."""

from __future__ import annotations

import sys
from pathlib import Path

from ottawa_exit.export.metadata import CODE_LICENSE, DATA_LICENSE
from ottawa_exit.export.spec import TABLES, Column, Table

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "dataset.md"

INTRO = f"""# The open dataset

Generated from the export's own table declarations (`src/ottawa_exit/export/spec.py`) by
`python scripts/dataset_reference.py`; a test fails when this file and the declarations disagree.

`ottawa-exit export DIR --as-of DATE` writes a [Frictionless Data Package](https://specs.frictionlessdata.io/):
`datapackage.json` and one CSV per table below (UTF-8, a header row, empty cells for missing values, dates as ISO 8601
`YYYY-MM-DD`, booleans as `true`/`false`; a text cell that a spreadsheet would run as a formula, starting with `=`,
`+`, `-` or `@`, gets a leading apostrophe as in every CSV the tool writes: none in the shipped data). `ottawa-exit export --sqlite FILE --as-of DATE` writes the same tables
into a SQLite database, with Datasette's metadata beside it (`NAME.metadata.json`):
`datasette FILE -m NAME.metadata.json` serves it. Both are made from the same documents as `--format json`.

- **Version**: the tool's version and the date the data were reviewed against the public record, as SemVer build
  metadata (`0.4.0+2026-11-28`). `--as-of` sets every status; the records are the whole data of that review (a state
  bound after the as-of date is listed, with its bound-from date, as `not-a-party`).
- **Licences**: the data {DATA_LICENSE['name']} ({DATA_LICENSE['title']}: cite "ottawa-exit" and the
  version, see CITATION.cff); the code that makes them {CODE_LICENSE['name']}. Each fact's own sources are in
  `sources` and `citations`.
- **Same bytes**: the same version and as-of date give the same files (rows in a fixed order; the database is
  vacuumed; with the same SQLite library).
- **Keys**: every table has a primary key; foreign keys are declared in the Table Schemas and, where a single
  column, in SQLite. In SQLite, booleans are 0/1 and dates text; ids and dates are indexed.
"""


def _constraints(column: Column) -> str:
    found = [name for name, on in (("required", column.required), ("unique", column.unique)) if on]
    if column.enum:
        found.append("one of " + ", ".join(f"`{value}`" for value in column.enum))
    return "; ".join(found)


def _table(table: Table) -> str:
    keys = f"Primary key: {', '.join(table.primary_key)}."
    if table.foreign_keys:
        keys += " Foreign keys: " + "; ".join(
            f"{', '.join(k.fields)} -> `{k.resource}` ({', '.join(k.reference)})" for k in table.foreign_keys) + "."
    if table.search:
        keys += f" Full-text search in SQLite over {', '.join(table.search)}."
    rows = [f"| `{c.name}` | {c.type} | {_constraints(c)} | {c.description} |" for c in table.columns]
    return "\n".join([f"## `{table.name}`: {table.title}\n", f"{table.description}\n", f"{keys}\n",
                      "| column | type | constraints | description |", "|---|---|---|---|", *rows, ""])


def reference() -> str:
    return "\n".join([INTRO, *(_table(t) for t in TABLES)])


def main() -> None:
    text = reference()
    if "--check" in sys.argv[1:]:
        if not REFERENCE.exists() or REFERENCE.read_text(encoding="utf-8") != text:
            raise SystemExit("docs/dataset.md is out of date: run python scripts/dataset_reference.py")
        return
    REFERENCE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
