"""What every command shares: one-line errors and exit codes, the options, their parsing and their completion.

No `from __future__ import annotations` here: Typer reads these annotations at each start.
"""

import functools
import os
import re
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from ..data.registry import Rules, rules_files_from_env
from ..data.treaties import treaty, treaty_ids
from ..engine.dates import parse_date
from ..errors import InputError, OttawaExitError, UnknownName, shown
from ..render import CHARTS, ChartOptions, Format
from .group import fail

# The library names the input at fault by its parameter (InputError.about); the command line by its option.
FLAGS = {"step": "--step", "receipt": "--receipt", "later_date": "--later-date", "bound_from": "--bound-from",
         "armed_conflict": "--armed-conflict", "armed_conflict_until": "--armed-conflict-until",
         "as_of": "--as-of", "treaty": "--treaty", "status": "--status", "sort": "--sort", "kind": "--kind"}


# Where the names are listed, for a name the registries do not know (UnknownName.kind)
LISTED_BY = {"country": " ('ottawa-exit countries --all' lists every state)",
             "treaty": "; 'ottawa-exit treaties' lists them"}


def message(error: OttawaExitError) -> str:
    """The one line the user reads: the library's message, after the option at fault when it names one, or with
    the command that lists the names when a name is unknown."""
    if isinstance(error, UnknownName) and error.kind in LISTED_BY:
        return f"{error}{LISTED_BY[error.kind]}"
    about = error.about if isinstance(error, InputError) else None
    return f"{FLAGS[about]}: {error}" if about in FLAGS else str(error)


def quiet_exit_on_closed_pipe() -> NoReturn:
    """The reader went away (``| head``): it has what it wanted, so end quietly with 0. Python would flush stdout
    again at exit and fail on the closed pipe, so stdout is pointed at /dev/null first."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os._exit(0)


def guarded(command: Callable[..., None]) -> Callable[..., None]:
    """Run a command, turning the project's errors into one line and an exit code; --debug keeps the traceback."""
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except OttawaExitError as exc:
            if kwargs.get("debug"):
                traceback.print_exc()
            fail(message(exc), exc.exit_code)
        except BrokenPipeError:
            quiet_exit_on_closed_pipe()
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except (typer.Exit, typer.TyperException, typer.Abort, SystemExit):  # Typer's own: its parser reports them
            raise
        except Exception as exc:  # noqa: BLE001 - the user sees one line; --debug shows the rest
            if kwargs.get("debug"):
                traceback.print_exc()
            fail(f"unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)", 1)

    return run


# ---------------------------------------------------------------------------------------------------------------
# Rules files: the root's --rules, then each command's (an alias that appends)


@dataclass(frozen=True, slots=True)
class Settings:
    """What the root callback keeps for the command (in ``ctx.meta``, Click's dict shared by nested contexts): the rules files, $OTTAWA_EXIT_RULES first, and
    the rules the root already read and checked from them (None when there are none)."""

    rules_files: tuple[Path, ...]
    rules: Rules | None = None


def settings(root_rules: list[str] | None) -> Settings:
    """The rules files of a run: $OTTAWA_EXIT_RULES first, then the root's --rules."""
    return Settings((*rules_files_from_env(), *(Path(r) for r in root_rules or [])))


SETTINGS = "ottawa_exit.settings"  # the key of the root's Settings in ctx.meta


def keep_root_settings(ctx: typer.Context, root_rules: list[str] | None) -> None:
    """Keep the root's settings for the command (``load_rules`` reads them)."""
    ctx.meta[SETTINGS] = root_settings(ctx, root_rules)


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
        fail(message(exc), exc.exit_code)
    return replace(found, rules=checked)


def load_rules(ctx: typer.Context, rules: list[str] | None = None) -> Rules:
    """The rules for a command: the root's files and the command's own ``--rules``. Completion runs no callback,
    so there the root's files come from its parsed options."""
    kept = ctx.meta.get(SETTINGS)
    root = kept if isinstance(kept, Settings) else settings(ctx.find_root().params.get("rules"))
    if root.rules is not None and not rules:
        return root.rules  # read and checked once, by the root callback
    return Rules([*root.rules_files, *(Path(r) for r in rules or [])])


# ---------------------------------------------------------------------------------------------------------------
# Completion: never raises, since a shell calls it on every <TAB>


