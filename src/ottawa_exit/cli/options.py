"""What every command shares: one-line errors and exit codes, the options, their parsing and their completion.

No `from __future__ import annotations` here: Typer reads these annotations at each start.
"""

import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NamedTuple, NoReturn

import typer
import typer.main as typer_main
import typer.models
from typer.core import TyperArgument, TyperGroup

from ..engine.dates import parse_date
from ..errors import OttawaExitError, shown
from ..render import Format
from ..data.registry import Rules, rules_files_from_env

from typer._click import exceptions as click_exceptions  # Typer 0.29 (our lower bound) vendors Click


class OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr (exit 2), never a box or a traceback."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        try:
            result = super().main(args=args, prog_name=prog_name, complete_var=complete_var, standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
        except click_exceptions.NoArgsIsHelpError as exc:  # bare `ottawa-exit`, `ottawa-exit rules`: help, not an error
            sys.stdout.write(exc.ctx.get_help() + "\n")
            sys.stdout.flush()
            result = 0
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


class _CommandsOnDemand(MutableMapping[str, Any]):
    """Every command's name, and its Click command built on first use (see ``LazyCommands``)."""

    def __init__(self, source: typer.Typer):
        self.source = source
        self.built: dict[str, Any] = {}
        self.infos: dict[str, Any] = {
            info.name or typer_main.get_command_name(info.callback.__name__): info  # type: ignore[union-attr]
            for info in source.registered_commands
        }
        self.infos.update({str(group.name): group for group in source.registered_groups})

    def __getitem__(self, name: str) -> Any:
        if name not in self.built:
            info = self.infos[name]  # KeyError for an unknown name, as a dict would
            short, markup = self.source.pretty_exceptions_short, self.source.rich_markup_mode
            if isinstance(info, typer.models.TyperInfo):
                self.built[name] = typer_main.get_group_from_info(
                    info, pretty_exceptions_short=short, rich_markup_mode=markup,
                    suggest_commands=self.source.suggest_commands)
            else:
                self.built[name] = typer_main.get_command_from_info(
                    info, pretty_exceptions_short=short, rich_markup_mode=markup)
        return self.built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command
        self.infos.setdefault(name, None)

    def __delitem__(self, name: str) -> None:
        self.built.pop(name, None)
        del self.infos[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)


class LazyCommands(OneLineErrors):
    """Click's lazy-loading group: a command's Click object is built only when that command is run, looked up for
    completion, or listed in help. Typer converts every parameter of every command at each start (signatures, type
    hints, a validator per option); building only the one being run saves 28 M instructions of a
    `timeline poland --format json` run, 3.9% of its budget (benchmarks/bench.py). The app, its tests and `main()`
    are one and the same; ``source`` is the Typer app the commands are declared on."""

    source: typer.Typer

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _CommandsOnDemand(self.source)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names only: help builds each command as it formats it


def lazy_commands(source: typer.Typer) -> type[LazyCommands]:
    """The group class for an app whose commands are declared on ``source``."""
    return type("Commands", (LazyCommands,), {"source": source})


def _metavar_only(self: TyperArgument, ctx: Any) -> str | None:
    """An argument with a metavar is shown as the metavar alone in help (``COUNTRY``, not ``COUNTRY <str>``)."""
    return None if self.metavar else _TYPE_SHOWN(self, ctx)


_TYPE_SHOWN = TyperArgument.display_type_rich
setattr(TyperArgument, "display_type_rich", _metavar_only)  # Typer 0.29 appends the Python type to every argument


def _sentence(message: str) -> str:
    message = " ".join(message.split()).replace("Value error, ", "")  # Typer's validators prefix pydantic's words
    return message[:1].lower() + message[1:].rstrip(".")


def quiet_exit_on_closed_pipe() -> NoReturn:
    """The reader went away (``| head``): it has what it wanted, so end quietly with 0. Python would flush stdout
    again at exit and fail on the closed pipe, so stdout is pointed at /dev/null first."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os._exit(0)


def fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()
    sys.exit(code)


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
            quiet_exit_on_closed_pipe()
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except (typer.Exit, click_exceptions.ClickException, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # noqa: BLE001 - the user sees one line; --debug shows the rest
            if kwargs.get("debug"):
                traceback.print_exc()
            fail(f"unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)", 1)

    return run


# ---------------------------------------------------------------------------------------------------------------
# Rules files: the root's --rules, then each command's (an alias that appends)


class Settings(NamedTuple):
    """What the root callback keeps on ``ctx.obj`` for the command: the rules files, $OTTAWA_EXIT_RULES first, and
    the rules the root already read and checked from them (None when there are none)."""

    rules_files: tuple[Path, ...]
    rules: Rules | None = None


def settings(root_rules: list[str] | None) -> Settings:
    return Settings((*rules_files_from_env(), *(Path(r) for r in root_rules or [])))


def root_settings(ctx: typer.Context, root_rules: list[str] | None) -> Settings:
    """The root callback's settings. A broken rules file is an error for every command (`rules check` reports every
    problem itself); the rules read here serve the command, so the files are read once."""
    found = settings(root_rules)
    if not found.rules_files or ctx.resilient_parsing or ctx.invoked_subcommand == "rules":
        return found
    checked = Rules(found.rules_files)
    try:
        checked.check()
    except OttawaExitError as exc:
        fail(str(exc), exc.exit_code)
    return found._replace(rules=checked)


def load_rules(ctx: typer.Context, rules: list[str] | None = None) -> Rules:
    """The rules for a command: the root's files and the command's own ``--rules``. Completion runs no callback,
    so there the root's files come from its parsed options."""
    root = ctx.obj if isinstance(ctx.obj, Settings) else settings(ctx.find_root().params.get("rules"))
    if root.rules is not None and not rules:
        return root.rules  # read and checked once, by the root callback
    return Rules([*root.rules_files, *(Path(r) for r in rules or [])])


