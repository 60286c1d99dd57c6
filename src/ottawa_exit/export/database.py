"""The dataset as a SQLite database for Datasette, through ``sqlite-utils`` (the ``export`` extra): the same tables
and columns as the data package, with primary and foreign keys, indexes on ids and dates, full-text search over
names, notes and source titles, and Datasette's metadata (titles, descriptions, licence, source) in a JSON file
beside the database: ``datasette FILE -m FILE.metadata.json``.

Built in a fixed row order and vacuumed, so the same data and as-of date give the same bytes (with the same SQLite).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .metadata import DATA_LICENSE, HOMEPAGE, TITLE, description
from .rows import Dataset
from .spec import Table

SQL_TYPES = {"string": str, "integer": int, "boolean": int, "date": str}


def metadata_path(database: Path) -> Path:
    """Where Datasette's metadata for ``database`` goes: beside it, ``NAME.metadata.json``."""
    return database.with_name(f"{database.stem}.metadata.json")


def _indexes(table: Table) -> list[tuple[str, bool]]:
    """(column, unique): ids, dates and unique columns not already the leading column of the primary key."""
    wanted = [c for c in table.columns if c.name.endswith("_id") or c.type == "date" or c.unique]
    return [(c.name, c.unique) for c in wanted if c.name != table.primary_key[0]]


def write_database(dataset: Dataset, path: Path) -> None:
    """Write every table into a new SQLite database at ``path`` (an empty or new file)."""
    import sqlite_utils  # the `export` extra, imported only to write

    db = sqlite_utils.Database(str(path))
    # A temporary file, renamed into place only when complete (and synced then): no journal on disk, no sync per
    # transaction.
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")
    try:
        for table, rows in dataset.tables():
            columns = {c.name: SQL_TYPES[c.type] for c in table.columns}
            not_null = {c.name for c in table.columns if c.required}
            foreign_keys = [(k.fields[0], k.resource, k.reference[0]) for k in table.foreign_keys if len(k.fields) == 1]
            created = db.table(table.name).create(columns, pk=table.primary_key if len(table.primary_key) > 1
                                                 else table.primary_key[0], not_null=not_null,
                                                 foreign_keys=foreign_keys)
            created.insert_all(({c: row[c] for c in table.column_names()} for row in rows), batch_size=500)
            for column, unique in _indexes(table):
                created.create_index([column], unique=unique)
            if table.search:
                created.enable_fts(list(table.search), create_triggers=False, tokenize="unicode61")
        db.execute("VACUUM")
    finally:
        db.close()


def _table_metadata(table: Table) -> dict[str, Any]:
    found: dict[str, Any] = {"title": table.title, "description": table.description,
                             "columns": {c.name: c.description for c in table.columns}}
    if table.facets:
        found["facets"] = list(table.facets)
    if table.label:
        found["label_column"] = table.label
    return found


def datasette_metadata(dataset: Dataset, database: str) -> dict[str, Any]:
    """Datasette's metadata for the database named ``database`` (its file name without the suffix)."""
    tables = {table.name: _table_metadata(table) for table, _ in dataset.tables()}
    return {
        "title": TITLE,
        "description": description(dataset),
        "license": DATA_LICENSE["name"],
        "license_url": DATA_LICENSE["path"],
        "source": f"ottawa-exit {dataset.version}",
        "source_url": HOMEPAGE,
        "databases": {database: {"title": TITLE, "description": description(dataset), "tables": tables}},
    }


def write_metadata(dataset: Dataset, path: Path, database: str) -> None:
    text = json.dumps(datasette_metadata(dataset, database), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
