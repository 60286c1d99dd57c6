"""The command line: the root (``--version``, ``--rules``) and every command by name. Each command lives in the
module of its concept, calls the library (``ottawa_exit.api``) and renders the result in one call; ``Commands``
imports that module and has Typer build the command only when it runs. Exit codes: 0 ok, 1 failure, 2 bad input.

No `from __future__ import annotations` here: Typer reads these annotations at each start.
"""

import contextlib
import sys
from typing import Annotated

import typer

from ..version import DATA_REVIEWED, __version__
from .group import Commands
from .options import RULES_HELP, keep_root_settings
from .signals import Stopped, stop_on_signals


class Root(Commands):
    """Every command, in the order help lists them: "module:attribute" in this package."""

    lazy = {
        "timeline": ".timelines:timeline",
        "countries": ".countries:countries",
        "parties": ".countries:parties",
        "effective": ".effective:effective",
        "compare": ".timelines:compare",
        "procedure": ".procedure:procedure",
        "backtest": ".backtest:backtest",
        "treaties": ".treaties:treaties",
        "withdrawals": ".treaties:withdrawals",
        "sources": ".source_commands:sources",
        "export": ".export_command:export",
        "rules": ".rules:app",
    }


app = typer.Typer(
    cls=Root,
    name="ottawa-exit",
    help="When withdrawals from the Ottawa Convention (the Mine Ban Treaty) take effect, what is recorded and what "
    "remains. Dates from the public record carry their source; projected dates carry a range.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


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
    keep_root_settings(ctx, rules)


def main() -> None:
    stop_on_signals()
    try:
        app()
    except Stopped as stopped:  # raised wherever the signal came; every cleanup on the way has run
        with contextlib.suppress(OSError, ValueError):  # a hung-up terminal takes no more text
            sys.stderr.write(f"error: {stopped}\n")
            sys.stderr.flush()
        sys.exit(stopped.exit_code)
