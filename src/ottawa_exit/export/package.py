"""The dataset as a Frictionless Data Package: one CSV per table and ``datapackage.json`` describing them (Table
Schemas with types, descriptions, constraints, primary and foreign keys; licences, contributors, sources).

The ``frictionless`` library (the ``export`` extra) writes the CSVs by the schemas and the descriptor, which gives
each file's size and SHA-256; the same data and as-of date give the same bytes.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from ..render.structured import neutralise
from .metadata import CODE_LICENSE, CONTRIBUTORS, DATA_LICENSE, HOMEPAGE, NAME, SOURCES, TITLE, description
from .rows import Dataset, Row
from .spec import Column, Table

DESCRIPTOR = "datapackage.json"


def field_descriptor(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "date":
        field["format"] = "default"  # ISO 8601: YYYY-MM-DD
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def schema_descriptor(table: Table, links: bool = True) -> dict[str, Any]:
    """The table's Table Schema (without its foreign keys when ``links`` is false: a CSV is written alone)."""
    schema: dict[str, Any] = {"fields": [field_descriptor(c) for c in table.columns],
                              "primaryKey": list(table.primary_key), "missingValues": [""]}
    if links and table.foreign_keys:
        schema["foreignKeys"] = [{"fields": list(k.fields), "reference": {"resource": k.resource,
                                                                          "fields": list(k.reference)}}
                                 for k in table.foreign_keys]
    return schema


def _cell(value: Any, is_date: bool) -> Any:
    """An ISO date as a date (the writer formats each cell by its field's type); text that a spreadsheet would run
    as a formula with a leading apostrophe, as in every CSV the tool writes (none in the shipped data)."""
    if value is None:
        return None
    if is_date:
        return date.fromisoformat(value)
    return neutralise(value) if isinstance(value, str) else value


def _cells(table: Table, rows: list[Row]) -> list[list[Any]]:
    """Rows as lists in column order."""
    dates = set(table.dates())
    return [[_cell(row[c], c in dates) for c in table.column_names()] for row in rows]


def write_package(dataset: Dataset, directory: Path) -> Path:
    """Write the CSVs and ``datapackage.json`` into ``directory`` (which exists and is empty)."""
    from frictionless import Package, Resource, Schema  # the `export` extra, imported only to write
    from frictionless.resources import TableResource

    resources = []
    for table, rows in dataset.tables():
        path = f"{table.name}.csv"
        data = [table.column_names(), *_cells(table, rows)]
        TableResource(data=data, schema=Schema.from_descriptor(schema_descriptor(table, links=False))).write(
            path=str(directory / path))
        # The file's size and SHA-256 (which `frictionless validate` checks), computed here: frictionless's own
        # infer(stats=True) reads every file again and took half of the export's time.
        written = (directory / path).read_bytes()
        resources.append(Resource(path=path, name=table.name, title=table.title, description=table.description,
                                  scheme="file", format="csv", mediatype="text/csv", encoding="utf-8",
                                  hash=f"sha256:{hashlib.sha256(written).hexdigest()}", bytes=len(written),
                                  fields=len(table.columns), rows=len(rows),
                                  schema=Schema.from_descriptor(schema_descriptor(table))))
    package = Package(name=NAME, title=TITLE, description=description(dataset), homepage=HOMEPAGE,
                      version=dataset.version, licenses=[DATA_LICENSE], contributors=CONTRIBUTORS, sources=SOURCES,
                      keywords=["ottawa-convention", "mine-ban-treaty", "treaty-withdrawal", "treaties"],
                      resources=resources, basepath=str(directory))
    package.custom.update({"as_of": dataset.as_of.isoformat(), "data_reviewed": dataset.reviewed,
                           "code_licenses": [CODE_LICENSE]})
    target = directory / DESCRIPTOR
    package.to_json(str(target))
    return target
