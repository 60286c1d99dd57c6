"""`backtest`: projections as of earlier dates against the record, out of sample.

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

from typing import Annotated

import typer

from .. import api
from ..engine.dates import parse_date
from ..render import Format
from .options import LIST_FORMATS, Debug, Output, RulesFiles, guarded, load_rules
from .output import emit


@guarded
def backtest(
    ctx: typer.Context,
    as_of: Annotated[list[str] | None, typer.Option("--as-of", metavar="DATE",
                                                    help="Project as of this date; repeatable (default: 2025-03-18, "
                                                    "the joint statement; 2025-05-01; 2025-06-01).")] = None,
    fmt: Annotated[Format, LIST_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """Project every state with a recorded effective date as of earlier dates, each with only what was known on
    that date, and compare with the record: out of sample.

    The error is the typical projection minus the actual date, in days (positive: projected too late). A state
    with no decision as of a date is reported with that reason, not a number.

    \b
    Examples:
      ottawa-exit backtest
      ottawa-exit backtest --as-of 2025-05-01 --as-of 2025-06-15 --format json
    """
    days = [parse_date(d, "--as-of") for d in as_of] if as_of else None
    emit(fmt, output, api.backtest(days, load_rules(ctx, rules)))
