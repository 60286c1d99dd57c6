"""`rules check` (users' rules files validated, every problem listed) and `rules template` (a starter file).

No `from __future__ import annotations` here: Typer reads these annotations when it builds the command.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import api
from ..render import Format
from .group import Command, OneLineErrors, fail
from .options import CHECK_FORMATS, Debug, Output, RulesFiles, complete_country, guarded, load_rules
from .output import emit

app = typer.Typer(name="rules", cls=OneLineErrors, help="Check users' rules files, or print a starter file.",
                  rich_markup_mode=None, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


@app.command("check", cls=Command)
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
    check = api.check_rules(files)
    if fmt is Format.JSON or check.ok:
        emit(fmt, None, check)
    else:
        sys.stderr.write("".join(f"{problem}\n" for problem in check.problems))
    if not check.ok:
        count = len(check.problems)
        fail(f"{count} problem{'s' if count > 1 else ''} in {len(files)} file{'s' if len(files) > 1 else ''}", 2)


@app.command("template", cls=Command)
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
    emit(Format.TEXT, output, api.template(country, load_rules(ctx, rules)))
