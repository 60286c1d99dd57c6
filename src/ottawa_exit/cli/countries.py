"""`countries` (states with a withdrawal on record, or every state ever bound) and `parties` (the States Parties on
a date).

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

from typing import Annotated

import typer

from .. import api
from ..render import Format
from ..results import Sort
from .options import (
    COUNTRY_FORMATS, PARTIES_FORMATS, AsOf, ChartDpi, ChartSize, ChartTitle, Debug, Output, RulesFiles, as_of_date,
    chart_options, guarded, load_rules,
)
from .output import emit


@guarded
def countries(
    ctx: typer.Context,
    as_of: AsOf = None,
    every: Annotated[bool, typer.Option("--all", help="Every state ever bound by the Convention, with its "
                                        "bound-from date and the number of States Parties on the date.")] = False,
    status: Annotated[list[str] | None, typer.Option(
        "--status", metavar="STATUS", help="Only states with this status on the date: party (a State Party, a "
        "withdrawal under way or a suspension included), withdrawn, suspended (a suspension notified) or never (not "
        "bound on the date; with --all, the states that never joined too). Repeatable or comma-separated.")] = None,
    sort: Annotated[Sort | None, typer.Option(
        "--sort", metavar="ORDER", help="name, bound (the bound-from date) or status (default: by id).")] = None,
    fmt: Annotated[Format, COUNTRY_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """States with a withdrawal or suspension on record (--all: every state ever bound) with status, receipt and
    effective date. Piped, the --all table gives each state one whole line (for grep).

    \b
    Examples:
      ottawa-exit countries
      ottawa-exit countries --as-of 2025-09-01 --format csv -o states.csv
      ottawa-exit countries --format html -o countries.html
      ottawa-exit countries --all --as-of 2026-11-27
      ottawa-exit countries --all --status withdrawn,suspended --sort bound
    """
    words = [w.strip() for value in status or [] for w in value.split(",") if w.strip()]
    emit(fmt, output, api.countries(as_of_date(as_of), all=every, rules=load_rules(ctx, rules), status=words,
                                    sort=sort))


@guarded
def parties(
    ctx: typer.Context,
    as_of: AsOf = None,
    fmt: Annotated[Format, PARTIES_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    size: ChartSize = None,
    dpi: ChartDpi = None,
    title: ChartTitle = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """How many States Parties on a date, and who: bound by the Convention, no withdrawal in effect. As a chart
    (svg, png, pdf, html): their number from 1997 to the date, each accession and withdrawal a step.

    \b
    Examples:
      ottawa-exit parties
      ottawa-exit parties --as-of 2025-12-26 --format json
      ottawa-exit parties --format png --size 1200x675 --dpi 200 -o parties.png
    """
    chart = chart_options(fmt, size, dpi, title)
    emit(fmt, output, api.parties(as_of_date(as_of), rules=load_rules(ctx, rules)), chart=chart)
