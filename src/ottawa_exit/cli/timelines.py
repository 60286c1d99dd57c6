"""`timeline` (one state's withdrawal, with what-ifs) and `compare` (several on one date axis).

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

from datetime import date
from typing import Annotated

import typer

from .. import api
from ..engine.dates import parse_date
from ..errors import InputError, shown
from ..render import Format
from .options import (
    TIMELINE_FORMATS, ArmedConflictFlag, ArmedConflictUntil, AsOf, ChartDpi, ChartSize, ChartTitle, Debug, Output,
    RulesFiles, as_of_date, chart_options, complete_country, complete_step, guarded, load_rules, optional_date,
)
from .output import emit


@guarded
def timeline(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="State name, native name or ISO code (poland, PL, POL, Polska).",
                                           metavar="COUNTRY", autocompletion=complete_country, show_default=False)],
    as_of: AsOf = None,
    receipt: Annotated[str | None, typer.Option("--receipt", metavar="DATE",
                                                help="What if the Depositary receives the instrument on DATE?")] = None,
    step: Annotated[list[str] | None, typer.Option("--step", metavar="ID=DATE", autocompletion=complete_step,
                                                   help="What if step ID happens on DATE? Repeatable.")] = None,
    armed_conflict_until: ArmedConflictUntil = None,
    armed_conflict: ArmedConflictFlag = False,
    no_armed_conflict: Annotated[bool, typer.Option("--no-armed-conflict",
                                                    help="Set aside an armed conflict recorded in the rules.")] = False,
    fmt: Annotated[Format, TIMELINE_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show notes and legal bases in the table.")] = False,
    size: ChartSize = None,
    dpi: ChartDpi = None,
    title: ChartTitle = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """One state's withdrawal: every step with its date (recorded, projected or override), source, the receipt
    by the Depositary and the date the withdrawal takes effect under Article 20.

    \b
    Examples:
      ottawa-exit timeline poland
      ottawa-exit timeline PL --as-of 2025-03-18 --format json
      ottawa-exit timeline poland --format ics -o poland.ics
    """
    chart = chart_options(fmt, size, dpi, title)
    if sum((armed_conflict_until is not None, armed_conflict, no_armed_conflict)) > 1:
        raise InputError("contradictory overrides: give only one of --armed-conflict, --armed-conflict-until, "
                         "--no-armed-conflict")
    result = api.timeline(
        country, as_of_date(as_of),
        receipt=optional_date(receipt, "--receipt"),
        steps=[_step_override(s) for s in step or []],
        armed_conflict_until=optional_date(armed_conflict_until, "--armed-conflict-until"),
        armed_conflict=armed_conflict,
        no_armed_conflict=no_armed_conflict,
        rules=load_rules(ctx, rules),
    )
    emit(fmt, output, result, verbose, chart)


def _step_override(text: str) -> tuple[str, date]:
    step_id, sep, value = text.partition("=")
    if not sep or not step_id.strip():
        raise InputError(f"--step: {shown(text)} must be ID=DATE, e.g. senate=2025-07-17")
    return step_id.strip(), parse_date(value.strip(), f"--step {step_id.strip()}")


@guarded
def compare(
    ctx: typer.Context,
    country: Annotated[list[str] | None, typer.Argument(metavar="[COUNTRY]...", show_default=False,
                                                        autocompletion=complete_country,
                                                        help="States to compare (default: every state).")] = None,
    as_of: AsOf = None,
    fmt: Annotated[Format, TIMELINE_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    size: ChartSize = None,
    dpi: ChartDpi = None,
    title: ChartTitle = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """Several states on one date axis: recorded and projected steps, receipt, effect, and the as-of date.

    \b
    Examples:
      ottawa-exit compare
      ottawa-exit compare poland finland --as-of 2025-06-01
      ottawa-exit compare --format png -o chart.png
      ottawa-exit compare poland finland --format html -o report.html
      ottawa-exit compare --format svg --size 1200x675 --title "Leaving the Mine Ban Treaty" -o chart.svg
    """
    chart = chart_options(fmt, size, dpi, title)
    emit(fmt, output, api.compare(country, as_of_date(as_of), load_rules(ctx, rules)), chart=chart)
