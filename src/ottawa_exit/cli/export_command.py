"""`export`: the open dataset, as a Frictionless Data Package (a directory of CSVs and datapackage.json) or a SQLite
database for Datasette. ``cli`` registers the command; the work is ``ottawa_exit.export``'s.

No `from __future__ import annotations` here: Typer reads these annotations at each start.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import InputError
from ..export import export as write
from .options import AsOf, Debug, RulesFiles, as_of_date, guarded, load_rules
from .signals import committing


@guarded
def export(
    ctx: typer.Context,
    directory: Annotated[str | None, typer.Argument(metavar="DIR", show_default=False,
                                                    help="Write a data package here: a new or empty directory.")] = None,
    sqlite: Annotated[str | None, typer.Option("--sqlite", metavar="FILE",
                                               help="Write a SQLite database for Datasette to FILE, and its "
                                               "metadata beside it (NAME.metadata.json).")] = None,
    as_of: AsOf = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a directory that is not empty, or existing "
                                        "files.")] = False,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """The open dataset: every state ever bound and every state that never joined (status as of the date), the
    withdrawals from every treaty, the treaties' exit rules, the six states' procedures and recorded events, and
    every source, as a Frictionless Data Package (CSV + datapackage.json) or a SQLite database for Datasette.
    Written whole or not at all; nothing is replaced without --force.

    \b
    Examples:
      ottawa-exit export ottawa-exit-data --as-of 2026-12-01
      ottawa-exit export --sqlite ottawa-exit.db --as-of 2026-12-01
      ottawa-exit export data --sqlite data.db --force
    """
    if directory is None and sqlite is None:
        raise InputError("give a directory for the data package, or --sqlite FILE (or both)")
    dataset = write(as_of_date(as_of), Path(directory) if directory else None, Path(sqlite) if sqlite else None,
                    load_rules(ctx, rules), force, committing)
    counts = ", ".join(f"{name} {len(table)}" for name, table in dataset.rows.items())
    for where in ([str(Path(directory) / "datapackage.json")] if directory else []) + ([sqlite] if sqlite else []):
        sys.stdout.write(f"wrote {where}: {counts} rows\n")
