"""The command line: parse, build a command's documents, render them in one call, map errors to exit codes
(0 ok, 1 failure, 2 bad input).

Each command returns a ``Result`` (documents + the engine objects behind them) and ``_emit`` renders it; renderers
are imported only for the format asked, so `--format json` never loads Rich. No `from __future__ import
annotations` here: Typer would evaluate every string annotation again at each start.
"""

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ..engine.clauses import Count
from ..engine.dates import parse_date
from ..errors import InputError, closest, shown
from .options import (
    CHECK_FORMATS, COUNTRY_FORMATS, LIST_FORMATS, PROCEDURE_FORMATS, RULES_HELP, TIMELINE_FORMATS, ArmedConflictFlag, ArmedConflictUntil, AsOf,
    Debug, OneLineErrors, Output, lazy_commands, RulesFiles, as_of_date, complete_country, complete_step, fail, guarded,
    load_rules, optional_date, output_path, root_settings, terminal,
)
from ..render import Format, Result, View
from ..data.registry import Rules
from .export_command import export
from .treaty_commands import BoundFrom, LaterDate, TreatyId, effective_rule, treaties, withdrawals
from ..version import DATA_REVIEWED, __version__

commands = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)  # each command, built when run
app = typer.Typer(
    cls=lazy_commands(commands),
    name="ottawa-exit",
    help="When withdrawals from the Ottawa Convention (the Mine Ban Treaty) take effect, what is recorded and what "
    "remains. Dates from the public record carry their source; projected dates carry a range.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
rules_app = typer.Typer(
    cls=OneLineErrors, help="Check users' rules files, or print a starter file.", rich_markup_mode=None,
    no_args_is_help=True,
)
commands.add_typer(rules_app, name="rules")


def _emit(fmt: Format, output: str | None, result: Result) -> None:
    from .output import write_result
    from ..render import render

    write_result(render(fmt, result, terminal(output)), output_path(output), f"--format {fmt.value}")


# ---------------------------------------------------------------------------------------------------------------
# Commands


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"ottawa-exit {__version__} (rules data reviewed {DATA_REVIEWED})\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version_callback, is_eager=True,
                                          help="Print the version and the date the rules data were reviewed.")] = False,
    rules: Annotated[list[str] | None, typer.Option("--rules", metavar="FILE", help=RULES_HELP)] = None,
) -> None:
    """Withdrawals from the Ottawa Convention: dates, steps, and Article 20."""
    ctx.obj = root_settings(ctx, rules)


@commands.command()
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
    from ..documents import timeline_dict
    from ..projection.timeline import Overrides, project_timeline

    day = as_of_date(as_of)
    overrides = Overrides.build(
        receipt=optional_date(receipt, "--receipt"),
        steps=[_parse_step_override(s) for s in step or []],
        armed_conflict_until=optional_date(armed_conflict_until, "--armed-conflict-until"),
        armed_conflict=armed_conflict,
        no_armed_conflict=no_armed_conflict,
    )
    state = load_rules(ctx, rules).state(country)
    result = project_timeline(state, day, overrides)
    _emit(fmt, output, Result(View.TIMELINE, [timeline_dict(result)], single=True, timelines=[result],
                              verbose=verbose))


def _parse_step_override(text: str) -> tuple[str, date]:
    step_id, sep, value = text.partition("=")
    if not sep or not step_id.strip():
        raise InputError(f"--step: {shown(text)} must be ID=DATE, e.g. senate=2025-07-17")
    return step_id.strip(), parse_date(value.strip(), f"--step {step_id.strip()}")


class RegisterSort(StrEnum):
    """`countries --sort`: by name, by bound-from date, or by status."""

    NAME = "name"
    BOUND = "bound"
    STATUS = "status"


