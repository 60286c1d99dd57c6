"""`effective`: the date a withdrawal takes effect, for dates given as arguments or one per line of standard input
(streamed with constant memory by ``stream``), under Article 20 or another treaty's exit clause.

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

import sys
from typing import Annotated

import typer

from .. import api
from ..engine.clauses import ArmedConflict, Count
from ..errors import InputError
from ..render import Format
from .group import fail
from .options import (
    EFFECTIVE_FORMATS, ArmedConflictFlag, ArmedConflictUntil, Debug, Output, TreatyId, guarded, optional_date,
)
from .output import output_path
from .stream import run_effective

LaterDate = Annotated[
    str | None,
    typer.Option("--later-date", metavar="DATE", help="A later date the notification specifies (for treaties that "
                 "allow one, e.g. the Rome Statute)."),
]
BoundFrom = Annotated[
    str | None,
    typer.Option("--bound-from", metavar="DATE", help="The date the treaty entered into force for the party: a notice "
                 "given before the minimum time (e.g. Paris: three years) is answered with a note saying when notice "
                 "first became possible (without it, counted from the treaty's entry into force)."),
]


@guarded
def effective(
    dates: Annotated[list[str], typer.Argument(metavar="DATE...", show_default=False,
                                               help="Dates the Depositary received an instrument (YYYY-MM-DD), or "
                                               "the notice for a clause counted from notice; '-' reads one per "
                                               "line from standard input.")],
    treaty: TreatyId = None,
    later_date: LaterDate = None,
    bound_from: BoundFrom = None,
    armed_conflict_until: ArmedConflictUntil = None,
    armed_conflict: ArmedConflictFlag = False,
    count: Annotated[Count | None, typer.Option("--count", metavar="COUNT", help="same-day (the UN's practice), "
                                                "day-after (e.g. the World Bank for ICSID) or unknown (both dates); "
                                                "default: the treaty's depositary practice.")] = None,
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Report bad lines on stderr, skip them, and "
                                             "exit 1 at the end if any were skipped.")] = False,
    fmt: Annotated[Format, EFFECTIVE_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Article 20 alone (or another treaty's exit clause): the date a withdrawal takes effect, from the date the
    Depositary received it.

    A date before the treaty was adopted is refused; one before notice was possible (before the treaty's entry into
    force, or a minimum time such as Paris Article 28's three years) is answered with a note naming the first day
    notice was possible.

    \b
    Examples:
      ottawa-exit effective 2025-08-20
      ottawa-exit effective --treaty rome-statute 2025-06-02 --format csv
      seq-of-dates | ottawa-exit effective - --format ndjson -o effects.ndjson
    """
    end = optional_date(armed_conflict_until, "--armed-conflict-until")
    if end is not None and armed_conflict:
        raise InputError("contradictory options: give --armed-conflict or --armed-conflict-until, not both")
    conflict = ArmedConflict(end=end) if (end is not None or armed_conflict) else None
    if dates.count("-") > 1:
        raise InputError("'-' (standard input) may be given once")
    rule = api.exit_rule(treaty, optional_date(later_date, "--later-date"), optional_date(bound_from, "--bound-from"),
                         conflict is not None)
    stdin = sys.stdin.buffer if sys.stdin is not None else None  # bytes: lines are read with a length limit
    skipped = run_effective(dates, stdin, fmt, output_path(output), conflict, count, keep_going, rule)
    if skipped:
        fail(f"{skipped} bad line{'s' if skipped > 1 else ''} skipped", 1)
