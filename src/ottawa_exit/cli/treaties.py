"""`treaties` (every exit clause in the data) and `withdrawals` (the recorded withdrawals checked against them).

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

from typing import Annotated

import typer

from .. import api
from ..render import Format
from .options import LIST_FORMATS, AsOf, Debug, Output, as_of_date, complete_treaty, guarded
from .output import emit


@guarded
def treaties(
    fmt: Annotated[Format, LIST_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Every treaty in the data: its exit clause in one line, depositary, counting practice and the clause's source
    (JSON quotes the clause itself).

    \b
    Examples:
      ottawa-exit treaties
      ottawa-exit treaties --format json -o treaties.json
    """
    emit(fmt, output, api.treaties())


@guarded
def withdrawals(
    treaty: Annotated[str | None, typer.Option("--treaty", metavar="ID", autocompletion=complete_treaty,
                                               help="Only this treaty's withdrawals (id, short name or acronym)."
                                               )] = None,
    state: Annotated[str | None, typer.Option("--state", metavar="STATE",
                                              help="Only this state's: any name or code (PL, USA, DPRK, "
                                              "'North Korea').")] = None,
    pending: Annotated[bool, typer.Option("--pending", help="Only the withdrawals notified and not yet in effect "
                                          "on the as-of date, with the days remaining.")] = False,
    as_of: AsOf = None,
    fmt: Annotated[Format, LIST_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Recorded withdrawals from treaties: the dates stated by the depositary or the government, the date the
    treaty's rule gives, whether they agree (and why not where they differ), and whether each is pending or in
    effect on the as-of date.

    \b
    Examples:
      ottawa-exit withdrawals
      ottawa-exit withdrawals --treaty icsid --format csv
      ottawa-exit withdrawals --state "North Korea" --format json
      ottawa-exit withdrawals --pending --as-of 2026-12-01
    """
    emit(fmt, output, api.withdrawals(treaty, state, as_of_date(as_of), pending))
