"""The commands beyond Article 20: `treaties` (every exit clause in the data) and `withdrawals` (the record checked
against them), and the `--treaty` option `effective` shares. ``cli`` registers the commands.

No `from __future__ import annotations` here: Typer reads these annotations at each start. Nothing here reads a
treaty file until a command runs, so `effective` without `--treaty` reads none.
"""

from typing import Annotated, Any

import typer

from ..errors import InputError
from .options import LIST_FORMATS, Debug, Output, guarded, optional_date, output_path, terminal
from ..render import Format, Result, View


def complete_treaty(incomplete: str) -> list[tuple[str, str]]:
    try:
        from ..data.treaties import treaty, treaty_ids

        return [(t, treaty(t).short_name) for t in treaty_ids() if t.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []


TreatyId = Annotated[
    str | None,
    typer.Option("--treaty", metavar="ID", autocompletion=complete_treaty,
                 help="Apply this treaty's exit clause (default: ottawa, Article 20(3)); 'ottawa-exit treaties' "
                 "lists the ids."),
]
LaterDate = Annotated[
    str | None,
    typer.Option("--later-date", metavar="DATE", help="A later date the notification specifies (for treaties that "
                 "allow one, e.g. the Rome Statute)."),
]
BoundFrom = Annotated[
    str | None,
    typer.Option("--bound-from", metavar="DATE", help="The date the treaty entered into force for the party: a notice "
                 "given before the minimum time (e.g. Paris: three years) is refused, saying when notice first "
                 "becomes possible."),
]


def effective_rule(treaty_id: str | None, later_date: str | None, bound_from: str | None, conflict: bool) -> Any:
    """The ``stream.Rule`` for `effective`: the treaty's clause (the Ottawa Convention's by default) with the options
    it allows."""
    from .stream import Rule
    from ..data.treaties import first_notice_from, treaty

    chosen = treaty(treaty_id or "ottawa")
    clause = chosen.clause
    if conflict and clause.armed_conflict.value == "none":
        raise InputError(f"{clause.citation} has no armed-conflict clause: drop the armed-conflict option")
    later = optional_date(later_date, "--later-date")
    if later is not None and not clause.later_date:
        raise InputError(f"{clause.citation} does not let the notification specify a later date")
    bound = optional_date(bound_from, "--bound-from")
    if bound is not None and clause.notice_not_before is None:
        raise InputError(f"{clause.citation} sets no minimum time before notice: drop --bound-from")
    return Rule(chosen.id, clause, later, first_notice_from(chosen, bound))


def _emit(fmt: Format, output: str | None, result: Result) -> None:
    from .output import write_result
    from ..render import render

    write_result(render(fmt, result, terminal(output)), output_path(output))


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
    from ..documents import treaty_dict
    from ..data.treaties import all_treaties

    _emit(fmt, output, Result(View.TREATIES, [treaty_dict(t) for t in all_treaties()]))


@guarded
def withdrawals(
    treaty: Annotated[str | None, typer.Option("--treaty", metavar="ID", autocompletion=complete_treaty,
                                               help="Only this treaty's withdrawals.")] = None,
    state: Annotated[str | None, typer.Option("--state", metavar="STATE",
                                              help="Only this state's (name or ISO alpha-3 code).")] = None,
    fmt: Annotated[Format, LIST_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Recorded withdrawals from treaties: the dates stated by the depositary or the government, the date the
    treaty's rule gives, whether they agree, and why not where they differ.

    \b
    Examples:
      ottawa-exit withdrawals
      ottawa-exit withdrawals --treaty icsid --format csv
      ottawa-exit withdrawals --state "North Korea" --format json
    """
    from ..documents import withdrawal_dict
    from ..data.withdrawals import agreement, select

    rows = select(treaty, state)
    _emit(fmt, output, Result(View.WITHDRAWALS, [withdrawal_dict(r) for r in rows], caption=agreement(rows)))
