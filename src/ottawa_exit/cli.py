"""The command line: parse, call the engine, pick a renderer, map errors to exit codes (0 ok, 1 failure, 2 bad input).

Renderers are imported inside the commands that use them, so `--format json` never loads Rich. No
`from __future__ import annotations` here: Typer would evaluate every string annotation again at each start.
"""

import functools
import os
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from .dates import parse_date
from .errors import InputError, OttawaExitError, shown
from .render import Builder, list_builders
from .registry import Rules, rules_files_from_env
from .version import DATA_REVIEWED, __version__

try:  # Typer 0.29 vendors Click; older releases depend on it
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover
    from click import exceptions as click_exceptions  # type: ignore[no-redef]


class OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr (exit 2), never a box or a traceback."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            result = super().main(args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False,
                                  **extra)
        except click_exceptions.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "ottawa-exit"
            fail(f"{_sentence(exc.format_message())} (see '{command} --help')", 2)
        except click_exceptions.ClickException as exc:
            fail(_sentence(exc.format_message()), exc.exit_code)
        except typer.Abort:
            fail("aborted", 1)
        code = result if isinstance(result, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _sentence(message: str) -> str:
    message = " ".join(message.split())
    return message[:1].lower() + message[1:].rstrip(".")


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()
    sys.exit(code)


APP_SETTINGS: dict[str, Any] = dict(
    cls=OneLineErrors,
    name="ottawa-exit",
    help="When withdrawals from the Ottawa Convention (the Mine Ban Treaty) take effect, what is recorded and what "
    "remains. Dates from the public record carry their source; projected dates carry a range.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
app = typer.Typer(**APP_SETTINGS)
rules_app = typer.Typer(
    cls=OneLineErrors, help="Check users' rules files, or print a starter file.", rich_markup_mode=None,
    no_args_is_help=True,
)
app.add_typer(rules_app, name="rules")


# ---------------------------------------------------------------------------------------------------------------
# Completion: never raises, since a shell calls it on every <TAB>


def _rules_for_completion(ctx: typer.Context) -> Rules:
    return _load_rules(ctx.params.get("rules"))


def complete_country(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        return list(_rules_for_completion(ctx).completions(incomplete))
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []


def complete_step(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        country = ctx.params.get("country") or _country_from_shell_words()
        if not country:
            return []
        state = _rules_for_completion(ctx).state(country)
        return [(f"{s.id}=", s.title) for s in state.procedure.steps if s.id.startswith(incomplete)]
    except Exception:  # noqa: BLE001
        return []


def _country_from_shell_words() -> str | None:
    """The COUNTRY already typed, read from the words the shell passes for completion (Typer's resilient parse
    leaves arguments unset there)."""
    words = (os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or "").split()
    if "timeline" not in words:
        return None
    rest = words[words.index("timeline") + 1:]
    takes_value = {"--as-of", "--receipt", "--step", "--armed-conflict-until", "--format", "-f", "--output", "-o",
                   "--rules"}
    skip = False
    for word in rest:
        if skip:
            skip = False
        elif word in takes_value:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def _format_completer(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [c for c in choices if c.startswith(incomplete)]

    return complete


# ---------------------------------------------------------------------------------------------------------------
# Shared options

TIMELINE_FORMATS = ("table", "json", "ndjson", "csv", "svg", "ics")
LIST_FORMATS = ("table", "json", "ndjson", "csv")
PROCEDURE_FORMATS = ("table", "json", "markdown")


def format_option(choices: tuple[str, ...]) -> Any:
    return typer.Option(
        "--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(choices)}.",
        autocompletion=_format_completer(choices),
    )


AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="What was known on this date (YYYY-MM-DD): later events are "
                 "ignored and projected. Default: today."),
]
# Paths are taken as plain strings: Typer's Path type costs start-up time, and output.py checks the path itself.
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (whole or not at all) instead of stdout."),
]
RulesFiles = Annotated[
    list[str] | None,
    typer.Option("--rules", metavar="FILE", help="A rules file (TOML) adding or extending states; repeatable. "
                 "Also read from $OTTAWA_EXIT_RULES (a list of files)."),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected error.")]
ArmedConflictUntil = Annotated[
    str | None,
    typer.Option("--armed-conflict-until", metavar="DATE",
                 help="Article 20(3): the state is engaged in an armed conflict that ends on DATE."),
]
ArmedConflictFlag = Annotated[
    bool,
    typer.Option("--armed-conflict", help="Article 20(3): the state is engaged in an armed conflict with no known "
                 "end, so the effective date is indeterminate."),
]


def _load_rules(rules: list[str] | None) -> Rules:
    return Rules([*rules_files_from_env(), *(Path(r) for r in rules or [])])


def _optional_date(value: str | None, what: str) -> date | None:
    return parse_date(value, what) if value is not None else None


def _as_of(value: str | None) -> date:
    return _optional_date(value, "--as-of") or date.today()


def _output_path(output: str | None) -> Path | None:
    return Path(output) if output is not None else None


def _check_format(fmt: str, choices: tuple[str, ...]) -> str:
    if fmt not in choices:
        raise InputError(f"--format: {shown(fmt)} is not one of {', '.join(choices)}")
    return fmt


def _terminal(output: str | None) -> bool:
    """Colour and box drawing only for a real terminal that has not asked for NO_COLOR."""
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def guarded(command: Callable[..., None]) -> Callable[..., None]:
    """Run a command, turning the project's errors into one line and an exit code; --debug keeps the traceback."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except OttawaExitError as exc:
            if kwargs.get("debug"):
                traceback.print_exc()
            fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
            os._exit(1)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except (typer.Exit, click_exceptions.ClickException, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the user sees one line; --debug shows the rest
            if kwargs.get("debug"):
                traceback.print_exc()
            fail(f"unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)", 1)

    return run


def _emit(fmt: str, output: str | None, builders: dict[str, Builder]) -> None:
    from .output import write_result

    write_result(builders[fmt](_terminal(output)), _output_path(output))


# ---------------------------------------------------------------------------------------------------------------
# Commands


def _version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"ottawa-exit {__version__} (rules data reviewed {DATA_REVIEWED})\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version_callback, is_eager=True,
                                          help="Print the version and the date the rules data were reviewed.")] = False,
) -> None:
    """Withdrawals from the Ottawa Convention: dates, steps, and Article 20."""


@app.command()
@guarded
def timeline(
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
    fmt: Annotated[str, format_option(TIMELINE_FORMATS)] = "table",
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
      ottawa-exit timeline ukraine --receipt 2026-12-01 --armed-conflict-until 2027-03-01
    """
    from .timeline import Overrides, project_timeline

    _check_format(fmt, TIMELINE_FORMATS)
    day = _as_of(as_of)
    overrides = Overrides.build(
        receipt=_optional_date(receipt, "--receipt"),
        steps=[_parse_step_override(s) for s in step or []],
        armed_conflict_until=_optional_date(armed_conflict_until, "--armed-conflict-until"),
        armed_conflict=armed_conflict,
        no_armed_conflict=no_armed_conflict,
    )
    state = _load_rules(rules).state(country)
    result = project_timeline(state, day, overrides)
    _emit(fmt, output, _timeline_builders([result], single=True, verbose=verbose))


def _parse_step_override(text: str) -> tuple[str, date]:
    step_id, sep, value = text.partition("=")
    if not sep or not step_id.strip():
        raise InputError(f"--step: {shown(text)} must be ID=DATE, e.g. senate=2025-07-17")
    return step_id.strip(), parse_date(value.strip(), f"--step {step_id.strip()}")


def _timeline_builders(timelines: list[Any], single: bool, verbose: bool = False) -> dict[str, Builder]:
    from .render.data import TIMELINE_CSV_HEADER, timeline_csv_rows, timeline_dict

    def table(terminal: bool) -> str:
        from .render.table import make_console, render_to_text, timeline_renderables

        console = make_console(terminal)
        items: list[Any] = []
        for t in timelines:
            items += timeline_renderables(t, terminal, verbose, console.width)
        return render_to_text(items, terminal, console=console)

    def as_svg(_: bool) -> str:
        from .render.chart import timeline_svg

        return timeline_svg(timelines)

    def as_ics(_: bool) -> str:
        from .render.ics import calendar

        return calendar(timelines)

    builders = list_builders(lambda: [timeline_dict(t) for t in timelines], TIMELINE_CSV_HEADER,
                             lambda: (row for t in timelines for row in timeline_csv_rows(t)), table, single)
    return {**builders, "svg": as_svg, "ics": as_ics}


@app.command()
@guarded
def countries(
    as_of: AsOf = None,
    fmt: Annotated[str, format_option(LIST_FORMATS)] = "table",
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """Every state in the rules with its status, receipt and effective date.

    \b
    Examples:
      ottawa-exit countries
      ottawa-exit countries --as-of 2025-09-01 --format csv -o states.csv
    """
    from .timeline import project_timeline

    _check_format(fmt, LIST_FORMATS)
    day = _as_of(as_of)
    timelines = [project_timeline(s, day) for s in _load_rules(rules).all()]

    def table(terminal: bool) -> str:
        from .render.table import countries_renderables, render_to_text

        return render_to_text(countries_renderables(timelines, terminal), terminal)

    from .render.data import COUNTRY_CSV_HEADER, country_csv_row, country_dict

    _emit(fmt, output, list_builders(lambda: [country_dict(t) for t in timelines], COUNTRY_CSV_HEADER,
                                     lambda: (country_csv_row(t) for t in timelines), table))


@app.command()
@guarded
def effective(
    dates: Annotated[list[str], typer.Argument(metavar="DATE...", show_default=False,
                                               help="Dates the Depositary received an instrument (YYYY-MM-DD); "
                                               "'-' reads one per line from standard input.")],
    armed_conflict_until: ArmedConflictUntil = None,
    armed_conflict: ArmedConflictFlag = False,
    count: Annotated[str, typer.Option("--count", metavar="COUNT", help="same-day (the UN's practice) or day-after (some other "
                                       "depositaries, e.g. the World Bank for ICSID).",
                                       autocompletion=_format_completer(("same-day", "day-after")))] = "same-day",
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Report bad lines on stderr, skip them, and "
                                             "exit 1 at the end if any were skipped.")] = False,
    fmt: Annotated[str, format_option(LIST_FORMATS)] = "table",
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Article 20 alone: the date a withdrawal takes effect, from the date the Depositary received it.

    \b
    Examples:
      ottawa-exit effective 2025-08-20
      ottawa-exit effective 2025-06-27 2025-08-31 --format csv
      seq-of-dates | ottawa-exit effective - --format ndjson -o effects.ndjson
    """
    from .article20 import ArmedConflict, Count
    from .stream import run_effective

    _check_format(fmt, LIST_FORMATS)
    try:
        counting = Count(count)
    except ValueError:
        raise InputError(f"--count: {shown(count)} is not one of same-day, day-after") from None
    end = _optional_date(armed_conflict_until, "--armed-conflict-until")
    if end is not None and armed_conflict:
        raise InputError("contradictory options: give --armed-conflict or --armed-conflict-until, not both")
    conflict = ArmedConflict(end=end) if (end is not None or armed_conflict) else None
    if dates.count("-") > 1:
        raise InputError("'-' (standard input) may be given once")
    skipped = run_effective(dates, sys.stdin, fmt, _output_path(output), conflict, counting, keep_going)
    if skipped:
        fail(f"{skipped} bad line{'s' if skipped > 1 else ''} skipped", 1)


@app.command()
@guarded
def compare(
    country: Annotated[list[str] | None, typer.Argument(metavar="[COUNTRY]...", show_default=False,
                                                        autocompletion=complete_country,
                                                        help="States to compare (default: every state).")] = None,
    as_of: AsOf = None,
    fmt: Annotated[str, format_option(TIMELINE_FORMATS)] = "table",
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """Several states on one date axis: recorded and projected steps, receipt, effect, and the as-of date.

    \b
    Examples:
      ottawa-exit compare
      ottawa-exit compare poland finland --as-of 2025-06-01
      ottawa-exit compare --format svg -o chart.svg
    """
    from .timeline import project_timeline

    _check_format(fmt, TIMELINE_FORMATS)
    day = _as_of(as_of)
    loaded = _load_rules(rules)
    states = [loaded.state(c) for c in country] if country else loaded.all()
    states = list({s.id: s for s in states}.values())
    timelines = [project_timeline(s, day) for s in states]
    builders = _timeline_builders(timelines, single=False)

    def chart(terminal: bool) -> str:
        from .render.chart import chart_text

        return chart_text(timelines, terminal)

    builders["table"] = chart
    _emit(fmt, output, builders)


@app.command()
@guarded
def procedure(
    country: Annotated[str, typer.Argument(help="State name, native name or ISO code.", show_default=False,
                                           metavar="COUNTRY", autocompletion=complete_country)],
    fmt: Annotated[str, format_option(PROCEDURE_FORMATS)] = "table",
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
    _check_format(fmt, PROCEDURE_FORMATS)
    state = _load_rules(rules).state(country)

    def table(terminal: bool) -> str:
        from .render.table import procedure_renderables, render_to_text

        return render_to_text(procedure_renderables(state, terminal), terminal)

    def as_json(_: bool) -> str:
        from .render.data import procedure_dict
        from .render.structured import to_json

        return to_json(procedure_dict(state))

    def as_markdown(_: bool) -> str:
        from .render.markdown import procedure_markdown

        return procedure_markdown(state)

    _emit(fmt, output, {"table": table, "json": as_json, "markdown": as_markdown})


@app.command()
@guarded
def backtest(
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Project as of this date (default: the joint statement, "
                                              "2025-03-18).")] = None,
    fmt: Annotated[str, format_option(LIST_FORMATS)] = "table",
    output: Output = None,
    rules: RulesFiles = None,
    debug: Debug = False,
) -> None:
    """Project every state with a recorded effective date as of an earlier date, and compare with the record.

    The error is the typical projection minus the actual date, in days (positive: projected too late). The ranges
    keep their stated basis; most are grounded in the same 2025 record, so this is an in-sample check.

    \b
    Examples:
      ottawa-exit backtest
      ottawa-exit backtest --as-of 2025-05-01 --format json
    """
    from .backtest import backtest as run
    from .timeline import JOINT_STATEMENT

    _check_format(fmt, LIST_FORMATS)
    day = parse_date(as_of, "--as-of") if as_of else JOINT_STATEMENT
    rows = run(_load_rules(rules).all(), day)
    from .render.report import backtest_builders

    _emit(fmt, output, backtest_builders(rows, day))


@rules_app.command("check")
@guarded
def rules_check(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", show_default=False, dir_okay=False,
                                                help="Rules files (TOML) to validate.")],
    debug: Debug = False,
) -> None:
    """Validate rules files: every problem with its file, key path and reason; exit 2 if there is any.

    \b
    Examples:
      ottawa-exit rules check my-rules.toml
      ottawa-exit rules template germany > germany.toml && ottawa-exit rules check germany.toml
    """
    from .load import RulesError

    loaded = Rules(files)
    try:
        states = loaded.all()
    except RulesError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        count = len(exc.problems)
        fail(f"{count} problem{'s' if count > 1 else ''} in {len(files)} file{'s' if len(files) > 1 else ''}", 2)
    by_file = {str(f): s for s in states for f in s.origin}
    for path in files:
        state = by_file.get(str(path))
        what = f"{state.name}: {len(state.procedure.steps)} steps, {len(state.events)} events" if state else "no state"
        sys.stdout.write(f"ok: {path} ({what})\n")


@rules_app.command("template")
@guarded
def rules_template(
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
    from .template import template

    loaded = _load_rules(rules)
    try:
        state = loaded.state(country)
    except InputError:
        state = None
    _emit("text", output, {"text": lambda _: template(state, country)})


def main() -> None:
    app_for(sys.argv[1:])()


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command being run: Typer converts every registered command's signature at each start,
    which costs more than the whole of a `--format json` run. Help, completion and `rules` get the full app."""
    name = args[0] if args else ""
    commands = [c for c in app.registered_commands if c.callback and c.callback.__name__.replace("_", "-") == name]
    if not commands:
        return app
    lean = typer.Typer(**APP_SETTINGS, add_completion=False)  # completion runs come with no command: the full app
    lean.registered_callback = app.registered_callback
    lean.registered_commands = commands
    return lean