@commands.command()
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
    sort: Annotated[RegisterSort | None, typer.Option(
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
    from ..projection.timeline import project_timeline

    day = as_of_date(as_of)
    wanted = _statuses(status)
    loaded = load_rules(ctx, rules)
    timelines = [project_timeline(s, day) for s in (loaded.every() if every else loaded.all())]
    _emit(fmt, output, _selected(timelines, day, every, wanted, sort))


def _selected(timelines: list[Any], day: date, every: bool, wanted: list[str], sort: RegisterSort | None) -> Result:
    """The countries documents with the statuses wanted (with --all and never, the states that never joined too),
    in the order asked; the caption counts every State Party, not only the rows shown."""
    from ..documents import country_dict, has_status, party_count, sort_key

    pairs: list[tuple[dict[str, Any], Any]] = [(country_dict(t), t) for t in timelines]
    count = party_count(d for d, _ in pairs)
    pairs += [(d, None) for d in _never_joined(day, every and "never" in wanted)]
    pairs = [(d, t) for d, t in pairs if not wanted or has_status(d, wanted)]
    if sort is not None:
        order = sort_key(sort.value)
        pairs.sort(key=lambda pair: order(pair[0]))
    caption = f"{count} States Parties; {len(pairs)} states shown" if wanted and every else ""
    return Result(View.REGISTER if every else View.COUNTRIES, [d for d, _ in pairs],
                  timelines=[t for _, t in pairs if t is not None], as_of=day,
                  caption=_register_caption(caption, day, timelines))


def _statuses(given: list[str] | None) -> list[str]:
    """--status values, repeatable or comma-separated; an unknown one is a one-line error naming the closest."""
    from ..documents import STATUS_FILTERS

    words = [w.strip() for value in given or [] for w in value.split(",") if w.strip()]
    for word in words:
        if word not in STATUS_FILTERS:
            near = closest(word, list(STATUS_FILTERS))
            hint = f"; did you mean '{near}'?" if near else ""
            raise InputError(f"--status: {shown(word)} is not one of {', '.join(STATUS_FILTERS)}{hint}")
    return words


def _never_joined(day: date, wanted: bool) -> list[dict[str, Any]]:
    """The states that never joined, as country documents (only when wanted: `countries --all --status never`)."""
    if not wanted:
        return []
    from ..data.register import non_parties, register
    from ..documents import never_joined_country_dict

    return [never_joined_country_dict(s, day, register().reviewed) for s in non_parties()]


def _register_caption(head: str, day: date, timelines: list[Any]) -> str:
    """The register's caption when rows were filtered: the count of all States Parties and of the rows shown."""
    if not head:
        return ""
    from ..documents import rules_reviewed

    reviewed = rules_reviewed(timelines)
    stale = f"; events after {reviewed} may be missing" if reviewed and day > reviewed else ""
    return f"{head}; as of {day}; rules reviewed {reviewed or 'not stated'}{stale}"


@commands.command()
@guarded
def parties(
    ctx: typer.Context,
    as_of: AsOf = None,
    fmt: Annotated[Format, LIST_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """How many States Parties on a date, and who: bound by the Convention, no withdrawal in effect.

    \b
    Examples:
      ottawa-exit parties
      ottawa-exit parties --as-of 2025-12-26 --format json
    """
    from ..documents import parties_dict
    from ..projection.timeline import project_timeline

    day = as_of_date(as_of)
    timelines = [project_timeline(s, day) for s in load_rules(ctx, rules).every()]
    _emit(fmt, output, Result(View.PARTIES, [parties_dict(timelines, day)], single=True, timelines=timelines,
                              as_of=day))


@commands.command()
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
    fmt: Annotated[Format, LIST_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Article 20 alone (or another treaty's exit clause): the date a withdrawal takes effect, from the date the
    Depositary received it.

    \b
    Examples:
      ottawa-exit effective 2025-08-20
      ottawa-exit effective --treaty rome-statute 2025-06-02 --format csv
      seq-of-dates | ottawa-exit effective - --format ndjson -o effects.ndjson
    """
    from ..engine.clauses import ArmedConflict
    from .stream import run_effective

    end = optional_date(armed_conflict_until, "--armed-conflict-until")
    if end is not None and armed_conflict:
        raise InputError("contradictory options: give --armed-conflict or --armed-conflict-until, not both")
    conflict = ArmedConflict(end=end) if (end is not None or armed_conflict) else None
    if dates.count("-") > 1:
        raise InputError("'-' (standard input) may be given once")
    rule = effective_rule(treaty, later_date, bound_from, conflict is not None)
    skipped = run_effective(dates, sys.stdin, fmt, output_path(output), conflict, count, keep_going, rule)
    if skipped:
        fail(f"{skipped} bad line{'s' if skipped > 1 else ''} skipped", 1)


@commands.command()
@guarded
def compare(
    ctx: typer.Context,
    country: Annotated[list[str] | None, typer.Argument(metavar="[COUNTRY]...", show_default=False,
                                                        autocompletion=complete_country,
                                                        help="States to compare (default: every state).")] = None,
    as_of: AsOf = None,
    fmt: Annotated[Format, TIMELINE_FORMATS.option()] = Format.TABLE,
    output: Output = None,
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
    """
    from ..documents import timeline_dict
    from ..projection.timeline import project_timeline

    day = as_of_date(as_of)
    loaded = load_rules(ctx, rules)
    states = [loaded.state(c) for c in country] if country else loaded.all()
    states = list({s.id: s for s in states}.values())
    timelines = [project_timeline(s, day) for s in states]
    _emit(fmt, output, Result(View.COMPARE, [timeline_dict(t) for t in timelines], timelines=timelines))


@commands.command()
@guarded
def procedure(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="State name, native name or ISO code.", show_default=False,
                                           metavar="COUNTRY", autocompletion=complete_country)],
    fmt: Annotated[Format, PROCEDURE_FORMATS.option()] = Format.TABLE,
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """The legal procedure alone: ordered steps, actor, majority, time limit, legal basis and sources.

    \b
    Examples:
      ottawa-exit procedure lithuania
      ottawa-exit procedure poland --format markdown -o poland.md
    """
    from ..documents import procedure_dict

    state = load_rules(ctx, rules).state(country)
    _emit(fmt, output, Result(View.PROCEDURE, [procedure_dict(state)], single=True, state=state))


@commands.command()
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
    from ..projection.backtest import DEFAULT_AS_OF, backtest as run
    from ..documents import backtest_dict

    days = [parse_date(d, "--as-of") for d in as_of] if as_of else list(DEFAULT_AS_OF)
    rows = run(load_rules(ctx, rules).all(), days)
    _emit(fmt, output, Result(View.BACKTEST, [backtest_dict(r) for r in rows], as_of=days[0]))


commands.command()(treaties)
commands.command()(withdrawals)
commands.command()(export)


@rules_app.command("check")
@guarded
def rules_check(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", show_default=False, dir_okay=False,
                                                help="Rules files (TOML) to validate.")],
    fmt: Annotated[Format, CHECK_FORMATS.option()] = Format.TABLE,
    debug: Debug = False,
) -> None:
    """Validate rules files: every problem with its file, key path and reason; exit 2 if there is any.

    \b
    Examples:
      ottawa-exit rules check my-rules.toml
      ottawa-exit rules check my-rules.toml --format json
      ottawa-exit rules template germany > germany.toml && ottawa-exit rules check germany.toml
    """
    from ..data.reader import RulesError

    from ..documents import check_dict

    loaded = Rules(files)
    try:
        states = loaded.all()
    except RulesError as exc:
        if fmt is Format.JSON:
            _emit(fmt, None, Result(View.TEXT, [check_dict(files, [], [str(p) for p in exc.problems])], single=True))
        else:
            for problem in exc.problems:
                sys.stderr.write(f"{problem}\n")
        count = len(exc.problems)
        fail(f"{count} problem{'s' if count > 1 else ''} in {len(files)} file{'s' if len(files) > 1 else ''}", 2)
    document = check_dict(files, states, [])
    if fmt is Format.JSON:
        _emit(fmt, None, Result(View.TEXT, [document], single=True))
        return
    for item in document["files"]:
        state = item["state"]
        what = f"{state['name']}: {item['steps']} steps, {item['events']} events" if state else "no state"
        sys.stdout.write(f"ok: {item['file']} ({what})\n")


@rules_app.command("template")
@guarded
def rules_template(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="A state in the rules (to extend it) or a new state's name.",
                                           metavar="COUNTRY", show_default=False, autocompletion=complete_country)],
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """Print a commented starter rules file: to extend a state in the rules, or to add a new one.

    \b
    Examples:
      ottawa-exit rules template poland > poland-extra.toml
      ottawa-exit rules template "North Macedonia" -o north-macedonia.toml
    """
    from ..data.template import template

    loaded = load_rules(ctx, rules)
    loaded.all()  # reads every rules file first, so a broken one fails (exit 2) instead of giving a template
    try:
        state = loaded.state(country)
    except InputError:  # not a state in the rules: a template for a new one
        state = None
    _emit(Format.TEXT, output, Result(View.TEXT, [], text=template(state, country)))


def main() -> None:
    app()