# ---------------------------------------------------------------------------------------------------------------
# Completion: never raises, since a shell calls it on every <TAB>


def complete_country(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        return list(load_rules(ctx, ctx.params.get("rules")).completions(incomplete))
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []


def _typed_params(ctx: typer.Context) -> dict[str, Any]:
    """The command's parameters as typed so far. Completing an option's value (``--step se``), Click's resilient
    parse stops at that option and leaves the arguments before it unset; the parent context keeps the command's
    words, so the command parses them again without the option."""
    if ctx.params.get("country") or ctx.parent is None:
        return ctx.params
    words = list(ctx.parent.args)
    if words and words[-1].startswith("-"):
        words = words[:-1]
    return ctx.command.make_context(ctx.info_name, words, parent=ctx.parent, resilient_parsing=True).params


def complete_step(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        params = _typed_params(ctx)
        if not params.get("country"):
            return []
        state = load_rules(ctx, params.get("rules")).state(params["country"])
        return [(f"{s.id}=", s.title) for s in state.procedure.steps if s.id.startswith(incomplete)]
    except Exception:  # noqa: BLE001
        return []


# ---------------------------------------------------------------------------------------------------------------
# Options


class Formats:
    """A command's --format choices, a subset of ``Format``: one object parses, completes and lists them."""

    def __init__(self, *choices: Format) -> None:
        self.choices = choices

    def __call__(self, value: str | Format) -> Format:
        if value in self.choices:
            return Format(value)
        raise typer.BadParameter(f"{shown(str(value))} is not one of {', '.join(self.choices)}",
                                 param_hint="'--format'")

    def complete(self, incomplete: str) -> list[str]:
        return [c.value for c in self.choices if c.startswith(incomplete)]

    def option(self) -> Any:
        return typer.Option("--format", "-f", metavar="FORMAT", parser=self, autocompletion=self.complete,
                            help=f"Output format: {', '.join(self.choices)}.")


CHARTS = (Format.SVG, Format.PNG, Format.PDF, Format.HTML)
TIMELINE_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, Format.ICS, *CHARTS)
COUNTRY_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, Format.HTML)
LIST_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV)
PROCEDURE_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, Format.MARKDOWN)
CHECK_FORMATS = Formats(Format.TABLE, Format.JSON)

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="What was known on this date (YYYY-MM-DD): later events are "
                 "ignored and projected. Default: today."),
]
# Paths are taken as plain strings: Typer's Path type costs start-up time, and output.py checks the path itself.
Output = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (whole or not at all) instead of stdout; "
                 "'-' is stdout."),
]
RULES_HELP = ("A rules file (TOML) adding or extending states; repeatable. Also read from $OTTAWA_EXIT_RULES (a list "
              "of files).")
RulesFiles = Annotated[
    list[str] | None,
    typer.Option("--rules", metavar="FILE", help="Same as 'ottawa-exit --rules FILE COMMAND': adds to the files "
                 "given there."),
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


def optional_date(value: str | None, what: str) -> date | None:
    return parse_date(value, what) if value is not None else None


def as_of_date(value: str | None) -> date:
    return optional_date(value, "--as-of") or date.today()


def output_path(output: str | None) -> Path | None:
    """The file to write, or None for standard output (no option, or '-')."""
    return Path(output) if output is not None and output != "-" else None


def terminal(output: str | None) -> bool:
    """Colour, box drawing and links only for a real terminal that has not asked for NO_COLOR."""
    return output_path(output) is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
