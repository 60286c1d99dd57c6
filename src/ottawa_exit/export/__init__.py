"""The open dataset: the documents tabulated (``rows``, by the tables ``spec`` declares) and written as a
Frictionless Data Package (``package``) or a SQLite database for Datasette (``database``), each put in place whole
or not at all (``place``). The writers need the ``export`` extra (frictionless, sqlite-utils); nothing else does.
"""

from __future__ import annotations

import contextlib
import importlib.util
from datetime import date
from pathlib import Path

from ..data.registry import Rules
from ..errors import MissingExtra
from .database import metadata_path, write_database, write_metadata
from .package import DESCRIPTOR, write_package
from .place import Guard, check_directory, check_files, staged_directory, staged_files
from .rows import Dataset, build


def _require(module: str, what: str) -> None:
    """frictionless or sqlite-utils is not installed: MissingExtra names the extra that installs them (the writers
    import them only when they write)."""
    if importlib.util.find_spec(module) is None:
        raise MissingExtra(f"{what} needs {module.replace('_', '-')}: pip install 'ottawa-exit[export]'")


def check_targets(directory: Path | None, sqlite: Path | None, force: bool) -> None:
    """Refuse before any work: a missing extra, a directory that is not empty, a file that exists (without
    ``force``), a parent directory that is missing or not writable."""
    if directory is not None:
        _require("frictionless", "a data package")
        check_directory(directory, force)
    if sqlite is not None:
        _require("sqlite_utils", "a SQLite database")
        check_files([sqlite, metadata_path(sqlite)], force)


def save_package(dataset: Dataset, directory: Path, force: bool = False, guard: Guard = contextlib.nullcontext) -> Path:
    """Write the data package into ``directory`` (absent or empty, or replaced whole with ``force``); return the
    path of its ``datapackage.json``."""
    check_targets(directory, None, force)
    with staged_directory(directory, force, guard) as staging:
        write_package(dataset, staging)
    return directory / DESCRIPTOR


def save_sqlite(dataset: Dataset, file: Path, force: bool = False, guard: Guard = contextlib.nullcontext) -> Path:
    """Write the SQLite database to ``file`` and Datasette's metadata beside it; return the metadata's path."""
    check_targets(None, file, force)
    with staged_files([file, metadata_path(file)], force, guard) as (database, metadata):
        database.unlink()  # sqlite-utils creates the database itself
        write_database(dataset, database)
        write_metadata(dataset, metadata, file.stem)
    return metadata_path(file)


def export(as_of: date, directory: Path | None = None, sqlite: Path | None = None, rules: Rules | None = None,
           force: bool = False, guard: Guard = contextlib.nullcontext) -> Dataset:
    """Build the dataset as of ``as_of`` once and write it as a data package, a SQLite database, or both; the
    renames that put each in place run inside ``guard`` (the command line's holds signals off them)."""
    check_targets(directory, sqlite, force)
    dataset = build(rules or Rules(), as_of)
    if directory is not None:
        save_package(dataset, directory, force, guard)
    if sqlite is not None:
        save_sqlite(dataset, sqlite, force, guard)
    return dataset


__all__ = ["Dataset", "MissingExtra", "build", "check_targets", "export", "save_package", "save_sqlite"]