def complete_country(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Names, codes and ids of every state, with the state's name as help."""
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
    """The chosen state's step ids, each with its title as help."""
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


TIMELINE_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, Format.ICS, *CHARTS, Format.HTML)
COUNTRY_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, Format.HTML)
LIST_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV)
EFFECTIVE_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, Format.MARKDOWN)
PARTIES_FORMATS = Formats(Format.TABLE, Format.JSON, Format.NDJSON, Format.CSV, *CHARTS, Format.HTML)
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
def complete_treaty(incomplete: str) -> list[tuple[str, str]]:
    """Treaty ids, each with the treaty's short name as help."""
    try:
        return [(t, treaty(t).short_name) for t in treaty_ids() if t.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []


TreatyId = Annotated[
    str | None,
    typer.Option("--treaty", metavar="ID", autocompletion=complete_treaty,
                 help="Apply this treaty's exit clause (default: ottawa, Article 20(3)): an id, a short name or an "
                 "acronym (NPT, ICC, 'Paris Agreement'); 'ottawa-exit treaties' lists them."),
]
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
    """An option's date (``what``: the option, named in an error), or None when it is not given."""
    return parse_date(value, what) if value is not None else None


def as_of_date(value: str | None) -> date:
    """--as-of, today when it is not given."""
    return optional_date(value, "--as-of") or date.today()


# ---------------------------------------------------------------------------------------------------------------
# Chart options: --size, --dpi, --title (svg, png, pdf; --title also html)

ChartSize = Annotated[
    str | None,
    typer.Option("--size", metavar="WxH", help="Chart size in pixels at 100 per inch, e.g. 1200x675 (svg, png, "
                 "pdf; default 1200 wide, the height by the rows)."),
]
ChartDpi = Annotated[
    int | None,
    typer.Option("--dpi", metavar="N", help="PNG resolution: 200 doubles the pixels, the layout unchanged "
                 "(default 100).", show_default=False),
]
ChartTitle = Annotated[
    str | None,
    typer.Option("--title", metavar="TEXT", help="The chart's title (html: the page's heading) in place of the "
                 "default; '' for none."),
]
SIZE_RANGE = (200, 10_000)  # pixels, each side
DPI_RANGE = (50, 1200)
MAX_PIXELS = 100_000_000  # a PNG's pixels at its resolution: 100 megapixels is about 400 MB of memory to draw
_SIZE = re.compile(r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*", re.ASCII)


def parse_size(text: str) -> tuple[int, int]:
    """``WxH`` in whole pixels, each side within SIZE_RANGE; else an InputError naming --size."""
    match = _SIZE.fullmatch(text)
    if not match:
        raise InputError(f"--size: {shown(text)} is not WIDTHxHEIGHT in pixels, e.g. 1200x675")
    width, height = int(match[1]), int(match[2])
    low, high = SIZE_RANGE
    if not (low <= width <= high and low <= height <= high):
        raise InputError(f"--size: {width}x{height} is out of range: each side from {low} to {high} pixels")
    return width, height


def chart_options(fmt: Format, size: str | None, dpi: int | None, title: str | None) -> ChartOptions:
    """The chart options given, checked: --size and --dpi for svg, png and pdf only, --title for html too."""
    given = [name for name, value in (("--size", size), ("--dpi", dpi)) if value is not None]
    if given and fmt not in CHARTS or title is not None and fmt not in (*CHARTS, Format.HTML):
        names = " and ".join(given + (["--title"] if title is not None else []))
        raise InputError(f"{names}: only for a chart (--format svg, png or pdf), not --format {fmt.value}")
    if dpi is not None and not DPI_RANGE[0] <= dpi <= DPI_RANGE[1]:
        raise InputError(f"--dpi: {dpi} is out of range ({DPI_RANGE[0]} to {DPI_RANGE[1]})")
    options = ChartOptions(parse_size(size) if size is not None else None, dpi or 100, _one_line(title))
    if fmt is Format.PNG and options.size:
        pixels = options.size[0] * options.size[1] * (options.dpi / 100) ** 2
        if pixels > MAX_PIXELS:
            raise InputError(f"--size {size} at --dpi {options.dpi} is {pixels / 1e6:.0f} million pixels; "
                             f"at most {MAX_PIXELS // 1_000_000} million")
    return options


def _one_line(title: str | None) -> str | None:
    """A title on one line: control characters refused, as in rules files."""
    if title is None:
        return None
    if any(not ch.isprintable() for ch in title):
        raise InputError(f"--title: {shown(title)} has a control character (a title is one line of text)")
    return title.strip()
