"""`procedure`: a state's legal procedure for withdrawal, step by step.

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

from typing import Annotated

import typer

from .. import api
from ..render import Format
from .options import PROCEDURE_FORMATS, Debug, Output, RulesFiles, complete_country, guarded, load_rules
from .output import emit


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
    emit(fmt, output, api.procedure(country, load_rules(ctx, rules)))
